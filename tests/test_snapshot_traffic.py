"""What the training process sends the window, and what the window does with it.

While training, snapshots carry the decision boundary and the neuron pictures only
some of the time (each costs the training process a forward pass over a grid);
a snapshot sent when training stops carries everything.  The worker gives a
snapshot without pictures the last ones again (the same objects) and the canvas
redraws a picture only when it changed.  Behaviour, not timing.
"""

from __future__ import annotations

import pickle
import socket
import threading
from dataclasses import replace
from multiprocessing.connection import Connection
from types import SimpleNamespace

import numpy as np
import pytest

from core import protocol as P
from core.project import default_project
from core.session import Session, compact_pictures, serve
from core.trainer import Trainer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run(script, **rates):
    """A session on ``script`` (commands; ``("idle", n)``: n empty polls) whose receiver
    draws each snapshot at once; rates as Session's keyword arguments.  Returns the
    messages it sent."""
    sent = []
    queue = []

    def send(message):
        sent.append(message)
        if isinstance(message, P.SnapshotMsg):
            queue.insert(0, P.Drawn())

    session = Session(send, **rates)
    for item in script:
        queue.extend([None] * item[1] if isinstance(item, tuple) else [item])
    session.run(lambda _timeout: queue.pop(0) if queue else P.Quit())
    return sent


def snapshots(sent):
    return [m.snapshot for m in sent if isinstance(m, P.SnapshotMsg)]


def pictures(snap):
    return {} if snap.boundary is None else {k: v for k, v in snap.boundary.activations.items() if k != "extent"}


#: the output and the pictures at most once an hour while training: only forced snapshots have them
RARELY = {"snapshot_rate": 1e6, "output_rate": 1 / 3600, "neuron_rate": 1 / 3600}


def test_pictures_come_when_paused_after_a_step_and_on_request():
    project = default_project()
    sent = run([P.Rebuild(1, project, ".", False, None), P.Play(), ("idle", 300), P.Pause(), ("idle", 2)], **RARELY)
    snaps = snapshots(sent)
    first, running, paused = snaps[0], snaps[1:-1], snaps[-1]
    assert pictures(first)  # the snapshot of a fresh build shows everything
    assert len(running) > 10
    assert all(s.boundary is None and s.predictions is None for s in running)
    assert paused.step == max(s.step for s in snaps)
    acts = pictures(paused)
    assert set(acts) == {"layers.0", "layers.1", "layers.2"}
    assert acts["layers.0"].shape == (24, 24, 8) and acts["layers.0"].dtype == np.float32
    assert paused.boundary.values.shape == (50, 50)

    sent = run([P.Rebuild(1, project, ".", False, None), ("idle", 2), P.Step(5), ("idle", 10)], **RARELY)
    last = snapshots(sent)[-1]
    assert last.step == 5 and pictures(last)
    sent = run([P.Rebuild(1, project, ".", False, None), ("idle", 2), P.Step(0), ("idle", 2)], **RARELY)
    assert all(pictures(s) for s in snapshots(sent))


def test_while_training_pictures_are_thinned_and_every_snapshot_has_update_ratios():
    project = default_project()
    sent = run(
        [P.Rebuild(1, project, ".", False, None), P.Play(), ("idle", 400), P.Pause()],
        snapshot_rate=1e6,
        output_rate=1e6,
        neuron_rate=1 / 3600,
    )
    running = snapshots(sent)[1:-1]
    assert len(running) > 10
    assert all(s.boundary is not None for s in running)  # the output whenever due
    assert not any(pictures(s) for s in running)  # the pictures not (due once an hour)
    for snap in running:  # the weights before each step were kept: no ratio is missing
        assert all(np.isfinite(layer.update_ratio) for layer in snap.layers)


def test_pictures_are_the_trainers_values_in_float32():
    trainer = Trainer(default_project())
    trainer.step()
    snap = trainer.snapshot(0, boundary=True, neuron_grid=12, predictions=True)
    small = compact_pictures(snap)
    for key, value in pictures(snap).items():
        assert small.boundary.activations[key].dtype == np.float32
        np.testing.assert_array_equal(small.boundary.activations[key], value.astype(np.float32))
    assert small.boundary.values is snap.boundary.values  # the rest as it was
    assert small.layers is snap.layers
    # values beyond float32 stay finite; NaN and infinities stay what they are
    huge = {"layers.0": np.array([[[1e300, -1e300, np.nan, np.inf]]]), "extent": (0.0, 1.0, 0.0, 1.0)}
    odd = compact_pictures(snapshot_with_pictures(huge))
    a = odd.boundary.activations["layers.0"]
    assert np.isfinite(a[0, 0, :2]).all() and np.isnan(a[0, 0, 2]) and a[0, 0, 3] == np.inf


def snapshot_with_pictures(acts):
    """A real snapshot whose neuron pictures are ``acts``."""
    snap = Trainer(default_project()).snapshot(0, boundary=True, neuron_grid=4)
    return replace(snap, boundary=replace(snap.boundary, activations=acts))


def test_a_snapshot_stays_small_for_a_100k_unit_layer():
    project = default_project()
    project["data"]["samples"] = 100
    project["network"]["layers"] = [
        {"type": "dense", "units": 100_000, "activation": "tanh"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    sent = run([P.Rebuild(1, project, ".", False, None), P.Step(1), ("idle", 2)])
    assert not [m for m in sent if isinstance(m, P.Failed)]
    snaps = [m for m in sent if isinstance(m, P.SnapshotMsg)]
    assert snaps and snaps[-1].snapshot.step == 1
    for message in snaps:
        assert pictures(message.snapshot)["layers.0"].shape == (24, 24, 64)  # the first 64 units
        assert len(pickle.dumps(message, pickle.HIGHEST_PROTOCOL)) < 1_000_000


def test_commands_reach_a_training_process_that_looks_only_now_and_then():
    """serve() looks at the pipe at most once a millisecond while training: a pause
    still stops it, and every query is answered."""
    ours, theirs = socket.socketpair()
    mine, its = Connection(ours.detach()), Connection(theirs.detach())
    thread = threading.Thread(target=serve, args=(its,), daemon=True)
    thread.start()
    try:
        mine.send(P.Rebuild(1, default_project(), ".", False, None))
        mine.send(P.Play())
        got = []
        while not any(isinstance(m, P.SnapshotMsg) and m.snapshot.step > 50 for m in got):
            assert mine.poll(20)
            got.append(mine.recv())
            if isinstance(got[-1], P.SnapshotMsg):
                mine.send(P.Drawn())
        mine.send(P.Pause())
        for i in range(5):
            mine.send(P.Query(i, "step_count", ()))
        answers = {}
        while len(answers) < 5:
            assert mine.poll(20)
            message = mine.recv()
            if isinstance(message, P.Result):
                answers[message.id] = message.value
        assert len(set(answers.values())) == 1  # paused: the step count no longer moves
    finally:
        mine.send(P.Quit())
        thread.join(20)
        mine.close()
    assert not thread.is_alive()


# ---- the window's side


def test_the_worker_gives_a_snapshot_without_pictures_the_last_ones(qtbot):
    from gui.worker import TrainingWorker

    worker = TrainingWorker()  # not started: no process, no thread
    got = []
    worker.snapshot.connect(lambda gen, snap: got.append((gen, snap)))
    trainer = Trainer(default_project())
    trainer.step()
    full = compact_pictures(trainer.snapshot(0, boundary=True, neuron_grid=8))
    trainer.step()
    bare = trainer.snapshot(1, boundary=True)  # the boundary without pictures
    none = trainer.snapshot(1)  # no boundary at all
    worker._on_snapshot(P.SnapshotMsg(1, full))
    worker._on_snapshot(P.SnapshotMsg(1, bare))
    worker._on_snapshot(P.SnapshotMsg(1, none))
    worker._on_snapshot(P.SnapshotMsg(2, bare))  # another run's: not given the old pictures
    (_, a), (_, b), (_, c), (_, d) = got
    assert a.boundary.activations is full.boundary.activations
    assert b.boundary.activations is full.boundary.activations  # the same objects
    assert b.boundary.values is bare.boundary.values and b.step == 2
    assert c.boundary is None
    assert d.boundary.activations == {}


def test_the_canvas_draws_pictures_once_and_keeps_them(qtbot):
    from gui.panels.network_canvas import NetworkCanvas

    canvas = NetworkCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1000, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_network([{"type": "dense", "units": 4, "activation": "tanh"}, {"type": "dense", "units": 1}], 2)
    rng = np.random.default_rng(0)
    weights = {"layers.0": rng.normal(size=(4, 2)), "layers.1": rng.normal(size=(1, 4))}

    def snap(acts):
        layers = [
            SimpleNamespace(path=p, weight=w, weight_grad=np.zeros_like(w), bias=np.zeros(w.shape[0]))
            for p, w in weights.items()
        ]
        return SimpleNamespace(layers=layers, boundary=None if acts is None else SimpleNamespace(activations=acts))

    acts = {"layers.0": rng.normal(size=(24, 24, 4)).astype(np.float32), "layers.1": np.ones((24, 24, 1))}
    canvas.update_snapshot(snap(acts))
    neurons = canvas.neurons["layers.0"]
    keys = [n.pixmap.pixmap().cacheKey() for n in neurons]
    assert all(n.pixmap.pixmap().width() > 0 for n in neurons)
    canvas.update_snapshot(snap(acts))  # the same pictures again: nothing redrawn
    assert [n.pixmap.pixmap().cacheKey() for n in neurons] == keys
    canvas.update_snapshot(snap(None))  # no output in this snapshot: the pictures stay
    assert [n.pixmap.pixmap().cacheKey() for n in neurons] == keys
    assert canvas.activations is acts
    new = {"layers.0": -acts["layers.0"], "layers.1": acts["layers.1"]}
    canvas.update_snapshot(snap(new))  # new pictures: drawn
    assert all(n.pixmap.pixmap().cacheKey() != k for n, k in zip(neurons, keys))
    image = neurons[0].pixmap.pixmap().toImage()
    assert image.width() > 0 and not image.isNull()
