"""The library API, and archive-scale runs on Dask giving the same bytes as the local pool."""
from __future__ import annotations

import json
import pickle

import pytest

from conftest import CORPUS, SAMPLE_FILES, run_cli, sample
from outline_cli.api import outline_bytes, outline_file, outline_text
from outline_cli.config import Config
from outline_cli.read import InputError


def test_api_returns_the_same_data_as_the_cli_json():
    for path in SAMPLE_FILES:
        cli = json.loads(run_cli("-f", "json", str(path)).stdout)
        assert outline_file(path) | {"file": None} == cli | {"file": None}


def test_api_options_and_config_object():
    text = sample("004").read_text("utf-8")
    by_kw = outline_text(text, script="simplified", keywords=3)
    by_config = outline_text(text, config=Config(script="simplified", keywords=3))
    assert by_kw == by_config
    assert by_kw["title"] == "在乡镇“第一书记”座谈会上的讲话"
    assert by_kw["sections"][0]["keywords"]
    with pytest.raises(TypeError):
        outline_text(text, colour="red")  # options are Config fields, nothing else


def test_api_bytes_and_errors():
    data = sample("001").read_text("utf-8").encode("utf-16")
    out = outline_bytes(data, name="x.txt")
    assert out["file"] == "x.txt" and out["meta"]["encoding"] == "utf-16"
    with pytest.raises(InputError, match="empty"):
        outline_bytes(b"")


def test_api_functions_are_picklable_and_pure():
    assert pickle.loads(pickle.dumps(outline_text)) is outline_text
    text = sample("002").read_text("utf-8")
    assert outline_text(text) == outline_text(text)  # no state carried between calls
    assert Config().but(script="hk").script == "hk" and Config().script == "keep"


def test_file_urls_through_fsspec(tmp_path):
    pytest.importorskip("fsspec")
    url = "file://" + str(sample("000"))
    assert outline_file(url)["title"] == "峡江新干两地主官为新一届乡镇领导班子授课"
    out = tmp_path / "out"
    res = run_cli("--out-dir", "file://" + str(out), "file://" + str(sample("000").parent) + "/00[01]*.txt")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [sample("000").stem + ".yaml", sample("001").stem + ".yaml"]


def _batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:12] if CORPUS.is_dir() else SAMPLE_FILES
    furniture = "本网精选栏目每日推荐阅读\n"
    for i, f in enumerate(files):
        (src / f"{i:02d}-{f.name}").write_bytes(furniture.encode() + f.read_bytes() + ("\n" + furniture).encode())
    return src


def test_dask_local_cluster_gives_the_same_outputs_as_the_process_pool(tmp_path):
    distributed = pytest.importorskip("dask.distributed")  # installed with the test extras
    src = _batch(tmp_path)
    pool = run_cli("-f", "json", "--explain", "--jobs", "2", str(src))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        dask = run_cli("-f", "json", "--explain", "--dask", cluster.scheduler_address, str(src))
    finally:
        cluster.close()
    assert pool.returncode == dask.returncode == 0, dask.stderr
    assert dask.stdout == pool.stdout
    rows = [json.loads(line) for line in dask.stdout.decode().splitlines()]
    assert all(any(r["rule"] == "batch-repeat" for r in row["removed"]) for row in rows)


def test_dask_local_option_and_missing_dask_message(tmp_path):
    res = run_cli("-f", "json", "--dask", "local", str(sample("000")), str(sample("001")))
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 2
    # without Dask installed the option explains how to get it
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "dask").mkdir()
    (blocker / "dask" / "__init__.py").write_text("raise ImportError('no dask here')\n")
    import os
    from conftest import ROOT

    res = run_cli("--dask", "local", str(sample("000")),
                  env={"PYTHONPATH": f"{blocker}{os.pathsep}{ROOT / 'src'}"})
    assert res.returncode == 2 and b"pip install 'tigang[dask]'" in res.stderr
