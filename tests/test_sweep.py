"""Sweeps: planning, the local pool and Dask give what a serial run gives, the command line,
resuming, and the run history database (versions, damage, a killed process)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from core.cli import main as cli_main
from core.project import load_project
from core.registry import ConfigError
from core.runs import SCHEMA_VERSION, RunStore, RunStoreError
from core.sweep import apply_overrides, parse_assignment, plan, run_one, run_sweep

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XOR = os.path.join(ROOT, "resources", "examples", "xor.json")


@pytest.fixture
def xor():
    return load_project(XOR)


def _same(a, b):
    assert a.key == b.key and a.status == b.status
    assert a.report == b.report
    assert a.weights.keys() == b.weights.keys()
    for k in a.weights:
        np.testing.assert_array_equal(a.weights[k], b.weights[k])
    for k in a.history:
        np.testing.assert_array_equal(a.history[k], b.history[k])


# ---- planning


def test_grid_is_every_combination_with_each_seed(xor):
    runs = plan(xor, {"optimizer.lr": [0.01, 0.1], "training.batch_size": [4, 8, 16]}, seeds=2)
    assert len(runs) == 12
    assert len({r.key for r in runs}) == 12
    assert {r.seed for r in runs} == {xor["seed"], xor["seed"] + 1}
    r = runs[0]
    assert r.project["optimizer"]["lr"] == 0.01 and r.project["training"]["batch_size"] == 4
    assert r.label == f"optimizer.lr=0.01 training.batch_size=4 seed={xor['seed']}"


def test_random_search_draws_distinct_combinations(xor):
    grid = {"optimizer.lr": [0.001, 0.01, 0.1], "training.batch_size": [4, 8, 16, 32]}
    runs = plan(xor, grid, random=5, rng_seed=3)
    assert len(runs) == 5 and len({r.overrides for r in runs}) == 5
    assert plan(xor, grid, random=5, rng_seed=3) == runs  # seeded
    assert len(plan(xor, grid, random=99)) == 12  # never more than the grid


def test_assignments_parse_numbers_lists_and_names():
    assert parse_assignment("optimizer.lr=1e-3,0.1") == ("optimizer.lr", [0.001, 0.1])
    assert parse_assignment("optimizer.name=adam,sgd") == ("optimizer.name", ["adam", "sgd"])
    assert parse_assignment("optimizer.betas=[0.9,0.99],[0.8,0.9]") == ("optimizer.betas", [[0.9, 0.99], [0.8, 0.9]])
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_assignment("optimizer.lr")


def test_bad_keys_and_values_are_named(xor):
    with pytest.raises(ConfigError, match="optimizer.lrr"):
        plan(xor, {"optimizer.lrr": [0.1]})
    with pytest.raises(ConfigError, match="optimizer.lr") as exc:
        plan(xor, {"optimizer.lr": [-1]})
    assert "-1" in str(exc.value)
    with pytest.raises(ConfigError, match="no item"):
        apply_overrides(xor, [("network.layers.9.units", 3)])
    # a parameter the optimizer takes but the project does not spell out
    assert apply_overrides(xor, [("optimizer.weight_decay", 0.01)])["optimizer"]["weight_decay"] == 0.01


def test_a_run_that_cannot_start_is_a_failed_result_not_an_exception(xor):
    run = plan(xor, {"optimizer.lr": [0.1]})[0]
    broken = type(run)(
        run.overrides, run.seed, {**run.project, "data": {"source": "csv", "path": "/nonexistent.csv", "target": "y"}}
    )
    result = run_one(broken, steps=5)
    assert result.status == "failed" and "nonexistent" in result.error


# ---- the engines give what a serial run gives


def test_pool_results_equal_serial_runs(xor):
    runs = plan(xor, {"optimizer.lr": [0.01, 0.1], "training.batch_size": [4, 16]})
    serial = {r.key: r for r in (run_one(run, steps=60) for run in runs)}
    pooled = run_sweep(runs, workers=2, steps=60)
    assert sorted(r.key for r in pooled) == sorted(serial)
    for r in pooled:
        _same(r, serial[r.key])


def test_dask_local_cluster_results_equal_serial_runs(xor):
    distributed = pytest.importorskip("distributed")
    runs = plan(xor, {"optimizer.lr": [0.01, 0.1]}, seeds=2)
    serial = {r.key: r for r in (run_one(run, steps=40) for run in runs)}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        got = run_sweep(runs, scheduler=cl.scheduler_address, steps=40)
    assert sorted(r.key for r in got) == sorted(serial)
    for r in got:
        _same(r, serial[r.key])


def test_unreachable_scheduler_is_a_clear_error(xor, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("core.sweep.CONNECT_TIMEOUT", "1s")
    runs = plan(xor, {"optimizer.lr": [0.1]})
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        run_sweep(runs, scheduler="tcp://127.0.0.1:9", steps=5)


# ---- the command line


def _sweep(tmp_path, *extra, capsys=None):
    return cli_main(
        [
            "sweep",
            XOR,
            "--grid",
            "optimizer.lr=0.01,0.1",
            "--grid",
            "training.batch_size=4,16",
            "--steps",
            "40",
            "--db",
            str(tmp_path / "runs.sqlite"),
            "--workers",
            "1",
            "--quiet",
            *extra,
        ]
    )


def test_cli_sweep_prints_json_sorted_by_validation_loss_and_records_runs(tmp_path, capsys):
    assert _sweep(tmp_path, "--json") == 0
    out = json.loads(capsys.readouterr().out)
    losses = [r["val_loss"] for r in out["runs"]]
    assert len(losses) == 4 and losses == sorted(losses)
    with RunStore(str(tmp_path / "runs.sqlite")) as store:
        recs = store.runs(sweep_id=out["sweep_id"])
        assert len(recs) == 4 and all(r.status == "finished" and r.ended for r in recs)
        assert all(os.path.exists(r.weights_path) for r in recs)
        assert len(store.history(recs[0].id)["step"]) == 40


def test_cli_sweep_resumes_what_is_missing(tmp_path, capsys):
    assert _sweep(tmp_path, "--json") == 0
    first = json.loads(capsys.readouterr().out)
    with RunStore(str(tmp_path / "runs.sqlite")) as store:  # as if killed before the last two ended
        for rec in store.runs(sweep_id=first["sweep_id"])[:2]:
            store.delete_run(rec.id)
    assert (
        cli_main(
            [
                "sweep",
                XOR,
                "--grid",
                "optimizer.lr=0.01,0.1",
                "--grid",
                "training.batch_size=4,16",
                "--steps",
                "40",
                "--db",
                str(tmp_path / "runs.sqlite"),
                "--workers",
                "1",
                "--json",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "(2 already done), 2 to train" in captured.err
    again = json.loads(captured.out)
    assert again["sweep_id"] == first["sweep_id"] and len(again["runs"]) == 4
    assert [r["val_loss"] for r in again["runs"]] == [r["val_loss"] for r in first["runs"]]


def test_cli_sweep_bad_grid_exits_2_with_one_line(tmp_path, capsys):
    assert cli_main(["sweep", XOR, "--grid", "optimizer.nope=1", "--no-db"]) == 2
    err = capsys.readouterr().err.strip()
    assert "optimizer.nope" in err and len(err.splitlines()) == 1
    assert cli_main(["sweep", XOR, "--no-db"]) == 2
    assert "--grid" in capsys.readouterr().err


# ---- the run history database


def test_new_database_has_the_current_schema_and_exports_csv(tmp_path, xor):
    path = tmp_path / "sub" / "runs.sqlite"
    with RunStore(str(path)) as store:
        assert store.schema_version == SCHEMA_VERSION
        rid = store.start_run(xor, 0, "first")
        store.finish_run(rid, "finished", {"val_loss": 0.5, "train_loss": float("nan")}, {"step": np.arange(3.0)})
        child = store.start_run(xor, 0, "branch", parent_id=rid, branch_step=2)
        assert store.run(child).parent_id == rid and store.run(child).status == "running"
        store.export_csv(str(tmp_path / "runs.csv"))
    text = (tmp_path / "runs.csv").read_text()
    assert text.splitlines()[0].startswith("id,name,seed,started")
    assert ",first," in text and ",branch," in text and "0.5" in text


@pytest.mark.parametrize("kind", ["newer", "garbage", "foreign"])
def test_a_database_it_cannot_use_is_reported_and_never_replaced(tmp_path, kind):
    path = tmp_path / "runs.sqlite"
    if kind == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    else:
        db = sqlite3.connect(path)
        if kind == "newer":
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
        db.execute("CREATE TABLE other (x)")
        db.commit()
        db.close()
    before = path.read_bytes()
    with pytest.raises(RunStoreError) as exc:
        RunStore(str(path))
    assert exc.value.code == ("newer_database" if kind == "newer" else "corrupt_database")
    assert str(path) in str(exc.value)
    assert path.read_bytes() == before


def test_database_survives_a_killed_sweep_and_the_sweep_resumes(tmp_path):
    db = tmp_path / "runs.sqlite"
    args = [
        sys.executable,
        os.path.join(ROOT, "main.py"),
        "sweep",
        XOR,
        "--grid",
        "optimizer.lr=0.001,0.002,0.003,0.004,0.005,0.006",
        "--steps",
        "4000",
        "--workers",
        "1",
        "--db",
        str(db),
        "--quiet",
    ]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:  # kill it once a run has been recorded
            if db.exists():
                try:
                    with RunStore(str(db)) as store:
                        if any(r.ended for r in store.runs()):
                            break
                except RunStoreError:
                    pass
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with RunStore(str(db)) as store:
        done = [r for r in store.runs() if r.ended]
        assert 1 <= len(done) < 6
    out = subprocess.run([*args[:-1], "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"({len(done)} already done)" in out.stderr
    assert len(json.loads(out.stdout)["runs"]) == 6


def test_the_costliest_runs_are_handed_out_first(xor):
    """Big batches and wide layers first, so no worker is left alone with a long run at the end."""
    from core.sweep import estimated_cost, longest_first

    runs = plan(xor, {"training.batch_size": [4, 64, 16], "network.layers.0.units": [2, 32]})
    ordered = longest_first(runs, steps=100)
    costs = [estimated_cost(r, steps=100) for r in ordered]
    assert costs == sorted(costs, reverse=True)
    assert dict(ordered[0].overrides) == {"training.batch_size": 64, "network.layers.0.units": 32}
    assert sorted(r.key for r in ordered) == sorted(r.key for r in runs)
    full = plan(xor, {"training.batch_size": [None, 4]})
    assert longest_first(full, epochs=3)[0].overrides == (("training.batch_size", 4),)  # more steps per epoch


def test_a_dask_like_malloc_setting_is_lifted_for_a_run_and_given_back(xor, monkeypatch):
    """The run is the same with and without it; only glibc's thresholds change, for the run."""
    import ctypes

    from core import sweep

    calls = []

    class FakeLibc:
        def mallopt(self, param, value):
            calls.append((param, value))
            return 1

    monkeypatch.setattr(ctypes, "CDLL", lambda name: FakeLibc())
    run = plan(xor, {"optimizer.lr": [0.1]})[0]
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    plain = run_one(run, steps=20)
    assert calls == []  # a process without the variable is left alone
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    lifted = run_one(run, steps=20)
    _same(plain, lifted)
    assert calls[:2] == [(sweep._M_TRIM_THRESHOLD, 1 << 30), (sweep._M_MMAP_THRESHOLD, 32 << 20)]
    assert calls[2:] == [(sweep._M_TRIM_THRESHOLD, 65536), (sweep._M_MMAP_THRESHOLD, 128 * 1024)]
