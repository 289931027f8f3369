"""The command line: Indonesian help, init-db, seed-demo, create-admin; all documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from lkj_core import __main__ as cli
from lkj_core.db import buka

ROOT = Path(__file__).resolve().parent.parent


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lkj_core", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def _perintah() -> list[str]:
    sub = next(a for a in cli.parser()._actions if a.dest == "perintah")
    return list(sub.choices)


def test_bantuan_berbahasa_indonesia():
    r = _run("--help")
    assert r.returncode == 0
    assert "Perintah pengelolaan LKj" in r.stdout
    for nama in ("init-db", "seed-demo", "create-admin"):
        assert nama in r.stdout


def test_init_seed_create_admin(tmp_path):
    db = tmp_path / "cli.duckdb"
    assert _run("--db", str(db), "init-db").returncode == 0
    r = _run("--db", str(db), "seed-demo")
    assert r.returncode == 0, r.stderr
    r = _run("--db", str(db), "seed-demo")
    assert r.returncode == 1 and "tidak dimuat ulang" in r.stderr
    r = _run("--db", str(db), "create-admin", "--username", "Admin2", "--nama", "Admin Kedua",
             env={"LKJ_ADMIN_SANDI": "sandi-admin-2"})
    assert r.returncode == 0, r.stderr
    r = _run("--db", str(db), "create-admin", "--username", "x", "--nama", "X",
             env={"LKJ_ADMIN_SANDI": "pendek"})
    assert r.returncode == 1 and "Gagal:" in r.stderr and "Traceback" not in r.stderr
    con = buka(db)
    assert con.execute("SELECT peran FROM pengguna WHERE username = 'admin2'").fetchone() == \
        ("admin",)
    con.close()


def test_init_db_seed_demo_if_empty_sekali_saja(tmp_path):
    db = tmp_path / "x.duckdb"
    assert "data demo dimuat" in _run("--db", str(db), "init-db", "--seed-demo-if-empty").stdout
    r = _run("--db", str(db), "init-db", "--seed-demo-if-empty")
    assert r.returncode == 0 and "data demo dimuat" not in r.stdout


def test_create_admin_pada_basis_data_kosong(tmp_path):
    db = tmp_path / "kosong.duckdb"
    r = _run("--db", str(db), "create-admin", "--username", "root1", "--nama", "Root",
             env={"LKJ_ADMIN_SANDI": "sandi-root-1"})
    assert r.returncode == 1 and "--instansi" in r.stderr
    r = _run("--db", str(db), "create-admin", "--username", "root1", "--nama", "Root",
             "--instansi", "Dinas Kominfo", "--pemda", "Pemerintah Kabupaten Contoh",
             env={"LKJ_ADMIN_SANDI": "sandi-root-1"})
    assert r.returncode == 0, r.stderr


def test_readme_mendokumentasikan_perintah_dan_akun_demo():
    readme = (ROOT / "README.md").read_text()
    for nama in _perintah():
        assert f"python -m lkj_core {nama}" in readme, nama
    from lkj_core.demo import PENGGUNA, sandi_demo
    for username, _, peran, _ in PENGGUNA:
        assert re.search(rf"\|\s*`{username}`\s*\|\s*`{re.escape(sandi_demo(username))}`\s*\|",
                         readme), username
    assert readme.index("make run") < readme.index("make test") < 1500


def test_lkj_core_tidak_mengimpor_streamlit():
    for f in (ROOT / "lkj_core").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", f.read_text(), re.M), f
