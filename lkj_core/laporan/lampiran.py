"""The appendices: 1. the Perjanjian Kinerja as its own document in the form of PermenPANRB
53/2014, 2. the Rencana Aksi (triwulan targets and realisations), 3. the measurement table,
4. the SOP cycle record, 5. the follow-up of the SAKIP evaluation recommendations."""

from __future__ import annotations

import pandas as pd
from fpdf.fonts import FontFace

from lkj_core import pejabat, perencanaan, siklus
from lkj_core.angka import format_nilai, format_tanggal
from lkj_core.laporan.bab3 import capaian_sel, kategori_sel, realisasi_sel, target_sel
from lkj_core.laporan.data import _jabatan, _kepala_daerah, _nilai
from lkj_core.laporan.dokumen import (
    _BARIS_PER_SASARAN,
    _BIRU,
    _KOSONG,
    FONT,
    _rupiah_tanpa_rp,
)
from lkj_core.peran import LABEL_PERAN

_TW = ("tw1", "tw2", "tw3", "tw4")


def _waktu(x) -> str:
    if not siklus.ada(x):
        return _KOSONG
    t = pd.Timestamp(x)
    return f"{t.day:02d}-{t.month:02d}-{t.year}\n{t.hour:02d}.{t.minute:02d} WIB"


class Lampiran:
    """Mixin of `_Laporan`: the appendices."""

    def lampiran(self):
        d = self.d
        self.bab("LAMPIRAN")
        self.subbab(f"Lampiran 1. Perjanjian Kinerja Tahun {d.tahun}", sisa=80)
        self.dokumen_pk()
        self.add_page()
        self.subbab(f"Lampiran 2. Rencana Aksi Tahun {d.tahun}", sisa=60)
        self.rencana_aksi()
        self.add_page()
        self.subbab(f"Lampiran 3. Pengukuran Kinerja Tahun {d.tahun}", sisa=60)
        self.tabel_pengukuran(f"Pengukuran kinerja tahun {d.tahun}")
        self.add_page()
        self.subbab("Lampiran 4. Catatan Pelaksanaan SOP Penyusunan Laporan Kinerja", sisa=60)
        self.catatan_sop()
        self.subbab("Lampiran 5. Tindak Lanjut Rekomendasi Evaluasi SAKIP", sisa=60)
        self.tabel_tindak_lanjut()

    # 1. Perjanjian Kinerja
    def dokumen_pk(self):
        d = self.d
        ttd, kd = d.penandatangan or {}, d.kepala_daerah or {}
        jab_kd = kd.get("jabatan") or _kepala_daerah(d.pemda)
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 13)
            self.multi_cell(0, 7, f"PERJANJIAN KINERJA TAHUN {d.tahun}\n{d.instansi.upper()}\n"
                            f"{d.pemda.upper()}", align="C", markdown=False, new_x="LMARGIN",
                            new_y="NEXT")
        self.ln(4)
        self.paragraf("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan "
                      "dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan "
                      "di bawah ini:")
        for label, isi in (("Nama", ttd.get("nama") or "." * 40),
                           ("Jabatan", _jabatan(d.instansi))):
            self.baris_isian(label, isi)
        self.paragraf("selanjutnya disebut pihak pertama.")
        for label, isi in (("Nama", kd.get("nama") or "." * 40), ("Jabatan", jab_kd)):
            self.baris_isian(label, isi)
        self.paragraf(
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.\n\n"
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai "
            "lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah "
            "seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan "
            "kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.\n\n"
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan "
            "evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang "
            "diperlukan dalam rangka pemberian penghargaan dan sanksi.")
        self.ttd_pk()
        self.add_page()
        with self.local_context(text_color=_BIRU):
            self.set_font(FONT, "B", 12)
            self.multi_cell(0, 6.5, f"LAMPIRAN PERJANJIAN KINERJA TAHUN {d.tahun}\n"
                            f"{d.instansi.upper()}", align="C", markdown=False,
                            new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.tabel_pk()
        self.tabel_program_pk()
        self.ttd_pk()

    def baris_isian(self, label: str, isi: str):
        self.set_font(FONT, "", 11)
        self.set_x(self.l_margin + 8)
        self.cell(24, 6, label)
        self.cell(4, 6, ":")
        self.multi_cell(self.epw - 36, 6, isi, markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.tandai_isi()

    def tabel_pk(self):
        d = self.d
        baris, no = [], 0
        for _, g in d.indikator.groupby("kode_sasaran", sort=True):
            for j, i in enumerate(g.itertuples()):
                no += 1
                sel = [str(no)]
                # fpdf2 draws a rowspan cell on one page: a sasaran with many indicators is
                # split into blocks that fit, each naming the sasaran again.
                if j % _BARIS_PER_SASARAN == 0:
                    sel.append({"text": f"{i.kode_sasaran} {i.sasaran}"
                                + (" (lanjutan)" if j else ""),
                                "rowspan": min(_BARIS_PER_SASARAN, len(g) - j)})
                baris.append(sel + [f"{i.kode} {i.nama}", f"{target_sel(i)} {i.satuan}"])
        self.tabel(f"Perjanjian Kinerja Tahun {d.tahun}: sasaran, indikator dan target",
                   [("No", 6, "C"), ("Sasaran Strategis", 34, "L"),
                    ("Indikator Kinerja", 42, "L"), ("Target", 16, "R")], baris)

    def ttd_pk(self):
        """The PK's two parties side by side: the kepala daerah (left, no NIP) and the
        Inspektur (right), names on one line."""
        d = self.d
        self.sisakan(62)
        self.ln(6)
        lebar = self.epw * 0.46
        kiri, kanan = self.l_margin, self.l_margin + self.epw * 0.54
        kd = d.kepala_daerah or {}
        ttd = d.penandatangan or {}
        self.set_font(FONT, "", 11)
        self.set_xy(kanan, self.get_y())
        self.multi_cell(lebar, 5.8, f"{d.tempat}, {'_' * 12} {d.tahun}", align="C",
                        markdown=False, new_x="LMARGIN", new_y="NEXT")
        y0 = self.get_y()
        ujung = []
        for x, teks in ((kiri, "PIHAK KEDUA,\n" + (kd.get("jabatan") or
                                                    _kepala_daerah(d.pemda)).upper()),
                        (kanan, "PIHAK PERTAMA,\n" + _jabatan(d.instansi).upper())):
            self.set_xy(x, y0)
            self.multi_cell(lebar, 5.8, teks, align="C", markdown=False, new_x="LMARGIN",
                            new_y="NEXT")
            ujung.append(self.get_y())
        y_nama = max(ujung) + 22
        for x, orang, nip in ((kiri, kd, False), (kanan, ttd, True)):
            self.set_xy(x, y_nama)
            nama = (orang.get("nama") or "").strip()
            self.set_font(FONT, "B" if nama else "", 11)
            self.multi_cell(lebar, 5.8, nama or "(" + "." * 40 + ")", align="C",
                            markdown=False, new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, "", 11)
            if nip and (orang.get("pangkat") or "").strip():
                self.set_x(x)
                self.multi_cell(lebar, 5.8, orang["pangkat"].strip(), align="C",
                                markdown=False, new_x="LMARGIN", new_y="NEXT")
            if nip:
                self.set_x(x)
                self.multi_cell(lebar, 5.8,
                                f"NIP. {pejabat.format_nip(orang.get('nip')) or '.' * 36}",
                                align="C", markdown=False, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.tandai_isi()

    def tabel_program_pk(self):
        d = self.d
        tebal = FontFace(emphasis="BOLD")
        baris = [[str(n), r.kode, r.uraian, _rupiah_tanpa_rp(r.pagu)]
                 for n, r in enumerate(d.anggaran.itertuples(), start=1)]
        if baris:
            baris.append(["", "", {"text": "Jumlah", "style": tebal},
                          {"text": _rupiah_tanpa_rp(d.anggaran["pagu"].sum()), "style": tebal}])
        else:
            baris.append("Tidak ada program/kegiatan yang dicantumkan dalam Perjanjian Kinerja.")
        self.tabel(f"Program/kegiatan dan anggaran Perjanjian Kinerja Tahun {d.tahun}",
                   [("No", 6, "C"), ("Kode", 11, "C"), ("Program/Kegiatan", 62, "L"),
                    ("Anggaran (Rp)", 21, "R")], baris)

    # 2. Rencana Aksi
    def rencana_aksi(self):
        d = self.d
        ra = d.rencana_aksi.set_index("indikator_id") if not d.rencana_aksi.empty else None
        tw = d.triwulan.set_index("indikator_id") if not d.triwulan.empty else None
        self.paragraf("Rencana aksi memuat target per triwulan (T) tiap indikator dan "
                      "realisasinya (R) sebagaimana telah diverifikasi; sel tanpa angka berarti "
                      "target triwulan tidak ditetapkan atau realisasinya belum resmi.")
        baris = []
        for i in d.indikator.itertuples():
            r_ra = ra.loc[i.id] if ra is not None and i.id in ra.index else None
            r_tw = tw.loc[i.id] if tw is not None and i.id in tw.index else None
            nama = f"{i.nama}"
            if r_ra is not None and isinstance(r_ra.get("kegiatan"), str) and \
                    r_ra["kegiatan"].strip():
                nama += f"\nAksi: {r_ra['kegiatan'].strip()}"
            sel = [i.kode, nama, f"{target_sel(i)} {i.satuan}"]
            for k in _TW:
                t = _nilai(r_ra.get(k)) if r_ra is not None else None
                r = _nilai(r_tw.get(k)) if r_tw is not None else None
                sel.append(f"T: {_KOSONG if t is None else format_nilai(t)}\n"
                           f"R: {_KOSONG if r is None else format_nilai(r)}")
            baris.append(sel)
        self.tabel(f"Rencana aksi dan realisasi triwulan tahun {d.tahun}",
                   [("Kode", 10, "C"), ("Indikator dan Rencana Aksi", 46, "L"),
                    ("Target Tahunan", 14, "R")] + [(f"TW {n}", 12, "L")
                                                    for n in ("I", "II", "III", "IV")], baris)

    # 3. measurement
    def tabel_pengukuran(self, judul: str):
        baris = []
        for kode, g in self.d.indikator.groupby("kode_sasaran", sort=True):
            baris.append(f"{kode} {g['sasaran'].iloc[0]}")
            for i in g.itertuples():
                baris.append([i.kode, i.nama, i.satuan, target_sel(i), realisasi_sel(i),
                              capaian_sel(i), kategori_sel(i)])
        self.tabel(judul, [("Kode", 12, "C"), ("Indikator Kinerja", 50, "L"),
                           ("Satuan", 14, "C"), ("Target", 16, "R"), ("Realisasi", 19, "R"),
                           ("Capaian", 17, "R"), ("Kategori", 22, "C")], baris)

    # 4. SOP record
    def catatan_sop(self):
        d, df = self.d, self.d.langkah_sop
        if df.empty:
            self.paragraf(f"Siklus SOP Penyusunan Laporan Kinerja tahun {d.tahun} belum dibuka; "
                          "catatan ketepatan waktu langkah-langkahnya dimulai saat Inspektur "
                          "membuka siklus.")
            return
        selesai = int((df["status"] == "selesai").sum())
        terlambat = int(df["terlambat"].fillna(False).astype(bool).sum())
        self.paragraf(
            f"Siklus SOP Penyusunan Laporan Kinerja tahun {d.tahun} dibuka pada "
            f"{format_tanggal(d.siklus_dibuka)} pukul {d.siklus_dibuka:%H.%M} WIB. {selesai} "
            f"dari {len(df)} langkah telah selesai; {terlambat} langkah melampaui waktu baku "
            "(mutu baku SOP).")
        baris = []
        for r in df.itertuples():
            ket = r.ketepatan or ("belum dimulai" if r.status == "belum" else "berjalan")
            baris.append([str(r.no), r.uraian, LABEL_PERAN.get(r.pelaksana, r.pelaksana),
                          f"{r.waktu} {r.satuan_waktu}", _waktu(r.mulai), _waktu(r.selesai),
                          ket])
        self.tabel(f"Catatan pelaksanaan dan ketepatan waktu SOP tahun {d.tahun}",
                   [("No", 6, "C"), ("Uraian Kegiatan", 46, "L"), ("Pelaksana", 22, "L"),
                    ("Waktu Baku", 14, "C"), ("Mulai", 20, "C"), ("Selesai", 20, "C"),
                    ("Ketepatan", 24, "L")], baris)

    # 5. SAKIP evaluation follow-up
    def tabel_tindak_lanjut(self):
        d, tl = self.d, self.d.tindak_lanjut
        if tl.empty:
            self.paragraf(f"Tidak ada rekomendasi hasil evaluasi SAKIP yang tindak lanjutnya "
                          f"dilaporkan pada tahun {d.tahun}.")
            return
        baris = [[str(int(r.no)) if _nilai(r.no) is not None else str(n), r.rekomendasi,
                  r.tindak_lanjut or _KOSONG, r.status]
                 for n, r in enumerate(tl.itertuples(), start=1)]
        self.tabel(f"Tindak lanjut rekomendasi evaluasi SAKIP (dilaporkan tahun {d.tahun})",
                   [("No", 6, "C"), ("Rekomendasi", 40, "L"), ("Tindak Lanjut", 40, "L"),
                    ("Status", 14, "C")], baris)


def _ringkas_pk(d) -> list:
    """Rows of Bab II's PK summary: per sasaran, its indicators and the budget of the
    programmes of its units."""
    rows = []
    for kode, g in d.indikator.groupby("kode_sasaran", sort=True):
        prog = d.anggaran[d.anggaran["unit_id"].isin(set(g["unit_id"]))] \
            if not d.anggaran.empty else d.anggaran
        rows.append([kode, g["sasaran"].iloc[0], str(len(g)),
                     ", ".join(prog["kode"]) if len(prog) else _KOSONG,
                     _rupiah_tanpa_rp(prog["pagu"].sum()) if len(prog) else _KOSONG])
    return rows


def target_renstra(i) -> str:
    """An indicator's end target as users read it."""
    t = perencanaan.format_target(_nilai(i.target_akhir), _nilai(i.target_akhir_atas),
                                  i.polaritas)
    return "belum ada" if t == "BELUM ADA" else t
