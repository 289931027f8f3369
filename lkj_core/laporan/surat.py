"""The cover letter sending the LKjIP (SOP step 12).
"""

from __future__ import annotations

from io import BytesIO

from lkj_core.angka import format_tanggal
from lkj_core.laporan.data import DataSurat, _tempat, judul_laporan
from lkj_core.laporan.dokumen import _MERAH, FONT, LABEL_DEMO, _Dokumen
from lkj_core.laporan.teks import _jabatan, _kepala_daerah


def buat_surat_pengantar(data: DataSurat) -> bytes:
    """The one-page cover letter sending the LKjIP (step 12) as A4 PDF bytes."""
    pdf = _Dokumen(demo=data.demo)
    pdf.set_title(data.perihal)
    pdf.set_author(data.instansi)
    pdf.set_subject(f"Surat pengantar {judul_laporan(data.tahun)} — nomor {data.nomor}")
    pdf.set_keywords(f"surat pengantar, LKjIP {data.tahun}, tahun {data.tahun}")
    pdf.set_creator("LKj — aplikasi Laporan Kinerja")
    pdf.set_lang("id")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    # kop surat
    # With a logo on the left, the kop text is centred in the space beside it, as kop
    # surat usually are.
    sisi = 26 if data.logo else 0
    if data.logo:
        pdf.image(BytesIO(data.logo), x=pdf.l_margin, y=14, w=22, h=22, keep_aspect_ratio=True)
    pdf.set_y(15)
    for teks, ukuran in ((data.pemda.upper(), 13), (data.instansi.upper(), 16)):
        pdf.set_font(FONT, "B", ukuran)
        # a kop line reads best unbroken: shrink a long name a little before wrapping it
        while ukuran > 11 and pdf.get_string_width(teks) > pdf.epw - sisi - 2:
            ukuran -= 0.5
            pdf.set_font_size(ukuran)
        pdf.set_x(pdf.l_margin + sisi)
        pdf.multi_cell(pdf.epw - sisi, ukuran / 2, teks, align="C", markdown=False,
                       new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y() + 2, 38)
    with pdf.local_context(line_width=0.9):
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    with pdf.local_context(line_width=0.3):
        pdf.line(pdf.l_margin, y + 1.3, pdf.w - pdf.r_margin, y + 1.3)
    if data.demo:
        with pdf.local_context(text_color=_MERAH):
            pdf.set_font(FONT, "B", 9)
            pdf.set_xy(pdf.l_margin, y + 2.5)
            pdf.cell(0, 5, LABEL_DEMO, align="C")
    pdf.set_y(y + 9)
    pdf.set_font(FONT, "", 10.5)
    pdf.cell(0, 5.5, f"{_tempat(data.pemda)}, {format_tanggal(data.tanggal)}", align="R",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    y0 = pdf.get_y()
    for label, isi in (("Nomor", data.nomor), ("Sifat", data.sifat),
                       ("Lampiran", data.lampiran), ("Perihal", data.perihal)):
        pdf.set_x(pdf.l_margin)
        pdf.cell(22, 5.5, label)
        pdf.cell(4, 5.5, ":")
        pdf.multi_cell(80, 5.5, isi, align="L", markdown=False, new_x="LMARGIN", new_y="NEXT")
    y_kiri = pdf.get_y()
    x_kepada = pdf.l_margin + 112
    pdf.set_xy(x_kepada, y0)
    pdf.cell(0, 5.5, "Kepada", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(pdf.w - pdf.r_margin - x_kepada, 5.5, data.kepada, align="L",
                   markdown=False, new_x="LEFT", new_y="NEXT")
    pdf.cell(0, 5.5, "di", new_x="LEFT", new_y="NEXT")
    pdf.set_x(x_kepada + 6)
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(0, 5.5, data.di.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(y_kiri, pdf.get_y()) + 8)
    badan = pdf.l_margin + 26
    lebar = pdf.w - pdf.r_margin - badan
    pdf.set_font(FONT, "", 10.5)
    for p in (
        "Dengan hormat,",
        "Memenuhi ketentuan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian "
        "Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
        "Pemerintah, bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LKjIP) "
        f"Tahun {data.tahun} {data.instansi} sebagaimana terlampir.",
        "Dokumen laporan tersebut juga kami sampaikan melalui aplikasi e-SAKIP Reviu (ESR) "
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi serta kami "
        f"publikasikan pada laman resmi {data.instansi}.",
        "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
    ):
        pdf.set_x(badan)
        pdf.multi_cell(lebar, 5.8, p, align="J", markdown=False, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.tanda_tangan(None, _jabatan(data.instansi), data.penandatangan)
    pdf.set_font(FONT, "", 9.5)
    pdf.set_y(max(pdf.get_y() + 6, pdf.h - 45))
    pdf.multi_cell(0, 5, f"Tembusan:\n1. Yth. {_kepala_daerah(data.pemda)} (sebagai laporan);"
                   "\n2. Arsip.", markdown=False, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
