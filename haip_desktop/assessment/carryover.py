"""Carrying an assessment over to a newer version of the guideline data.

First a preview says what changes for this assessment, without altering anything; then the
migration applies it to a copy:

- answers to unchanged countermeasures are kept as they are;
- answers to countermeasures whose title or text changed are kept and marked 要再確認;
- answers to countermeasures no longer in the data are kept, marked archived;
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
from .history import now as history_now
from .history import record
from .models import Answer, Assessment, GuidelineRef, Status
from .scope import countermeasures_in_scope
from .store import ASSESSMENT_SUFFIXES, FILE_SUFFIX

MIGRATION_FIELD = "guideline.data_version"
_FLAGS = {"needs_review", "carried_over", "archived"}


def has_content(answer: Answer) -> bool:
    """Whether a person has put anything into the answer (flags aside)."""
    blank = Answer()
    return answer.status is not Status.UNANSWERED or any(
        getattr(answer, name) != getattr(blank, name)
        for name in Answer.model_fields
        if name not in _FLAGS and name != "status"
    )


@dataclass(frozen=True)
class CarryoverPreview:
    """What migrating one assessment to new data would do; nothing is changed yet.

    Every answer id of the file is in exactly one of unchanged, reworded, removed,
    still_archived and restored.
    """

    from_version: str
    to: GuidelineRef
    old_data_available: bool
    unchanged: list[str] = field(default_factory=list)  # kept as they are
    reworded: list[str] = field(default_factory=list)  # kept, marked 要再確認
    removed: list[str] = field(default_factory=list)  # kept, marked archived
    still_archived: list[str] = field(default_factory=list)  # archived before, still gone
    restored: list[str] = field(default_factory=list)  # archived before, back: 要再確認
    new_in_scope: list[str] = field(default_factory=list)  # left unanswered
    diff: GuidelineDiff | None = None

    @property
    def to_version(self) -> str:
        return self.to.data_version

    @property
    def is_needed(self) -> bool:
        return self.from_version != self.to.data_version

    def outcome_of(self, countermeasure_id: str) -> str | None:
        for name in ("unchanged", "reworded", "removed", "still_archived", "restored"):
            if countermeasure_id in getattr(self, name):
                return name
        return None

    def summary(self) -> str:
        return (
            f"そのまま引き継ぎ {len(self.unchanged)} 件、"
            f"要再確認 {len(self.reworded) + len(self.restored)} 件、"
            f"アーカイブ {len(self.removed)} 件"
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
        if self.removed:
            lines.append(
                "新しいデータにない対策の回答は削除せず、アーカイブとしてファイルに残します。"
            )
        return lines


def guideline_for(assessment: Assessment, current: Guideline) -> Guideline | None:
    """The guideline data the assessment was made against, when this PC has it."""
    from ..guideline.packs import guideline_for_version

    return guideline_for_version(assessment.guideline.data_version, current)


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
    for cm_id, answer in assessment.answers.items():
        in_new = new.get(cm_id) is not None
        if not in_new:
            (preview.still_archived if answer.archived else preview.removed).append(cm_id)
        elif answer.archived:
            preview.restored.append(cm_id)
        elif has_content(answer) and (reworded_ids is None or cm_id in reworded_ids):
            preview.reworded.append(cm_id)
        else:
            preview.unchanged.append(cm_id)

    in_scope_new = [cm.id for cm in countermeasures_in_scope(assessment, new)]
    in_scope_old = (
        {cm.id for cm in countermeasures_in_scope(assessment, old)} if old is not None else set()
    )
    for cm_id in in_scope_new:
        answered = has_content(assessment.answer(cm_id))
        if not answered and (old is None or cm_id not in in_scope_old):
            preview.new_in_scope.append(cm_id)
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
        old = result.answers[cm_id]
        result.answers[cm_id] = old.model_copy(update={"needs_review": True, "archived": False})
        record(
            result,
            who=who,
            item=cm_id,
            field="needs_review",
            old=old.needs_review,
            new=True,
            note="ガイドラインの文言の変更に伴い要再確認"
            if cm_id in preview.reworded
            else "対策がガイドラインデータに戻ったため要再確認",
            at=at,
        )
    for cm_id in preview.removed:
        old = result.answers[cm_id]
        result.answers[cm_id] = old.model_copy(update={"archived": True})
        record(
            result,
            who=who,
            item=cm_id,
            field="archived",
            old=False,
            new=True,
            note="新しいガイドラインデータにない対策のため、回答をアーカイブとして保存",
            at=at,
        )
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
    result.guideline = preview.to
    # validate_assignment does not look inside the answers dict: validate the whole once.
    return Assessment.model_validate(result.model_dump())


def migrated_file_name(path: str | Path, data_version: str) -> Path:
    """Where to save the migrated copy by default: beside the file, named by data version,
    with the source's extension (.haipeval, or .json for a file of an older version)."""
    path = Path(path)
    if path.suffix.lower() in ASSESSMENT_SUFFIXES:
        return path.with_name(f"{path.stem}_データ版{data_version}{path.suffix}")
    return path.with_name(f"{path.name}_データ版{data_version}{FILE_SUFFIX}")
