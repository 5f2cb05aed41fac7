"""The application's self-test: its main journey, run end to end on this PC, offline.

`haip-desktop self-test` is what IT staff run after installing (and what the packaging smoke
test runs in the frozen build): load the bundled guideline, find the fonts, create an
assessment, save it, load it back, render the PDF summary and the CSV, write the Excel
workbook and a questionnaire and read the questionnaire back, and optionally open the main
window off screen. With `--deny-network` every attempt to create a socket, connect
or look up a name fails and is counted (through an audit hook, without importing socket);
the self-test fails if there was any.

Each check prints one Japanese line (OK / NG, what was checked, what was found).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import resources_dir

if TYPE_CHECKING:
    from ..assessment.models import Assessment
    from ..guideline import Guideline

FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
ASSESSMENT_NAME = "selftest-assessment.json"
PDF_NAME = "selftest-summary.pdf"
CSV_NAME = "selftest-summary.csv"
XLSX_NAME = "selftest-summary.xlsx"
QUESTIONNAIRE_NAME = "selftest-questionnaire.xlsx"
SCREENSHOT_NAME = "selftest-window.png"
WHO = "自己診断"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'OK' if self.ok else 'NG'}  {self.name}: {self.detail}"


@dataclass
class NetworkGuard:
    """Counts (and refuses) every socket the process tries to create while installed."""

    attempts: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refuse(self, what: str) -> OSError:
        with self._lock:
            self.attempts.append(what)
        return OSError(f"ネットワークは使用しません（自己診断で禁止）: {what}")


# Audit events (sys.audit) Python raises before a socket is made, connected or a name looked
# up; a hook that raises stops the operation. No need to import (or replace) `socket` itself.
NETWORK_EVENTS = frozenset(
    {
        "socket.__new__",
        "socket.bind",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.sendmsg",
        "socket.sendto",
    }
)
_active_guards: list[NetworkGuard] = []
_hook_lock = threading.Lock()
_hook_installed = False


def _refuse_network(event: str, args: tuple[object, ...]) -> None:
    if _active_guards and event in NETWORK_EVENTS:
        raise _active_guards[-1].refuse(f"{event}{args!r}"[:200])


@contextmanager
def network_denied() -> Iterator[NetworkGuard]:
    """Within the block, creating any socket or resolving any name raises OSError.

    Works through an audit hook (sys.addaudithook), so the package never imports `socket`.
    An audit hook stays for the life of the process; outside the block it lets everything
    through.
    """
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_refuse_network)
            _hook_installed = True
    guard = NetworkGuard()
    _active_guards.append(guard)
    try:
        yield guard
    finally:
        _active_guards.remove(guard)


@dataclass
class _Made:
    """What the checks have made so far, for the checks that build on it."""

    guideline: Guideline | None = None
    assessment: Assessment | None = None

    def the_guideline(self) -> Guideline:
        if self.guideline is None:
            raise RuntimeError("ガイドラインデータを読み込めていません")
        return self.guideline

    def the_assessment(self) -> Assessment:
        if self.assessment is None:
            raise RuntimeError("評価ファイルを保存し読み直せていません")
        return self.assessment


def run_checks(out_dir: Path, gui: bool) -> list[Check]:
    """Every check in order; a failing check does not stop the ones that do not need it."""
    checks: list[Check] = []

    def attempt(name: str, step: Callable[[], str]) -> bool:
        try:
            detail = step()
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none is fatal
            checks.append(Check(name, False, _failure_text(exc)))
            return False
        checks.append(Check(name, True, detail))
        return True

    from ..guideline import load_guideline

    made = _Made()

    def guideline() -> str:
        g = load_guideline()
        made.guideline = g
        return (
            f"{g.title} 第{g.edition}版 データ版 {g.data_version}"
            f"（ユースケース {len(g.use_cases)}、対策 {len(g.countermeasures)}、"
            f"業務フロー {len(g.flows)}）"
        )

    def fonts() -> str:
        folder = resources_dir() / "fonts"
        missing = [name for name in FONT_FILES if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(f"{folder} に {', '.join(missing)} がありません")
        return f"{folder}（{len(FONT_FILES)} ファイル）"

    def assessment_round_trip() -> str:
        from ..assessment import (
            Facility,
            FacilityKind,
            Scope,
            Status,
            load_assessment,
            new_assessment,
            save_assessment,
            set_answer,
        )

        g = made.the_guideline()
        assessment = new_assessment(
            g,
            Facility(name="自己診断病院", kind=FacilityKind.HOSPITAL),
            who=WHO,
            assessors=[WHO],
            scope=Scope(all=True),
        )
        ids = [cm.id for cm in g.facility_countermeasures()[:3]]
        set_answer(assessment, ids[0], who=WHO, status=Status.DONE, note="規程 第3条")
        set_answer(
            assessment,
            ids[1],
            who=WHO,
            status=Status.PARTIAL,
            owner="情報システム課",
            target_date=dt.date.today() + dt.timedelta(days=90),
        )
        set_answer(
            assessment, ids[2], who=WHO, status=Status.NOT_APPLICABLE, na_reason="該当業務なし"
        )
        path = out_dir / ASSESSMENT_NAME
        save_assessment(assessment, path)
        loaded = load_assessment(path)
        if loaded.answers != assessment.answers or loaded.facility != assessment.facility:
            raise ValueError(f"{path} を読み直した内容が保存した内容と一致しません")
        made.assessment = loaded
        return f"{path.name} を保存し読み直しました（回答 {len(loaded.answers)} 件が一致）"

    def pdf() -> str:
        from ..report import render_pdf

        path = out_dir / PDF_NAME
        result = render_pdf(made.the_assessment(), made.the_guideline(), path)
        head = path.read_bytes()[:5]
        if head != b"%PDF-":
            raise ValueError(f"{path} が PDF になっていません（先頭 {head!r}）")
        return f"{path.name}（{result.page_count} ページ、{path.stat().st_size:,} バイト）"

    def csv() -> str:
        from ..report import write_csv

        path = out_dir / CSV_NAME
        rows = write_csv(made.the_assessment(), made.the_guideline(), path)
        if not path.read_bytes().startswith(b"\xef\xbb\xbf"):
            raise ValueError(f"{path} が BOM 付き UTF-8 ではありません")
        return f"{path.name}（{rows} 行）"

    def xlsx() -> str:
        from ..assessment.answer_import import read_answers
        from ..assessment.questionnaire import department_questionnaire, department_steps
        from ..report.xlsx_export import write_xlsx
        from ..report.xlsx_questionnaire import write_questionnaire

        assessment, g = made.the_assessment(), made.the_guideline()
        workbook = out_dir / XLSX_NAME
        written = write_xlsx(assessment, g, workbook)
        steps = department_steps(assessment, g)
        questionnaire = department_questionnaire(assessment, g, [steps[0].step_id])
        path = out_dir / QUESTIONNAIRE_NAME
        rows = write_questionnaire(questionnaire, path)
        preview = read_answers(path, assessment, g)
        if preview.identity is None or preview.changes:
            raise ValueError(f"{path} を質問票として読み直せません")
        return (
            f"{workbook.name}（{len(written.sheets)} シート）、"
            f"{path.name}（{rows} 項目）を書き出し、質問票を読み直しました"
        )

    if attempt("ガイドラインデータ", guideline):
        attempt("フォント", fonts)
        if attempt("評価ファイルの保存と読み込み", assessment_round_trip):
            attempt("報告書 PDF", pdf)
            attempt("報告書 CSV", csv)
            attempt("Excel ブックと質問票", xlsx)
    else:
        attempt("フォント", fonts)
    if gui:
        attempt("画面（オフスクリーン）", lambda: open_main_window(out_dir))
    return checks


def _failure_text(exc: Exception) -> str:
    """An OS error in Japanese with the file concerned; anything else with its type."""
    if isinstance(exc, OSError) and exc.errno is not None:
        from ..oserrors import describe_os_error

        where = f": {exc.filename}" if exc.filename else ""
        return f"{describe_os_error(exc)}{where}"
    return f"{type(exc).__name__}: {exc}"


def _no_screen() -> bool:
    """A Linux machine without X or Wayland (a server over SSH, a CI runner), and no platform
    chosen by the user; Windows and macOS always have their own."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    )


def open_main_window(out_dir: Path) -> str:
    """Build the main window, load the guideline into it, grab it as a PNG, close it."""
    from ..ui.app import build_main_window, create_application

    if _no_screen():
        # Qt would abort the process (and the whole self-test with it) for want of a display.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application([sys.argv[0] if sys.argv else "haip-desktop"])
    window, _parts = build_main_window(settings_path=out_dir / "ui-settings.json")
    try:
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        if not window.load_guideline():
            raise RuntimeError("画面でガイドラインを読み込めませんでした")
        app.processEvents()
        picture = out_dir / SCREENSHOT_NAME
        if not window.grab().save(str(picture)):
            raise OSError(f"{picture} に画面を保存できませんでした")
        return f"「{window.windowTitle()}」を表示し、{picture.name} に保存しました"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def run_self_test(out_dir: Path | None, gui: bool, deny_network: bool) -> int:
    """Run, print the Japanese summary, return the exit code (0: everything passed)."""
    with _output_folder(out_dir) as folder:
        if deny_network:
            with network_denied() as guard:
                checks = run_checks(folder, gui)
            attempts = guard.attempts
            checks.append(
                Check(
                    "ネットワーク",
                    not attempts,
                    "接続の試みはありませんでした"
                    if not attempts
                    else f"{len(attempts)} 回の試み: {'; '.join(attempts[:3])}",
                )
            )
        else:
            checks = run_checks(folder, gui)
        for check in checks:
            print(check.line())
        failed = [c for c in checks if not c.ok]
        if failed:
            print(f"自己診断: {len(checks)} 項目中 {len(failed)} 項目で失敗しました。")
        else:
            print(f"自己診断: {len(checks)} 項目すべて成功しました。")
        if not gui:
            print("画面は確認していません（画面も確かめるには --gui を付けて実行します）。")
        if out_dir is not None:
            print(f"作成したファイル: {folder}")
        return 1 if failed else 0


@contextmanager
def _output_folder(out_dir: Path | None) -> Iterator[Path]:
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        yield out_dir
        return
    with tempfile.TemporaryDirectory(prefix="haip-selftest-") as tmp:
        yield Path(tmp)
