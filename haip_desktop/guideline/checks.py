"""Checks across the whole guideline once each item is valid on its own.

These are the content rules the data must keep: every id referenced exists, ids carry the
prefix of their kind, every use case has countermeasures from every perspective, every
workflow step has a use scene or says that generative AI has no typical use there, no
item is an orphan, and every countermeasure is consistent with its level (a step-level item
names its roles and steps, a developer-side item is answered per tool, a step action traces
back to the guideline countermeasure it puts into practice).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .guideline import Guideline, use_cases_at_step
from .models import Countermeasure, Level, Perspective, RiskCategory, SourceKind, Step, UseCase
from .problems import Problem, Where

ID_PREFIXES: dict[str, str] = {
    "UseCase": "UC-",
    "RiskCategory": "RC-",
    "Risk": "R-",
    "Countermeasure": "C-",
    "Flow": "WF-",
    "Step": "ST-",
    "UseScene": "SC-",
    "Reference": "REF-",
}
ID_PATTERN = re.compile(r"^[A-Z]+(-[A-Z0-9]+)+$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
JAPANESE_FIELDS = ("name", "title", "summary", "description", "text", "evidence")

Report = Callable[[str, str, str], None]  # (item id, field, message)
Exists = Callable[[str, str, type, str], None]  # (item id, the id it refers to, its kind, field)


def check_guideline(
    g: Guideline,
    where: dict[str, Where],
    invalid_ids: frozenset[str] = frozenset(),
    check_coverage: bool = True,
) -> list[Problem]:
    """Cross-file problems. Ids of items that failed validation on their own are not reported
    as unknown again, and coverage is only judged when every item was valid."""
    problems: list[Problem] = []

    def report(item_id: str, field: str, message: str) -> None:
        base = where.get(item_id, Where(g.source_dir or Path(".")))
        path = (*base.path, field) if base.path is not None and field else base.path
        problems.append(Problem(Where(base.file, path, item_id), message))

    def exists(item_id: str, ref: str, kind: type, field: str) -> None:
        if not isinstance(g.get(ref), kind) and ref not in invalid_ids:
            report(item_id, field, f"'{ref}' という{_KIND_JA[kind.__name__]}はありません")

    # Ids and Japanese text
    for item in g.all_items():
        kind = type(item).__name__
        prefix = ID_PREFIXES[kind]
        if not item.id.startswith(prefix) or not ID_PATTERN.match(item.id):
            report(item.id, "id", f"id は '{prefix}' で始まる英大文字・数字・ハイフンの形にします")
        for name in JAPANESE_FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str) and not JAPANESE.search(value):
                report(item.id, name, "日本語の本文がありません")

    numbers = [uc.number for uc in g.use_cases]
    if len(set(numbers)) != len(numbers):
        report(g.use_cases[0].id, "number", "ユースケースの番号が重複しています")

    editions = {e.number for e in g.info.editions}
    if g.info.based_on_edition not in editions:
        problems.append(
            Problem(
                Where(g.source_dir or Path("."), ("guideline", "based_on_edition")),
                f"based_on_edition {g.info.based_on_edition} は editions にありません",
            )
        )

    # References between items
    for risk in g.risks:
        exists(risk.id, risk.use_case, UseCase, "use_case")
        exists(risk.id, risk.category, RiskCategory, "category")
    for cm in g.countermeasures:
        for ref in cm.use_cases:
            exists(cm.id, ref, UseCase, "use_cases")
        for ref in cm.risk_categories:
            exists(cm.id, ref, RiskCategory, "risk_categories")
        _check_duplicates(cm.id, cm.use_cases, "use_cases", report)
        if cm.level is not Level.STEP:
            for uc_id in cm.use_cases:
                categories = {r.category for r in g.risks_for_use_case(uc_id)}
                if isinstance(g.get(uc_id), UseCase) and not categories.intersection(
                    cm.risk_categories
                ):
                    report(
                        cm.id,
                        "use_cases",
                        f"{uc_id} には {', '.join(cm.risk_categories)} のリスクが定義されていません",
                    )
        _check_level(g, cm, report, exists)
    for scene in g.scenes:
        exists(scene.id, scene.step, Step, "step")
        for ref in scene.use_cases:
            exists(scene.id, ref, UseCase, "use_cases")
    for ref_item in g.references:
        for ref in ref_item.risk_categories:
            exists(ref_item.id, ref, RiskCategory, "risk_categories")

    if not check_coverage:
        return problems

    # Coverage: no orphans, every perspective, every step
    for uc in g.use_cases:
        cms = g.countermeasures_for_use_case(uc.id)
        for perspective in Perspective:
            if not any(cm.perspective is perspective for cm in cms):
                report(uc.id, "", f"{perspective.label}の対策が1つもありません")
        if not g.risks_for_use_case(uc.id):
            report(uc.id, "", "リスクが1つも定義されていません")
        if not g.steps_for_use_case(uc.id):
            report(uc.id, "", "どの業務ステップの利用シーンにも結び付いていません")
    for risk in g.risks:
        if not g.countermeasures_for_cell(risk.category, risk.use_case):
            report(risk.id, "", "このリスクに対する対策が1つもありません")
    for category in g.risk_categories:
        if not any(r.category == category.id for r in g.risks):
            report(category.id, "", "このリスク区分を使うリスクがありません")
    for flow in g.flows:
        for step in flow.steps:
            has_scene = bool(g.scenes_for_step(step.id))
            if not has_scene and not (step.no_ai_use and step.no_ai_use.strip()):
                report(
                    step.id,
                    "",
                    "利用シーンがありません（無い場合は no_ai_use に理由を書きます）",
                )
            if has_scene and step.no_ai_use:
                report(step.id, "no_ai_use", "利用シーンがあるのに no_ai_use も書かれています")
            if has_scene and not step.roles:
                report(
                    step.id, "roles", "生成AIを使うステップには、そこで働く職種（roles）を書きます"
                )
    return problems


def _check_level(g: Guideline, cm: Countermeasure, report: Report, exists: Exists) -> None:
    """The rules that tie a countermeasure to where it is acted on (its level)."""
    if cm.level is Level.STEP:
        if not cm.roles:
            report(
                cm.id, "roles", "業務ステップの対策には、行う職種（roles）が少なくとも1つ必要です"
            )
        if not cm.steps:
            report(
                cm.id,
                "steps",
                "業務ステップの対策には、行う業務ステップ（steps）が少なくとも1つ必要です",
            )
        _check_duplicates(cm.id, [r.value for r in cm.roles], "roles", report)
        _check_duplicates(cm.id, cm.steps, "steps", report)
        for step_id in cm.steps:
            exists(cm.id, step_id, Step, "steps")
            step = g.get(step_id)
            if not isinstance(step, Step):
                continue
            if not g.scenes_for_step(step_id):
                report(
                    cm.id,
                    "steps",
                    f"{step_id} には生成AIの利用シーンがないため、業務ステップの対策を置けません",
                )
                continue
            if not use_cases_at_step(cm, step_id, g.scenes, g.risks):
                report(
                    cm.id,
                    "risk_categories",
                    f"{step_id} のユースケースには {', '.join(cm.risk_categories)} の"
                    "リスクが定義されていません（このステップで防ぐリスクの区分を選びます）",
                )
            if step.roles and not set(step.roles).intersection(cm.roles):
                report(
                    cm.id,
                    "roles",
                    f"{step_id}（{step.name}）で働く職種（{'・'.join(step.roles)}）が roles にありません",
                )
        if cm.perspective is Perspective.DEVELOPER:
            report(cm.id, "level", "開発者の対策は AIツールごと（level: tool）に回答します")
        if cm.provenance.kind is SourceKind.APP and not cm.implements:
            report(
                cm.id,
                "implements",
                "本アプリ独自の手順は、実践するガイドラインの対策（implements）を少なくとも1つ示します",
            )
    else:
        if cm.steps:
            report(
                cm.id,
                "steps",
                f"steps は業務ステップの対策（level: step）だけに書きます（この対策は {cm.level.value}）",
            )
        if cm.roles:
            report(
                cm.id,
                "roles",
                f"roles は業務ステップの対策（level: step）だけに書きます（この対策は {cm.level.value}）",
            )
        if cm.implements:
            report(
                cm.id, "implements", "implements は業務ステップの対策（level: step）だけに書きます"
            )
        if not cm.use_cases:
            report(cm.id, "use_cases", "少なくとも1つ必要です")
        if cm.level is Level.TOOL and cm.perspective is Perspective.USER_INDIVIDUAL:
            report(
                cm.id,
                "level",
                "AIツールごとの対策（level: tool）は開発者側か、組織がツールの提供者に求めるものに限ります",
            )
        if cm.level is Level.FACILITY and cm.perspective is Perspective.DEVELOPER:
            report(cm.id, "level", "開発者の対策は AIツールごと（level: tool）に回答します")
    _check_duplicates(cm.id, cm.implements, "implements", report)
    for target in cm.implements:
        exists(cm.id, target, Countermeasure, "implements")
        found = g.get(target)
        if isinstance(found, Countermeasure) and found.level is Level.STEP:
            report(
                cm.id,
                "implements",
                f"'{target}' は業務ステップの対策です。施設全体・AIツールの対策を示します",
            )


def _check_duplicates(item_id: str, values: list[str], field: str, report: Report) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            report(item_id, field, f"'{value}' が重複しています")
        seen.add(value)


_KIND_JA = {
    "UseCase": "ユースケース",
    "RiskCategory": "リスク区分",
    "Risk": "リスク",
    "Countermeasure": "対策",
    "Step": "業務ステップ",
    "Flow": "業務フロー",
    "UseScene": "利用シーン",
    "Reference": "参考資料",
}
