"""The dates an answer holds (確認日, 目標日): how they are typed and which years are taken.

One place for the window's date field, the editing functions and the import of answered
questionnaires, so a date that one of them accepts the others accept too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

FIRST_YEAR, LAST_YEAR = 2000, 2100

# 2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日 (full-width digits too: NFKC first)
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")  # 20260331


def parse_date(text: str) -> dt.date | None:
    """The date typed, or None for an empty text. Raises ValueError when it is not a date."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    match = _DATE.match(text) or _COMPACT.match(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(part) for part in match.groups())
    return dt.date(year, month, day)


def out_of_range(date: dt.date, label: str) -> str | None:
    """Why ``date`` cannot be taken as the answer's ``label`` (確認日, 目標日); None if it can.

    A year outside these is a slip of the keyboard (2926 for 2026), not a plan.
    """
    if FIRST_YEAR <= date.year <= LAST_YEAR:
        return None
    return (
        f"{label}の {date.isoformat()} は日付の範囲（{FIRST_YEAR}〜{LAST_YEAR} 年）の外です。"
        "年を確かめて入力し直してください。"
    )
