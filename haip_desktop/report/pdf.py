"""Assemble and write the PDF: the full report or the two-page executive summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from ..assessment.models import Assessment
from ..guideline import Guideline
from . import fonts, text
from .appendix import formulas_section, not_applicable_section, sources_section, tools_section
from .cover import NOTHING_IN_SCOPE, REPORT_TITLE, cover
from .data_version import data_version_warning
from .detail import detail_section
from .document import ReportDocument
from .gaps import gap_section
from .glyphs import check_glyphs, describe_missing
from .options import Layout, ReportOptions, ReportResult, Section
from .overview import overview
from .render_context import ReportContext
from .report_content import gather
from .summary import summary_story

NO_SECTIONS = "出力する項目が選ばれていません。印刷の設定で、載せる項目を1つ以上選んでください。"


def full_story(ctx: ReportContext) -> list[Flowable]:
    """Chosen sections in order; main sections numbered, back matter as 付録A, B, …"""
    wants = ctx.options.wants
    parts: list[list[Flowable]] = []
    if wants(Section.COVER):
        parts.append(cover(ctx))
    number = 0
    for section, build in (
        (Section.OVERVIEW, overview),
        (Section.GAPS, gap_section),
        (Section.DETAIL, detail_section),
    ):
        if wants(section):
            number += 1
            parts.append(build(ctx, number))
    appendix: list[Flowable] = []
    letters = iter("ABCDEFGH")
    for section, build_appendix in (
        (Section.NOT_APPLICABLE, not_applicable_section),
        (Section.TOOLS, tools_section),
        (Section.FORMULAS, formulas_section),
        (Section.SOURCES, sources_section),
    ):
        if wants(section):
            if appendix:
                appendix.append(CondPageBreak(60))
            appendix += build_appendix(ctx, f"付録{next(letters)}.")
    if appendix:
        parts.append(appendix)
    story: list[Flowable] = []
    for part in parts:
        if story:
            story.append(PageBreak())
        story += part
    if not story:  # a PDF needs a page: say why it is empty
        story.append(ctx.heading(REPORT_TITLE, "h1", REPORT_TITLE))
        story.append(ctx.markup(NO_SECTIONS, "body"))
    return story


def render_pdf(
    assessment: Assessment,
    guideline: Guideline,
    path_or_file: str | Path | IO[bytes],
    options: ReportOptions,
    progress: Callable[[int, int], None] | None = None,
) -> ReportResult:
    fonts.ensure_registered()
    content = gather(assessment, guideline, options.group_by, options.date)
    ctx = ReportContext.create(assessment, guideline, options, content)
    missing = check_glyphs(assessment)
    if options.layout is Layout.SUMMARY:
        story = summary_story(ctx)
    else:
        story = full_story(ctx)
        if missing and options.wants(Section.SOURCES):
            story.append(ctx.markup("表示できない文字", "h3"))
            story.append(
                ctx.para(
                    "次の文字は報告書のフォントにないため「〓」と表示しています: "
                    + "、".join(m.describe() for m in missing),
                    "small",
                )
            )
    facility = text.drawable(assessment.facility.name, fonts.is_drawable)
    kind = "要約版" if options.layout is Layout.SUMMARY else "完全版"
    document = ReportDocument(  # a path is written whole or not at all
        path_or_file,
        header_left=f"{REPORT_TITLE}｜{facility}",
        header_right=f"評価日 {ctx.date(assessment.assessment_date)}　印刷日 {ctx.date(ctx.today)}",
        title=f"{REPORT_TITLE}（{kind}）｜{facility}",
        author=facility,
        subject=(
            f"{guideline.title} 第{guideline.edition}版に基づく生成AI利用の自己評価"
            f"（評価日 {ctx.date(assessment.assessment_date, short=False)}、"
            f"印刷日 {ctx.date(ctx.today, short=False)}）"
        ),
        keywords=[
            "HAIP",
            "生成AI",
            "自己評価",
            kind,
            facility,
            f"データ版 {guideline.data_version}",
            options.marking.text,
        ],
        marking=options.marking.text,
        progress=progress,
    )
    pages = document.render(story)
    warnings = [describe_missing(missing)] if missing else []
    if not content.overall.total:
        warnings.append(NOTHING_IN_SCOPE)
    if options.layout is Layout.FULL and not options.sections:
        warnings.append(NO_SECTIONS)
    version_warning = data_version_warning(assessment, guideline)
    if version_warning:
        warnings.append(version_warning)
    return ReportResult(page_count=pages, missing_glyphs=missing, warnings=warnings)
