"""Shared fixtures: a fresh migrated DuckDB per test, the demo data, actors of each role."""

from __future__ import annotations

import os

import pytest

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


@pytest.fixture
def demo_con(con):
    """A fresh database holding the demo instansi."""
    demo.seed_demo(con)
    return con


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
def db_file(tmp_path, monkeypatch):
    """Every test gets a database file of its own, named by LKJ_DB: no test touches data/."""
    path = tmp_path / "lkj.duckdb"
    monkeypatch.setenv("LKJ_DB", str(path))
    return path
