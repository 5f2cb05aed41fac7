"""One workflow step: where generative AI is used there, the use cases, risks and countermeasures."""

from __future__ import annotations

from ...guideline import Step
from ..shell.navigation import Location
from .badges import source_line_html
from .document_page import DocumentPage
from .guideline_html import (
    countermeasures_html,
    esc,
    filter_note,
    item_block,
    link,
    risks_html,
    use_case_label,
    use_case_link,
)


class StepView(DocumentPage):
    keeps_documents = True  # a step's page depends only on the step, the anchor and the filters

    def _step(self, location: Location) -> Step | None:
        g = self.shell.guideline
        item = g.get(location.item) if g is not None else None
        return item if isinstance(item, Step) else None

    def title_for(self, location: Location) -> str:
        step = self._step(location)
        return step.name if step is not None else self.tr("業務ステップ")

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        step = self._step(location)
        if g is None or step is None:
            return "<p>" + esc(self.tr("業務ステップが見つかりません。")) + "</p>"
        f = self.shell.filters.current
        flow = g.flow_of_step(step.id)
        position = flow.steps.index(step)
        out: list[str] = []

        crumb = (
            link(Location("workflow"), self.tr("業務フロー"))
            + " › "
            + link(Location("workflow", flow.id), flow.name)
            + " › "
            + esc(step.name)
        )
        out.append(f'<p class="crumb">{crumb}</p>')
        out.append(f"<h1>{esc(step.name)}</h1>")
        out.append(f"<p>{esc(step.description)}</p>")
        neighbours = []
        if position > 0:
            before = flow.steps[position - 1]
            neighbours.append(
                esc(self.tr("前のステップ: ")) + link(Location("step", before.id), before.name)
            )
        if position + 1 < len(flow.steps):
            after = flow.steps[position + 1]
            neighbours.append(
                esc(self.tr("次のステップ: ")) + link(Location("step", after.id), after.name)
            )
        step_no = (
            self.tr("%1の%2番目のステップ（全%3）")
            .replace("%1", flow.name)
            .replace("%2", str(position + 1))
            .replace("%3", str(len(flow.steps)))
        )
        out.append(f'<p class="muted">{esc(step_no)}　' + "　｜　".join(neighbours) + "</p>")
        out.append(
            "<p>"
            + source_line_html(g.provenance_of(step))
            + '<br><span class="muted">'
            + esc(self.tr("業務フローとステップへの対応付けは本アプリ独自の整理です。"))
            + "</span></p>"
        )
        out.append(filter_note(f))

        scenes = f.scenes_for_step(g, step.id)
        out.append(
            "<h2>" + esc(self.tr("生成AIが使われる場面（利用シーン）")) + f"（{len(scenes)}）</h2>"
        )
        if step.no_ai_use and not scenes:
            out.append(f'<p class="muted">{esc(step.no_ai_use)}</p>')
        elif not scenes:
            out.append(
                '<p class="muted">'
                + esc(self.tr("いまの絞り込みでは、このステップに該当する利用シーンはありません。"))
                + "</p>"
            )
        for scene in scenes:
            ucs = [g.use_case(uc) for uc in scene.use_cases]
            body = (
                f"<b>{esc(scene.name)}</b><br>{esc(scene.description)}"
                + '<br><span class="muted">'
                + esc(self.tr("ユースケース: "))
                + "</span>"
                + "、".join(use_case_link(uc) for uc in ucs if f.use_case_visible(uc))
                + "<br>"
                + source_line_html(scene.provenance)
            )
            out.append(item_block(scene.id, body, scene.id == location.anchor))

        use_cases = f.use_cases_for_step(g, step.id)
        out.append("<h2>" + esc(self.tr("関係するユースケース")) + f"（{len(use_cases)}）</h2>")
        if not use_cases:
            out.append(
                '<p class="muted">' + esc(self.tr("該当するユースケースはありません。")) + "</p>"
            )
        for uc in use_cases:
            body = f"<b>{use_case_link(uc)}</b><br>{esc(uc.summary)}<br>" + source_line_html(
                uc.provenance
            )
            out.append(item_block(uc.id, body, uc.id == location.anchor))

        risks = f.risks_for_use_cases(g, use_cases)
        out.append(
            "<h2>"
            + esc(self.tr("リスク（リスク区分別）"))
            + f"（{len(risks)}）</h2>"
            + '<p class="muted">'
            + esc(
                self.tr(
                    "上のユースケースで起こりうることを、リスク区分ごとに重大度の高い順に並べています。"
                )
            )
            + "</p>"
        )
        out.append(risks_html(g, risks, location.anchor, show_use_case=len(use_cases) > 1))

        cms = f.countermeasures_for_use_cases(g, use_cases)
        out.append("<h2>" + esc(self.tr("対策")) + f"（{len(cms)}）</h2>")
        if len(use_cases) > 1:
            names = "、".join(use_case_label(uc) for uc in use_cases)
            out.append(
                '<p class="muted">'
                + esc(self.tr("%1 の対策です（重複は1つにまとめています）。").replace("%1", names))
                + "</p>"
            )
        out.append(countermeasures_html(g, cms, f, location.anchor))
        return "".join(out)
