"""Diagrams drawn straight into the PDF as vector shapes: the pohon kinerja (tujuan →
sasaran → indikator), the organisation chart, and the key-figure tiles of the one-page
infographic (data charts come from lkj_core.grafik, shared with the Dasbor). Each function draws at the document's current position and moves below it.
"""

from __future__ import annotations

import pandas as pd

from lkj_core.angka import format_angka
from lkj_core.laporan.dokumen import _BIRU, FONT, _Dokumen

_KOTAK = {"tujuan": (26, 78, 138), "sasaran": (222, 231, 243), "indikator": (250, 250, 250)}
_GARIS = (120, 120, 120)
_PT = 0.3528          # mm per point


def _tinggi_teks(pdf: _Dokumen, teks: str, lebar: float, ukuran: float, gaya: str = "") -> float:
    pdf.set_font(FONT, gaya, ukuran)
    baris = pdf.multi_cell(lebar - 3, ukuran * 0.45, teks, dry_run=True, output="LINES",
                           markdown=False)
    return len(baris) * ukuran * 0.45 + 3


def _kotak(pdf: _Dokumen, x: float, y: float, w: float, h: float, teks: str, isi: tuple,
           ukuran: float, gaya: str = "", putih: bool = False):
    with pdf.local_context(fill_color=isi, draw_color=_GARIS, line_width=0.25):
        pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=1.2)
    pdf.set_font(FONT, gaya, ukuran)
    tinggi = _tinggi_teks(pdf, teks, w, ukuran, gaya) - 3
    with pdf.local_context(text_color=(255, 255, 255) if putih else (20, 20, 20)):
        pdf.set_xy(x + 1.5, y + (h - tinggi) / 2)
        pdf.multi_cell(w - 3, ukuran * 0.45, teks, align="C", markdown=False)


def _siku(pdf: _Dokumen, x0: float, y0: float, x1: float, y1: float):
    """An elbow connector from (x0, y0) right to (x1, y1)."""
    xm = (x0 + x1) / 2
    with pdf.local_context(draw_color=_GARIS, line_width=0.3):
        pdf.line(x0, y0, xm, y0)
        pdf.line(xm, y0, xm, y1)
        pdf.line(xm, y1, x1, y1)


def pohon_kinerja(pdf: _Dokumen, pohon: pd.DataFrame, indikator: pd.DataFrame,
                  ukuran: float = 9):
    """Tujuan → sasaran → indikator as boxes joined by connectors, one tujuan block at a time
    (a block that does not fit the rest of the page starts a new one)."""
    jarak, celah = 8.0, 2.0
    w_t, w_s = 40.0, 52.0
    w_i = pdf.epw - w_t - w_s - 2 * jarak
    x_t = pdf.l_margin
    x_s, x_i = x_t + w_t + jarak, x_t + w_t + w_s + 2 * jarak
    for t in pohon.drop_duplicates("tujuan_id").itertuples():
        sas = pohon[pohon["tujuan_id"] == t.tujuan_id].dropna(subset=["sasaran_id"])
        blok = []                 # (sasaran row, block height, [(indicator text, height)])
        for s in sas.itertuples():
            ind = indikator[indikator["sasaran_id"] == s.sasaran_id]
            kotak_i = [(f"{i.kode} {i.nama}", _tinggi_teks(pdf, f"{i.kode} {i.nama}", w_i,
                                                            ukuran)) for i in ind.itertuples()]
            h_s = _tinggi_teks(pdf, f"{s.kode_sasaran} {s.sasaran}", w_s, ukuran, "B")
            h_i = sum(h for _, h in kotak_i) + celah * max(len(kotak_i) - 1, 0)
            blok.append((s, max(h_s, h_i), kotak_i, h_s))
        teks_t = f"Tujuan {t.kode_tujuan}\n{t.tujuan}"
        h_t = _tinggi_teks(pdf, teks_t, w_t, ukuran, "B")
        tinggi = max(h_t, sum(b[1] for b in blok) + 3 * celah * max(len(blok) - 1, 0))
        pdf.sisakan(tinggi + 4)
        y0 = pdf.get_y()
        y_t = y0 + (tinggi - h_t) / 2
        _kotak(pdf, x_t, y_t, w_t, h_t, teks_t, _KOTAK["tujuan"], ukuran, "B", putih=True)
        y = y0
        for s, h_blok, kotak_i, h_s in blok:
            y_s = y + (h_blok - h_s) / 2
            _siku(pdf, x_t + w_t, y_t + h_t / 2, x_s, y_s + h_s / 2)
            _kotak(pdf, x_s, y_s, w_s, h_s, f"{s.kode_sasaran} {s.sasaran}", _KOTAK["sasaran"],
                   ukuran, "B")
            h_i = sum(h for _, h in kotak_i) + celah * max(len(kotak_i) - 1, 0)
            yi = y + (h_blok - h_i) / 2
            for teks, h in kotak_i:
                _siku(pdf, x_s + w_s, y_s + h_s / 2, x_i, yi + h / 2)
                _kotak(pdf, x_i, yi, w_i, h, teks, _KOTAK["indikator"], ukuran)
                yi += h + celah
            y += h_blok + 3 * celah
        pdf.set_xy(pdf.l_margin, y0 + tinggi + 5)
        pdf.tandai_isi()


def bagan_organisasi(pdf: _Dokumen, pimpinan: str, nama_pimpinan: str, unit: list[str],
                     sekretaris: str = "", ukuran: float = 9):
    """The head on top, the secretariat on a side branch, the other units in a row below,
    and the functional positions group beside the stem (as Perangkat Daerah charts are)."""
    sekretariat = [u for u in unit if u.lower().startswith("sekretariat")]
    lain = [u for u in unit if u not in sekretariat]
    pdf.sisakan(95)
    y0 = pdf.get_y() + 2
    cx = pdf.l_margin + pdf.epw / 2
    w_top, h_top = 62.0, 16.0
    teks_top = pimpinan.upper() + (f"\n{nama_pimpinan}" if nama_pimpinan else "")
    _kotak(pdf, cx - w_top / 2, y0, w_top, h_top, teks_top, _BIRU, ukuran, "B", putih=True)
    y_cabang = y0 + h_top + 14
    w_samping, h_samping = 56.0, 16.0
    with pdf.local_context(draw_color=_GARIS, line_width=0.3):
        pdf.line(cx, y0 + h_top, cx, y_cabang + 30)
    if sekretariat:
        x = cx + 12
        teks = sekretariat[0].upper() + (f"\nSekretaris: {sekretaris}" if sekretaris else "")
        with pdf.local_context(draw_color=_GARIS, line_width=0.3):
            pdf.line(cx, y_cabang + h_samping / 2, x, y_cabang + h_samping / 2)
        _kotak(pdf, x, y_cabang, w_samping, h_samping, teks, _KOTAK["sasaran"], ukuran, "B")
    x_jf = cx - 12 - w_samping
    with pdf.local_context(draw_color=_GARIS, line_width=0.3):
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(x_jf + w_samping, y_cabang + h_samping / 2, cx, y_cabang + h_samping / 2)
        pdf.set_dash_pattern()
    _kotak(pdf, x_jf, y_cabang, w_samping, h_samping, "KELOMPOK JABATAN FUNGSIONAL",
           _KOTAK["indikator"], ukuran)
    y_bawah = y_cabang + 30
    if lain:
        n = len(lain)
        jarak = 3.0
        w = min(44.0, (pdf.epw - jarak * (n - 1)) / n)
        total = n * w + (n - 1) * jarak
        x0 = cx - total / 2
        h = max(_tinggi_teks(pdf, u.upper(), w, ukuran - 0.5, "B") for u in lain)
        with pdf.local_context(draw_color=_GARIS, line_width=0.3):
            pdf.line(x0 + w / 2, y_bawah, x0 + total - w / 2, y_bawah)
            for k in range(n):
                xk = x0 + k * (w + jarak) + w / 2
                pdf.line(xk, y_bawah, xk, y_bawah + 5)
        for k, u in enumerate(lain):
            _kotak(pdf, x0 + k * (w + jarak), y_bawah + 5, w, h, u.upper(),
                   _KOTAK["sasaran"], ukuran - 0.5, "B")
        y_bawah += 5 + h
    pdf.set_xy(pdf.l_margin, y_bawah + 6)
    pdf.tandai_isi()


def ubin_angka(pdf: _Dokumen, ubin: list[tuple[str, str]], warna=_BIRU):
    """A row of key-figure tiles: (big value, label)."""
    n = len(ubin)
    jarak = 4.0
    w = (pdf.epw - jarak * (n - 1)) / n
    h = 26.0
    y = pdf.get_y()
    for k, (nilai, label) in enumerate(ubin):
        x = pdf.l_margin + k * (w + jarak)
        with pdf.local_context(fill_color=(236, 241, 248), draw_color=warna, line_width=0.4):
            pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=2)
        with pdf.local_context(text_color=warna):
            pdf.set_font(FONT, "B", 17)
            pdf.set_xy(x, y + 3)
            pdf.cell(w, 9, nilai, align="C")
        pdf.set_font(FONT, "", 9)
        pdf.set_xy(x + 2, y + 13.5)
        pdf.multi_cell(w - 4, 4.2, label, align="C", markdown=False)
    pdf.set_xy(pdf.l_margin, y + h + 6)
    pdf.tandai_isi()


def rupiah_singkat(x: float | None) -> str:
    """'Rp 7,58 M' for a tile (full figures stay in the tables)."""
    if x is None:
        return "—"
    if abs(x) >= 1e9:
        return f"Rp {format_angka(x / 1e9)} M"
    if abs(x) >= 1e6:
        return f"Rp {format_angka(x / 1e6)} jt"
    return f"Rp {format_angka(x, 0)}"
