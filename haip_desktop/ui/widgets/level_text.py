"""Who acts on a countermeasure, in words: its level, and for a step action its steps and roles.

One wording for every view that lists countermeasures (use cases, the risk matrix, a
countermeasure's page, search results), so a reader can always tell who acts on an item:
施設全体 (the committee, once), AIツール (for each tool in the register), 業務ステップ (staff
in these roles at these steps). The words 施設全体・AIツール・業務ステップ are the CSV's 区分.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...guideline import Countermeasure, Guideline, Level, Role, Step


def _tr(text: str) -> str:
    return QCoreApplication.translate("level_text", text)


def level_hint(level: Level) -> str:
    """What the level means for who acts, in a few words."""
    if level is Level.FACILITY:
        return _tr("施設として一度整える")
    if level is Level.TOOL:
        return _tr("AIツールごとに確かめる")
    return _tr("その業務ステップで担当の職種が行う")


def roles_text(roles: list[Role]) -> str:
    return "・".join(role.label for role in roles)


def steps_and_roles(g: Guideline, cm: Countermeasure) -> list[tuple[Step, list[Role]]]:
    """Where a step action is done and by whom there (in workflow order); empty for others."""
    steps = {s.id: s for s in g.steps_of(cm)}
    return [(s, g.roles_at(cm, s.id)) for s in g.steps if s.id in steps]


def where_text(g: Guideline, cm: Countermeasure) -> str:
    """「看護記録（看護師）、退院時看護サマリー（看護師）」 for a step action, else ""."""
    return "、".join(
        _tr("%1（%2）").replace("%1", step.name).replace("%2", roles_text(roles))
        for step, roles in steps_and_roles(g, cm)
    )


def level_text(g: Guideline, cm: Countermeasure) -> str:
    """「区分: 業務ステップ — 看護記録（看護師）」 / 「区分: 施設全体（施設として一度整える）」."""
    if cm.level is Level.STEP:
        where = where_text(g, cm)
        if where:
            return _tr("区分: %1 — %2").replace("%1", cm.level.label).replace("%2", where)
    return _tr("区分: %1（%2）").replace("%1", cm.level.label).replace("%2", level_hint(cm.level))


def level_counts_text(cms: list[Countermeasure]) -> str:
    """「施設全体 5件・AIツール 4件・業務ステップ 3件」 (levels without any are left out)."""
    counts = {level: 0 for level in Level}
    for cm in cms:
        counts[cm.level] += 1
    return "・".join(
        _tr("%1 %2件").replace("%1", level.label).replace("%2", str(count))
        for level, count in counts.items()
        if count
    )
