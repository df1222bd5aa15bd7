"""The command line on awkward but explicit cases (issue 7, bugs 3, 11, 20 and the
BLAS thread count): each runs ``core.cli.main`` in this process."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import resource
import stat

import numpy as np
import pytest

from core.cli import main as cli_main

SINE = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "sine", "samples": 60, "noise": 0.1, "validation_split": 0.0},
    "network": {"layers": [{"type": "dense", "units": 6, "activation": "tanh"},
                           {"type": "dense", "units": 1, "activation": "linear"}]},
    "loss": "mse",
    "optimizer": {"name": "adam", "lr": 0.01},
    "training": {"batch_size": 16, "epochs": 2},
}
XOR = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "xor", "samples": 40, "noise": 0.0, "validation_split": 0.2},
    "network": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                           {"type": "dense", "units": 1, "activation": "sigmoid"}]},
    "optimizer": {"name": "adam", "lr": 0.05},
    "training": {"batch_size": 8, "epochs": 2},
}


@contextlib.contextmanager
def bounded_memory(headroom=2 * 2**30):
    """An address-space limit: reading /dev/zero to the end fails fast instead of
    filling the machine's memory (before the fix it did)."""
    with open("/proc/self/status") as fh:
        vm = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (vm + headroom if hard == resource.RLIM_INFINITY
                                            else min(vm + headroom, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def write(tmp_path, spec, name="p.json"):
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return str(path)


def one_line_error(capsys, *expected):
    err = capsys.readouterr().err
    assert err.startswith("backprop-lab: error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, (text, err)
    return err


# ---- bug 3: validation_split 0 with a regression task
@pytest.mark.parametrize("source", ["sine", "diabetes"])
def test_regression_without_validation_trains_and_gradchecks(tmp_path, capsys, source):
    spec = copy.deepcopy(SINE)
    spec["data"] = {"source": source, "validation_split": 0}
    path = write(tmp_path, spec)
    report = tmp_path / "r.json"
    assert cli_main(["train", path, "--quiet", "--steps", "5", "--report", str(report)]) == 0, capsys.readouterr()
    data = json.loads(report.read_text())
    assert data["val_loss"] is None and data["train_loss"] is not None
    assert cli_main(["gradcheck", path, "--samples", "4"]) == 0, capsys.readouterr()


# ---- bug 20: output paths are checked before training
@pytest.fixture
def no_training(monkeypatch):
    """Fail if training starts: the output check must come first."""
    from core.trainer import Trainer

    def boom(self):
        raise AssertionError("training started before the output paths were checked")

    monkeypatch.setattr(Trainer, "step", boom)


@pytest.mark.parametrize("option", ["--save-weights", "--history", "--report"])
def test_output_that_is_a_folder_is_refused_before_training(tmp_path, capsys, no_training, option):
    path = write(tmp_path, XOR)
    (tmp_path / "out").mkdir()
    assert cli_main(["train", path, "--quiet", option, str(tmp_path / "out")]) == 2
    one_line_error(capsys, option, "out", "folder")


@pytest.mark.parametrize("option", ["--save-weights", "--history", "--report"])
def test_unwritable_output_is_refused_before_training(tmp_path, capsys, no_training, option):
    path = write(tmp_path, XOR)
    (tmp_path / "file.txt").write_text("x")
    assert cli_main(["train", path, "--quiet", option, str(tmp_path / "file.txt" / "out")]) == 2
    one_line_error(capsys, option, "file.txt")


def test_output_in_a_folder_without_write_permission(tmp_path, capsys, no_training):
    if os.geteuid() == 0:
        target = "/proc/self/report.json"  # root may write anywhere but here
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = str(locked / "report.json")
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--report", target]) == 2
    one_line_error(capsys, "--report", "report.json")


@pytest.fixture
def fifo(tmp_path):
    """A named pipe: not a regular file, like a device node, but one a test may lose
    (a test against the old code replaced /dev/null itself with a regular file)."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_non_regular_output_is_refused(tmp_path, capsys, no_training, fifo):
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--history", str(fifo)]) == 2
    one_line_error(capsys, "--history", "pipe", "not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_symlink_to_a_non_regular_file_is_refused_and_left_alone(tmp_path, capsys, no_training, fifo):
    link = tmp_path / "h.csv"
    link.symlink_to(fifo)
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--history", str(link)]) == 2
    one_line_error(capsys, "--history", "not a regular file")
    assert link.is_symlink() and os.readlink(link) == str(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_symlink_to_a_regular_file_is_written_through(tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--steps", "2", "--report", str(link)]) == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["steps"] == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_write_failure_after_training_is_one_line(tmp_path, capsys, monkeypatch):
    import core.cli

    def full_disk(path, write, mode="w"):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(core.cli, "atomic_write", full_disk)
    rc = cli_main(["train", write(tmp_path, XOR), "--quiet", "--steps", "2", "--report", str(tmp_path / "r.json")])
    assert rc == 2
    one_line_error(capsys, "--report", "No space left")


# ---- the atomic write itself (bug 20, bug 11)
def test_atomic_write_removes_its_temporary_file_on_interrupt(tmp_path):
    from core.project import atomic_write

    def interrupted(fh):
        fh.write("half")
        raise KeyboardInterrupt

    target = tmp_path / "out.csv"
    target.write_text("good")
    with pytest.raises(KeyboardInterrupt):
        atomic_write(str(target), interrupted)
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_refuses_a_device_and_a_folder(tmp_path):
    from core.project import atomic_write

    (tmp_path / "dir").mkdir()
    os.mkfifo(tmp_path / "pipe")
    for path in (tmp_path / "pipe", tmp_path / "dir"):
        with pytest.raises(OSError, match="refusing to replace"):
            atomic_write(str(path), lambda fh: fh.write("x"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "pipe"]
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_write_honours_the_umask(tmp_path, umask, expected):
    from core.project import atomic_write

    old = os.umask(umask)
    try:
        atomic_write(str(tmp_path / "new.json"), lambda fh: fh.write("{}"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.json").st_mode) == expected


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    from core.project import atomic_write

    path = tmp_path / "kept.json"
    path.write_text("old")
    path.chmod(0o640)
    atomic_write(str(path), lambda fh: fh.write("new"))
    assert path.read_text() == "new"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


# ---- bug 20: memory
@pytest.mark.parametrize("where", ["step", "evaluate"])
def test_memory_error_in_training_or_evaluation_is_one_line(tmp_path, capsys, monkeypatch, where):
    from core.trainer import Trainer

    def no_memory(self, *args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(Trainer, where, no_memory)
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--steps", "20"]) == 2
    one_line_error(capsys, "memory")


@pytest.mark.parametrize("kind", ["project", "data", "weights"])
def test_dev_zero_and_folders_are_refused_before_reading(tmp_path, capsys, kind):
    spec = copy.deepcopy(XOR)
    args = []
    if kind == "data":
        spec["data"] = {"source": "csv", "path": "/dev/zero", "target": "y"}
    elif kind == "weights":
        args = ["--init-weights", "/dev/zero"]
    project = "/dev/zero" if kind == "project" else write(tmp_path, spec)
    with bounded_memory():
        assert cli_main(["train", project, "--quiet", "--steps", "1", *args]) == 2
    one_line_error(capsys, "/dev/zero", "not a regular file")
    spec["data"] = {"source": "idx", "path": str(tmp_path), "labels": str(tmp_path)}
    assert cli_main(["train", write(tmp_path, spec), "--quiet", "--steps", "1"]) == 2
    one_line_error(capsys, "data.path", "a folder")


def test_data_file_above_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    import core.datafiles

    (tmp_path / "d.csv").write_text("a,y\n" + "1,0\n2,1\n" * 100)
    monkeypatch.setattr(core.datafiles, "MAX_DATA_BYTES", 500)
    spec = copy.deepcopy(XOR)
    spec["data"] = {"source": "csv", "path": "d.csv", "target": "y"}
    assert cli_main(["train", write(tmp_path, spec), "--quiet", "--steps", "1"]) == 2
    one_line_error(capsys, "data.path", "d.csv", "804 bytes", "limit of 500")


def test_weights_shapes_are_checked_before_decompressing(tmp_path, capsys, monkeypatch):
    """An archive of a few KB whose arrays would take 800 MB: refused from the headers."""
    import zipfile

    import core.weights

    path = tmp_path / "big.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("layers.0.weight.npy", "w", force_zip64=True) as fh:
            np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False, "shape": (10**4, 10**4)})
            chunk = bytes(2**20)
            for _ in range(40):  # a truncated body: the header alone must decide
                fh.write(chunk)
        for name, shape in (("layers.0.bias", (4,)), ("layers.1.weight", (1, 4)), ("layers.1.bias", (1,))):
            with zf.open(f"{name}.npy", "w") as fh:
                np.lib.format.write_array(fh, np.zeros(shape))
    assert path.stat().st_size < 2_000_000
    read = []
    monkeypatch.setattr(core.weights, "_read_header", _spy(core.weights._read_header, read))
    with bounded_memory():
        assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--init-weights", str(path)]) == 2
    one_line_error(capsys, "big.npz", "layers.0.weight", "(10000, 10000)", "(4, 2)")
    assert len(read) == 4  # each entry's header once, never the data
    with pytest.raises(Exception, match="more than the limit"):
        core.weights.read_weights(str(path))  # no network to compare with: the size limit


def _spy(fn, calls):
    def wrapper(*args, **kwargs):
        calls.append(args)
        return fn(*args, **kwargs)
    return wrapper


# ---- BLAS threads
def test_train_uses_one_blas_thread_for_a_small_network(tmp_path, capsys, monkeypatch):
    from threadpoolctl import threadpool_info

    from core.trainer import Trainer

    seen = []
    step = Trainer.step

    def spy(self):
        seen.append([p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"])
        return step(self)

    monkeypatch.setattr(Trainer, "step", spy)
    assert cli_main(["train", write(tmp_path, XOR), "--quiet", "--steps", "3"]) == 0
    assert seen and all(threads and set(threads) == {1} for threads in seen), seen


def test_blas_threads_rule():
    from core.cli import blas_threads
    from core.trainer import Trainer

    digits = {**copy.deepcopy(XOR), "data": {"source": "digits"},
              "network": {"layers": [{"type": "dense", "units": 128, "activation": "relu"},
                                     {"type": "dense", "units": 64, "activation": "relu"},
                                     {"type": "dense", "units": 10, "activation": "softmax"}]},
              "training": {"batch_size": 32}}
    assert blas_threads(Trainer(digits), load=0.0) == 1
    big = copy.deepcopy(digits)
    big["network"]["layers"][0]["units"] = 1024
    big["network"]["layers"][1]["units"] = 1024
    big["training"]["batch_size"] = 256
    cpus = os.cpu_count() or 1
    assert blas_threads(Trainer(big), load=0.0) == cpus  # an idle machine: every core
    assert blas_threads(Trainer(big), load=cpus - 1.0) == 1  # the other cores are busy
    assert blas_threads(Trainer(big), load=10.0 * cpus) == 1


# ---- ConfigError carries a stable code and its parts
def test_config_error_code_and_args_keep_the_message():
    import pickle

    from core.project import normalize_project
    from core.registry import ConfigError

    cases = [
        (lambda s: s["optimizer"].update(lr=-0.1), "out_of_range", "optimizer.lr",
         "optimizer.lr: must be in [0, inf], got -0.1"),
        (lambda s: s["optimizer"].update(moment=1), "unknown_key", "optimizer.moment", None),
        (lambda s: s["network"]["layers"][0].update(units="4"), "bad_type", "network.layers[0].units",
         "network.layers[0].units: must be an integer, got '4'"),
        (lambda s: s["network"]["layers"][0].update(type=["dense"]), "bad_type", "network.layers[0].type", None),
        (lambda s: s["data"].update(source="mnist"), "unknown_value", "data.source", None),
        (lambda s: s.pop("format"), "missing", "format", None),
        (lambda s: s["network"]["layers"][0].update(units=2**63), "out_of_range", "network.layers[0].units", None),
    ]
    for change, code, key, message in cases:
        spec = copy.deepcopy(XOR)
        change(spec)
        with pytest.raises(ConfigError) as info:
            normalize_project(spec)
        exc = info.value
        assert exc.code == code, (exc.code, str(exc))
        assert exc.args["key"] == key, exc.args
        assert str(exc).startswith(key)
        if message is not None:
            assert str(exc) == message
        again = pickle.loads(pickle.dumps(exc))
        assert str(again) == str(exc) and again.code == exc.code and again.args == exc.args
    plain = ConfigError("x: bad")
    assert str(plain) == "x: bad" and plain.code is None and plain.args == {}


def test_values_in_messages_are_short_and_safe():
    from core.registry import show

    assert show(10**5000).startswith("<an integer of about 5001 digits")  # repr() would raise
    assert show(-(10**300)).startswith("-<an integer")
    assert show(None) == "null" and show(True) == "true" and show("4") == "'4'" and show(-0.1) == "-0.1"
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert len(show(deep)) < 100
    assert len(show("x" * 1_000_000)) < 100
    assert len(show(list(range(10**5)))) < 100
