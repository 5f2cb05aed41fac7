"""The dialog shown when something unexpected went wrong: what happened, that the details
are in the log file (named), and a button 「詳細をコピー」 for the person to pass them on."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets.sizing import fit_to_screen


def environment_text() -> str:
    """Versions that help whoever reads the details (no personal data)."""
    import PySide6
    from PySide6.QtCore import qVersion

    from ... import __version__

    return (
        f"HAIP Desktop {__version__}; Python {platform.python_version()}; "
        f"PySide6 {PySide6.__version__}; Qt {qVersion()}; {platform.platform()}; "
        f"{'frozen' if getattr(sys, 'frozen', False) else 'source'}"
    )


class CrashDialog(QDialog):
    """One dialog for the session's unexpected errors; later ones are added to its details."""

    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("予期しないエラー"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.errors = 0
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("予期しないエラーが起きました。"), self)
        self.heading.setObjectName("crashHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        where = (
            self.tr("詳しい内容はログファイル「%1」に記録しました。").replace("%1", str(log_file))
            if log_file is not None
            else self.tr("ログファイルに書き込めないため、詳しい内容は下の欄にだけあります。")
        )
        self.advice = QLabel(
            self.tr(
                "作業は続けられますが、念のため評価を保存し直してください。%1"
                "繰り返し起きる場合は「詳細をコピー」で下の内容をコピーし、"
                "ログファイルとともにシステム管理者に伝えてください。"
            ).replace("%1", where),
            self,
        )
        self.advice.setObjectName("crashAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.advice)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setAccessibleName(self.tr("エラーの詳細"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlainText(environment_text())
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        self.copied = QLabel("", self)
        row.addWidget(self.copied, 1)
        self.copy_button = QPushButton(self.tr("詳細をコピー"), self)
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        row.addWidget(self.copy_button)
        self.close_button = QPushButton(self.tr("閉じる"), self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        metrics = self.fontMetrics()  # as large as the text size needs, within the screen
        fit_to_screen(self, metrics.horizontalAdvance("あ") * 44, metrics.lineSpacing() * 24)

    def add_error(self, summary: str, traceback_text: str) -> None:
        """Add an error: its one-line summary in the heading, its traceback to the details."""
        self.errors += 1
        text = self.tr("予期しないエラーが起きました（%1）。").replace("%1", summary)
        if self.errors > 1:
            text += self.tr("（このほか %1 件）").replace("%1", str(self.errors - 1))
        self.heading.setText(text)
        self.details.appendPlainText("\n" + traceback_text.rstrip())

    def copy_details(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.details.toPlainText())
        self.copied.setText(self.tr("コピーしました。"))
