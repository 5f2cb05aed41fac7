"""One countermeasure in its context: who acts on it and where, what it asks, the risks it
addresses. A guideline countermeasure lists the step actions that put it into practice at the
workflow steps (implemented_by); a step action lists the guideline countermeasures it
implements."""

from __future__ import annotations

from ...guideline import Countermeasure, Guideline, Level
from ..shell.navigation import Location
from ..widgets.level_text import level_hint, roles_text, steps_and_roles
from .badges import level_badge_html, source_line_html
from .document_page import DocumentPage
from .guideline_html import countermeasure_html, esc, filter_note, link, risks_html, use_case_link


class CountermeasureView(DocumentPage):
    def _countermeasure(self, location: Location) -> Countermeasure | None:
        g = self.shell.guideline
        item = g.get(location.item) if g is not None else None
        return item if isinstance(item, Countermeasure) else None

    def title_for(self, location: Location) -> str:
        cm = self._countermeasure(location)
        return cm.title if cm is not None else self.tr("対策")

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        cm = self._countermeasure(location)
        if g is None or cm is None:
            return "<p>" + esc(self.tr("対策が見つかりません。")) + "</p>"
        f = self.shell.filters.current
        side = self.tr("利用者の対策") if cm.perspective.is_user else self.tr("開発者の対策")
        out = [
            f'<p class="crumb">{esc(side)} › {esc(cm.perspective.label)} › '
            + esc(self.tr("%1の段階").replace("%1", cm.phase.label))
            + "</p>",
            f"<h1>{esc(cm.title)}</h1>",
            "<p>"
            + level_badge_html(cm.level)
            + "&nbsp;&nbsp;"
            + esc(level_hint(cm.level))
            + "<br>"
            + source_line_html(cm.provenance)
            + "</p>",
        ]
        if not f.countermeasure_visible(g, cm):
            out.append(
                '<p class="muted">'
                + esc(self.tr("この対策は、いまの絞り込み（立場・施設）では一覧に表示されません。"))
                + "</p>"
            )
        out.append(filter_note(f))
        out.append("<h2>" + esc(self.tr("内容")) + f"</h2><p>{esc(cm.text)}</p>")
        out.append("<h3>" + esc(self.tr("確認の目安")) + f"</h3><p>{esc(cm.evidence)}</p>")
        if cm.provenance.note:
            out.append(f'<p class="muted">{esc(cm.provenance.note)}</p>')

        out.append(self._where_html(g, cm))

        categories = [g.risk_category(rc) for rc in cm.risk_categories]
        out.append("<h2>" + esc(self.tr("対象のリスク区分")) + "</h2><p>")
        out.append("、".join(link(Location("risk_matrix", rc.id), rc.name) for rc in categories))
        out.append("</p>")

        use_cases = [g.use_case(uc) for uc in cm.use_cases]
        out.append("<h2>" + esc(self.tr("対象のユースケース")) + f"（{len(use_cases)}）</h2><ul>")
        out += [f"<li>{use_case_link(uc)}</li>" for uc in use_cases]
        out.append("</ul>")

        if cm.level is not Level.STEP:  # a step action's steps are listed above
            step_ids = {s.id for uc in use_cases for s in g.steps_for_use_case(uc.id)}
            steps = [s for s in g.steps if s.id in step_ids]  # in workflow order
            out.append("<h2>" + esc(self.tr("関係する業務ステップ")) + f"（{len(steps)}）</h2>")
            if steps:
                out.append("<ul>")
                for step in steps:
                    flow = g.flow_of_step(step.id)
                    out.append(
                        f"<li>{esc(flow.name)} › {link(Location('step', step.id), step.name)}</li>"
                    )
                out.append("</ul>")
        risks = g.risks_addressed_by(cm)
        out.append("<h2>" + esc(self.tr("この対策が備えるリスク")) + f"（{len(risks)}）</h2>")
        out.append(risks_html(g, risks, location.anchor))
        return "".join(out)

    def _where_html(self, g: Guideline, cm: Countermeasure) -> str:
        """Who acts on it: a step action's steps and roles and the guideline countermeasures it
        implements; a facility or tool item's step actions (where staff put it into practice)."""
        out: list[str] = []
        if cm.level is Level.STEP:
            places = steps_and_roles(g, cm)
            out.append(
                "<h2>" + esc(self.tr("実施する業務ステップと職種")) + f"（{len(places)}）</h2><ul>"
            )
            for step, roles in places:
                flow = g.flow_of_step(step.id)
                out.append(
                    f"<li>{esc(flow.name)} › {link(Location('step', step.id), step.name)}"
                    + esc(self.tr("（%1）").replace("%1", roles_text(roles)))
                    + "</li>"
                )
            out.append("</ul>")
            targets = g.implements_of(cm)
            out.append(
                "<h2>"
                + esc(self.tr("この手順が実践するガイドラインの対策"))
                + f"（{len(targets)}）</h2>"
            )
            if not targets:
                out.append(
                    '<p class="muted">'
                    + esc(self.tr("ガイドラインの対策との対応付けはありません。"))
                    + "</p>"
                )
            out += [countermeasure_html(g, target, with_text=False) for target in targets]
            return "".join(out)
        actions = g.implemented_by(cm.id)
        out.append(
            "<h2>" + esc(self.tr("現場での実践（業務ステップの手順）")) + f"（{len(actions)}）</h2>"
        )
        if not actions:
            out.append(
                '<p class="muted">'
                + esc(self.tr("この対策を業務ステップで実践する手順は挙げていません。"))
                + "</p>"
            )
        else:
            out.append(
                '<p class="muted">'
                + esc(
                    self.tr("この対策を、各業務ステップで担当の職種が実際に行う形にした手順です。")
                )
                + "</p>"
            )
        out += [countermeasure_html(g, action, with_text=False) for action in actions]
        return "".join(out)
