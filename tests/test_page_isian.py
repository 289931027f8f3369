"""AppTest of the intake pages: bidang form with live capaian, bad input, conflict,
return-with-reason and verify paths, budget realisation."""

from __future__ import annotations

from apptest_util import app, kotak_isian, teks, tombol
from lkj_app.state import _koneksi


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _id(db_file, kode):
    return _q(db_file, "SELECT id FROM indikator WHERE kode = ?", [kode])[0][0]


def _buka(user, db_file, kode):
    at = app(user, "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(_id(db_file, kode)).run()
    return at


def test_bidang_melihat_unitnya_dan_capaian_langsung(db_file):
    at = _buka("irban3", db_file, "IK-06")
    assert not at.exception
    assert at.dataframe[0].value["Kode"].tolist() == ["IK-06", "IK-10"]
    ik = _id(db_file, "IK-06")
    assert kotak_isian(at, ik, "nilai").value == "9"
    kotak_isian(at, ik, "nilai").input("8").run()
    cap = next(m for m in at.metric if m.label == "Capaian (dihitung otomatis)")
    assert cap.value == "85,71 %"               # negatif: (2×7 − 8) / 7
    kotak_isian(at, ik, "kendala").input("Jumlah auditor terbatas.")
    tombol(at, "Simpan draf").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT nilai, kendala, status FROM realisasi WHERE indikator_id = ?"
              " AND tahun = 2025", [ik]) == [(8.0, "Jumlah auditor terbatas.", "draft")]


def test_isian_salah_tetap_di_formulir_dan_tidak_tersimpan(db_file):
    at = _buka("irban3", db_file, "IK-06")
    ik = _id(db_file, "IK-06")
    kotak_isian(at, ik, "nilai").input("delapan")
    kotak_isian(at, ik, "tw1").input("-2")
    tombol(at, "Simpan draf").click()
    at.run()
    assert "bukan angka" in teks(at) and "tidak boleh negatif" in teks(at)
    assert kotak_isian(at, ik, "nilai").value == "delapan"
    assert _q(db_file, "SELECT nilai, tw1 FROM realisasi WHERE indikator_id = ? AND tahun ="
              " 2025", [ik]) == [(9.0, None)]


def test_simpan_kedua_ditolak_dengan_pesan_konflik(db_file):
    ik = _id(db_file, "IK-06")
    a, b = _buka("irban3", db_file, "IK-06"), _buka("irban3", db_file, "IK-06")
    kotak_isian(a, ik, "nilai").input("8")
    tombol(a, "Simpan draf").click()
    a.run()
    kotak_isian(b, ik, "nilai").input("10")
    tombol(b, "Simpan draf").click()
    b.run()
    assert "sudah disimpan oleh irban3" in teks(b) and "Realisasi: 8" in teks(b)
    assert kotak_isian(b, ik, "nilai").value == "10"      # typed value kept
    assert _q(db_file, "SELECT nilai FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [(8.0,)]
    lama = kotak_isian(b, ik, "nilai").key
    tombol(b, "Muat versi terbaru (isian Anda dibuang)").click()
    b.run()
    assert kotak_isian(b, ik, "nilai").value == "8"
    # The reloaded boxes are new widgets: a rerun the browser sent with the old box's "10"
    # (racing the reload) cannot put the discarded typing back.
    assert kotak_isian(b, ik, "nilai").key != lama
    assert lama not in [w.key for w in b.text_input]
    # Saving now starts from the stored version: no conflict, the value saved is the new one.
    kotak_isian(b, ik, "nilai").input("7")
    tombol(b, "Simpan draf").click()
    b.run()
    assert "sudah disimpan oleh" not in teks(b)
    assert _q(db_file, "SELECT nilai FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [(7.0,)]


def test_kasubag_kembalikan_lalu_bidang_melihat_alasan(db_file):
    ik = _id(db_file, "IK-03")                  # Sekretariat, 'diajukan' in the demo
    k = app("kasubag", "rekap_isian")
    assert not k.exception
    k.selectbox(key="rekap_pilih").set_value(ik).run()
    tombol(k, "Kembalikan").click()
    k.run()
    assert "Alasan wajib diisi." in teks(k)
    assert _q(db_file, "SELECT status FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [("diajukan",)]
    k.text_area(key=f"alasan_kembalikan_{ik}").input("Nilai SAKIP belum final; lampirkan LHE.")
    tombol(k, "Kembalikan").click()
    k.run()
    assert _q(db_file, "SELECT status FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [("dikembalikan",)]
    s = _buka("sekretariat", db_file, "IK-03")
    assert "Nilai SAKIP belum final; lampirkan LHE." in teks(s)
    kotak_isian(s, ik, "analisis_penyebab").input("LHE diterima; nilai final.")
    tombol(s, "Simpan & ajukan").click()
    s.run()
    assert _q(db_file, "SELECT status FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [("diajukan",)]


def test_kasubag_verifikasi_dan_isian_terkunci(db_file):
    ik = _id(db_file, "IK-09")                  # Irban IV, 'diajukan' in the demo
    k = app("kasubag", "rekap_isian")
    k.selectbox(key="rekap_pilih").set_value(ik).run()
    tombol(k, "Verifikasi").click()
    k.run()
    assert not k.exception
    assert _q(db_file, "SELECT status FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik]) == [("diverifikasi",)]
    b = _buka("irban4", db_file, "IK-09")
    assert kotak_isian(b, ik, "nilai").disabled
    assert not [x for x in b.button if x.label == "Simpan draf"]
    assert "terkunci" in teks(b)


def test_rekap_menampilkan_kemajuan_per_unit(db_file):
    k = app("kasubag", "rekap_isian")
    df = k.dataframe[0].value
    assert df["Indikator"].sum() == 10 and "Kemajuan" in df.columns
    prog = k.get("progress")[0].proto
    assert prog.text == "Terverifikasi 7 dari 10 indikator" and prog.value == 70


def test_realisasi_anggaran_bidang(db_file):
    at = app("irban2", "realisasi_anggaran")
    assert not at.exception
    assert at.dataframe[0].value["Kode"].tolist() == ["5.02.02"]
    at.text_input[0].input("500.000.000.000")
    tombol(at, "Simpan realisasi").click()
    at.run()
    assert "melebihi pagu" in teks(at)
    at.text_input[0].input("520.000.000")
    tombol(at, "Simpan realisasi").click()
    at.run()
    assert _q(db_file, "SELECT realisasi FROM pk_program WHERE kode = '5.02.02' AND tahun ="
              " 2025") == [(520_000_000,)]
    # Reloaded without thousands dots, so saving it unchanged is not refused as ambiguous.
    at.text_input[0].input("1234")
    tombol(at, "Simpan realisasi").click()
    at.run()
    assert at.text_input[0].value == "1234"
    tombol(at, "Simpan realisasi").click()
    at.run()
    assert "ambigu" not in teks(at) and not at.error
    assert _q(db_file, "SELECT realisasi FROM pk_program WHERE kode = '5.02.02' AND tahun ="
              " 2025") == [(1234,)]


def test_kembali_dari_halaman_lain_isian_tetap_dan_tidak_menghapus(db_file):
    ik = _id(db_file, "IK-06")
    at = _buka("irban3", db_file, "IK-06")
    assert kotak_isian(at, ik, "analisis_penyebab").value.startswith("Temuan berulang")
    kotak_isian(at, ik, "nilai").input("8").run()          # typed, not saved
    at.switch_page("pages/beranda.py").run()
    at.switch_page("pages/isian_kinerja.py").run()
    assert kotak_isian(at, ik, "nilai").value == "8"        # the typing survived
    assert kotak_isian(at, ik, "analisis_penyebab").value.startswith("Temuan berulang")
    tombol(at, "Simpan draf").click()
    at.run()
    assert _q(db_file, "SELECT nilai, analisis_penyebab IS NOT NULL FROM realisasi WHERE"
              " indikator_id = ? AND tahun = 2025", [ik]) == [(8.0, True)]


def test_realisasi_ribuan_dimuat_tanpa_titik_dan_bisa_disimpan_lagi(db_file):
    # A saved 1234 came back as "1.234", which the app's own parser refuses as ambiguous.
    ik = _id(db_file, "IK-06")
    at = _buka("irban3", db_file, "IK-06")
    kotak_isian(at, ik, "nilai").input("1234")
    tombol(at, "Simpan draf").click()
    at.run()
    assert kotak_isian(at, ik, "nilai").value == "1234"
    assert not at.error
    kotak_isian(at, ik, "kendala").input("Kendala baru.")
    tombol(at, "Simpan draf").click()
    at.run()
    assert not at.error
    assert _q(db_file, "SELECT nilai, kendala FROM realisasi WHERE indikator_id = ? AND"
              " tahun = 2025", [ik]) == [(1234.0, "Kendala baru.")]
