"""Carrying an assessment over to a newer version of the guideline data.

First a preview says what changes for this assessment, without altering anything; then the
migration applies it to a copy. Each countermeasure answered in the file (once for the
facility, or for some of the register's tools) has one outcome:

- unchanged: its answers are kept as they are;
- reworded (title or text changed): kept and marked 要再確認;
- removed (no longer in the data): kept, marked archived;
- to_tools (it became tool-level): the facility's answer is copied to each tool that is not
  利用禁止 and marked 要再確認 (answer_moves.py, the rule of the schema migration);
- from_tools (it is no longer tool-level): the tools' answers stay in the file, out of
  scope; the countermeasure is answered once again;
- countermeasures new in scope are left unanswered;
- the history records the migration (from → to data version, with the counts).

Every answer in the file before is in the file after: nothing is silently dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..guideline import Guideline
from ..guideline.diff import GuidelineDiff, diff_guidelines
from .answer_moves import move_answers_to_tools
from .history import now as history_now
from .history import os_user, record
from .models import Answer, Assessment, GuidelineRef
from .scope import items_in_scope
from .store import ASSESSMENT_SUFFIXES, FILE_SUFFIX

MIGRATION_FIELD = "guideline.data_version"


@dataclass(frozen=True)
class CarryoverPreview:
    """What migrating one assessment to new data would do; nothing is changed yet.

    Every countermeasure id answered in the file (in ``answers`` or for a tool) is in exactly
    one of unchanged, reworded, removed, still_archived, restored, to_tools and from_tools.
    """

    from_version: str
    to: GuidelineRef
    old_data_available: bool
    unchanged: list[str] = field(default_factory=list)  # kept as they are
    reworded: list[str] = field(default_factory=list)  # kept, marked 要再確認
    removed: list[str] = field(default_factory=list)  # kept, marked archived
    still_archived: list[str] = field(default_factory=list)  # archived before, still gone
    restored: list[str] = field(default_factory=list)  # archived before, back: 要再確認
    to_tools: list[str] = field(default_factory=list)  # became tool-level: per tool, 要再確認
    from_tools: list[str] = field(default_factory=list)  # no longer tool-level: tools' kept
    new_in_scope: list[str] = field(default_factory=list)  # left unanswered
    diff: GuidelineDiff | None = None

    @property
    def to_version(self) -> str:
        return self.to.data_version

    @property
    def is_needed(self) -> bool:
        return self.from_version != self.to.data_version

    def outcome_of(self, countermeasure_id: str) -> str | None:
        for name in _OUTCOMES:
            if countermeasure_id in getattr(self, name):
                return name
        return None

    def summary(self) -> str:
        return (
            f"そのまま引き継ぎ {len(self.unchanged)} 件、"
            f"要再確認 {len(self.reworded) + len(self.restored)} 件、"
            + (f"AIツールごとの回答へ {len(self.to_tools)} 件、" if self.to_tools else "")
            + (
                f"施設として回答し直す（ツールごとの回答は保管） {len(self.from_tools)} 件、"
                if self.from_tools
                else ""
            )
            + f"アーカイブ {len(self.removed)} 件"
            + (
                f"（以前からのアーカイブ {len(self.still_archived)} 件）"
                if self.still_archived
                else ""
            )
            + f"、新しく対象になった未回答 {len(self.new_in_scope)} 件"
        )

    def describe(self) -> list[str]:
        """Lines for people, in Japanese, shown before the migration is confirmed."""
        lines = [
            f"ガイドラインデータをデータ版 {self.from_version} から {self.to_version} に更新します。",
            self.summary() + "。",
        ]
        if not self.old_data_available:
            lines.append(
                f"データ版 {self.from_version} のデータがこのPCにないため、どの対策の文言が"
                "変わったかを確かめられません。回答済みの対策はすべて要再確認として引き継ぎます。"
            )
        if self.reworded or self.restored:
            lines.append("文言が変わった対策の回答は引き継ぎ、「要再確認」の印を付けます。")
        if self.to_tools:
            lines.append(
                "AIツールごとに回答する対策になったものは、施設としての回答を台帳の各ツール"
                "（利用禁止を除く）の回答に写し、「要再確認」の印を付けます。"
            )
        if self.from_tools:
            lines.append(
                "AIツールごとに回答しなくなった対策は、ツールごとの回答をファイルに残したまま、"
                "施設として改めて回答します。"
            )
        if self.removed:
            lines.append(
                "新しいデータにない対策の回答は削除せず、アーカイブとしてファイルに残します。"
            )
        return lines


_OUTCOMES = (
    "unchanged",
    "reworded",
    "removed",
    "still_archived",
    "restored",
    "to_tools",
    "from_tools",
)


def guideline_for(assessment: Assessment, current: Guideline) -> Guideline | None:
    """The guideline data the assessment was made against, when this PC has it."""
    from ..guideline.packs import guideline_for_version

    return guideline_for_version(assessment.guideline.data_version, current)


def _answers_by_id(assessment: Assessment) -> dict[str, list[Answer]]:
    """Every answer of the file by countermeasure id: the facility's, then each tool's."""
    found: dict[str, list[Answer]] = {}
    for cm_id, answer in assessment.answers.items():
        found.setdefault(cm_id, []).append(answer)
    for answers in assessment.tool_answers.values():
        for cm_id, answer in answers.items():
            found.setdefault(cm_id, []).append(answer)
    return found


def preview_carryover(
    assessment: Assessment, new: Guideline, old: Guideline | None
) -> CarryoverPreview:
    """What migrating to ``new`` would do. ``old`` is the data the assessment was made
    against, or None when it is not available (then every kept answer needs review)."""
    diff = diff_guidelines(old, new) if old is not None else None
    reworded_ids = diff.reworded_countermeasures() if diff is not None else None
    preview = CarryoverPreview(
        from_version=assessment.guideline.data_version,
        to=GuidelineRef(id=new.id, edition=new.edition, data_version=new.data_version),
        old_data_available=old is not None,
        diff=diff,
    )
    tool_level = {cm.id for cm in new.tool_countermeasures()}
    for cm_id, answers in _answers_by_id(assessment).items():
        in_new = new.get(cm_id) is not None
        archived = all(a.archived for a in answers)
        if not in_new:
            (preview.still_archived if archived else preview.removed).append(cm_id)
        elif cm_id in tool_level and cm_id in assessment.answers:
            preview.to_tools.append(cm_id)
        elif cm_id not in tool_level and cm_id not in assessment.answers:
            preview.from_tools.append(cm_id)
        elif archived:
            preview.restored.append(cm_id)
        elif any(a.has_content() for a in answers) and (
            reworded_ids is None or cm_id in reworded_ids
        ):
            preview.reworded.append(cm_id)
        else:
            preview.unchanged.append(cm_id)

    new_items = items_in_scope(assessment, new)
    old_items = {i.key for i in items_in_scope(assessment, old)} if old is not None else set()
    for item in new_items:
        if item.countermeasure_id in preview.new_in_scope:
            continue
        answered = item.answer_in(assessment).has_content()
        if not answered and (old is None or item.key not in old_items):
            preview.new_in_scope.append(item.countermeasure_id)
    return preview


def migrate_assessment(
    assessment: Assessment,
    preview: CarryoverPreview,
    *,
    who: str = "",
    at: dt.datetime | None = None,
) -> Assessment:
    """A migrated copy of the assessment; the original is not changed."""
    at = at or history_now()
    result = assessment.model_copy(deep=True)
    for cm_id in preview.reworded + preview.restored:
        note = (
            "ガイドラインの文言の変更に伴い要再確認"
            if cm_id in preview.reworded
            else "対策がガイドラインデータに戻ったため要再確認"
        )
        for tool_id, old in _answers_of(result, cm_id):
            if cm_id in preview.reworded and not old.has_content():
                continue
            _put(
                result,
                cm_id,
                tool_id,
                old.model_copy(update={"needs_review": True, "archived": False}),
            )
            record(
                result,
                who=who,
                item=cm_id,
                tool=tool_id or "",
                field="needs_review",
                old=old.needs_review,
                new=True,
                note=note,
                at=at,
            )
    for cm_id in preview.removed:
        for tool_id, old in _answers_of(result, cm_id):
            if old.archived:
                continue
            _put(result, cm_id, tool_id, old.model_copy(update={"archived": True}))
            record(
                result,
                who=who,
                item=cm_id,
                tool=tool_id or "",
                field="archived",
                old=False,
                new=True,
                note="新しいガイドラインデータにない対策のため、回答をアーカイブとして保存",
                at=at,
            )
    document = result.model_dump(mode="json")
    move_answers_to_tools(
        document,
        preview.to_tools,
        at=at.isoformat(),
        note=f"データ版 {preview.to_version} でAIツールごとに回答する対策になったため、"
        "施設としての回答をこのツールの回答に写しました（要再確認）",
        who=who,
        os_user=os_user(),
    )
    document["guideline"] = preview.to.model_dump(mode="json")
    # One validation of the whole (validate_assignment does not look inside the dicts).
    result = Assessment.model_validate(document)
    record(
        result,
        who=who,
        item="",
        field=MIGRATION_FIELD,
        old=preview.from_version,
        new=preview.to_version,
        note=f"ガイドラインデータの更新に伴う移行: {preview.summary()}",
        at=at,
    )
    return result


def _answers_of(assessment: Assessment, cm_id: str) -> list[tuple[str | None, Answer]]:
    found: list[tuple[str | None, Answer]] = []
    if cm_id in assessment.answers:
        found.append((None, assessment.answers[cm_id]))
    for tool_id, answers in assessment.tool_answers.items():
        if cm_id in answers:
            found.append((tool_id, answers[cm_id]))
    return found


def _put(assessment: Assessment, cm_id: str, tool_id: str | None, answer: Answer) -> None:
    if tool_id is None:
        assessment.answers[cm_id] = answer
    else:
        assessment.tool_answers[tool_id][cm_id] = answer


def migrated_file_name(path: str | Path, data_version: str) -> Path:
    """Where to save the migrated copy by default: beside the file, named by data version,
    with the source's extension (.haipeval, or .json for a file of an older version)."""
    path = Path(path)
    if path.suffix.lower() in ASSESSMENT_SUFFIXES:
        return path.with_name(f"{path.stem}_データ版{data_version}{path.suffix}")
    return path.with_name(f"{path.name}_データ版{data_version}{FILE_SUFFIX}")
