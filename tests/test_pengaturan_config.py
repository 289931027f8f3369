"""Settings (category scale, year being reported) and the cookie-key configuration."""

from __future__ import annotations

import os
import stat

import pytest

from apptest_util import app, teks, tombol
from lkj_core import config, pengaturan
from lkj_core.capaian import SKALA_BAKU, kategori
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak


def test_skala_demo_adalah_skala_baku(demo_con, admin):
    assert pengaturan.skala_kategori(demo_con, admin.instansi_id) == SKALA_BAKU


def test_atur_skala_tiga_pita(demo_con, admin):
    pengaturan.atur_skala_kategori(demo_con, admin, [("100", "Tercapai"), ("80,5", "Hampir"),
                                                      ("", "Belum")])
    skala = pengaturan.skala_kategori(demo_con, admin.instansi_id)
    assert skala == ((100.0, "Tercapai"), (80.5, "Hampir"), (float("-inf"), "Belum"))
    assert [kategori(c, skala) for c in (100, 99.99, 80.5, 80.49, -5)] == [
        "Tercapai", "Hampir", "Hampir", "Belum", "Belum"]
    lama, baru = demo_con.execute("SELECT lama, baru FROM audit_log WHERE kunci ="
                                  " 'skala_kategori' ORDER BY id DESC").fetchone()
    assert "Sangat Tinggi" in lama and "Tercapai" in baru


@pytest.mark.parametrize("baris,pesan", [
    ([("90", "A"), ("95", "B"), ("", "C")], "menurun"),
    ([("90", "A"), ("50", "B")], "dikosongkan"),
    ([("90", ""), ("", "C")], "Label"),
    ([("sembilan puluh", "A"), ("", "C")], "bukan angka"),
])
def test_skala_salah_ditolak_tanpa_perubahan(demo_con, admin, baris, pesan):
    with pytest.raises(DataTidakValid, match=pesan):
        pengaturan.atur_skala_kategori(demo_con, admin, baris)
    assert pengaturan.skala_kategori(demo_con, admin.instansi_id) == SKALA_BAKU


def test_tahun_laporan(demo_con, admin, kasubag):
    pengaturan.atur_tahun_laporan(demo_con, admin, 2026)
    assert demo_con.execute("SELECT tahun_laporan FROM instansi").fetchone()[0] == 2026
    with pytest.raises(DataTidakValid, match="tidak tercakup"):
        pengaturan.atur_tahun_laporan(demo_con, admin, 2030)
    with pytest.raises(AksesDitolak):
        pengaturan.atur_tahun_laporan(demo_con, kasubag, 2024)


def test_halaman_pengaturan_menyimpan_tahun(db_file):
    at = app("admin", "pengaturan")
    assert not at.exception
    at.selectbox[0].set_value(2024)
    tombol(at, "Simpan tahun laporan").click()
    at.run()
    beranda = app("admin", "beranda")
    assert "Laporan Kinerja Tahun 2024" in teks(beranda)


def test_kunci_cookie_dibuat_sekali_dengan_izin_600(tmp_path, monkeypatch):
    monkeypatch.delenv("LKJ_COOKIE_KEY", raising=False)
    monkeypatch.setenv("LKJ_DB", str(tmp_path / "d" / "x.duckdb"))
    kunci = config.cookie_key()
    berkas = tmp_path / "d" / ".cookie_key"
    assert len(kunci) >= 64 and berkas.read_text() == kunci
    assert stat.S_IMODE(os.stat(berkas).st_mode) == 0o600
    assert config.cookie_key() == kunci                      # stable across restarts
    assert config.cookie_key("s" * 40) == "s" * 40          # secrets.toml wins over the file
    monkeypatch.setenv("LKJ_COOKIE_KEY", "e" * 40)
    assert config.cookie_key("s" * 40) == "e" * 40          # the environment wins over both
    monkeypatch.setenv("LKJ_COOKIE_KEY", "pendek")
    with pytest.raises(ValueError, match="minimal 32 byte"):
        config.cookie_key()
