"""AppTest of 'Kelola Indikator': create with targets, edit, and bad input that saves nothing."""

from __future__ import annotations

import pytest

from apptest_util import app, teks, tombol
from lkj_app.state import _koneksi


@pytest.fixture
def at(db_file):
    return app("kasubag", "indikator")


def _jumlah(db_file, sql="SELECT count(*) FROM indikator"):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql).fetchone()[0]


def _isi(at, **nilai):
    for key, v in nilai.items():
        if key in ("ind_sasaran", "ind_unit", "ind_polaritas"):
            at.selectbox(key=key).set_value(v)
        elif key == "ind_definisi":
            at.text_area(key=key).input(v)
        else:
            at.text_input(key=key).input(v)


def _ids(db_file):
    with _koneksi(str(db_file)).cursor() as cur:
        sasaran = cur.execute("SELECT id FROM sasaran WHERE kode = 'SS3'").fetchone()[0]
        unit = cur.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN4'").fetchone()[0]
    return sasaran, unit


def test_buat_indikator_rentang_dengan_target_lalu_tampil(at, db_file):
    sasaran, unit = _ids(db_file)
    _isi(at, ind_sasaran=sasaran, ind_unit=unit, ind_polaritas="rentang", ind_kode="IK-11",
         ind_nama="Persentase rekomendasi pengawasan yang ditindaklanjuti", ind_satuan="%",
         ind_akhir="85", ind_akhir_atas="95", ind_t_2025="80,5", ind_ta_2025="90",
         ind_t_2026="85", ind_ta_2026="95")
    tombol(at, "Simpan indikator").click()
    at.run()
    assert not at.exception
    assert "IK-11" in at.dataframe[0].value["Kode"].tolist()
    with _koneksi(str(db_file)).cursor() as cur:
        rows = cur.execute(
            "SELECT tahun, target, target_atas FROM target_tahunan t JOIN indikator i"
            " ON i.id = t.indikator_id WHERE i.kode = 'IK-11' ORDER BY tahun").fetchall()
        audit = cur.execute("SELECT count(*) FROM audit_log WHERE pelaku = 'kasubag'"
                            " AND tabel IN ('indikator', 'target_tahunan')").fetchone()[0]
    assert rows == [(2025, 80.5, 90.0), (2026, 85.0, 95.0)]
    assert audit == 3
    # The target page now lists 2024 as missing for the new indicator: the SOP's warning.
    tgt = app("kasubag", "target")
    tgt.selectbox(key="tahun").set_value(2024).run()
    assert "PERINGATAN" in teks(tgt) and "IK-11" in teks(tgt)


@pytest.mark.parametrize("isian,pesan", [
    (dict(ind_nama=""), "Nama indikator wajib diisi."),
    (dict(ind_t_2025="tujuh puluh"), "bukan angka"),
    (dict(ind_polaritas="rentang", ind_t_2025="90", ind_ta_2025="80"),
     "batas atas tidak boleh lebih kecil dari batas bawah"),
    (dict(ind_t_2025="90", ind_ta_2025="95"), "batas atas hanya untuk polaritas rentang"),
    (dict(ind_kode="IK-01"), "sudah dipakai"),
])
def test_isian_salah_tidak_menyimpan_dan_isian_tetap(at, db_file, isian, pesan):
    sasaran, unit = _ids(db_file)
    dasar = dict(ind_sasaran=sasaran, ind_unit=unit, ind_kode="IK-12", ind_nama="Indikator uji",
                 ind_satuan="%", ind_t_2025="70")
    _isi(at, **{**dasar, **isian})
    sebelum = (_jumlah(db_file), _jumlah(db_file, "SELECT count(*) FROM target_tahunan"),
               _jumlah(db_file, "SELECT count(*) FROM audit_log"))
    tombol(at, "Simpan indikator").click()
    at.run()
    assert not at.exception
    assert pesan in teks(at)
    assert "Data belum disimpan" in teks(at)
    assert sebelum == (_jumlah(db_file), _jumlah(db_file, "SELECT count(*) FROM target_tahunan"),
                       _jumlah(db_file, "SELECT count(*) FROM audit_log"))
    # What the user typed is still in the form.
    for key, v in {**dasar, **isian}.items():
        if key.startswith("ind_t") or key in ("ind_kode", "ind_nama"):
            assert at.text_input(key=key).value == v


def test_ubah_target_indikator_yang_ada(at, db_file):
    with _koneksi(str(db_file)).cursor() as cur:
        iid = cur.execute("SELECT id FROM indikator WHERE kode = 'IK-06'").fetchone()[0]
    at.selectbox(key="ind_pilih").set_value(iid).run()
    assert at.text_input(key="ind_nama").value == "Jumlah temuan berulang hasil pemeriksaan"
    assert at.text_input(key="ind_t_2025").value == "7"
    at.text_input(key="ind_t_2025").input("6,5")
    tombol(at, "Simpan indikator").click()
    at.run()
    assert not at.exception
    with _koneksi(str(db_file)).cursor() as cur:
        assert cur.execute("SELECT target FROM target_tahunan WHERE indikator_id = ? AND tahun"
                           " = 2025", [iid]).fetchone()[0] == 6.5
        lama, baru = cur.execute("SELECT lama, baru FROM audit_log WHERE tabel ="
                                 " 'target_tahunan' ORDER BY id DESC LIMIT 1").fetchone()
    assert '"target": 7.0' in lama and '"target": 6.5' in baru
