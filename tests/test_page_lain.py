"""AppTest of the other pages: Renstra, Perjanjian Kinerja, Pengguna, Akun, SOP, Audit, Beranda."""

from __future__ import annotations

import pytest

from apptest_util import app, login_form, teks, tombol
from lkj_app.state import _koneksi


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def test_renstra_tambah_tujuan_dan_sasaran(db_file):
    at = app("admin", "renstra")
    assert "SS3" in at.dataframe[0].value["Kode Sasaran"].tolist()
    at.text_input(key="tujuan_kode").input("T2")
    at.text_area(key="tujuan_uraian").input("Meningkatnya kualitas pelayanan publik")
    tombol(at, "Simpan tujuan").click()
    at.run()
    assert "T2" in at.dataframe[0].value["Kode Tujuan"].tolist()
    tid = _q(db_file, "SELECT id FROM tujuan WHERE kode = 'T2'")[0][0]
    at.selectbox(key="sasaran_tujuan").set_value(
        next(o for o in at.selectbox(key="sasaran_tujuan").options if o.startswith("T2")))
    at.text_input(key="sasaran_kode").input("SS4")
    at.text_area(key="sasaran_uraian").input("")   # empty: refused, nothing saved
    tombol(at, "Simpan sasaran").click()
    at.run()
    assert "Uraian sasaran wajib diisi." in teks(at)
    assert _q(db_file, "SELECT count(*) FROM sasaran WHERE tujuan_id = ?", [tid]) == [(0,)]
    assert at.text_input(key="sasaran_kode").value == "SS4"


def test_renstra_hanya_dilihat_oleh_inspektur():
    at = app("inspektur", "renstra")
    assert not at.exception and at.dataframe
    assert not [b for b in at.button if b.label.startswith("Simpan")]


def test_renstra_baru_tahun_bukan_angka(db_file):
    at = app("kasubag", "renstra")
    at.text_input(key="renstra_nama").input("Renstra 2027–2031")
    at.text_input(key="renstra_awal").input("2027")
    at.text_input(key="renstra_akhir").input("dua ribu tiga puluh satu")
    tombol(at, "Simpan Renstra").click()
    at.run()
    assert "Tahun akhir harus berupa tahun" in teks(at)
    assert _q(db_file, "SELECT count(*) FROM renstra") == [(1,)]


def test_pk_tambah_baris_dan_angka_salah(db_file):
    at = app("kasubag", "perjanjian_kinerja")
    assert len(at.dataframe) == 2
    jumlah = _q(db_file, "SELECT count(*) FROM pk_program WHERE tahun = 2025")[0][0]
    form = at.text_input
    next(t for t in form if t.label == "Kode").input("5.04")
    next(t for t in form if t.label == "Program / kegiatan").input("Program Uji")
    next(t for t in form if t.label == "Pagu (Rp)").input("satu juta")
    tombol(at, "Simpan baris").click()
    at.run()
    assert "bukan angka" in teks(at)
    assert _q(db_file, "SELECT count(*) FROM pk_program WHERE tahun = 2025")[0][0] == jumlah
    next(t for t in at.text_input if t.label == "Pagu (Rp)").input("1.000.000")
    tombol(at, "Simpan baris").click()
    at.run()
    assert _q(db_file, "SELECT pagu FROM pk_program WHERE kode = '5.04'") == [(1_000_000,)]
    assert "5.04" in at.dataframe[1].value["Kode"].tolist()


def test_pk_sekretaris_hanya_melihat():
    at = app("sekretaris", "perjanjian_kinerja")
    assert not at.exception and len(at.dataframe) == 2
    assert not [b for b in at.button if b.label == "Simpan baris"]


def test_admin_membuat_pengguna_lalu_pengguna_itu_masuk(db_file):
    at = app("admin", "pengguna")
    at.text_input(key="ub_username").input("irban5")
    at.text_input(key="ub_nama").input("Pengisi Irban V")
    at.selectbox(key="ub_peran").set_value("bidang")
    at.text_input(key="ub_sandi").input("sandi-irban5")
    tombol(at, "Buat pengguna").click()
    at.run()
    assert "Pengguna bidang wajib memilih unit kerja." in teks(at)
    assert _q(db_file, "SELECT count(*) FROM pengguna WHERE username = 'irban5'") == [(0,)]
    unit = _q(db_file, "SELECT id FROM unit_kerja WHERE kode = 'IRBAN4'")[0][0]
    at.selectbox(key="ub_unit").set_value(unit)
    tombol(at, "Buat pengguna").click()
    at.run()
    assert "irban5" in at.dataframe[0].value["Nama pengguna"].tolist()
    baru = app()
    login_form(baru, "irban5", "sandi-irban5")
    assert "Selamat datang" in teks(baru)


def test_ganti_sandi_sendiri(db_file):
    at = app("staf", "akun")
    isi = {t.label: t for t in at.text_input}
    isi["Kata sandi lama"].input("staf-demo")
    isi["Kata sandi baru (min. 8 karakter)"].input("sandi-baru-staf")
    isi["Ulangi kata sandi baru"].input("sandi-beda-staf")
    tombol(at, "Ganti kata sandi").click()
    at.run()
    assert "tidak sama" in teks(at)
    isi = {t.label: t for t in at.text_input}
    isi["Kata sandi lama"].input("staf-demo")
    isi["Kata sandi baru (min. 8 karakter)"].input("sandi-baru-staf")
    isi["Ulangi kata sandi baru"].input("sandi-baru-staf")
    tombol(at, "Ganti kata sandi").click()
    at.run()
    # The change voids this session too: the user is asked to log in again.
    assert at.session_state["authentication_status"] is not True
    baru = app()
    login_form(baru, "staf", "sandi-baru-staf")
    assert "Selamat datang" in teks(baru)


def test_sop_menampilkan_13_langkah_dan_total():
    at = app("staf", "sop")
    df = at.table[0].value
    assert df["No"].tolist() == list(range(1, 14))
    assert "Staf / Jabatan Fungsional Umum" in df["Pelaksana"].tolist()
    assert [m.value for m in at.metric] == ["13", "845", "7"]


def test_audit_mencatat_perubahan_dari_halaman(db_file):
    at = app("admin", "audit")
    df = at.dataframe[0].value
    assert {"Waktu", "Pelaku", "Aksi", "Tabel", "Nilai lama", "Nilai baru"} <= set(df.columns)
    assert "sistem:seed-demo" in df["Pelaku"].tolist()


@pytest.mark.parametrize("user", ["inspektur", "irban3"])
def test_beranda_menyebut_tahun_laporan_dan_label_demo(user):
    at = app(user, "beranda")
    assert "Laporan Kinerja Tahun 2025" in teks(at)
    assert "DATA DEMO" in teks(at)


def test_beranda_memperingatkan_indikator_tanpa_target(db_file):
    _q(db_file, "DELETE FROM target_tahunan WHERE tahun = 2025 AND indikator_id ="
       " (SELECT id FROM indikator WHERE kode = 'IK-05')")
    at = app("kasubag", "beranda")
    assert "PERINGATAN SOP" in teks(at) and "IK-05" in teks(at)
