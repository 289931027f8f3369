"""The LKjIP's layout (structure of PermenPANRB 53/2014): front matter, Bab I–IV, the
review statement and the appendices, from a `DataLaporan`.
"""

from __future__ import annotations

from io import BytesIO

import pandas as pd
from fpdf.fonts import FontFace

from lkj_core import (
    isian,
    pejabat,
    perencanaan,
    resmi,
    siklus,
)
from lkj_core.angka import format_nilai, format_persen, format_tanggal
from lkj_core.capaian import hitung_capaian
from lkj_core.laporan.data import DataLaporan, _nilai, _tempat, judul_laporan
from lkj_core.laporan.dokumen import (
    _ABU,
    _BARIS_PER_SASARAN,
    _BIRU,
    _KOSONG,
    _MERAH,
    _N_A,
    FONT,
    LABEL_DEMO,
    _Dokumen,
    _paragraf,
    _rupiah_tanpa_rp,
)
from lkj_core.laporan.gambar import _png_semua, _spec, grafik_anggaran, grafik_tren
from lkj_core.laporan.teks import (
    _jabatan,
    _kalimat_anggaran,
    _kepala_daerah,
    _naskah,
    _poin_penutup,
)
from lkj_core.peran import LABEL_PERAN


class _Laporan(_Dokumen):
    """The LKjIP itself: front matter, Bab I–IV, the review statement and the appendices."""

    def __init__(self, d: DataLaporan, png: dict[str, bytes], halaman_daftar: int):
        super().__init__(f"{d.instansi}", f"LKjIP {d.tahun}", watermark=not d.ditandatangani,
                         demo=d.demo)
        self.d, self.png, self.halaman_daftar = d, png, halaman_daftar
        self._halaman_siap = False
        self.nama_ind = dict(zip(d.indikator["kode"], d.indikator["nama"]))
        self.renstra_ind = {r["kode"]: r for r in d.indikator_renstra.to_dict("records")}
        self.set_title(judul_laporan(d.tahun))
        self.set_author(d.instansi)
        self.set_subject(f"{judul_laporan(d.tahun)} (LKjIP) — {d.instansi}, {d.pemda}")
        self.set_keywords(f"LKjIP {d.tahun}, laporan kinerja, akuntabilitas kinerja, SAKIP, "
                          f"tahun {d.tahun}")
        self.set_creator("LKj — aplikasi Laporan Kinerja")
        self.set_lang("id")

    def tempat_tanggal(self) -> str:
        # Until signed the date stays blank for the pen; the signing year is the one after.
        d = self.d
        if d.tanggal_tandatangan:
            return f"{d.tempat}, {format_tanggal(d.tanggal_tandatangan)}"
        return f"{d.tempat}, {'_' * 12} {d.tahun + 1}"

    # headings (each a PDF bookmark; its TOC page number is the page it starts on)
    def bab(self, nama: str, baris: tuple[str, ...] | None = None):
        if self._halaman_siap:
            self._halaman_siap = False    # the ToC placeholder already broke to a fresh page
        else:
            self.add_page()
        self.start_section(nama, level=0)
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 14)
            for b in baris or (nama,):
                self.multi_cell(0, 7.5, b, align="C", markdown=False, new_x="LMARGIN",
                                new_y="NEXT")
        self.ln(5)

    def subbab(self, nama: str, level: int = 1, sisa: float = 45):
        if self.will_page_break(sisa):
            self.add_page()
        self.ln(1)
        self.start_section(nama, level=level)
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 11.5 if level == 1 else 10.5)
            self.multi_cell(0, 6, nama, align="L", markdown=False, new_x="LMARGIN",
                            new_y="NEXT")
        self.ln(2)

    def susun(self):
        d = self.d
        self.sampul()
        self.bab("KATA PENGANTAR")
        self.paragraf(_naskah(d, "kata_pengantar"))
        self.tanda_tangan(self.tempat_tanggal(), _jabatan(d.instansi), d.penandatangan)
        self.bab("IKHTISAR EKSEKUTIF")
        self.paragraf(_naskah(d, "ikhtisar"))
        self.tabel_sasaran("Ringkasan capaian kinerja per sasaran strategis tahun "
                           f"{d.tahun}")
        self.add_page()
        self.start_section("DAFTAR ISI", level=0)
        self.insert_toc_placeholder(self.tulis_daftar, pages=self.halaman_daftar)
        self._halaman_siap = True
        self.bab_i()
        self.bab_ii()
        self.bab_iii()
        self.bab_iv()
        self.pernyataan_reviu()
        self.lampiran()

    def sampul(self):
        d = self.d
        self.add_page()
        if d.demo:
            with self.local_context(text_color=_MERAH, draw_color=_MERAH, line_width=0.6):
                self.set_font(FONT, "B", 12)
                self.set_xy(self.l_margin + 20, 14)
                self.cell(self.epw - 40, 10, LABEL_DEMO, border=1, align="C")
        self.set_y(38)
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 20)
            self.multi_cell(0, 10, "LAPORAN KINERJA\nINSTANSI PEMERINTAH (LKjIP)\n"
                            f"TAHUN {d.tahun}", align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.ln(14)
        self.logo_sampul(self.get_y(), 55)
        self.set_y(self.get_y() + 55 + 18)
        self.set_font(FONT, "B", 15)
        self.multi_cell(0, 8, d.instansi.upper(), align="C", markdown=False, new_x="LMARGIN",
                        new_y="NEXT")
        self.ln(2)
        self.multi_cell(0, 8, d.pemda.upper(), align="C", markdown=False, new_x="LMARGIN",
                        new_y="NEXT")
        self.set_y(-52)
        self.set_font(FONT, "B", 13)
        self.cell(0, 7, f"{_tempat(d.pemda).upper()}, {d.tahun + 1}", align="C",
                  new_x="LMARGIN", new_y="NEXT")
        if not d.ditandatangani:
            self.set_font(FONT, "I", 9)
            with self.local_context(text_color=_ABU):
                self.cell(0, 6, "Draf — belum ditandatangani", align="C")

    def logo_sampul(self, y: float, ukuran: float):
        x = self.w / 2 - ukuran / 2
        if self.d.logo:
            self.image(BytesIO(self.d.logo), x=x, y=y, w=ukuran, h=ukuran, keep_aspect_ratio=True)
            return
        # A neutral shield with a star: marks where the Pemda's logo goes without imitating it.
        cx = self.w / 2
        perisai = [(x + 4, y), (x + ukuran - 4, y), (x + ukuran - 4, y + ukuran * 0.55),
                   (cx, y + ukuran), (x + 4, y + ukuran * 0.55)]
        with self.local_context(draw_color=_BIRU, fill_color=(236, 241, 248), line_width=0.8):
            self.polygon(perisai, style="DF")
        with self.local_context(fill_color=_BIRU):
            self.star(cx, y + ukuran * 0.42, ukuran * 0.09, ukuran * 0.22, 5, style="F")

    def tabel_sasaran(self, judul: str):
        baris = [[s.kode_sasaran, s.sasaran, str(s.jumlah), format_persen(_nilai(s.capaian)),
                  s.kategori or _N_A] for s in self.d.sasaran.itertuples()]
        self.tabel(judul, [("Kode", 9, "C"), ("Sasaran Strategis", 52, "L"),
                           ("Jumlah indikator terukur", 14, "C"), ("Rata-rata capaian", 13, "R"),
                           ("Kategori", 14, "C")], baris)

    # Daftar Isi / Tabel / Gambar
    def _rencana_daftar(self, outline) -> list[tuple]:
        """Layout of the lists as (page offset, y, kind, payload); shared by the real rendering
        and by the check of how many pages the placeholder needs."""
        tinggi_baris, atas = 5.2, self.t_margin
        bawah = self.h - self.b_margin
        rencana, hal, y = [], 0, atas

        def taruh(jenis, tinggi, isi, baru_jika=0.0):
            nonlocal hal, y
            if y + max(tinggi, baru_jika) > bawah:
                hal, y = hal + 1, atas
            rencana.append((hal, y, jenis, isi))
            y += tinggi

        def daftar(judul, entri, pertama=False):
            nonlocal y
            if not pertama:
                y += 6
            taruh("judul", 14, judul, baru_jika=40)
            for teks, level, halaman, tujuan in entri:
                self.set_font(FONT, "B" if level == 0 else "", 10)
                lebar = self.epw - 6 * max(level, 0) - 14
                baris = self.multi_cell(lebar, tinggi_baris, teks, dry_run=True,
                                        output="LINES", markdown=False)
                taruh("entri", len(baris) * tinggi_baris + (1.6 if level == 0 else 0.8),
                      (baris, level, halaman, tujuan))

        daftar("DAFTAR ISI", [(s.name, s.level, s.page_number, (s.page_number, None))
                              for s in outline], pertama=True)
        # level -1: caption lists sit flush left in regular weight
        daftar("DAFTAR TABEL", [(t, -1, h, (h, y0)) for t, h, y0 in self.daftar_tabel])
        if self.daftar_gambar:
            daftar("DAFTAR GAMBAR", [(t, -1, h, (h, y0)) for t, h, y0 in self.daftar_gambar])
        return rencana

    def halaman_daftar_perlu(self) -> int:
        rencana = self._rencana_daftar(self._outline)
        return rencana[-1][0] + 1

    def tulis_daftar(self, pdf, outline):
        hal_awal = self.page
        tinggi_baris = 5.2
        for hal, y, jenis, isi in self._rencana_daftar(outline):
            while self.page < hal_awal + hal:
                self.add_page()
            if jenis == "judul":
                with self.local_context(text_color=_BIRU):
                    self.set_font(FONT, "B", 14)
                    self.set_xy(self.l_margin, y)
                    self.cell(0, 8, isi, align="C")
                continue
            baris, level, halaman, (hal_tujuan, y_tujuan) = isi
            x = self.l_margin + 6 * max(level, 0)
            lebar = self.epw - 6 * max(level, 0) - 14
            self.set_font(FONT, "B" if level == 0 else "", 10)
            for i, teks in enumerate(baris):
                self.set_xy(x, y + i * tinggi_baris)
                self.cell(lebar, tinggi_baris, teks)
            y_akhir = y + (len(baris) - 1) * tinggi_baris
            ujung = x + self.get_string_width(baris[-1]) + 1.5
            with self.local_context(draw_color=(140, 140, 140), line_width=0.25):
                self.set_dash_pattern(dash=0.4, gap=1.1)
                if ujung < self.w - self.r_margin - 12:
                    self.line(ujung, y_akhir + tinggi_baris - 1.3, self.w - self.r_margin - 11,
                              y_akhir + tinggi_baris - 1.3)
                self.set_dash_pattern()
            self.set_xy(self.w - self.r_margin - 10, y_akhir)
            self.cell(10, tinggi_baris, str(halaman), align="R")
            tautan = self.add_link(page=hal_tujuan, y=max(0.0, (y_tujuan or 0) - 4))
            self.link(x, y, self.epw - 6 * max(level, 0), len(baris) * tinggi_baris, tautan)

    # BAB I
    def bab_i(self):
        d = self.d
        self.bab("BAB I PENDAHULUAN", ("BAB I", "PENDAHULUAN"))
        for kunci, judul in (("tugas_fungsi", "A. Tugas dan Fungsi"),
                             ("struktur_organisasi", "B. Struktur Organisasi"),
                             ("sumber_daya", "C. Sumber Daya"),
                             ("isu_strategis", "D. Isu Strategis")):
            self.subbab(judul)
            self.paragraf(_naskah(d, kunci))

    # BAB II
    def bab_ii(self):
        d, r = self.d, self.d.renstra
        self.bab("BAB II PERENCANAAN KINERJA", ("BAB II", "PERENCANAAN KINERJA"))
        self.subbab("A. Rencana Strategis")
        ir = d.indikator_renstra
        self.paragraf(
            f"Rencana Strategis (Renstra) periode {r['tahun_awal']}–{r['tahun_akhir']} "
            f"menetapkan {d.pohon['tujuan_id'].nunique()} tujuan dan "
            f"{d.pohon['sasaran_id'].dropna().nunique()} sasaran strategis yang diukur dengan "
            f"{len(ir)} indikator kinerja. Ringkasannya disajikan pada tabel berikut.")
        baris = []
        for t in d.pohon.drop_duplicates("tujuan_id").itertuples():
            baris.append(f"Tujuan {t.kode_tujuan}: {t.tujuan}")
            for s in d.pohon[d.pohon["tujuan_id"] == t.tujuan_id].dropna(
                    subset=["sasaran_id"]).itertuples():
                baris.append(f"Sasaran {s.kode_sasaran}: {s.sasaran}")
                for i in ir[ir["sasaran_id"] == s.sasaran_id].itertuples():
                    baris.append([i.kode, i.nama, i.satuan, perencanaan.format_target(
                        _nilai(i.target_akhir), _nilai(i.target_akhir_atas), i.polaritas)])
        self.tabel(f"Ringkasan Renstra {r['tahun_awal']}–{r['tahun_akhir']}: tujuan, sasaran, "
                   "indikator dan target akhir",
                   [("Kode", 10, "C"), ("Indikator Kinerja", 58, "L"), ("Satuan", 12, "C"),
                    (f"Target Akhir {r['tahun_akhir']}", 16, "C")], baris)
        self.subbab(f"B. Perjanjian Kinerja Tahun {d.tahun}")
        self.paragraf(
            f"Perjanjian Kinerja Tahun {d.tahun} memuat {len(d.sasaran)} sasaran strategis, "
            f"{len(d.indikator)} indikator kinerja beserta targetnya, dan {len(d.anggaran)} "
            "program/kegiatan beserta anggarannya.")
        self.tabel_pk()
        self.tabel_program_pk()

    def tabel_pk(self):
        d = self.d
        baris, no = [], 0
        for _, g in d.indikator.groupby("kode_sasaran", sort=True):
            for j, i in enumerate(g.itertuples()):
                no += 1
                target = perencanaan.format_target(_nilai(i.target), _nilai(i.target_atas),
                                                   i.polaritas)
                sel = [str(no)]
                # fpdf2 draws a rowspan cell on one page: a sasaran with many indicators is
                # split into blocks that fit, each naming the sasaran again.
                if j % _BARIS_PER_SASARAN == 0:
                    sel.append({"text": f"{i.kode_sasaran} {i.sasaran}"
                                + (" (lanjutan)" if j else ""),
                                "rowspan": min(_BARIS_PER_SASARAN, len(g) - j)})
                baris.append(sel + [f"{i.kode} {i.nama}", f"{target} {i.satuan}"])
        self.tabel(f"Perjanjian Kinerja Tahun {d.tahun}: sasaran, indikator dan target",
                   [("No", 6, "C"), ("Sasaran Strategis", 34, "L"), ("Indikator Kinerja", 42, "L"),
                    ("Target", 16, "C")], baris)

    def ttd_pk(self):
        """The PK's two parties side by side: the kepala daerah (left, no NIP) and the
        Inspektur (right), names on one line."""
        d = self.d
        if self.will_page_break(62):
            self.add_page()
        self.ln(6)
        lebar = self.epw * 0.46
        kiri, kanan = self.l_margin, self.l_margin + self.epw * 0.54
        kd = d.kepala_daerah or {}
        ttd = d.penandatangan or {}
        self.set_font(FONT, "", 10.5)
        self.set_xy(kanan, self.get_y())
        self.multi_cell(lebar, 5.5, f"{d.tempat}, {'_' * 12} {d.tahun}", align="C",
                        markdown=False, new_x="LMARGIN", new_y="NEXT")
        y0 = self.get_y()
        ujung = []
        for x, teks in ((kiri, "PIHAK KEDUA,\n" + (kd.get("jabatan") or
                                                    _kepala_daerah(d.pemda)).upper()),
                        (kanan, "PIHAK PERTAMA,\n" + _jabatan(d.instansi).upper())):
            self.set_xy(x, y0)
            self.multi_cell(lebar, 5.5, teks, align="C", markdown=False, new_x="LMARGIN",
                            new_y="NEXT")
            ujung.append(self.get_y())
        y_nama = max(ujung) + 22
        for x, orang, nip in ((kiri, kd, False), (kanan, ttd, True)):
            self.set_xy(x, y_nama)
            nama = (orang.get("nama") or "").strip()
            self.set_font(FONT, "B" if nama else "", 10.5)
            self.multi_cell(lebar, 5.5, nama or "(" + "." * 40 + ")", align="C",
                            markdown=False, new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, "", 10.5)
            if nip and (orang.get("pangkat") or "").strip():
                self.set_x(x)
                self.multi_cell(lebar, 5.5, orang["pangkat"].strip(), align="C",
                                markdown=False, new_x="LMARGIN", new_y="NEXT")
            if nip:
                self.set_x(x)
                self.multi_cell(lebar, 5.5, f"NIP. {pejabat.format_nip(orang.get('nip')) or '.' * 36}",
                                align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def tabel_program_pk(self):
        d = self.d
        baris = [[str(n), r.kode, r.uraian, _rupiah_tanpa_rp(r.pagu)]
                 for n, r in enumerate(d.anggaran.itertuples(), start=1)]
        if baris:
            baris.append(["", "", {"text": "Jumlah", "style": FontFace(emphasis="BOLD")},
                          {"text": _rupiah_tanpa_rp(d.anggaran["pagu"].sum()),
                           "style": FontFace(emphasis="BOLD")}])
        else:
            baris.append("Belum ada program/kegiatan Perjanjian Kinerja.")
        self.tabel(f"Program/kegiatan dan anggaran Perjanjian Kinerja Tahun {d.tahun}",
                   [("No", 6, "C"), ("Kode", 11, "C"), ("Program/Kegiatan", 62, "L"),
                    ("Anggaran (Rp)", 21, "R")], baris)

    # BAB III
    def baris_pengukuran(self, df: pd.DataFrame) -> list:
        baris = []
        for kode, g in df.groupby("kode_sasaran", sort=True):
            baris.append(f"{kode} {g['sasaran'].iloc[0]}")
            for i in g.itertuples():
                baris.append([i.kode_sasaran, i.kode, i.nama, i.satuan,
                              perencanaan.format_target(_nilai(i.target), _nilai(i.target_atas),
                                                        i.polaritas),
                              _realisasi_sel(i), _capaian_sel(i), i.kategori or _ket(i)])
        return baris

    def tabel_pengukuran(self, judul: str):
        self.tabel(judul, [("Sasaran", 15, "C"), ("Kode", 13, "C"),
                           ("Indikator Kinerja", 50, "L"), ("Satuan", 14, "C"), ("Target", 17, "C"),
                           ("Realisasi", 18, "C"), ("Capaian", 18, "R"), ("Kategori", 23, "C")],
                   self.baris_pengukuran(self.d.indikator), ukuran=7.5)

    def bab_iii(self):
        d = self.d
        self.bab("BAB III AKUNTABILITAS KINERJA", ("BAB III", "AKUNTABILITAS KINERJA"))
        self.subbab("A. Capaian Kinerja Organisasi")
        skala = "; ".join(
            (f"≥ {format_nilai(b)} % {label}" if b != float("-inf") else f"di bawahnya {label}")
            for b, label in d.skala)
        self.paragraf(
            "Capaian kinerja dihitung per indikator dengan membandingkan realisasi terhadap "
            "target. Untuk indikator berpolaritas positif, capaian = realisasi ÷ target × 100 %; "
            "berpolaritas negatif (makin kecil makin baik), capaian = (2 × target − realisasi) ÷ "
            "target × 100 %; untuk target berupa rentang, realisasi di dalam rentang dihitung "
            "100 %. Hanya realisasi yang sudah diverifikasi yang disajikan: yang belum ditulis "
            "\u201cbelum diverifikasi\u201d, yang belum diisi \u201cbelum ada data\u201d, dan "
            "keduanya tidak dihitung (bukan nol). Kategori capaian: "
            f"{skala}.")
        self.tabel_pengukuran(f"Pengukuran kinerja tahun {d.tahun}")
        self.tabel_sasaran(f"Capaian kinerja per sasaran strategis tahun {d.tahun}")
        for s in d.sasaran.itertuples():
            self.per_sasaran(s)
        self.realisasi_anggaran()

    def per_sasaran(self, s):
        d = self.d
        ind = d.indikator[d.indikator["kode_sasaran"] == s.kode_sasaran]
        self.subbab(f"Sasaran Strategis {s.kode_sasaran}: {s.sasaran}", level=2, sisa=60)
        self.paragraf(f"Sasaran ini diukur dengan {len(ind)} indikator kinerja; rata-rata "
                      f"capaiannya {format_persen(_nilai(s.capaian))} "
                      f"({s.kategori or _N_A}).")
        self.judul_kecil(f"1. Perbandingan target dan realisasi kinerja tahun {d.tahun}")
        self.tabel(f"Target dan realisasi sasaran {s.kode_sasaran} tahun {d.tahun}",
                   [("Kode", 13, "C"), ("Indikator Kinerja", 58, "L"), ("Satuan", 15, "C"),
                    ("Target", 17, "C"), ("Realisasi", 19, "C"), ("Capaian", 19, "R"),
                    ("Kategori", 27, "C")],
                   [r[1:] for r in self.baris_pengukuran(ind) if not isinstance(r, str)])
        self.poin_tren(s.kode_sasaran, list(ind["kode"]))
        self.poin_renstra(s.kode_sasaran, ind)
        self.poin_standar(s.kode_sasaran, ind)
        for judul, kolom in (
                ("5. Analisis penyebab keberhasilan/kegagalan dan solusi yang telah dilakukan",
                 ("analisis_penyebab", "solusi", "kendala", "tindak_lanjut")),
                ("6. Analisis efisiensi penggunaan sumber daya", ("efisiensi",)),
                ("7. Program/kegiatan yang menunjang keberhasilan atau kegagalan",
                 ("program_pendukung",))):
            self.judul_kecil(judul)
            for i in ind.itertuples():
                self.narasi(i, kolom)
            if kolom == ("efisiensi",):
                self.efisiensi_unit(ind)

    def poin_tren(self, kode_sasaran: str, kode: list[str]):
        d = self.d
        self.judul_kecil(f"2. Perbandingan realisasi dan capaian tahun {d.tahun} dengan "
                         "tahun-tahun sebelumnya")
        tren = d.tren[d.tren["kode"].isin(kode)]
        tahun = sorted(int(t) for t in tren["tahun"].unique()) or [d.tahun]
        baris = []
        for k in kode:
            t = tren[tren["kode"] == k].set_index("tahun")
            sel = [k, self.nama_ind[k]]
            for th in tahun:
                r = t.loc[th] if th in t.index else None
                if r is None or _nilai(r["realisasi"]) is None:
                    sel.append(resmi.BELUM_ADA_DATA if r is None else
                               r["keterangan"] or resmi.BELUM_ADA_DATA)
                else:
                    sel.append(f"{format_nilai(_nilai(r['realisasi']))}\n"
                               f"({format_persen(_nilai(r['capaian']))})")
            baris.append(sel)
        periode = f"{tahun[0]}–{d.tahun}"
        self.tabel(f"Realisasi dan (capaian) sasaran {kode_sasaran} tahun {periode}",
                   [("Kode", 8, "C"), ("Indikator Kinerja", 30, "L")]
                   + [(str(th), max(8.0, 50 / len(tahun)), "C") for th in tahun], baris,
                   ukuran=7.5)
        png = self.png.get(f"tren:{kode_sasaran}")
        if png:
            self.gambar(png, f"Tren capaian indikator sasaran {kode_sasaran} tahun {periode}")
        else:
            self.paragraf("Belum ada data capaian untuk grafik tren.", gaya="I")

    def poin_renstra(self, kode_sasaran: str, ind: pd.DataFrame):
        d, r = self.d, self.d.renstra
        self.judul_kecil(f"3. Perbandingan realisasi sampai dengan tahun {d.tahun} dengan target "
                         f"jangka menengah (Renstra {r['tahun_awal']}–{r['tahun_akhir']})")
        baris = []
        for i in ind.itertuples():
            a = self.renstra_ind.get(i.kode, {})
            ta, taa = _nilai(a.get("target_akhir")), _nilai(a.get("target_akhir_atas"))
            cap = _capaian_aman(ta, _nilai(i.realisasi), i.polaritas, taa)
            ket = _ket(i) if cap is None else ("telah tercapai" if cap >= 100
                                               else "belum tercapai")
            baris.append([i.kode, i.nama, perencanaan.format_target(ta, taa, i.polaritas),
                          _realisasi_sel(i), _KOSONG if cap is None and getattr(
                              i, "keterangan", None) else format_persen(cap), ket])
        self.tabel(f"Realisasi {d.tahun} terhadap target akhir Renstra sasaran {kode_sasaran}",
                   [("Kode", 13, "C"), ("Indikator Kinerja", 55, "L"),
                    (f"Target Akhir {r['tahun_akhir']}", 20, "C"),
                    (f"Realisasi {d.tahun}", 19, "C"), ("Capaian thd Target Akhir", 21, "R"),
                    ("Keterangan", 26, "C")], baris)

    def poin_standar(self, kode_sasaran: str, ind: pd.DataFrame):
        d = self.d
        self.judul_kecil("4. Perbandingan dengan standar nasional")
        baris, tanpa = [], []
        for i in ind.itertuples():
            std = _nilai(self.renstra_ind.get(i.kode, {}).get("standar_nasional"))
            if std is None:
                tanpa.append(i.kode)
                continue
            # A national standard is one number: a rentang indicator is judged as positive.
            pol = "positif" if i.polaritas == "rentang" else i.polaritas
            cap = _capaian_aman(std, _nilai(i.realisasi), pol)
            ket = _ket(i) if cap is None else ("memenuhi standar" if cap >= 100
                                               else "di bawah standar")
            baris.append([i.kode, i.nama, format_nilai(std), _realisasi_sel(i), ket])
        if baris:
            self.tabel(f"Realisasi {d.tahun} terhadap standar nasional sasaran {kode_sasaran}",
                       [("Kode", 13, "C"), ("Indikator Kinerja", 65, "L"),
                        ("Standar Nasional", 22, "C"), (f"Realisasi {d.tahun}", 20, "C"),
                        ("Keterangan", 30, "C")], baris)
            if tanpa:
                self.paragraf(f"Tidak ada standar nasional untuk indikator {', '.join(tanpa)}.")
        else:
            self.paragraf("Tidak ada standar nasional untuk indikator-indikator sasaran ini.")

    def narasi(self, i, kolom: tuple[str, ...]):
        n = self.d.narasi.get(int(i.id), {})
        if self.will_page_break(16):
            self.add_page()
        self.set_font(FONT, "B", 9.5)
        self.multi_cell(0, 5, f"{i.kode} {i.nama}", align="L", markdown=False,
                        new_x="LMARGIN", new_y="NEXT")
        for k in kolom:
            teks = (n.get(k) or "").strip()
            if k in ("kendala", "tindak_lanjut") and not teks:
                continue        # optional extras: shown only when the bidang wrote them
            self.set_font(FONT, "I", 9.5)
            self.set_x(self.l_margin + 4)
            self.multi_cell(self.epw - 4, 5, isian.KOLOM_NARASI[k] + ":", align="L",
                            markdown=False, new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, "", 9.5)
            # An unverified entry's texts are not official either: say why they are absent.
            for p in _paragraf(teks) or [getattr(i, "keterangan", None) or _KOSONG]:
                self.set_x(self.l_margin + 4)
                self.multi_cell(self.epw - 4, 5, p, align="J", markdown=False,
                                new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def efisiensi_unit(self, ind: pd.DataFrame):
        a = self.d.anggaran
        unit = a[a["unit_id"].isin(set(ind["unit_id"]))]
        if unit.empty:
            return
        self.paragraf("Data pendukung — serapan anggaran program/kegiatan unit penanggung jawab "
                      "indikator sasaran ini: " + "; ".join(
                          f"{r.unit} ({r.kode}) serapan {format_persen(_nilai(r.serapan))}, "
                          f"capaian kinerja unit {format_persen(_nilai(r.capaian_unit))}"
                          for r in unit.itertuples()) + ".", ukuran=9.5)

    def realisasi_anggaran(self):
        d, a = self.d, self.d.anggaran
        self.subbab("B. Realisasi Anggaran")
        self.paragraf(_kalimat_anggaran(d) + " Rincian per program/kegiatan disajikan pada "
                      "tabel berikut.")
        baris = [[str(n), r.kode, r.uraian, _rupiah_tanpa_rp(r.pagu),
                  _rupiah_tanpa_rp(r.realisasi), format_persen(_nilai(r.serapan))]
                 for n, r in enumerate(a.itertuples(), start=1)]
        if baris:
            tebal = FontFace(emphasis="BOLD")
            baris.append(["", "", {"text": "Jumlah", "style": tebal},
                          {"text": _rupiah_tanpa_rp(a["pagu"].sum()), "style": tebal},
                          {"text": _rupiah_tanpa_rp(a["realisasi"].sum(min_count=1)),
                           "style": tebal},
                          {"text": format_persen(d.ringkasan["serapan"]), "style": tebal}])
        else:
            baris.append("Belum ada data anggaran.")
        self.tabel(f"Pagu, realisasi dan serapan anggaran tahun {d.tahun}",
                   [("No", 5, "C"), ("Kode", 10, "C"), ("Program/Kegiatan", 45, "L"),
                    ("Pagu (Rp)", 16, "R"), ("Realisasi (Rp)", 16, "R"), ("Serapan", 10, "R")],
                   baris)
        if a.empty:
            return
        self.paragraf("Perbandingan serapan anggaran dengan capaian kinerja rata-rata unit "
                      "penanggung jawab program/kegiatan menunjukkan efisiensi penggunaan "
                      "anggaran: capaian kinerja yang lebih tinggi dari serapan berarti target "
                      "dicapai dengan anggaran yang lebih hemat.")
        baris = []
        for r in a.itertuples():
            cap, ser = _nilai(r.capaian_unit), _nilai(r.serapan)
            selisih = _N_A if cap is None or ser is None else \
                f"{'+' if cap - ser >= 0 else '−'}{format_nilai(abs(cap - ser))}"
            baris.append([r.kode, r.unit or _KOSONG, format_persen(ser), format_persen(cap),
                          selisih])
        self.tabel(f"Capaian kinerja unit dan serapan anggaran tahun {d.tahun}",
                   [("Kode", 12, "C"), ("Unit Penanggung Jawab", 42, "L"),
                    ("Serapan Anggaran", 15, "R"), ("Capaian Kinerja Unit", 15, "R"),
                    ("Selisih (poin)", 14, "R")], baris)
        png = self.png.get("anggaran")
        if png:
            self.gambar(png, f"Serapan anggaran dan capaian kinerja unit tahun {d.tahun}")

    # BAB IV, review statement, appendices
    def bab_iv(self):
        d = self.d
        self.bab("BAB IV PENUTUP", ("BAB IV", "PENUTUP"))
        self.paragraf(_naskah(d, "penutup"))
        self.judul_kecil("Poin-poin kunci:")
        for p in _poin_penutup(d):
            self.butir(p)

    def pernyataan_reviu(self):
        # Printed only from a finished reviu on record (reviu.pernyataan): its team, date,
        # scope and conclusion. No finished reviu, no statement: the report stays a draft.
        d, r = self.d, self.d.reviu
        if not r:
            return
        self.bab("PERNYATAAN TELAH DIREVIU")
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, f"{d.instansi.upper()}\nTAHUN ANGGARAN {d.tahun}", align="C",
                        markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(6)
        self.paragraf(
            f"Kami telah mereviu Laporan Kinerja Instansi Pemerintah (LKjIP) {d.instansi} untuk "
            f"tahun anggaran {d.tahun} sesuai Pedoman Reviu atas Laporan Kinerja, berdasarkan "
            f"Surat Tugas nomor {r['nomor_surat_tugas']}. Substansi informasi yang dimuat dalam "
            f"Laporan Kinerja menjadi tanggung jawab manajemen {d.instansi}.\n\n"
            f"Ruang lingkup reviu: {r['ruang_lingkup']}\n\n"
            "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa Laporan Kinerja telah "
            "disajikan secara akurat, andal, dan valid.\n\n"
            f"Simpulan reviu: {r['kesimpulan']}")
        self.tabel("Tim reviu", [("Kedudukan", 16, "L"), ("Nama", 34, "L"), ("NIP", 24, "C"),
                                 ("Pangkat/Golongan", 26, "L")],
                   [[t["kedudukan"].capitalize(), t["nama"], pejabat.format_nip(t["nip"]),
                     t.get("pangkat") or _KOSONG] for t in r["tim"]])
        ketua = next((t for t in r["tim"] if t["kedudukan"] == "ketua"), r["tim"][0])
        self.tanda_tangan(f"{d.tempat}, {format_tanggal(r['tanggal'])}", "Ketua Tim Reviu",
                          ketua)

    def lampiran(self):
        d = self.d
        self.bab("LAMPIRAN")
        self.subbab(f"Lampiran 1. Perjanjian Kinerja Tahun {d.tahun}", sisa=60)
        self.tabel_pk()
        self.tabel_program_pk()
        self.ttd_pk()
        self.add_page()
        self.subbab(f"Lampiran 2. Pengukuran Kinerja Tahun {d.tahun}", sisa=60)
        self.tabel_pengukuran(f"Pengukuran kinerja tahun {d.tahun} (lampiran)")
        self.add_page()
        self.subbab("Lampiran 3. Catatan Pelaksanaan SOP Penyusunan Laporan Kinerja", sisa=60)
        self.catatan_sop()

    def catatan_sop(self):
        d, df = self.d, self.d.langkah_sop
        if df.empty:
            self.paragraf(f"Siklus SOP tahun ini belum dibuka (Laporan Kinerja tahun {d.tahun}); "
                          "catatan ketepatan waktu langkah-langkah SOP akan tersedia setelah "
                          "Inspektur membuka siklus.")
            return
        selesai = int((df["status"] == "selesai").sum())
        terlambat = int(df["terlambat"].fillna(False).astype(bool).sum())
        self.paragraf(
            f"Siklus SOP Penyusunan Laporan Kinerja tahun {d.tahun} dibuka pada "
            f"{format_tanggal(d.siklus_dibuka)} pukul {d.siklus_dibuka:%H.%M}. {selesai} dari "
            f"{len(df)} langkah telah selesai; "
            f"{terlambat} langkah melampaui waktu baku (mutu baku SOP).")
        baris = []
        for r in df.itertuples():
            ket = r.ketepatan or ("belum dimulai" if r.status == "belum" else _KOSONG)
            baris.append([str(r.no), r.uraian, LABEL_PERAN.get(r.pelaksana, r.pelaksana),
                          f"{r.waktu} {r.satuan_waktu}", _waktu(r.mulai), _waktu(r.selesai),
                          ket])
        self.tabel(f"Catatan pelaksanaan dan ketepatan waktu SOP tahun {d.tahun}",
                   [("No", 8, "C"), ("Uraian Kegiatan", 50, "L"), ("Pelaksana", 25, "L"),
                    ("Waktu Baku", 15, "C"), ("Mulai", 20, "C"), ("Selesai", 20, "C"),
                    ("Ketepatan", 30, "L")], baris, ukuran=7.5)


def _ket(i) -> str:
    """Why an indicator row has no capaian: its official-data reason, else n/a (no target)."""
    return getattr(i, "keterangan", None) or _N_A


def _realisasi_sel(i) -> str:
    """The realisasi cell: the verified value, or why there is none (never an unverified
    number)."""
    nilai = _nilai(i.realisasi)
    return format_nilai(nilai) if nilai is not None else (
        getattr(i, "keterangan", None) or resmi.BELUM_ADA_DATA)


def _capaian_sel(i) -> str:
    """The capaian cell: a dash where the row already says why it has no number."""
    nilai = _nilai(i.capaian)
    if nilai is None and getattr(i, "keterangan", None):
        return _KOSONG
    return format_persen(nilai)


def _capaian_aman(target, realisasi, polaritas, target_atas=None) -> float | None:
    # A rentang end target stored without its upper bound cannot be judged; say n/a
    # rather than fail the whole report.
    try:
        return hitung_capaian(target, realisasi, polaritas,
                              target_atas if polaritas == "rentang" else None)
    except ValueError:
        return None


def _waktu(x) -> str:
    if not siklus.ada(x):
        return _KOSONG
    t = pd.Timestamp(x)
    return f"{t.day:02d}-{t.month:02d}-{t.year}\n{t.hour:02d}.{t.minute:02d}"


def _grafik(d: DataLaporan) -> dict[str, bytes]:
    grafik = {}
    for s in d.sasaran.itertuples():
        kode = set(d.indikator.loc[d.indikator["kode_sasaran"] == s.kode_sasaran, "kode"])
        tren = d.tren[d.tren["kode"].isin(kode)]
        if tren["capaian"].notna().any():
            grafik[f"tren:{s.kode_sasaran}"] = grafik_tren(tren)
    if not d.anggaran.empty and (d.anggaran["serapan"].notna().any()
                                 or d.anggaran["capaian_unit"].notna().any()):
        grafik["anggaran"] = grafik_anggaran(d.anggaran)
    # One child process renders all charts of the report.
    png = _png_semua(tuple(_spec(c) for c in grafik.values()))
    return dict(zip(grafik, png))


def buat_laporan(data: DataLaporan) -> bytes:
    """The LKjIP of the year as A4 PDF bytes (DRAFT watermark until step 11 is finished)."""
    png = _grafik(data)
    # The ToC needs its page count before the pages after it exist: guess, lay out, and
    # lay out once more only if the guess was wrong (the count cannot change on a re-run).
    halaman = 2
    for _ in range(3):
        pdf = _Laporan(data, png, halaman)
        pdf.susun()
        perlu = pdf.halaman_daftar_perlu()
        if perlu == halaman:
            return bytes(pdf.output())
        halaman = perlu
    raise RuntimeError("Jumlah halaman daftar isi tidak stabil.")


