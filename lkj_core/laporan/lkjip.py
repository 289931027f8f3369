"""The LKjIP's layout (structure of PermenPANRB 53/2014): cover, Kata Pengantar, the
Ikhtisar Eksekutif opened by a one-page infographic, Daftar Isi/Tabel/Gambar, Bab I–IV, the
review statement and the appendices, from a `DataLaporan`. Bab III lives in `bab3`, the
appendices in `lampiran`, vector diagrams in `bagan`.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO

from lkj_core import grafik as chart
from lkj_core import grafik_cetak, pejabat
from lkj_core.angka import format_persen, format_tanggal
from lkj_core.grafik import palet_kategori
from lkj_core.grafik_cetak import Gambar
from lkj_core.laporan import bagan
from lkj_core.laporan.bab3 import Bab3
from lkj_core.laporan.data import DataLaporan, _jabatan, _nilai, _tempat, judul_laporan
from lkj_core.laporan.dokumen import (
    _ABU,
    _BIRU,
    _KOSONG,
    _MERAH,
    FONT,
    LABEL_DEMO,
    _Dokumen,
)
from lkj_core.laporan.lampiran import Lampiran, _ringkas_pk, target_renstra
from lkj_core.laporan.teks import _naskah, _poin_penutup

LEBAR_GRAFIK = 160.0         # mm: charts print a little narrower than the text width
_DIMENSI = {"jabatan": "Menurut jabatan", "golongan": "Menurut golongan",
            "pendidikan": "Menurut pendidikan"}


class _Laporan(Bab3, Lampiran, _Dokumen):
    """The LKjIP itself: front matter, Bab I–IV, the review statement and the appendices."""

    def __init__(self, d: DataLaporan, png: dict, halaman_daftar: int):
        super().__init__(f"{d.instansi}", f"LKjIP {d.tahun}", watermark=not d.ditandatangani,
                         demo=d.demo)
        self.d, self.png, self.halaman_daftar = d, png, halaman_daftar
        self._halaman_siap = False
        self.renstra_ind = {r["kode"]: r for r in d.indikator_renstra.to_dict("records")}
        domain, warna = palet_kategori(d.skala)
        self.warna_kategori = dict(zip(domain, warna))
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
        self.tandai_judul(nama)

    def subbab(self, nama: str, level: int = 1, sisa: float = 45):
        self.sisakan(sisa)
        self.ln(1)
        self.start_section(nama, level=level)
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 11.5 if level == 1 else 10.5)
            self.multi_cell(0, 6, nama, align="L", markdown=False, new_x="LMARGIN",
                            new_y="NEXT")
        self.ln(2)
        self.tandai_judul(nama)

    def susun(self):
        d = self.d
        self.sampul()
        self.bab("KATA PENGANTAR")
        self.paragraf(_naskah(d, "kata_pengantar"))
        self.tanda_tangan(self.tempat_tanggal(), _jabatan(d.instansi), d.penandatangan)
        self.bab("IKHTISAR EKSEKUTIF")
        self.infografik()
        self.add_page()
        self.paragraf(_naskah(d, "ikhtisar"))
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

    def infografik(self):
        """One page of key figures: counts, mean capaian, budget, categories, sasaran bars."""
        d, r = self.d, self.d.ringkasan
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 12)
            self.cell(0, 7, f"Kinerja {d.tahun} dalam Angka", align="C", new_x="LMARGIN",
                      new_y="NEXT")
        self.ln(3)
        pagu = float(d.anggaran["pagu"].sum()) if not d.anggaran.empty else None
        bagan.ubin_angka(self, [
            (str(len(d.sasaran)), "sasaran strategis"),
            (str(r["jumlah"]), "indikator kinerja"),
            (f"{r['dengan_data']} / {r['jumlah']}", "indikator terukur (terverifikasi)"),
            (_KOSONG if r["rata_capaian"] is None else format_persen(r["rata_capaian"], 1),
             "rata-rata capaian indikator")])
        bagan.ubin_angka(self, [
            (bagan.rupiah_singkat(pagu), "pagu anggaran Perjanjian Kinerja"),
            (_KOSONG if r["serapan"] is None else format_persen(r["serapan"], 1),
             "serapan anggaran"),
            (str(int((d.indikator["capaian"].astype(float) >= 99.995).sum())),
             "indikator mencapai target")], warna=(40, 110, 70))
        if self.png.get("kategori"):
            self.gambar(self.png["kategori"], "Sebaran indikator menurut kategori capaian "
                        f"tahun {d.tahun}")
        belum = r["jumlah"] - r["dengan_data"]
        if belum:
            self.paragraf(f"{belum} dari {r['jumlah']} indikator belum terukur (realisasinya "
                          "belum diverifikasi atau belum ada) dan tidak masuk grafik.", ukuran=10)
        if not d.ditandatangani:
            self.set_font(FONT, "I", 9.5)
            with self.local_context(text_color=_ABU):
                self.multi_cell(0, 5, "Angka pada draf ini hanya memuat realisasi yang sudah "
                                "diverifikasi; indikator lain dihitung belum terukur.",
                                markdown=False, new_x="LMARGIN", new_y="NEXT")

    def tabel_sasaran(self, judul: str):
        baris = [[s.kode_sasaran, s.sasaran, str(s.jumlah),
                  _KOSONG if _nilai(s.capaian) is None else format_persen(_nilai(s.capaian)),
                  s.kategori or "belum terukur"] for s in self.d.sasaran.itertuples()]
        self.tabel(judul, [("Kode", 9, "C"), ("Sasaran Strategis", 50, "L"),
                           ("Indikator terukur", 14, "C"), ("Rata-rata capaian", 14, "R"),
                           ("Kategori", 15, "C")], baris)

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
        self.subbab("A. Tugas dan Fungsi")
        self.paragraf(_naskah(d, "tugas_fungsi"))
        self.subbab("B. Struktur Organisasi")
        self.paragraf(_naskah(d, "struktur_organisasi"))
        bagan.bagan_organisasi(self, _jabatan(d.instansi), (d.penandatangan or {}).get("nama")
                               or "", d.unit, (d.sekretaris or {}).get("nama") or "")
        self.catat_gambar(f"Struktur organisasi {d.instansi}")
        self.subbab("C. Sumber Daya")
        self.paragraf(_naskah(d, "sumber_daya"))
        self.tabel_pegawai()
        self.subbab("D. Isu Strategis")
        self.paragraf(_naskah(d, "isu_strategis"))

    def catat_gambar(self, judul: str):
        """Caption a drawn diagram and list it in Daftar Gambar."""
        teks = f"Gambar {len(self.daftar_gambar) + 1}. {judul}"
        self.daftar_gambar.append((teks, self.page, self.get_y()))
        self.set_font(FONT, "B", 9.5)
        self.multi_cell(0, 5, teks, align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def tabel_pegawai(self):
        d, k = self.d, self.d.komposisi
        if k.empty:
            return
        baris = []
        for dim, label in _DIMENSI.items():
            g = k[k["dimensi"] == dim]
            if g.empty:
                continue
            baris.append(f"{label} (jumlah {int(g['jumlah'].sum())} orang)")
            baris += [[r.kategori, str(int(r.jumlah))] for r in g.itertuples()]
        self.tabel(f"Komposisi pegawai {d.instansi} tahun {d.tahun}",
                   [("Uraian", 70, "L"), ("Jumlah (orang)", 30, "R")], baris)

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
            f"{len(ir)} indikator kinerja. Ringkasannya disajikan pada tabel berikut, dan "
            "keterkaitannya digambarkan dalam pohon kinerja.")
        baris = []
        for t in d.pohon.drop_duplicates("tujuan_id").itertuples():
            baris.append(f"Tujuan {t.kode_tujuan}: {t.tujuan}")
            for s in d.pohon[d.pohon["tujuan_id"] == t.tujuan_id].dropna(
                    subset=["sasaran_id"]).itertuples():
                baris.append(f"Sasaran {s.kode_sasaran}: {s.sasaran}")
                for i in ir[ir["sasaran_id"] == s.sasaran_id].itertuples():
                    baris.append([i.kode, i.nama, i.satuan, target_renstra(i)])
        self.tabel(f"Ringkasan Renstra {r['tahun_awal']}–{r['tahun_akhir']}: tujuan, sasaran, "
                   "indikator dan target akhir",
                   [("Kode", 10, "C"), ("Indikator Kinerja", 58, "L"), ("Satuan", 12, "C"),
                    (f"Target Akhir {r['tahun_akhir']}", 16, "R")], baris)
        self.judul_kecil("Pohon kinerja")
        bagan.pohon_kinerja(self, d.pohon, ir)
        self.catat_gambar(f"Pohon kinerja Renstra {r['tahun_awal']}–{r['tahun_akhir']}: "
                          "tujuan, sasaran strategis dan indikator")
        self.subbab("B. Indikator Kinerja Utama")
        self.paragraf("Setiap indikator diukur dengan definisi operasional, rumus dan sumber "
                      "data berikut. Polaritas menunjukkan arah kinerja yang baik: positif "
                      "(makin tinggi makin baik), negatif (makin rendah makin baik), atau "
                      "rentang (baik bila berada di dalam rentang target).")
        self.tabel("Definisi operasional, formula, polaritas dan sumber data indikator",
                   [("Kode", 10, "C"), ("Indikator dan Definisi Operasional", 46, "L"),
                    ("Formula", 28, "L"), ("Polaritas", 13, "C"), ("Sumber Data", 21, "L")],
                   [[i.kode, f"{i.nama}\n{_teks_atau(i, 'definisi')}",
                     _teks_atau(i, "formula"), _POLARITAS.get(i.polaritas, i.polaritas),
                     _teks_atau(i, "sumber_data")] for i in ir.itertuples()])
        self.subbab(f"C. Perjanjian Kinerja Tahun {d.tahun}")
        self.paragraf(
            f"Perjanjian Kinerja Tahun {d.tahun} antara {_jabatan(d.instansi)} dan "
            f"{(d.kepala_daerah or {}).get('jabatan') or 'kepala daerah'} memuat "
            f"{len(d.sasaran)} sasaran strategis, {len(d.indikator)} indikator kinerja beserta "
            f"targetnya, dan {len(d.anggaran)} program/kegiatan beserta anggarannya. "
            "Ringkasannya per sasaran disajikan berikut; dokumen Perjanjian Kinerja lengkap "
            "dengan target tiap indikator terdapat pada Lampiran 1.")
        self.tabel(f"Ringkasan Perjanjian Kinerja Tahun {d.tahun} per sasaran strategis",
                   [("Kode", 9, "C"), ("Sasaran Strategis", 45, "L"),
                    ("Jumlah Indikator", 12, "C"), ("Program/Kegiatan", 18, "L"),
                    ("Anggaran (Rp)", 18, "R")], _ringkas_pk(d))

    # BAB IV
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


_POLARITAS = {"positif": "positif", "negatif": "negatif", "rentang": "rentang"}


def _teks_atau(i, kolom: str) -> str:
    teks = getattr(i, kolom, None)
    return teks.strip() if isinstance(teks, str) and teks.strip() else "belum dirumuskan"


def _grafik(d: DataLaporan, penggambar: grafik_cetak.Penggambar | None = None
            ) -> Mapping[str, Gambar]:
    """Every chart of the report, drawn by the shared chart module (the Dasbor's colours and
    category scale) and rendered to vector SVG in one child process (`penggambar` when given:
    one started earlier). Returns at once; looking a chart up waits until it is drawn, and
    the child draws them in the order the layout places them: the category chart of the
    Ikhtisar's infographic first, then the trend per sasaran and the budget of Bab III."""
    grafik = {}
    if d.ringkasan["dengan_data"]:
        grafik["kategori"] = chart.kategori_laporan(d.ringkasan["per_kategori"], d.skala,
                                                    LEBAR_GRAFIK)
    for s in d.sasaran.itertuples():
        kode = set(d.indikator.loc[d.indikator["kode_sasaran"] == s.kode_sasaran, "kode"])
        tren = d.tren[d.tren["kode"].isin(kode)]
        if tren["capaian"].notna().any():
            grafik[f"tren:{s.kode_sasaran}"] = chart.tren_laporan(tren, LEBAR_GRAFIK)
    a = d.anggaran
    if not a.empty and (a["serapan"].notna().any() or a["capaian_unit"].notna().any()):
        grafik["anggaran"] = chart.anggaran_laporan(a, LEBAR_GRAFIK)
    return grafik_cetak.pesan_gambar(grafik, LEBAR_GRAFIK, penggambar=penggambar)


def susun_laporan(data: DataLaporan) -> _Laporan:
    """The laid-out report (not yet serialised): tests read its layout records from it."""
    # The chart child starts first: its JavaScript engine warms up on another core while
    # this process builds the chart specs, and it draws the charts while the layout runs
    # (the layout waits only for the chart it places). Leaving the block ends a child that
    # got no work because every chart came from the cache.
    with grafik_cetak.Penggambar() as penggambar:
        gambar = _grafik(data, penggambar)
        # The ToC needs its page count before the pages after it exist: guess, lay out, and
        # lay out once more only if the guess was wrong (the count cannot change on a re-run).
        # Two pages is right for every demo year and for the synthetic instansi and kabupaten
        # reports: each is laid out once.
        halaman = 2
        for _ in range(3):
            pdf = _Laporan(data, gambar, halaman)
            pdf.susun()
            perlu = pdf.halaman_daftar_perlu()
            if perlu == halaman:
                return pdf
            halaman = perlu
    raise RuntimeError("Jumlah halaman daftar isi tidak stabil.")


def buat_laporan(data: DataLaporan) -> bytes:
    """The LKjIP of the year as A4 PDF bytes (marked DRAF until step 11 is finished)."""
    return bytes(susun_laporan(data).output())
