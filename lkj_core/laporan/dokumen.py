"""The page layer shared by the LKjIP and the letter: an A4 fpdf2 document with the bundled
font, running header/footer, paragraphs, captioned tables and figures, signature blocks.
"""

from __future__ import annotations

import re
import struct
from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from lkj_core import (
    pejabat,
)
from lkj_core.angka import format_rupiah
from lkj_core.laporan.data import _nilai

FOLDER_FONT = Path(__file__).parent.parent / "data" / "fonts"
# The TTF's own family name: vl-convert finds chart fonts by it, and chart text silently
# disappears when the name does not match, so fpdf2 registers the very same name.
FONT = "DejaVu Sans"
_BERKAS_FONT = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

LABEL_DEMO = "DATA DEMO — bukan data resmi"
_KOSONG = "—"
_N_A = "n/a"

# Colours: dark blue headings, light blue-grey table headings, watermark light enough that
# every table stays readable through it when printed.
_BIRU = (26, 78, 138)
_ISI_JUDUL = (222, 231, 243)
_ISI_GRUP = (242, 244, 247)
_ABU = (110, 110, 110)
_WATERMARK = (222, 222, 222)
_MERAH = (178, 24, 43)


# --- PDF layout ---

def _ukuran_png(png: bytes) -> tuple[int, int]:
    # Width and height sit in the IHDR chunk right after the 8-byte signature.
    return struct.unpack(">II", png[16:24])


def _tanpa_putus(teks: str) -> str:
    # "Rp 7.582.146.000" and "95,72 %" must not break across lines; fpdf2 never breaks at a
    # no-break space and prints it as a plain space.
    return re.sub(r"(\d) %", "\\1\u00a0%", re.sub(r"\bRp (?=[\d-])", "Rp\u00a0", teks))


def _paragraf(teks: str) -> list[str]:
    teks = (teks or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    # Pasted text may carry control characters the font has no glyph for.
    teks = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", teks)
    return [_tanpa_putus(p.strip("\n")) for p in re.split(r"\n\s*\n", teks) if p.strip()]


def _rupiah_tanpa_rp(x) -> str:
    teks = format_rupiah(_nilai(x))
    return teks.replace("Rp ", "")


# A private-use character (U+E000) plus "nb": three characters, so fpdf2 reserves the width of
# three digits for the number, as it does for "{nb}".
_ALIAS_JUMLAH_HALAMAN = "\ue000nb"


# Rows of one sasaran block in the PK table: with long indicator names about half a page.
_BARIS_PER_SASARAN = 10


class _Dokumen(FPDF):
    """An A4 document with the bundled font, running header/footer and caption bookkeeping."""

    def __init__(self, judul_kepala: str = "", label_kanan: str = "", watermark: bool = False,
                 demo: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4")
        # fpdf2 replaces its page-count alias in *every* text it writes, so the default
        # "{nb}" typed in a narrative would print as the page count: use one nobody types.
        self.alias_nb_pages(_ALIAS_JUMLAH_HALAMAN)
        for gaya, berkas in _BERKAS_FONT.items():
            self.add_font(FONT, gaya, str(FOLDER_FONT / berkas))
        self.set_margins(22, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_font(FONT, "", 10.5)
        self.judul_kepala, self.label_kanan = judul_kepala, label_kanan
        self.watermark, self.demo = watermark, demo
        self.tanpa_kepala = {1}            # pages without running header/footer (cover)
        self.daftar_tabel: list[tuple[str, int, float]] = []
        self.daftar_gambar: list[tuple[str, int, float]] = []

    # running header: the watermark first, so everything else is drawn on top of it
    def header(self):
        if self.watermark:
            with self.local_context(text_color=_WATERMARK):
                self.set_font(FONT, "B", 110)
                w = self.get_string_width("DRAFT")
                with self.rotation(55, self.w / 2, self.h / 2):
                    self.text(self.w / 2 - w / 2, self.h / 2 + 14, "DRAFT")
        if self.page in self.tanpa_kepala or not self.judul_kepala:
            return
        with self.local_context(text_color=_ABU, draw_color=(190, 190, 190)):
            self.set_font(FONT, "", 8)
            self.set_xy(self.l_margin, 9)
            self.cell(self.epw * 0.7, 4, self.judul_kepala)
            kanan = self.label_kanan + (" · DATA DEMO" if self.demo else "")
            self.cell(self.epw * 0.3, 4, kanan, align="R")
            self.line(self.l_margin, 14, self.w - self.r_margin, 14)
        self.set_y(self.t_margin)

    def footer(self):
        if self.page in self.tanpa_kepala or not self.judul_kepala:
            return
        with self.local_context(text_color=_ABU):
            self.set_font(FONT, "", 8)
            self.set_y(-13)
            self.cell(0, 4, f"Halaman {self.page_no()} dari {_ALIAS_JUMLAH_HALAMAN}",
                      align="C")

    # text
    def paragraf(self, teks: str, ukuran: float = 10.5, align: str = "J", spasi: float = 2.2,
                 gaya: str = ""):
        self.set_font(FONT, gaya, ukuran)
        tinggi = ukuran * 0.53
        for p in _paragraf(teks):
            for baris in p.split("\n"):
                m = re.match(r"^\s*(•|-|\d+\.|[a-z]\.)\s+(.*)$", baris)
                if m:
                    # lists keep a hanging indent, so wrapped lines align under the text
                    self.set_x(self.l_margin + 2)
                    self.cell(7, tinggi, m.group(1))
                    self.multi_cell(self.epw - 9, tinggi, m.group(2), align=align,
                                    markdown=False, new_x="LMARGIN", new_y="NEXT")
                else:
                    self.multi_cell(0, tinggi, baris, align=align, markdown=False,
                                    new_x="LMARGIN", new_y="NEXT")
            self.ln(spasi)

    def butir(self, teks: str, ukuran: float = 10.5):
        self.set_font(FONT, "", ukuran)
        tinggi = ukuran * 0.53
        self.set_x(self.l_margin + 2)
        self.cell(6, tinggi, "•")
        self.multi_cell(self.epw - 8, tinggi, _tanpa_putus(teks), align="J", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def judul_kecil(self, teks: str, ukuran: float = 10.5, gaya: str = "B"):
        if self.will_page_break(24):
            self.add_page()
        self.set_font(FONT, gaya, ukuran)
        self.multi_cell(0, ukuran * 0.55, teks, align="L", markdown=False, new_x="LMARGIN",
                        new_y="NEXT")
        self.ln(1.5)

    # tables and figures, each captioned and recorded for Daftar Tabel / Daftar Gambar
    def keterangan_tabel(self, judul: str, sisa: float = 32):
        if self.will_page_break(sisa):
            self.add_page()
        teks = f"Tabel {len(self.daftar_tabel) + 1}. {judul}"
        self.daftar_tabel.append((teks, self.page, self.get_y()))
        self.set_font(FONT, "B", 9.5)
        self.multi_cell(0, 5, teks, align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def tabel(self, judul: str, kolom: list[tuple[str, float, str]], baris: list,
              ukuran: float = 8, sisa: float = 32):
        """`kolom`: (heading, relative width, align); a str row is a full-width group row."""
        self.keterangan_tabel(judul, sisa)
        self.set_font(FONT, "", ukuran)
        with self.local_context(draw_color=(150, 150, 150), line_width=0.2):
            with self.table(
                    width=self.epw, col_widths=[k[1] for k in kolom],
                    text_align=tuple(k[2] for k in kolom), line_height=ukuran * 0.45,
                    padding=(1.1, 1.3), v_align="MIDDLE", repeat_headings=1,
                    headings_style=FontFace(emphasis="BOLD", fill_color=_ISI_JUDUL),
                    markdown=False) as t:
                kepala = t.row()
                for k in kolom:
                    kepala.cell(k[0], align="C")
                for b in baris:
                    r = t.row()
                    if isinstance(b, str):
                        r.cell(b, colspan=len(kolom), align="L",
                               style=FontFace(emphasis="BOLD", fill_color=_ISI_GRUP))
                        continue
                    for sel in b:
                        if isinstance(sel, dict):
                            r.cell(**sel)
                        else:
                            r.cell("" if sel is None else str(sel))
        self.ln(4)

    def gambar(self, png: bytes, judul: str, lebar: float | None = None):
        lebar = min(lebar or self.epw, self.epw)
        w_px, h_px = _ukuran_png(png)
        tinggi = lebar * h_px / w_px
        if self.will_page_break(tinggi + 12):
            self.add_page()
        self.image(BytesIO(png), x=self.l_margin + (self.epw - lebar) / 2, y=self.get_y(),
                   w=lebar, h=tinggi)
        self.set_y(self.get_y() + tinggi + 1.5)
        teks = f"Gambar {len(self.daftar_gambar) + 1}. {judul}"
        self.daftar_gambar.append((teks, self.page, self.get_y() - tinggi - 1.5))
        self.set_font(FONT, "B", 9.5)
        self.multi_cell(0, 5, teks, align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def tanda_tangan(self, tempat_tanggal: str | None, jabatan: str, ttd: dict):
        if self.will_page_break(52):
            self.add_page()
        self.ln(4)
        x = self.l_margin + self.epw * 0.52
        lebar = self.epw * 0.48
        self.set_font(FONT, "", 10.5)
        if tempat_tanggal:
            self.set_x(x)
            self.multi_cell(lebar, 5.5, tempat_tanggal, align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.set_x(x)
        self.multi_cell(lebar, 5.5, jabatan.upper(), align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(22)
        nama = (ttd.get("nama") or "").strip()
        nip = pejabat.format_nip(ttd.get("nip"))
        self.set_x(x)
        self.set_font(FONT, "B" if nama else "", 10.5)
        self.multi_cell(lebar, 5.5, nama or "(" + "." * 48 + ")", align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        if (ttd.get("pangkat") or "").strip():
            self.set_x(x)
            self.set_font(FONT, "", 10.5)
            self.multi_cell(lebar, 5.5, ttd["pangkat"].strip(), align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.set_x(x)
        self.set_font(FONT, "", 10.5)
        self.multi_cell(lebar, 5.5, f"NIP. {nip or '.' * 36}", align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(3)


