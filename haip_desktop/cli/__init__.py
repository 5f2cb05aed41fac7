"""The command line: the GUI by default, and subcommands on the same core as the GUI.

Each subcommand's work lives in the core packages; this module only parses arguments and
turns results into exit codes and printed lines. Heavy modules are imported inside handlers
so that `haip-desktop --help` and the GUI start stay fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..streams import make_console_safe, setup_logging
from .console import (
    display_width,
    ljust_display,
    print_write_error,
    run_guarded,
)
from .parser import JapaneseArgumentParser, fraction, integer, iso_date

if TYPE_CHECKING:
    from ..assessment.models import Assessment
    from ..guideline import Guideline
    from ..guideline.guideline import GuidelineItem

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; whatever happens, the result is an exit code, not a traceback.

    Without ``argv`` (the program itself: `haip-desktop`, `python -m haip_desktop`, the
    frozen build), the process ends right after: what is left in memory goes with it, so
    the interpreter's last pass of the cyclic garbage collector over all of it is skipped
    (gc.freeze; after a group of 300 files that pass took 60-90 ms). Callers that pass
    ``argv`` (tests, the self-test) keep their collector as it was.
    """
    make_console_safe()
    status = run_guarded(lambda: _run(argv))
    if argv is None:
        gc.freeze()
    return status


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging()
    handler: Handler = getattr(args, "handler", run_gui)
    return handler(args)


def main_gui() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(["gui"])


EXIT_CODES = """終了コード:
  0    成功
  1    処理できなかった（理由と、どうすればよいかを表示します）
  2    指定の誤り（使い方を表示します）
  130  中断した（Ctrl+C）"""


def build_parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(
        prog="haip-desktop",
        description="HAIP 生成AI利用ガイドライン — 業務フロー別の閲覧と施設の自己評価（オフライン）",
        epilog="各サブコマンドの説明: haip-desktop COMMAND -h\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(title="サブコマンド", metavar="COMMAND")

    gui = sub.add_parser("gui", help="画面を起動する（既定）")
    gui.add_argument("file", nargs="?", type=Path, metavar="FILE", help="開く評価ファイル")
    gui.set_defaults(handler=run_gui)

    check = sub.add_parser("check-data", help="ガイドラインデータのフォルダを検査する")
    check.add_argument(
        "dir", nargs="?", type=Path, metavar="DIR", help="データフォルダ（省略時は同梱データ）"
    )
    check.set_defaults(handler=run_check_data)

    stats = sub.add_parser("stats", help="ガイドラインデータの件数を表示する")
    stats.add_argument(
        "dir", nargs="?", type=Path, metavar="DIR", help="データフォルダ（省略時は同梱データ）"
    )
    stats.set_defaults(handler=run_stats)

    demo = sub.add_parser(
        "demo-assessment", help="デモ用の自己評価ファイル（架空の施設、一部回答済み）を書き出す"
    )
    demo.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="書き出す評価ファイル（例: デモ.haipeval）",
    )
    demo.add_argument(
        "--fill",
        type=fraction,
        default=0.6,
        metavar="RATIO",
        help="回答済みにする割合 0〜1（既定 0.6）",
    )
    demo.add_argument(
        "--seed", type=integer, default=0, metavar="N", help="乱数の種（同じ値なら同じ内容）"
    )
    demo.add_argument("--facility", metavar="NAME", help="施設名（省略時は架空の施設名）")
    demo.add_argument("--all", action="store_true", help="すべての対策を評価の対象にする")
    demo.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="評価日（省略時は今日）")
    demo.add_argument("--force", action="store_true", help="既存のファイルを上書きする")
    demo.set_defaults(handler=run_demo_assessment)

    from .data import add_data_commands, add_group_command
    from .excel import add_excel_commands

    add_data_commands(sub)
    add_group_command(sub)

    from ..report.options import Marking  # plain data: the handling marks of --marking

    report = sub.add_parser(
        "report",
        help="評価ファイルから報告書（PDF、CSV、Excel ブック）を作る（画面の印刷と同じ内容）",
        description="-o、--csv、--xlsx のうち、少なくとも1つを指定します。",
    )
    report.add_argument(
        "assessment", type=Path, metavar="FILE", help="評価ファイル（.haipeval または .json）"
    )
    report.add_argument("-o", "--output", type=Path, metavar="PDF", help="書き出す PDF ファイル")
    report.add_argument("--csv", type=Path, metavar="CSV", help="書き出す CSV ファイル")
    report.add_argument(
        "--xlsx",
        type=Path,
        metavar="XLSX",
        help="書き出す Excel ブック（区分ごとのシート、改善計画、ツール台帳）",
    )
    report.add_argument(
        "--layout",
        choices=["full", "summary"],
        default="full",
        help="full: 完全版（既定）／summary: 委員会用の2ページ要約",
    )
    report.add_argument(
        "--group-by",
        choices=["step", "use_case"],
        default="step",
        help="評価結果の並べ方（現場の手順はいつも業務ステップ別、AIツールはツール別）"
        " step: 施設の体制をリスク区分別に（既定）／use_case: 施設の体制をユースケース別に",
    )
    report.add_argument("--no-notes", action="store_true", help="備考を載せない")
    report.add_argument("--wareki", action="store_true", help="日付を和暦（令和）で書く")
    report.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="印刷日（省略時は今日）。目標日を過ぎた対策はこの日を基準に「期限超過」とする",
    )
    report.add_argument(
        "--marking",
        choices=[m.value for m in Marking],
        default="none",
        help="各ページの上に印刷する取扱区分 "
        + "／".join(f"{m.value}: {m.label}" for m in Marking)
        + "（既定 none）",
    )
    report.add_argument(
        "--allow-patient-like-text",
        action="store_true",
        help="備考などに患者の情報のような記載があっても報告書を作る"
        "（患者の情報でないことを確かめた場合だけ）",
    )
    report.set_defaults(handler=run_report, usage_error=report.error)

    add_excel_commands(sub)

    selftest = sub.add_parser(
        "self-test", help="インストール後の自己診断（データ・保存・報告書・画面をオフラインで確認）"
    )
    selftest.add_argument(
        "--out", type=Path, metavar="DIR", help="作成したファイルを残すフォルダ（省略時は削除）"
    )
    selftest.add_argument("--gui", action="store_true", help="画面も画面外（オフスクリーン）で開く")
    selftest.add_argument(
        "--deny-network",
        action="store_true",
        help="通信（ソケットの作成・接続・名前解決）を禁止し、試みがあれば失敗とする",
    )
    selftest.set_defaults(handler=run_self_test)

    return parser


def run_self_test(args: argparse.Namespace) -> int:
    from .selftest import run_self_test as run

    return run(args.out, gui=args.gui, deny_network=args.deny_network)


def run_gui(args: argparse.Namespace) -> int:
    from ..ui.app import run

    return run(getattr(args, "file", None))


def run_check_data(args: argparse.Namespace) -> int:
    from ..guideline import GuidelineDataError, load_guideline

    try:
        # The full path, so that a message about the folder says exactly which one.
        guideline = load_guideline(args.dir.absolute() if args.dir else None)
    except GuidelineDataError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"問題: {len(exc.problems)} 件", file=sys.stderr)
        return 1
    print(
        f"OK: {guideline.title} データ版 {guideline.data_version}"
        f"（{len(list(guideline.all_items()))} 項目、問題なし）"
    )
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..guideline import GuidelineDataError, load_guideline

    try:
        g = load_guideline(args.dir.absolute() if args.dir else None)
    except GuidelineDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{g.title}（第{g.edition}版に基づく、データ版 {g.data_version}）")
    rows: list[tuple[str, Sequence[GuidelineItem]]] = [
        ("ユースケース", g.use_cases),
        ("リスク区分", g.risk_categories),
        ("リスク", g.risks),
        ("対策", g.countermeasures),
        ("業務フロー", g.flows),
        ("業務ステップ", g.steps),
        ("利用シーン", g.scenes),
        ("参考資料", g.references),
    ]
    print("\n件数")
    width = max(display_width(label) for label, _ in rows)
    for label, items in rows:
        verified = sum(1 for i in items if g.provenance_of(i).verified)
        print(f"  {ljust_display(label, width)} {len(items):>4}  （原文照合済 {verified}）")
    _print_counter("対策（立場別）", Counter(cm.perspective.label for cm in g.countermeasures))
    _print_counter("対策（段階別）", Counter(cm.phase.label for cm in g.countermeasures))
    _print_counter("対策（回答する単位別）", Counter(cm.level.label for cm in g.countermeasures))
    _print_step_counts(g)
    provenances = [g.provenance_of(i) for i in g.all_items()]
    _print_counter("出典（全項目）", Counter(p.kind.label for p in provenances))
    _print_counter(
        "原文との照合（全項目）",
        Counter("照合済" if p.verified else "未照合" for p in provenances),
    )
    return 0


def _print_step_counts(g: Guideline) -> None:
    """Step-level countermeasures per workflow step, with the roles that act there."""
    print("\n業務ステップの対策（ステップ別）")
    width = max(display_width(f"{f.name} {s.name}") for f in g.flows for s in f.steps)
    for flow in g.flows:
        for step in flow.steps:
            cms = g.countermeasures_for_step(step.id)
            if step.no_ai_use:
                count = "   -  （生成AIの典型的な利用なし）"
            else:
                roles = sorted({r.value for cm in cms for r in cm.roles})
                count = f"{len(cms):>4}  {'・'.join(roles)}"
            print(f"  {ljust_display(f'{flow.name} {step.name}', width)} {count}")


def run_demo_assessment(args: argparse.Namespace) -> int:
    from ..assessment import AssessmentFileError, save_assessment
    from ..assessment.demo import make_demo_assessment
    from ..assessment.scoring import coverage_by_part, overall
    from ..assessment.store import FILE_SUFFIX
    from ..files import exists, is_folder
    from ..guideline import GuidelineDataError
    from ..guideline.packs import load_active_guideline

    output: Path = args.output
    if is_folder(output):
        print(
            f"{output.absolute()} はフォルダです。書き出す評価ファイルの名前まで指定してください"
            f"（例: -o {output / ('デモ' + FILE_SUFFIX)}）。",
            file=sys.stderr,
        )
        return 1
    if exists(output) and not args.force:
        print(
            f"{output.absolute()} は既にあります。上書きする場合は --force を付けてください。",
            file=sys.stderr,
        )
        return 1
    try:
        active = load_active_guideline()  # an installed pack's data when one is in use
    except GuidelineDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    if active.warning:
        print(active.warning, file=sys.stderr)
    guideline = active.guideline
    assessment = make_demo_assessment(
        guideline,
        fill=args.fill,
        seed=args.seed,
        facility=args.facility,
        scope_all=args.all,
        as_of=args.as_of,
    )
    try:
        save_assessment(assessment, output, force=args.force)
    except AssessmentFileError as exc:
        if exc.reason == "write_failed":  # the GUI's advice (名前を付けて保存) does not fit here
            print(
                f"{exc.heading}: {output.absolute()}\n{exc.problem}\n"
                "書き込めるフォルダの中の名前を -o で指定してください。",
                file=sys.stderr,
            )
        else:
            print(exc, file=sys.stderr)
        return 1
    tally = overall(assessment, guideline)
    parts = coverage_by_part(assessment, guideline)
    print(
        f"書き出しました: {args.output}（{assessment.facility.name}、データ版 "
        f"{guideline.data_version}、評価対象 {tally.total} 項目のうち {tally.answered} 項目を回答済み："
        + "、".join(f"{part.part_label} {t.answered}/{t.total}" for part, t in parts.items())
        + f"、台帳のツール {len(assessment.tools)} 件）"
    )
    return 0


def run_report(args: argparse.Namespace) -> int:
    from ..assessment import AssessmentFileError, load_assessment
    from ..guideline import GuidelineDataError
    from ..guideline.packs import load_active_guideline
    from ..report import ReportOptions, render_pdf, write_csv
    from ..report.data_version import data_version_warning
    from ..report.options import Era

    if not (args.output or args.csv or args.xlsx):
        args.usage_error(
            "書き出すファイルを -o（PDF）、--csv、--xlsx の少なくとも1つで指定してください"
        )
    try:
        assessment = load_assessment(args.assessment)
    except AssessmentFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        active = load_active_guideline()
    except GuidelineDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    if active.warning:
        print(active.warning, file=sys.stderr)
    if not _privacy_checked(assessment, active.guideline, args.allow_patient_like_text):
        return 1
    options = ReportOptions(
        layout=args.layout,
        group_by=args.group_by,
        include_notes=not args.no_notes,
        era=Era.JAPANESE if args.wareki else Era.WESTERN,
        print_date=args.date,
        marking=args.marking,
    )
    if args.output:
        try:
            result = render_pdf(assessment, active.guideline, args.output, options)
        except OSError as exc:
            return print_write_error(args.output, exc, "報告書.pdf")
        for warning in result.warnings:
            print(f"注意: {warning}", file=sys.stderr)
        print(f"書き出しました: {args.output}（{result.page_count} ページ）")
    version_warning = data_version_warning(assessment, active.guideline)
    if version_warning and not args.output:  # (the PDF's warnings above include it)
        print(f"注意: {version_warning}", file=sys.stderr)
    if args.csv:
        try:
            rows = write_csv(assessment, active.guideline, args.csv, options.date)
        except OSError as exc:
            return print_write_error(args.csv, exc, "報告書.csv")
        print(f"書き出しました: {args.csv}（{rows} 行）")
    if args.xlsx:
        from ..report.xlsx_export import write_xlsx

        try:
            workbook = write_xlsx(
                assessment, active.guideline, args.xlsx, written_on=options.print_date
            )
        except OSError as exc:
            return print_write_error(args.xlsx, exc, "評価.xlsx")
        print(f"書き出しました: {args.xlsx}（{len(workbook.sheets)} シート、{workbook.rows} 項目）")
    return 0


def _privacy_checked(assessment: Assessment, guideline: Guideline, allowed: bool) -> bool:
    """The window's check before saving, before printing: text that looks like patient
    information is listed with where it is; False (make nothing) unless it is allowed."""
    from ..assessment.labels import history_field_label, item_label
    from ..assessment.privacy import scan_assessment

    hits = scan_assessment(assessment)
    if not hits:
        return True
    print(
        f"患者の情報のように見える記載が {len(hits)} か所あります"
        "（評価ファイルにも報告書にも、患者の情報は書かないでください）:",
        file=sys.stderr,
    )
    for hit in hits:
        where = item_label(hit.item, assessment, guideline, tool=hit.tool)
        field = history_field_label(hit.field, hit.item)
        print(
            f"  - {where} › {field}: {hit.finding.label}「{hit.finding.excerpt}」",
            file=sys.stderr,
        )
    if allowed:
        print(
            "注意: --allow-patient-like-text の指定により、このまま報告書を作ります。",
            file=sys.stderr,
        )
        return True
    print(
        "報告書は作っていません。画面でその欄を直すか、患者の情報でないことを確かめたうえで "
        "--allow-patient-like-text を付けて実行してください。",
        file=sys.stderr,
    )
    return False


def _print_counter(title: str, counter: Counter[str]) -> None:
    print(f"\n{title}")
    width = max((display_width(key) for key in counter), default=0)
    for key, value in counter.most_common():
        print(f"  {ljust_display(key, width)} {value:>4}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
