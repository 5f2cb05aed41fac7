"""The one way to make a menu or toolbar action: text, what it does, its keys and its tip.

Where it appears is the shell's business (`Shell.add_action`, `Shell.add_page_action`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Keys = QKeySequence.StandardKey | Sequence[QKeySequence | str] | str | None


def key_sequences(keys: Keys) -> list[QKeySequence]:
    """The platform's bindings of a standard key, or the keys given, each only once."""
    if keys is None:
        return []
    if isinstance(keys, QKeySequence.StandardKey):
        found = QKeySequence.keyBindings(keys)
    elif isinstance(keys, str):
        found = [QKeySequence(keys)]
    else:
        found = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys]
    unique: list[QKeySequence] = []
    for sequence in found:
        # The same keys twice (Ctrl++ is also the platform's ZoomIn) would be ambiguous.
        if not sequence.isEmpty() and all(sequence != seen for seen in unique):
            unique.append(sequence)
    return unique


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    keys: Keys = None,
    tip: str = "",
    *,
    name: str = "",
) -> QAction:
    """An action that calls `slot()` when triggered; `tip` is its tooltip and status tip."""
    action = QAction(text, parent)
    action.setShortcuts(key_sequences(keys))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action
