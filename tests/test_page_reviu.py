"""AppTest of 'Reviu LKjIP (APIP)': assigning a team, the worksheet, findings back and forth
between the team and the Kasubag, a stale click, the draft PDF, and who gets no access."""

from __future__ import annotations

import pytest

from apptest_util import app, teks, tombol
from conftest import pelaku
from lkj_app.state import _koneksi
from lkj_core import reviu

TAHUN = 2026   # the demo holds reviu for 2023–2025; 2026 has targets and no reviu yet


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _iid(db_file) -> int:
    return _q(db_file, "SELECT id FROM instansi WHERE kode = 'INSPEKTORAT-WSB'")[0][0]


def _buka(username: str):
    """The page as `username`, on year TAHUN."""
    at = app(username, "reviu")
    at.selectbox(key="reviu_tahun").set_value(TAHUN).run()
    assert not at.exception, at.exception
    return at


def _tombol_form(at, label: str, form: str):
    """The submit button `label` of the form whose id starts with `form`."""
    return next(b for b in at.button if b.label == label and b.proto.form_id.startswith(form))


@pytest.fixture
def rid(db_file) -> int:
    """A running 2026 reviu of the Inspektorat's own report: auditor1 ketua, auditor2 member."""
    with _koneksi(str(db_file)).cursor() as cur:
        return reviu.tugaskan(cur, pelaku(cur, "inspektur"), _iid(db_file), TAHUN,
                              "700/ST-9/2027", "Reviu LKjIP 2026.", "auditor1", ["auditor2"])


def test_inspektur_menugaskan_tim_lewat_halaman(db_file):
    iid = _iid(db_file)
    at = _buka("inspektur")
    assert "Belum ada reviu untuk tahun ini" in teks(at)
    k = f"{iid}_{TAHUN}"
    assert at.text_area(key=f"tugas_lingkup_{k}").value.startswith("Reviu atas Laporan Kinerja")
    ketua = at.selectbox(key=f"tugas_ketua_{k}")
    assert set(ketua.options) >= {"Auditor Ahli Madya Satu (Demo) — Auditor Ahli Madya",
                                  "Auditor Ahli Muda Dua (Demo) — Auditor Ahli Muda"}
    at.text_input(key=f"tugas_nomor_{k}").input("700/ST-15/2027")
    tombol(at, "Tugaskan tim reviu").click()
    at.run()
    assert "Ketua tim wajib dipilih." in teks(at)          # refused, typing kept
    assert at.text_input(key=f"tugas_nomor_{k}").value == "700/ST-15/2027"
    assert _q(db_file, "SELECT count(*) FROM reviu WHERE tahun = ?", [TAHUN]) == [(0,)]
    at.selectbox(key=f"tugas_ketua_{k}").set_value("auditor1")
    at.multiselect(key=f"tugas_anggota_{k}").set_value(["auditor2"])
    tombol(at, "Tugaskan tim reviu").click()
    at.run()
    assert not at.exception, at.exception
    rid, nomor, oleh = _q(db_file, "SELECT id, nomor_surat_tugas, ditugaskan_oleh FROM reviu"
                          " WHERE instansi_id = ? AND tahun = ?", [iid, TAHUN])[0]
    assert (nomor, oleh) == ("700/ST-15/2027", "inspektur")
    assert _q(db_file, "SELECT username, kedudukan FROM reviu_tim WHERE reviu_id = ? ORDER BY"
              " username", [rid]) == [("auditor1", "ketua"), ("auditor2", "anggota")]
    assert "Kertas kerja reviu" in teks(at) and "700/ST-15/2027" in teks(at)
    # The Inspektur reads the worksheet; only the team fills it.
    assert not [b for b in at.button if b.label == "Simpan jawaban"]
    assert at.dataframe[0].value.set_index("Instansi").loc[
        "Inspektorat Daerah Kabupaten Wonosobo", "Status reviu"] == "Berjalan"


def test_pereviu_melihat_daftar_dan_mengisi_kertas_kerja(db_file, rid):
    at = _buka("auditor1")
    daftar = at.dataframe[0].value
    pemda = [r[0] for r in _q(db_file, "SELECT nama FROM instansi WHERE pemda ="
                              " 'Pemerintah Kabupaten Wonosobo'")]
    assert sorted(daftar["Instansi"]) == sorted(pemda)
    assert {"Status reviu", "Ketua tim", "Catatan belum ditutup",
            "Laporan ditandatangani"} <= set(daftar.columns)
    n = len(reviu.DAFTAR_PERIKSA_BAKU)
    assert f"0 dari {n} butir dijawab" in [p.proto.text for p in at.get("progress")]
    at.radio(key=f"butir_jawaban_{rid}_1").set_value("tidak")
    _tombol_form(at, "Simpan jawaban", f"f_butir_{rid}_1").click()
    at.run()
    assert "Jawaban 'Tidak' wajib disertai catatan" in teks(at)
    assert _q(db_file, "SELECT jawaban FROM reviu_butir WHERE reviu_id = ? AND no = 1",
              [rid]) == [(None,)]
    at.text_area(key=f"butir_catatan_{rid}_1").input("Bukti IK-06 tidak lengkap.")
    at.text_input(key=f"butir_bukti_{rid}_1").input("Rekap temuan berulang")
    _tombol_form(at, "Simpan jawaban", f"f_butir_{rid}_1").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT jawaban, catatan, bukti_diperiksa, diisi_oleh FROM reviu_butir"
              " WHERE reviu_id = ? AND no = 1", [rid]) == [
        ("tidak", "Bukti IK-06 tidak lengkap.", "Rekap temuan berulang", "auditor1")]
    assert f"1 dari {n} butir dijawab" in [p.proto.text for p in at.get("progress")]
    # auditor1 leads the team: the finishing form is there (auditor2 has none).
    assert "Selesaikan reviu" in {b.label for b in at.button}
    assert "Selesaikan reviu" not in {b.label for b in _buka("auditor2").button}


def test_catatan_bolak_balik_tim_dan_kasubag(db_file, rid):
    at = _buka("auditor1")
    _kotak(at, "Uraian catatan").input("Narasi IK-06 tidak menjelaskan kenaikan temuan.")
    _kotak(at, "Rekomendasi").input("Lengkapi analisis penyebab.")
    tombol(at, "Tambah catatan").click()
    at.run()
    (tid, status), = _q(db_file, "SELECT id, status FROM reviu_temuan WHERE reviu_id = ?",
                        [rid])
    assert status == "terbuka" and _kotak(at, "Uraian catatan").value == ""
    # a second click on the emptied form files nothing twice: it asks for a text instead
    tombol(at, "Tambah catatan").click()
    at.run()
    assert _q(db_file, "SELECT count(*) FROM reviu_temuan WHERE reviu_id = ?", [rid]) == [(1,)]
    assert "wajib diisi" in teks(at)
    ks = _buka("kasubag")
    assert "Narasi IK-06 tidak menjelaskan" in teks(ks)
    assert not [b for b in ks.button if b.label == "Simpan jawaban"]   # not the team
    _kotak(ks, "Jawaban / tindak lanjut").input("Analisis penyebab telah dilengkapi.")
    tombol(ks, "Kirim jawaban").click()
    ks.run()
    assert _q(db_file, "SELECT status, jawaban, dijawab_oleh FROM reviu_temuan WHERE id = ?",
              [tid]) == [("dijawab", "Analisis penyebab telah dilengkapi.", "kasubag")]
    at.run()
    at.text_area(key=f"temuan_kembali_{tid}").input("Sebutkan data pendukungnya.")
    tombol(at, "Kembalikan ke penyusun").click()
    at.run()
    assert _q(db_file, "SELECT status FROM reviu_temuan WHERE id = ?", [tid]) == [("terbuka",)]
    ks.run()
    assert "Dikembalikan oleh tim reviu: Sebutkan data pendukungnya." in teks(ks)
    _kotak(ks, "Jawaban / tindak lanjut").input("Data Irban III terlampir.")
    tombol(ks, "Kirim jawaban").click()
    ks.run()
    at.run()
    tombol(at, "Tutup catatan").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT status, ditutup_oleh, versi FROM reviu_temuan WHERE id = ?",
              [tid]) == [("ditutup", "auditor1", 5)]


def test_klik_atas_versi_usang_ditolak_dengan_pesan(db_file, rid):
    with _koneksi(str(db_file)).cursor() as cur:
        tid = reviu.tambah_temuan(cur, pelaku(cur, "auditor2"), rid, "Catatan", None)
        versi = reviu.jawab_temuan(cur, pelaku(cur, "kasubag"), tid, "Sudah.", 1)
    at = _buka("auditor1")
    assert tombol(at, "Tutup catatan")
    with _koneksi(str(db_file)).cursor() as cur:   # auditor2 closes it meanwhile
        reviu.tutup_temuan(cur, pelaku(cur, "auditor2"), tid, versi)
    tombol(at, "Tutup catatan").click()
    at.run()
    assert not at.exception
    assert "sudah diubah oleh auditor2" in teks(at)
    assert _q(db_file, "SELECT ditutup_oleh FROM reviu_temuan WHERE id = ?", [tid]) == [
        ("auditor2",)]


def test_pdf_draf_disiapkan_atas_permintaan(db_file, rid):
    at = _buka("auditor2")
    assert not at.get("download_button")   # built only on click (it takes a few seconds)
    tombol(at, "Siapkan PDF draf LKjIP yang direviu").click()
    at.run()
    assert not at.exception and not at.error
    assert at.get("download_button")
    iid, tahun, pdf = at.session_state["reviu_pdf"]
    assert (iid, tahun) == (_iid(db_file), TAHUN) and pdf.startswith(b"%PDF")


@pytest.mark.parametrize("username", ["kasubag", "irban1"])
def test_tanpa_tombol_pdf_dan_penugasan(username):
    at = app(username, "reviu")
    if username == "irban1":
        assert "Anda tidak memiliki akses ke halaman ini" in teks(at)
        assert not at.dataframe and [b.key for b in at.button] == ["keluar"]
        return
    labels = {b.label for b in at.button}
    assert "Siapkan PDF draf LKjIP yang direviu" not in labels
    assert "Tugaskan tim reviu" not in labels and "Simpan daftar periksa" not in labels
    assert at.dataframe[0].value["Instansi"].tolist() == ["Inspektorat Daerah Kabupaten Wonosobo"]


def _kotak(at, label: str):
    """The text area with this label (its key carries the page's form generation)."""
    return next(t for t in at.text_area if t.label == label)
