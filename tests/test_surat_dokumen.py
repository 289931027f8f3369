"""The page layer (print sizes, the DRAF mark as an image, headings kept with what follows,
no "None"/"nan" in print) and the cover letter of step 12 (to the Bupati, c.q., Yth. once,
tembusan, the letter's own year, DRAF while the report is not signed)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import subprocess

import pandas as pd
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from apptest_util import app, tombol
from conftest import pelaku, salinan_demo
from lkj_core import laporan, profil
from lkj_core.db import buka
from lkj_core.laporan import dokumen, surat
from lkj_core.laporan.dokumen import _ukuran_png, png_draf
from lkj_core.organisasi import DataTidakValid

CQ = "c.q. Kepala Bagian Organisasi Sekretariat Daerah Kabupaten Wonosobo"
_PDFTOTEXT = shutil.which("pdftotext")


def _rata(teks: str) -> str:
    return re.sub(r"\s+", " ", teks).strip()


def _pdftotext(pdf: bytes, mode: str = "-layout") -> list[str]:
    """Each page's text as pdftotext reads it (what a copy from a viewer gives); `-raw`
    keeps the drawing order, so a letter's two columns do not interleave."""
    if not _PDFTOTEXT:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    keluar = subprocess.run([_PDFTOTEXT, mode, "-", "-"], input=pdf, capture_output=True,
                            check=True).stdout.decode()
    return keluar.split("\f")[:-1] if keluar.endswith("\f") else keluar.split("\f")


def _bersih(teks: str) -> None:
    for kata in ("DRAFT", "None", "nan", "NaN", "n/a"):
        assert not re.search(rf"(?<![\w/]){re.escape(kata)}(?![\w/])", teks), kata
    # no stray watermark letters: no line is a lone capital letter
    assert not re.search(r"(?m)^\s*[DRAFT]\s*$", teks)


def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (w, h), (90, 140, 200)).save(buf, format="PNG")
    return buf.getvalue()


def _gambar_draf(pdf: bytes) -> list[int]:
    """Per page, how many images the size of the DRAF mark it shows."""
    ukuran = _ukuran_png(png_draf())
    hasil = []
    for hal in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        xo = hal["/Resources"].get("/XObject") or {}
        hasil.append(sum(1 for o in xo.values()
                         if (o.get_object()["/Width"], o.get_object()["/Height"]) == ukuran))
    return hasil


class _Rekam(dokumen._Dokumen):
    """A document remembering the font size of every text it draws."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.ukuran: list[tuple[float, str]] = []

    def multi_cell(self, w, h=None, text="", *a, **k):
        if not k.get("dry_run") and str(text).strip():
            self.ukuran.append((self.font_size_pt, str(text)))
        return super().multi_cell(w, h, text, *a, **k)

    def cell(self, w=None, h=None, text="", *a, **k):
        if str(text).strip():
            self.ukuran.append((self.font_size_pt, str(text)))
        return super().cell(w, h, text, *a, **k)


def _dok(cls=dokumen._Dokumen, **k) -> dokumen._Dokumen:
    pdf = cls(**k)
    pdf.tanpa_kepala = set()
    pdf.add_page()
    return pdf


def _isi_sampai(pdf: dokumen._Dokumen, sisa_mm: float) -> None:
    """Fill the page with text until about `sisa_mm` remain above the bottom margin."""
    while pdf.page_break_trigger - pdf.get_y() > sisa_mm + 6:
        pdf.set_font(dokumen.FONT, "", 11)
        pdf.cell(0, 6, "Isi pengisi halaman.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.page_break_trigger - sisa_mm)


# --- page layer: sizes ---

def test_ukuran_cetak_tidak_pernah_di_bawah_batas():
    pdf = _dok(_Rekam)
    pdf.paragraf("Paragraf yang diminta kecil.", ukuran=8)
    pdf.butir("Butir yang diminta kecil.", ukuran=8)
    pdf.judul_kecil("Judul kecil", ukuran=9)
    pdf.tabel("Tabel kecil", [("Kolom A", 1, "L"), ("Kolom B", 1, "R")],
              [["sel a", "sel b"], ["sel c", "sel d"]], ukuran=7.5)
    pdf.tabel("Tabel 8 pt", [("Kolom C", 1, "L")], [["sel e"]], ukuran=8)
    pdf.tanda_tangan("Wonosobo, 4 Desember 2026", "Inspektur", {"nama": "Nama", "nip": ""})
    ukuran = {t: u for u, t in pdf.ukuran}
    for teks in ("Paragraf yang diminta kecil.", "Butir yang diminta kecil.", "Judul kecil",
                 "INSPEKTUR", "Nama", "Wonosobo, 4 Desember 2026"):
        assert ukuran[teks] >= 11, teks
    for teks in ("Kolom A", "sel a", "sel d", "Kolom C", "sel e"):
        assert ukuran[teks] >= 9, teks
    assert ukuran["Tabel 1. Tabel kecil"] >= 9.5
    assert min(u for u, _ in pdf.ukuran) >= 9


# --- page layer: the DRAF mark ---

def test_tanda_draf_berupa_gambar_sekali_tertanam_dan_teks_tetap_bersih():
    pdf = _dok(watermark=True, judul_kepala="Inspektorat Daerah", label_kanan="LKjIP 2025")
    for i in range(90):
        pdf.paragraf(f"Kalimat ke-{i} tetap utuh ketika disalin dari PDF ini.")
    isi = bytes(pdf.output())
    halaman = _pdftotext(isi)
    assert len(halaman) >= 3
    for teks in halaman:
        _bersih(teks)
        assert "DRAF" not in teks
    assert "Kalimat ke-42 tetap utuh ketika disalin dari PDF ini." in " ".join(halaman)
    assert all(n == 1 for n in _gambar_draf(isi))
    # one image object, shared by every page
    reader = pypdf.PdfReader(io.BytesIO(isi))
    ref = {o.idnum for hal in reader.pages for o in hal["/Resources"]["/XObject"].values()}
    assert len(ref) == 1
    # light grey, transparent around the letters
    im = Image.open(io.BytesIO(png_draf()))
    assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0
    merah, _, _, alfa = im.split()
    assert alfa.getextrema() == (0, 255)
    assert min(m for m, a in zip(merah.tobytes(), alfa.tobytes()) if a == 255) >= 200


def test_tanpa_watermark_tanpa_gambar_draf():
    pdf = _dok()
    pdf.paragraf("Laporan yang sudah ditandatangani.")
    assert _gambar_draf(bytes(pdf.output())) == [0]


# --- page layer: text hygiene ---

def test_nilai_kosong_tercetak_sebagai_tanda_pisah():
    pdf = _dok()
    pdf.paragraf(None)
    pdf.paragraf(float("nan"))
    pdf.tabel("Nilai kosong", [("A", 1, "C"), ("B", 1, "C"), ("C", 1, "C"), ("D", 1, "C"),
                               ("E", 1, "C"), ("F", 1, "C")],
              [[None, float("nan"), pd.NA, "nan", "n/a", {"text": None}],
               ["Rp 1.000", "95 %", pd.NaT, "None", "ada", "<NA>"]])
    teks = "\n".join(_pdftotext(bytes(pdf.output())))
    _bersih(teks)
    assert "NaT" not in teks and "<NA>" not in teks
    assert teks.count("—") >= 10
    assert "Rp 1.000" in teks and "95 %" in teks
    assert dokumen._teks_sel("Rp 1.000") == "Rp\u00a01.000"
    assert dokumen._teks_sel("95 %") == "95\u00a0%"


def test_kolom_sempit_dilebarkan_agar_kata_dan_persen_utuh():
    pdf = _dok()
    kolom = [("Indikator", 60, "L"), ("Polaritas", 8, "C"), ("2025", 8, "R")]
    lebar = pdf._lebar_kolom(kolom, [["Nama indikator yang panjang sekali", "positif",
                                      "3\n(100,00\u00a0%)"]], 9)
    assert abs(sum(lebar) - pdf.epw) < 0.01
    pdf.set_font(dokumen.FONT, "B", 9)
    assert lebar[1] >= pdf.get_string_width("Polaritas") + 2.6
    pdf.set_font(dokumen.FONT, "", 9)
    assert lebar[2] >= pdf.get_string_width("(100,00\u00a0%)") + 2.6


# --- page layer: headings stay with what follows ---

def test_judul_kecil_tidak_menggantung_sebelum_tabel():
    pdf = _dok()
    _isi_sampai(pdf, 30)                 # room for the heading, not for the table's start
    pdf.judul_kecil("1. Judul sebelum tabel")
    hal_judul = pdf.page
    pdf.tabel("Tabel sesudah judul", [("Kode", 1, "C"), ("Nama", 4, "L")],
              [["A", "satu"], ["B", "dua"], ["C", "tiga"]])
    assert pdf.judul_yatim == []
    assert hal_judul == 2 and pdf.daftar_tabel[0][1] == 2
    halaman = _pdftotext(bytes(pdf.output()))
    assert "Judul sebelum tabel" not in halaman[0] and "Judul sebelum tabel" in halaman[1]


def test_judul_kecil_berpindah_bersama_gambar_yang_tidak_muat():
    pdf = _dok()
    _isi_sampai(pdf, 60)                 # the reservation fits; the figure does not
    pdf.judul_kecil("Pohon kinerja")
    assert pdf.page == 1
    pdf.sisakan(150)                     # a diagram of 150 mm drawn right after it
    pdf.image(io.BytesIO(_png(300, 600)), x=pdf.l_margin, y=pdf.get_y(), w=70, h=140)
    assert pdf.judul_yatim == [] and pdf.page == 2
    halaman = _pdftotext(bytes(pdf.output()))
    assert "Pohon kinerja" not in halaman[0] and "Pohon kinerja" in halaman[1]


def test_judul_kecil_paragraf_dan_gambar_sesudahnya():
    pdf = _dok()
    _isi_sampai(pdf, 52)                 # heading plus its 40 mm fit
    pdf.judul_kecil("Judul sebelum paragraf")
    pdf.paragraf("Kalimat pertama paragraf ini. " * 30)
    pdf.judul_kecil("Judul sebelum gambar")
    pdf.gambar(_png(800, 400), "Gambar sesudah judul")
    assert pdf.judul_yatim == []
    halaman = _pdftotext(bytes(pdf.output()))
    assert "Judul sebelum paragraf" in halaman[0]
    hal = next(i for i, t in enumerate(halaman) if "Judul sebelum gambar" in t)
    assert "Gambar 1. Gambar sesudah judul" in halaman[hal]


def test_pendeteksi_judul_yatim_dari_bab_dan_subbab():
    # A heading drawn by the layout itself (bab/subbab) and marked with tandai_judul: a page
    # ending right after it is reported; content drawn after it clears it.
    pdf = _dok()
    _isi_sampai(pdf, 20)
    pdf.set_font(dokumen.FONT, "B", 11.5)
    pdf.multi_cell(0, 6, "A. Subbab tanpa ruang", new_x="LMARGIN", new_y="NEXT")
    pdf.tandai_judul("A. Subbab tanpa ruang")
    assert pdf.judul_menggantung()
    pdf.sisakan(60)
    assert pdf.judul_yatim == ["A. Subbab tanpa ruang"]
    pdf.multi_cell(0, 6, "B. Subbab dengan isi", new_x="LMARGIN", new_y="NEXT")
    pdf.tandai_judul("B. Subbab dengan isi")
    pdf.paragraf("Isi subbab.")
    assert not pdf.judul_menggantung()
    pdf.add_page()
    assert pdf.judul_yatim == ["A. Subbab tanpa ruang"]


def test_pengukuran_baris_tidak_memindahkan_judul():
    # multi_cell's dry run (measuring lines) breaks pages that fpdf2 throws away
    pdf = _dok()
    _isi_sampai(pdf, 52)
    pdf.judul_kecil("Judul tetap di tempat")
    pdf.multi_cell(0, 5, "Baris panjang. " * 400, dry_run=True, output="LINES")
    assert pdf.judul_menggantung() and pdf.judul_yatim == [] and pdf.page == 1
    assert "Judul tetap di tempat" in _pdftotext(bytes(pdf.output()))[0]


def test_sisakan_tidak_membuat_halaman_kosong():
    pdf = _dok()
    assert not pdf.sisakan(500)          # taller than a page: stays on the fresh page
    assert pdf.page == 1


@functools.cache
def _dok_ukur() -> dokumen._Dokumen:
    return _dok()       # measuring only: one document serves every example


# words of every length (one wider than a narrow cell), amounts kept whole by no-break spaces,
# several spaces, tabs and thin spaces, newlines (also doubled and trailing)
_KATA = st.sampled_from(["a", "di", "dan", "capaian", "Inspektorat", "Rp\u00a07.582.146.000",
                         "95,72\u00a0%", "(100,00\u00a0%)", "Penyelenggaraan", "—", "«ä»",
                         "Kabupaten" * 4, "1.234.567,89"])
_JEDA = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u2009", " \n"])


@settings(max_examples=300, deadline=None)
@given(kata=st.lists(st.tuples(_KATA, _JEDA), max_size=40), lebar=st.floats(12, 166),
       gaya=st.sampled_from(["", "B", "I"]), ukuran=st.sampled_from([9, 9.5, 11, 14]))
def test_hitung_baris_sama_dengan_fpdf2(kata, lebar, gaya, ukuran):
    # the page layer counts lines without fpdf2's costly trial layout: same count, always
    pdf = _dok_ukur()
    pdf.set_font(dokumen.FONT, gaya, ukuran)
    teks = "".join(k + j for k, j in kata)
    n = pdf._hitung_baris(lebar, teks)
    try:
        fpdf2 = len(pdf.multi_cell(lebar, 5, teks, dry_run=True, output="LINES",
                                   markdown=False)) or 1
    except Exception:  # a character wider than the cell: the replay leaves it to fpdf2
        assert n is None
        return
    assert n == fpdf2, (teks, lebar)


# --- the cover letter ---

@pytest.fixture(scope="module")
def con_surat(_templat_demo, tmp_path_factory):
    c = buka(salinan_demo(_templat_demo, tmp_path_factory, "surat"))
    yield c
    c.close()


def _teks_surat(data) -> tuple[str, bytes]:
    pdf = laporan.buat_surat_pengantar(data)
    assert len(_pdftotext(pdf)) == 1
    halaman = _pdftotext(pdf, "-raw")
    assert len(halaman) == 1
    return _rata(halaman[0]), pdf


def test_surat_kepada_bupati_cq_yth_sekali_tanpa_tembusan_ganda(con_surat):
    ks = pelaku(con_surat, "kasubag")
    for kepada in (None, "Kepada Yth. Bupati Wonosobo", "Yth. Bupati Wonosobo", "yth bupati wonosobo"):
        data = laporan.data_surat(con_surat, ks, 2025, "700/45/2026", dt.date(2026, 2, 3),
                                  kepada, tembusan=["1. Yth. Bupati Wonosobo (sebagai laporan);",
                                                    "Sekretaris Daerah Kabupaten Wonosobo",
                                                    "", "Arsip."])
        teks, _ = _teks_surat(data)
        assert teks.count("Yth.") == 1, kepada
        assert re.search(r"Yth\. Bupati Wonosobo", teks, re.I), kepada
        assert teks.lower().count("bupati wonosobo") == 1, kepada
        assert _rata(CQ) in teks and "di WONOSOBO" in teks
        assert "1. Sekretaris Daerah Kabupaten Wonosobo; 2. Arsip." in teks
        assert "Yth. Menteri" not in teks and "JAKARTA" not in teks
        assert "Wonosobo, 3 Februari 2026" in teks


@pytest.mark.parametrize("ketikan, hasil", [
    ("Kepada Yth. Bupati Wonosobo", "Bupati Wonosobo"), ("Yth. Bupati Wonosobo", "Bupati Wonosobo"),
    ("yth bupati", "bupati"), ("Kepada: Yth. Yth. Bupati", "Bupati"), ("  Bupati  ", "Bupati"),
    ("KEPADA <b>", "KEPADA <b>"), ("Ythx", "Ythx"), ("", ""), (None, ""),
])
def test_yth_dicetak_sekali(ketikan, hasil):
    assert laporan.DataSurat.tanpa_yth(ketikan) == hasil


def test_surat_tembusan_bawaan_hanya_arsip(con_surat):
    data = laporan.data_surat(con_surat, pelaku(con_surat, "kasubag"), 2025, "700/45/2026",
                              dt.date(2026, 2, 3))
    assert data.tembusan == ["Arsip"] and data.cq == CQ
    teks, _ = _teks_surat(data)
    assert teks.endswith("Tembusan: 1. Arsip.")


def test_surat_ke_tujuan_lain_tanpa_cq_bawaan(con_surat):
    data = laporan.data_surat(con_surat, pelaku(con_surat, "kasubag"), 2025, "700/45/2026",
                              dt.date(2026, 2, 3), kepada="Sekretaris Daerah Kabupaten Wonosobo")
    assert data.kepada == "Sekretaris Daerah Kabupaten Wonosobo" and data.cq == ""
    data = laporan.data_surat(con_surat, pelaku(con_surat, "kasubag"), 2025, "700/45/2026",
                              dt.date(2026, 2, 3), cq="cq Kepala Bagian Tata Pemerintahan")
    assert data.cq == "c.q. Kepala Bagian Tata Pemerintahan"


@pytest.mark.parametrize("nomor, tanggal, pesan", [
    ("700/45/2025", dt.date(2026, 1, 5), "Nomor surat 700/45/2025 memuat tahun 2025"),
    ("050/LKjIP/2027", dt.date(2026, 1, 5), "memuat tahun 2027"),
    ("700/45/2026", dt.date(2025, 12, 30), "Tanggal surat pengantar 30 Desember 2025"),
])
def test_surat_nomor_atau_tanggal_tahun_lain_ditolak(con_surat, nomor, tanggal, pesan):
    with pytest.raises(DataTidakValid, match=pesan) as e:
        laporan.data_surat(con_surat, pelaku(con_surat, "kasubag"), 2025, nomor, tanggal)
    assert e.value.kolom in ("nomor", "tanggal")


def test_surat_nomor_tanpa_tahun_atau_tahun_sama_diterima():
    for nomor in ("700/45/INSP", "700/1234/2026", "050/2026/LKjIP"):
        assert laporan.DataSurat.masalah(nomor, dt.date(2026, 1, 5), 2025) is None
    assert laporan.DataSurat.masalah("700/1/2027", dt.date(2027, 3, 1), 2025) is None


def test_surat_draf_hanya_bila_laporan_belum_ditandatangani(con_surat):
    ks = pelaku(con_surat, "kasubag")
    # the demo's 2024 is signed (its letter dated by the step 12 record, 16 January 2025)
    ttd = laporan.data_surat(con_surat, ks, 2024, "050/17/2025")
    assert not ttd.draf and ttd.tanggal == dt.date(2025, 1, 16)
    teks, pdf = _teks_surat(ttd)
    assert _gambar_draf(pdf) == [0] and "Draf" not in teks
    draf = laporan.data_surat(con_surat, ks, 2025, "700/45/2026", dt.date(2026, 2, 3))
    assert draf.draf
    teks, pdf = _teks_surat(draf)
    assert _gambar_draf(pdf) == [1]
    assert "Draf — laporan belum ditandatangani" in teks
    _bersih(teks)


def test_surat_esr_akan_diunggah_dan_ukuran_huruf(con_surat, monkeypatch):
    data = laporan.data_surat(con_surat, pelaku(con_surat, "kasubag"), 2025, "700/45/2026",
                              dt.date(2026, 2, 3))
    dibuat: list[_Rekam] = []

    def rekam(*a, **k):
        dibuat.append(_Rekam(*a, **k))
        return dibuat[-1]

    monkeypatch.setattr(surat, "_Dokumen", rekam)
    teks, _ = _teks_surat(data)
    assert "akan kami unggah pada aplikasi e-SAKIP Reviu (ESR)" in teks
    assert "kami sampaikan melalui aplikasi" not in teks
    ukuran = {t: u for u, t in dibuat[0].ukuran}
    assert ukuran["Dengan hormat,"] >= 11 and ukuran["Yth. Bupati Wonosobo"] >= 11
    assert 11 <= min(u for u, t in dibuat[0].ukuran if t.startswith("Memenuhi")) <= 12
    assert ukuran["Tembusan:"] >= 11


def test_kop_surat_memuat_kontak_yang_diisi_saja(con_surat):
    admin = pelaku(con_surat, "admin")
    ks = pelaku(con_surat, "kasubag")
    profil.simpan_profil(con_surat, admin, alamat="Jl. Sabuk Alu No. 2 Wonosobo 56311",
                         telepon="", email="inspektorat@wonosobokab.go.id", laman="")
    teks, _ = _teks_surat(laporan.data_surat(con_surat, ks, 2025, "700/45/2026",
                                             dt.date(2026, 2, 3)))
    assert "Jl. Sabuk Alu No. 2 Wonosobo 56311" in teks
    assert "Email inspektorat@wonosobokab.go.id" in teks
    assert "Telepon" not in teks and "Laman" not in teks
    profil.simpan_profil(con_surat, admin, telepon="(0286) 321234",
                         laman="https://inspektorat.wonosobokab.go.id")
    teks, _ = _teks_surat(laporan.data_surat(con_surat, ks, 2025, "700/45/2026",
                                             dt.date(2026, 2, 3)))
    assert "Telepon (0286) 321234" in teks and "Laman inspektorat.wonosobokab.go.id" in teks


def test_laporan_draf_bersih_saat_disalin_dan_bertanda_draf(con_surat):
    data = laporan.kumpulkan_data(con_surat, pelaku(con_surat, "kasubag"), 2025)
    pdf = laporan.buat_laporan(data)
    halaman = _pdftotext(pdf)
    for teks in halaman:
        _bersih(teks)
    assert all(n == 1 for n in _gambar_draf(pdf))


# --- the letter's form ---

def test_formulir_surat_cq_dan_tembusan(db_file):
    at = app("kasubag", "ekspor_laporan")
    assert at.text_input(key="surat_cq").value == CQ
    at.text_input(key="surat_nomor").input("700/45/2026")
    at.date_input(key="surat_tanggal").set_value(dt.date(2026, 2, 3))
    at.text_input(key="surat_cq").input("c.q. Kepala Bagian Tata Pemerintahan")
    at.text_area(key="surat_tembusan").input("Sekretaris Daerah Kabupaten Wonosobo\nArsip")
    tombol(at, "Buat surat pengantar").click()
    at.run()
    assert not at.exception and not at.error
    _, pdf = at.session_state["pdf_surat"]
    assert at.session_state["pdf_surat_draf"] and any("DRAF" in w.value for w in at.warning)
    teks = _rata(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "c.q. Kepala Bagian Tata Pemerintahan" in teks
    assert "1. Sekretaris Daerah Kabupaten Wonosobo;" in teks and "2. Arsip." in teks
    at.text_input(key="surat_nomor").input("700/45/2025")
    tombol(at, "Buat surat pengantar").click()
    at.run()
    assert at.error and "memuat tahun 2025" in at.error[0].value
