"""Readings of the guideline's words, for finding 退院 by typing たいいん or taiin.

The readings are data, made when the guideline data is built (`packaging/build_readings.py`
runs a morphological analyser over every searchable text and writes `readings.yaml`); the
application only looks them up, so it ships no analyser. The file holds one line per word,
"surface reading" (退院 たいいん), under the top-level key `readings`.

A text is read by taking, at each position, the longest word of the readings that starts
there; what no word covers is folded as it is (kana, Latin letters, digits). Every character
of the reading keeps the span of the text it reads, so that a match on the reading marks the
whole word in the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .kana import fold_char, is_kana

READINGS_FILE = "readings.yaml"
READINGS_KEY = "readings"

# Characters that need a reading: kanji (and the iteration and abbreviation marks used in
# words: 々 〆 ヶ). Kana, Latin letters and digits are searchable as they are written.
_NEEDS_READING = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]"


@functools.cache
def _needs_reading() -> re.Pattern[str]:
    # compiled when first needed (searching, checking the data): ≈2.5 ms at every start
    return re.compile(_NEEDS_READING)


def needs_reading(text: str) -> bool:
    return _needs_reading().search(text) is not None


@dataclass(frozen=True)
class ReadingLineError:
    """A line of the readings block that is not "surface reading" (index from 0)."""

    index: int
    message: str  # Japanese


def parse_readings(block: str) -> tuple[dict[str, str], list[ReadingLineError]]:
    """Read the `readings` block: one "surface reading" per line, blank lines ignored."""
    readings: dict[str, str] = {}
    errors: list[ReadingLineError] = []
    for index, line in enumerate(block.splitlines()):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2:
            errors.append(ReadingLineError(index, "「語 読み」の形ではありません"))
        elif not is_kana(parts[1]):
            errors.append(ReadingLineError(index, f"読み '{parts[1]}' がひらがなではありません"))
        elif parts[0] in readings:
            errors.append(ReadingLineError(index, f"語 '{parts[0]}' が重複しています"))
        else:
            readings[parts[0]] = parts[1]
    return readings, errors


def format_readings(readings: Mapping[str, str]) -> str:
    """The `readings` block for a mapping of words to readings, sorted."""
    return "".join(f"{surface} {reading}\n" for surface, reading in sorted(readings.items()))


Span = tuple[int, int]


class Readings:
    """Words and their readings, looked up by first character (longest word first)."""

    def __init__(self, readings: Mapping[str, str] | None = None) -> None:
        self.words: dict[str, str] = dict(readings or {})
        by_first: dict[str, list[tuple[str, str]]] = {}
        for surface, reading in self.words.items():
            by_first.setdefault(surface[0], []).append((surface, reading))
        for words in by_first.values():
            words.sort(key=lambda word: -len(word[0]))
        self._by_first = by_first

    def __bool__(self) -> bool:
        return bool(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def read(self, text: str) -> tuple[str, list[Span]]:
        """The folded reading of text and, for each of its characters, the span it reads."""
        chars: list[str] = []
        spans: list[Span] = []
        by_first = self._by_first
        i, end = 0, len(text)
        while i < end:
            for surface, reading in by_first.get(text[i], ()):
                if text.startswith(surface, i):
                    span = (i, i + len(surface))
                    chars.append(reading)
                    spans.extend([span] * len(reading))
                    i += len(surface)
                    break
            else:
                folded = fold_char(text[i])
                chars.append(folded)
                spans.extend([(i, i + 1)] * len(folded))
                i += 1
        return "".join(chars), spans

    def unread(self, text: str) -> list[str]:
        """The runs of text that need a reading and have none (empty when all are read)."""
        reading, spans = self.read(text)
        missing: list[str] = []
        last_end = -1
        for char, (start, stop) in zip(reading, spans, strict=True):
            if needs_reading(char):
                if start == last_end:
                    missing[-1] += text[start:stop]
                else:
                    missing.append(text[start:stop])
                last_end = stop
        return missing

    def missing_in(self, texts: Iterable[str]) -> list[str]:
        """Every distinct run in texts that needs a reading and has none, in order found."""
        found: dict[str, None] = {}
        for text in texts:
            for run in self.unread(text):
                found.setdefault(run, None)
        return list(found)
