"""Folding Japanese text for matching: width, case, katakana, and long vowels.

`fold` makes 'ハルシネーション', 'はるしねーしょん' and half-width 'ﾊﾙｼﾈｰｼｮﾝ' equal (NFKC, case
folding, katakana to hiragana). `loosen` goes further for matching readings, where people
write long vowels in several ways: the long vowel mark is dropped, and so is a う or お that
lengthens an o-sound (こう, こお → こ) and a う that lengthens a u-sound (しゅう → しゅ). Both keep,
for every character they return, where it came from, so that a match can be marked in the
original text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

T = TypeVar("T")

LONG_VOWEL_MARK = "ー"

# The vowel each kana ends in (small ゃゅょ included: きょ ends in o). っ and ん have none.
_VOWEL_ROWS = {
    "a": "あかさたなはまやらわがざだばぱぁゃゎ",
    "i": "いきしちにひみりゐぎじぢびぴぃ",
    "u": "うくすつぬふむゆるぐずづぶぷぅゅゔ",
    "e": "えけせてねへめれゑげぜでべぺぇ",
    "o": "おこそとのほもよろをごぞどぼぽぉょ",
}
_VOWEL_OF = {kana: vowel for vowel, row in _VOWEL_ROWS.items() for kana in row}


@cache  # a guideline has a few thousand distinct characters; each is folded once
def fold_char(char: str) -> str:
    """One character folded: NFKC, case folding, katakana to hiragana (may give several)."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in folded)


def fold(text: str) -> str:
    """Fold a query or a text for matching."""
    return "".join(fold_char(c) for c in text)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from in text."""
    parts: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        positions.extend([index] * len(folded))
    return "".join(parts), positions


def is_kana(text: str) -> bool:
    """Whether a folded text is hiragana (and long vowel marks) only."""
    return bool(text) and all("\u3041" <= c <= "\u3096" or c == LONG_VOWEL_MARK for c in text)


def loosen(text: str, origins: Sequence[T]) -> tuple[str, list[T]]:
    """Drop long-vowel spellings from a folded text, keeping each kept character's origin."""
    kept: list[str] = []
    kept_origins: list[T] = []
    vowel: str | None = None
    for char, origin in zip(text, origins, strict=True):
        if char == LONG_VOWEL_MARK:
            continue
        if (vowel == "o" and char in "うお") or (vowel == "u" and char == "う"):
            continue
        kept.append(char)
        kept_origins.append(origin)
        vowel = _VOWEL_OF.get(char)
    return "".join(kept), kept_origins


def loose(text: str) -> str:
    """A folded text with long-vowel spellings dropped (see `loosen`)."""
    return loosen(text, range(len(text)))[0]
