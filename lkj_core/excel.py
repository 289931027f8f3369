"""Excel round trip for bidang data intake: the per-unit template, reading a filled template
back for preview (every problem by row and column), and the whole-year export.

The "Isian" sheet keeps its header in row 1 and one indicator per row so that parsing stays
simple and every error can be pointed at an Excel row and column the user can find.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
# The streaming parser behind openpyxl's read-only mode, driven directly (see _baca_lembar).
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from lkj_core.angka import bulatkan, format_angka, format_nilai, format_persen
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.isian import (KOLOM_NARASI, LABEL_KOLOM, LABEL_STATUS, PANJANG_NARASI_MAKS,
                            TRIWULAN, IsianKinerja, validasi_isian)
from lkj_core.organisasi import DataTidakValid

__all__ = ["KOLOM", "KOLOM_REFERENSI", "KOLOM_ISIAN", "LEMBAR_ISIAN", "LEMBAR_PETUNJUK",
           "MAKS_BARIS", "MAKS_UKURAN", "KOLOM_EKSPOR", "Kesalahan", "BarisImpor", "HasilBaca",
           "buat_templat", "baca_isian_xlsx", "ekspor_tahun_xlsx"]

LEMBAR_ISIAN = "Isian"
LEMBAR_PETUNJUK = "Petunjuk"
_ROMAWI = {"tw1": "I", "tw2": "II", "tw3": "III", "tw4": "IV"}

# (header text, key) in sheet order; shared by the template writer, the parser and the tests.
KOLOM: list[tuple[str, str]] = [
    ("Kode Indikator", "kode"),
    ("Indikator Kinerja", "nama"),
    ("Satuan", "satuan"),
    ("Polaritas", "polaritas"),
    ("Target", "target"),
    ("Target Batas Atas", "target_atas"),
    ("Realisasi Tahun Lalu", "realisasi_lalu"),
    ("Realisasi", "nilai"),
    *((f"Realisasi TW {_ROMAWI[t]}", t) for t in TRIWULAN),
    *((label, kunci) for kunci, label in KOLOM_NARASI.items()),
]
KOLOM_REFERENSI = [k for _, k in KOLOM[:7]]   # pre-filled, for reading only
KOLOM_ISIAN = [k for _, k in KOLOM[7:]]       # what the user fills
_JUDUL = {k: h for h, k in KOLOM}
_ANGKA = {"target", "target_atas", "realisasi_lalu", "nilai", *TRIWULAN}

MAKS_UKURAN = 10 * 1024 * 1024
MAKS_BARIS = 2000
# A 10 MB upload can still unpack to gigabytes (zip bomb); real templates stay far below this.
MAKS_UKURAN_TERBUKA = 100 * 1024 * 1024
# openpyxl's time and memory grow with the number of XML elements, not with bytes: a few MB of
# "<c/>" or "<si/>" take minutes. A full 2 000-row template holds about 250 000 tags.
MAKS_TAG = 500_000
# openpyxl opens every declared sheet while loading, even in read-only mode.
MAKS_LEMBAR = 100
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
TERKUNCI = ("diajukan", "diverifikasi")

_TIPIS = Side(style="thin", color="BFBFBF")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ISI_JUDUL = PatternFill("solid", fgColor="1F4E78")
_FONT_JUDUL = Font(bold=True, color="FFFFFF")
_ISI_REFERENSI = PatternFill("solid", fgColor="E7E6E6")
_ISI_DIISI = PatternFill("solid", fgColor="FFF9DB")
_ISI_TERKUNCI = PatternFill("solid", fgColor="D0CECE")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_LEBAR = {"kode": 14, "nama": 48, "satuan": 10, "polaritas": 11, "target": 11,
          "target_atas": 12, "realisasi_lalu": 13, "nilai": 12, **{t: 12 for t in TRIWULAN}}
_LEBAR_NARASI = 40


# --- small helpers ---

def _angka_atau_none(x) -> float | None:
    """A plain float from a DataFrame value, None for NaN/NA/None."""
    if x is None or x is pd.NA:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return float(x)


def _teks_atau_none(x) -> str | None:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return str(x)


def _tulis(cell: Cell, nilai) -> None:
    """Write a value; text is always stored as text so that a name or narrative starting with
    '=' can never become a live formula in the workbook (spreadsheet formula injection)."""
    cell.value = nilai
    if isinstance(nilai, str) and cell.data_type == "f":
        cell.data_type = "s"


def _ringkas(teks, maks: int = 60) -> str:
    # Messages quote what is in the file; a 32 000-character cell quoted in thousands of
    # messages would take gigabytes.
    teks = str(teks)
    return teks if len(teks) <= maks else teks[:maks - 1] + "…"


def _hf(teks: str) -> str:
    # '&' starts a control code in Excel header/footer text.
    return teks.replace("&", "&&")


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _simpan(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _format_judul(ws: Worksheet, n_kolom: int) -> None:
    for c in range(1, n_kolom + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = _FONT_JUDUL
        cell.fill = _ISI_JUDUL
        cell.border = _BINGKAI
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = 45


# --- 1. template ---

def buat_templat(df: pd.DataFrame, tahun: int, unit: str, instansi: str) -> bytes:
    """The unit's intake template (.xlsx): sheet "Isian" pre-filled per indicator, "Petunjuk"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = LEMBAR_ISIAN
    for c, (judul, _) in enumerate(KOLOM, start=1):
        ws.cell(row=1, column=c, value=judul)
    _format_judul(ws, len(KOLOM))

    terkunci: list[str] = []
    for r, baris in enumerate(df.to_dict("records"), start=2):
        status = baris.get("status") or "belum"
        kunci = status in TERKUNCI
        if kunci:
            terkunci.append(f"{baris['kode']} ({LABEL_STATUS.get(status, status)})")
        for c, (_, k) in enumerate(KOLOM, start=1):
            cell = ws.cell(row=r, column=c)
            if k in KOLOM_REFERENSI:
                nilai = baris.get(k)
                # Only a rentang indicator has an upper bound; other rows keep the cell empty.
                _tulis(cell, _angka_atau_none(nilai) if k in _ANGKA else _teks_atau_none(nilai))
                cell.fill = _ISI_REFERENSI
            else:
                cell.fill = _ISI_TERKUNCI if kunci else _ISI_DIISI
            cell.border = _BINGKAI
            cell.alignment = _BUNGKUS
            if k in _ANGKA:
                cell.number_format = "General"

    for c, (_, k) in enumerate(KOLOM, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _LEBAR.get(k, _LEBAR_NARASI)
    # Rows and the code/name columns stay visible while scrolling through the wide sheet.
    ws.freeze_panes = "C2"
    judul = f"{instansi} — {unit} — Tahun {tahun}"
    ws.oddHeader.center.text = _hf(judul)
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = "1:1"

    _lembar_petunjuk(wb.create_sheet(LEMBAR_PETUNJUK), tahun, unit, instansi, terkunci)

    wb.properties.title = f"Templat Isian Kinerja {unit} Tahun {tahun}"
    wb.properties.subject = instansi
    wb.properties.creator = "Aplikasi LKj"
    wb.properties.keywords = f"LKj; {unit}; {tahun}"
    # Read back on upload to catch a template of another year being imported into this one.
    wb.custom_doc_props.append(IntProperty(name="LKj Tahun", value=int(tahun)))
    wb.custom_doc_props.append(StringProperty(name="LKj Unit", value=str(unit)))
    wb.custom_doc_props.append(StringProperty(name="LKj Instansi", value=str(instansi)))
    return _simpan(wb)


def _lembar_petunjuk(ws: Worksheet, tahun: int, unit: str, instansi: str,
                     terkunci: list[str]) -> None:
    isian = ", ".join(h for h, k in KOLOM if k in KOLOM_ISIAN)
    baris: list[str] = [
        f"1. Isi data pada lembar \"{LEMBAR_ISIAN}\". Satu baris = satu indikator kinerja.",
        "2. Kolom berwarna abu-abu (Kode Indikator sampai Realisasi Tahun Lalu) hanya untuk "
        "dibaca. Perubahan di kolom ini tidak disimpan: aplikasi selalu memakai target yang "
        "tercatat di aplikasi.",
        f"3. Kolom yang diisi (berwarna kuning muda): {isian}.",
        "4. Angka boleh ditulis dengan koma atau titik sebagai desimal, misalnya 96,47 atau "
        "96.47. Tulis angkanya saja tanpa satuan. Untuk ribuan tulis tanpa pemisah (1234) "
        "atau lengkap (1.234,5) agar tidak meragukan.",
        "5. Sel yang dibiarkan kosong berarti tidak diubah: data yang sudah tersimpan di "
        "aplikasi tetap dipakai.",
        "6. Jangan mengubah judul kolom, urutan kolom, nama lembar, atau kode indikator. "
        "Jangan menambah atau menghapus kolom.",
        "7. Jangan memakai rumus. Bila menyalin dari berkas lain, tempel sebagai nilai "
        "(klik kanan → Tempel Spesial → Nilai).",
        "8. Jangan menggabungkan sel (merge) dan jangan menyisakan baris kosong di antara "
        "baris data.",
        "9. Capaian dan kategori dihitung otomatis oleh aplikasi; tidak perlu diisi.",
        f"10. Setiap kolom narasi paling banyak {format_angka(PANJANG_NARASI_MAKS, 0)} "
        "karakter.",
        "11. Isian yang sudah diajukan atau terverifikasi tidak dapat diubah lewat Excel "
        "(barisnya berwarna abu-abu). Bila perlu diubah, minta verifikator mengembalikannya.",
        "12. Simpan sebagai Buku Kerja Excel (.xlsx) tanpa kata sandi. Ukuran berkas paling "
        f"besar {MAKS_UKURAN // (1024 * 1024)} MB dan paling banyak "
        f"{format_angka(MAKS_BARIS, 0)} baris data.",
        "13. Unggah kembali berkas ini di aplikasi LKj. Anda akan melihat pratinjau dan daftar "
        "masalah (nomor baris dan kolom) sebelum data disimpan.",
    ]
    if terkunci:
        baris.append("Indikator yang terkunci pada templat ini: " + ", ".join(terkunci) + ".")

    ws["A1"] = "Petunjuk Pengisian Templat Isian Kinerja"
    ws["A1"].font = Font(bold=True, size=14)
    for r, (label, nilai) in enumerate((("Instansi", instansi), ("Unit kerja", unit),
                                        ("Tahun", int(tahun))), start=3):
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        _tulis(ws.cell(row=r, column=2), nilai)
    for r, teks in enumerate(baris, start=7):
        cell = ws.cell(row=r, column=1)
        _tulis(cell, teks)
        # Long lines sit in A with B merged in for width; Petunjuk is never parsed.
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * (1 + len(teks) // 95)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90


# --- 2. reading an upload ---

@dataclass
class Kesalahan:
    """One problem in an uploaded workbook: Excel row, column header text, message."""

    baris: int | None
    kolom: str | None
    pesan: str


@dataclass
class BarisImpor:
    """One filled row, validated and ready to import.

    `nilai` is validasi_isian's output: every intake key, None where the cell was empty,
    which means "keep what is stored" (see `diisi`).
    """

    baris: int
    indikator_id: int
    kode: str
    isi: IsianKinerja
    nilai: dict
    capaian: float | None
    kategori: str | None
    nama: str = ""

    @property
    def diisi(self) -> dict:
        """Only the columns the user filled (an empty cell does not change stored data)."""
        return {k: v for k, v in self.nilai.items() if v is not None}


@dataclass
class HasilBaca:
    """The outcome of reading an upload: the valid filled rows and every problem found."""

    baris: list[BarisImpor] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.kesalahan

    def pratinjau(self) -> pd.DataFrame:
        """The filled rows for preview, with values and capaian formatted the Indonesian way."""
        kolom = ["Baris", "Kode", "Indikator", "Realisasi", "Capaian", "Kategori",
                 "Narasi diisi"]
        data = [{
            "Baris": b.baris, "Kode": b.kode, "Indikator": b.nama,
            "Realisasi": ("(tidak diubah)" if b.nilai.get("nilai") is None
                          else format_nilai(b.nilai["nilai"])),
            "Capaian": format_persen(b.capaian),
            "Kategori": b.kategori or "-",
            "Narasi diisi": "Ya" if any(b.nilai.get(k) for k in KOLOM_NARASI) else "Tidak",
        } for b in self.baris]
        return pd.DataFrame(data, columns=kolom)

    def tabel_kesalahan(self) -> pd.DataFrame:
        """The problems as a table (Baris, Kolom, Masalah); whole-file problems show '-'."""
        data = [{"Baris": "-" if k.baris is None else str(k.baris),
                 "Kolom": k.kolom or "-", "Masalah": k.pesan} for k in self.kesalahan]
        return pd.DataFrame(data, columns=["Baris", "Kolom", "Masalah"])


class _BerkasDitolak(Exception):
    """The file as a whole cannot be read; carries the single user-facing message."""


_PESAN_RUSAK = ("Berkas Excel rusak atau tidak lengkap sehingga tidak dapat dibaca. Buka di "
                "Excel lalu simpan ulang sebagai .xlsx, atau unduh templat baru dari aplikasi.")
_PESAN_BUKAN_XLSX = ("Berkas ini bukan berkas Excel .xlsx. Unduh templat dari aplikasi, isi, "
                     "lalu unggah kembali dalam format .xlsx.")


def _periksa_berkas(data: bytes) -> None:
    """Cheap checks on the raw bytes before any parsing."""
    if not data:
        raise _BerkasDitolak("Berkas kosong (0 byte). Pilih berkas templat yang sudah diisi, "
                             "lalu unggah lagi.")
    if len(data) > MAKS_UKURAN:
        raise _BerkasDitolak(
            f"Ukuran berkas {format_angka(len(data) / (1024 * 1024), 1)} MB melebihi batas "
            f"{MAKS_UKURAN // (1024 * 1024)} MB. Hapus lembar atau gambar yang tidak perlu, "
            "atau bagi menjadi beberapa berkas.")
    if data[:8] == _OLE2:
        # Both legacy .xls and password-encrypted .xlsx are OLE2 containers.
        raise _BerkasDitolak(
            "Berkas ini terkunci kata sandi atau berformat Excel lama (.xls). Buka di Excel, "
            "hapus kata sandinya, lalu simpan sebagai \"Buku Kerja Excel (.xlsx)\".")
    if not data.startswith(b"PK"):
        raise _BerkasDitolak(_PESAN_BUKAN_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            nama = zf.namelist()
            terbuka = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _BerkasDitolak(_PESAN_RUSAK) from None
    if "xl/workbook.xml" not in nama:
        # A zip but not a spreadsheet (e.g. .docx or .ods renamed).
        raise _BerkasDitolak(_PESAN_BUKAN_XLSX)
    if terbuka > MAKS_UKURAN_TERBUKA or _jumlah_tag(data) > MAKS_TAG:
        raise _BerkasDitolak(
            "Isi berkas terlalu besar untuk diproses (terlalu banyak sel, baris, lembar atau "
            f"teks). Templat memuat paling banyak {format_angka(MAKS_BARIS, 0)} baris data: "
            "gunakan templat dari aplikasi, hapus lembar dan baris yang tidak perlu, atau bagi "
            "menjadi beberapa berkas.")


def _jumlah_tag(data: bytes) -> int:
    """How many XML tags all parts hold (counted up to just past MAKS_TAG), decompressed as a
    stream; zipfile stops each part at its declared size, which _periksa_berkas has bounded."""
    jumlah = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                with zf.open(info) as fh:
                    while blok := fh.read(1 << 20):
                        jumlah += blok.count(b"<")
                        if jumlah > MAKS_TAG:
                            return jumlah
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, zlib.error):
        # Bad CRC, truncated data, an encrypted or unknown-method member.
        raise _BerkasDitolak(_PESAN_RUSAK) from None
    return jumlah


def _buka(data: bytes, read_only: bool) -> openpyxl.Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (e.g. some validations); harmless.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only,
                                          data_only=False, keep_links=False)
    except Exception:
        # Malformed files raise many kinds of errors inside openpyxl; an upload must never
        # crash the page, and all of them mean the same thing to the user.
        raise _BerkasDitolak(_PESAN_RUSAK) from None


def _lembar(wb):
    """The one visible worksheet named Isian (a chart sheet of that name does not count)."""
    cocok = [ws for ws in wb.worksheets
             if ws.title.strip().casefold() == LEMBAR_ISIAN.casefold()]
    if not cocok:
        raise _BerkasDitolak(f"Lembar \"{LEMBAR_ISIAN}\" tidak ditemukan. Gunakan templat dari "
                             "aplikasi dan jangan mengganti nama lembar.")
    if len(cocok) > 1:
        # Which one the user filled cannot be told; reading the wrong one would import (or
        # ignore) data the user did not mean.
        nama = ", ".join(f"\"{_ringkas(ws.title)}\"" for ws in cocok)
        raise _BerkasDitolak(f"Ada {len(cocok)} lembar bernama \"{LEMBAR_ISIAN}\" ({nama}). "
                             "Sisakan satu lembar isian saja, lalu unggah lagi.")
    if cocok[0].sheet_state != "visible":
        raise _BerkasDitolak(f"Lembar \"{LEMBAR_ISIAN}\" disembunyikan (hidden), jadi isinya "
                             "tidak terlihat oleh Anda. Tampilkan lembar itu (klik kanan tab "
                             "lembar → Unhide), periksa isinya, simpan, lalu unggah lagi.")
    return cocok[0]


def _pesan_baris_lebih(r: int) -> str:
    maks = format_angka(MAKS_BARIS, 0)
    return (f"Ada isian di baris {format_angka(r, 0)}, padahal templat memuat paling banyak "
            f"{maks} baris data (baris 2 sampai {format_angka(MAKS_BARIS + 1, 0)}). Hapus isian "
            f"di bawah tabel; bila datanya memang lebih dari {maks} baris, bagi menjadi "
            "beberapa berkas.")


def _baca_lembar(data: bytes) -> tuple[dict[int, dict[int, dict]], list[CellRange], dict]:
    """The sheet Isian, streamed: row -> column -> cell (openpyxl's dict with value and
    data_type) for every row holding anything, its merged ranges, and the custom properties.

    Only this sheet is parsed: never the other sheets, comments or drawings, which a full
    load would build (a merged range A1:XFD1048576 anywhere made openpyxl create 17 billion
    cells). Rows and columns stay sparse, so a cell at XFD1048576 costs one cell, not the
    rectangle up to it, and the dimension tag (anyone can write it) is never used.
    """
    try:
        pembaca = ExcelReader(io.BytesIO(data), read_only=True, keep_links=False)
        try:
            pembaca.read_manifest()
            pembaca.read_workbook()
            jumlah_lembar = len(pembaca.parser.sheets)
        finally:
            pembaca.archive.close()
    except Exception:
        raise _BerkasDitolak(_PESAN_RUSAK) from None
    if jumlah_lembar > MAKS_LEMBAR:
        raise _BerkasDitolak(f"Berkas berisi {format_angka(jumlah_lembar, 0)} lembar kerja. "
                             "Gunakan templat dari aplikasi dan hapus lembar yang tidak perlu.")
    wb = _buka(data, read_only=True)
    try:
        ws = _lembar(wb)
        baris: dict[int, dict[int, dict]] = {}
        with ws._get_source() as src, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # The same arguments openpyxl's read-only rows use, so values (dates, formulas as
            # "=...", shared strings) are exactly what iter_rows would give.
            parser = WorkSheetParser(src, ws._shared_strings, data_only=False,
                                     epoch=wb.epoch, date_formats=wb._date_formats,
                                     timedelta_formats=wb._timedelta_formats)
            for r, sel in parser.parse():
                if r < 1:
                    raise _BerkasDitolak(_PESAN_RUSAK)
                if any(not _kosong(c["value"]) for c in sel):
                    if r > MAKS_BARIS + 1:
                        raise _BerkasDitolak(_pesan_baris_lebih(r))
                    baris[r] = {c["column"]: c for c in sel}
        gabung = [CellRange(m.ref) for m in parser.merged_cells.mergeCell] \
            if parser.merged_cells else []
        prop = {p.name: p.value for p in wb.custom_doc_props}
    except _BerkasDitolak:
        raise
    except Exception:
        raise _BerkasDitolak(_PESAN_RUSAK) from None
    finally:
        wb.close()
    return baris, gabung, prop


def _norm(v) -> str:
    return " ".join(str(v).split()).casefold() if v is not None else ""


def _judul_kolom(c: int) -> str:
    return KOLOM[c - 1][0] if 1 <= c <= len(KOLOM) else f"Kolom {get_column_letter(c)}"


def _periksa_judul(judul: list) -> list[Kesalahan]:
    """Every header problem: missing, unknown, duplicated or moved columns."""
    harapan = [h for h, _ in KOLOM]
    while judul and _kosong(judul[-1]):
        judul.pop()
    ada = {_norm(v): c for c, v in enumerate(judul, start=1) if not _kosong(v)}
    salah: list[Kesalahan] = []
    lihat: set[str] = set()
    for c, v in enumerate(judul, start=1):
        huruf = get_column_letter(c)
        if _kosong(v):
            salah.append(Kesalahan(1, f"Kolom {huruf}", f"Kolom {huruf} tidak berjudul. Hapus "
                                   "kolom tambahan ini atau kembalikan judulnya seperti di "
                                   "templat."))
        elif _norm(v) in lihat:
            teks = _ringkas(str(v).strip())
            salah.append(Kesalahan(1, teks, f"Judul kolom \"{teks}\" muncul lebih dari sekali "
                                   f"(kolom {huruf})."))
        elif _norm(v) not in {_norm(h) for h in harapan}:
            teks = _ringkas(str(v).strip())
            salah.append(Kesalahan(1, teks, f"Kolom \"{teks}\" (kolom "
                                   f"{huruf}) tidak dikenal: judulnya diubah atau kolomnya "
                                   "ditambahkan. Kembalikan judul seperti di templat atau "
                                   "hapus kolom ini."))
        lihat.add(_norm(v))
    hilang = [h for h in harapan if _norm(h) not in ada]
    for h in hilang:
        salah.append(Kesalahan(1, h, f"Kolom \"{h}\" tidak ada (terhapus atau judulnya "
                               "diubah). Gunakan templat dari aplikasi."))
    if not salah:
        for c, h in enumerate(harapan, start=1):
            if ada[_norm(h)] != c:
                salah.append(Kesalahan(1, h, f"Urutan kolom berubah: \"{h}\" seharusnya di "
                                       f"kolom {get_column_letter(c)}, sekarang di kolom "
                                       f"{get_column_letter(ada[_norm(h)])}. Jangan "
                                       "memindahkan kolom."))
    return salah


def _teks_kode(v) -> str:
    # A code typed as a number (e.g. 1 or 1.1) arrives as int/float.
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip() if v is not None else ""


def _masukan(v):
    """A cell value as validasi_isian takes it: numbers stay numbers (so a numeric 1.234 is
    not re-read as an ambiguous text), everything else as text."""
    if v is None or isinstance(v, (int, float, str)):
        return "" if v is None else v
    return str(v)


def baca_isian_xlsx(data: bytes, indikator: pd.DataFrame, tahun: int | None = None,
                    skala=None) -> HasilBaca:
    """Read a filled template for preview: the valid filled rows and every problem found."""
    try:
        _periksa_berkas(data)
        sel, gabung, prop = _baca_lembar(data)
    except _BerkasDitolak as exc:
        return HasilBaca(kesalahan=[Kesalahan(None, None, str(exc))])
    hasil = HasilBaca()
    salah = hasil.kesalahan

    if tahun is not None:
        tahun_berkas = prop.get("LKj Tahun")
        if tahun_berkas is not None and str(tahun_berkas) != str(tahun):
            salah.append(Kesalahan(None, None, f"Berkas ini templat tahun "
                                   f"{_ringkas(tahun_berkas)}, "
                                   f"sedangkan yang diimpor tahun {tahun}. Unduh templat "
                                   f"tahun {tahun}."))

    n = len(KOLOM)
    akhir = max(sel, default=1)  # last row with anything in it; rows after it are trailing

    def nilai(r: int, c: int):
        return sel.get(r, {}).get(c, {}).get("value")

    for rng in sorted(gabung, key=lambda m: (m.min_row, m.min_col)):
        if rng.min_row <= akhir and rng.min_col <= n:
            salah.append(Kesalahan(rng.min_row, _judul_kolom(rng.min_col),
                                   f"Sel {rng.coord} digabung (merge). Pisahkan sel "
                                   "(Unmerge) lalu isi setiap sel sendiri-sendiri."))
    for r in sorted(sel):
        for c in sorted(sel[r]):
            if sel[r][c]["data_type"] == "f":
                salah.append(Kesalahan(r, _judul_kolom(c), f"Sel {get_column_letter(c)}{r} "
                                       "berisi rumus; salin lalu tempel sebagai nilai (Tempel "
                                       "Spesial → Nilai)."))

    judul = _periksa_judul([nilai(1, c) for c in range(1, max(sel.get(1, {}), default=0) + 1)])
    if judul:
        # With the columns wrong, reading values by position would report nonsense.
        salah.extend(judul)
        return hasil

    daftar = {_teks_kode(r["kode"]): r for r in indikator.to_dict("records")}
    kode_di: dict[str, int] = {}
    for r in range(2, akhir + 1):
        isi = sel.get(r, {})
        if not isi:  # only rows holding something non-empty were kept
            salah.append(Kesalahan(r, None, "Baris kosong di tengah data. Hapus baris ini "
                                   "(klik kanan nomor baris → Hapus)."))
            continue
        for c in sorted(isi):
            if c > n and not _kosong(isi[c]["value"]):
                salah.append(Kesalahan(r, _judul_kolom(c), f"Ada isian di luar kolom templat "
                                       f"(sel {get_column_letter(c)}{r}). Pindahkan ke kolom "
                                       "yang benar atau hapus."))
        v = {k: nilai(r, c) for c, (_, k) in enumerate(KOLOM, start=1)}
        if any(isi.get(c, {}).get("data_type") == "f" for c in range(1, n + 1)):
            continue  # already reported; a formula's text is not the value the user sees
        kode = _teks_kode(v["kode"])
        diisi = any(not _kosong(v[k]) for k in KOLOM_ISIAN)
        if kode:
            if kode in kode_di:
                salah.append(Kesalahan(r, _JUDUL["kode"], f"Kode \"{_ringkas(kode)}\" muncul "
                                       "lebih dari "
                                       f"sekali (juga di baris {kode_di[kode]}). Satu "
                                       "indikator hanya boleh satu baris."))
                continue
            kode_di[kode] = r
        if not diisi:
            continue  # only reference columns: nothing to change
        if not kode:
            salah.append(Kesalahan(r, _JUDUL["kode"], "Kode indikator kosong. Jangan menghapus "
                                   "kode; salin baris dari templat asli."))
            continue
        ind = daftar.get(kode)
        if ind is None:
            salah.append(Kesalahan(r, _JUDUL["kode"], f"Kode indikator \"{_ringkas(kode)}\" "
                                   "tidak dikenal "
                                   "atau bukan milik unit Anda. Jangan mengubah kolom kode."))
            continue
        status = ind.get("status") or "belum"
        if status in TERKUNCI:
            salah.append(Kesalahan(r, _JUDUL["kode"], f"Isian indikator {kode} berstatus "
                                   f"\"{LABEL_STATUS.get(status, status)}\" (sudah diajukan/"
                                   "terverifikasi); tidak dapat diubah lewat Excel. Kosongkan "
                                   "isian baris ini."))
            continue
        baris = _baca_baris(r, kode, ind, v, salah, skala)
        if baris is not None:
            hasil.baris.append(baris)
    # The preview offers only clean rows: a row touched by a merge or stray cell is suspect.
    bermasalah = {k.baris for k in salah}
    hasil.baris = [b for b in hasil.baris if b.baris not in bermasalah]
    return hasil


def _baca_baris(r: int, kode: str, ind: dict, v: dict, salah: list[Kesalahan],
                skala=None) -> BarisImpor | None:
    """Validate one filled row against the app's own target; errors go to `salah`."""
    target = _angka_atau_none(ind.get("target"))
    polaritas = ind.get("polaritas")
    ada_salah = False
    for k in ("nilai", *TRIWULAN):
        if isinstance(v[k], (dt.datetime, dt.date, dt.time, dt.timedelta)):
            # Excel turns some typed numbers (e.g. "3.5" in some locales) into dates.
            salah.append(Kesalahan(r, _JUDUL[k], f"{_JUDUL[k]}: terbaca sebagai tanggal/jam, "
                                   "bukan angka. Ubah format sel menjadi Umum/Angka lalu ketik "
                                   "ulang angkanya."))
            v[k] = None
            ada_salah = True
    isi = IsianKinerja(nilai=_masukan(v["nilai"]),
                       tw={t: _masukan(v[t]) for t in TRIWULAN},
                       narasi={k: "" if v[k] is None else str(v[k]) for k in KOLOM_NARASI})
    try:
        nilai = validasi_isian(isi, target)
    except DataTidakValid as exc:
        for k, pesan in exc.kesalahan.items():
            # validasi_isian labels columns "Realisasi TW 1"; the sheet says "Realisasi TW I".
            if pesan.startswith(LABEL_KOLOM.get(k, "\0")):
                pesan = _JUDUL.get(k, "") + pesan[len(LABEL_KOLOM[k]):]
            salah.append(Kesalahan(r, _JUDUL.get(k), pesan))
        return None
    if ada_salah:
        return None
    try:
        capaian = hitung_capaian(target, nilai["nilai"], polaritas,
                                 _angka_atau_none(ind.get("target_atas"))
                                 if polaritas == "rentang" else None)
    except ValueError:
        # A broken target set-up is the planner's to fix, not this upload's: show n/a.
        capaian = None
    if capaian is not None and not math.isfinite(capaian):
        # e.g. 1E+308 against a target of 3,5: stored, it would break every page showing it.
        salah.append(Kesalahan(r, _JUDUL["nilai"], f"{_JUDUL['nilai']}: nilainya terlalu besar "
                               f"dibanding target ({format_nilai(target)}) sehingga capaian "
                               "tidak dapat dihitung. Periksa kembali angkanya."))
        return None
    return BarisImpor(baris=r, indikator_id=int(ind["id"]), kode=kode, isi=isi, nilai=nilai,
                      capaian=capaian, kategori=kategori(capaian, skala),
                      nama=str(ind.get("nama") or ""))


# --- 3. yearly export ---

KOLOM_EKSPOR = ["Unit", "Sasaran", "Kode", "Indikator", "Satuan", "Polaritas", "Target",
                "Target Batas Atas", "Realisasi", "Realisasi Tahun Lalu", "Capaian (%)",
                "Kategori", "Status", *KOLOM_NARASI.values()]


def ekspor_tahun_xlsx(df: pd.DataFrame, tahun: int, instansi: str,
                      narasi: dict[int, dict] | None = None) -> bytes:
    """The year's data of every unit as one formatted sheet "Data {tahun}" (.xlsx).

    `df` is `isian.daftar_isian(con, pelaku, tahun)`: it needs id, unit, kode_sasaran (optional),
    sasaran, kode, nama, satuan, polaritas, target, target_atas, realisasi, realisasi_lalu,
    status, and uses its `kategori` column when present (it follows the instansi's scale).
    daftar_isian carries no narratives, so they come as `narasi`: indikator_id ->
    {KOLOM_NARASI key: text}.
    """
    narasi = narasi or {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"Data {tahun}"
    for c, judul in enumerate(KOLOM_EKSPOR, start=1):
        ws.cell(row=1, column=c, value=judul)
    _format_judul(ws, len(KOLOM_EKSPOR))
    c_capaian = KOLOM_EKSPOR.index("Capaian (%)") + 1

    for r, b in enumerate(df.to_dict("records"), start=2):
        pol = b.get("polaritas")
        target = _angka_atau_none(b.get("target"))
        atas = _angka_atau_none(b.get("target_atas")) if pol == "rentang" else None
        realisasi = _angka_atau_none(b.get("realisasi"))
        try:
            cap = hitung_capaian(target, realisasi, pol, atas)
        except ValueError:
            cap = None
        if "kategori" in b:
            kat = b.get("kategori")
            kat = None if _teks_atau_none(kat) is None else str(kat)
        else:
            kat = kategori(cap)
        # Stored rounded half-up like the app shows it (Excel would show 90.995 as 90.99);
        # an overflowed capaian cannot be stored as a number at all.
        cap_sel = bulatkan(cap, 2) if cap is not None and math.isfinite(cap) else None
        sasaran = _teks_atau_none(b.get("sasaran")) or ""
        if _teks_atau_none(b.get("kode_sasaran")):
            sasaran = f"{b['kode_sasaran']} {sasaran}".strip()
        teks = narasi.get(int(b["id"]), {}) if b.get("id") is not None else {}
        status = b.get("status") or "belum"
        isi = [_teks_atau_none(b.get("unit")), sasaran, _teks_atau_none(b.get("kode")),
               _teks_atau_none(b.get("nama")), _teks_atau_none(b.get("satuan")), pol,
               target, atas, realisasi, _angka_atau_none(b.get("realisasi_lalu")), cap_sel,
               kat, LABEL_STATUS.get(status, status),
               *(_teks_atau_none(teks.get(k)) for k in KOLOM_NARASI)]
        for c, x in enumerate(isi, start=1):
            cell = ws.cell(row=r, column=c)
            _tulis(cell, x)
            cell.border = _BINGKAI
            cell.alignment = _BUNGKUS
            if c == c_capaian:
                cell.number_format = "0.00"

    lebar = {"Unit": 24, "Sasaran": 36, "Kode": 10, "Indikator": 44, "Satuan": 10,
             "Polaritas": 11, "Kategori": 14, "Status": 14}
    for c, judul in enumerate(KOLOM_EKSPOR, start=1):
        ws.column_dimensions[get_column_letter(c)].width = lebar.get(
            judul, _LEBAR_NARASI if judul in KOLOM_NARASI.values() else 12)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(KOLOM_EKSPOR))}{max(len(df) + 1, 1)}"
    ws.oddHeader.center.text = _hf(f"{instansi} — Data Kinerja Tahun {tahun}")
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"
    wb.properties.title = f"Data Kinerja Tahun {tahun}"
    wb.properties.subject = instansi
    wb.properties.creator = "Aplikasi LKj"
    return _simpan(wb)
