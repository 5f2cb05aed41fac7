"""Romaji to hiragana, for searching by reading with the input method off.

Accepts Hepburn (shi, chi, tsu, fu, ji, sha, cha, ja), Kunrei and the spellings Japanese
input methods take (si, ti, tu, hu, zi, sya, tya, zya, jya, nn, n', xtu/ltu, xa/la, '-' for
ー), doubled consonants for っ (kitte, matcha), m before b/m/p for ん (shimbun), and macrons or
circumflexes for long vowels (ō, ô). A word that is not romaji (an English word, an id) gives
None, so it is searched as text only.
"""

from __future__ import annotations

_VOWELS = "aiueo"

# Consonant -> the kana it makes with a, i, u, e, o ("-": none).
_ROWS: dict[str, str] = {
    "": "あ い う え お",
    "k": "か き く け こ",
    "s": "さ し す せ そ",
    "t": "た ち つ て と",
    "n": "な に ぬ ね の",
    "h": "は ひ ふ へ ほ",
    "m": "ま み む め も",
    "y": "や - ゆ いぇ よ",
    "r": "ら り る れ ろ",
    "w": "わ うぃ う うぇ を",
    "g": "が ぎ ぐ げ ご",
    "z": "ざ じ ず ぜ ぞ",
    "d": "だ ぢ づ で ど",
    "b": "ば び ぶ べ ぼ",
    "p": "ぱ ぴ ぷ ぺ ぽ",
    "f": "ふぁ ふぃ ふ ふぇ ふぉ",
    "j": "じゃ じ じゅ じぇ じょ",
    "v": "ゔぁ ゔぃ ゔ ゔぇ ゔぉ",
    "x": "ぁ ぃ ぅ ぇ ぉ",
    "l": "ぁ ぃ ぅ ぇ ぉ",
}
# Contracted sounds: these + a vowel give the kana and a small ゃ, ぃ, ゅ, ぇ, ょ (kya きゃ).
_YOON = {
    "ky": "き",
    "sy": "し",
    "sh": "し",
    "ty": "ち",
    "cy": "ち",
    "ch": "ち",
    "ny": "に",
    "hy": "ひ",
    "my": "み",
    "ry": "り",
    "gy": "ぎ",
    "zy": "じ",
    "jy": "じ",
    "dy": "ぢ",
    "by": "び",
    "py": "ぴ",
}
_SMALL = dict(zip(_VOWELS, "ゃぃゅぇょ", strict=True))


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for consonant, row in _ROWS.items():
        for vowel, sound in zip(_VOWELS, row.split(), strict=True):
            if sound != "-":
                table[consonant + vowel] = sound
    for cluster, base in _YOON.items():
        for vowel in _VOWELS:
            table[cluster + vowel] = base + _SMALL[vowel]
    # Hepburn and input-method spellings that differ from the rows above.
    table |= {
        "shi": "し",
        "chi": "ち",
        "tsu": "つ",
        "tsa": "つぁ",
        "ji": "じ",
        "zi": "じ",
        "di": "ぢ",
        "du": "づ",
        "fu": "ふ",
        "hu": "ふ",
        "thi": "てぃ",
        "dhi": "でぃ",
        "twu": "とぅ",
        "dwu": "どぅ",
        "wo": "を",
        "n'": "ん",
        "xtu": "っ",
        "ltu": "っ",
        "xtsu": "っ",
        "ltsu": "っ",
        "xya": "ゃ",
        "xyu": "ゅ",
        "xyo": "ょ",
        "lya": "ゃ",
        "lyu": "ゅ",
        "lyo": "ょ",
        "xwa": "ゎ",
        "lwa": "ゎ",
        "-": "ー",
    }
    return table


_TABLE = _table()
_LONGEST = max(map(len, _TABLE))
# Beginnings of a syllable still being typed ('sh' on the way to 'shi').
_PREFIXES = {key[:end] for key in _TABLE for end in range(1, len(key))}
_MACRONS = str.maketrans(
    {"ā": "a-", "ī": "i-", "ū": "u-", "ē": "e-", "ō": "o-"}
    | {"â": "a-", "î": "i-", "û": "u-", "ê": "e-", "ô": "o-"}
)
_CONSONANTS = frozenset("bcdfghjklmpqrstvwxyz")
# What may follow an "n" that is not ん (na, nya; n' is ん written out).
_STARTS_NA_ROW = frozenset([*_VOWELS, "y", "'"])


def to_hiragana(word: str) -> str | None:
    """The hiragana for a lower-case romaji word, or None when it is not romaji.

    An unfinished last syllable ('shinr' while typing 'shinryou') is left out, so that a
    search as you type keeps its results.
    """
    text = word.translate(_MACRONS)
    kana: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        if char == "n" and following not in _STARTS_NA_ROW:
            # ん: before a consonant or at the end; "nn" is ん, or ん + な-row before a vowel
            double = following == "n" and text[i + 2 : i + 3] not in _STARTS_NA_ROW
            kana.append("ん")
            i += 2 if double else 1
            continue
        if char == "m" and following in ("b", "m", "p"):
            kana.append("ん")  # Hepburn: shimbun, sammai
            i += 1
            continue
        if char in _CONSONANTS and following == char and char != "n":
            kana.append("っ")  # kitte, zasshi
            i += 1
            continue
        if char == "t" and text.startswith("ch", i + 1):
            kana.append("っ")  # matcha
            i += 1
            continue
        for length in range(min(_LONGEST, len(text) - i), 0, -1):
            sound = _TABLE.get(text[i : i + length])
            if sound is not None:
                kana.append(sound)
                i += length
                break
        else:
            if text[i:] in _PREFIXES and kana:
                break  # the last syllable is still being typed
            return None
    return "".join(kana) or None
