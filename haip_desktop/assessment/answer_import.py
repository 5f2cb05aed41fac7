"""Answers from a filled questionnaire: read back, checked, and shown before anything changes.

``read_answers(path, assessment, guideline)`` reads the workbook (through the one safe reader,
files.read_file: a regular file of at most 20 MB) and returns an AnswerImport, the preview:

- ``problems``: every row that cannot be taken, each named by sheet and row number (an
  unknown id, a status not in the list, a date that is not one, 該当なし without a reason,
  a formula), and whatever makes the whole file unusable (a questionnaire of another
  assessment or another data version, a tool no longer in the register). A file with any
  problem is refused whole;
- ``changes``: per item, the fields the respondent changed, each as the value in the
  assessment now → the respondent's. A field the assessment changed too after the
  questionnaire was written is a conflict: both values are shown and the person chooses,
  field by field;
- who answered (回答者) and when (回答日).

The merge goes field by field, against each field's fingerprint as written (questionnaire.py):
a field the respondent left as it was changes nothing, even where the assessment changed it
since (the newer value in the assessment stays); only fields the respondent changed are taken.

``apply_answers(preview, assessment, importer=…)`` makes the changes through editing (on a
copy of the assessment, returned): each lands in the history with the respondent as who,
and the file, the date of answering and the person importing in its note. Saving is the
caller's (the store's atomic save with backups).

openpyxl is imported only here, when a workbook is read.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import read_file
from ..guideline import Guideline, Step
from ..oserrors import describe_os_error, os_error_advice
from .dates import out_of_range, parse_date
from .editing import EditError, set_item_answer
from .models import Assessment, Status
from .parts import AssessmentItem
from .questionnaire import (
    ANSWER_FIELDS,
    ANSWERED_ON_LABEL,
    ID_COLUMN,
    IDENTITY_SHEET,
    RESPONDENT_LABEL,
    STATUS_BY_LABEL,
    STATUS_CHOICES,
    AnswerCells,
    FieldPrints,
    ItemKey,
    QuestionnaireIdentity,
    QuestionnaireKind,
    field_fingerprint,
    identity_row_of,
    parse_identity,
    text_of_cell,
)
from .scope import answering_tools, items_in_scope

# A questionnaire of a thousand rows is well under 1 MB; these limits only keep a wrong or
# hostile file (a "zip bomb") from taking the memory.
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_HEADER_SEARCH_ROWS = 60

log = logging.getLogger(__name__)


class AnswerFileError(Exception):
    """The file cannot be read as a questionnaire at all; ``str()`` is for people."""

    def __init__(self, path: str | Path, problem: str, advice: str, detail: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        self.detail = detail
        super().__init__(f"回答を取り込めません: {self.path}\n{problem}\n{advice}")


class AnswerImportError(ValueError):
    """Answers that cannot be applied (problem rows, another assessment, changed since)."""


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None  # 1-based, as the spreadsheet numbers it
    column: str  # the column's heading, or ""
    message: str

    def describe(self) -> str:
        where = f"シート「{self.sheet}」"
        if self.row is not None:
            where += f" {self.row} 行目"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}: {self.message}"


FieldKey = tuple[ItemKey, str]  # (item key, answer field's name): one field of one item


@dataclass(frozen=True)
class FieldChange:
    """A field the respondent changed, and which the assessment holds otherwise now."""

    name: str
    label: str
    old: str  # the assessment's value now, as shown to people
    new: str  # the respondent's
    conflict: bool  # the assessment changed this field too after the questionnaire was written


@dataclass(frozen=True)
class ItemChange:
    item: AssessmentItem
    row: int  # the answer sheet's row
    current: AnswerCells  # the assessment's answer when the file was read
    answer: AnswerCells  # the respondent's row as read
    fields: tuple[FieldChange, ...]  # only the fields that would change

    @property
    def key(self) -> ItemKey:
        return self.item.key

    @property
    def conflict(self) -> bool:
        return any(f.conflict for f in self.fields)

    @property
    def label(self) -> str:
        """「C-1 対策名」, with the tool for a tool's item."""
        cm = self.item.countermeasure
        tool = f"（{self.item.tool.name}）" if self.item.tool is not None else ""
        return f"{cm.id} {cm.title}{tool}"


@dataclass
class AnswerImport:
    """What a filled questionnaire would change, and why it cannot be taken if it cannot."""

    path: Path
    assessment_id: str
    identity: QuestionnaireIdentity | None = None
    respondent: str = ""
    answered_on: dt.date | None = None
    changes: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0  # rows that change nothing
    missing: int = 0  # items of the questionnaire whose row is no longer in the sheet
    problems: list[RowProblem] = field(default_factory=list)
    # step id → 「入院 › 看護記録」, for the steps of a department questionnaire known to the data
    step_names: dict[str, str] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def can_apply(self) -> bool:
        return not self.problems

    @property
    def conflicts(self) -> list[ItemChange]:
        """The items with at least one conflicting field."""
        return [c for c in self.changes if c.conflict]

    @property
    def conflict_fields(self) -> list[FieldKey]:
        """Every conflicting field (what ``apply_answers(take_conflicts=…)`` chooses from)."""
        return [(c.key, f.name) for c in self.changes for f in c.fields if f.conflict]

    def target(self) -> str:
        """Whom the questionnaire asked: 「ベンダー用: ツール名（T-1）」 or 「部署用: 入院 › 看護記録、…」
        (a step the data no longer knows by its id)."""
        identity = self.identity
        if identity is None:
            return ""
        if identity.kind is QuestionnaireKind.VENDOR:
            return f"{identity.kind.label}: {identity.tool_name}（{identity.tool_id}）"
        steps = [self.step_names.get(step_id, step_id) for step_id in identity.step_ids]
        return f"{identity.kind.label}: {'、'.join(steps)}"

    def history_note(self, importer: str) -> str:
        """What each change's history entry says about where it came from."""
        parts = [f"回答の取り込み: {self.file_name}"]
        if self.answered_on is not None:
            parts.append(f"回答日 {self.answered_on.isoformat()}")
        if importer:
            parts.append(f"取り込んだ人 {importer}")
        return "、".join(parts)


# -- reading ----------------------------------------------------------------------------------


def read_answers(
    path: str | Path,
    assessment: Assessment,
    guideline: Guideline,
    *,
    data: bytes | None = None,
) -> AnswerImport:
    """Read a filled questionnaire and compare it with the assessment (nothing changes).

    ``data`` is the file's content when it is already in memory (tests); otherwise the file
    is read with files.read_file. Raises AnswerFileError when the file is no workbook at all.
    """
    path = Path(path)
    if data is None:
        data = _read(path)
    workbook = _open_workbook(path, data)
    try:
        return _Reader(path, workbook, assessment, guideline).read()
    except (AnswerFileError, AnswerImportError):
        raise
    except Exception as exc:  # noqa: BLE001 - see below
        # openpyxl's read-only mode parses each sheet only as its rows are read, so a sheet
        # cut short or a cell that is not what it says (t="d" holding text) fails here, with
        # whatever the XML parser or the converter raises.
        detail = f"{type(exc).__name__}: {exc}"
        log.warning("Could not read the workbook %s: %s", path, detail, exc_info=True)
        raise AnswerFileError(path, _DAMAGED, _DAMAGED_ADVICE, detail=detail) from exc
    finally:
        workbook.close()


def _read(path: Path) -> bytes:
    try:
        return read_file(path, limit=MAX_WORKBOOK_BYTES)
    except OSError as exc:
        raise AnswerFileError(
            path,
            f"ファイルを読み込めません（{describe_os_error(exc)}）。",
            f"評価は変更していません。{os_error_advice(exc)}",
            detail=str(exc),
        ) from exc


_NOT_XLSX_ADVICE = (
    "評価は変更していません。HAIP Desktop で作った質問票（.xlsx）に記入したものを選んでください。"
    "Excel や LibreOffice で別の形式に保存し直した場合は、「Excel ブック（.xlsx）」で保存し直して"
    "ください。"
)


_DAMAGED = "Excel のブックとして読めません（壊れています）。"
_DAMAGED_ADVICE = (
    "評価は変更していません。回答者に、このファイルを Excel や LibreOffice で開けるか確かめて"
    "もらい、開けるなら「Excel ブック（.xlsx）」で保存し直して送り直してもらってください。"
    "開けない場合は、質問票を作り直して記入してもらってください。"
)


def _open_workbook(path: Path, data: bytes) -> Any:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise AnswerFileError(
            path,
            "古い形式の Excel ファイル（.xls）か、パスワードで保護されたファイルです。",
            _NOT_XLSX_ADVICE,
            detail="OLE compound document",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise AnswerFileError(
            path, "Excel のブック（.xlsx）ではありません。", _NOT_XLSX_ADVICE, detail=str(exc)
        ) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise AnswerFileError(
            path,
            f"展開すると {unpacked // (1024 * 1024):,} MB になるファイルで、質問票ではありません。",
            _NOT_XLSX_ADVICE,
            detail=f"{unpacked} bytes unpacked",
        )
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops when reading (extensions, styles of
            # other programs): nothing the answers depend on.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise AnswerFileError(
            path,
            "Excel のブックとして読めません（壊れているか、別の種類のファイルです）。",
            _NOT_XLSX_ADVICE,
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


Cells = Sequence[Any]  # openpyxl's read-only cells of one row


class _Reader:
    def __init__(
        self, path: Path, workbook: Any, assessment: Assessment, guideline: Guideline
    ) -> None:
        self.workbook = workbook
        self.assessment = assessment
        self.guideline = guideline
        self.result = AnswerImport(path, assessment.id)

    def problem(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.result.problems.append(RowProblem(sheet, row, column, message))

    def read(self) -> AnswerImport:
        identity = self._identity()
        if identity is not None:
            self.result.identity = identity
            self.result.step_names = {
                step_id: self.guideline.step_path(step_id)
                for step_id in identity.step_ids
                if isinstance(self.guideline.get(step_id), Step)
            }
            items = self._items_asked(identity)
            if items is not None and not self.result.problems:
                self._answers(identity, items)
        return self.result

    # -- the identity -------------------------------------------------------------------------

    def _identity(self) -> QuestionnaireIdentity | None:
        if IDENTITY_SHEET not in self.workbook.sheetnames:
            self.problem(
                IDENTITY_SHEET,
                None,
                "",
                "識別情報のシートがありません。HAIP Desktop で作った質問票ではないか、"
                "シートが消されています。評価の担当者が作った質問票に記入してください。",
            )
            return None
        rows = [
            (number, [c.value for c in cells])
            for number, cells in enumerate(_rows_of(self.workbook[IDENTITY_SHEET]), start=1)
        ]
        identity, problems = parse_identity(rows)
        for p in problems:
            self.problem(IDENTITY_SHEET, p.row, "", p.message)
        if identity is None:
            return None
        assessment = self.assessment
        if identity.assessment_id != assessment.id:
            self.problem(
                IDENTITY_SHEET,
                identity_row_of(rows, "assessment_id"),
                "",
                f"この質問票は別の評価（{identity.facility or '施設名なし'}、"
                f"{identity.written_at:%Y-%m-%d} 作成）のものです。開いている評価"
                f"（{assessment.facility.name}）には取り込めません。質問票を作った評価ファイルを"
                "開いてから取り込んでください。",
            )
            return None
        if identity.data_version != assessment.guideline.data_version:
            self.problem(
                IDENTITY_SHEET,
                identity_row_of(rows, "data_version"),
                "",
                f"この質問票はガイドラインのデータ版 {identity.data_version} で作られましたが、"
                f"評価は今データ版 {assessment.guideline.data_version} です。対策の内容が変わって"
                "いる可能性があるため取り込みません。今の評価から質問票を作り直してください。",
            )
            return None
        return identity

    def _items_asked(self, identity: QuestionnaireIdentity) -> dict[ItemKey, AssessmentItem] | None:
        """The items of the assessment the questionnaire may answer, by key."""
        in_scope = {item.key: item for item in items_in_scope(self.assessment, self.guideline)}
        if identity.kind is QuestionnaireKind.VENDOR:
            tools = {t.id for t in answering_tools(self.assessment)}
            if identity.tool_id not in tools:
                self.problem(
                    IDENTITY_SHEET,
                    None,
                    "",
                    f"ツール「{identity.tool_name}」（{identity.tool_id}）は、評価の生成AIツール台帳に"
                    "ないか、利用禁止になっています。回答を取り込む先がありません。",
                )
                return None
        return in_scope

    # -- the answers --------------------------------------------------------------------------

    def _answers(
        self, identity: QuestionnaireIdentity, items: dict[ItemKey, AssessmentItem]
    ) -> None:
        sheet = identity.sheet
        if sheet not in self.workbook.sheetnames:
            self.problem(
                sheet, None, "", "回答のシートがありません（名前が変えられたか、消されています）。"
            )
            return
        rows = [
            (number, list(cells)) for number, cells in enumerate(_rows_of(self.workbook[sheet]), 1)
        ]
        found = self._header(sheet, rows, identity.header_row)
        if found is None:
            return
        header_row, columns = found
        self._respondent(sheet, rows, header_row)
        seen: dict[ItemKey, int] = {}
        asked = identity.fingerprints
        for number, cells in rows:
            if number <= header_row or _empty(cells):
                continue
            answer = self._row(sheet, number, cells, columns)
            cm_id = text_of_cell(_at(cells, columns[ID_COLUMN]))
            if not cm_id:
                self.problem(
                    sheet, number, ID_COLUMN, "対策IDがありません（行が足されたようです）。"
                )
                continue
            key: ItemKey = (
                cm_id,
                identity.tool_id if identity.kind is QuestionnaireKind.VENDOR else None,
            )
            if key not in asked:
                self.problem(
                    sheet,
                    number,
                    ID_COLUMN,
                    f"「{cm_id}」は、この質問票で尋ねた対策ではありません（対策IDが書き換えられたか、"
                    "行が足されています）。",
                )
                continue
            if key in seen:
                self.problem(
                    sheet, number, ID_COLUMN, f"{seen[key]} 行目と同じ対策の行がもう1つあります。"
                )
                continue
            seen[key] = number
            item = items.get(key)
            if item is None:
                self.problem(
                    sheet,
                    number,
                    ID_COLUMN,
                    f"対策 {cm_id} は、質問票を作った後で評価の範囲から外れました。"
                    "評価の範囲を確かめるか、今の評価から質問票を作り直してください。",
                )
                continue
            if answer is not None:
                self._compare(sheet, item, number, answer, asked[key])
        self.result.missing = len(set(asked) - set(seen))

    def _header(
        self, sheet: str, rows: list[tuple[int, list[Any]]], expected: int
    ) -> tuple[int, dict[str, int]] | None:
        wanted = [ID_COLUMN, *(f.label for f in ANSWER_FIELDS)]
        candidates = [r for r in rows if r[0] == expected] + rows[:_HEADER_SEARCH_ROWS]
        for number, cells in candidates:
            texts = [text_of_cell(c.value if hasattr(c, "value") else c) for c in cells]
            if all(label in texts for label in wanted):
                return number, {label: texts.index(label) for label in wanted}
        self.problem(
            sheet,
            expected,
            "",
            "表の見出しの行が見つかりません（「" + "」「".join(wanted) + "」の列が必要です）。"
            "列の名前を変えたり、列を消したりしないでください。",
        )
        return None

    def _respondent(self, sheet: str, rows: list[tuple[int, list[Any]]], header_row: int) -> None:
        respondent_row = None
        for number, cells in rows:
            if number >= header_row:
                break
            label = text_of_cell(_at(cells, 0))
            if label == RESPONDENT_LABEL:
                respondent_row = number
                self.result.respondent = text_of_cell(_at(cells, 1))
            elif label == ANSWERED_ON_LABEL:
                value = _at(cells, 1)
                if not _is_blank(value):
                    answered, problem = _date_of(value)
                    if answered is not None:
                        problem = out_of_range(answered, ANSWERED_ON_LABEL) or ""
                    if problem:
                        self.problem(sheet, number, ANSWERED_ON_LABEL, problem)
                        answered = None
                    self.result.answered_on = answered
        if not self.result.respondent:
            self.problem(
                sheet,
                respondent_row,
                RESPONDENT_LABEL,
                "回答者が書かれていません。誰が回答したかを記録するため、回答者（部署・氏名）を"
                "書いてもらってください。",
            )

    def _row(
        self, sheet: str, number: int, cells: list[Any], columns: dict[str, int]
    ) -> AnswerCells | None:
        """The respondent's answer in one row, or None when a cell of it cannot be taken."""
        values: dict[str, Any] = {}
        ok = True
        for f in ANSWER_FIELDS:
            cell = cells[columns[f.label]] if columns[f.label] < len(cells) else None
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                self.problem(sheet, number, f.label, "数式は使えません。値を入力してください。")
                ok = False
                continue
            if f.kind == "status":
                text = text_of_cell(value)
                status = STATUS_BY_LABEL.get(text) if text else Status.UNANSWERED
                if status is None:
                    self.problem(
                        sheet,
                        number,
                        f.label,
                        f"「{text}」は選べる状況ではありません"
                        f"（{'・'.join(STATUS_CHOICES)} から選んでください）。",
                    )
                    ok = False
                values[f.name] = status
            elif f.kind == "date":
                date, problem = _date_of(value)
                if problem:
                    self.problem(sheet, number, f.label, problem)
                    ok = False
                values[f.name] = date
            else:
                values[f.name] = text_of_cell(value)
        return AnswerCells(**values) if ok else None

    def _compare(
        self,
        sheet: str,
        item: AssessmentItem,
        row: int,
        answer: AnswerCells,
        written: FieldPrints,
    ) -> None:
        """The fields the respondent changed (the others stay as the assessment has them)."""
        current = AnswerCells.of(item.answer_in(self.assessment))
        changed = {
            f.name
            for f in ANSWER_FIELDS
            if field_fingerprint(getattr(answer, f.name)) != written[f.name]
        }
        if (
            answer.status is Status.NOT_APPLICABLE
            and not answer.na_reason
            and changed & {"status", "na_reason"}
        ):
            self.problem(
                sheet,
                row,
                "該当なしの理由",
                "「該当なし」には、該当しない理由が必要です。理由を書いてもらってください。",
            )
            return
        changes = []
        for f in ANSWER_FIELDS:
            new, now = getattr(answer, f.name), getattr(current, f.name)
            if f.name not in changed or new == now:
                continue  # left as written, or the assessment holds the same already
            # Only a date the respondent typed is checked for its year: one the assessment
            # held when the questionnaire was written stays until someone changes it.
            problem = out_of_range(new, f.label) if isinstance(new, dt.date) else None
            if problem:
                self.problem(sheet, row, f.label, problem)
                continue
            assessment_changed = field_fingerprint(now) != written[f.name]
            changes.append(
                FieldChange(
                    f.name, f.label, current.shown(f.name), answer.shown(f.name), assessment_changed
                )
            )
        if changes:
            self.result.changes.append(ItemChange(item, row, current, answer, tuple(changes)))
        else:
            self.result.unchanged += 1


# -- cells ------------------------------------------------------------------------------------


def _rows_of(ws: Any) -> Any:
    """Every row of a read-only sheet from the first, empty ones too, so that counting them
    gives the row numbers people see. The sheet's stated size is not trusted (some programs
    write a wrong one, and openpyxl's read-only mode would then stop early)."""
    ws.reset_dimensions()
    return ws.iter_rows()


def _at(cells: Sequence[Any], index: int) -> Any:
    return getattr(cells[index], "value", None) if index < len(cells) else None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _empty(cells: Sequence[Any]) -> bool:
    return all(_is_blank(getattr(c, "value", None)) for c in cells)


def _date_of(value: Any) -> tuple[dt.date | None, str]:
    """A date cell's value, or the reason it is not one (in Japanese). Its year is checked
    where the respondent changed it (dates.out_of_range)."""
    if _is_blank(value):
        return None, ""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, str):
        try:
            return parse_date(value), ""
        except ValueError:  # no date's shape, or no such day (2026/2/30)
            pass
    return (
        None,
        f"「{text_of_cell(value)}」は日付として読めません（2026/12/01 のように入力してください）。",
    )


# -- applying ---------------------------------------------------------------------------------


def apply_answers(
    preview: AnswerImport,
    assessment: Assessment,
    *,
    importer: str,
    take_conflicts: Collection[FieldKey] = (),
) -> tuple[Assessment, list[ItemChange]]:
    """A copy of the assessment with the answers taken in, and the items changed.

    Of each item only the fields the respondent changed are set; a conflicting field is taken
    only when its key is in ``take_conflicts`` (otherwise the assessment's value stays).
    Raises AnswerImportError when the preview has problems, belongs to another assessment,
    or the assessment changed since the preview was made (nothing is changed then).
    """
    unknown = set(take_conflicts) - set(preview.conflict_fields)
    if unknown:
        raise ValueError(f"not conflicting fields of this preview: {sorted(unknown, key=str)}")
    if preview.problems:
        raise AnswerImportError(
            f"取り込めない行が {len(preview.problems)} 件あるため、何も変更していません。"
        )
    if preview.assessment_id != assessment.id:
        raise AnswerImportError("この取り込みの確認は、別の評価について行ったものです。")
    updated = assessment.model_copy(deep=True)
    note = preview.history_note(importer)
    made: list[ItemChange] = []
    for change in preview.changes:
        taken = {
            f.name: getattr(change.answer, f.name)
            for f in change.fields
            if not f.conflict or (change.key, f.name) in take_conflicts
        }
        if not taken:
            continue
        cm_id = change.item.countermeasure_id
        if AnswerCells.of(change.item.answer_in(updated)) != change.current:
            raise AnswerImportError(
                f"対策 {cm_id} の回答が、取り込みの確認の後で変わりました。"
                "何も変更していません。もう一度取り込んでください。"
            )
        try:
            set_item_answer(
                updated, change.item, who=preview.respondent, history_note=note, **taken
            )
        except EditError as exc:
            # the respondent's fields with the assessment's others may not fit together
            # (該当なし without a reason): nothing is changed, the person chooses otherwise
            raise AnswerImportError(
                f"対策 {cm_id}（{change.row} 行目）: 回答の欄と評価の今の欄を合わせると、"
                f"回答として成り立ちません（{exc}）。何も変更していません。競合の選び方を変えるか、"
                "評価でその項目を直してから、もう一度取り込んでください。"
            ) from exc
        made.append(change)
    return updated, made
