"""One countermeasure in its context: what it asks, the risks it addresses, where it applies."""

from __future__ import annotations

from ...guideline import Countermeasure
from ..shell.navigation import Location
from .badges import source_line_html
from .document_page import DocumentPage
from .guideline_html import esc, filter_note, link, risks_html, use_case_link


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
            "<p>" + source_line_html(cm.provenance) + "</p>",
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

        categories = [g.risk_category(rc) for rc in cm.risk_categories]
        out.append("<h2>" + esc(self.tr("対象のリスク区分")) + "</h2><p>")
        out.append("、".join(link(Location("risk_matrix", rc.id), rc.name) for rc in categories))
        out.append("</p>")

        use_cases = [g.use_case(uc) for uc in cm.use_cases]
        out.append("<h2>" + esc(self.tr("対象のユースケース")) + f"（{len(use_cases)}）</h2><ul>")
        out += [f"<li>{use_case_link(uc)}</li>" for uc in use_cases]
        out.append("</ul>")

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
