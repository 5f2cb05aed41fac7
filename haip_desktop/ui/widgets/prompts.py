"""The few questions and messages the assessment part asks, in one place.

Each is a plain function so that tests can replace it (``monkeypatch.setattr(prompts, "ask",
…)``) and the views stay free of message-box code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QLineEdit, QMessageBox, QWidget

Choice = tuple[str, str, QMessageBox.ButtonRole]  # key, button text, role


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: list[Choice],
    default: str,
    *,
    detail: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str:
    """Show a question with named buttons; the key of the button pressed (Esc: the reject one)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("assessmentQuestion")
    if detail:
        box.setInformativeText(detail)
    buttons: dict[QAbstractButton, str] = {}
    for key, label, role in choices:
        button = box.addButton(label, role)
        button.setAccessibleName(label)
        buttons[button] = key
        if key == default:
            box.setDefaultButton(button)
        if role in (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole):
            box.setEscapeButton(button)
    box.exec()
    return buttons.get(box.clickedButton(), default if not choices else choices[-1][0])


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """Ask for one line of text, ``default`` filled in; None when the person cancels."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("textQuestion")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(default)
    dialog.setOkButtonText(QCoreApplication.translate("AssessmentPrompts", "OK"))
    dialog.setCancelButtonText(QCoreApplication.translate("AssessmentPrompts", "キャンセル"))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("assessmentError")
    box.exec()


def ask_unsaved(parent: QWidget | None, name: str, *, never_saved: bool = False) -> str:
    """'save', 'discard' or 'cancel'; `never_saved`: the assessment has no file yet."""
    if never_saved:
        detail = QCoreApplication.translate(
            "AssessmentPrompts",
            "この評価はまだ一度も保存されていません。「保存しない」を選ぶと、新しく作った評価はすべて失われます。",
        )
    else:
        detail = QCoreApplication.translate(
            "AssessmentPrompts", "「保存しない」を選ぶと、前回保存してからの変更は失われます。"
        )
    return ask(
        parent,
        QCoreApplication.translate("AssessmentPrompts", "保存されていない変更"),
        QCoreApplication.translate(
            "AssessmentPrompts", "「%1」には保存されていない変更があります。保存しますか？"
        ).replace("%1", name),
        [
            (
                "save",
                QCoreApplication.translate("AssessmentPrompts", "保存する"),
                QMessageBox.ButtonRole.AcceptRole,
            ),
            (
                "discard",
                QCoreApplication.translate("AssessmentPrompts", "保存しない"),
                QMessageBox.ButtonRole.DestructiveRole,
            ),
            (
                "cancel",
                QCoreApplication.translate("AssessmentPrompts", "キャンセル"),
                QMessageBox.ButtonRole.RejectRole,
            ),
        ],
        "save",
        detail=detail,
        icon=QMessageBox.Icon.Warning,
    )
