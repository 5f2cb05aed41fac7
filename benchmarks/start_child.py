"""A fresh process that starts a window, notes when it first painted, and quits.

``python -m benchmarks.start_child app``: the application as ``haip-desktop`` starts it
(``cli.main(["gui"])``), measured until the start page (業務フロー) has painted with the
guideline loaded.
``python -m benchmarks.start_child bare``: the floor, a bare ``QMainWindow`` of the same
size with one label, measured until the label has painted.

"Painted" is defined as: the first paint event of the target widget (or a widget inside
it) has been delivered, and the event loop has come back to a zero-timer queued from that
paint event, i.e. the paint handler has returned. That moment is printed as
``PAINTED <time.monotonic()>``; the process then quits its event loop and exits. The line
``PYSTART`` is the moment this module's first line ran (after the interpreter started).
"""

from __future__ import annotations

import time

PYSTART = time.monotonic()

import sys  # noqa: E402


def main(kind: str) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class PaintProbe(QObject):
        """Watches every paint event in the application for the first one of the target."""

        def __init__(self, is_target) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.is_target = is_target
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and self.is_target(watched)
            ):
                self.seen = True
                QTimer.singleShot(0, self.painted)
            return False

        def painted(self) -> None:
            print(f"PAINTED {time.monotonic()!r}", flush=True)
            QApplication.instance().quit()

    print(f"PYSTART {PYSTART!r}", flush=True)
    if kind == "bare":
        from PySide6.QtWidgets import QLabel, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        label = QLabel("HAIP 生成AI利用ガイドライン", window)
        window.setCentralWidget(label)
        window.resize(1280, 820)
        probe = PaintProbe(lambda w: w is label)
        app.installEventFilter(probe)
        window.show()
        return app.exec()

    from haip_desktop import cli
    from haip_desktop.ui.app import create_application

    # The same QApplication that run() would create (run() reuses it), so the probe is
    # installed before the first event; its start-up sequence runs before the window's
    # modules are imported, as in the program.
    app = create_application()
    from haip_desktop.ui.shell.main_window import MainWindow

    def is_start_page(widget: QWidget) -> bool:
        window = widget.window()
        if not isinstance(window, MainWindow) or window.guideline is None:
            return False
        page = window.page("workflow", build=False)
        if page is None or window.pages.currentWidget() is not page:
            return False
        return widget is page or page.isAncestorOf(widget)

    probe = PaintProbe(is_start_page)
    app.installEventFilter(probe)
    status = cli.main(["gui"])
    if not probe.seen:
        print("NOPAINT", flush=True)
        return 3
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "app"))
