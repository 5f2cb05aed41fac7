"""Search over every text of the guideline, by what is written and by how it is read.

Texts are folded once when the index is built (NFKC, case folding, katakana to hiragana);
a query is folded the same way and matched as substrings, so 'ハルシネーション',
'はるしねーしょん' and half-width 'ﾊﾙｼﾈｰｼｮﾝ' find the same items. Each folded character keeps
the position of the original character it came from, so hits can be highlighted in the
original text.

Each text also has a reading (its words replaced by their readings from the data's
`readings.yaml`, long vowels loosened), matched by a query written in kana or in romaji:
たいいん, タイイン and taiin find 退院. A match on a reading marks the whole words it read.
Items that match as written come before items that match only by reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .guideline import Guideline, GuidelineItem, name_of
from .kana import fold, fold_with_positions, is_kana, loose, loosen
from .models import Countermeasure, Flow, Reference, Risk, RiskCategory, Step, UseCase, UseScene
from .readings import Readings
from .romaji import to_hiragana

__all__ = [
    "KIND_LABELS",
    "KIND_ORDER",
    "SearchHit",
    "SearchIndex",
    "fold",
    "missing_readings",
    "readings_notice",
    "searchable_texts",
]

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
# Joins an item's fields into one string to test the item at once: a query word has no
# line break, so it never matches across two fields.
_JOIN = "\n"


def searchable_texts(guideline: Guideline) -> Iterator[tuple[GuidelineItem, str, str]]:
    """Every text search looks in: (item, field name, text). Readings must cover these."""
    for item in guideline.all_items():
        if isinstance(item, Flow):
            continue  # flows are found through their steps
        for field in ("id", *_FIELDS):
            value = getattr(item, field, None)
            if isinstance(value, str) and value:
                yield item, field, value


def missing_readings(guideline: Guideline) -> list[str]:
    """The words search looks in that the data's readings do not read (in order found)."""
    return guideline.readings.missing_in(
        text for _item, _field, text in searchable_texts(guideline)
    )


def readings_notice(guideline: Guideline) -> str | None:
    """For whoever builds a data pack: what searching by reading will miss, or None."""
    how = "作り直すには: python packaging/build_readings.py データのフォルダ"
    if not guideline.readings:
        return (
            "注意: 検索用の読み（readings.yaml）がないため、このデータは書かれた文字でだけ"
            f"検索できます（ひらがな・ローマ字の読みでは見つかりません）。{how}"
        )
    missing = missing_readings(guideline)
    if not missing:
        return None
    examples = "、".join(missing[:5]) + (" など" if len(missing) > 5 else "")
    return (
        f"注意: 検索用の読みのない語が {len(missing)} 個あります（{examples}）。"
        f"これらは読みでは見つかりません。{how}"
    )


@dataclass(frozen=True)
class _Field:
    name: str
    text: str
    folded: str
    positions: tuple[int, ...]  # folded character -> index in text
    reading: str  # loosened reading
    spans: tuple[tuple[int, int], ...]  # reading character -> span of text it reads


@dataclass(frozen=True)
class _Item:
    kind: str
    item_id: str
    title: str
    fields: tuple[_Field, ...]
    folded: str  # the fields' folded texts joined
    reading: str  # the fields' readings joined


@dataclass(frozen=True)
class _Word:
    """One word of a query: folded as written, and as a loosened reading if it has one."""

    text: str
    reading: str | None

    @classmethod
    def of(cls, word: str) -> _Word:
        text = fold(word)
        kana = text if is_kana(text) else _romaji(word, text)
        return cls(text, (loose(kana) or None) if kana else None)

    def in_item(self, item: _Item) -> bool:
        return self.text in item.folded or (
            self.reading is not None and self.reading in item.reading
        )


def _romaji(word: str, folded: str) -> str | None:
    # Acronyms in capitals (AI, LLM, SOAP) are English, not romaji.
    if len(word) > 1 and word.isupper():
        return None
    return to_hiragana(folded)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    item_id: str
    title: str  # the item's name or title, for the result list
    field: str  # which field matched
    text: str  # the field's original text
    start: int  # span of the match in text
    end: int
    by_reading: bool = False  # matched the reading of the words in start:end, not the text

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
    """Built once per guideline; each query is a scan of pre-folded strings and readings."""

    def __init__(self, guideline: Guideline) -> None:
        readings = guideline.readings
        fields: dict[str, list[_Field]] = {}
        items: dict[str, GuidelineItem] = {}
        for item, name, text in searchable_texts(guideline):
            items[item.id] = item
            fields.setdefault(item.id, []).append(_field(name, text, readings))
        self._items = [
            _Item(
                _KIND_OF[type(item)],
                item.id,
                name_of(item),
                tuple(fields[item.id]),
                _JOIN.join(f.folded for f in fields[item.id]),
                _JOIN.join(f.reading for f in fields[item.id]),
            )
            for item in items.values()
        ]

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Items whose texts or readings contain every word of the query, grouped by kind.

        One hit per item: the first field where the query's first word is written, or else
        the first field whose reading has it. Within a kind, items found as written come first.
        """
        words = [_Word.of(w) for w in query.split()]
        words = [w for w in words if w.text]
        if not words:
            return []
        first, rest = words[0], words[1:]
        results: list[SearchHit] = []
        for item in self._items:
            if not first.in_item(item) or not all(w.in_item(item) for w in rest):
                continue
            hit = _hit_in_text(item, first.text)
            if hit is None and first.reading is not None:
                hit = _hit_in_reading(item, first.reading)
            if hit is not None:
                results.append(hit)
        results.sort(key=lambda h: (KIND_ORDER.index(h.kind), h.by_reading))
        return results[:limit]


def _field(name: str, text: str, readings: Readings) -> _Field:
    folded, positions = fold_with_positions(text)
    reading, spans = loosen(*readings.read(text))
    return _Field(name, text, folded, tuple(positions), reading, tuple(spans))


def _hit_in_text(item: _Item, word: str) -> SearchHit | None:
    if word not in item.folded:
        return None
    for field in item.fields:
        at = field.folded.find(word)
        if at >= 0:
            start = field.positions[at]
            end = field.positions[at + len(word) - 1] + 1
            return SearchHit(
                item.kind, item.item_id, item.title, field.name, field.text, start, end
            )
    return None


def _hit_in_reading(item: _Item, reading: str) -> SearchHit | None:
    for field in item.fields:
        at = field.reading.find(reading)
        if at >= 0:
            start = field.spans[at][0]
            end = field.spans[at + len(reading) - 1][1]
            return SearchHit(
                item.kind, item.item_id, item.title, field.name, field.text, start, end, True
            )
    return None
