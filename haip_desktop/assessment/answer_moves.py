"""The one rule for an answer whose countermeasure became tool-level, on plain dicts.

A facility answered such a countermeasure once; now it is answered for each AI tool of the
register. The answer is copied to every registered tool that is not 利用禁止 (a prohibited
tool needs no answers) and each copy is marked 要再確認, with a history entry naming the tool.
When no tool can take it, one tool entry is added (「（移行時に追加）名称未設定のAIツール」) so
that the answer is kept where a person will see it. Nothing is dropped: a tool that already
has its own answer keeps it, and an answer that found no place stays where it was. A blank
answer (a status chosen, then taken back) holds nothing to keep: it is left out, and never
adds a tool.

The schema migration (migrations.py, on the JSON document) and the carry-over to newer
guideline data (carryover.py, on a model dumped to a dict) both call move_answers_to_tools().
This module imports neither the models nor the guideline, so upgraders can use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

Document = dict[str, Any]

PLACEHOLDER_TOOL_NAME = "（移行時に追加）名称未設定のAIツール"
PLACEHOLDER_TOOL_NOTE = (
    "AIツールごとに回答する対策への以前の回答を残すために追加しました。"
    "実際のツール名に直すか、台帳にツールを登録して回答を確かめてください。"
)
PROHIBITED = "prohibited"  # Approval.PROHIBITED's value in the file
_UNANSWERED = "unanswered"  # Status.UNANSWERED's value in the file
_FLAGS = frozenset({"needs_review", "carried_over", "archived"})  # set by the application


def next_tool_id(document: Document) -> str:
    """The id for a new tool of the register: ``T-<n>``, one above the highest ever given.

    Never the id of a removed tool: a vendor questionnaire written for that tool, or its
    history entries, would otherwise be taken for the new tool's.
    """
    numbers = [int(t[2:]) for t in _tool_ids_ever_given(document) if _is_tool_id(t)]
    return f"T-{max(numbers, default=0) + 1}"


def _is_tool_id(text: str) -> bool:
    return text[:2] == "T-" and text[2:].isdigit()


def _tool_ids_ever_given(document: Document) -> Iterator[str]:
    """Every tool id the document names: the register, the answers, the history."""
    yield from (str(tool.get("id", "")) for tool in document.get("tools", []))
    yield from document.get("tool_answers", {})
    for entry in document.get("history", []):
        if entry.get("field") == "tool":
            yield str(entry.get("item") or "")
        yield str(entry.get("tool") or "")


def has_content(answer: Mapping[str, Any]) -> bool:
    """Whether a person has put anything into an answer (as in the file): a status, a
    reason, a date, a name or a text; the flags the application sets do not count."""
    return any(
        value not in (None, "", False)
        for name, value in answer.items()
        if name not in _FLAGS and not (name == "status" and value == _UNANSWERED)
    )


def move_answers_to_tools(
    document: Document,
    countermeasure_ids: Iterable[str],
    *,
    at: str,
    note: str,
    who: str = "",
    os_user: str = "",
) -> list[str]:
    """Move ``answers[id]`` for each of ``countermeasure_ids`` into ``tool_answers``.

    Changes ``document`` in place (``answers``, ``tool_answers``, ``tools``, ``history``);
    ``at`` is the ISO time written into the history, ``note`` says why. Returns the ids
    whose answers were moved, in id order.
    """
    answers: dict[str, Any] = document.setdefault("answers", {})
    moving = sorted(set(countermeasure_ids).intersection(answers))
    for cm_id in [m for m in moving if not has_content(answers[m])]:
        del answers[cm_id]  # a blank answer (a status set, then taken back) holds nothing
        moving.remove(cm_id)
    if not moving:
        return []
    tools: list[dict[str, Any]] = document.setdefault("tools", [])
    tool_answers: dict[str, dict[str, Any]] = document.setdefault("tool_answers", {})
    history: list[dict[str, Any]] = document.setdefault("history", [])

    def entry(**fields: Any) -> dict[str, Any]:
        return {"at": at, "who": who, "os_user": os_user, **fields}

    targets = [t["id"] for t in tools if t.get("approval") != PROHIBITED]
    if not targets:
        tool_id = next_tool_id(document)
        tools.append({"id": tool_id, "name": PLACEHOLDER_TOOL_NAME, "note": PLACEHOLDER_TOOL_NOTE})
        history.append(
            entry(item=tool_id, field="tool", old=None, new=PLACEHOLDER_TOOL_NAME, note=note)
        )
        targets = [tool_id]

    moved = []
    for cm_id in moving:
        answer = answers[cm_id]
        free = [t for t in targets if cm_id not in tool_answers.get(t, {})]
        if not free:
            continue  # every tool has its own answer: this one stays where it was
        for tool_id in free:
            copy = {**answer, "needs_review": True, "archived": False}
            tool_answers.setdefault(tool_id, {})[cm_id] = copy
            history.append(
                entry(
                    item=cm_id,
                    tool=tool_id,
                    field="needs_review",
                    old="true" if answer.get("needs_review") else "false",
                    new="true",
                    note=note,
                )
            )
        del answers[cm_id]
        moved.append(cm_id)
    return moved
