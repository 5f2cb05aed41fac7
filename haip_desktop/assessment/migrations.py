"""Bringing an assessment file from an older schema to the current one, one version at a time.

Each upgrader takes the JSON document of schema ``n`` (a dict) and returns the document of
schema ``n + 1``, setting ``schema_version`` itself. To change the file's shape:

1. raise ``SCHEMA_VERSION`` in models.py and change the models;
2. write ``def _v1_to_v2(document: dict) -> dict`` here and register it in ``UPGRADERS``
   under 1;
3. commit a fixture of the old version (tests/assessment/fixtures/assessment_v1.json exists)
   and test that it loads.

Upgraders work on plain dicts, never on the models, so they keep working after the models
have moved on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .models import SCHEMA_VERSION

Document = dict[str, Any]
Upgrader = Callable[[Document], Document]

# schema n -> function turning a schema-n document into a schema-(n+1) document.
# Schema 1 is the first and current version, so there is nothing to upgrade yet.
UPGRADERS: dict[int, Upgrader] = {}


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
