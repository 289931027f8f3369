"""The one shared DuckDB connection; every use takes its own cursor (DuckDB refuses one
connection used by two threads at once)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from lkj_core import config, demo
from lkj_core.db import Con, DatabaseTerkunci


def _tutup(con: Con) -> None:
    con.close()


# on_release closes a connection whose cache entry is cleared, so its file is let go (the
# test suite clears the cache after every test; the running app never does).
@st.cache_resource(show_spinner="Menyiapkan basis data…", on_release=_tutup)
def _koneksi(path: str) -> Con:
    # Keyed by path so tests (and a changed LKJ_DB) get their own connection.
    return demo.siapkan_basis_data(path, muat_demo=os.environ.get("LKJ_TANPA_DEMO") != "1")


@contextmanager
def db() -> Iterator[Con]:
    """A cursor on the shared connection, closed after use."""
    try:
        con = _koneksi(str(config.db_path()))
    except DatabaseTerkunci as exc:
        st.error(str(exc))
        st.stop()
    with con.cursor() as cur:
        yield cur
