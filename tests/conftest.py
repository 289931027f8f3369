"""Shared fixtures: a fresh migrated DuckDB per test, the demo data, actors of each role."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so `make test` (and CI) is repeatable;
# LKJ_HYPOTHESIS_ACAK=1 explores new random examples (run it now and then: it found the
# no-break-space case of lkj_app.ui.esc).
settings.register_profile("tetap", derandomize=True)
settings.register_profile("acak", derandomize=False)
settings.load_profile("acak" if os.environ.get("LKJ_HYPOTHESIS_ACAK") == "1" else "tetap")

# Cheap bcrypt in tests: hashing cost is not what they check.
os.environ.setdefault("LKJ_BCRYPT_ROUNDS", "4")
os.environ.setdefault("LKJ_COOKIE_KEY", "k" * 64)

from lkj_core import demo  # noqa: E402
from lkj_core.db import buka  # noqa: E402
from lkj_core.peran import Pelaku  # noqa: E402


@pytest.fixture
def con():
    """A fresh in-memory database with every migration applied."""
    c = buka(None)
    yield c
    c.close()


@pytest.fixture(scope="session")
def _templat_demo(tmp_path_factory):
    """The demo database built once per session; tests get copies (seeding takes ~1 s)."""
    path = tmp_path_factory.mktemp("templat") / "demo.duckdb"
    c = buka(path)
    # Without the second OPD: most tests (and the admin's backup) expect one instansi; the
    # reviu tests add their own second instansi, test_demo checks the shipped demo.
    demo.seed_demo(c, opd=False)
    c.close()
    return path


def salinan_demo(templat: Path, tmp_path_factory, nama: str) -> Path:
    """A copy of the session's demo database, in a new temporary folder named after `nama`
    (outside tmp_path: some tests use tmp_path as an evidence folder and list its files)."""
    path = tmp_path_factory.mktemp(nama) / "lkj.duckdb"
    shutil.copyfile(templat, path)
    # The demo's evidence files live beside its database, as the app keeps them.
    if (templat.parent / "bukti").is_dir():
        shutil.copytree(templat.parent / "bukti", path.parent / "bukti")
    return path


@pytest.fixture
def demo_con(_templat_demo, tmp_path_factory):
    """A fresh database holding the demo instansi (a copy of the session's template)."""
    path = salinan_demo(_templat_demo, tmp_path_factory, "demo")
    c = buka(path)
    yield c
    c.close()
    _buang(path.parent)


def _buang(folder: Path) -> None:
    """Remove a test's database folder once the test is done. Every test gets a 16 MB copy
    of the demo database: kept, they filled the CI machine's disk (23 GB a run, 3 runs kept)."""
    shutil.rmtree(folder, ignore_errors=True)


def pelaku(con, username: str) -> Pelaku:
    """The actor for a demo username."""
    row = con.execute("SELECT username, peran, instansi_id, unit_id FROM pengguna"
                      " WHERE username = ?", [username]).fetchone()
    return Pelaku(*row)


@pytest.fixture
def admin(demo_con):
    return pelaku(demo_con, "admin")


@pytest.fixture
def kasubag(demo_con):
    return pelaku(demo_con, "kasubag")


@pytest.fixture(autouse=True)
def db_file(tmp_path_factory, monkeypatch, _templat_demo):
    """Every test gets a database file of its own, named by LKJ_DB (no test touches data/),
    holding the demo data as the app would have seeded it on first start."""
    path = salinan_demo(_templat_demo, tmp_path_factory, "db")
    monkeypatch.setenv("LKJ_DB", str(path))
    yield path
    # Pages run by AppTest keep their connection in Streamlit's resource cache: clearing it
    # closes them (state._koneksi's on_release), so the file's space is given back.
    state = sys.modules.get("lkj_app.state")
    if state is not None:
        state._koneksi.clear()
    _buang(path.parent)
