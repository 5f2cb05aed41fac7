"""The change history kept in the file: when, who (assessor and OS user), which item, old → new.

Free-text fields (note, evidence, na_reason, tool note, the committee's 総評・所見) are recorded without their content:
the history must not keep a copy of text the person later removed (it could be personal
information). Consecutive edits of the same text field by the same person within a few
minutes are merged into one entry, so typing does not flood the history.
"""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

from .models import Assessment, HistoryEntry

TEXT_FIELDS = frozenset({"note", "evidence", "na_reason", "committee_comment"})
MERGE_WINDOW = dt.timedelta(minutes=5)


def now() -> dt.datetime:
    """The local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def aware(at: dt.datetime) -> dt.datetime:
    """A time with its UTC offset; one written without (by hand, or by another program) is
    taken as the local time of this PC, so that any two times of a file compare."""
    return at if at.tzinfo is not None else at.astimezone()


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services and containers)
        return ""


def show_value(value: Any) -> str | None:
    """How an old or new value is written into the history (ids and enum values, not labels)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


def record(
    assessment: Assessment,
    *,
    who: str,
    item: str,
    field: str,
    old: Any,
    new: Any,
    note: str = "",
    at: dt.datetime | None = None,
    tool: str = "",
) -> HistoryEntry:
    """Append one entry (or extend the last one for a text field being typed) and touch
    ``updated_at``. ``tool`` names the tool whose answer to countermeasure ``item`` changed."""
    at = at or now()
    user = os_user()
    if field in TEXT_FIELDS:
        entry = _text_entry(assessment, who, user, item, tool, field, old, new, at, note)
    else:
        entry = HistoryEntry(
            at=at,
            who=who,
            os_user=user,
            item=item,
            tool=tool,
            field=field,
            old=show_value(old),
            new=show_value(new),
            note=note,
        )
        assessment.history.append(entry)
    assessment.updated_at = at
    return entry


def _text_entry(
    assessment: Assessment,
    who: str,
    user: str,
    item: str,
    tool: str,
    field: str,
    old: str,
    new: str,
    at: dt.datetime,
    note: str = "",
) -> HistoryEntry:
    last = assessment.history[-1] if assessment.history else None
    if (
        not note  # a change with its own note (an imported file) stays an entry of its own
        and last is not None
        and (last.item, last.tool, last.field, last.who, last.os_user)
        == (item, tool, field, who, user)
        and last.at.tzinfo is not None  # a hand-edited time without offset: no merging
        and at - last.at <= MERGE_WINDOW
    ):
        last.at = at
        last.new = _length(new)
        return last
    entry = HistoryEntry(
        at=at,
        who=who,
        os_user=user,
        item=item,
        tool=tool,
        field=field,
        old=_length(old),
        new=_length(new),
        note=f"{TEXT_NOT_RECORDED}（{note}）" if note else TEXT_NOT_RECORDED,
    )
    assessment.history.append(entry)
    return entry


# The content is deliberately not kept; the length shows that something changed.
TEXT_NOT_RECORDED = "本文は履歴に残しません"


def _length(text: str) -> str:
    return f"{len(text)} 文字"
