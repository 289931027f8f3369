"""Excel round trip: template, reading uploads (every broken-workbook case), yearly export."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from lkj_core import demo, excel, isian
from lkj_core.angka import bulatkan
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.db import buka
from tests.conftest import pelaku

JUDUL = [h for h, _ in excel.KOLOM]
KOL = {k: i for i, (_, k) in enumerate(excel.KOLOM, start=1)}  # key -> column number
HURUF = {k: openpyxl.utils.get_column_letter(c) for k, c in KOL.items()}
ALASAN = "Data perlu diperbaiki (uji)."


def _buka_kembali(con, tahun: int, kode_list) -> None:
    """Reopen verified demo entries so that the bidang user may change them again."""
    kasubag = pelaku(con, "kasubag")
    for kode in kode_list:
        ik = con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]
        isian.ubah_status(con, kasubag, ik, tahun, "buka_kembali", ALASAN)


def _bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _wb(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def dasar():
    """irban1's 2025 entries (demo: verified, reopened here) and their template, built once."""
    con = buka(None)
    demo.seed_demo(con)
    _buka_kembali(con, 2025, ["IK-01", "IK-02"])
    df = isian.daftar_isian(con, pelaku(con, "irban1"), 2025)
    templat = excel.buat_templat(df, 2025, "Inspektur Pembantu Wilayah I",
                                 "Inspektorat Daerah Kabupaten Wonosobo")
    yield df, templat
    con.close()


def _harapan_capaian(ind_row, realisasi):
    pol = ind_row["polaritas"]
    atas = float(ind_row["target_atas"]) if pol == "rentang" else None
    return hitung_capaian(float(ind_row["target"]), realisasi, pol, atas)


# --- template and round trip ---

def test_templat_dan_pulang_pergi(demo_con):
    _buka_kembali(demo_con, 2025, ["IK-01", "IK-02"])
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "irban1"), 2025)
    assert list(df["kode"]) == ["IK-01", "IK-02"]
    data = excel.buat_templat(df, 2025, "Inspektur Pembantu Wilayah I", "Inspektorat Wonosobo")

    wb = _wb(data)
    assert wb.sheetnames == ["Isian", "Petunjuk"]
    ws = wb["Isian"]
    assert [c.value for c in ws[1]] == JUDUL
    assert JUDUL[:7] == ["Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas", "Target",
                         "Target Batas Atas", "Realisasi Tahun Lalu"]
    assert JUDUL[7:12] == ["Realisasi", "Realisasi TW I", "Realisasi TW II",
                           "Realisasi TW III", "Realisasi TW IV"]
    assert JUDUL[12:] == list(isian.KOLOM_NARASI.values())
    assert ws.max_row == 3
    for r, row in enumerate(df.to_dict("records"), start=2):
        assert ws.cell(r, KOL["kode"]).value == row["kode"]
        assert ws.cell(r, KOL["nama"]).value == row["nama"]
        assert ws.cell(r, KOL["polaritas"]).value == row["polaritas"]
        for k in ("target", "realisasi_lalu"):
            cell = ws.cell(r, KOL[k])
            assert cell.data_type == "n" and cell.value == pytest.approx(row[k])
        assert ws.cell(r, KOL["target_atas"]).value is None  # positif: no upper bound
        assert all(ws.cell(r, KOL[k]).value is None for k in excel.KOLOM_ISIAN)
    # formatting basics
    assert ws.freeze_panes == "C2"
    assert all(c.font.b for c in ws[1]) and ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
    abu = ws.cell(2, KOL["target"]).fill.fgColor.rgb
    kuning = ws.cell(2, KOL["nilai"]).fill.fgColor.rgb
    assert abu.endswith("E7E6E6") and kuning.endswith("FFF9DB")
    assert ws.cell(2, KOL["nama"]).alignment.wrap_text
    assert ws.column_dimensions["B"].width > ws.column_dimensions["C"].width
    assert "Tahun 2025" in ws.oddHeader.center.text
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row
                        if c.value is not None)
    for frasa in ("Inspektorat Wonosobo", "Inspektur Pembantu Wilayah I", "2025", "96,47",
                  "96.47", "rumus", "kosong", "10 MB", "dihitung otomatis", "judul kolom"):
        assert frasa in petunjuk, frasa
    assert {p.name: p.value for p in wb.custom_doc_props}["LKj Tahun"] == 2025

    # Fill it like a user would, then read it back.
    ws["H2"] = 3
    ws["I2"] = "1"
    ws[f"{HURUF['analisis_penyebab']}2"] = "Asesmen IACM selesai tepat waktu."
    ws["H3"] = "3,42"
    ws[f"{HURUF['kendala']}3"] = "Keterbatasan auditor."
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    assert hasil.ok, hasil.kesalahan
    assert [(b.baris, b.kode) for b in hasil.baris] == [(2, "IK-01"), (3, "IK-02")]
    b1, b2 = hasil.baris
    ind = df.set_index("kode")
    assert b1.indikator_id == int(ind.loc["IK-01", "id"])
    assert b1.nilai["nilai"] == 3.0 and b1.nilai["tw1"] == 1.0 and b1.nilai["tw2"] is None
    assert b1.nilai["analisis_penyebab"] == "Asesmen IACM selesai tepat waktu."
    assert b1.diisi.keys() == {"nilai", "tw1", "analisis_penyebab"}
    assert b2.nilai["nilai"] == 3.42 and b2.nilai["kendala"] == "Keterbatasan auditor."
    for b in hasil.baris:
        harapan = _harapan_capaian(ind.loc[b.kode], b.nilai["nilai"])
        assert b.capaian == pytest.approx(harapan)
        assert b.kategori == kategori(harapan)
    assert b2.capaian == pytest.approx(3.42 / 3.5 * 100)

    pra = hasil.pratinjau()
    assert list(pra["Kode"]) == ["IK-01", "IK-02"]
    assert list(pra["Realisasi"]) == ["3", "3,42"]
    assert list(pra["Capaian"]) == ["100,00 %", "97,71 %"]
    assert list(pra["Narasi diisi"]) == ["Ya", "Ya"]
    assert hasil.tabel_kesalahan().empty


def test_templat_tanpa_isian_tidak_mengubah_apa_pun(dasar):
    df, templat = dasar
    hasil = excel.baca_isian_xlsx(templat, df)
    assert hasil.ok and hasil.baris == []
    assert hasil.pratinjau().empty


def test_kolom_referensi_diubah_diabaikan_target_aplikasi_dipakai(dasar):
    df, templat = dasar
    wb = _wb(templat)
    ws = wb["Isian"]
    ws["E3"] = 1000  # the user "edits" the target
    ws["B3"] = "nama lain"
    ws["H3"] = 3.5
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    assert hasil.ok
    assert hasil.baris[0].capaian == pytest.approx(100.0)  # target 3.5 from the app


def test_templat_baris_terkunci_dan_rentang(demo_con):
    # Sekretariat 2025 in the demo: IK-03 submitted, IK-07 (rentang) verified.
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "sekretariat"), 2025)
    ws = _wb(excel.buat_templat(df, 2025, "Sekretariat", "Inspektorat"))["Isian"]
    assert ws["A3"].value == "IK-07" and ws["F3"].value == 100  # upper bound of the range
    assert ws["H2"].fill.fgColor.rgb.endswith("D0CECE")  # locked: not the "fill me" colour


def test_baris_terkunci_nyata_ditolak(demo_con):
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "sekretariat"), 2025)
    wb = _wb(excel.buat_templat(df, 2025, "Sekretariat", "Inspektorat"))
    wb["Isian"]["H2"] = 71
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    assert [(k.baris, k.kolom) for k in hasil.kesalahan] == [(2, "Kode Indikator")]
    assert "Diajukan" in hasil.kesalahan[0].pesan
    assert "tidak dapat diubah lewat Excel" in hasil.kesalahan[0].pesan


def test_rentang_capaian(demo_con):
    _buka_kembali(demo_con, 2025, ["IK-07"])
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "sekretariat"), 2025)
    wb = _wb(excel.buat_templat(df, 2025, "Sekretariat", "Inspektorat"))
    wb["Isian"]["H3"] = "104"
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    assert hasil.ok, hasil.kesalahan
    assert hasil.baris[0].capaian == pytest.approx(hitung_capaian(90, 104, "rentang", 100))
    assert hasil.baris[0].capaian == pytest.approx(96.0)


# --- broken workbooks ---

def k_judul_diganti(wb, ind):
    wb["Isian"]["E1"] = "Target Tahunan"
    wb["Isian"]["H2"] = 3
    return wb, ind


def k_judul_ditukar(wb, ind):
    ws = wb["Isian"]
    ws["C1"], ws["D1"] = "Polaritas", "Satuan"
    return wb, ind


def k_kolom_tambahan(wb, ind):
    wb["Isian"].cell(1, len(JUDUL) + 1, "Keterangan")
    return wb, ind


def k_kolom_dihapus(wb, ind):
    wb["Isian"].delete_cols(KOL["kendala"])
    return wb, ind


def k_teks_di_angka(wb, ind):
    wb["Isian"]["H2"] = "tujuh"
    return wb, ind


def k_teks_di_triwulan(wb, ind):
    wb["Isian"]["K3"] = "sepuluh"
    return wb, ind


def k_negatif(wb, ind):
    wb["Isian"]["H3"] = -2
    return wb, ind


def k_kode_tidak_dikenal(wb, ind):
    ws = wb["Isian"]
    ws["A3"], ws["H3"] = "IK-99", 3
    return wb, ind


def k_kode_ganda(wb, ind):
    ws = wb["Isian"]
    for c in range(1, len(JUDUL) + 1):
        ws.cell(4, c, ws.cell(2, c).value)
    ws["H4"] = 3
    return wb, ind


def k_rumus(wb, ind):
    wb["Isian"]["H2"] = "=E2*1"
    return wb, ind


def k_rumus_array(wb, ind):
    wb["Isian"]["I3"] = ArrayFormula("I3", "=SUM(E2:E3)")
    return wb, ind


def k_sel_digabung(wb, ind):
    ws = wb["Isian"]
    ws["M2"] = "narasi panjang"
    ws.merge_cells("M2:N3")
    return wb, ind


def k_baris_kosong_di_tengah(wb, ind):
    ws = wb["Isian"]
    ws.insert_rows(3)
    ws["H2"], ws["H4"] = 3, 3.4
    return wb, ind


def k_terkunci(wb, ind):
    ind = ind.copy()
    ind.loc[ind["kode"] == "IK-02", "status"] = "diajukan"
    wb["Isian"]["H3"] = 3.4
    return wb, ind


def k_terverifikasi(wb, ind):
    ind = ind.copy()
    ind.loc[ind["kode"] == "IK-01", "status"] = "diverifikasi"
    wb["Isian"][f"{HURUF['solusi']}2"] = "hanya narasi"
    return wb, ind


def k_lembar_hilang(wb, ind):
    wb["Isian"].title = "Data"
    return wb, ind


def k_tanggal(wb, ind):
    wb["Isian"]["H2"] = dt.datetime(2025, 5, 3)
    return wb, ind


def k_narasi_terlalu_panjang(wb, ind):
    wb["Isian"][f"{HURUF['tindak_lanjut']}3"] = "x" * (isian.PANJANG_NARASI_MAKS + 1)
    return wb, ind


def k_kode_kosong(wb, ind):
    ws = wb["Isian"]
    ws["A2"], ws["H2"] = None, 3
    return wb, ind


def k_di_luar_kolom(wb, ind):
    wb["Isian"].cell(2, len(JUDUL) + 2, "catatan")
    return wb, ind


def k_terlalu_banyak_baris(wb, ind):
    ws = wb["Isian"]
    for r in range(2, excel.MAKS_BARIS + 3):  # 2001 data rows
        ws.cell(r, 1, f"X-{r}")
    return wb, ind


def k_bukan_xlsx(wb, ind):
    return b"hello", ind


def k_ole2(wb, ind):
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, ind


def k_zip_rusak(wb, ind):
    data = _bytes(wb)
    return data[: len(data) // 2], ind


def k_zip_bukan_excel(wb, ind):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    return buf.getvalue(), ind


def k_terlalu_besar(wb, ind):
    return b"PK\x03\x04" + b"\0" * excel.MAKS_UKURAN, ind


RUSAK = [
    # case, expected (row, column, message fragment)
    (k_judul_diganti, (1, "Target Tahunan", "tidak dikenal")),
    (k_judul_diganti, (1, "Target", "tidak ada")),
    (k_judul_ditukar, (1, "Satuan", "Urutan kolom berubah")),
    (k_judul_ditukar, (1, "Polaritas", "seharusnya di kolom D")),
    (k_kolom_tambahan, (1, "Keterangan", "tidak dikenal")),
    (k_kolom_dihapus, (1, "Kendala dan hambatan", "tidak ada")),
    (k_teks_di_angka, (2, "Realisasi", "'tujuh' bukan angka")),
    (k_teks_di_triwulan, (3, "Realisasi TW III", "Realisasi TW III: 'sepuluh' bukan angka")),
    (k_negatif, (3, "Realisasi", "tidak boleh negatif")),
    (k_kode_tidak_dikenal, (3, "Kode Indikator", "\"IK-99\" tidak dikenal")),
    (k_kode_ganda, (4, "Kode Indikator", "juga di baris 2")),
    (k_rumus, (2, "Realisasi", "berisi rumus; salin lalu tempel sebagai nilai")),
    (k_rumus_array, (3, "Realisasi TW I", "berisi rumus")),
    (k_sel_digabung, (2, isian.KOLOM_NARASI["analisis_penyebab"], "M2:N3 digabung")),
    (k_baris_kosong_di_tengah, (3, None, "Baris kosong di tengah data")),
    (k_terkunci, (3, "Kode Indikator", "tidak dapat diubah lewat Excel")),
    (k_terverifikasi, (2, "Kode Indikator", "Terverifikasi")),
    (k_lembar_hilang, (None, None, "Lembar \"Isian\" tidak ditemukan")),
    (k_tanggal, (2, "Realisasi", "tanggal")),
    (k_narasi_terlalu_panjang, (3, isian.KOLOM_NARASI["tindak_lanjut"], "terlalu panjang")),
    (k_kode_kosong, (2, "Kode Indikator", "Kode indikator kosong")),
    (k_di_luar_kolom, (2, "Kolom T", "di luar kolom templat")),
    (k_terlalu_banyak_baris, (None, None, "lebih dari 2.000 baris")),
    (k_bukan_xlsx, (None, None, "bukan berkas Excel .xlsx")),
    (k_ole2, (None, None, "kata sandi atau berformat Excel lama (.xls)")),
    (k_zip_rusak, (None, None, "rusak")),
    (k_zip_bukan_excel, (None, None, "bukan berkas Excel .xlsx")),
    (k_terlalu_besar, (None, None, "melebihi batas 10 MB")),
]


@pytest.mark.parametrize(("kasus", "harapan"), RUSAK,
                         ids=[f"{k.__name__}-{h[1]}" for k, h in RUSAK])
def test_berkas_rusak(dasar, kasus, harapan):
    df, templat = dasar
    wb, ind = kasus(_wb(templat), df)
    data = wb if isinstance(wb, bytes) else _bytes(wb)
    mulai = time.perf_counter()
    hasil = excel.baca_isian_xlsx(data, ind)
    assert time.perf_counter() - mulai < 2
    assert not hasil.ok
    baris, kolom, potongan = harapan
    cocok = [k for k in hasil.kesalahan
             if (k.baris, k.kolom) == (baris, kolom) and potongan in k.pesan]
    assert cocok, hasil.kesalahan
    if baris is None and kasus is not k_lembar_hilang:
        assert len(hasil.kesalahan) == 1  # a whole-file problem is reported once
    tabel = hasil.tabel_kesalahan()
    assert list(tabel.columns) == ["Baris", "Kolom", "Masalah"]
    assert len(tabel) == len(hasil.kesalahan)
    # A row with an error is never offered for import.
    assert baris not in {b.baris for b in hasil.baris}


def test_semua_kesalahan_dikumpulkan(dasar):
    df, templat = dasar
    wb = _wb(templat)
    ws = wb["Isian"]
    ws["H2"], ws["I2"], ws["J2"] = "tujuh", -1, "=1+1"
    ws["H3"], ws["L3"] = "abc", "x"
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    tempat = {(k.baris, k.kolom) for k in hasil.kesalahan}
    assert {(2, "Realisasi TW II"), (3, "Realisasi"), (3, "Realisasi TW IV")} <= tempat
    assert hasil.baris == []
    # Row 2's values are not validated once a formula is found there, but both are reported.
    hasil = excel.baca_isian_xlsx(_with(templat, {"H2": "tujuh", "I2": -1}), df)
    assert {(k.baris, k.kolom) for k in hasil.kesalahan} == {(2, "Realisasi"),
                                                             (2, "Realisasi TW I")}


def _with(templat: bytes, sel: dict) -> bytes:
    wb = _wb(templat)
    for alamat, v in sel.items():
        wb["Isian"][alamat] = v
    return _bytes(wb)


def test_baris_kosong_di_akhir_boleh(dasar):
    df, templat = dasar
    wb = _wb(templat)
    ws = wb["Isian"]
    ws["H3"] = 3.4
    ws["A10"] = "   "  # whitespace only counts as empty
    ws.cell(20, 1).fill = openpyxl.styles.PatternFill("solid", fgColor="FF0000")
    hasil = excel.baca_isian_xlsx(_bytes(wb), df)
    assert hasil.ok, hasil.kesalahan


@pytest.mark.parametrize("masukan", ["96,47", "96.47", 96.47, " 96,47 "])
def test_angka_indonesia_dan_inggris(dasar, masukan):
    df, templat = dasar
    hasil = excel.baca_isian_xlsx(_with(templat, {"H3": masukan, "I3": masukan}), df)
    assert hasil.ok, hasil.kesalahan
    assert hasil.baris[0].nilai["nilai"] == 96.47
    assert hasil.baris[0].nilai["tw1"] == 96.47


def test_angka_sel_numerik_tidak_dianggap_ambigu(dasar):
    # As text "1.234" is ambiguous (thousands or decimal); as a number cell it is not.
    df, templat = dasar
    hasil = excel.baca_isian_xlsx(_with(templat, {"H3": 1.234}), df)
    assert hasil.ok and hasil.baris[0].nilai["nilai"] == 1.234
    hasil = excel.baca_isian_xlsx(_with(templat, {"H3": "1.234"}), df)
    assert [k.kolom for k in hasil.kesalahan] == ["Realisasi"]
    assert "ambigu" in hasil.kesalahan[0].pesan


def test_tahun_berkas_berbeda(dasar):
    df, templat = dasar
    data = _with(templat, {"H3": 3.4})
    assert excel.baca_isian_xlsx(data, df, tahun=2025).ok
    hasil = excel.baca_isian_xlsx(data, df, tahun=2026)
    assert [(k.baris, k.kolom) for k in hasil.kesalahan] == [(None, None)]
    assert "templat tahun 2025" in hasil.kesalahan[0].pesan


def test_hanya_narasi_tanpa_realisasi(dasar):
    df, templat = dasar
    hasil = excel.baca_isian_xlsx(_with(templat, {f"{HURUF['solusi']}2": "Pelatihan"}), df)
    assert hasil.ok
    (b,) = hasil.baris
    assert b.nilai["nilai"] is None and b.capaian is None and b.kategori is None
    assert b.diisi == {"solusi": "Pelatihan"}
    pra = hasil.pratinjau().iloc[0]
    assert pra["Realisasi"] == "(tidak diubah)" and pra["Capaian"] == "n/a"


# --- export ---

def test_ekspor_tahun(demo_con):
    kasubag = pelaku(demo_con, "kasubag")
    df = isian.daftar_isian(demo_con, kasubag, 2025)
    ik03 = int(df.loc[df["kode"] == "IK-03", "id"].iloc[0])
    narasi = {ik03: {"analisis_penyebab": "Pendampingan intensif.", "kendala": "=1+1"}}
    data = excel.ekspor_tahun_xlsx(df, 2025, "Inspektorat Wonosobo", narasi)

    wb = _wb(data)
    assert wb.sheetnames == ["Data 2025"]
    ws = wb["Data 2025"]
    judul = [c.value for c in ws[1]]
    assert judul == excel.KOLOM_EKSPOR
    col = {j: i for i, j in enumerate(judul)}
    baris = list(ws.iter_rows(min_row=2))
    assert len(baris) == len(df) == 10
    assert sorted(r[col["Kode"]].value for r in baris) == sorted(df["kode"])
    per_kode = {r[col["Kode"]].value: r for r in baris}
    for row in df.to_dict("records"):
        cells = per_kode[row["kode"]]
        for judul_num, kunci in (("Target", "target"), ("Realisasi", "realisasi"),
                                 ("Realisasi Tahun Lalu", "realisasi_lalu")):
            cell = cells[col[judul_num]]
            assert cell.data_type == "n" and isinstance(cell.value, (int, float))
            assert cell.value == pytest.approx(row[kunci])
        harapan = _harapan_capaian(row, row["realisasi"])
        cap = cells[col["Capaian (%)"]]
        assert cap.data_type == "n" and cap.number_format == "0.00"
        assert cap.value == bulatkan(harapan, 2)
        assert cap.value == pytest.approx(harapan, abs=0.005)
        assert cells[col["Kategori"]].value == kategori(harapan)
        assert cells[col["Status"]].value == isian.LABEL_STATUS[row["status"]]
        assert cells[col["Unit"]].value == row["unit"]
    ik07 = per_kode["IK-07"]
    assert ik07[col["Target"]].value == 90 and ik07[col["Target Batas Atas"]].value == 100
    assert per_kode["IK-01"][col["Target Batas Atas"]].value is None
    assert per_kode["IK-03"][col["Status"]].value == "Diajukan"
    analisis = per_kode["IK-03"][col[isian.KOLOM_NARASI["analisis_penyebab"]]]
    assert analisis.value == "Pendampingan intensif."
    kendala = per_kode["IK-03"][col[isian.KOLOM_NARASI["kendala"]]]
    assert kendala.value == "=1+1" and kendala.data_type == "s"  # never a live formula
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    assert "Tahun 2025" in ws.oddHeader.center.text


def test_ekspor_tahun_tanpa_realisasi(demo_con):
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "kasubag"), 2026)
    ws = _wb(excel.ekspor_tahun_xlsx(df, 2026, "Inspektorat"))["Data 2026"]
    assert ws.max_row == 11
    col = [c.value for c in ws[1]].index("Capaian (%)") + 1
    assert all(ws.cell(r, col).value is None for r in range(2, 12))
    assert ws.cell(2, [c.value for c in ws[1]].index("Status") + 1).value == "Belum diisi"


def test_templat_teks_berawalan_sama_dengan_bukan_rumus(dasar):
    df, _ = dasar
    df = df.copy()
    df.loc[0, "nama"] = "=HYPERLINK(\"http://contoh\")"
    ws = _wb(excel.buat_templat(df, 2025, "=Unit", "Inspektorat"))["Isian"]
    assert ws["B2"].data_type == "s"
    assert excel.baca_isian_xlsx(excel.buat_templat(df, 2025, "U", "I"), df).ok


def test_kategori_mengikuti_skala_instansi(dasar):
    df, templat = dasar
    skala = [(100, "Tercapai"), (None, "Belum tercapai")]
    hasil = excel.baca_isian_xlsx(_with(templat, {"H2": 3, "H3": 3.4}), df, skala=skala)
    assert [b.kategori for b in hasil.baris] == ["Tercapai", "Belum tercapai"]
    assert [b.kategori for b in hasil.baris] == [kategori(b.capaian, skala) for b in hasil.baris]
