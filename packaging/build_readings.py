"""Write `readings.yaml` for a guideline data folder: the reading of every word search looks in.

    python packaging/build_readings.py [DIR]            # DIR defaults to guideline_data/
    python packaging/build_readings.py [DIR] --check    # exit 1 when the file is out of date

Run it after changing any name or text of the guideline data (tests/guideline fails until
the readings cover every word). Needs the `data` extra (pip install -e ".[data]"):
SudachiPy with SudachiDict-core reads the texts, split mode B (退院 / サマリ, 個人 / 情報).
The application never imports the analyser; it only looks words up in the file written here
(haip_desktop/guideline/readings.py), so the frozen program ships no analyser.

How the words are chosen: every word the analyser finds that contains a kanji, with the
reading it gives in context. A word read two ways (薬: くすり in お薬, やく in 持参薬) keeps
its more frequent reading, and where it is read the other way the word is stored together
with its neighbour (持参薬 じさんやく), so that the longest-word lookup of the application
reads every text exactly as the analyser did; the build checks that it does.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from haip_desktop.guideline.kana import fold, is_kana  # noqa: E402
from haip_desktop.guideline.loader import load_guideline  # noqa: E402
from haip_desktop.guideline.readings import (  # noqa: E402
    READINGS_FILE,
    READINGS_KEY,
    Readings,
    format_readings,
    needs_reading,
)
from haip_desktop.guideline.search import searchable_texts  # noqa: E402

DEFAULT_DIR = REPO / "guideline_data"
ANALYSER_DISTRIBUTIONS = ("sudachipy", "sudachidict-core")

# Readings the analyser gets wrong in our texts, given by hand (word: reading).
CORRECTIONS: dict[str, str] = {
    "経時": "けいじ",  # 経時的: the dictionary gives きょうじ
    "確認日": "かくにんび",  # the dictionary gives かくにんひ
    "正しく": "ただしく",  # read まさしく in some contexts
}

# Runs the analyser reads on their own: Japanese words (kanji, kana, 々, ー). Brackets,
# Latin letters and digits between them are word boundaries and need no reading.
_JAPANESE_RUN = re.compile(
    r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+"
)

Token = tuple[str, str]  # surface, folded reading (the surface folded when it needs none)
Analyser = Callable[[str], list[tuple[str, str]]]  # text -> words: (surface, reading)


class ReadingsBuildError(Exception):
    """The readings could not be made; the message says which words and what to do."""


def _tokenizer() -> Analyser:
    try:
        from sudachipy import Dictionary, SplitMode
    except ImportError as exc:
        raise ReadingsBuildError(
            'SudachiPy がありません。pip install -e ".[data]" で入れてから実行してください'
        ) from exc
    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.B)
    return lambda text: [(m.surface(), m.reading_form()) for m in tokenizer.tokenize(text)]


def _corrected_chunks(run: str) -> list[tuple[str, bool]]:
    """A run cut around the corrected words: (text, True) for a corrected word."""
    if not CORRECTIONS:
        return [(run, False)]
    pattern = "|".join(re.escape(w) for w in sorted(CORRECTIONS, key=len, reverse=True))
    chunks: list[tuple[str, bool]] = []
    last = 0
    for match in re.finditer(pattern, run):
        if match.start() > last:
            chunks.append((run[last : match.start()], False))
        chunks.append((match.group(), True))
        last = match.end()
    if last < len(run):
        chunks.append((run[last:], False))
    return chunks


def tokenize(text: str, analyse: Analyser) -> list[list[Token]]:
    """The Japanese runs of text, each as the analyser's words with their readings."""
    runs = []
    for match in _JAPANESE_RUN.finditer(text):
        tokens: list[Token] = []
        for chunk, corrected in _corrected_chunks(match.group()):
            if corrected:
                tokens.append((chunk, CORRECTIONS[chunk]))
                continue
            for surface, reading in analyse(chunk):
                folded = fold(reading) if needs_reading(surface) else fold(surface)
                tokens.append((surface, folded))
        runs.append(tokens)
    return runs


def _most_frequent(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _word(tokens: Sequence[Token]) -> tuple[str, str]:
    return "".join(s for s, _ in tokens), "".join(r for _, r in tokens)


def _context_words(tokens: Sequence[Token], readings: dict[str, str]) -> list[tuple[str, str]]:
    """Longer words that make a run read as the analyser read it: each stretch of words
    that need a reading (受け取り + 方法, 流出 + 後), or a word read otherwise than usual
    with the word after it (後 + に)."""
    found = []
    start = 0
    while start < len(tokens):
        stop = start
        while stop < len(tokens) and needs_reading(tokens[stop][0]):
            stop += 1
        if stop - start > 1:
            found.append(_word(tokens[start:stop]))
        elif stop - start == 1 and readings[tokens[start][0]] != tokens[start][1]:
            # with the word after it: a pair that begins with a particle (の + 外) would be
            # taken before the longer words that follow the particle elsewhere (の + 外部)
            pair = tokens[start : start + 2] if start + 1 < len(tokens) else tokens[start - 1 :]
            if len(pair) == 2:
                found.append(_word(pair))
        start = stop + 1
    return found


def choose_readings(runs: Sequence[Sequence[Token]]) -> dict[str, str]:
    """Every word that needs a reading with its most frequent reading, and longer words
    where the longest-word lookup would otherwise read a run differently."""
    seen: dict[str, Counter[str]] = {}
    for tokens in runs:
        for surface, reading in tokens:
            if needs_reading(surface):
                seen.setdefault(surface, Counter()).update([reading])
    readings = {surface: _most_frequent(counts) for surface, counts in seen.items()}
    for _round in range(5):
        lookup = Readings(readings)
        misread = [t for t in runs if lookup.read(_word(t)[0])[0] != _word(t)[1]]
        if not misread:
            break
        added: dict[str, Counter[str]] = {}
        for tokens in misread:
            for surface, reading in _context_words(tokens, readings):
                added.setdefault(surface, Counter()).update([reading])
        before = len(readings)
        for surface, counts in added.items():
            readings.setdefault(surface, _most_frequent(counts))
        if len(readings) == before:
            break
    return readings


def build_readings(texts: Iterable[str], analyse: Analyser | None = None) -> dict[str, str]:
    """The readings for these texts; raises ReadingsBuildError naming what went wrong."""
    analyse = analyse or _tokenizer()
    texts = list(dict.fromkeys(texts))
    runs_of = {text: tokenize(text, analyse) for text in texts}
    unreadable = sorted(
        {
            surface
            for runs in runs_of.values()
            for run in runs
            for surface, reading in run
            if needs_reading(surface) and not is_kana(reading)
        }
    )
    if unreadable:
        raise ReadingsBuildError(
            "解析器が読みを決められない語があります: "
            + "、".join(unreadable)
            + "。packaging/build_readings.py の CORRECTIONS に読みを書いてください"
        )
    readings = choose_readings([run for runs in runs_of.values() for run in runs])
    lookup = Readings(readings)
    misread = [t for t in texts if lookup.read(t)[0] != _expected(t, runs_of[t])]
    if misread:
        raise ReadingsBuildError(
            f"{len(misread)} 件の文を解析器と同じには読めません（例: {misread[0][:40]}）。"
            "読み違える語を packaging/build_readings.py の CORRECTIONS に加えてください"
        )
    return readings


def _expected(text: str, runs: Sequence[Sequence[Token]]) -> str:
    """The reading of text as the analyser read it: runs by their words, the rest folded."""
    parts = []
    last = 0
    for match, tokens in zip(_JAPANESE_RUN.finditer(text), runs, strict=True):
        parts.append(fold(text[last : match.start()]))
        parts.extend(reading for _, reading in tokens)
        last = match.end()
    parts.append(fold(text[last:]))
    return "".join(parts)


def analyser_versions() -> str:
    return ", ".join(f"{name} {metadata.version(name)}" for name in ANALYSER_DISTRIBUTIONS)


def render(readings: dict[str, str], versions: str) -> str:
    """The text of readings.yaml."""
    body = "".join(f"  {line}\n" for line in format_readings(readings).splitlines())
    return (
        "# Readings of the words of this folder's texts, for search by reading (たいいん, taiin -> 退院).\n"
        "# GENERATED: do not edit by hand. After changing any name or text of the guideline data,\n"
        "# regenerate with:  python packaging/build_readings.py guideline_data\n"
        '# (needs pip install -e ".[data]"). Wrong readings are corrected in that script.\n'
        f"# Analyser: {versions}, split mode B.\n"
        f"{READINGS_KEY}: |\n{body}"
    )


def texts_of(folder: Path) -> list[str]:
    """Every searchable text of the data in folder (its current readings.yaml is ignored)."""
    with tempfile.TemporaryDirectory() as temp:
        for file in folder.glob("*.yaml"):
            if file.name != READINGS_FILE:
                shutil.copy2(file, temp)
        guideline = load_guideline(temp)
        return [text for _item, _field, text in searchable_texts(guideline)]


def build(folder: Path) -> str:
    """The readings.yaml that folder should have."""
    return render(build_readings(texts_of(folder)), analyser_versions())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="ガイドラインデータのフォルダに、検索用の読み（readings.yaml）を作る"
    )
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR, metavar="DIR")
    parser.add_argument(
        "--check", action="store_true", help="作り直さずに、今のファイルが最新かどうかだけ調べる"
    )
    args = parser.parse_args(argv)
    target = args.dir / READINGS_FILE
    try:
        readings = build_readings(texts_of(args.dir))
    except ReadingsBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    text = render(readings, analyser_versions())
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current == text:
            print(f"OK: {target} は最新です")
            return 0
        print(
            f"NG: {target} が古くなっています。python packaging/build_readings.py で作り直してください"
        )
        return 1
    if current == text:
        print(f"変更なし: {target}")
        return 0
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8", newline="\n")
    partial.replace(target)
    print(f"書きました: {target}（{len(readings)} 語）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
