"""Search over every text of the guideline, forgiving of width, kana and case.

Texts are folded once when the index is built (NFKC, case folding, katakana to hiragana);
a query is folded the same way and matched as substrings, so 'ハルシネーション',
'はるしねーしょん' and half-width 'ﾊﾙｼﾈｰｼｮﾝ' find the same items. Each folded character keeps
the position of the original character it came from, so hits can be highlighted in the
original text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .guideline import Guideline
from .models import Countermeasure, Flow, Reference, Risk, RiskCategory, Step, UseCase, UseScene

KIND_ORDER = ("use_case", "step", "scene", "risk", "countermeasure", "risk_category", "reference")
KIND_LABELS = {
    "use_case": "ユースケース",
    "step": "業務ステップ",
    "scene": "利用シーン",
    "risk": "リスク",
    "countermeasure": "対策",
    "risk_category": "リスク区分",
    "reference": "参考資料",
}
_KIND_OF = {
    UseCase: "use_case",
    Step: "step",
    Flow: "step",
    UseScene: "scene",
    Risk: "risk",
    Countermeasure: "countermeasure",
    RiskCategory: "risk_category",
    Reference: "reference",
}
_FIELDS = ("name", "title", "summary", "description", "text", "evidence", "severity_reason")
_SNIPPET_CONTEXT = 30


def fold(text: str) -> str:
    """Fold a query or a text for matching."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in folded)


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        positions.extend([index] * len(folded))
    return "".join(parts), positions


@dataclass(frozen=True)
class _Entry:
    kind: str
    item_id: str
    title: str
    field: str
    text: str
    folded: str
    positions: tuple[int, ...]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    item_id: str
    title: str  # the item's name or title, for the result list
    field: str  # which field matched
    text: str  # the field's original text
    start: int  # span of the match in text
    end: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def snippet(self) -> tuple[str, int, int]:
        """A short excerpt around the hit, with the hit's span inside the excerpt."""
        begin = max(0, self.start - _SNIPPET_CONTEXT)
        finish = min(len(self.text), self.end + _SNIPPET_CONTEXT)
        prefix = "…" if begin > 0 else ""
        suffix = "…" if finish < len(self.text) else ""
        excerpt = prefix + self.text[begin:finish] + suffix
        offset = len(prefix) - begin
        return excerpt, self.start + offset, self.end + offset


class SearchIndex:
    """Built once per guideline; each query is a scan of pre-folded strings."""

    def __init__(self, guideline: Guideline) -> None:
        self._entries: list[_Entry] = []
        for item in guideline.all_items():
            kind = _KIND_OF[type(item)]
            if isinstance(item, Flow):
                continue  # flows are found through their steps
            title = getattr(item, "name", None) or getattr(item, "title", "")
            for field in ("id", *_FIELDS):
                value = getattr(item, field, None)
                if isinstance(value, str) and value:
                    folded, positions = _fold_with_positions(value)
                    self._entries.append(
                        _Entry(kind, item.id, title, field, value, folded, tuple(positions))
                    )

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Items whose texts contain every word of the query, grouped by kind.

        One hit per item: the first field where the query's first word occurs.
        """
        terms = [fold(t) for t in query.split()]
        terms = [t for t in terms if t]
        if not terms:
            return []
        first, rest = terms[0], terms[1:]
        hits: dict[str, SearchHit] = {}
        matched_rest: dict[str, set[str]] = {}
        for entry in self._entries:
            if rest:
                found = matched_rest.setdefault(entry.item_id, set())
                found.update(t for t in rest if t in entry.folded)
            if entry.item_id in hits:
                continue
            at = entry.folded.find(first)
            if at < 0:
                continue
            start = entry.positions[at]
            end = entry.positions[at + len(first) - 1] + 1
            hits[entry.item_id] = SearchHit(
                entry.kind, entry.item_id, entry.title, entry.field, entry.text, start, end
            )
        results = [
            hit for item_id, hit in hits.items() if not rest or matched_rest[item_id] >= set(rest)
        ]
        results.sort(key=lambda h: KIND_ORDER.index(h.kind))
        return results[:limit]
