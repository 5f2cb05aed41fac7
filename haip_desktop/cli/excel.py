"""Command-line faces of issue 13: questionnaires (`questionnaire`) and their answers
(`import-answers`). `report --xlsx` and `group --xlsx` are with their commands.

Registered by build_parser() in cli/__init__.py; as there, the work lives in the core and
heavy modules (openpyxl among them) are imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..assessment.answer_import import AnswerImport
    from ..assessment.models import Assessment
    from ..guideline import Guideline
    from .parser import JapaneseArgumentParser

IMPORT_EXIT_CODES = """終了コード:
  0  取り込める（--apply では、取り込んで評価ファイルに保存した）
  1  取り込めない行がある、別の評価の質問票である、競合の扱いが決まっていない、
     保存できなかった（評価ファイルは変更していません）
  2  指定の誤り（使い方を表示します）"""


def add_excel_commands(sub: argparse._SubParsersAction[JapaneseArgumentParser]) -> None:
    questionnaire = sub.add_parser(
        "questionnaire",
        help="部署用またはベンダー用の質問票（Excel ブック）を書き出す",
        description="評価ファイルから、アプリを使わない部署やベンダーが記入する質問票"
        "（.xlsx）を書き出します。記入されたものは import-answers で取り込みます。",
    )
    questionnaire.add_argument(
        "assessment", type=Path, metavar="FILE", help="評価ファイル（.haipeval または .json）"
    )
    questionnaire.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.xlsx",
        help="書き出す質問票のファイル",
    )
    target = questionnaire.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--tool",
        metavar="TOOL_ID",
        help="ベンダー用: 生成AIツール台帳のツールID（例: T-1）。そのツールの対策を尋ねる",
    )
    target.add_argument(
        "--steps",
        metavar="STEP_ID[,STEP_ID…]",
        help="部署用: 業務ステップのID（例: ST-IN-01,ST-IN-03）。その現場の手順を尋ねる",
    )
    questionnaire.add_argument(
        "--force", action="store_true", help="同じ名前のファイルがあっても上書きする"
    )
    questionnaire.set_defaults(handler=run_questionnaire)

    answers = sub.add_parser(
        "import-answers",
        help="記入された質問票の回答を確かめ、評価ファイルに取り込む",
        description="記入された質問票を読み、変わる回答（今の値 → 回答）と取り込めない行を"
        "表示します。--apply を付けたときだけ評価ファイルに保存します（控えを残します）。",
        epilog=IMPORT_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    answers.add_argument(
        "assessment", type=Path, metavar="FILE", help="評価ファイル（.haipeval または .json）"
    )
    answers.add_argument("answers", type=Path, metavar="ANSWERS.xlsx", help="記入された質問票")
    answers.add_argument(
        "--apply", action="store_true", help="回答を評価ファイルに取り込んで保存する"
    )
    answers.add_argument(
        "--conflicts",
        choices=["keep", "answers"],
        help="回答者が変えた欄のうち、質問票の作成後に評価でも変えられた欄（競合）の扱い。"
        "keep: 評価の今の値を残す／answers: 回答で置き換える",
    )
    answers.add_argument(
        "--who", default="", metavar="NAME", help="取り込む人の名前（変更の履歴に残す）"
    )
    answers.set_defaults(handler=run_import_answers)


def _load(path: Path) -> tuple[Assessment, Guideline] | None:
    from ..assessment import AssessmentFileError, load_assessment
    from ..guideline import GuidelineDataError
    from ..guideline.packs import load_active_guideline

    try:
        assessment = load_assessment(path)
    except AssessmentFileError as exc:
        print(exc, file=sys.stderr)
        return None
    try:
        active = load_active_guideline()
    except GuidelineDataError as exc:
        print(exc, file=sys.stderr)
        return None
    if active.warning:
        print(active.warning, file=sys.stderr)
    return assessment, active.guideline


def run_questionnaire(args: argparse.Namespace) -> int:
    from ..assessment.questionnaire import (
        QuestionnaireError,
        department_questionnaire,
        vendor_questionnaire,
    )
    from ..files import exists, is_folder
    from .console import print_write_error

    output: Path = args.output
    # A folder is not "already there" to be overwritten: writing says to name a file in it.
    if exists(output) and not is_folder(output) and not args.force:
        print(
            f"{output.absolute()} は既にあります（記入済みの質問票かもしれません）。"
            "別の名前を指定するか、上書きしてよい場合は --force を付けてください。",
            file=sys.stderr,
        )
        return 1
    loaded = _load(args.assessment)
    if loaded is None:
        return 1
    assessment, guideline = loaded
    try:
        if args.tool:
            questionnaire = vendor_questionnaire(assessment, guideline, args.tool)
        else:
            steps = [s for s in args.steps.replace("、", ",").split(",") if s.strip()]
            questionnaire = department_questionnaire(assessment, guideline, steps)
    except QuestionnaireError as exc:
        print(f"質問票を作れません: {exc}", file=sys.stderr)
        return 1
    from ..report.xlsx_questionnaire import write_questionnaire

    try:
        rows = write_questionnaire(questionnaire, output)
    except OSError as exc:
        return print_write_error(output, exc, "質問票.xlsx")
    print(
        f"書き出しました: {output}（{questionnaire.kind.label}、{questionnaire.target}、"
        f"{rows} 項目）"
    )
    return 0


_SHOWN_CHARACTERS = 60


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1] + "…"


def print_preview(preview: AnswerImport) -> None:
    """The preview as lines: the questionnaire, who answered, each change, each problem."""
    identity = preview.identity
    if identity is not None:
        print(
            f"質問票: {preview.file_name}（{preview.target()}、"
            f"{identity.written_at:%Y-%m-%d} 作成）"
        )
    if preview.respondent:
        answered = f"（回答日 {preview.answered_on.isoformat()}）" if preview.answered_on else ""
        print(f"回答者: {preview.respondent}{answered}")
    conflicts = preview.conflict_fields
    if preview.changes or not preview.problems:
        print(
            f"変わる回答 {len(preview.changes)} 件"
            + (f"（うち競合 {len(conflicts)} 欄）" if conflicts else "")
            + f"、変更なし {preview.unchanged} 件"
            + (f"、質問票から消えている項目 {preview.missing} 件" if preview.missing else "")
        )
    if conflicts:
        print(
            "［競合］: 回答者が変えた欄を、質問票を作った後で評価でも変えています"
            "（左: 評価の今の値、右: 回答）。"
        )
    for change in preview.changes:
        print(f"  {change.label}（{change.row} 行目）")
        for f in change.fields:
            mark = "［競合］" if f.conflict else ""
            print(f"    {mark}{f.label}: {_short(f.old)} → {_short(f.new)}")
    if preview.problems:
        print(
            f"取り込めない行・問題 {len(preview.problems)} 件"
            "（1件でもあると、ファイル全体を取り込みません）:",
            file=sys.stderr,
        )
        for problem in preview.problems:
            print(f"  - {problem.describe()}", file=sys.stderr)


def run_import_answers(args: argparse.Namespace) -> int:
    from ..assessment import AssessmentFileError, save_assessment
    from ..assessment.answer_import import (
        AnswerFileError,
        AnswerImportError,
        apply_answers,
        read_answers,
    )
    from ..assessment.lock import AssessmentLock, acquire_lock

    lock = None
    if args.apply:
        try:
            held = acquire_lock(args.assessment, args.who)
        except OSError:
            held = None  # a folder that cannot hold a lock: the save says what is wrong
        if held is not None and not isinstance(held, AssessmentLock):
            print(
                f"{args.assessment} に取り込めません。{held.describe()}\n"
                "そのファイルを閉じてから、もう一度実行してください。",
                file=sys.stderr,
            )
            return 1
        lock = held
    try:
        loaded = _load(args.assessment)
        if loaded is None:
            return 1
        assessment, guideline = loaded
        try:
            preview = read_answers(args.answers, assessment, guideline)
        except AnswerFileError as exc:
            print(exc, file=sys.stderr)
            return 1
        print_preview(preview)
        if not preview.can_apply:
            print(
                "評価ファイルは変更していません。上の行を質問票で直してもらい、もう一度取り込んで"
                "ください。",
                file=sys.stderr,
            )
            return 1
        conflicts = preview.conflict_fields
        if conflicts and args.conflicts is None:
            message = (
                f"競合が {len(conflicts)} 欄あります。--conflicts keep（評価の今の値を残す）か "
                "--conflicts answers（回答で置き換える）を指定してください。"
            )
            if args.apply:
                print(message + "評価ファイルは変更していません。", file=sys.stderr)
                return 1
            print(message)
        if not args.apply:
            print(
                "確認だけしました（評価ファイルは変更していません）。取り込むには --apply を付けてください。"
            )
            return 0
        take = set(conflicts) if args.conflicts == "answers" else set()
        try:
            updated, made = apply_answers(
                preview, assessment, importer=args.who, take_conflicts=take
            )
        except AnswerImportError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        if not made:
            print("変わる回答がないため、評価ファイルは変更していません。")
            return 0
        try:
            result = save_assessment(updated, args.assessment)
        except AssessmentFileError as exc:
            print(exc, file=sys.stderr)
            return 1
        backup = f"（前の版の控え: {result.backup}）" if result.backup else ""
        print(f"取り込みました: {len(made)} 件の回答を {args.assessment} に保存しました{backup}。")
        return 0
    finally:
        if lock is not None:
            lock.release()
