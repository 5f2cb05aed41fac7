"""HTML for guideline items, shared by the detail views so each item looks the same everywhere."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from ...guideline import Countermeasure, Guideline, Level, Phase, Risk, UseCase
from ..shell.filters import GuidelineFilter
from ..shell.navigation import Location
from ..widgets.level_text import level_counts_text, level_hint, roles_text, steps_and_roles
from ..widgets.style import ACCENT_LIGHT
from .badges import level_badge_html, severity_html, source_line_html

PHASE_ORDER = (Phase.DEVELOPMENT, Phase.INTRODUCTION, Phase.OPERATION)


def _tr(text: str) -> str:
    return QCoreApplication.translate("guideline_html", text)


def esc(text: str) -> str:
    return html.escape(text)


def link(location: Location, text: str) -> str:
    return f'<a href="{esc(location.url())}">{esc(text)}</a>'


def use_case_label(uc: UseCase) -> str:
    return _tr("UC%1 %2").replace("%1", str(uc.number)).replace("%2", uc.name)


def use_case_link(uc: UseCase) -> str:
    return link(Location("use_case", uc.id), use_case_label(uc))


def item_block(anchor: str, body: str, highlighted: bool = False) -> str:
    """One item with a named anchor; the item a link pointed at gets a tinted background.

    An item is one paragraph (``p.item``: the same spacing as a padded box); only the
    highlighted one is a tinted table. A table per item made a step page (≈80 items) take
    twice as long to lay out.
    """
    if highlighted:
        return (
            f'<a name="{esc(anchor)}"></a>'
            f'<table class="item" width="100%" cellpadding="4" cellspacing="0"'
            f' bgcolor="{ACCENT_LIGHT}"><tr><td>{body}</td></tr></table>'
        )
    return f'<p class="item"><a name="{esc(anchor)}"></a>{body}</p>'


def filter_note(f: GuidelineFilter) -> str:
    if not f.is_active:
        return ""
    parts = []
    if f.perspective == "user":
        parts.append(_tr("利用者の対策のみ"))
    elif f.perspective == "developer":
        parts.append(_tr("開発者の対策のみ"))
    if f.setting is not None:
        parts.append(_tr("施設: %1").replace("%1", f.setting.label))
    return (
        '<p class="muted">'
        + esc(
            _tr("絞り込み中: %1（上の「立場」「施設」で変更できます）").replace(
                "%1", "、".join(parts)
            )
        )
        + "</p>"
    )


def risks_html(
    g: Guideline, risks: Iterable[Risk], anchor: str = "", show_use_case: bool = True
) -> str:
    """Risks grouped by category (in the guideline's category order), most severe first."""
    by_category: dict[str, list[Risk]] = {}
    for risk in risks:
        by_category.setdefault(risk.category, []).append(risk)
    if not by_category:
        return '<p class="muted">' + esc(_tr("該当するリスクはありません。")) + "</p>"
    parts = []
    for category in g.risk_categories:
        group = by_category.get(category.id)
        if not group:
            continue
        parts.append(
            f"<h3>{link(Location('risk_matrix', category.id), category.name)}"
            f'<span class="muted">（{len(group)}）</span></h3>'
        )
        for risk in sorted(group, key=lambda r: r.severity.rank):
            body = f"{severity_html(risk.severity)}&nbsp;&nbsp;<b>{esc(risk.title)}</b>"
            if show_use_case:
                body += f'&nbsp;&nbsp;<span class="muted">{use_case_link(g.use_case(risk.use_case))}</span>'
            body += f"<br>{esc(risk.description)}"
            body += (
                '<br><span class="muted">'
                + esc(_tr("重大度の理由: %1").replace("%1", risk.severity_reason))
                + "</span>"
            )
            body += "<br>" + source_line_html(risk.provenance)
            parts.append(item_block(risk.id, body, risk.id == anchor))
    return "".join(parts)


def level_html(g: Guideline, cm: Countermeasure) -> str:
    """Who acts on it: the level's badge and, for a step action, its steps (linked) with the
    roles that do it there; for the other levels, what the level means."""
    badge = level_badge_html(cm.level)
    if cm.level is Level.STEP:
        where = "、".join(
            link(Location("step", step.id), step.name)
            + esc(_tr("（%1）").replace("%1", roles_text(roles)))
            for step, roles in steps_and_roles(g, cm)
        )
        if where:
            return f"{badge}&nbsp;&nbsp;{where}"
    return f'{badge}&nbsp;&nbsp;<span class="muted">{esc(level_hint(cm.level))}</span>'


def implements_html(g: Guideline, cm: Countermeasure) -> str:
    """「ガイドラインの対策: …」: the guideline countermeasures a step action puts into practice,
    linked ("" when it names none)."""
    targets = g.implements_of(cm)
    if not targets:
        return ""
    return (
        '<span class="muted">'
        + esc(_tr("ガイドラインの対策: "))
        + "</span>"
        + "、".join(link(Location("countermeasure", c.id), c.title) for c in targets)
    )


def countermeasure_html(
    g: Guideline,
    cm: Countermeasure,
    highlighted: bool = False,
    with_text: bool = True,
    with_level: bool = True,
    extra: str = "",
) -> str:
    """One countermeasure: title, who acts on it (`with_level`), text, evidence, what it
    implements, source; `extra` is rich text after the title (e.g. its status)."""
    body = (
        f"<b>{link(Location('countermeasure', cm.id), cm.title)}</b>"
        f'&nbsp;&nbsp;<span class="muted">{esc(cm.perspective.label)}・{esc(cm.phase.label)}</span>'
    )
    if extra:
        body += "&nbsp;&nbsp;" + extra
    if with_level:
        body += "<br>" + level_html(g, cm)
    if with_text:
        body += f"<br>{esc(cm.text)}"
        body += (
            '<br><span class="muted">'
            + esc(_tr("確認の目安: %1").replace("%1", cm.evidence))
            + "</span>"
        )
    implements = implements_html(g, cm)
    if implements:
        body += "<br>" + implements
    body += "<br>" + source_line_html(cm.provenance)
    return item_block(cm.id, body, highlighted)


def countermeasures_html(
    g: Guideline, cms: list[Countermeasure], f: GuidelineFilter, anchor: str = ""
) -> str:
    """Countermeasures for users and for developers (as the filter allows), each by phase,
    after a line that counts them by level (who acts on them)."""
    sides = []
    if f.shows_user:
        sides.append((_tr("利用者の対策"), [cm for cm in cms if cm.perspective.is_user]))
    if f.shows_developer:
        sides.append((_tr("開発者の対策"), [cm for cm in cms if not cm.perspective.is_user]))
    parts = []
    shown = [cm for _title, side in sides for cm in side]
    if shown:
        parts.append(
            '<p class="muted">'
            + esc(_tr("区分: %1").replace("%1", level_counts_text(shown)))
            + "</p>"
        )
    for title, side in sides:
        parts.append(f'<h3>{esc(title)}<span class="muted">（{len(side)}）</span></h3>')
        if not side:
            parts.append('<p class="muted">' + esc(_tr("該当する対策はありません。")) + "</p>")
            continue
        for phase in PHASE_ORDER:
            in_phase = [cm for cm in side if cm.phase is phase]
            if not in_phase:
                continue
            parts.append(
                "<h4>"
                + esc(_tr("%1の段階").replace("%1", phase.label))
                + f"（{len(in_phase)}）</h4>"
            )
            parts += [countermeasure_html(g, cm, cm.id == anchor) for cm in in_phase]
    return "".join(parts)
