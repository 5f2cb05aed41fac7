"""The progress dialog of a background job: appears only if the job takes a while, 中止 cancels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..widgets.background import BackgroundTask

# Work that ends sooner than this shows no dialog at all (nothing flashes on the screen).
PROGRESS_DELAY_MS = 400


def show_progress(job: BackgroundTask, parent: QWidget, text: str, title: str) -> QProgressDialog:
    """A window-modal progress dialog following `job`; it closes itself when the job ends."""
    dialog = QProgressDialog(text, QCoreApplication.translate("ReportFlow", "中止"), 0, 0, parent)
    dialog.setObjectName("jobProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))

    def on_ended() -> None:
        dialog.canceled.disconnect()  # closing a progress dialog would emit canceled
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    job.progress.connect(on_progress)
    job.ended.connect(on_ended)
    return dialog
