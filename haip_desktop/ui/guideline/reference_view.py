"""Laws, notices and guidelines that a facility cross-checks, grouped by kind."""

from __future__ import annotations

from ...guideline.models import REFERENCE_KIND_LABELS
from ..shell.navigation import Location
from .badges import source_line_html
from .document_page import DocumentPage
from .guideline_html import esc, item_block, link


class ReferenceView(DocumentPage):
    def title_for(self, location: Location) -> str:
        return self.tr("関係法令・参考資料")

    def show_location(self, location: Location) -> None:
        # A reference is shown in the list, scrolled to and marked.
        if location.item and not location.anchor:
            location = Location(location.page, location.item, location.item)
        super().show_location(location)

    def page_html(self, location: Location) -> str:
        g = self.shell.guideline
        if g is None:
            return ""
        out = [
            f"<h1>{esc(self.tr('関係法令・参考資料'))}</h1>",
            '<p class="muted">'
            + esc(
                self.tr(
                    "生成AIの利用にあたって、あわせて確認する法令・通知・ガイドラインです。"
                    "資料の所在（URL）は参考として示しています。このアプリは外部に接続しません。"
                )
            )
            + "</p>",
        ]
        for kind, label in REFERENCE_KIND_LABELS.items():
            refs = [r for r in g.references if r.kind == kind]
            if not refs:
                continue
            out.append(f"<h2>{esc(label)}（{len(refs)}）</h2>")
            for ref in refs:
                meta = [ref.issuer] + ([ref.date] if ref.date else [])
                categories = "、".join(
                    link(Location("risk_matrix", rc), g.risk_category(rc).name)
                    for rc in ref.risk_categories
                )
                body = (
                    f"<b>{esc(ref.title)}</b>"
                    f'&nbsp;&nbsp;<span class="muted">{esc("・".join(meta))}</span>'
                    f"<br>{esc(ref.summary)}"
                    + '<br><span class="muted">'
                    + esc(self.tr("関係するリスク区分: "))
                    + f"</span>{categories}"
                )
                if ref.url:
                    body += (
                        '<br><span class="muted">'
                        + esc(self.tr("所在: "))
                        + esc(ref.url)
                        + "</span>"
                    )
                body += "<br>" + source_line_html(ref.provenance)
                out.append(item_block(ref.id, body, ref.id == location.anchor))
        return "".join(out)
