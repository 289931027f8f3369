"""The page layer shared by the LKjIP and the letter: an A4 fpdf2 document with the bundled
font, running header/footer, paragraphs, captioned tables and figures, signature blocks.

Print sizes: body text 11 pt, tables 9 pt, captions 9.5 pt (none smaller, whatever the
caller asks). A heading is never the last thing on a page: headings reserve room for what
follows, the blocks after a heading start on its page when their first lines fit, and a page
that still ends right after a heading names it in `judul_yatim` (a test checks it is empty).
"""

from __future__ import annotations

import functools
import math
import re
import struct
import types
from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from fpdf.line_break import BREAKING_SPACE_SYMBOLS_STR

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
TANDA_DRAF = "DRAF"
_KOSONG = "—"
# What a cell shows where no figure can be given (no target, no capaian): a dash, as printed
# tables do; the reason, where there is one, is in the row's Keterangan.
_N_A = _KOSONG

# Print sizes (pt): nothing smaller is drawn, whatever a caller asks.
UKURAN_TEKS = 11.0
UKURAN_TABEL = 9.0
UKURAN_KETERANGAN = 9.5
# mm of line per pt of font: 1.5 leading for body text, a tighter 1.33 inside table cells.
_SPASI_TEKS = 0.53
_SPASI_TABEL = 0.47
_PADDING_TABEL = (1.1, 1.3)          # vertical, horizontal (mm)
# What a small heading keeps with it: a table caption, its header and two rows, or about
# three lines of text; right after another heading, at least a caption, header and a row.
RUANG_SETELAH_JUDUL = 40.0
RUANG_SETELAH_JUDUL_MIN = 22.0

# Colours: dark blue headings, light blue-grey table headings, watermark light enough that
# every table stays readable through it when printed.
_BIRU = (26, 78, 138)
_ISI_JUDUL = (222, 231, 243)
_ISI_GRUP = (242, 244, 247)
_ABU = (110, 110, 110)
_WATERMARK = (222, 222, 222)
_MERAH = (178, 24, 43)

# The draft mark: an image, so text extraction (copy, pdftotext, screen readers) never mixes
# its letters into the page's sentences. Its letters are this long on the page (mm).
_PANJANG_DRAF = 150.0
_SUDUT_DRAF = 55


# --- PDF layout ---

def _ukuran_png(png: bytes) -> tuple[int, int]:
    # Width and height sit in the IHDR chunk right after the 8-byte signature.
    return struct.unpack(">II", png[16:24])


def _tanpa_putus(teks: str) -> str:
    # "Rp 7.582.146.000" and "95,72 %" must not break across lines; fpdf2 never breaks at a
    # no-break space and prints it as a plain space.
    return re.sub(r"(\d) %", "\\1\u00a0%", re.sub(r"\bRp (?=[\d-])", "Rp\u00a0", teks))


def _hampa(x) -> bool:
    """None, NaN, pandas' NA/NaT: a value that is not there."""
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    try:
        import pandas as pd

        hasil = pd.isna(x)
    except (TypeError, ValueError):
        return False
    return hasil is True


# How a missing value looks once something turned it into text: never printed as such.
_TEKS_HAMPA = {"none", "nan", "<na>", "nat", "n/a", "null"}


def _teks_sel(x) -> str:
    """A table cell's text: missing values as a dash, amounts and percentages unbroken."""
    if _hampa(x):
        return _KOSONG
    teks = str(x)
    if teks.strip().lower() in _TEKS_HAMPA:
        return _KOSONG
    return _tanpa_putus(teks)


def _paragraf(teks) -> list[str]:
    if _hampa(teks) or (isinstance(teks, str) and teks.strip().lower() in _TEKS_HAMPA):
        teks = _KOSONG
    teks = str(teks).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    # Pasted text may carry control characters the font has no glyph for.
    teks = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", teks)
    return [_tanpa_putus(p.strip("\n")) for p in re.split(r"\n\s*\n", teks) if p.strip()]


def _rupiah_tanpa_rp(x) -> str:
    teks = format_rupiah(_nilai(x))
    return teks.replace("Rp ", "")


@functools.lru_cache(maxsize=1)
def png_draf() -> bytes:
    """The draft mark "DRAF" as a transparent PNG: bundled bold font, light grey, rotated;
    made once per process (fpdf2 embeds the identical image once per document)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FOLDER_FONT / _BERKAS_FONT["B"]), 360)
    kiri, atas, kanan, bawah = font.getbbox(TANDA_DRAF)
    im = Image.new("RGBA", (kanan - kiri + 40, bawah - atas + 40), (*_WATERMARK, 0))
    ImageDraw.Draw(im).text((20 - kiri, 20 - atas), TANDA_DRAF, font=font,
                            fill=(*_WATERMARK, 255))
    im = im.rotate(_SUDUT_DRAF, resample=Image.Resampling.BICUBIC, expand=True)
    im = im.crop(im.getbbox())
    buf = BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def _skala_draf() -> float:
    """mm per pixel of the draft mark, so its letters are `_PANJANG_DRAF` mm long."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(FOLDER_FONT / _BERKAS_FONT["B"]), 360)
    kiri, _, kanan, _ = font.getbbox(TANDA_DRAF)
    return _PANJANG_DRAF / (kanan - kiri)


# A private-use character (U+E000) plus "nb": three characters, so fpdf2 reserves the width of
# three digits for the number, as it does for "{nb}".
_ALIAS_JUMLAH_HALAMAN = "\ue000nb"


# What `_Dokumen._hitung_baris` leaves to fpdf2: carriage returns, form feeds, soft hyphens.
_TIDAK_SEDERHANA = re.compile("[\r\f\u00ad]")

# Rows of one sasaran block in the PK table: with long indicator names about half a page.
_BARIS_PER_SASARAN = 10

# PDF operators that paint (text, images, strokes, fills): a page whose content stream grew
# by none of them since a heading has nothing drawn after that heading.
_MELUKIS = re.compile(rb"(?:^|\s)(?:Tj|TJ|'|\"|Do|S|s|f\*?|F|B\*?|b\*?|sh)(?=\s|$)")


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
        self.set_font(FONT, "", UKURAN_TEKS)
        self.judul_kepala, self.label_kanan = judul_kepala, label_kanan
        self.watermark, self.demo = watermark, demo
        self.tanpa_kepala = {1}            # pages without running header/footer (cover)
        self.daftar_tabel: list[tuple[str, int, float]] = []
        self.daftar_gambar: list[tuple[str, int, float]] = []
        # headings a page ended right after (should stay empty) and the last heading drawn:
        # (text, page, length of that page's content stream right after it, before it,
        # how to draw it again)
        self.judul_yatim: list[str] = []
        self._judul: tuple | None = None

    # --- keeping headings with what follows ---

    def tandai_judul(self, teks: str, awal: int | None = None, ulang=None) -> None:
        """Record a heading just drawn: if its page ends before anything is drawn after it,
        its text goes to `judul_yatim`. With `awal` (the page's content length before the
        heading) and `ulang` (a function drawing it again), the heading moves to the next
        page instead, as `judul_kecil` does."""
        self._judul = (teks, self.page, len(self.pages[self.page].contents), awal, ulang)

    def tandai_isi(self) -> None:
        """Record that content was drawn after the last heading (for layouts drawing with
        fpdf2 directly; the painted page content is checked anyway)."""
        self._judul = None

    def judul_menggantung(self) -> bool:
        """Whether the last heading drawn is still the last thing on the current page."""
        if self._judul is None or self._judul[1] != self.page:
            return False
        hal, panjang = self._judul[1], self._judul[2]
        return not _MELUKIS.search(bytes(self.pages[hal].contents[panjang:]))

    def sisakan(self, tinggi: float) -> bool:
        """Start a new page unless `tinggi` mm remain above the bottom margin (True: it
        broke). A block taller than a whole page never breaks off a fresh page."""
        tinggi = min(tinggi, self.page_break_trigger - self.t_margin - 1)
        if self.page and self.will_page_break(tinggi):
            self.add_page()
            return True
        return False

    def _mulai(self, perlu: float, minimal: float) -> None:
        # A block wants `perlu` mm to start well; right after a heading it takes the page's
        # rest as soon as `minimal` (its first lines) fits: the heading reserved room for it.
        self.sisakan(minimal if self.judul_menggantung() else max(perlu, minimal))

    def add_page(self, *args, **kwargs):
        if not isinstance(self._out, types.MethodType):
            # a dry run (multi_cell measuring lines) breaks pages fpdf2 then throws away
            return super().add_page(*args, **kwargs)
        judul, pindah = self._judul, False
        if self.judul_menggantung():
            teks, hal, _, awal, ulang = judul
            if ulang is not None and awal is not None:
                # Nothing was painted after the heading: take it off this page (what follows
                # it in the stream only sets state, closed by fpdf2 before a page break) and
                # draw it again at the top of the next one.
                isi = self.pages[hal].contents
                self.pages[hal].contents = isi[:awal]
                pindah = True
            else:
                self.judul_yatim.append(teks)
        self._judul = None
        super().add_page(*args, **kwargs)
        if pindah:
            teks, _, _, _, ulang = judul
            awal = len(self.pages[self.page].contents)
            with self.local_context():      # the caller's font stays the caller's
                ulang()
            self.tandai_judul(teks, awal, ulang)

    # running header: the watermark first, so everything else is drawn on top of it
    def header(self):
        if self.watermark:
            self.tanda_draf()
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

    def tanda_draf(self):
        """The "DRAF" mark across the page centre, as an image (not text)."""
        png = png_draf()
        w_px, h_px = _ukuran_png(png)
        w, h = w_px * _skala_draf(), h_px * _skala_draf()
        self.image(png, x=(self.w - w) / 2, y=(self.h - h) / 2, w=w, h=h)

    def footer(self):
        if self.page in self.tanpa_kepala or not self.judul_kepala:
            return
        with self.local_context(text_color=_ABU):
            self.set_font(FONT, "", 8)
            self.set_y(-13)
            self.cell(0, 4, f"Halaman {self.page_no()} dari {_ALIAS_JUMLAH_HALAMAN}",
                      align="C")

    # text
    def _jumlah_baris(self, lebar: float, tinggi: float, teks: str,
                      paling_banyak: int | None = None) -> int:
        """Lines `teks` takes in a cell `lebar` wide (at most `paling_banyak` when given:
        callers asking "one or more?" skip counting)."""
        if "\n" not in teks:
            if self.get_string_width(teks) <= lebar - 2 * self.c_margin - 0.01:
                return 1
            if paling_banyak == 2:
                return 2
        n = self._hitung_baris(lebar, teks)
        if n is not None:
            return n
        return len(self.multi_cell(lebar, tinggi, teks, dry_run=True, output="LINES",
                                   markdown=False)) or 1

    def _hitung_baris(self, lebar: float, teks: str) -> int | None:
        """How many lines fpdf2's `multi_cell(lebar, ...)` breaks plain one-font `teks` into,
        without its trial layout, which re-adds the widths of the whole line for every
        character it places (about a tenth of the report's layout time went there).

        This replays fpdf2 2.8's greedy rule (`fpdf.line_break.MultiLineBreak`) on the same
        integer glyph widths and the same float operations: a character that would overflow
        the line ends it; an overflowing space is dropped, else the line breaks after its last
        breaking space, else (one long word) before that character; a newline ends its line.
        None for what the replay does not cover, which the caller measures with fpdf2 itself:
        carriage returns, form feeds, soft hyphens,
        the page-count alias, character spacing or stretching, text shaping, core fonts, a
        character wider than the cell. (This document sets no fallback fonts.)
        tests/test_surat_dokumen.py holds the count equal to fpdf2's on varied texts."""
        if (not self.is_ttf_font or self.text_shaping or self.char_spacing
                or self.font_stretching != 100 or _TIDAK_SEDERHANA.search(teks)
                or (self.str_alias_nb_pages and self.str_alias_nb_pages in teks)):
            return None
        cw, ukuran, k = self.current_font.cw, self.font_size_pt, self.k
        maks = lebar - self.c_margin - self.c_margin
        lebar_spasi = cw[ord(" ")]
        baris, i, n = 0, 0, len(teks)
        while i < n:
            jumlah, isi, jeda = 0, 0, None   # glyph widths, characters, last breaking space
            while i < n:
                c = teks[i]
                if c == "\n":             # ends its line, even an empty one
                    i += 1
                    break
                w_c = cw[ord(c)]
                if (jumlah * ukuran * 0.001 / k + w_c * ukuran * 0.001 / k) - maks > 1e-9:
                    if c in BREAKING_SPACE_SYMBOLS_STR:
                        i += 1
                    elif jeda is not None:
                        i = jeda + 1
                    elif isi == 0:
                        return None
                    break
                if c in BREAKING_SPACE_SYMBOLS_STR:
                    jeda = i
                # fpdf2 stores a no-break space as a plain one (measured as itself above)
                jumlah += lebar_spasi if c == "\u00a0" else w_c
                isi += 1
                i += 1
            else:
                if jumlah * ukuran * 0.001 / k:
                    baris += 1
                break
            baris += 1
        return baris or 1

    def paragraf(self, teks: str, ukuran: float = UKURAN_TEKS, align: str = "J",
                 spasi: float = 2.2, gaya: str = ""):
        ukuran = max(ukuran, UKURAN_TEKS)
        self.set_font(FONT, gaya, ukuran)
        tinggi = ukuran * _SPASI_TEKS
        for p in _paragraf(teks):
            for baris in p.split("\n"):
                m = re.match(r"^\s*(•|-|\d+\.|[a-z]\.)\s+(.*)$", baris)
                lebar, isi = (self.epw - 9, m.group(2)) if m else (self.epw, baris)
                # never a lone first line at a page's foot (nor a heading left above it)
                n = self._jumlah_baris(lebar, tinggi, isi, paling_banyak=2)
                self._mulai(min(n, 2) * tinggi, min(n, 2) * tinggi)
                if m:
                    # lists keep a hanging indent, so wrapped lines align under the text
                    self.set_x(self.l_margin + 2)
                    self.cell(7, tinggi, m.group(1))
                    self.multi_cell(lebar, tinggi, isi, align=align, markdown=False,
                                    new_x="LMARGIN", new_y="NEXT")
                else:
                    self.multi_cell(0, tinggi, isi, align=align, markdown=False,
                                    new_x="LMARGIN", new_y="NEXT")
            self.ln(spasi)

    def butir(self, teks: str, ukuran: float = UKURAN_TEKS):
        ukuran = max(ukuran, UKURAN_TEKS)
        self.set_font(FONT, "", ukuran)
        tinggi = ukuran * _SPASI_TEKS
        isi = _paragraf(teks)
        isi = " ".join(isi) if isi else _KOSONG
        n = self._jumlah_baris(self.epw - 8, tinggi, isi, paling_banyak=2)
        self._mulai(min(n, 2) * tinggi, min(n, 2) * tinggi)
        self.set_x(self.l_margin + 2)
        self.cell(6, tinggi, "•")
        self.multi_cell(self.epw - 8, tinggi, isi, align="J", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def judul_kecil(self, teks: str, ukuran: float = UKURAN_TEKS, gaya: str = "B",
                    sisa: float = RUANG_SETELAH_JUDUL):
        """A small heading kept with the `sisa` mm that follow it (default: a table's caption,
        header and two rows, or three lines of text; pass a figure's height before a figure).
        Should the page still end before anything follows, the heading moves along."""
        ukuran = max(ukuran, UKURAN_TEKS)
        self.set_font(FONT, gaya, ukuran)
        tinggi = self._jumlah_baris(self.epw, ukuran * 0.55, teks) * ukuran * 0.55 + 1.5
        self._mulai(tinggi + sisa, tinggi + RUANG_SETELAH_JUDUL_MIN)

        def tulis():
            self.set_font(FONT, gaya, ukuran)
            self.set_x(self.l_margin)
            self.multi_cell(0, ukuran * 0.55, teks, align="L", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
            self.ln(1.5)

        awal = len(self.pages[self.page].contents)
        tulis()
        self.tandai_judul(teks, awal, tulis)

    # tables and figures, each captioned and recorded for Daftar Tabel / Daftar Gambar
    def _tinggi_keterangan(self, judul: str) -> float:
        self.set_font(FONT, "B", UKURAN_KETERANGAN)
        teks = f"Tabel {len(self.daftar_tabel) + 1}. {judul}"
        return self._jumlah_baris(self.epw, 5, teks) * 5 + 1

    def _tulis_keterangan(self, judul: str):
        teks = f"Tabel {len(self.daftar_tabel) + 1}. {judul}"
        self.daftar_tabel.append((teks, self.page, self.get_y()))
        self.set_font(FONT, "B", UKURAN_KETERANGAN)
        self.multi_cell(0, 5, teks, align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def keterangan_tabel(self, judul: str, sisa: float = 32):
        """A table's caption, kept with `sisa` mm of the table below it."""
        tinggi = self._tinggi_keterangan(judul)
        self._mulai(sisa, tinggi + 12)
        self._tulis_keterangan(judul)

    def _lebar_kolom(self, kolom: list[tuple[str, float, str]], baris: list,
                     ukuran: float) -> list[float]:
        """Column widths (mm) from the relative ones, widened where a word, an amount or a
        percentage (kept whole) would not fit: the room comes from columns that wrap anyway,
        so no cell breaks inside "Polaritas" or "(100,00 %)"."""
        total = sum(k[1] for k in kolom) or 1
        lebar = [self.epw * k[1] / total for k in kolom]
        tambah = 2 * _PADDING_TABEL[1] + 0.6
        perlu = [0.0] * len(kolom)

        def ukur(teks: str, c: int, gaya: str) -> None:
            self.set_font(FONT, gaya, ukuran)
            for kata in re.split(r"[ \n\t]+", teks):
                if kata:
                    perlu[c] = max(perlu[c], self.get_string_width(kata) + tambah)

        for c, k in enumerate(kolom):
            ukur(k[0], c, "B")
        terisi: dict[int, int] = {}
        for i, b in enumerate(baris):
            if isinstance(b, str):
                continue
            c = 0
            for sel in b:
                while terisi.get(c, 0) > i:
                    c += 1
                isi = sel if isinstance(sel, dict) else {"text": sel}
                cs, rs = int(isi.get("colspan") or 1), int(isi.get("rowspan") or 1)
                if rs > 1:
                    for j in range(c, c + cs):
                        terisi[j] = i + rs
                if cs == 1 and c < len(kolom):
                    ukur(_teks_sel(isi.get("text")), c, "")
                c += cs
        if sum(perlu) >= self.epw:
            return lebar          # nothing to gain: every column wraps something
        kurang = sum(max(p - w, 0) for p, w in zip(perlu, lebar))
        if kurang <= 0:
            return lebar
        lebih = [max(w - p, 0) for p, w in zip(perlu, lebar)]
        ada = sum(lebih)
        return [max(w, p) if p > w else w - kurang * lb / ada
                for w, p, lb in zip(lebar, perlu, lebih)]

    def _tinggi_awal_tabel(self, lebar: list[float], kolom: list[tuple[str, float, str]],
                           baris: list, ukuran: float) -> tuple[float, float]:
        """Estimated height of the header row plus the first row (group), and plus the first
        two rows: what must fit below a caption for the table to start on its page."""
        lh = ukuran * _SPASI_TABEL
        pad_v, pad_h = _PADDING_TABEL

        def tinggi_sel(teks: str, w: float, gaya: str) -> float:
            self.set_font(FONT, gaya, ukuran)
            return self._jumlah_baris(max(w - 2 * pad_h, 5), lh, teks) * lh + 2 * pad_v

        kepala = max(tinggi_sel(k[0], w, "B") for k, w in zip(kolom, lebar))
        tinggi: list[float] = []
        # a rowspan cell occupies its columns in later rows and makes the rows one group
        # fpdf2 keeps on one page
        terisi: dict[int, int] = {}
        akhir_grup = 0
        for i, b in enumerate(baris[:12]):
            if isinstance(b, str):
                tinggi.append(tinggi_sel(b, self.epw, "B"))
                continue
            t, c = 2 * pad_v + lh, 0
            for sel in b:
                while terisi.get(c, 0) > i:
                    c += 1
                isi = sel if isinstance(sel, dict) else {"text": sel}
                cs, rs = int(isi.get("colspan") or 1), int(isi.get("rowspan") or 1)
                w = sum(lebar[c:c + cs]) or lebar[-1]
                if rs > 1:
                    for j in range(c, c + cs):
                        terisi[j] = i + rs
                    akhir_grup = max(akhir_grup, i + rs - 1)
                else:
                    t = max(t, tinggi_sel(_teks_sel(isi.get("text")), w, ""))
                c += cs
            tinggi.append(t)
            if i >= akhir_grup and i >= 1:
                break
        satu = kepala + sum(tinggi[:max(1, min(akhir_grup + 1, len(tinggi)))])
        dua = kepala + sum(tinggi[:max(2, akhir_grup + 1)])
        return satu, dua

    def tabel(self, judul: str, kolom: list[tuple[str, float, str]], baris: list,
              ukuran: float = UKURAN_TABEL, sisa: float = 32):
        """`kolom`: (heading, relative width, align); a str row is a full-width group row.
        A dict cell passes its keys to fpdf2's `cell` (text, colspan, rowspan, style)."""
        ukuran = max(ukuran, UKURAN_TABEL)
        lebar = self._lebar_kolom(kolom, baris, ukuran)
        satu, dua = self._tinggi_awal_tabel(lebar, kolom, baris, ukuran)
        ket = self._tinggi_keterangan(judul)
        self._mulai(max(sisa, ket + dua), ket + satu)
        self._tulis_keterangan(judul)
        self.set_font(FONT, "", ukuran)
        with self.local_context(draw_color=(150, 150, 150), line_width=0.2):
            with self.table(
                    width=self.epw, col_widths=lebar,
                    text_align=tuple(k[2] for k in kolom), line_height=ukuran * _SPASI_TABEL,
                    padding=_PADDING_TABEL, v_align="MIDDLE", repeat_headings=1,
                    headings_style=FontFace(emphasis="BOLD", fill_color=_ISI_JUDUL),
                    markdown=False) as t:
                kepala = t.row()
                for k in kolom:
                    kepala.cell(k[0], align="C")
                for b in baris:
                    r = t.row()
                    if isinstance(b, str):
                        r.cell(_teks_sel(b), colspan=len(kolom), align="L",
                               style=FontFace(emphasis="BOLD", fill_color=_ISI_GRUP))
                        continue
                    for sel in b:
                        if isinstance(sel, dict):
                            r.cell(**{**sel, "text": _teks_sel(sel.get("text"))})
                        else:
                            r.cell(_teks_sel(sel))
        self.ln(4)

    def gambar(self, png, judul: str, lebar: float | None = None):
        """A captioned figure: PNG bytes, or a `grafik_cetak.Gambar` (vector SVG) printed at
        its own width."""
        if hasattr(png, "rasio"):
            lebar = min(lebar or png.lebar_mm, self.epw)
            w_px, h_px = 1000.0, 1000.0 * png.rasio
            png = png.berkas()
        else:
            lebar = min(lebar or self.epw, self.epw)
            w_px, h_px = _ukuran_png(png)
            png = BytesIO(png)
        tinggi = lebar * h_px / w_px
        teks = f"Gambar {len(self.daftar_gambar) + 1}. {judul}"
        self.set_font(FONT, "B", UKURAN_KETERANGAN)
        ket = self._jumlah_baris(self.epw, 5, teks) * 5 + 1.5
        ruang = self.page_break_trigger - self.get_y()
        if self.judul_menggantung() and tinggi + ket > ruang >= 0.6 * tinggi + ket:
            # right after a heading a slightly smaller figure beats a heading alone
            tinggi = ruang - ket - 0.5
            lebar = tinggi * w_px / h_px
        self.sisakan(tinggi + ket)
        self.image(png, x=self.l_margin + (self.epw - lebar) / 2, y=self.get_y(),
                   w=lebar, h=tinggi)
        self.set_y(self.get_y() + tinggi + 1.5)
        self.daftar_gambar.append((teks, self.page, self.get_y() - tinggi - 1.5))
        self.set_font(FONT, "B", UKURAN_KETERANGAN)
        self.multi_cell(0, 5, teks, align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def tanda_tangan(self, tempat_tanggal: str | None, jabatan: str, ttd: dict):
        ukuran, lh = UKURAN_TEKS, UKURAN_TEKS * _SPASI_TEKS
        x = self.l_margin + self.epw * 0.52
        lebar = self.epw * 0.48
        nama = (ttd.get("nama") or "").strip()
        pangkat = (ttd.get("pangkat") or "").strip()
        nip = pejabat.format_nip(ttd.get("nip"))
        self.set_font(FONT, "", ukuran)
        n = (self._jumlah_baris(lebar, lh, tempat_tanggal) if tempat_tanggal else 0) \
            + self._jumlah_baris(lebar, lh, jabatan.upper()) + 2 + (1 if pangkat else 0)
        self._mulai(4 + n * lh + 22 + 3, 4 + n * lh + 22 + 3)
        self.ln(4)
        if tempat_tanggal:
            self.set_x(x)
            self.multi_cell(lebar, lh, tempat_tanggal, align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.set_x(x)
        self.multi_cell(lebar, lh, jabatan.upper(), align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(22)
        self.set_x(x)
        self.set_font(FONT, "B" if nama else "", ukuran)
        self.multi_cell(lebar, lh, nama or "(" + "." * 44 + ")", align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        if pangkat:
            self.set_x(x)
            self.set_font(FONT, "", ukuran)
            self.multi_cell(lebar, lh, pangkat, align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.set_x(x)
        self.set_font(FONT, "", ukuran)
        self.multi_cell(lebar, lh, f"NIP. {nip or '.' * 32}", align="C", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
