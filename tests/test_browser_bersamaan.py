"""Real-browser tests of two people on one entry, and of the server dying after a save.

1. irban3 and the admin (who may fill in for any unit) open IK-06 on Isian Kinerja in two
   browser contexts, both change the realisasi; irban3 saves first, the admin's save is
   refused with the Indonesian conflict message, the admin's typing stays in the form, and
   the database (read after the server stopped) holds irban3's value only, with the
   narratives nobody touched unchanged.
2. The server process is SIGKILLed right after a save was confirmed on screen; the database
   opens, the save is in it, and a restarted server shows it to the user.

Each test runs its own server on its own database (the shared `server` fixture of
test_browser.py keeps its file locked, and test 2 kills its server). Run with
`pytest -m browser`; fixtures and waiting rules are those of test_browser.py.
"""

from __future__ import annotations

import json
import re
import secrets
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkj_app.komponen import label_status as S
from lkj_core import audit, demo
from lkj_core.db import buka
from test_browser import (  # noqa: F401  (browser, konteks are pytest fixtures)
    _expect, _harus_di_halaman, _masuk, _shot, _tanpa_exception, _tenang, browser,
    hentikan_server, konteks, mulai_server)
from test_browser_isian import (
    LABEL_NARASI, LABEL_REALISASI, LAYAR_TINGGI, NAMA_IK, PILIHAN_ISIAN, TAHUN, _baris_tabel,
    _buka_isian, _ketik, _klik_tombol, _kotak, _main, _metrik, _pilih, _sel)

pytestmark = pytest.mark.browser

UNIT_IRBAN3 = "Inspektur Pembantu Wilayah III"
PESAN_GAGAL = "Data belum disimpan. Perbaiki isian yang ditandai di bawah."
POLA_KONFLIK = re.compile(
    r"^Isian ini sudah disimpan oleh irban3 pada \d\d-\d\d-\d{4} \d\d:\d\d setelah Anda "
    r"membukanya, jadi simpanan Anda ditolak agar tidak menimpa\. Nilai yang tersimpan "
    r"sekarang — Realisasi: 8(;|\.)")
MUAT_ULANG = "Muat versi terbaru (isian Anda dibuang)"
KENDALA = "Server mati tepat setelah simpanan ini dikonfirmasi di layar."
NARASI_DEMO = ("analisis_penyebab", "solusi")   # filled in the demo's IK-06 draft


# ---------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def ik06_demo() -> dict:
    """IK-06's 2025 entry as the demo seeds it (a draft with two narratives filled)."""
    con = buka(None)
    try:
        demo.seed_demo(con)
        e = _entri_ik06(con)
    finally:
        con.close()
    assert e["status"] == "draft" and all(e[k] for k in NARASI_DEMO), e
    return e


@dataclass
class Server:
    base: str
    proc: subprocess.Popen
    log: Path

    def hentikan(self):
        """Stop the server the normal way (SIGTERM), so DuckDB closes the file."""
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture
def server_sendiri(tmp_path):
    """Factory: `streamlit run` on a free port over the given database file (created and
    seeded with the demo by the app on first start); every server still alive is stopped
    after the test."""
    jalan: list[Server] = []
    kunci_cookie = secrets.token_hex(32)

    def mulai(db_path: Path) -> Server:
        log_path = tmp_path / f"server-{len(jalan)}.log"
        proc, base = mulai_server(db_path, log_path, kunci_cookie)
        srv = Server(base, proc, log_path)
        jalan.append(srv)
        return srv

    yield mulai
    for srv in jalan:
        hentikan_server(srv.proc)


# ----------------------------------------------------------------------------------- helpers

def _buka_isian_admin(page, base: str):
    """The admin opens Isian Kinerja, picks Irban III's unit and IK-06."""
    expect = _expect()
    page.goto(base + "/isian_kinerja")
    _harus_di_halaman(page, "isian_kinerja")
    _pilih(page, "Unit", UNIT_IRBAN3)
    _pilih(page, "Indikator yang diisi", PILIHAN_ISIAN)
    expect(page.get_by_role("heading", level=4, name=PILIHAN_ISIAN, exact=True)).to_be_visible()
    _tanpa_exception(page, "Isian Kinerja IK-06 (admin)")


def _toast(page, teks: str):
    return page.locator('[data-testid="stToast"]').filter(has_text=teks)


def _simpan_draf_berhasil(page):
    """Click Simpan draf and wait for the confirmation that comes after the commit."""
    expect = _expect()
    _klik_tombol(page, "Simpan draf")
    expect(_toast(page, "Draf disimpan.")).to_be_visible()
    _tanpa_exception(page, "saved")
    expect(page.get_by_text(PESAN_GAGAL)).to_have_count(0)


def _entri_ik06(con) -> dict:
    return audit.baris(con, "SELECT r.* FROM realisasi r JOIN indikator i ON i.id ="
                       " r.indikator_id WHERE i.kode = 'IK-06' AND r.tahun = ?", [TAHUN])


def _simpan_tercatat(con) -> list[tuple]:
    """(pelaku, realisasi saved) of every audited save of IK-06 in the reporting year."""
    ik = con.execute("SELECT id FROM indikator WHERE kode = 'IK-06'").fetchone()[0]
    rows = con.execute("SELECT pelaku, baru FROM audit_log WHERE aksi = 'simpan' AND"
                       " tabel = 'realisasi' AND kunci = ? ORDER BY id",
                       [f"{ik}/{TAHUN}"]).fetchall()
    return [(p, json.loads(b)["nilai"]) for p, b in rows]


# ------------------------------------------------------------------------------------- tests

def test_dua_pengguna_mengubah_isian_yang_sama(server_sendiri, konteks, tmp_path, ik06_demo):
    expect = _expect()
    db = tmp_path / "lkj.duckdb"
    srv = server_sendiri(db)

    bidang = konteks().new_page()
    bidang.set_viewport_size(LAYAR_TINGGI)
    _masuk(bidang, srv.base, "irban3")
    _buka_isian(bidang, srv.base)
    admin = konteks().new_page()
    admin.set_viewport_size(LAYAR_TINGGI)
    _masuk(admin, srv.base, "admin")
    _buka_isian_admin(admin, srv.base)
    # Both opened the same stored version (the demo draft, realisasi 9) and change it.
    for page in (bidang, admin):
        expect(_metrik(page, "Status")).to_have_text(S("draft"))
        expect(_kotak(page, LABEL_REALISASI)).to_have_value("9")
        for k in NARASI_DEMO:
            expect(_kotak(page, LABEL_NARASI[k])).to_have_value(ik06_demo[k])
    _ketik(bidang, LABEL_REALISASI, "8")
    _ketik(admin, LABEL_REALISASI, "7,5")

    _simpan_draf_berhasil(bidang)
    expect(_kotak(bidang, LABEL_REALISASI)).to_have_value("8")

    _klik_tombol(admin, "Simpan draf")
    expect(admin.get_by_text(PESAN_GAGAL)).to_be_visible()
    _tanpa_exception(admin, "conflicting save")
    konflik = _main(admin).locator('[data-testid="stAlert"]').filter(has_text=POLA_KONFLIK)
    expect(konflik).to_have_count(1)
    expect(konflik).to_be_visible()
    expect(konflik).to_contain_text("Isian Anda masih di formulir")
    # The admin's typing is still there, nothing was saved for them.
    expect(_kotak(admin, LABEL_REALISASI)).to_have_value("7,5")
    expect(_toast(admin, "Draf disimpan.")).to_have_count(0)
    _shot(admin, "isian_konflik_admin.png")
    _shot(bidang, "isian_konflik_irban3.png")

    # The admin takes the newest version: the form now shows irban3's value.
    _klik_tombol(admin, MUAT_ULANG)
    _tenang(admin)
    expect(_kotak(admin, LABEL_REALISASI)).to_have_value("8")
    _tanpa_exception(admin, "reloaded newest version")
    expect(admin.get_by_text(PESAN_GAGAL)).to_have_count(0)
    expect(admin.get_by_role("button", name=MUAT_ULANG)).to_have_count(0)
    _shot(admin, "isian_konflik_admin_dimuat_ulang.png")

    srv.hentikan()
    con = buka(db)
    try:
        e = _entri_ik06(con)
        assert (e["nilai"], e["diubah_oleh"], e["versi"], e["status"]) == \
            (8.0, "irban3", 2, "draft")
        # The narratives nobody touched are still the stored ones (a form that came up with
        # empty text areas would have saved them away).
        assert {k: e[k] for k in NARASI_DEMO} == {k: ik06_demo[k] for k in NARASI_DEMO}
        assert _simpan_tercatat(con) == [("irban3", 8.0)]
    finally:
        con.close()


def test_server_dibunuh_setelah_menyimpan_lalu_dijalankan_lagi(server_sendiri, konteks,
                                                                tmp_path, ik06_demo):
    expect = _expect()
    db = tmp_path / "lkj.duckdb"
    srv = server_sendiri(db)
    page = konteks().new_page()
    page.set_viewport_size(LAYAR_TINGGI)
    _masuk(page, srv.base, "irban3")
    _buka_isian(page, srv.base)
    _ketik(page, LABEL_REALISASI, "8")
    _ketik(page, LABEL_NARASI["kendala"], KENDALA)
    _simpan_draf_berhasil(page)

    srv.proc.send_signal(signal.SIGKILL)
    assert srv.proc.wait(timeout=30) == -signal.SIGKILL
    # The save is only in the write-ahead log (no clean shutdown checkpointed it).
    wal = Path(f"{db}.wal")
    assert wal.exists() and wal.stat().st_size > 0
    con = buka(db)                      # replays the WAL
    try:
        e = _entri_ik06(con)
        assert (e["nilai"], e["kendala"], e["diubah_oleh"], e["versi"]) == \
            (8.0, KENDALA, "irban3", 2)
        assert {k: e[k] for k in NARASI_DEMO} == {k: ik06_demo[k] for k in NARASI_DEMO}
        assert _simpan_tercatat(con) == [("irban3", 8.0)]
    finally:
        con.close()

    srv2 = server_sendiri(db)           # the app starts again on the recovered file
    page = konteks().new_page()
    page.set_viewport_size(LAYAR_TINGGI)
    _masuk(page, srv2.base, "irban3")
    _buka_isian(page, srv2.base)
    expect(_metrik(page, "Status")).to_have_text(S("draft"))
    expect(_kotak(page, LABEL_REALISASI)).to_have_value("8")
    daftar = _main(page).locator('[data-testid="stDataFrame"]').first
    expect(_sel(daftar, "85,71 %").first).to_be_attached()   # negatif: (2 × 7 − 8) / 7
    assert _baris_tabel(daftar)[0][:4] == ["IK-06", NAMA_IK, "8", "85,71 %"]
    expect(_kotak(page, LABEL_NARASI["kendala"])).to_have_value(KENDALA)
    for k in NARASI_DEMO:
        expect(_kotak(page, LABEL_NARASI[k])).to_have_value(ik06_demo[k])
    _tanpa_exception(page, "after restart")
    _shot(page, "isian_setelah_server_mati.png")
