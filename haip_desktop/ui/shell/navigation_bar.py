"""The bar under the menus: 戻る, 進む and a button per view (業務フロー, ユースケース, …).

Views that do not fit (a laptop at 200 % text size) go behind 「その他 ▾」 at the right end, a
menu of the views left out, so none vanishes. Qt's own toolbar overflow showed a 12-pixel
sliver that, when clicked, covered the filter bar without showing the missing views.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMenu, QToolButton, QWidget


class NavigationBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(4)
        self._views: list[tuple[QAction, QToolButton]] = []
        self.more_menu = QMenu(self)
        self.more_menu.setObjectName("moreViewsMenu")
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("moreViewsButton")
        self.more_button.setText(self.tr("その他 ▾"))
        self.more_button.setToolTip(self.tr("この幅に収まらない画面"))
        self.more_button.setAccessibleName(self.tr("その他の画面"))
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.hide()
        self._layout.addStretch(1)
        self._layout.addWidget(self.more_button)

    def add_button(self, action: QAction, name: str, *, view: bool = True) -> QToolButton:
        """A button for `action`; a `view` button may move behind 「その他」 when short of room."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setObjectName(f"goButton_{name}")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Reached by shortcut (Alt+←, Ctrl+1…) and the menus; Tab stays in the content.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._layout.insertWidget(self._layout.count() - 2, button)  # before stretch and more
        self.addAction(action)  # the bar's actions, in order (as a toolbar lists them)
        if view:
            self._views.append((action, button))
        self._fit()
        return button

    def add_separator(self) -> None:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setObjectName("navigationSeparator")
        self._layout.insertWidget(self._layout.count() - 2, line)
        separator = QAction(self)
        separator.setSeparator(True)
        self.addAction(separator)

    def button(self, action: QAction) -> QToolButton | None:
        return next((b for a, b in self._views if a is action), None)

    def hidden_views(self) -> list[QAction]:
        """The views behind 「その他」 now."""
        return [a for a, b in self._views if b.isHidden()]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for 戻る, 進む and 「その他」: the views can all go into its menu."""
        margins = self._layout.contentsMargins()
        spacing = self._layout.spacing()
        views = {id(b) for _a, b in self._views}
        width = margins.left() + margins.right() + self.more_button.sizeHint().width()
        height = self.more_button.sizeHint().height()
        for index in range(self._layout.count()):
            item = self._layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is None or widget is self.more_button or id(widget) in views:
                continue
            width += widget.sizeHint().width() + spacing
            height = max(height, widget.sizeHint().height())
        for _action, button in self._views:
            height = max(height, button.sizeHint().height())
        return QSize(width, height + margins.top() + margins.bottom())

    def _fit(self) -> None:
        """Show the view buttons that fit; the rest go into 「その他」's menu, in order."""
        if not self._views:
            return
        spacing = self._layout.spacing()
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        first_view = self._layout.indexOf(self._views[0][1])
        for index in range(first_view):
            item = self._layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                room -= widget.sizeHint().width() + spacing
        widths = [b.sizeHint().width() + spacing for _a, b in self._views]
        if sum(widths) > room:
            room -= self.more_button.sizeHint().width() + spacing
        shown = 0
        for width in widths:
            if width > room:
                break
            room -= width
            shown += 1
        for index, (_action, button) in enumerate(self._views):
            button.setHidden(index >= shown)
        left_out = [a for a, _b in self._views[shown:]]
        if left_out != [a for a in self.more_menu.actions()]:
            self.more_menu.clear()
            for action in left_out:
                self.more_menu.addAction(action)
        self.more_button.setHidden(not left_out)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange):
            self._fit()  # the buttons' sizes changed (text size)
        return handled
