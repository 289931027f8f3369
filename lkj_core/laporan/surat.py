"""The cover letter sending the LKjIP (SOP step 12): from the Inspektur to the kepala daerah,
on the instansi's letterhead, marked DRAF while the report is not signed yet.
"""

from __future__ import annotations

import re
from io import BytesIO

from lkj_core.angka import format_tanggal
from lkj_core.laporan.data import DataSurat, _jabatan, _tempat, judul_laporan
from lkj_core.laporan.dokumen import (
    _ABU,
    _MERAH,
    FONT,
    LABEL_DEMO,
    UKURAN_TEKS,
    _Dokumen,
)

CATATAN_DRAF = "Draf — laporan belum ditandatangani"
_BARIS = UKURAN_TEKS * 0.53          # line height of the letter's text (mm)


def _kontak(kop: dict) -> list[str]:
    """The letterhead's contact parts: address, telephone, email, website; only what the
    profile has."""
    laman = re.sub(r"^https?://|/$", "", (kop.get("laman") or "").strip())
    return [t for t in ((kop.get("alamat") or "").strip(),
                        f"Telepon {(kop.get('telepon') or '').strip()}",
                        f"Email {(kop.get('email') or '').strip()}",
                        f"Laman {laman}")
            if t and not re.fullmatch(r"(Telepon|Email|Laman) ?", t)]


def _baris_kontak(pdf: _Dokumen, bagian: list[str], lebar: float) -> list[str]:
    # Parts are packed into as few lines as fit, never split between lines.
    baris: list[str] = []
    for b in bagian:
        if baris and pdf.get_string_width(f"{baris[-1]} · {b}") <= lebar:
            baris[-1] = f"{baris[-1]} · {b}"
        else:
            baris.append(b)
    return baris


def _kop(pdf: _Dokumen, data: DataSurat) -> float:
    """Letterhead with the double rule; returns the y below it."""
    # With a logo on the left, the kop text is centred in the space beside it, as kop
    # surat usually are.
    sisi = 26 if data.logo else 0
    if data.logo:
        pdf.image(BytesIO(data.logo), x=pdf.l_margin, y=14, w=22, h=22, keep_aspect_ratio=True)
    pdf.set_y(14)
    for teks, ukuran in ((data.pemda.upper(), 13), (data.instansi.upper(), 16)):
        pdf.set_font(FONT, "B", ukuran)
        # a kop line reads best unbroken: shrink a long name a little before wrapping it
        while ukuran > 11 and pdf.get_string_width(teks) > pdf.epw - sisi - 2:
            ukuran -= 0.5
            pdf.set_font_size(ukuran)
        pdf.set_x(pdf.l_margin + sisi)
        pdf.multi_cell(pdf.epw - sisi, ukuran / 2, teks, align="C", markdown=False,
                       new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    for teks in _baris_kontak(pdf, _kontak(data.kop), pdf.epw - sisi - 2):
        pdf.set_x(pdf.l_margin + sisi)
        pdf.multi_cell(pdf.epw - sisi, 4.6, teks, align="C", markdown=False,
                       new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y() + 2, 38)
    with pdf.local_context(line_width=0.9):
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    with pdf.local_context(line_width=0.3):
        pdf.line(pdf.l_margin, y + 1.3, pdf.w - pdf.r_margin, y + 1.3)
    return y + 1.3


def _tanda(pdf: _Dokumen, data: DataSurat, y: float) -> float:
    """The demo label and the draft note under the letterhead; returns the y below them."""
    y += 1.5
    for tampil, teks, warna, gaya in ((data.demo, LABEL_DEMO, _MERAH, "B"),
                                      (data.draf, CATATAN_DRAF, _ABU, "I")):
        if tampil:
            with pdf.local_context(text_color=warna):
                pdf.set_font(FONT, gaya, 9.5)
                pdf.set_xy(pdf.l_margin, y)
                pdf.cell(0, 5, teks, align="C")
            y += 5
    return y


def _kepala_surat(pdf: _Dokumen, data: DataSurat) -> None:
    """Place and date, then Nomor/Sifat/Lampiran/Perihal beside the addressee."""
    pdf.set_font(FONT, "", UKURAN_TEKS)
    pdf.cell(0, _BARIS, f"{_tempat(data.pemda)}, {format_tanggal(data.tanggal)}", align="R",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    y0 = pdf.get_y()
    for label, isi in (("Nomor", data.nomor), ("Sifat", data.sifat),
                       ("Lampiran", data.lampiran), ("Perihal", data.perihal)):
        pdf.set_x(pdf.l_margin)
        pdf.cell(22, _BARIS, label)
        pdf.cell(4, _BARIS, ":")
        pdf.multi_cell(76, _BARIS, isi, align="L", markdown=False, new_x="LMARGIN",
                       new_y="NEXT")
    y_kiri = pdf.get_y()
    x = pdf.l_margin + 106
    lebar = pdf.w - pdf.r_margin - x
    pdf.set_xy(x, y0)
    pdf.cell(0, _BARIS, "Kepada", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(lebar, _BARIS, f"Yth. {data.kepada}", align="L", markdown=False,
                   new_x="LEFT", new_y="NEXT")
    if data.cq:
        pdf.multi_cell(lebar, _BARIS, data.cq, align="L", markdown=False, new_x="LEFT",
                       new_y="NEXT")
    pdf.cell(0, _BARIS, "di", new_x="LEFT", new_y="NEXT")
    pdf.set_x(x + 6)
    pdf.set_font(FONT, "B", UKURAN_TEKS)
    pdf.multi_cell(lebar - 6, _BARIS, data.di.upper(), align="L", markdown=False,
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(y_kiri, pdf.get_y()) + 5)


def _isi(data: DataSurat) -> tuple[str, ...]:
    # Step 13 (upload to ESR, publication) comes after this letter: it says what will be done.
    return (
        "Dengan hormat,",
        "Memenuhi ketentuan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian "
        "Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
        "Pemerintah, bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LKjIP) "
        f"Tahun {data.tahun} {data.instansi} sebagaimana terlampir.",
        "Selanjutnya, dokumen laporan tersebut akan kami unggah pada aplikasi e-SAKIP Reviu "
        "(ESR) Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi dan kami "
        f"publikasikan pada laman resmi {data.instansi}.",
        "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
    )


def _tembusan(pdf: _Dokumen, data: DataSurat, y_ttd: float) -> None:
    """Copies at the page's foot, or beside the signature block's lower half when the page
    has no room below it (`y_ttd`: where the signature block starts)."""
    if not data.tembusan:
        return
    akhir = len(data.tembusan)
    butir = [(f"{i}.", f"{t}{'.' if i == akhir else ';'}")
             for i, t in enumerate(data.tembusan, 1)]
    pdf.set_font(FONT, "", UKURAN_TEKS)

    def tinggi(lebar: float) -> float:
        return _BARIS * (1 + sum(len(pdf.multi_cell(lebar - 7, _BARIS, t, dry_run=True,
                                                    output="LINES", markdown=False))
                                 for _, t in butir))

    bawah = pdf.page_break_trigger
    lebar = pdf.epw
    if pdf.get_y() + 4 + tinggi(lebar) > bawah:
        lebar = pdf.epw * 0.5
        pdf.set_y(max(y_ttd + 12, pdf.get_y() - 3 - tinggi(lebar)))
    else:
        pdf.set_y(bawah - tinggi(lebar))
    pdf.cell(lebar, _BARIS, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
    for no, teks in butir:
        pdf.cell(7, _BARIS, no)
        pdf.multi_cell(lebar - 7, _BARIS, teks, align="L", markdown=False, new_x="LMARGIN",
                       new_y="NEXT")


def buat_surat_pengantar(data: DataSurat) -> bytes:
    """The one-page cover letter sending the LKjIP (step 12) as A4 PDF bytes."""
    pdf = _Dokumen(watermark=data.draf, demo=data.demo)
    pdf.set_title(data.perihal)
    pdf.set_author(data.instansi)
    pdf.set_subject(f"Surat pengantar {judul_laporan(data.tahun)} — nomor {data.nomor}"
                    + (" (draf)" if data.draf else ""))
    pdf.set_keywords(f"surat pengantar, LKjIP {data.tahun}, tahun {data.tahun}")
    pdf.set_creator("LKj — aplikasi Laporan Kinerja")
    pdf.set_lang("id")
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_y(_tanda(pdf, data, _kop(pdf, data)) + 3)
    _kepala_surat(pdf, data)
    badan = pdf.l_margin + 26     # under the values of Nomor, Sifat, …
    lebar = pdf.w - pdf.r_margin - badan
    pdf.set_font(FONT, "", UKURAN_TEKS)
    for p in _isi(data):
        pdf.set_x(badan)
        pdf.multi_cell(lebar, _BARIS, p, align="J", markdown=False, new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(1.5)
    y_ttd = pdf.get_y()
    pdf.tanda_tangan(None, _jabatan(data.instansi), data.penandatangan)
    _tembusan(pdf, data, y_ttd)
    return bytes(pdf.output())
