"""Login security (issue 7): bcrypt hashes only and no plaintext anywhere in the database;
lockout after exactly 5 failures (lkj_core and the real login form); the cookie key never in
git; produksi mode (LKJ_MODE=produksi) refuses to start while demo passwords or demo data
remain, with a clear message, and the `reset-sandi` command that fixes it. The replayed-cookie
checks after a password change, reset or deactivation run in a real browser:
tests/test_browser_sesi.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
import types
from pathlib import Path

import pytest

from apptest_util import app, login_form, teks
from conftest import pelaku
from lkj_app import auth
from lkj_app.state import _koneksi
from lkj_core import __main__ as cli
from lkj_core import config, demo, kesiapan, pengguna
from lkj_core.db import buka
from lkj_core.organisasi import DataTidakValid

ROOT = Path(__file__).resolve().parent.parent
DEMO = [u for u, *_ in demo.PENGGUNA]
POLA_BCRYPT = re.compile(r"^\$2b\$(\d\d)\$[./A-Za-z0-9]{53}$")
JUDUL_TOLAK = "LKj belum dapat dijalankan dalam mode produksi"
LOGIN = ["Nama pengguna", "Kata sandi"]


def _uid(con, username):
    return con.execute("SELECT id FROM pengguna WHERE username = ?", [username]).fetchone()[0]


def _byte_db(path: Path) -> bytes:
    """The database as stored on disk: the file and its write-ahead log, if any."""
    isi = path.read_bytes()
    wal = Path(f"{path}.wal")
    return isi + (wal.read_bytes() if wal.exists() else b"")


def _teks_tersimpan(con) -> str:
    """Every VARCHAR value of every table, joined (what SQL can read back, compression aside)."""
    kolom = con.execute("SELECT table_name, column_name FROM information_schema.columns"
                        " WHERE data_type = 'VARCHAR' AND table_schema = 'main'").fetchall()
    bagian = []
    for tabel, k in kolom:
        bagian += [r[0] for r in con.execute(
            f'SELECT "{k}" FROM "{tabel}" WHERE "{k}" IS NOT NULL').fetchall()]
    return "\n".join(bagian)


# ------------------------------------------------------------------ (a) bcrypt, no plaintext

def test_setiap_sandi_tersimpan_sebagai_hash_bcrypt_dengan_biaya_terpasang(demo_con, admin,
                                                                            monkeypatch):
    hashes = dict(demo_con.execute("SELECT username, password_hash FROM pengguna").fetchall())
    assert set(DEMO) <= set(hashes)
    for username, h in hashes.items():
        m = POLA_BCRYPT.match(h)
        assert m, (username, h[:7])
        assert int(m.group(1)) == config.bcrypt_rounds() == 4   # conftest's test cost
        assert pengguna.cocok_sandi(demo.sandi_demo(username), h)
    # The cost follows LKJ_BCRYPT_ROUNDS for every way a password is set.
    monkeypatch.setenv("LKJ_BCRYPT_ROUNDS", "5")
    pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, "baru5", "Baru", "staf",
                           "sandi-baru-55")
    pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "staf"), "sandi-baru-66")
    pengguna.ganti_sandi_sendiri(demo_con, "irban1", "irban1-demo", "sandi-baru-77")
    for username in ("baru5", "staf", "irban1"):
        h = pengguna.pengguna(demo_con, username)["password_hash"]
        assert POLA_BCRYPT.match(h).group(1) == "05", username
    monkeypatch.setenv("LKJ_BCRYPT_ROUNDS", "2")   # never below bcrypt's minimum of 4
    assert config.bcrypt_rounds() == 4


def test_sandi_polos_tidak_pernah_tersimpan_di_berkas_maupun_audit(db_file):
    baru = {"staf": "Sandi-Staf-Baru-8841", "irban2": "Sandi-Irban2-Reset-5527",
            "budi.s": "Sandi-Budi-Awal-3319"}
    salah = "Tebakan-Salah-Sekali-6604"
    con = buka(db_file)
    admin = pelaku(con, "admin")
    pengguna.buat_pengguna(con, admin, admin.instansi_id, "budi.s", "Kanari Budi 7391", "staf",
                           baru["budi.s"])
    pengguna.ganti_sandi_sendiri(con, "staf", "staf-demo", baru["staf"])
    pengguna.reset_sandi(con, admin, _uid(con, "irban2"), baru["irban2"])
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM pengguna").fetchall()]
    tersimpan = _teks_tersimpan(con)
    con.close()
    # A wrong password typed into the real login form is not recorded either (it may be the
    # user's password elsewhere).
    at = app()
    login_form(at, "kasubag", salah)
    assert "Nama pengguna atau kata sandi salah." in teks(at)
    with _koneksi(str(db_file)).cursor() as cur:
        tersimpan += _teks_tersimpan(cur)
        audit = "\n".join(str(r) for r in cur.execute("SELECT * FROM audit_log").fetchall())
        assert cur.execute("SELECT count(*) FROM audit_log WHERE kunci = 'kasubag' AND"
                           " aksi = 'login_gagal'").fetchone()[0] == 1
    isi = _byte_db(db_file)
    # Controls: text written the same way is found by both scans, hashes included.
    assert b"Kanari Budi 7391" in isi and "Kanari Budi 7391" in tersimpan
    assert all(h in tersimpan for h in hashes)
    polos = [demo.sandi_demo(u) for u in DEMO] + list(baru.values()) + [salah]
    for sandi in polos:
        assert sandi.encode() not in isi, sandi
        assert sandi not in tersimpan, sandi
        assert sandi not in audit, sandi
    assert "$2b$" not in audit   # nor the hashes


# --------------------------------------------------------------------------- (b) lockout

def test_kunci_tepat_setelah_lima_gagal_sampai_waktunya_habis(demo_con):
    t0 = 1_800_000_000.0
    benar = "kasubag-demo"

    def bisa_masuk(saat):
        kred = pengguna.kredensial(demo_con, saat)["usernames"]["kasubag"]
        return pengguna.cocok_sandi(benar, kred["password"])

    for i in range(1, 5):
        assert pengguna.catat_login_gagal(demo_con, "kasubag", t0 + i) is None
        assert pengguna.terkunci_sampai(demo_con, "kasubag", t0 + i) is None
        assert bisa_masuk(t0 + i), f"locked after only {i} failures"
    kunci = pengguna.catat_login_gagal(demo_con, "kasubag", t0 + 5)
    assert kunci == t0 + 5 + pengguna.LAMA_KUNCI_DETIK == t0 + 5 + 15 * 60
    # The 6th try, with the right password, is refused; further failures do not extend it.
    assert not bisa_masuk(t0 + 6)
    assert pengguna.catat_login_gagal(demo_con, "kasubag", t0 + 7) == kunci
    assert not bisa_masuk(kunci - 0.5)
    assert pengguna.terkunci_sampai(demo_con, "kasubag", kunci - 0.5) == kunci
    assert bisa_masuk(kunci + 0.5)
    assert pengguna.terkunci_sampai(demo_con, "kasubag", kunci + 0.5) is None
    # After the lock the count starts again from zero; a success resets it as well.
    for i in range(4):
        assert pengguna.catat_login_gagal(demo_con, "kasubag", kunci + 1 + i) is None
    pengguna.catat_login_berhasil(demo_con, "kasubag")
    assert pengguna.pengguna(demo_con, "kasubag")["gagal_login"] == 0
    for i in range(4):
        assert pengguna.catat_login_gagal(demo_con, "kasubag", kunci + 10 + i) is None
    assert pengguna.catat_login_gagal(demo_con, "kasubag", kunci + 20) == kunci + 20 + 900
    aksi = [r[0] for r in demo_con.execute(
        "SELECT aksi FROM audit_log WHERE kunci = 'kasubag' AND aksi IN"
        " ('login_gagal', 'akun_terkunci', 'login') ORDER BY id").fetchall()]
    assert aksi == (["login_gagal"] * 4 + ["akun_terkunci"] + ["login_gagal"] * 4 + ["login"]
                    + ["login_gagal"] * 4 + ["akun_terkunci"])


def _status_db(path, username):
    with _koneksi(str(path)).cursor() as cur:
        return cur.execute("SELECT gagal_login, terkunci_sampai FROM pengguna WHERE username = ?",
                           [username]).fetchone()


def test_form_login_mengunci_pada_gagal_kelima_lalu_terbuka_setelah_15_menit(db_file,
                                                                            monkeypatch):
    at = app()
    for i in range(1, 5):
        login_form(at, "sekretaris", f"bukan-sandinya-{i}")
        assert "Nama pengguna atau kata sandi salah." in teks(at)
        assert "Akun dikunci" not in teks(at)
        assert _status_db(db_file, "sekretaris") == (i, None)
    login_form(at, "sekretaris", "bukan-sandinya-5")
    assert "Akun dikunci sementara karena 5 kali gagal masuk" in teks(at)
    gagal, kunci = _status_db(db_file, "sekretaris")
    assert kunci is not None and kunci > time.time() + 14 * 60
    login_form(at, "sekretaris", "sekretaris-demo")          # 6th try, right password
    assert at.session_state["authentication_status"] is not True
    assert "Akun dikunci sementara" in teks(at)
    assert [t.label for t in at.text_input] == LOGIN
    assert _status_db(db_file, "sekretaris")[1] == kunci     # not extended

    # 15 minutes later (time injected into lkj_core.pengguna only): the lock has expired.
    asli = time.time
    monkeypatch.setattr(pengguna, "time", types.SimpleNamespace(
        time=lambda: asli() + pengguna.LAMA_KUNCI_DETIK + 1))
    login_form(at, "sekretaris", "sekretaris-demo")
    assert at.session_state["authentication_status"] is True
    assert "Selamat datang" in teks(at)
    assert _status_db(db_file, "sekretaris") == (0, None)


def test_form_login_berhasil_mereset_hitungan_gagal(db_file):
    at = app()
    for i in range(4):
        login_form(at, "inspektur", f"salah-{i}-sandinya")
    assert _status_db(db_file, "inspektur") == (4, None)
    login_form(at, "inspektur", "inspektur-demo")            # 5th try right: not locked
    assert at.session_state["authentication_status"] is True
    assert _status_db(db_file, "inspektur") == (0, None)
    lagi = app()
    for i in range(4):
        login_form(lagi, "inspektur", f"salah-lagi-{i}")
    assert _status_db(db_file, "inspektur") == (4, None)     # counted from zero again
    assert "Akun dikunci" not in teks(lagi)


# -------------------------------------------------------------------- (d) cookie key in git

def _git(*args) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


RAHASIA = [".streamlit/secrets.toml", "data/.cookie_key", "data/lkj.duckdb",
           "data/lkj.duckdb.wal", "data/bukti/ab/abcdef", "lkj.duckdb", "tmp/x.duckdb",
           "tmp/.cookie_key"]


def test_tidak_ada_rahasia_atau_basis_data_di_git():
    for daftar in (_git("ls-files").splitlines(),
                   # every path any commit ever held, on every branch
                   _git("log", "--all", "--name-only", "--pretty=format:").splitlines()):
        for p in daftar:
            nama = p.rsplit("/", 1)[-1]
            assert nama != "secrets.toml", p
            assert nama != ".cookie_key", p
            assert not re.search(r"\.duckdb(\.wal)?$", p), p
    assert ".streamlit/secrets.toml.example" in _git("ls-files").splitlines()


@pytest.mark.parametrize("path", RAHASIA)
def test_gitignore_menutup_rahasia(path):
    # --no-index: judged by .gitignore alone, even for a path that happens to be tracked.
    r = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT)
    assert r.returncode == 0, f"{path} is not ignored by .gitignore"


def test_gitignore_tidak_menutup_kode():
    for path in ("app.py", "lkj_core/config.py", ".streamlit/secrets.toml.example",
                 "data/.gitkeep"):
        r = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT)
        assert r.returncode == 1, path


_PENUGASAN_KUNCI = re.compile(
    r"""(?i)(?:cookie[_-]?key|LKJ_COOKIE_KEY)["']?\s*(?:=|:|,)\s*["']?([^"'\s)]+)""")


def _berkas_teks_terlacak() -> dict[str, str]:
    hasil = {}
    for p in _git("ls-files").splitlines():
        try:
            hasil[p] = (ROOT / p).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue   # fonts and other binaries
    return hasil


def test_tidak_ada_kunci_cookie_literal_di_berkas_terlacak(monkeypatch):
    monkeypatch.delenv("LKJ_COOKIE_KEY")   # conftest's key would win over the one passed in
    berkas = _berkas_teks_terlacak()
    literal = [(p, m.group(1)) for p, isi in berkas.items()
               for m in _PENUGASAN_KUNCI.finditer(isi) if len(m.group(1)) >= 32]
    # The pattern does find the example's placeholder (so it would find a real key) ...
    assert any(p == ".streamlit/secrets.toml.example" for p, _ in literal), literal
    for p, nilai in literal:
        # ... and every such literal is one the app refuses to sign cookies with.
        with pytest.raises(ValueError, match="teks contoh"):
            config.cookie_key(nilai)
        with monkeypatch.context() as m:
            m.setenv("LKJ_COOKIE_KEY", nilai)
            with pytest.raises(ValueError, match="teks contoh"):
                config.cookie_key()
    contoh = tomllib.loads(berkas[".streamlit/secrets.toml.example"])["auth"]["cookie_key"]
    with pytest.raises(ValueError, match="teks contoh"):
        config.cookie_key(contoh)
    # No hex run as long as token_hex(16) or more anywhere (the documented way to make a key).
    for p, isi in berkas.items():
        assert not re.search(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])", isi), p
    # A key this machine actually uses is in no tracked file.
    for sumber in (ROOT / "data" / ".cookie_key", ROOT / ".streamlit" / "secrets.toml"):
        if sumber.exists():
            isi_sumber = sumber.read_text()
            kunci = (tomllib.loads(isi_sumber).get("auth", {}).get("cookie_key")
                     if sumber.suffix == ".toml" else isi_sumber.strip())
            if kunci:
                assert not any(kunci in isi for isi in berkas.values()), sumber


# ------------------------------------------------------------------------- (e) produksi mode

def test_mode_dari_lingkungan(monkeypatch):
    monkeypatch.delenv("LKJ_MODE", raising=False)
    monkeypatch.delenv("LKJ_TANPA_DEMO", raising=False)
    assert config.mode() == "demo" and not config.mode_produksi() and not config.tanpa_demo()
    monkeypatch.setenv("LKJ_TANPA_DEMO", "1")
    assert config.tanpa_demo() and not config.mode_produksi()
    monkeypatch.delenv("LKJ_TANPA_DEMO")
    monkeypatch.setenv("LKJ_MODE", " Produksi ")
    assert config.mode_produksi() and config.tanpa_demo()   # produksi implies no demo
    monkeypatch.setenv("LKJ_MODE", "production")
    with pytest.raises(ValueError, match="LKJ_MODE tidak dikenal: 'production'"):
        config.mode()


def test_kesiapan_memeriksa_sandi_setiap_akun_aktif_dan_data_demo(demo_con, admin,
                                                                   monkeypatch):
    masalah = kesiapan.masalah_produksi(demo_con, "/srv/lkj data/lkj.duckdb")
    assert [m.jenis for m in masalah] == ["sandi_demo", "data_demo"]
    assert masalah[0].rincian == tuple(sorted(DEMO))
    assert ("python -m lkj_core --db '/srv/lkj data/lkj.duckdb' reset-sandi --username staf"
            in masalah[0].perbaikan)
    assert masalah[1].rincian == ("Inspektorat Daerah Kabupaten Wonosobo",)
    # A non-demo account that happens to use "<username>-demo" is caught too (bcrypt check per
    # account), a deactivated one and a changed one are not.
    pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, "budi", "Budi", "staf",
                           "budi-demo")
    pengguna.atur_aktif(demo_con, admin, _uid(demo_con, "irban4"), False)
    pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "irban3"), "sandi-rahasia-33")
    assert kesiapan.akun_sandi_demo(demo_con) == sorted(set(DEMO) - {"irban3", "irban4"}
                                                        | {"budi"})
    for u in kesiapan.akun_sandi_demo(demo_con):
        pengguna.reset_sandi(demo_con, admin, _uid(demo_con, u), f"rahasia-{u}-2025")
    assert [m.jenis for m in kesiapan.masalah_produksi(demo_con)] == ["data_demo"]
    demo_con.execute("UPDATE instansi SET demo = FALSE")
    assert kesiapan.masalah_produksi(demo_con) == []
    teks_cli = "\n".join(kesiapan.teks_masalah(masalah))
    assert "Akun aktif yang masih memakai kata sandi demo: admin, auditor1, auditor2, inspektur" \
        in teks_cli


def test_produksi_menolak_sandi_demo_baru(demo_con, admin, monkeypatch):
    monkeypatch.setenv("LKJ_MODE", "produksi")
    pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "irban1"), "sandi-lama-11")
    for aksi in (
        lambda: pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, "budi", "Budi",
                                       "staf", "budi-demo"),
        lambda: pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "staf"), "staf-demo"),
        lambda: pengguna.ganti_sandi_sendiri(demo_con, "irban1", "sandi-lama-11", "irban1-demo"),
    ):
        with pytest.raises(DataTidakValid, match="tidak boleh dipakai dalam mode produksi") as e:
            aksi()
        assert e.value.kolom == "sandi"
    assert pengguna.pengguna(demo_con, "budi") is None
    assert pengguna.cocok_sandi("sandi-lama-11", pengguna.pengguna(demo_con, "irban1")
                                ["password_hash"])
    # Another account's demo password is an ordinary (if weak) password.
    pengguna.ganti_sandi_sendiri(demo_con, "irban1", "sandi-lama-11", "irban2-demo")
    monkeypatch.setenv("LKJ_MODE", "demo")      # the same password is fine for a demo install
    pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "staf"), "staf-demo")


def test_produksi_tidak_pernah_memuat_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("LKJ_MODE", "produksi")
    con = demo.siapkan_basis_data(tmp_path / "baru.duckdb")
    assert con.execute("SELECT count(*) FROM instansi").fetchone()[0] == 0
    with pytest.raises(RuntimeError, match="Mode produksi"):
        demo.seed_demo(con)
    assert con.execute("SELECT count(*) FROM pengguna").fetchone()[0] == 0
    con.close()


def _ditolak(at, *akun):
    """The produksi refusal page: title, the accounts named, how to fix, no login form."""
    assert not at.exception, at.exception
    isi = teks(at)
    assert [t.value for t in at.title] == [JUDUL_TOLAK]
    assert "LKJ_MODE=produksi" in isi and "Hentikan aplikasi ini dahulu" in isi
    assert "dijalankan ulang" in isi
    for u in akun:
        assert f"`{u}`" in isi
    kode = "\n".join(c.value for c in at.code)
    for u in akun:
        assert f"reset-sandi --username {u}\n" in kode + "\n"
    assert not at.text_input, "no login form"
    assert "Selamat datang" not in isi and not at.dataframe and not at.metric
    assert not [b for b in at.button if b.label == "Keluar"]


def test_produksi_dengan_data_demo_menolak_berjalan_dan_menjelaskan(db_file, monkeypatch):
    monkeypatch.setenv("LKJ_MODE", "produksi")
    at = app()
    _ditolak(at, *DEMO)
    assert "Basis data berisi data demo" in teks(at)
    assert "Inspektorat Daerah Kabupaten Wonosobo" in teks(at)
    assert str(db_file) in teks(at)
    # A page run on its own (as Streamlit may do without app.py), even for a session that
    # claims to be logged in, is refused the same way.
    at.switch_page("pages/pengguna.py").run()
    _ditolak(at, *DEMO)
    masuk = app("admin", "dasbor")
    _ditolak(masuk, *DEMO)
    # Control: the same database in demo mode shows the login form.
    monkeypatch.setenv("LKJ_MODE", "demo")
    assert [t.label for t in app().text_input] == LOGIN


def test_produksi_terbuka_setelah_sandi_diganti_dan_data_demo_dibersihkan(db_file,
                                                                          monkeypatch):
    monkeypatch.setenv("LKJ_MODE", "produksi")
    _ditolak(app(), *DEMO)
    with _koneksi(str(db_file)).cursor() as cur:
        admin = pelaku(cur, "admin")
        for u in DEMO:
            pengguna.reset_sandi(cur, admin, _uid(cur, u), f"rahasia-{u}-2025")
        # No app function turns demo data into real data; a database holding only real data
        # is simulated here by clearing the flag.
        cur.execute("UPDATE instansi SET demo = FALSE")
    # The check ran once for this process (the message says a restart is needed) ...
    _ditolak(app(), *DEMO)
    auth._masalah_produksi.clear()   # ... as a restart does
    at = app()
    assert not at.exception
    assert [t.label for t in at.text_input] == LOGIN
    login_form(at, "admin", "admin-demo")
    assert at.session_state["authentication_status"] is not True
    login_form(at, "admin", "rahasia-admin-2025")
    assert at.session_state["authentication_status"] is True and "Selamat datang" in teks(at)


def test_produksi_sebagian_akun_masih_sandi_demo(db_file, monkeypatch):
    with _koneksi(str(db_file)).cursor() as cur:
        admin = pelaku(cur, "admin")
        for u in DEMO:
            if u not in ("kasubag", "irban2"):
                pengguna.reset_sandi(cur, admin, _uid(cur, u), f"rahasia-{u}-2025")
        cur.execute("UPDATE instansi SET demo = FALSE")
    monkeypatch.setenv("LKJ_MODE", "produksi")
    at = app()
    _ditolak(at, "irban2", "kasubag")
    assert "`admin`" not in teks(at) and "Basis data berisi data demo" not in teks(at)


def test_mode_tidak_dikenal_ditolak(monkeypatch):
    monkeypatch.setenv("LKJ_MODE", "prod")
    at = app()
    assert not at.exception
    assert "LKJ_MODE tidak dikenal: 'prod'" in teks(at)
    assert not at.text_input


# ----------------------------------------------------------------------- CLI in produksi

def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lkj_core", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, **(env or {})},
                          stdin=subprocess.DEVNULL)


def test_produksi_dari_nol_dengan_perintah_lalu_login(tmp_path, monkeypatch):
    db = tmp_path / "produksi.duckdb"
    env = {"LKJ_MODE": "produksi"}
    r = _run("--db", str(db), "init-db", "--seed-demo-if-empty", env=env)
    assert r.returncode == 0, r.stderr
    assert "data demo tidak dimuat" in r.stdout and "Peringatan" not in r.stderr
    r = _run("--db", str(db), "seed-demo", env=env)
    assert r.returncode == 1 and "Mode produksi (LKJ_MODE=produksi)" in r.stderr
    assert "Traceback" not in r.stderr
    r = _run("--db", str(db), "create-admin", "--username", "admin", "--nama", "Admin Resmi",
             "--instansi", "Inspektorat Daerah Kabupaten Wonosobo", "--pemda",
             "Pemerintah Kabupaten Wonosobo", env={**env, "LKJ_ADMIN_SANDI": "admin-demo"})
    assert r.returncode == 1 and "mode produksi" in r.stderr   # no demo password either
    r = _run("--db", str(db), "create-admin", "--username", "admin", "--nama", "Admin Resmi",
             "--instansi", "Inspektorat Daerah Kabupaten Wonosobo", "--pemda",
             "Pemerintah Kabupaten Wonosobo", env={**env, "LKJ_ADMIN_SANDI": "admin-resmi-1"})
    assert r.returncode == 0, r.stderr
    monkeypatch.setenv("LKJ_DB", str(db))
    monkeypatch.setenv("LKJ_MODE", "produksi")
    at = app()
    assert [t.label for t in at.text_input] == LOGIN
    login_form(at, "admin", "admin-resmi-1")
    assert at.session_state["authentication_status"] is True
    assert "DATA DEMO" not in teks(at)


def test_init_db_tanpa_demo_tidak_memuat_demo(tmp_path):
    # `make run` always calls init-db --seed-demo-if-empty: LKJ_TANPA_DEMO=1 must win there.
    db = tmp_path / "kosong.duckdb"
    r = _run("--db", str(db), "init-db", "--seed-demo-if-empty", env={"LKJ_TANPA_DEMO": "1"})
    assert r.returncode == 0 and "LKJ_TANPA_DEMO=1: data demo tidak dimuat" in r.stdout
    con = buka(db)
    assert con.execute("SELECT count(*) FROM instansi").fetchone()[0] == 0
    con.close()


def test_init_db_produksi_memperingatkan_basis_data_demo(db_file):
    r = _run("--db", str(db_file), "init-db", "--seed-demo-if-empty",
             env={"LKJ_MODE": "produksi"})
    assert r.returncode == 0, r.stderr
    assert "Peringatan: aplikasi tidak akan mau berjalan dalam mode produksi" in r.stderr
    assert f"python -m lkj_core --db {db_file} reset-sandi --username admin" in r.stderr
    r = _run("--db", str(db_file), "seed-demo", env={"LKJ_MODE": "produksi"})
    assert r.returncode == 1 and "data demo tidak dimuat" in r.stderr


def test_reset_sandi_lewat_perintah(db_file):
    con = buka(db_file)
    for _ in range(pengguna.MAKS_GAGAL_LOGIN):
        pengguna.catat_login_gagal(con, "irban1")
    assert pengguna.terkunci_sampai(con, "irban1") is not None
    sebelum = pengguna.pengguna(con, "irban1")
    masuk_lama = time.time()
    assert pengguna.sesi_berlaku(con, "irban1", masuk_lama) is not None
    con.close()

    r = _run("--db", str(db_file), "reset-sandi", "--username", "IRBAN1",
             env={"LKJ_SANDI_BARU": "Sandi-Resmi-Irban1", "LKJ_MODE": "produksi"})
    assert r.returncode == 0, r.stderr
    assert "Kata sandi 'irban1' diganti" in r.stdout
    con = buka(db_file)
    row = pengguna.pengguna(con, "irban1")
    assert POLA_BCRYPT.match(row["password_hash"]) and row["password_hash"] != \
        sebelum["password_hash"]
    assert pengguna.cocok_sandi("Sandi-Resmi-Irban1", row["password_hash"])
    assert not pengguna.cocok_sandi("irban1-demo", row["password_hash"])
    assert row["terkunci_sampai"] is None and row["gagal_login"] == 0
    assert pengguna.sesi_berlaku(con, "irban1", masuk_lama) is None   # old cookies void
    assert "irban1" not in kesiapan.akun_sandi_demo(con)
    jejak = con.execute("SELECT pelaku, aksi, lama, baru FROM audit_log WHERE kunci = 'irban1'"
                        " ORDER BY id DESC LIMIT 1").fetchone()
    assert jejak == ("sistem:cli", "reset_sandi", None, None)
    con.close()

    for args, env, pesan in [
        (["--username", "irban2"], {"LKJ_SANDI_BARU": "pendek"}, "minimal 8 karakter"),
        (["--username", "irban2"], {"LKJ_SANDI_BARU": "irban2-demo", "LKJ_MODE": "produksi"},
         "tidak boleh dipakai dalam mode produksi"),
        (["--username", "tidak-ada"], {"LKJ_SANDI_BARU": "cukup-panjang-1"},
         "Pengguna 'tidak-ada' tidak ditemukan"),
    ]:
        r = _run("--db", str(db_file), "reset-sandi", *args, env=env)
        assert r.returncode == 1 and "Gagal: " in r.stderr and pesan in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    con = buka(db_file)
    assert pengguna.cocok_sandi("irban2-demo", pengguna.pengguna(con, "irban2")["password_hash"])
    con.close()


def test_reset_sandi_bertanya_dua_kali(db_file, monkeypatch, capsys):
    monkeypatch.delenv("LKJ_SANDI_BARU", raising=False)
    jawaban = iter(["Sandi-Ketik-Satu", "Sandi-Ketik-Dua"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(jawaban))
    assert cli.main(["--db", str(db_file), "reset-sandi", "--username", "staf"]) == 1
    assert "tidak sama" in capsys.readouterr().err
    con = buka(db_file)
    assert pengguna.cocok_sandi("staf-demo", pengguna.pengguna(con, "staf")["password_hash"])
    con.close()
    ditanya = []
    jawaban = iter(["Sandi-Ketik-Sama", "Sandi-Ketik-Sama"])
    monkeypatch.setattr(cli.getpass, "getpass",
                        lambda prompt="": ditanya.append(prompt) or next(jawaban))
    assert cli.main(["--db", str(db_file), "reset-sandi", "--username", "staf"]) == 0
    assert ditanya == ["Kata sandi baru untuk staf: ", "Ulangi kata sandi baru: "]
    con = buka(db_file)
    assert pengguna.cocok_sandi("Sandi-Ketik-Sama", pengguna.pengguna(con, "staf")
                                ["password_hash"])
    con.close()
