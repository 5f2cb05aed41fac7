"""Command-line faces of issue 9: guideline data packs (`data …`) and the group view (`group`).

Registered by build_parser() in cli/__init__.py; as there, the work lives in the core packages and heavy
modules are imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parser import JapaneseArgumentParser


def add_data_commands(sub: argparse._SubParsersAction[JapaneseArgumentParser]) -> None:
    data = sub.add_parser("data", help="ガイドラインデータのパック（作成・検査・比較・取り込み）")
    data_sub = data.add_subparsers(title="data のサブコマンド", metavar="ACTION", required=True)

    pack = data_sub.add_parser("pack", help="データフォルダからパック（1つのファイル）を作る")
    pack.add_argument("dir", type=Path, metavar="DIR", help="ガイドラインデータのフォルダ")
    pack.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="書き出すパックのファイル"
    )
    pack.set_defaults(handler=run_data_pack)

    check = data_sub.add_parser("check", help="パックを検査する（何も変更しない）")
    check.add_argument("file", type=Path, metavar="FILE", help="パックのファイル")
    check.set_defaults(handler=run_data_check)

    diff = data_sub.add_parser("diff", help="二つのデータ版の変更点を一覧にする")
    diff.add_argument("old", type=Path, metavar="OLD", help="旧データ（フォルダまたはパック）")
    diff.add_argument("new", type=Path, metavar="NEW", help="新データ（フォルダまたはパック）")
    diff.add_argument("-o", "--output", type=Path, metavar="PDF", help="変更点を PDF に書き出す")
    diff.set_defaults(handler=run_data_diff)

    install = data_sub.add_parser("install", help="パックを検査して取り込み、使うデータにする")
    install.add_argument("file", type=Path, metavar="FILE", help="パックのファイル")
    install.set_defaults(handler=run_data_install)

    status = data_sub.add_parser(
        "status", help="使っているデータ版と取り込み済みのパックを表示する"
    )
    status.set_defaults(handler=run_data_status)

    reset = data_sub.add_parser("reset", help="同梱のデータに戻す（取り込んだパックは残す）")
    reset.set_defaults(handler=run_data_reset)


GROUP_EXIT_CODES = """終了コード:
  0  集計した（読み込めないファイルがあっても、読めたものを集計し、その件数と理由を表示します）
  1  集計できなかった（指定の場所がない、評価ファイルが見つからない、どれも読み込めない、
     書き出せない）。PDF・CSV・Excel ブックは書き出しません
  2  指定の誤り（使い方を表示します）"""


def add_group_command(sub: argparse._SubParsersAction[JapaneseArgumentParser]) -> None:
    group = sub.add_parser(
        "group",
        help="複数施設の評価ファイルをまとめて集計する（グループ集計）",
        epilog=GROUP_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    group.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="評価ファイルのフォルダ、またはファイル"
    )
    group.add_argument("-o", "--output", type=Path, metavar="PDF", help="集計を PDF に書き出す")
    group.add_argument("--csv", type=Path, metavar="CSV", help="集計を CSV に書き出す")
    group.add_argument("--xlsx", type=Path, metavar="XLSX", help="集計を Excel ブックに書き出す")
    group.add_argument(
        "--name",
        metavar="NAME",
        help="集計の名前（PDF の題名と各ページの上に印刷する。省略時はフォルダの名前）",
    )
    group.set_defaults(handler=run_group)


def default_group_name(paths: list[Path]) -> str:
    """The group's name when none is given: the folder given first (or the folder of the
    first file given)."""
    from ..files import is_folder

    first = paths[0]
    return (first if is_folder(first) else first.parent).name


def _print_problems(heading: str, problems: list[str]) -> None:
    print(heading, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def run_data_pack(args: argparse.Namespace) -> int:
    from ..guideline import GuidelineDataError
    from ..guideline.packs import PackError, build_pack

    try:
        manifest = build_pack(args.dir, args.output)
    except GuidelineDataError as exc:
        _print_problems(
            "データに問題があるため、パックを作りません:", [str(p) for p in exc.problems]
        )
        return 1
    except PackError as exc:
        _print_problems("パックを作れません:", exc.problems)
        return 1
    except OSError as exc:
        from .console import print_write_error

        return print_write_error(args.output, exc, "ガイドライン.haippack")
    print(
        f"パックを作りました: {args.output}（データ版 {manifest.data_version}、"
        f"第{manifest.edition}版に基づく、{len(manifest.files)} ファイル）"
    )
    from ..guideline import load_guideline
    from ..guideline.search import readings_notice

    notice = readings_notice(load_guideline(args.dir))
    if notice:
        print(notice)
    return 0


def run_data_check(args: argparse.Namespace) -> int:
    from ..guideline.packs import verify_pack

    manifest, problems = verify_pack(args.file.absolute())
    if problems:
        _print_problems(f"このパックは使えません（{len(problems)} 件の問題）:", problems)
        return 1
    assert manifest is not None
    print(
        f"OK: {args.file}（データ版 {manifest.data_version}、第{manifest.edition}版に基づく、"
        f"データの日付 {manifest.data_date.isoformat()}、{len(manifest.files)} ファイル、"
        "ハッシュ・形式・相互参照に問題なし）"
    )
    return 0


def run_data_diff(args: argparse.Namespace) -> int:
    from ..guideline import GuidelineDataError
    from ..guideline.diff import diff_guidelines
    from ..guideline.packs import PackError, load_guideline_from

    loaded = []
    for path in (args.old, args.new):
        try:
            loaded.append(load_guideline_from(path))
        except GuidelineDataError as exc:
            _print_problems(f"{path} を読み込めません:", [str(p) for p in exc.problems])
            return 1
        except PackError as exc:
            _print_problems(f"{path} を読み込めません:", exc.problems)
            return 1
    diff = diff_guidelines(*loaded)
    counts = diff.counts()
    print(
        f"データ版 {diff.old.data_version} → {diff.new.data_version}: "
        f"追加 {counts['added']} 件、削除 {counts['removed']} 件、変更 {counts['changed']} 件"
    )
    for change in diff.changes:
        fields = f"（{'、'.join(f.label for f in change.fields)}）" if change.fields else ""
        where = diff.where(change)
        where = f"［{where}］" if where else ""
        print(
            f"  {change.kind_label} {change.type_label} {change.id} {change.label}{fields}{where}"
        )
    if args.output:
        from ..report.guideline_diff_pdf import render_diff_pdf

        try:
            pages = render_diff_pdf(diff, args.output)
        except OSError as exc:
            from .console import print_write_error

            return print_write_error(args.output, exc, "変更点.pdf")
        print(f"PDF を書き出しました: {args.output}（{pages} ページ）")
    return 0


def run_data_install(args: argparse.Namespace) -> int:
    from ..guideline.packs import PackError, install_pack

    try:
        manifest = install_pack(args.file)
    except PackError as exc:
        _print_problems(
            f"パックを取り込みません（今のデータはそのままです）。{len(exc.problems)} 件の問題:",
            exc.problems,
        )
        return 1
    print(f"取り込みました: データ版 {manifest.data_version} を使います。")
    return 0


def run_data_status(args: argparse.Namespace) -> int:
    from ..guideline.packs import installed_packs, load_active_guideline

    active = load_active_guideline()
    source = "同梱のデータ" if active.is_bundled else "取り込んだパック"
    print(f"使っているデータ: データ版 {active.guideline.data_version}（{source}）")
    if active.warning:
        print(active.warning, file=sys.stderr)
    for manifest in installed_packs():
        print(
            f"  取り込み済み: データ版 {manifest.data_version}（{manifest.data_date.isoformat()}）"
        )
    return 0


def run_data_reset(args: argparse.Namespace) -> int:
    from ..guideline.packs import reset_to_bundled

    reset_to_bundled()
    print("同梱のデータに戻しました。")
    return 0


def run_group(args: argparse.Namespace) -> int:
    from ..assessment.group import FolderScan, load_group, scan_folder
    from ..assessment.store import ASSESSMENT_SUFFIXES
    from ..files import is_folder, stat_problem
    from ..guideline.packs import load_active_guideline
    from ..oserrors import describe_os_error
    from .console import print_write_error

    given: list[Path] = [p.absolute() for p in args.paths]
    problems = [(p, stat_problem(p)) for p in given]
    if any(problem for _, problem in problems):
        for path, problem in problems:
            if isinstance(problem, FileNotFoundError):
                print(f"{path} が見つかりません。", file=sys.stderr)
            elif problem is not None:
                print(f"{path} を開けません（{describe_os_error(problem)}）。", file=sys.stderr)
        print(
            "評価ファイルの入ったフォルダ、または評価ファイルを指定してください。", file=sys.stderr
        )
        return 1
    scans = [scan_folder(p) if is_folder(p) else FolderScan([p], []) for p in given]
    files = [f for scan in scans for f in scan.files]
    skipped = [u for scan in scans for u in scan.skipped]
    if not files and not skipped:
        suffixes = " または ".join(ASSESSMENT_SUFFIXES)
        print(
            f"評価ファイルが見つかりません: {'、'.join(str(p) for p in given)}\n"
            f"評価ファイル（{suffixes}）の入ったフォルダを指定してください"
            "（下のフォルダも探します）。何も書き出していません。",
            file=sys.stderr,
        )
        return 1

    active = load_active_guideline()
    if active.warning:
        print(active.warning, file=sys.stderr)
    guideline = active.guideline
    summary = load_group(files, guideline, skipped=skipped)
    for unreadable in summary.unreadable:
        print(f"読み込めません: {unreadable.path}: {unreadable.reason}", file=sys.stderr)
    if not summary.facilities:
        print(
            f"集計できる評価ファイルがありません（{len(summary.unreadable)} ファイルとも"
            "読み込めませんでした。"
            "理由は上のとおりです）。何も書き出していません。",
            file=sys.stderr,
        )
        return 1
    left_out = (
        f"読み込めなかった {len(summary.unreadable)} ファイルは除きました"
        if summary.unreadable
        else ""
    )
    print(
        f"{summary.files_read} ファイル、{len(summary.facilities)} 施設を集計しました"
        f"（データ版 {summary.data_version}{'。' + left_out if left_out else ''}）。"
    )
    note = summary.version_note()
    if note:
        print(note)
    if args.output or args.csv:
        from ..report.group_report import render_group_pdf, write_group_csv

        if args.output:
            name = args.name if args.name is not None else default_group_name(given)
            try:
                pages = render_group_pdf(summary, guideline, args.output, name=name)
            except OSError as exc:
                return print_write_error(args.output, exc, "グループ集計.pdf")
            print(f"PDF を書き出しました: {args.output}（{pages} ページ）")
        if args.csv:
            try:
                rows = write_group_csv(summary, guideline, args.csv)
            except OSError as exc:
                return print_write_error(args.csv, exc, "グループ集計.csv")
            print(f"CSV を書き出しました: {args.csv}（{rows} 行）")
    if args.xlsx:
        from ..report.xlsx_export import write_group_xlsx

        try:
            facilities = write_group_xlsx(summary, guideline, args.xlsx)
        except OSError as exc:
            return print_write_error(args.xlsx, exc, "グループ集計.xlsx")
        print(f"Excel ブックを書き出しました: {args.xlsx}（{facilities} 施設）")
    return 0
