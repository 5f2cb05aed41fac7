"""UI timings in one fresh process (offscreen): switching workflow step, and typing a search.

``python -m benchmarks.ui_child --passes N --queries FILE`` prints one JSON line
``RESULT {...}`` with the samples in seconds:

- ``step_switch``: each step of every flow selected in turn, N passes; a sample runs from
  ``window.navigate(Location("step", id))`` (what clicking a step box or a 次のステップ
  link does) until the step page has painted the new step (paint event delivered and
  handled; events processed until then).
- ``search_typing``: every prefix of every query typed into the toolbar's search box
  (``setText``, as each keystroke changes the text), until the result panel has painted.

The window is the one ``haip-desktop`` shows (``build_main_window``), 1280×820, with the
bundled guideline loaded and the start page painted before anything is measured.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--queries", type=Path, required=True)
    args = parser.parse_args(argv)
    queries: list[str] = json.loads(args.queries.read_text(encoding="utf-8"))

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from haip_desktop.ui.app import build_main_window, create_application
    from haip_desktop.ui.shell.navigation import Location

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.target: QWidget | None = None
            self.seen = False

        def arm(self, target: QWidget) -> None:
            self.target, self.seen = target, False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            target = self.target
            if (
                target is not None
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and (watched is target or target.isAncestorOf(watched))
            ):
                self.seen = True
            return False

    app = create_application()
    watch = PaintWatch()
    app.installEventFilter(watch)

    def until_painted(target: QWidget, timeout: float = 5.0) -> None:
        deadline = time.perf_counter() + timeout
        while not watch.seen:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{target.objectName()} did not paint within {timeout} s")

    window, _parts = build_main_window()
    window.resize(1280, 820)
    window.show()
    if not window.load_guideline():
        raise RuntimeError("the guideline did not load")
    workflow = window.page("workflow")
    assert workflow is not None
    watch.arm(workflow)
    until_painted(workflow)
    guideline = window.guideline
    assert guideline is not None

    step_samples: list[float] = []
    step_cpu: list[float] = []
    for _ in range(args.passes):
        for flow in guideline.flows:
            for step in flow.steps:
                gc.collect()
                start, start_cpu = time.perf_counter(), time.process_time()
                window.navigate(Location("step", step.id))
                page = window.page("step")  # built by the first navigate
                assert page is not None
                watch.arm(page)  # paint events come only from the event loop, below
                until_painted(page)
                step_samples.append(time.perf_counter() - start)
                step_cpu.append(time.process_time() - start_cpu)
                assert window.pages.currentWidget() is page

    field = window.search_panel.field
    panel = window.search_panel
    typing_samples: list[float] = []
    typing_cpu: list[float] = []
    for _ in range(args.passes):
        for query in queries:
            for end in range(1, len(query) + 1):
                gc.collect()
                watch.arm(panel)
                start, start_cpu = time.perf_counter(), time.process_time()
                field.setText(query[:end])
                if panel.isVisible():
                    until_painted(panel)
                else:
                    app.processEvents()
                typing_samples.append(time.perf_counter() - start)
                typing_cpu.append(time.process_time() - start_cpu)
            field.clear()
            app.processEvents()

    print(
        "RESULT "
        + json.dumps(
            {
                "step_switch": step_samples,
                "step_switch_cpu": step_cpu,
                "steps": len(guideline.steps),
                "search_typing": typing_samples,
                "search_typing_cpu": typing_cpu,
                "keystrokes": sum(len(q) for q in queries),
            }
        ),
        flush=True,
    )
    window.hide()
    return 0


if __name__ == "__main__":
    sys.exit(main())
