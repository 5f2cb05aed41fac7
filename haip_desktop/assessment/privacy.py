"""Noticing text that looks like patient information before it is saved in an assessment.

The assessment file records how a facility governs generative AI; it must never become a
store of patient data. This module finds what *looks like* such data in the free-text fields
so the window can warn and show where; the person decides (a warning, not a block).

What is looked for, after NFKC normalisation (full-width digits and letters count too):
- a name with 様/さま/さん/殿/氏 next to an ID-like number or a patient ID
  (``山田太郎様 (12345678)``, ``山田 太郎 様（ID 0012345）``);
- 患者ID / 患者番号 / カルテ番号 / 診察券番号, or ``ID`` on its own with ``:`` or a space,
  followed by an ID: digits, or a few letters and digits (``AB12345``, ``P0012345``,
  ``AB-12345``); ``ユーザーID`` and ``ID管理`` are not patient IDs;
- a date of birth: ``生年月日 1970/3/2``, ``昭和45年3月2日生``, ``S45.3.2生まれ``;
- a 12-digit number that passes the My Number check digit, or any 12 digits after
  マイナンバー / 個人番号;
- a telephone number (``03-1234-5678``, ``090-1234-5678``, ``09012345678``), except
  business numbers (0120, 0570, 0800) and numbers introduced as 代表 / 窓口 / 問い合わせ /
  FAX …, which are how a facility writes its own or a vendor's contact.

Ordinary hospital text — 「第3版」「2025年7月」「規程第12条」「内線1234」「300床」 — is not
flagged: numbers followed by a unit or preceded by 第/内線 are not ID-like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from .models import Assessment


@dataclass(frozen=True)
class Finding:
    kind: str  # name_with_id | patient_id | birth_date | my_number | phone
    start: int  # offsets into the original text (before normalisation)
    end: int
    excerpt: str  # the match with a little context, on one line

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


KIND_LABELS = {
    "name_with_id": "氏名と番号",
    "patient_id": "患者ID・カルテ番号",
    "birth_date": "生年月日",
    "my_number": "マイナンバーのような12桁の番号",
    "phone": "電話番号",
}


class PrivacyHit(NamedTuple):
    item: str  # countermeasure id, or a tool id (T-…)
    field: str  # note | evidence | na_reason | committee_comment (item "": the whole file)
    finding: Finding
    tool: str = ""  # with a countermeasure id: the tool whose answer it is (tool level)


_ANSWER_TEXT_FIELDS = ("note", "evidence", "na_reason")


def scan_assessment(assessment: Assessment) -> list[PrivacyHit]:
    """Every finding in the answers' note, evidence and 該当なし reason (the facility's and
    each tool's), the tools' notes and the committee's 総評・所見."""
    hits: list[PrivacyHit] = []
    comment = assessment.committee_comment
    if comment and _HAS_DIGIT.search(comment):
        hits.extend(PrivacyHit("", "committee_comment", f) for f in find_patient_data(comment))
    answers = [(cm_id, "", a) for cm_id, a in assessment.answers.items()]
    answers += [
        (cm_id, tool_id, a)
        for tool_id, by_id in assessment.tool_answers.items()
        for cm_id, a in by_id.items()
    ]
    for cm_id, tool_id, answer in answers:
        for field in _ANSWER_TEXT_FIELDS:
            text = getattr(answer, field)
            if text and _HAS_DIGIT.search(text):
                hits.extend(PrivacyHit(cm_id, field, f, tool_id) for f in find_patient_data(text))
    for tool in assessment.tools:
        if tool.note and _HAS_DIGIT.search(tool.note):
            hits.extend(PrivacyHit(tool.id, "note", f) for f in find_patient_data(tool.note))
    return hits


def find_patient_data(text: str) -> list[Finding]:
    """What in ``text`` looks like patient information, in order of position."""
    if not _HAS_DIGIT.search(text):
        return []  # every pattern needs a digit; most notes stop here
    norm, origin = _normalize(text)
    spans: list[tuple[str, int, int]] = []
    for match in _PATIENT_ID.finditer(norm):
        if not _NOT_AN_ID_AFTER.match(norm, match.end()):  # 「患者ID 2025年版」
            spans.append(("patient_id", match.start(), match.end()))
    for match in _BIRTH_DATE.finditer(norm):
        spans.append(("birth_date", match.start(), match.end()))
    for match in _MY_NUMBER_LABELLED.finditer(norm):
        spans.append(("my_number", match.start(), match.end()))
    for match in _TWELVE_DIGITS.finditer(norm):
        if _my_number_check_ok(re.sub(r"[^0-9]", "", match.group())):
            spans.append(("my_number", match.start(), match.end()))
    for match in _PHONE.finditer(norm):
        if _is_personal_phone(norm, match):
            spans.append(("phone", match.start(), match.end()))
    spans.extend(_names_with_ids(norm, claimed=spans))
    return [_finding(text, kind, origin, s, e) for kind, s, e in _without_nested(spans)]


# -- normalisation ---------------------------------------------------------------------------

_HAS_DIGIT = re.compile(r"[0-9\uff10-\uff19]")


def _width_table() -> dict[int, str]:
    """NFKC's one-to-one foldings of the characters people type in Japanese text: full-width
    digits, letters and punctuation, half-width katakana, the ideographic space, dashes."""
    table: dict[int, str] = {}
    for block in (range(0xFF01, 0xFFEF), range(0x3000, 0x3040), range(0x2010, 0x2016)):
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


_WIDTH = _width_table()


def _normalize(text: str) -> tuple[str, list[int] | None]:
    """NFKC where it matters for the patterns, keeping every offset (one character for one,
    so a finding's place in the normalised text is its place in the original).

    The general NFKC (which may turn one character into several, e.g. ㈱ → (株)) is applied
    only to text short enough for a per-character offset map; the patterns never need it for
    a match, only for context such as 「㈱…様」.
    """
    folded = text.translate(_WIDTH)
    if len(folded) > 20_000 or unicodedata.is_normalized("NFKC", folded):
        return folded, None
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(folded):
        normal = unicodedata.normalize("NFKC", char) if char >= "\x80" else char
        parts.append(normal)
        origin.extend([index] * len(normal))
    origin.append(len(text))
    return "".join(parts), origin


def _finding(text: str, kind: str, origin: list[int] | None, start: int, end: int) -> Finding:
    if origin is not None:
        start, end = origin[start], origin[end - 1] + 1
    before = text[max(0, start - 12) : start]
    after = text[end : end + 12]
    excerpt = ("…" if start > 12 else "") + before + text[start:end] + after
    excerpt += "…" if end + 12 < len(text) else ""
    return Finding(kind, start, end, " ".join(excerpt.split()))


def _without_nested(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop a finding that lies inside another (a phone number inside a patient ID …)."""
    spans.sort(key=lambda s: (s[1], -s[2]))
    kept: list[tuple[str, int, int]] = []
    for span in spans:
        if kept and span[1] >= kept[-1][1] and span[2] <= kept[-1][2]:
            continue
        kept.append(span)
    return kept


# -- patterns (on NFKC text: digits 0-9, ASCII letters, ":" and "-") -------------------------

_SEP = r"[-‐‑–—―−ー]"  # hyphens, dashes and the long-vowel mark people type for them
_NUMBER_WITH_SEPARATORS = rf"[0-9](?:[0-9]|{_SEP}(?=[0-9])){{3,}}"

# An ID as hospitals write them: digits (``0012345``, ``12-3456``) or a few letters before
# the digits (``AB12345``, ``P0012345``, ``AB-12345``).
_ID_VALUE = rf"(?:[A-Za-z]{{1,4}}{_SEP}?[0-9]{{3,}}|{_NUMBER_WITH_SEPARATORS})"
_PATIENT_ID = re.compile(
    r"(?:患者\s*(?:ID|番号|No\.?|コード)|カルテ\s*(?:番号|No\.?|ID)|診察券\s*(?:番号|No\.?|ID)?"
    r"|診療録\s*番号|受診者\s*(?:ID|番号)"
    # "ID" on its own (not ユーザーID, 職員ID, Android …): only with a separator after it.
    r"|(?<![A-Za-z0-9\u30a1-\u30fc\u3400-\u9fff])ID(?=\s*[:=#(]|\s+[A-Za-z0-9]))"
    rf"\s*(?:は|:|=|#|\()?\s*(?P<value>{_ID_VALUE})(?![0-9A-Za-z])",
    re.IGNORECASE,
)

_ERA_DATE = (
    r"(?:明治|大正|昭和|平成|令和|[MTSHR])\s*(?:[0-9]{1,2}|元)\s*[年./-]\s*[0-9]{1,2}\s*[月./-]"
    r"\s*[0-9]{1,2}\s*日?"
)
_WESTERN_DATE = r"(?:19|20)[0-9]{2}\s*[年./-]\s*[0-9]{1,2}\s*[月./-]\s*[0-9]{1,2}\s*日?"
_DATE = rf"(?:{_ERA_DATE}|{_WESTERN_DATE})"
_BIRTH_DATE = re.compile(
    rf"生年月日\s*(?:は|:|\()?\s*{_DATE}"
    # 生 after a date, but not 生成 (生成AI!), 生産, 生活 …
    rf"|(?<![0-9]){_DATE}\s*(?:生まれ|生(?![成産活涯徒命地理物体存育]))"
)

_MY_NUMBER_LABELLED = re.compile(
    r"(?:マイナンバー|個人番号)\s*(?:は|:|\()?\s*[0-9]{4}[\s-]?[0-9]{4}[\s-]?[0-9]{4}(?![0-9])"
)
_TWELVE_DIGITS = re.compile(r"(?<![0-9-])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9-])")


def _my_number_check_ok(digits: str) -> bool:
    """The check digit of the individual number (番号法施行令 第8条)."""
    if len(digits) != 12:
        return False
    body = [int(d) for d in digits[:11]]
    total = 0
    for n in range(1, 12):
        p = body[11 - n]  # n-th digit counted from the right of the first 11
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


_PHONE = re.compile(
    rf"(?<![0-9])(?:\(0[0-9]{{1,4}}\)\s*[0-9]{{1,4}}{_SEP}[0-9]{{3,4}}"
    rf"|0[0-9]{{1,4}}\s*{_SEP}\s*[0-9]{{1,4}}\s*{_SEP}\s*[0-9]{{3,4}}"
    r"|0[5789]0[0-9]{8}|0[1-9][0-9]{8})(?![0-9])"
)
_BUSINESS_PREFIXES = ("0120", "0570", "0800", "0990")
_BUSINESS_CONTEXT = re.compile(
    r"(?:代表|窓口|サポート|ヘルプデスク|問い?合わ?せ|お問合せ|FAX|ファックス|ファクス|"
    r"コールセンター|受付|保守)[^0-9]{0,8}$",
    re.IGNORECASE,
)


def _is_personal_phone(text: str, match: re.Match[str]) -> bool:
    digits = re.sub(r"[^0-9]", "", match.group())
    if len(digits) not in (10, 11) or digits.startswith(_BUSINESS_PREFIXES):
        return False
    return not _BUSINESS_CONTEXT.search(text[max(0, match.start() - 20) : match.start()])


_NAME_CHAR = r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヵヶ\u30a1-\u30fa\u30fc]"
_HONORIFIC = re.compile(
    rf"({_NAME_CHAR}{{1,10}}(?:[ \u3000]{_NAME_CHAR}{{1,10}})?)[ \u3000]?"
    r"(?:様|さま|さん|殿|氏|くん|ちゃん)"
)
# Words that take 様/さん but are not a person's name.
_NOT_A_NAME = re.compile(
    r"(?:者|皆|方|客|族|員|位|会|社|部|課|科|室|局|店|院|所|社長|先生|業者|皆さ|各位|利用者|患者|家族)$"
)
# Four or more digits, not part of a date, a time, a version or a longer number.
_ID_NUMBER = re.compile(r"(?<![0-9])(?<![0-9][./:\-])[0-9]{4,}(?![0-9])(?![./:\-][0-9])")
_NOT_AN_ID_AFTER = re.compile(
    r"\s*(?:年|月|日|版|条|項|号|円|件|名|人|床|%|回|歳|時|分|秒|万|億|千|ページ|頁|行|文字|字|桁|部|枚|台|本|MB|GB|KB)"
)
_NOT_AN_ID_BEFORE = re.compile(r"(?:第|内線|PHS|v|ver\.?|Ver\.?|No\.?\s*第)\s*$")
_NEAR = 15  # characters between the name and the number


_COMPANY = re.compile(r"株式会社|有限会社|合同会社|\(株\)|\(有\)|㈱|㈲|法人")
_BREAK = re.compile(r"[。\n]")


def _names_with_ids(text: str, claimed: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A person's name with an honorific, and an ID-like number near it in the same sentence.

    Numbers already part of another finding (a phone number, a date of birth …) are not used
    again, so the more specific finding is the one reported; a patient ID next to a name
    (「山田 太郎 様（ID 0012345）」) becomes one finding of the name with its ID.
    """
    found: list[tuple[str, int, int]] = []
    ids = [(s, e) for kind, s, e in claimed if kind == "patient_id"]
    ids += [
        (m.start(), m.end())
        for m in _ID_NUMBER.finditer(text)
        if not _NOT_AN_ID_AFTER.match(text, m.end())
        and not _NOT_AN_ID_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
        and not any(s <= m.start() < e for _, s, e in claimed)
    ]
    if not ids:
        return found
    ids.sort()
    for name in _HONORIFIC.finditer(text):
        if _NOT_A_NAME.search(name.group(1)) or _COMPANY.search(
            text[max(0, name.start() - 6) : name.end()]
        ):
            continue
        for start, end in ids:
            if 0 <= start - name.end() <= _NEAR:
                between = text[name.end() : start]
            elif 0 <= name.start() - end <= _NEAR:
                between = text[end : name.start()]
            else:
                continue
            if not _BREAK.search(between):
                found.append(("name_with_id", min(name.start(), start), max(name.end(), end)))
                break
    return found
