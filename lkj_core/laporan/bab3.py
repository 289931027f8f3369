"""Bab III Akuntabilitas Kinerja: A. capaian per sasaran strategis with the seven points of
PermenPANRB 53/2014 (generated sentences first, then what the units wrote), B. realisasi
anggaran, C. the follow-up of the last SAKIP evaluation."""

from __future__ import annotations

import pandas as pd
from fpdf.fonts import FontFace

from lkj_core import isian, perencanaan, resmi
from lkj_core.angka import format_nilai, format_persen
from lkj_core.laporan import analisis
from lkj_core.laporan.data import _nilai
from lkj_core.laporan.dokumen import _KOSONG, FONT, _paragraf, _rupiah_tanpa_rp
from lkj_core.laporan.teks import _kalimat_anggaran

# point -> (heading, narrative columns printed after the generated sentences)
POIN = {
    1: ("Perbandingan target dan realisasi kinerja tahun ini", ()),
    2: ("Perbandingan realisasi dan capaian dengan tahun-tahun sebelumnya", ()),
    3: ("Perbandingan realisasi dengan target jangka menengah (Renstra)", ()),
    4: ("Perbandingan dengan standar nasional, provinsi dan daerah lain", ()),
    5: ("Analisis penyebab keberhasilan/kegagalan dan solusi yang telah dilakukan",
        ("analisis_penyebab", "solusi", "kendala", "tindak_lanjut")),
    6: ("Analisis efisiensi penggunaan sumber daya", ("efisiensi",)),
    7: ("Program/kegiatan yang menunjang keberhasilan atau kegagalan",
        ("program_pendukung",)),
}
_OPSIONAL = ("kendala", "tindak_lanjut")      # printed only when written


def realisasi_sel(i) -> str:
    """The realisasi cell: the verified value, or why there is none."""
    nilai = _nilai(i.realisasi)
    return format_nilai(nilai) if nilai is not None else (
        analisis.keterangan(i) or resmi.BELUM_ADA_DATA)


def capaian_sel(i) -> str:
    """The capaian cell: a dash where the row already says why it has no number."""
    nilai = _nilai(i.capaian)
    return _KOSONG if nilai is None else format_persen(nilai)


def kategori_sel(i) -> str:
    """The category, or why there is none (no target, not verified, no data)."""
    if i.kategori and _nilai(i.capaian) is not None:
        return i.kategori
    if _nilai(i.target) is None:
        return "target belum ada"
    return analisis.keterangan(i) or resmi.BELUM_ADA_DATA


def target_sel(i) -> str:
    """The target cell, 'belum ada' when missing."""
    t = perencanaan.format_target(_nilai(i.target), _nilai(i.target_atas), i.polaritas)
    return "belum ada" if t == "BELUM ADA" else t


class Bab3:
    """Mixin of `_Laporan`: Bab III."""

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
            f"keduanya tidak dihitung (bukan nol). Kategori capaian: {skala}. Tabel pengukuran "
            "kinerja lengkap disajikan pada Lampiran 3.")
        self.tabel_sasaran(f"Capaian kinerja per sasaran strategis tahun {d.tahun}")
        for s in d.sasaran.itertuples():
            self.per_sasaran(s)
        self.realisasi_anggaran()
        self.ringkas_tindak_lanjut()

    def judul_poin(self, no: int):
        self.judul_kecil(f"{no}. {POIN[no][0]}")

    def kalimat(self, daftar: list[str]):
        for k in daftar:
            self.paragraf(k)

    def per_sasaran(self, s):
        d = self.d
        ind = d.indikator[d.indikator["kode_sasaran"] == s.kode_sasaran]
        self.subbab(f"Sasaran Strategis {s.kode_sasaran}: {s.sasaran}", level=2, sisa=60)
        cap = _nilai(s.capaian)
        self.paragraf(f"Sasaran ini diukur dengan {len(ind)} indikator kinerja; "
                      + (f"rata-rata capaiannya {format_persen(cap)} (kategori {s.kategori})."
                         if cap is not None else "belum ada indikator yang terukur."))
        self.judul_poin(1)
        self.kalimat(analisis.poin_capaian(d, s, ind))
        self.tabel(f"Target dan realisasi sasaran {s.kode_sasaran} tahun {d.tahun}",
                   [("Kode", 12, "C"), ("Indikator Kinerja", 52, "L"), ("Satuan", 14, "C"),
                    ("Target", 16, "R"), ("Realisasi", 19, "R"), ("Capaian", 17, "R"),
                    ("Kategori", 22, "C")],
                   [[i.kode, i.nama, i.satuan, target_sel(i), realisasi_sel(i), capaian_sel(i),
                     kategori_sel(i)] for i in ind.itertuples()])
        self.judul_poin(2)
        self.kalimat(analisis.poin_tren(d, s, ind))
        self.tabel_tren(s.kode_sasaran, ind)
        self.judul_poin(3)
        self.kalimat(analisis.poin_renstra(d, s, ind, self.renstra_ind))
        self.judul_poin(4)
        kal, baris = analisis.poin_pembanding(d, s, ind)
        self.kalimat(kal)
        if baris:
            self.tabel(f"Angka pembanding indikator sasaran {s.kode_sasaran}",
                       [("Kode", 12, "C"), ("Pembanding", 38, "L"), ("Nilai", 16, "R"),
                        ("Sumber", 46, "L"), (f"Realisasi {d.tahun} dibanding", 20, "C")], baris)
        self.judul_poin(5)
        self.kalimat(analisis.poin_penyebab(d, s, ind))
        self.narasi_indikator(ind, POIN[5][1])
        self.judul_poin(6)
        self.kalimat(analisis.poin_efisiensi(d, s, ind))
        self.narasi_indikator(ind, POIN[6][1])
        self.judul_poin(7)
        self.kalimat(analisis.poin_program(d, s, ind))
        self.narasi_indikator(ind, POIN[7][1])

    def tabel_tren(self, kode_sasaran: str, ind: pd.DataFrame):
        d = self.d
        kode = list(ind["kode"])
        tren = d.tren[d.tren["kode"].isin(kode)]
        tahun = sorted(int(t) for t in tren["tahun"].unique()) or [d.tahun]
        baris = []
        for i in ind.itertuples():
            t = tren[tren["kode"] == i.kode].set_index("tahun")
            sel = [i.kode, i.nama]
            for th in tahun:
                r = t.loc[th] if th in t.index else None
                if r is None or _nilai(r["realisasi"]) is None:
                    ket = None if r is None else r["keterangan"]
                    sel.append(ket if isinstance(ket, str) and ket else resmi.BELUM_ADA_DATA)
                else:
                    cap = _nilai(r["capaian"])
                    sel.append(format_nilai(_nilai(r["realisasi"]))
                               + ("" if cap is None else f"\n({format_persen(cap)})"))
            baris.append(sel)
        periode = f"{tahun[0]}–{d.tahun}"
        self.tabel(f"Realisasi dan (capaian) sasaran {kode_sasaran} tahun {periode}",
                   [("Kode", 10, "C"), ("Indikator Kinerja", 34, "L")]
                   + [(str(th), max(10.0, 56 / len(tahun)), "R") for th in tahun], baris)
        gambar = self.png.get(f"tren:{kode_sasaran}")
        if gambar:
            self.gambar(gambar, f"Tren capaian indikator sasaran {kode_sasaran} tahun {periode}")

    def narasi_indikator(self, ind: pd.DataFrame, kolom: tuple[str, ...]):
        """What each unit wrote for this point; in a draft, what is missing and who writes."""
        d = self.d
        for i in ind.itertuples():
            n = d.narasi.get(int(i.id), {})
            isi = [(k, (n.get(k) or "").strip()) for k in kolom]
            isi = [(k, t) for k, t in isi if t or k not in _OPSIONAL]
            if not isi:
                continue
            self.sisakan(22)
            self.set_font(FONT, "B", 10.5)
            self.multi_cell(0, 5.6, f"{i.kode} {i.nama}", align="L",
                            markdown=False, new_x="LMARGIN", new_y="NEXT")
            self.set_font(FONT, "", 9.5)
            self.multi_cell(0, 5, f"Unit penanggung jawab: {i.unit}", align="L",
                            markdown=False, new_x="LMARGIN", new_y="NEXT")
            for k, teks in isi:
                self.set_font(FONT, "I", 10.5)
                self.set_x(self.l_margin + 4)
                self.multi_cell(self.epw - 4, 5.6, isian.KOLOM_NARASI[k] + ":", align="L",
                                markdown=False, new_x="LMARGIN", new_y="NEXT")
                self.set_font(FONT, "", 11)
                for p in _paragraf(teks) or [self.narasi_kosong(i)]:
                    self.set_x(self.l_margin + 4)
                    self.multi_cell(self.epw - 4, 5.8, p, align="J", markdown=False,
                                    new_x="LMARGIN", new_y="NEXT")
            self.ln(1.5)
            self.tandai_isi()

    def narasi_kosong(self, i) -> str:
        """Why a narrative is absent: not official yet, or not written and by whom."""
        ket = analisis.keterangan(i)
        if ket:
            return (f"Uraian belum disajikan karena {ket}: narasi menjadi resmi bersama "
                    "realisasinya setelah diverifikasi.")
        return (f"Belum ditulis. Wajib diisi oleh {i.unit} "
                f"({self.d.penulis.get(int(i.unit_id), 'pengisi bidang')}) sebelum laporan "
                "ditandatangani.")

    def realisasi_anggaran(self):
        d, a = self.d, self.d.anggaran
        self.subbab("B. Realisasi Anggaran")
        self.paragraf(_kalimat_anggaran(d) + (" Rincian per program/kegiatan disajikan pada "
                                             "tabel berikut." if not a.empty else ""))
        if a.empty:
            return
        baris = [[str(n), r.kode, r.uraian, _rupiah_tanpa_rp(r.pagu),
                  _rupiah_tanpa_rp(r.realisasi), format_persen(_nilai(r.serapan))
                  if _nilai(r.serapan) is not None else _KOSONG]
                 for n, r in enumerate(a.itertuples(), start=1)]
        tebal = FontFace(emphasis="BOLD")
        serapan = d.ringkasan["serapan"]
        baris.append(["", "", {"text": "Jumlah", "style": tebal},
                      {"text": _rupiah_tanpa_rp(a["pagu"].sum()), "style": tebal},
                      {"text": _rupiah_tanpa_rp(a["realisasi"].sum(min_count=1)),
                       "style": tebal},
                      {"text": format_persen(serapan) if serapan is not None else _KOSONG,
                       "style": tebal}])
        self.tabel(f"Pagu, realisasi dan serapan anggaran tahun {d.tahun}",
                   [("No", 5, "C"), ("Kode", 10, "C"), ("Program/Kegiatan", 43, "L"),
                    ("Pagu (Rp)", 17, "R"), ("Realisasi (Rp)", 17, "R"), ("Serapan", 11, "R")],
                   baris)
        self.paragraf("Perbandingan serapan anggaran dengan capaian kinerja rata-rata unit "
                      "penanggung jawab program/kegiatan menunjukkan efisiensi penggunaan "
                      "anggaran: capaian kinerja yang lebih tinggi dari serapan berarti target "
                      "dicapai dengan anggaran yang lebih hemat.")
        baris = []
        for r in a.itertuples():
            cap, ser = _nilai(r.capaian_unit), _nilai(r.serapan)
            selisih = _KOSONG if cap is None or ser is None else \
                f"{'+' if cap - ser >= 0 else '−'}{format_nilai(abs(cap - ser))}"
            baris.append([r.kode, r.unit or _KOSONG, _KOSONG if ser is None else
                          format_persen(ser), _KOSONG if cap is None else format_persen(cap),
                          selisih])
        self.tabel(f"Capaian kinerja unit dan serapan anggaran tahun {d.tahun}",
                   [("Kode", 12, "C"), ("Unit Penanggung Jawab", 40, "L"),
                    ("Serapan Anggaran", 16, "R"), ("Capaian Kinerja Unit", 16, "R"),
                    ("Selisih (poin)", 14, "R")], baris)
        gambar = self.png.get("anggaran")
        if gambar:
            self.gambar(gambar, f"Serapan anggaran dan capaian kinerja unit tahun {d.tahun}")

    def ringkas_tindak_lanjut(self):
        d, tl = self.d, self.d.tindak_lanjut
        self.subbab("C. Tindak Lanjut Rekomendasi Evaluasi SAKIP")
        if tl.empty:
            self.paragraf(f"Tidak ada rekomendasi hasil evaluasi SAKIP yang tindak lanjutnya "
                          f"dilaporkan pada tahun {d.tahun}.")
            return
        hitung = tl["status"].value_counts()
        rinci = "; ".join(f"{n} {st}" for st, n in hitung.items())
        self.paragraf(f"Evaluasi atas implementasi SAKIP tahun sebelumnya memberikan {len(tl)} "
                      f"rekomendasi. Status tindak lanjutnya pada tahun {d.tahun}: {rinci}. "
                      "Rincian rekomendasi dan tindak lanjutnya disajikan pada Lampiran 5.")
