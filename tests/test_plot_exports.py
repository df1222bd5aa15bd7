"""Export Plot: every plot has a human title, writes data to CSV, and files get
the permissions the umask says (bugs 10 and 11 of the solid-ground issue)."""

from __future__ import annotations

import csv
import os
import stat

import pytest
from test_plot_panels import PANELS, Run

from gui.exports import export_plot, new_file_mode
from gui.panels.output_view import OutputPanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(scope="module")
def runs():
    return {name: Run(name, chunks=(5, 5)) for name in ("spiral", "gaussians", "digits", "sine", "diabetes")}


def _fed(qtbot, cls, run):
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    panel.reset(run.info)
    for snap in run.snaps:
        panel.update_snapshot(snap)
    return panel


@pytest.mark.parametrize("name", ["spiral", "gaussians", "digits", "sine", "diabetes"])
def test_output_csv_holds_the_data(qtbot, runs, tmp_path, name):
    panel = _fed(qtbot, OutputPanel, runs[name])
    ((title, item),) = panel.export_items()
    path = tmp_path / "output.csv"
    export_plot(item, str(path))
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 10, (title, rows[:3])
    assert all(len(r) == len(rows[0]) for r in rows)
    if panel.mode == "plane":  # the boundary grid and every point
        assert sum(1 for r in rows[1:] if r[3]) == 50 * 50
        info = runs[name].info
        assert sum(1 for r in rows[1:] if not r[3]) == len(info.y_train) + len(info.y_val)
    if panel.mode == "confusion":
        cells = [r for r in rows[1:] if r[3]]
        assert len(cells) == 100 and sum(float(r[3]) for r in cells) == len(runs[name].info.y_val)


def test_every_plot_has_a_human_title(qtbot, runs):
    for cls in PANELS:
        panel = _fed(qtbot, cls, runs["spiral"])
        items = panel.export_items()
        assert items, cls.__name__
        for title, item in items:
            assert title[0].isupper() and "_" not in title and "." not in title.split(":")[0], title
            assert item is not None


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_exported_files_follow_the_umask(qtbot, runs, tmp_path, umask):
    panel = _fed(qtbot, OutputPanel, runs["spiral"])
    ((_title, item),) = panel.export_items()
    old = os.umask(umask)
    try:
        assert new_file_mode() == 0o666 & ~umask
        for ext in ("png", "svg", "csv"):
            path = tmp_path / f"out.{ext}"
            export_plot(item, str(path))
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask, ext
    finally:
        os.umask(old)
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".tmp-")]


def test_export_menu_titles_for_all_panels(qtbot, runs):
    from gui.exports import export_items_of, slug

    panels = [_fed(qtbot, cls, runs["spiral"]) for cls in PANELS]
    items = export_items_of(panels)
    assert "Loss over training steps" in items and "Decision boundary" in items
    assert not any("_" in title for title in items)
    assert len({slug(t) for t in items}) == len(items)  # distinct file names in Export All
