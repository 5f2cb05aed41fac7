"""「ガイドラインデータの更新」: import a data pack from a file, choose the data in use.

A pack is verified (manifest hashes, schema, cross-references) and its changes are shown
before anything changes; a refused pack leaves the current data as it is, and the person is
told every problem found. The bundled data is always listed and can be chosen again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Guideline, GuidelineDataError, load_guideline
from ...guideline.diff import GuidelineDiff, diff_guidelines
from ...guideline.packs import (
    PackError,
    PackManifest,
    activate_pack,
    active_data_version_setting,
    install_pack,
    installed_packs,
    open_pack,
    packs_dir,
    reset_to_bundled,
)
from ...paths import bundled_guideline_dir
from ..widgets import prompts
from ..widgets.busy import busy
from ..widgets.file_dialogs import choose_open_file, pack_filter
from ..widgets.labels import heading, note
from ..widgets.sizing import grow_to_fit
from ..widgets.tree_rows import ROOMY_ROWS, top_level_items

if TYPE_CHECKING:
    from ..shell.protocol import Shell

log = logging.getLogger(__name__)

VERSION_ROLE = Qt.ItemDataRole.UserRole  # "" for the bundled data


@dataclass
class PendingPack:
    """A pack that passed verification and waits for the person's go-ahead."""

    path: Path
    manifest: PackManifest
    guideline: Guideline
    diff: GuidelineDiff | None


class DataUpdateDialog(QDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent or shell.widget)
        self.shell = shell
        self.setObjectName("dataUpdateDialog")
        self.setWindowTitle(self.tr("ガイドラインデータの更新"))
        self.resize(820, 640)
        self.pending: PendingPack | None = None
        self.refused: list[str] = []  # the problems of the last refused pack
        self.changes_view: QDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("ガイドラインデータの更新"), self))
        layout.addWidget(
            note(
                self.tr(
                    "ガイドラインの新しい版のデータを、配布されたパック（.haippack）から取り込みます。"
                    "ネットワークは使いません。取り込む前に、ファイルが改ざん・破損していないか、"
                    "データの形と項目どうしのつながりが正しいかを確かめます。"
                    "問題があれば何も変えず、今のデータを使い続けます。"
                ),
                self,
            )
        )
        self.active_label = note("", self)
        self.active_label.setObjectName("activeData")
        layout.addWidget(self.active_label)

        self.list = QTreeWidget(self)
        self.list.setObjectName("dataVersions")
        self.list.setAccessibleName(self.tr("使えるガイドラインデータの一覧"))
        self.list.setRootIsDecorated(False)
        self.list.setStyleSheet(ROOMY_ROWS)
        self.list.setAllColumnsShowFocus(True)
        self.list.setHeaderLabels(
            [
                self.tr("データ版"),
                self.tr("版"),
                self.tr("データの日付"),
                self.tr("種類"),
                self.tr("状態"),
            ]
        )
        layout.addWidget(self.list, 1)

        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("パックを取り込む(&I)…"), self)
        self.import_button.setObjectName("importPack")
        self.use_button = QPushButton(self.tr("選んだデータを使う(&U)"), self)
        self.use_button.setObjectName("useSelected")
        self.bundled_button = QPushButton(self.tr("同梱データに戻す(&B)"), self)
        self.bundled_button.setObjectName("resetToBundled")
        self.changes_button = QPushButton(self.tr("変更点を見る(&D)…"), self)
        self.changes_button.setObjectName("showChanges")
        for button in (
            self.import_button,
            self.use_button,
            self.bundled_button,
            self.changes_button,
        ):
            button.setAccessibleName(button.text().split("(")[0])
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        self.preview = QGroupBox(self.tr("取り込む前の確認"), self)
        self.preview.setObjectName("packPreview")
        preview_layout = QVBoxLayout(self.preview)
        form = QFormLayout()
        self.pack_file = QLabel(self.preview)
        self.pack_edition = QLabel(self.preview)
        self.pack_version = QLabel(self.preview)
        self.pack_date = QLabel(self.preview)
        self.pack_changes = QLabel(self.preview)
        self.pack_changes.setObjectName("packChanges")
        for label in (self.pack_file, self.pack_changes):
            label.setWordWrap(True)
        for label in (
            self.pack_file,
            self.pack_edition,
            self.pack_version,
            self.pack_date,
            self.pack_changes,
        ):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("ファイル:"), self.pack_file)
        form.addRow(self.tr("ガイドラインの版:"), self.pack_edition)
        form.addRow(self.tr("データ版:"), self.pack_version)
        form.addRow(self.tr("データの日付:"), self.pack_date)
        form.addRow(self.tr("今のデータからの変更:"), self.pack_changes)
        preview_layout.addLayout(form)
        self.pack_note = note("", self.preview)
        self.pack_note.setObjectName("packNote")
        self.pack_note.setStyleSheet("color: #7a4b00;")
        preview_layout.addWidget(self.pack_note)
        preview_buttons = QHBoxLayout()
        self.install_button = QPushButton(self.tr("取り込んで使う(&T)"), self.preview)
        self.install_button.setObjectName("installPack")
        self.install_button.setAccessibleName(self.tr("確かめたパックを取り込んで使う"))
        self.pending_changes_button = QPushButton(self.tr("変更点を詳しく見る(&V)…"), self.preview)
        self.pending_changes_button.setObjectName("showPendingChanges")
        self.cancel_button = QPushButton(self.tr("取り込まない(&C)"), self.preview)
        self.cancel_button.setObjectName("cancelPack")
        for button in (self.install_button, self.pending_changes_button, self.cancel_button):
            preview_buttons.addWidget(button)
        preview_buttons.addStretch(1)
        preview_layout.addLayout(preview_buttons)
        self.preview.hide()
        layout.addWidget(self.preview)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.import_button.clicked.connect(self.choose_pack)
        self.use_button.clicked.connect(self.use_selected)
        self.bundled_button.clicked.connect(self.use_bundled)
        self.changes_button.clicked.connect(self.show_changes)
        self.install_button.clicked.connect(self.install_pending)
        self.pending_changes_button.clicked.connect(self.show_pending_changes)
        self.cancel_button.clicked.connect(self.drop_pending)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()
        self.import_button.setFocus()

    # -- the list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.shell.guideline
        chosen = active_data_version_setting()
        if current is not None:
            kind = self.tr("同梱のデータ") if chosen is None else self.tr("取り込んだデータ")
            if chosen is not None and chosen != current.data_version:
                kind = self.tr("同梱のデータ（取り込んだデータを読み込めなかったため）")
            self.active_label.setText(
                self.tr("使用中: 第%1版に基づくデータ版 %2（%3）— %4")
                .replace("%1", str(current.edition))
                .replace("%2", current.data_version)
                .replace("%3", current.info.data_date.isoformat())
                .replace("%4", kind)
            )
        self.list.clear()
        rows: list[tuple[str, str, str, str, str]] = []
        try:
            bundled = load_guideline(bundled_guideline_dir())
            rows.append(
                (
                    "",
                    bundled.data_version,
                    str(bundled.edition),
                    bundled.info.data_date.isoformat(),
                    self.tr("同梱"),
                )
            )
        except GuidelineDataError:
            log.error("Bundled guideline data cannot be loaded")
        for m in installed_packs():
            rows.append(
                (
                    m.data_version,
                    m.data_version,
                    str(m.edition),
                    m.data_date.isoformat(),
                    self.tr("取り込み"),
                )
            )
        in_use = current.data_version if current is not None else None
        using_bundled = chosen is None or (current is not None and chosen != current.data_version)
        for key, version, edition, date, kind in rows:
            active = (key == "" and using_bundled) or (
                key != "" and not using_bundled and key == in_use
            )
            item = QTreeWidgetItem(
                self.list,
                [
                    version,
                    self.tr("第%1版").replace("%1", edition),
                    date,
                    kind,
                    self.tr("使用中") if active else "",
                ],
            )
            item.setData(0, VERSION_ROLE, key)
            if active:
                for column in range(5):
                    font = item.font(column)
                    font.setBold(True)
                    item.setFont(column, font)
                item.setBackground(4, QBrush(QColor("#e4f1e6")))
                self.list.setCurrentItem(item)
        for column in range(5):
            self.list.resizeColumnToContents(column)
        self._update_buttons()

    def rows(self) -> list[tuple[str, str, str]]:
        """(data version, kind, state) of each row, as the person sees them."""
        return [(row.text(0), row.text(3), row.text(4)) for row in top_level_items(self.list)]

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        self.use_button.setEnabled(item is not None and not item.text(4))
        self.bundled_button.setEnabled(active_data_version_setting() is not None)

    # -- importing ---------------------------------------------------------------------------

    def choose_pack(self) -> None:
        path = choose_open_file(self, self.tr("ガイドラインデータのパックを選ぶ"), pack_filter())
        if path is not None:
            self.preview_pack(path)

    def preview_pack(self, path: Path) -> bool:
        """Verify the pack and show what it holds; nothing is installed yet."""
        self.drop_pending()
        try:
            with busy():
                manifest, guideline = open_pack(path)
        except PackError as exc:
            log.warning("Refused guideline data pack %s: %s", path, exc)
            self._refuse(path, exc.problems)
            return False
        current = self.shell.guideline
        diff = diff_guidelines(current, guideline) if current is not None else None
        self.pending = PendingPack(path, manifest, guideline, diff)
        self.pack_file.setText(str(path))
        self.pack_edition.setText(self.tr("第%1版").replace("%1", str(manifest.edition)))
        self.pack_version.setText(manifest.data_version)
        self.pack_date.setText(manifest.data_date.isoformat())
        if diff is None:
            self.pack_changes.setText("")
        elif diff.is_empty:
            self.pack_changes.setText(self.tr("違いはありません"))
        else:
            counts = diff.counts()
            reworded = len(diff.reworded_countermeasures())
            self.pack_changes.setText(
                self.tr("追加 %1 件・削除 %2 件・変更 %3 件（うち文言が変わった対策 %4 件）")
                .replace("%1", str(counts["added"]))
                .replace("%2", str(counts["removed"]))
                .replace("%3", str(counts["changed"]))
                .replace("%4", str(reworded))
            )
        notes = [self.tr("ファイルの検査に合格しました。まだ何も変えていません。")]
        if current is not None:
            if manifest.data_version == current.data_version:
                notes.append(
                    self.tr("今使っているデータと同じデータ版です。取り込むと置き換えます。")
                )
            elif manifest.data_date < current.info.data_date:
                notes.append(
                    self.tr("今使っているデータ（%1）より古いデータです。").replace(
                        "%1", current.info.data_date.isoformat()
                    )
                )
        notes.append(
            self.tr("開いている評価は、取り込んだあとで新しいデータに移行するかを確かめます。")
        )
        self.pack_note.setText("\n".join(notes))
        self.pending_changes_button.setEnabled(diff is not None and not diff.is_empty)
        self.preview.show()
        grow_to_fit(self)
        self.install_button.setFocus()
        return True

    def _refuse(self, path: Path, problems: list[str]) -> None:
        self.refused = list(problems)
        shown = problems[:15]
        more = len(problems) - len(shown)
        listing = "\n".join(f"・{p}" for p in shown)
        if more > 0:
            listing += "\n" + self.tr("ほか %1 件").replace("%1", str(more))
        prompts.show_error(
            self,
            self.tr("このパックは取り込めません"),
            self.tr(
                "「%1」はガイドラインデータのパックとして使えないため、取り込みませんでした。"
                "今のデータはそのまま使えます。\n\n見つかった問題:\n%2\n\n"
                "配布元から改めてパックを受け取り、もう一度取り込んでください。"
            )
            .replace("%1", str(path))
            .replace("%2", listing),
        )

    def drop_pending(self) -> None:
        self.pending = None
        self.preview.hide()

    def install_pending(self) -> bool:
        pending = self.pending
        if pending is None:
            return False
        try:
            with busy():
                manifest = install_pack(pending.path)
        except (PackError, OSError) as exc:
            problems = exc.problems if isinstance(exc, PackError) else [str(exc)]
            log.error("Installing guideline data pack %s failed: %s", pending.path, exc)
            self._refuse(pending.path, problems)
            self.drop_pending()
            return False
        self.drop_pending()
        self._reload_window()
        self.shell.show_status(
            self.tr("ガイドラインデータをデータ版 %1 に更新しました。").replace(
                "%1", manifest.data_version
            ),
            10000,
        )
        return True

    def show_pending_changes(self) -> None:
        pending = self.pending
        current = self.shell.guideline
        if pending is None or current is None:
            return
        self._open_changes(current, pending.guideline)

    # -- choosing ----------------------------------------------------------------------------

    def use_selected(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        version = item.data(0, VERSION_ROLE)
        if not version:
            return self.use_bundled()
        try:
            activate_pack(version)
        except PackError as exc:
            self._refuse(packs_dir() / version, exc.problems)
            return False
        self._reload_window()
        return True

    def use_bundled(self) -> bool:
        reset_to_bundled()
        self._reload_window()
        self.shell.show_status(self.tr("同梱のガイドラインデータに戻しました。"), 10000)
        return True

    def _reload_window(self) -> None:
        with busy():
            self.shell.load_guideline()
        self.refresh()

    def show_changes(self) -> None:
        current = self.shell.guideline
        item = self.list.currentItem()
        if current is None:
            return
        other: Guideline | None = None
        version = item.data(0, VERSION_ROLE) if item is not None else ""
        try:
            with busy():
                other = load_guideline(
                    packs_dir() / version if version else bundled_guideline_dir()
                )
        except GuidelineDataError as exc:
            prompts.show_error(self, self.tr("データを読み込めません"), str(exc))
            return
        if other.data_version == current.data_version:
            self._open_changes(current, current)
        elif other.info.data_date <= current.info.data_date:
            self._open_changes(other, current)
        else:
            self._open_changes(current, other)

    def _open_changes(self, old: Guideline, new: Guideline) -> None:
        from .changes_view import ChangesView

        view = ChangesView(old, new, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.changes_view = view
        view.show()
