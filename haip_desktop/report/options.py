"""What a report is asked to contain, and what came out (plain data, no reportlab)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Layout(StrEnum):
    FULL = "full"  # every chosen section
    SUMMARY = "summary"  # two pages for the committee

    @property
    def label(self) -> str:
        return {"full": "完全版", "summary": "要約版（2ページ）"}[self.value]


class GroupBy(StrEnum):
    STEP = "step"  # 業務ステップ別
    USE_CASE = "use_case"  # ユースケース別

    @property
    def label(self) -> str:
        return {"step": "業務ステップ別", "use_case": "ユースケース別"}[self.value]


class Era(StrEnum):
    WESTERN = "western"  # 西暦
    JAPANESE = "japanese"  # 和暦

    @property
    def label(self) -> str:
        return {"western": "西暦", "japanese": "和暦"}[self.value]


class Marking(StrEnum):
    """The handling mark printed in every page header (chosen when printing)."""

    NONE = "none"
    INTERNAL = "internal"  # 院内限り
    CONFIDENTIAL = "confidential"  # 取扱注意
    BOTH = "both"

    @property
    def label(self) -> str:
        return {
            "none": "なし",
            "internal": "院内限り",
            "confidential": "取扱注意",
            "both": "院内限り・取扱注意",
        }[self.value]

    @property
    def text(self) -> str:
        """What the page header says ("" for none)."""
        return "" if self is Marking.NONE else self.label


class Section(StrEnum):
    """The parts of the full report, in the order they are printed."""

    COVER = "cover"
    OVERVIEW = "overview"
    GAPS = "gaps"
    DETAIL = "detail"
    NOT_APPLICABLE = "not_applicable"
    TOOLS = "tools"
    FORMULAS = "formulas"
    SOURCES = "sources"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS: dict[Section, str] = {
    Section.COVER: "表紙・承認欄",
    Section.OVERVIEW: "概要（進捗と実施率）",
    Section.GAPS: "改善計画（未実施・一部実施）",
    Section.DETAIL: "対策ごとの評価結果",
    Section.NOT_APPLICABLE: "該当なしとした対策（適用宣言）",
    Section.TOOLS: "生成AIツール台帳",
    Section.FORMULAS: "数値の計算方法",
    Section.SOURCES: "出典",
}

ALL_SECTIONS: frozenset[Section] = frozenset(Section)


@dataclass(frozen=True)
class ReportOptions:
    """Choices in the print dialog. Strings are accepted for the enums ("full", "step", …).

    The two-page summary layout has fixed contents; `sections` applies to the full layout.
    `print_date` None means today; overdue 目標日 are judged against it. `marking` is
    printed in every page header.
    """

    layout: Layout = Layout.FULL
    sections: frozenset[Section] = ALL_SECTIONS
    group_by: GroupBy = GroupBy.STEP
    include_notes: bool = True
    era: Era = Era.WESTERN
    print_date: dt.date | None = None
    marking: Marking = Marking.NONE

    def __post_init__(self) -> None:
        object.__setattr__(self, "marking", Marking(self.marking))
        object.__setattr__(self, "layout", Layout(self.layout))
        object.__setattr__(self, "group_by", GroupBy(self.group_by))
        object.__setattr__(self, "era", Era(self.era))
        object.__setattr__(self, "sections", frozenset(Section(s) for s in self.sections))

    @property
    def date(self) -> dt.date:
        return self.print_date or dt.date.today()

    def wants(self, section: Section) -> bool:
        return section in self.sections


@dataclass(frozen=True)
class MissingGlyph:
    """A character the bundled font cannot draw, and where it occurs (in Japanese)."""

    char: str
    where: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def describe(self) -> str:
        return f"{self.where}: 「{self.char}」({self.codepoint})"


@dataclass
class ReportResult:
    page_count: int
    missing_glyphs: list[MissingGlyph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for people, in Japanese
