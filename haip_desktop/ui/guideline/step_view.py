"""One workflow step as the people working there need it.

The page leads with この場面で現場がすること: the step-level countermeasures, under each role
that works at this step (a shared action appears only under the roles that do it here).
Then the step's risks; then two folded lines, 施設として整える前提 (facility level) and
この場面のAIツールに求めること (tool level), with their counts and, when an assessment is
open, how far they are answered; last, the use scenes and use cases behind the step.

A folded line opens and closes with a click or Enter on it (its link); which are open is
remembered per step while the window is open. With an assessment open, each action shows
its status, and the page links into the assessment page through the shell's navigation:
``assessment/part:facility`` (its facility part), ``assessment/tool:T-1`` (one tool's
items), ``assessment//tools`` (the tool register) and ``assessment/C-…`` (one answer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor

from ...guideline import Countermeasure, Guideline, Role, Step
from ..shell.filters import GuidelineFilter
from ..shell.navigation import Location
from ..widgets.level_text import roles_text
from .badges import OUT_OF_SCOPE_BADGE, badge_html, source_line_html
from .document_page import DocumentPage
from .guideline_html import (
    countermeasure_html,
    esc,
    filter_note,
    implements_html,
    item_block,
    link,
    risks_html,
    use_case_link,
)

if TYPE_CHECKING:
    from ...assessment.models import Status
    from ...assessment.parts import AssessmentItem
    from ...assessment.scoring import Tally
    from ..shell.protocol import Shell
    from .step_assessment import StepAssessment

FACILITY, TOOLS = "facility", "tools"  # the folded parts
FOLD_SCHEME = "fold"  # links that open or close a folded part: fold:facility
# Where the folded lines lead in the assessment page (its facility part, one tool's items,
# the tool register).
ASSESSMENT_FACILITY = Location("assessment", "part:facility")
ASSESSMENT_TOOLS = Location("assessment", "", "tools")


def assessment_tool(tool_id: str) -> Location:
    """The tool's block in the assessment's AIツール part."""
    return Location("assessment", f"part:tool/{tool_id}")


def assessment_answer(cm_id: str, where: str) -> Location:
    """One answer in the assessment: a step action under this step (``where`` a step id),
    or a tool-level item for this tool (a tool id)."""
    return Location("assessment", f"{cm_id}@{where}")


def part_anchor(part: str) -> str:
    """The anchor of a part of the page (actions, facility, tools): a link to
    ``step/ST-IN-04#part-facility`` goes there and opens it."""
    return f"part-{part}"


class StepView(DocumentPage):
    keeps_documents = True  # kept per step, filters, open parts and assessment state

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._open_parts: set[tuple[str, str]] = set()  # (step id, part)
        self._assessment_revision = 0
        # The open assessment's items in scope, worked out once per change of the assessment.
        self._items: list[AssessmentItem] | None = None
        shell.assessment_context.changed.connect(self._assessment_changed)

    # -- state ----------------------------------------------------------------------------

    def _step(self, location: Location) -> Step | None:
        g = self.shell.guideline
        item = g.get(location.item) if g is not None else None
        return item if isinstance(item, Step) else None

    def is_open(self, step_id: str, part: str) -> bool:
        return (step_id, part) in self._open_parts

    def set_open(self, step_id: str, part: str, open_: bool) -> None:
        if open_:
            self._open_parts.add((step_id, part))
        else:
            self._open_parts.discard((step_id, part))

    def document_key(self, location: Location) -> object:
        opened = frozenset(p for s, p in self._open_parts if s == location.item)
        return (str(location), self.shell.filters.current, opened, self._assessment_revision)

    def _assessment_changed(self) -> None:
        self._assessment_revision += 1
        self._items = None
        self.drop_kept_documents()
        self.rerender()

    def show_location(self, location: Location) -> None:
        for part in (FACILITY, TOOLS):
            if location.anchor == part_anchor(part):
                self.set_open(location.item, part, True)
        super().show_location(location)

    def title_for(self, location: Location) -> str:
        step = self._step(location)
        return step.name if step is not None else self.tr("業務ステップ")

    # -- folding --------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> bool:
        if url.scheme() != FOLD_SCHEME or self.location is None:
            return False
        part = url.path()
        step_id = self.location.item
        self.set_open(step_id, part, not self.is_open(step_id, part))
        position = self.verticalScrollBar().value()
        self._show(self.location)
        self._focus_link(url.toString())
        self.verticalScrollBar().setValue(position)
        return True

    def _focus_link(self, href: str) -> None:
        """Put the keyboard's link focus back on the link (Tab goes on from there)."""
        block = self.document().begin()
        while block.isValid():
            start = end = -1
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().anchorHref() == href:
                    if start < 0:
                        start = fragment.position()
                    end = fragment.position() + fragment.length()
                elif start >= 0:
                    break
                fragments += 1
            if start >= 0:
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                self.setTextCursor(cursor)
                return
            block = block.next()

    # -- the page -------------------------------------------------------------------------

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        step = self._step(location)
        if g is None or step is None:
            return "<p>" + esc(self.tr("業務ステップが見つかりません。")) + "</p>"
        f = self.shell.filters.current
        actions = f.step_actions_for_step(g, step.id)
        facility = f.facility_countermeasures_for_step(g, step.id)
        tool_items = f.tool_countermeasures_for_step(g, step.id)
        answers = self._answers(g, step, actions, facility, tool_items)
        out = [self._header_html(g, step, f)]
        if answers is not None:
            out.append(self._assessment_line(answers))
        out.append(self._actions_html(g, step, f, actions, answers, location.anchor))
        use_cases = f.use_cases_for_step(g, step.id)
        risks = f.risks_for_use_cases(g, use_cases)
        out.append(
            "<h2>" + esc(self.tr("この場面のリスク（リスク区分別）")) + f"（{len(risks)}）</h2>"
        )
        if risks:
            out.append(
                '<p class="muted">'
                + esc(
                    self.tr(
                        "このステップのユースケースで起こりうることを、リスク区分ごとに重大度の"
                        "高い順に並べています。"
                    )
                )
                + "</p>"
            )
        out.append(risks_html(g, risks, location.anchor, show_use_case=len(use_cases) > 1))
        out.append(self._facility_html(g, step, facility, answers, location.anchor))
        out.append(self._tools_html(g, step, tool_items, answers, location.anchor))
        out.append(self._about_html(g, step, f, location.anchor))
        return "".join(out)

    def _header_html(self, g: Guideline, step: Step, f: GuidelineFilter) -> str:
        flow = g.flow_of_step(step.id)
        position = flow.steps.index(step)
        crumb = (
            link(Location("workflow"), self.tr("業務フロー"))
            + " › "
            + link(Location("workflow", flow.id), flow.name)
            + " › "
            + esc(step.name)
        )
        out = [f'<p class="crumb">{crumb}</p>', f"<h1>{esc(step.name)}</h1>"]
        out.append(f"<p>{esc(step.description)}</p>")
        neighbours = []
        if position > 0:
            before = flow.steps[position - 1]
            neighbours.append(esc(self.tr("前: ")) + link(Location("step", before.id), before.name))
        if position + 1 < len(flow.steps):
            after = flow.steps[position + 1]
            neighbours.append(esc(self.tr("次: ")) + link(Location("step", after.id), after.name))
        step_no = (
            self.tr("%1の%2番目のステップ（全%3）")
            .replace("%1", flow.name)
            .replace("%2", str(position + 1))
            .replace("%3", str(len(flow.steps)))
        )
        out.append(f'<p class="muted">{esc(step_no)}　' + "　｜　".join(neighbours) + "</p>")
        out.append(self._scenes_line(g, step, f))
        out.append(filter_note(f))
        return "".join(out)

    def _scenes_line(self, g: Guideline, step: Step, f: GuidelineFilter) -> str:
        """Where generative AI is used here, in one line (the scenes are described below)."""
        scenes = f.scenes_for_step(g, step.id)
        if scenes:
            names = "、".join(
                link(Location("step", step.id, scene.id), scene.name) for scene in scenes
            )
            return f"<p>{esc(self.tr('生成AIを使う場面: '))}{names}</p>"
        if step.no_ai_use:
            return f'<p class="muted">{esc(step.no_ai_use)}</p>'
        return (
            '<p class="muted">'
            + esc(
                self.tr(
                    "いまの施設の絞り込みでは、このステップで生成AIが使われる場面はありません。"
                )
            )
            + "</p>"
        )

    # -- この場面で現場がすること ------------------------------------------------------------

    def _actions_html(
        self,
        g: Guideline,
        step: Step,
        f: GuidelineFilter,
        actions: list[Countermeasure],
        answers: StepAssessment | None,
        anchor: str,
    ) -> str:
        out = [
            f'<a name="{esc(part_anchor("actions"))}"></a><h2>'
            + esc(self.tr("この場面で現場がすること"))
            + f"（{len(actions)}）</h2>"
        ]
        if not actions:
            out.append(f'<p class="muted">{esc(self._no_actions_reason(g, step, f))}</p>')
            return "".join(out)
        by_role = self._by_role(g, step, actions)
        shown: set[str] = set()
        for role, cms in by_role:
            out.append(f'<h3>{esc(role.label)}<span class="muted">（{len(cms)}）</span></h3>')
            for cm in cms:
                out.append(self._action_html(g, step, cm, answers, anchor, cm.id not in shown))
                shown.add(cm.id)
        return "".join(out)

    def _no_actions_reason(self, g: Guideline, step: Step, f: GuidelineFilter) -> str:
        if step.no_ai_use and not g.countermeasures_for_step(step.id):
            return self.tr("生成AIの典型的な利用がないため、この場面ですることは挙げていません。")
        if not f.step_in_setting(g, step.id):
            return self.tr(
                "いまの施設の絞り込みでは、このステップに該当する現場の手順はありません。"
                "上の「施設」で「すべて」を選ぶと表示されます。"
            )
        if g.countermeasures_for_step(step.id):
            return self.tr(
                "現場の手順は利用者の対策です。上の「立場」で「利用者」か「両方」を選ぶと"
                "表示されます。"
            )
        return self.tr("このステップの現場の手順は、まだ挙げていません。")

    @staticmethod
    def _by_role(
        g: Guideline, step: Step, actions: list[Countermeasure]
    ) -> list[tuple[Role, list[Countermeasure]]]:
        """Each role working at this step (the step's order; others after, in the vocabulary's
        order) with the actions it does here: those done only at this step first, then those
        shared with other steps (data order within each)."""
        groups: dict[Role, list[Countermeasure]] = {}
        for cm in sorted(actions, key=lambda cm: len(cm.steps) > 1):
            for role in g.roles_at(cm, step.id):
                groups.setdefault(role, []).append(cm)
        vocabulary = list(Role)
        order = [r for r in step.roles if r in groups] + sorted(
            (r for r in groups if r not in step.roles), key=vocabulary.index
        )
        return [(role, groups[role]) for role in order]

    def _action_html(
        self,
        g: Guideline,
        step: Step,
        cm: Countermeasure,
        answers: StepAssessment | None,
        anchor: str,
        first: bool,
    ) -> str:
        body = f"<b>{link(Location('countermeasure', cm.id), cm.title)}</b>"
        roles = g.roles_at(cm, step.id)
        if len(roles) > 1:
            body += '&nbsp;&nbsp;<span class="muted">' + esc(
                self.tr("%1が行う").replace("%1", roles_text(roles))
            )
            body += "</span>"
        if answers is not None:
            body += "&nbsp;&nbsp;" + self._status_html(
                answers.action_statuses.get(cm.id), assessment_answer(cm.id, step.id)
            )
        body += f"<br>{esc(cm.text)}"
        body += (
            '<br><span class="muted">'
            + esc(self.tr("確認の目安: %1").replace("%1", cm.evidence))
            + "</span>"
        )
        implements = implements_html(g, cm)
        if implements:
            body += "<br>" + implements
        body += "<br>" + source_line_html(cm.provenance)
        if first:
            return item_block(cm.id, body, cm.id == anchor)
        # The same action under a second role: no second anchor of the same name.
        return item_block("", body, cm.id == anchor).replace('<a name=""></a>', "")

    # -- the folded parts -----------------------------------------------------------------

    def _fold_heading(self, step: Step, part: str, title: str, count: int) -> str:
        opened = self.is_open(step.id, part)
        arrow = "▼" if opened else "▶"
        text = f"{arrow} {title}（{self.tr('%1件').replace('%1', str(count))}）"
        hint = self.tr("閉じる") if opened else self.tr("開く")
        return (
            f'<a name="{esc(part_anchor(part))}"></a><h3 class="fold">'
            f'<a href="{FOLD_SCHEME}:{part}">{esc(text)}</a>'
            f'&nbsp;&nbsp;<span class="muted" style="font-weight:normal;">'
            f"（{esc(hint)}）</span></h3>"
        )

    def _facility_html(
        self,
        g: Guideline,
        step: Step,
        facility: list[Countermeasure],
        answers: StepAssessment | None,
        anchor: str,
    ) -> str:
        out = [self._fold_heading(step, FACILITY, self.tr("施設として整える前提"), len(facility))]
        line = esc(
            self.tr(
                "この場面で生成AIを使う前に、委員会や情報システムが施設として一度整えておくこと"
                "（利用規程、研修、契約、インシデントの報告など）です。"
            )
        )
        if answers is not None:
            tally = answers.facility
            if tally.total:
                line += (
                    "<br>"
                    + esc(self._answered(tally))
                    + "　"
                    + link(ASSESSMENT_FACILITY, self.tr("自己評価の「施設の体制」を開く"))
                )
            else:
                line += "<br>" + esc(self.tr("開いている自己評価の範囲には入っていません。"))
        out.append(f'<p class="muted">{line}</p>')
        if self.is_open(step.id, FACILITY):
            if not facility:
                out.append(
                    '<p class="muted">' + esc(self.tr("該当する対策はありません。")) + "</p>"
                )
            for cm in facility:
                extra = ""
                if answers is not None:
                    extra = self._status_html(
                        answers.facility_statuses.get(cm.id), Location("assessment", cm.id)
                    )
                out.append(
                    countermeasure_html(g, cm, cm.id == anchor, with_level=False, extra=extra)
                )
        return "".join(out)

    def _tools_html(
        self,
        g: Guideline,
        step: Step,
        tool_items: list[Countermeasure],
        answers: StepAssessment | None,
        anchor: str,
    ) -> str:
        out = [
            self._fold_heading(
                step, TOOLS, self.tr("この場面のAIツールに求めること"), len(tool_items)
            )
        ]
        line = esc(
            self.tr(
                "この場面で使う生成AIツールが備えているべきことです。ツールごとに、提供事業者や"
                "情報システムが確かめます。"
            )
        )
        if answers is not None:
            if not answers.tools:
                line += (
                    "<br>"
                    + esc(self.tr("AIツール台帳には、このステップで使うツールがありません。"))
                    + "　"
                    + link(ASSESSMENT_TOOLS, self.tr("AIツール台帳を開く"))
                )
            for at_step in answers.tools:
                name = at_step.tool.name
                if at_step.prohibited:
                    line += "<br>" + esc(self.tr("%1: 利用禁止（回答は不要）").replace("%1", name))
                else:
                    line += (
                        "<br>"
                        + link(assessment_tool(at_step.tool.id), name)
                        + esc(": " + self._answered(at_step.tally))
                    )
        out.append(f'<p class="muted">{line}</p>')
        if self.is_open(step.id, TOOLS):
            if not tool_items:
                out.append(
                    '<p class="muted">' + esc(self.tr("該当する対策はありません。")) + "</p>"
                )
            tools = [t for t in answers.tools if not t.prohibited] if answers is not None else []
            for cm in tool_items:
                extra = "　".join(
                    esc(t.tool.name + ": ")
                    + self._status_html(t.statuses.get(cm.id), assessment_answer(cm.id, t.tool.id))
                    for t in tools
                )
                out.append(
                    countermeasure_html(g, cm, cm.id == anchor, with_level=False, extra=extra)
                )
        return "".join(out)

    # -- the scenes and use cases behind the step -----------------------------------------

    def _about_html(self, g: Guideline, step: Step, f: GuidelineFilter, anchor: str) -> str:
        scenes = f.scenes_for_step(g, step.id)
        out = [
            "<h2>" + esc(self.tr("生成AIが使われる場面（利用シーン）")) + f"（{len(scenes)}）</h2>"
        ]
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
            out.append(item_block(scene.id, body, scene.id == anchor))
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
            out.append(item_block(uc.id, body, uc.id == anchor))
        out.append(
            "<p>"
            + source_line_html(g.provenance_of(step))
            + '<br><span class="muted">'
            + esc(self.tr("業務フローとステップへの対応付けは本アプリ独自の整理です。"))
            + "</span></p>"
        )
        return "".join(out)

    # -- the open assessment --------------------------------------------------------------

    def _answers(
        self,
        g: Guideline,
        step: Step,
        actions: list[Countermeasure],
        facility: list[Countermeasure],
        tool_items: list[Countermeasure],
    ) -> StepAssessment | None:
        assessment = self.shell.assessment_context.assessment
        if assessment is None:
            return None
        from .step_assessment import items_of, step_assessment

        if self._items is None:
            self._items = items_of(assessment, g)
        return step_assessment(assessment, self._items, step.id, actions, facility, tool_items)

    def _assessment_line(self, answers: StepAssessment) -> str:
        label = self.shell.assessment_context.label
        tally = answers.actions
        text = self.tr("自己評価「%1」を表示しています。").replace("%1", label)
        if tally.total:
            text += self.tr("この場面の手順: %1").replace("%1", self._answered(tally))
        else:
            text += self.tr("この場面の手順は、評価の範囲に入っていません。")
        return f'<p class="muted">{esc(text)}</p>'

    def _answered(self, tally: Tally) -> str:
        return (
            self.tr("回答 %1/%2").replace("%1", str(tally.answered)).replace("%2", str(tally.total))
        )

    def _status_html(self, status: Status | None, answer_at: Location) -> str:
        """The answer's status as a tinted word, a link to where it is answered; 評価の範囲外
        when the assessment does not ask it."""
        if status is None:
            return badge_html(self.tr("評価の範囲外"), OUT_OF_SCOPE_BADGE)
        from ...assessment.status_colours import STATUS_TINT

        badge = badge_html(status.label, STATUS_TINT[status])
        return f'<a href="{esc(answer_at.url())}">{badge}</a>'
