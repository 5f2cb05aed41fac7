"""Bringing an assessment file from an older schema to the current one, one version at a time.

Each upgrader takes the JSON document of schema ``n`` (a dict) and returns the document of
schema ``n + 1``, setting ``schema_version`` itself. To change the file's shape:

1. raise ``SCHEMA_VERSION`` in models.py and change the models;
2. write ``def _vN_to_vN1(document: dict) -> dict`` here and register it in ``UPGRADERS``
   under N;
3. commit a fixture of the new version beside the older ones (tests/assessment/fixtures/
   assessment_vN.json) and test that every older fixture loads with nothing lost.

Upgraders work on plain dicts, never on the models, so they keep working after the models
have moved on.

Schema 1 → 2: countermeasures got a level (facility, tool, step). Answers to the ids that are
tool-level are answered per AI tool from now on: each is moved into ``tool_answers`` of every
registered tool that is not 利用禁止, marked 要再確認 (answer_moves.py, the rule carry-over
uses too). Facility- and step-level answers stay in ``answers``; answers to ids the data does
not know stay archived as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from .answer_moves import move_answers_to_tools
from .models import SCHEMA_VERSION

Document = dict[str, Any]
Upgrader = Callable[[Document], Document]

# The countermeasures that are answered per AI tool when schema 2 was introduced. Ids are a
# contract (an id is never reused for another meaning), so this list is frozen here rather
# than read from the guideline data, which an upgrader must not depend on. It is
# sorted(cm.id for cm in load_guideline().tool_countermeasures()) of the data that came with
# schema 2; later level changes are carried over by carryover.py, never by editing this list.
TOOL_LEVEL_IDS_V2: frozenset[str] = frozenset(
    {
        "C-ACC-41",
        "C-ACC-42",
        "C-ACC-43",
        "C-ACC-44",
        "C-ACC-45",
        "C-ACC-46",
        "C-ACC-47",
        "C-BIAS-41",
        "C-BIAS-42",
        "C-BIAS-43",
        "C-IP-41",
        "C-IP-42",
        "C-IP-43",
        "C-LAWMD-41",
        "C-LAWMD-42",
        "C-LAWMD-43",
        "C-LAWPMD-21",
        "C-LAWPMD-41",
        "C-LAWPMD-42",
        "C-LAWPMD-43",
        "C-LEAK-23",
        "C-LEAK-25",
        "C-LEAK-41",
        "C-LEAK-42",
        "C-LEAK-43",
        "C-LEAK-44",
        "C-LEAK-45",
        "C-OPS-27",
        "C-OPS-41",
        "C-OPS-42",
        "C-OPS-43",
        "C-OPS-44",
        "C-SEC-23",
        "C-SEC-41",
        "C-SEC-42",
        "C-SEC-43",
        "C-SEC-44",
        "C-SEC-45",
        "C-TRANS-41",
        "C-TRANS-42",
        "C-TRANS-43",
        "C-TRANS-44",
    }
)

MOVED_TO_TOOLS_NOTE = (
    "ファイル形式の更新: AIツールごとに回答する対策になったため、"
    "施設としての回答をこのツールの回答に写しました（要再確認）"
)


def _v1_to_v2(document: Document) -> Document:
    document = dict(document)
    document["answers"] = dict(document.get("answers") or {})
    document["tools"] = [dict(t) for t in document.get("tools") or []]
    document["tool_answers"] = {}
    document["history"] = list(document.get("history") or [])
    at = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    move_answers_to_tools(document, TOOL_LEVEL_IDS_V2, at=at, note=MOVED_TO_TOOLS_NOTE)
    document["schema_version"] = 2
    return document


# schema n -> function turning a schema-n document into a schema-(n+1) document.
UPGRADERS: dict[int, Upgrader] = {1: _v1_to_v2}


class MigrationError(Exception):
    """The chain cannot take the document to the target version."""


def migrate(
    document: Document,
    *,
    target: int = SCHEMA_VERSION,
    upgraders: Mapping[int, Upgrader] | None = None,
) -> tuple[Document, list[int]]:
    """Upgrade ``document`` step by step to schema ``target``.

    Returns the upgraded document and the versions it passed through (``[]`` when it was
    already current). The caller checks for newer versions before calling.
    """
    chain = UPGRADERS if upgraders is None else upgraders
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MigrationError(f"schema_version is not a positive integer: {version!r}")
    if version > target:
        raise MigrationError(f"schema_version {version} is newer than {target}")
    passed: list[int] = []
    while version < target:
        upgrade = chain.get(version)
        if upgrade is None:
            raise MigrationError(f"no upgrader from schema {version} to {version + 1}")
        document = upgrade(document)
        new_version = document.get("schema_version")
        if new_version != version + 1:
            raise MigrationError(
                f"upgrader from schema {version} set schema_version to {new_version!r}"
            )
        passed.append(version)
        version = new_version
    return document, passed
