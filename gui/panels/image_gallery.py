"""Image data you can see: a gallery of samples with their labels, and of the
validation examples the network gets wrong (true and predicted class).

Shown for image data only (scikit-learn's 8x8 digits, IDX files of pictures,
:attr:`core.snapshot.RunInfo.image_shape`); for other data the panel says so.
The samples come from the :class:`~core.snapshot.RunInfo` (the raw rows), a
page of :data:`PAGE` at a time; the misclassified examples from
:attr:`core.snapshot.Predictions.misclassified` (at most 64, the first wrong
rows among those the snapshot describes), redrawn at most
:data:`MISCLASSIFIED_RATE` times a second while training, and at once when
training stops.  The grid is painted by one widget (no widget per picture), so
a page costs the same whatever the data.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from core.snapshot import RunInfo, Snapshot

from . import style
from .image_pictures import ink_image, scaled_pixmap

# samples on one page of the gallery
PAGE = 60
# redraws a second of the misclassified gallery while training
MISCLASSIFIED_RATE = 2.0
# a picture's side on screen (pixels)
PICTURE = 56
WRONG = QColor("#c62828")


class GalleryGrid(QWidget):
    """Pictures with a one-line label under each, in as many columns as fit."""

    CELL_W = PICTURE + 16
    CELL_H = PICTURE + 20

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cells: list[tuple[QPixmap, str, QColor | None, str]] = []  # pixmap, label, label colour, tooltip
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self.setMouseTracking(True)

    def set_cells(self, cells: list) -> None:
        self.cells = cells
        self.updateGeometry()
        self.update()

    def labels(self) -> list[str]:
        return [cell[1] for cell in self.cells]

    def columns(self, width: int | None = None) -> int:
        return max(1, (self.width() if width is None else width) // self.CELL_W)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = -(-len(self.cells) // self.columns(width))
        return max(self.CELL_H, rows * self.CELL_H)

    def sizeHint(self) -> QSize:
        return QSize(self.CELL_W * 6, self.heightForWidth(self.CELL_W * 6))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.CELL_W, self.CELL_H)

    def cell_rect(self, i: int) -> QRect:
        cols = self.columns()
        return QRect((i % cols) * self.CELL_W, (i // cols) * self.CELL_H, self.CELL_W, self.CELL_H)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        metrics = painter.fontMetrics()
        for i, (pixmap, label, colour, _tip) in enumerate(self.cells):
            r = self.cell_rect(i)
            if not r.intersects(event.rect()):
                continue
            x = r.x() + (self.CELL_W - pixmap.width()) // 2
            painter.drawPixmap(x, r.y() + 2, pixmap)
            painter.setPen(QColor(200, 200, 200))
            painter.drawRect(x - 1, r.y() + 1, pixmap.width() + 1, pixmap.height() + 1)
            painter.setPen(colour or QColor(40, 40, 40))
            text = metrics.elidedText(label, Qt.ElideRight, self.CELL_W - 2)
            painter.drawText(QRect(r.x(), r.y() + pixmap.height() + 3, self.CELL_W, 16), Qt.AlignCenter, text)
        painter.end()

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            pos = event.position().toPoint() if hasattr(event, "position") else event.pos()
            cols = self.columns()
            col, row = pos.x() // self.CELL_W, pos.y() // self.CELL_H
            i = row * cols + col
            if col < cols and 0 <= i < len(self.cells):
                QToolTip.showText(event.globalPos(), self.cells[i][3], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class ImageGalleryPanel(QWidget):
    """Samples and misclassified validation examples of image data."""

    title = "Images"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Images")
        self._info: RunInfo | None = None
        self._top = 1.0
        self.page = 0
        self._pending: Snapshot | None = None
        self._drawn_at = float("-inf")
        self._wrong_shown = None  # the misclassified array on screen
        self.misclassified_part = "val"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._draw_pending)

        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: #667; padding: 12px;")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # samples
        samples_page = QWidget()
        sv = QVBoxLayout(samples_page)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setObjectName("galleryPrevious")
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setObjectName("galleryNext")
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_label = style.ElidedLabel()
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.page_label, 1)
        sv.addLayout(row)
        self.samples = GalleryGrid()
        sv.addWidget(_scroll(self.samples), 1)
        # misclassified
        wrong_page = QWidget()
        wv = QVBoxLayout(wrong_page)
        wv.setContentsMargins(0, 0, 0, 0)
        wv.setSpacing(0)
        self.wrong_label = style.ElidedLabel()
        self.wrong_label.setContentsMargins(6, 4, 4, 4)
        wv.addWidget(self.wrong_label)
        self.misclassified = GalleryGrid()
        wv.addWidget(_scroll(self.misclassified), 1)
        self.tabs.addTab(samples_page, "")
        self.tabs.addTab(wrong_page, "")
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate()

    # ---- Public API
    @property
    def has_images(self) -> bool:
        return self._info is not None and self._info.image_shape is not None

    def reset(self, info: RunInfo) -> None:
        """A new run: show its samples from the first page (or say the data has no pictures)."""
        self._info = info
        self.page = 0
        self._pending = None
        self._wrong_shown = None
        self._timer.stop()
        self.misclassified.set_cells([])
        if not self.has_images:
            self.samples.set_cells([])
            self.stack.setCurrentWidget(self.empty)
            self.retranslate()
            return
        # the brightest pixel is black ink (no copy of the data: MNIST is 47 million values)
        with np.errstate(invalid="ignore"):
            top = max((float(np.nanmax(a)) for a in (info.raw_x_train, info.raw_x_val) if a.size), default=1.0)
        self._top = top if np.isfinite(top) and top > 0 else 1.0
        self.stack.setCurrentWidget(self.tabs)
        self.show_page(0)
        self.retranslate()

    def update_snapshot(self, snap: Snapshot) -> None:
        """Take the misclassified examples of a snapshot that has predictions; drawn at
        most :data:`MISCLASSIFIED_RATE` times a second (at once when training stopped)."""
        p = snap.predictions
        if not self.has_images or p is None or getattr(p, "misclassified", None) is None:
            return
        self._pending = snap
        now = time.perf_counter()
        wait = self._drawn_at + 1.0 / MISCLASSIFIED_RATE - now
        if snap.finished or wait <= 0:
            self._timer.stop()
            self._draw_pending()
        elif not self._timer.isActive():
            self._timer.start(int(wait * 1000) + 1)

    def show_page(self, page: int) -> None:
        if not self.has_images:
            return
        n = len(self._info.raw_x_train)
        pages = max(1, -(-n // PAGE))
        self.page = min(max(page, 0), pages - 1)
        start = self.page * PAGE
        rows = range(start, min(start + PAGE, n))
        y = np.ravel(self._info.y_train)
        cells = []
        for r in rows:
            label = self._class_name(y[r])
            tip = self.tr("Training sample {row}: class {label}").format(row=r, label=label)
            cells.append((self._picture(self._info.raw_x_train[r]), label, None, tip))
        self.samples.set_cells(cells)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)
        self._page_text()

    # ---- Private API
    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title = self.tr("Images")
        self.tabs.setTabText(0, self.tr("Samples"))
        self.tabs.setTabText(1, self.tr("Misclassified"))
        self.tabs.setTabToolTip(0, self.tr("Training samples with their labels, a page at a time"))
        self.tabs.setTabToolTip(
            1, self.tr("Validation examples the network gets wrong: true class → predicted class (red)")
        )
        self.prev_button.setToolTip(self.tr("Previous page of samples"))
        self.next_button.setToolTip(self.tr("Next page of samples"))
        self.empty.setText(
            self.tr(
                "The gallery shows image data: scikit-learn's digits or IDX (MNIST-format) files of pictures. "
                "Try File → Examples → MNIST-shaped digits."
            )
        )
        if self.has_images:
            self._page_text()
            self._wrong_text()
            if self.samples.cells:  # the tooltips are made in the language of the moment
                self.show_page(self.page)
            if self._wrong_shown is not None:
                array, self._wrong_shown = self._wrong_shown, None
                self._draw_wrong(array, self.misclassified_part)

    def _page_text(self) -> None:
        n = len(self._info.raw_x_train)
        start = self.page * PAGE
        h, w = self._info.image_shape
        self.page_label.set_full_text(
            self.tr("Training samples {first}–{last} of {n} ({h}×{w} pixels), labels under each").format(
                first=f"{min(start + 1, n):,}", last=f"{min(start + PAGE, n):,}", n=f"{n:,}", h=h, w=w
            )
        )

    def _wrong_text(self) -> None:
        shown = self._wrong_shown
        if shown is None:
            text = self.tr("Misclassified examples appear here after a training step.")
        elif len(shown) == 0:
            text = self.tr("No example the network was asked about is misclassified.")
        else:
            part = self.tr("validation") if self.misclassified_part == "val" else self.tr("training")
            text = self.tr("{n} misclassified {part} examples (the first {limit} at most): true → predicted").format(
                n=len(shown), part=part, limit=64
            )
        self.wrong_label.set_full_text(text)

    def _draw_pending(self) -> None:
        snap, self._pending = self._pending, None
        if snap is None or not self.has_images:
            return
        self._drawn_at = time.perf_counter()
        p = snap.predictions
        self._draw_wrong(p.misclassified, p.part)

    def _draw_wrong(self, array: np.ndarray, part: str) -> None:
        if (
            self._wrong_shown is not None
            and part == self.misclassified_part
            and np.array_equal(array, self._wrong_shown)
        ):
            return
        self._wrong_shown = np.array(array, copy=True)
        self.misclassified_part = part
        x = self._info.raw_x_val if part == "val" else self._info.raw_x_train
        cells = []
        for row, true, predicted in self._wrong_shown:
            if not 0 <= row < len(x):
                continue
            t, p = self._class_name(true), self._class_name(predicted)
            tip = self.tr("Example {row}: true class {true}, predicted {predicted}").format(
                row=int(row), true=t, predicted=p
            )
            cells.append((self._picture(x[row]), f"{t} → {p}", WRONG, tip))
        self.misclassified.set_cells(cells)
        self._wrong_text()

    def _class_name(self, label) -> str:
        names = self._info.class_names or []
        i = int(label)
        return names[i] if 0 <= i < len(names) else str(i)

    def _picture(self, row: np.ndarray) -> QPixmap:
        h, w = self._info.image_shape
        side = max(h, w)
        size = side * max(1, round(PICTURE / side))
        return scaled_pixmap(ink_image(np.reshape(row, (h, w)), self._top), size)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setStyleSheet("QScrollArea { background: white; }")
    return area
