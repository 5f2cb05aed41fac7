"""About the guideline: title, publisher, editions, what the data holds and where it comes from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Guideline, SourceKind
from ...guideline.guideline import GuidelineItem
from ...paths import resources_dir
from ..widgets.wrapped_label import WrappedTitle
from .badges import provenance_badges_html, source_line_html
from .document_page import DOCUMENT_CSS
from .guideline_html import esc

LICENCE_FILE = "fonts/OFL-BIZUDPGothic.txt"


class AboutDialog(QDialog):
    def __init__(self, guideline: Guideline | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("このガイドラインについて"))
        self._fit_to_text_size()
        layout = QVBoxLayout(self)
        self.title = WrappedTitle(
            guideline.info.title if guideline is not None else self.tr("このガイドラインについて"),
            parent=self,
        )
        self.title.setObjectName("aboutTitle")
        self.title.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.title)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("このガイドラインについて"))
        layout.addWidget(self.tabs)
        self.guideline_text = self._browser(self._guideline_html(guideline))
        self.tabs.addTab(self.guideline_text, self.tr("ガイドラインと版"))
        self.contents_text = self._browser(self._contents_html(guideline))
        self.tabs.addTab(self.contents_text, self.tr("データの内容と出典"))
        self.licence_text = QTextBrowser(self)
        self.licence_text.setAccessibleName(self.tr("フォントのライセンス"))
        self.licence_text.setPlainText(self._licence_text())
        self.tabs.addTab(self.licence_text, self.tr("フォントのライセンス"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fit_to_text_size(self) -> None:
        em = self.fontMetrics().horizontalAdvance("あ")
        width, height = em * 52, em * 40
        parent = self.parentWidget()
        screen = self.screen() or (parent.screen() if parent is not None else None)
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def _browser(self, body: str) -> QTextBrowser:
        browser = QTextBrowser(self)
        browser.setOpenExternalLinks(False)
        browser.setOpenLinks(False)
        browser.document().setDefaultStyleSheet(DOCUMENT_CSS)
        browser.document().setDocumentMargin(16)
        browser.setHtml(body)
        browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return browser

    def _guideline_html(self, g: Guideline | None) -> str:
        if g is None:
            return "<p>" + esc(self.tr("ガイドラインのデータが読み込まれていません。")) + "</p>"
        info = g.info
        out = [
            "<p><b>" + esc(self.tr("発行: ")) + f"</b>{esc(info.publisher)}",
        ]
        if info.publisher_en:
            out.append(f'<br><span class="muted">{esc(info.publisher_en)}</span>')
        out.append("</p>")
        out.append(
            "<p>"
            + esc(
                self.tr("このデータは第%1版に基づきます（データ版 %2、%3 作成）。")
                .replace("%1", str(info.based_on_edition))
                .replace("%2", info.data_version)
                .replace("%3", info.data_date.isoformat())
            )
            + "</p>"
        )
        out.append(f"<p>{esc(info.statement)}</p>")
        out.append("<h2>" + esc(self.tr("版と主な変更")) + "</h2>")
        for edition in info.editions:
            published = self.tr("%1年%2月%3日 公開").replace("%1", str(edition.published.year))
            published = published.replace("%2", str(edition.published.month)).replace(
                "%3", str(edition.published.day)
            )
            out.append(f"<h3>{esc(edition.label)}（{esc(published)}）</h3><ul>")
            out += [f"<li>{esc(change)}</li>" for change in edition.changes]
            out.append("</ul><p>" + source_line_html(edition.provenance) + "</p>")
        return "".join(out)

    def _contents_html(self, g: Guideline | None) -> str:
        if g is None:
            return ""
        rows: list[tuple[str, Sequence[GuidelineItem]]] = [
            (self.tr("ユースケース"), g.use_cases),
            (self.tr("リスク区分"), g.risk_categories),
            (self.tr("リスク"), g.risks),
            (self.tr("対策"), g.countermeasures),
            (self.tr("業務フロー"), g.flows),
            (self.tr("業務ステップ"), g.steps),
            (self.tr("利用シーン"), g.scenes),
            (self.tr("関係法令・参考資料"), g.references),
        ]
        out = [
            "<h2>" + esc(self.tr("収録している項目")) + "</h2>",
            '<table cellpadding="4" cellspacing="0" border="1" style="border-color:#c9d3de;">',
            "<tr><th align='left'>"
            + esc(self.tr("項目"))
            + "</th><th>"
            + esc(self.tr("件数"))
            + "</th><th>"
            + esc(self.tr("本アプリ独自の整理"))
            + "</th><th>"
            + esc(self.tr("原文と照合済み"))
            + "</th></tr>",
        ]
        for label, items in rows:
            provenances = [g.provenance_of(i) for i in items]
            own = sum(1 for p in provenances if p.is_own_elaboration)
            verified = sum(1 for p in provenances if p.verified)
            out.append(
                f"<tr><td>{esc(label)}</td><td align='right'>{len(items)}</td>"
                f"<td align='right'>{own}</td><td align='right'>{verified}</td></tr>"
            )
        out.append("</table>")
        kinds = Counter(g.provenance_of(i).kind for i in g.all_items())
        out.append("<h2>" + esc(self.tr("出典の見分け方")) + "</h2>")
        out.append(
            "<p>"
            + esc(
                self.tr(
                    "各項目には出典（ガイドラインの版と章、公開資料、または本アプリ独自の整理）を表示しています。"
                    "次の印がある項目は、ガイドライン本文そのものではありません。"
                )
            )
            + "</p><ul>"
        )
        from ...guideline import Provenance

        own_badge = Provenance(kind=SourceKind.APP, verified=True)
        unverified = Provenance(kind=SourceKind.GUIDELINE, verified=False)
        out.append(
            f"<li>{provenance_badges_html(own_badge)} "
            + esc(
                self.tr(
                    "本アプリの開発チームが独自に整理・補足した内容です（%1 項目）。"
                    "業務フローと利用シーンへの対応付けは、すべて独自の整理です。"
                ).replace("%1", str(kinds.get(SourceKind.APP, 0)))
            )
            + "</li>"
        )
        out.append(
            f"<li>{provenance_badges_html(unverified)} "
            + esc(self.tr("ガイドライン本文との照合がまだ済んでいない内容です。"))
            + "</li></ul>"
        )
        return "".join(out)

    def _licence_text(self) -> str:
        path = resources_dir() / LICENCE_FILE
        header = self.tr(
            "画面と印刷に使っているフォント BIZ UDPゴシック（モリサワ）は、"
            "SIL Open Font License 1.1 のもとで同梱しています。\n\n"
        )
        try:
            return header + path.read_text(encoding="utf-8")
        except OSError:
            return header + self.tr("ライセンス文書（%1）が見つかりません。").replace(
                "%1", str(path)
            )
