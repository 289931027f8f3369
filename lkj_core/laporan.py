"""The LKjIP as a PDF (structure of PermenPANRB 53/2014) and its cover letter (SOP step 12).

`kumpulkan_data` gathers everything read-only through the other lkj_core modules;
`buat_laporan` and `buat_surat_pengantar` only lay out what they are given and return bytes.
Fonts are bundled (DejaVu Sans, `data/fonts/`) so the PDF and its chart text come out the
same on a fresh Linux or Windows install without network.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import struct
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from lkj_core import dasbor, isian, organisasi, pejabat, pengaturan, perencanaan, resmi, siklus
from lkj_core import naskah as naskah_db
from lkj_core.angka import format_nilai, format_persen, format_rupiah, format_tanggal
from lkj_core.capaian import hitung_capaian
from lkj_core.db import Con
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import LABEL_PERAN, Pelaku, wajib

__all__ = [
    "FOLDER_FONT",
    "FONT",
    "KEPADA_BAKU",
    "DataLaporan",
    "DataSurat",
    "buat_laporan",
    "buat_surat_pengantar",
    "data_surat",
    "format_tanggal",
    "grafik_anggaran",
    "grafik_tren",
    "judul_laporan",
    "kumpulkan_data",
]

FOLDER_FONT = Path(__file__).parent / "data" / "fonts"
# The TTF's own family name: vl-convert finds chart fonts by it, and chart text silently
# disappears when the name does not match, so fpdf2 registers the very same name.
FONT = "DejaVu Sans"
_BERKAS_FONT = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

KEPADA_BAKU = ("Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi c.q. Deputi "
               "Bidang Reformasi Birokrasi, Akuntabilitas Aparatur dan Pengawasan")
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


def judul_laporan(tahun: int) -> str:
    """The report's title as in the PDF metadata."""
    return f"Laporan Kinerja Instansi Pemerintah Tahun {tahun}"


# --- data ---

@dataclass
class DataLaporan:
    """Everything the report shows, gathered once; `buat_laporan` reads nothing else."""

    instansi: str
    pemda: str
    tahun: int
    indikator: pd.DataFrame          # isian.daftar_isian: target, realisasi, capaian, kategori
    narasi: dict[int, dict]          # indikator_id -> Bab III narratives (isian.KOLOM_NARASI)
    sasaran: pd.DataFrame            # dasbor.per_sasaran
    tren: pd.DataFrame               # dasbor.tren, years of the Renstra up to `tahun`
    anggaran: pd.DataFrame           # dasbor.anggaran: PK program lines with serapan
    ringkasan: dict                  # dasbor.ringkasan
    skala: tuple                     # category scale in force
    renstra: dict                    # nama, tahun_awal, tahun_akhir
    pohon: pd.DataFrame              # perencanaan.pohon_kinerja: tujuan / sasaran
    indikator_renstra: pd.DataFrame  # perencanaan.daftar_indikator (active): end targets
    langkah_sop: pd.DataFrame        # siklus.langkah of the year's cycle (empty: not opened)
    siklus_dibuka: dt.datetime | None
    ditandatangani: bool             # step 11 finished and the report 'disetujui'
    tanggal_tandatangan: dt.date | None
    penandatangan: dict              # nama, nip, pangkat (empty: a blank signature line)
    naskah: dict[str, str]           # editable texts; missing/empty -> generated from data
    unit: list[str] = field(default_factory=list)
    reviu: dict | None = None        # reviu.pernyataan: the finished reviu, None: not reviewed
    kepala_daerah: dict = field(default_factory=dict)   # the PK's second party
    demo: bool = False
    logo: bytes | None = None

    @property
    def tempat(self) -> str:
        """Where the report is signed: the Pemda's seat ('Wonosobo')."""
        return _tempat(self.pemda)


@dataclass
class DataSurat:
    """The cover letter (surat pengantar) of step 12."""

    instansi: str
    pemda: str
    tahun: int
    nomor: str
    tanggal: dt.date
    kepada: str = KEPADA_BAKU
    di: str = "Jakarta"
    sifat: str = "Biasa"
    lampiran: str = "1 (satu) berkas"
    penandatangan: dict = field(default_factory=dict)
    demo: bool = False
    logo: bytes | None = None

    @property
    def perihal(self) -> str:
        """The letter's subject line."""
        return f"Penyampaian {judul_laporan(self.tahun)}"


def _pembaca(pelaku: Pelaku) -> Pelaku:
    # The report covers the whole instansi, so it is read with an instansi-wide reader: the
    # reading functions would otherwise narrow a bidang user to one unit, and refuse staf,
    # who must be able to export the report they upload (step 13). `ekspor_laporan`, checked
    # by the caller, is what grants this.
    return Pelaku(pelaku.username, "inspektur", pelaku.instansi_id, None)


def _nilai(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _tempat(pemda: str) -> str:
    nama = re.sub(r"^\s*pemerintah\s+", "", pemda or "", flags=re.I)
    return re.sub(r"^(kabupaten|kota|provinsi)\s+", "", nama, flags=re.I).strip() or nama


def _tanggal(x) -> dt.date | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NaT:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    try:
        return dt.date.fromisoformat(str(x)[:10])
    except ValueError:
        return None


def _data_langkah(df: pd.DataFrame, no: int) -> tuple[pd.Series | None, dict]:
    """The row of step `no` and its step-specific record (JSON), when present."""
    if df.empty or no not in set(df["no"]):
        return None, {}
    row = df[df["no"] == no].iloc[0]
    teks = row.get("data")
    isi = json.loads(teks) if isinstance(teks, str) and teks.strip() else {}
    return row, isi


def kumpulkan_data(con: Con, pelaku: Pelaku, tahun: int, naskah: dict | None = None,
                   penandatangan: dict | None = None, logo: bytes | None = None) -> DataLaporan:
    """Gather the year's report data (stored texts, signer and logo when not given)."""
    from lkj_core import reviu   # reviu reads reports of every instansi: imported late

    wajib(pelaku, "ekspor_laporan")
    iid = pelaku.instansi_id
    pembaca = _pembaca(pelaku)
    ins = organisasi.instansi(con, iid)
    skala = pengaturan.skala_kategori(con, iid)
    ind = isian.daftar_isian(con, pembaca, tahun, None, skala, resmi=True)
    if ind.empty:
        raise DataTidakValid(f"Tahun {tahun} tidak memiliki indikator kinerja (tidak tercakup "
                             "Renstra atau belum ada indikator aktif); Laporan Kinerja tahun "
                             "itu tidak dapat disusun.", "tahun")
    if ind["target"].isna().all() and (ind["keterangan"] == resmi.BELUM_ADA_DATA).all():
        raise DataTidakValid(f"Belum ada target maupun realisasi kinerja tahun {tahun}; isi "
                             "target (Perjanjian Kinerja) dan realisasi terlebih dahulu.",
                             "tahun")
    renstra = perencanaan.renstra_untuk_tahun(con, iid, tahun)
    tren = dasbor.tren(con, pembaca, tahun)
    anggaran = dasbor.anggaran(con, pembaca, tahun, None, ind)
    ind_renstra = perencanaan.daftar_indikator(con, iid, renstra["id"])
    sik = siklus.siklus_tahun(con, iid, tahun)
    langkah = (siklus.langkah(con, sik["id"], pengaturan.kalender(con, iid)) if sik
               else pd.DataFrame())
    row11, isi11 = _data_langkah(langkah, siklus.LANGKAH_TANDATANGAN)
    ditandatangani = bool(sik and sik["status_laporan"] == "disetujui" and row11 is not None
                          and siklus.ada(row11["selesai"]))
    tanggal_ttd = None
    if ditandatangani:
        tanggal_ttd = _tanggal(isi11.get("tanggal_tandatangan")) or _tanggal(row11["selesai"])
    return DataLaporan(
        instansi=ins["nama"], pemda=ins["pemda"], tahun=tahun, indikator=ind,
        narasi=isian.narasi_tahun(con, pembaca, tahun, resmi=True), sasaran=dasbor.per_sasaran(ind, skala),
        tren=tren[tren["tahun"] <= tahun].reset_index(drop=True), anggaran=anggaran,
        ringkasan=dasbor.ringkasan(ind, anggaran, skala), skala=skala,
        renstra={k: renstra[k] for k in ("nama", "tahun_awal", "tahun_akhir")},
        pohon=perencanaan.pohon_kinerja(con, renstra["id"]),
        indikator_renstra=ind_renstra[ind_renstra["aktif"]].reset_index(drop=True),
        langkah_sop=langkah, siklus_dibuka=sik["dibuka_pada"] if sik else None,
        ditandatangani=ditandatangani, tanggal_tandatangan=tanggal_ttd,
        penandatangan=dict(penandatangan_tahun(con, iid, tahun) if penandatangan is None
                           else penandatangan),
        naskah=dict(naskah_db.naskah(con, iid, tahun) if naskah is None else naskah),
        unit=organisasi.daftar_unit(con, iid, hanya_aktif=True)["nama"].tolist(),
        demo=bool(ins["demo"]), logo=naskah_db.logo(con, iid) if logo is None else logo,
        reviu=reviu.pernyataan(con, iid, tahun),
        kepala_daerah=pejabat.pejabat(con, iid, tahun, "kepala_daerah") or {},
    )


def penandatangan_tahun(con: Con, instansi_id: int, tahun: int) -> dict:
    """Who signs the year's report: the Inspektur recorded for that year (name, NIP, pangkat),
    else the instansi-wide signer of Pengaturan (name and NIP only)."""
    return (pejabat.pejabat(con, instansi_id, tahun, "inspektur")
            or naskah_db.penandatangan(con, instansi_id))


def data_surat(con: Con, pelaku: Pelaku, tahun: int, nomor: str | None = None,
               tanggal: dt.date | None = None, kepada: str | None = None,
               penandatangan: dict | None = None) -> DataSurat:
    """The cover letter's data; number and date default to the year's step 12 record."""
    wajib(pelaku, "ekspor_laporan")
    iid = pelaku.instansi_id
    ins = organisasi.instansi(con, iid)
    sik = siklus.siklus_tahun(con, iid, tahun)
    isi12: dict = {}
    if sik:
        _, isi12 = _data_langkah(siklus.langkah(con, sik["id"]), 12)
    nomor = (nomor or "").strip() or str(isi12.get("nomor_surat") or "").strip()
    if not nomor:
        raise DataTidakValid(f"Nomor surat pengantar LKjIP tahun {tahun} belum ada: isi nomor "
                             "surat, atau selesaikan langkah 12 siklus SOP (penomoran surat).",
                             "nomor")
    kepada = (kepada or "").strip() or KEPADA_BAKU
    return DataSurat(
        instansi=ins["nama"], pemda=ins["pemda"], tahun=tahun, nomor=nomor,
        tanggal=tanggal or _tanggal(isi12.get("tanggal_surat")) or dt.date.today(),
        kepada=kepada, di="Jakarta" if kepada == KEPADA_BAKU else "Tempat",
        penandatangan=dict(penandatangan_tahun(con, iid, tahun) if penandatangan is None
                           else penandatangan),
        demo=bool(ins["demo"]), logo=naskah_db.logo(con, iid))


# --- generated texts (used where the user left a text empty) ---

def _jabatan(instansi: str) -> str:
    if instansi.lower().startswith("inspektorat"):
        return "Inspektur" + instansi[len("Inspektorat"):]
    return f"Kepala {instansi}"


def _kepala_daerah(pemda: str) -> str:
    p = pemda.lower()
    kepala = "Wali Kota" if " kota " in f" {p} " else "Gubernur" if "provinsi" in p else "Bupati"
    return f"{kepala} {_tempat(pemda)}"


def _label_ind(r) -> str:
    return f"{r.kode} {r.nama}"


def _teks_kata_pengantar(d: DataLaporan) -> str:
    return (
        f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya "
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {d.tahun} {d.instansi} dapat "
        "diselesaikan.\n\n"
        f"LKjIP ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
        f"{d.instansi} sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        f"Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun "
        f"2014. Laporan ini menyajikan capaian kinerja atas sasaran strategis yang ditetapkan "
        f"dalam Perjanjian Kinerja Tahun {d.tahun}, analisis atas capaian tersebut, serta "
        f"realisasi anggaran yang mendukungnya.\n\n"
        f"Kami menyadari laporan ini masih memiliki kekurangan. Kritik dan saran yang membangun "
        f"kami harapkan untuk perbaikan kinerja dan pelaporan pada tahun-tahun berikutnya.")


def _teks_ikhtisar(d: DataLaporan) -> str:
    ind, r = d.indikator, d.ringkasan
    ada = ind.dropna(subset=["capaian"])
    bagian = [
        f"{judul_laporan(d.tahun)} {d.instansi} menyajikan capaian kinerja atas "
        f"{len(d.sasaran)} sasaran strategis yang diukur dengan {r['jumlah']} indikator "
        f"kinerja sebagaimana ditetapkan dalam Perjanjian Kinerja Tahun {d.tahun}."]
    if len(ada):
        kat = "; ".join(f"{label}: {n} indikator" for label, n in r["per_kategori"].items())
        kal = (f"Dari {r['jumlah']} indikator, {r['dengan_data']} telah memiliki data capaian "
               f"dengan rata-rata capaian {format_persen(r['rata_capaian'])}. Sebaran menurut "
               f"kategori capaian — {kat}.")
        if r["dengan_data"] < r["jumlah"]:
            kal += (f" Sebanyak {r['jumlah'] - r['dengan_data']} indikator belum dapat diukur "
                    "(realisasinya belum diverifikasi, belum ada data, atau targetnya belum "
                    "ada).")
        bagian.append(kal)
        baik = ada.loc[ada["capaian"].astype(float).idxmax()]
        buruk = ada.loc[ada["capaian"].astype(float).idxmin()]
        kal = (f"Capaian tertinggi diraih indikator {_label_ind(baik)} sebesar "
               f"{format_persen(_nilai(baik.capaian))} ({baik.kategori})")
        if baik.id != buruk.id:
            kal += (f", sedangkan capaian terendah pada indikator {_label_ind(buruk)} sebesar "
                    f"{format_persen(_nilai(buruk.capaian))} ({buruk.kategori})")
        bagian.append(kal + ".")
    else:
        bagian.append(f"Belum ada indikator dengan data capaian tahun {d.tahun}.")
    if len(d.sasaran):
        bagian.append("Rata-rata capaian per sasaran strategis: " + "; ".join(
            f"{s.kode_sasaran} {format_persen(_nilai(s.capaian))} ({s.kategori or _N_A})"
            for s in d.sasaran.itertuples()) + ".")
    bagian.append(_kalimat_anggaran(d))
    belum = resmi.hitung_belum(ind)
    catatan = [f"{n} dari {len(ind)} indikator {ket}"
               for ket, n in belum.items() if n]
    if catatan:
        bagian.append("Catatan: " + "; ".join(catatan) + ". Angka realisasi indikator "
                      "tersebut tidak disajikan dalam laporan ini sampai diverifikasi.")
    return "\n\n".join(bagian)


def _kalimat_anggaran(d: DataLaporan) -> str:
    a = d.anggaran
    if a.empty:
        return f"Belum ada data anggaran Perjanjian Kinerja tahun {d.tahun}."
    pagu = float(a["pagu"].sum())
    real = a["realisasi"].sum(min_count=1)
    if pd.isna(real):
        return (f"Pagu anggaran tahun {d.tahun} sebesar {format_rupiah(pagu)} pada {len(a)} "
                "program/kegiatan; realisasinya belum dicatat.")
    return (f"Realisasi anggaran tahun {d.tahun} sebesar {format_rupiah(float(real))} dari pagu "
            f"{format_rupiah(pagu)} pada {len(a)} program/kegiatan, atau serapan "
            f"{format_persen(d.ringkasan['serapan'])}.")


def _teks_tugas_fungsi(d: DataLaporan) -> str:
    if "inspektorat" not in d.instansi.lower():
        return (f"Tugas dan fungsi {d.instansi} ditetapkan dalam peraturan kepala daerah tentang "
                "kedudukan, susunan organisasi, tugas dan fungsi, serta tata kerja perangkat "
                "daerah.")
    return (
        f"Berdasarkan Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah "
        f"sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 72 Tahun 2019, "
        f"{d.instansi} mempunyai tugas membantu {_kepala_daerah(d.pemda)} membina dan mengawasi "
        f"pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah dan tugas pembantuan "
        f"oleh perangkat daerah.\n\n"
        f"Dalam melaksanakan tugas tersebut, {d.instansi} menyelenggarakan fungsi:\n"
        "a. perumusan kebijakan teknis di bidang pengawasan dan fasilitasi pengawasan;\n"
        "b. pelaksanaan pengawasan internal terhadap kinerja dan keuangan melalui audit, reviu, "
        "evaluasi, pemantauan, dan kegiatan pengawasan lainnya;\n"
        "c. pelaksanaan pengawasan untuk tujuan tertentu atas penugasan kepala daerah;\n"
        "d. penyusunan laporan hasil pengawasan;\n"
        "e. pelaksanaan administrasi inspektorat; dan\n"
        "f. pelaksanaan fungsi lain yang diberikan oleh kepala daerah terkait dengan tugas dan "
        "fungsinya.")


def _teks_struktur(d: DataLaporan) -> str:
    pimpinan = _jabatan(d.instansi).split()[0]
    if not d.unit:
        return f"{d.instansi} dipimpin oleh seorang {pimpinan}."
    bagian = [pimpinan, *d.unit]
    return f"Susunan organisasi {d.instansi} terdiri atas:\n" + "\n".join(
        f"{i}. {b}{'.' if i == len(bagian) else ';'}" for i, b in enumerate(bagian, start=1))


def _teks_sumber_daya(d: DataLaporan) -> str:
    teks = _kalimat_anggaran(d)
    if not d.anggaran.empty:
        teks = (f"Dalam melaksanakan tugas dan fungsinya pada tahun {d.tahun}, {d.instansi} "
                f"didukung anggaran pada {len(d.anggaran)} program/kegiatan dengan pagu "
                f"{format_rupiah(float(d.anggaran['pagu'].sum()))}; rinciannya disajikan pada "
                "Bab III bagian B.")
    return (teks + "\n\nRincian sumber daya manusia (jumlah pegawai menurut jabatan, pangkat dan "
            "pendidikan) serta sarana dan prasarana belum diisikan pada naskah laporan.")


def _di_bawah_target(d: DataLaporan) -> pd.DataFrame:
    ada = d.indikator.dropna(subset=["capaian"])
    return ada[ada["capaian"].astype(float) < 100]


def _teks_isu(d: DataLaporan) -> str:
    kurang = _di_bawah_target(d)
    if kurang.empty:
        return (f"Seluruh indikator yang terukur pada tahun {d.tahun} mencapai target. Isu "
                f"strategis ke depan adalah mempertahankan capaian tersebut dan memenuhi target "
                f"akhir Renstra tahun {d.renstra['tahun_akhir']}.")
    baris = "\n".join(f"• {_label_ind(r)} (capaian {format_persen(_nilai(r.capaian))})"
                      for r in kurang.itertuples())
    kendala = [n["kendala"] for n in d.narasi.values() if (n.get("kendala") or "").strip()]
    teks = ("Isu strategis yang dihadapi berangkat dari indikator yang capaiannya belum "
            f"memenuhi target tahun {d.tahun}:\n{baris}")
    if kendala:
        teks += "\n\nKendala yang dilaporkan bidang:\n" + "\n".join(f"• {k}" for k in kendala)
    return teks


def _teks_penutup(d: DataLaporan) -> str:
    return (f"{judul_laporan(d.tahun)} {d.instansi} merupakan wujud pertanggungjawaban atas "
            f"pelaksanaan Perjanjian Kinerja Tahun {d.tahun}. Capaian yang belum optimal menjadi "
            "bahan perbaikan perencanaan, pelaksanaan program dan pengendalian kinerja pada tahun "
            "berikutnya.")


def _poin_penutup(d: DataLaporan) -> list[str]:
    r = d.ringkasan
    ada = d.indikator.dropna(subset=["capaian"])
    kurang = _di_bawah_target(d)
    poin = []
    if len(ada):
        poin.append(f"Rata-rata capaian kinerja tahun {d.tahun} sebesar "
                    f"{format_persen(r['rata_capaian'])} atas {r['dengan_data']} dari "
                    f"{r['jumlah']} indikator yang terukur.")
        poin.append(f"{len(ada) - len(kurang)} indikator mencapai atau melampaui target "
                    "(capaian ≥ 100 %).")
    if len(kurang):
        poin.append("Indikator yang belum mencapai target: " + "; ".join(
            f"{_label_ind(x)} ({format_persen(_nilai(x.capaian))})" for x in kurang.itertuples())
            + ".")
    poin.append(_kalimat_anggaran(d))
    rencana = [(n.get("tindak_lanjut") or "").strip() for n in d.narasi.values()]
    rencana = [t for t in rencana if t] or [
        (d.narasi.get(int(x.id), {}).get("solusi") or "").strip() for x in kurang.itertuples()]
    rencana = [t for t in rencana if t]
    if rencana:
        poin.append("Langkah ke depan: " + " ".join(t if t.endswith(".") else t + "."
                                                    for t in rencana))
    return poin


_BAWAAN = {
    "kata_pengantar": _teks_kata_pengantar, "ikhtisar": _teks_ikhtisar,
    "tugas_fungsi": _teks_tugas_fungsi, "struktur_organisasi": _teks_struktur,
    "sumber_daya": _teks_sumber_daya, "isu_strategis": _teks_isu, "penutup": _teks_penutup,
}


def _naskah(d: DataLaporan, kunci: str) -> str:
    teks = (d.naskah.get(kunci) or "").strip()
    return teks or _BAWAAN[kunci](d)


# --- charts (Altair -> PNG via vl-convert) ---

# The charts are rendered in a short-lived child process: vl-convert's JavaScript engine takes
# about 100 MB that would otherwise stay in the (long-running) app or CLI process and push a
# report build past its memory budget.
_ANAK_GRAFIK = """
import base64, json, sys
import vl_convert
vl_convert.register_font_directory(sys.argv[1])
specs = json.load(sys.stdin)
json.dump([base64.b64encode(vl_convert.vegalite_to_png(s, scale=2)).decode() for s in specs],
          sys.stdout)
"""


@functools.lru_cache(maxsize=8)
def _png_semua(specs_json: tuple[str, ...]) -> tuple[bytes, ...]:
    import base64
    import subprocess
    import sys

    if not specs_json:
        return ()
    # The bundled font folder makes chart text work where DejaVu is not installed (Windows).
    hasil = subprocess.run(
        [sys.executable, "-c", _ANAK_GRAFIK, str(FOLDER_FONT)],
        input="[" + ",".join(specs_json) + "]", capture_output=True, text=True, timeout=120)
    if hasil.returncode != 0:
        raise RuntimeError("Grafik laporan gagal digambar: " + hasil.stderr[-500:])
    return tuple(base64.b64decode(x) for x in json.loads(hasil.stdout))


def _spec(chart) -> str:
    # Keyed by the spec's JSON: rebuilding an unchanged report reuses the rendered PNGs.
    return json.dumps(chart.to_dict(validate=False), sort_keys=True, default=str)


def _ke_png(chart) -> bytes:
    """One chart as PNG (2x), rendered in the child process."""
    return _png_semua((_spec(chart),))[0]


def _gaya(chart):
    return chart.configure(
        font=FONT, locale={"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                                      "currency": ["Rp ", ""]}},
        axis={"labelFontSize": 11, "titleFontSize": 11, "labelColor": "#333333",
              "titleColor": "#333333"},
        legend={"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 560},
        view={"stroke": None}, background="transparent")


def grafik_tren(tren: pd.DataFrame):
    """Line chart of each indicator's capaian (%) over the years, with the 100 % line."""
    import altair as alt

    df = tren.dropna(subset=["capaian"])
    # Codes only in the legend: the table just above names each indicator, and vl-convert's
    # time grows with every character of chart text (full names tripled it).
    df = pd.DataFrame({"tahun": df["tahun"].astype(int).astype(str),
                       "capaian": df["capaian"].astype(float), "indikator": df["kode"]})
    garis = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=50), strokeWidth=2).encode(
        x=alt.X("tahun:O", title="Tahun", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("capaian:Q", title="Capaian (%)", scale=alt.Scale(zero=False)),
        color=alt.Color("indikator:N", title="Indikator", scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="right")))
    seratus = alt.Chart(pd.DataFrame({"y": [100.0]})).mark_rule(
        color="#616161", strokeDash=[5, 4]).encode(y="y:Q")
    return _gaya((seratus + garis).properties(width=440, height=190))


def grafik_anggaran(anggaran: pd.DataFrame):
    """Grouped bars per program line: budget absorption beside its unit's mean capaian."""
    import altair as alt

    baris = []
    for r in anggaran.itertuples():
        for ukuran, v in (("Serapan anggaran", r.serapan), ("Capaian kinerja unit",
                                                            r.capaian_unit)):
            if _nilai(v) is not None:
                baris.append({"kode": r.kode, "ukuran": ukuran, "persen": float(v)})
    df = pd.DataFrame(baris, columns=["kode", "ukuran", "persen"])
    urutan = ["Serapan anggaran", "Capaian kinerja unit"]
    batang = alt.Chart(df).mark_bar().encode(
        x=alt.X("kode:N", title="Program/kegiatan (kode)", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("ukuran:N", sort=urutan),
        y=alt.Y("persen:Q", title="Persen (%)", scale=alt.Scale(domain=[0, 110])),
        color=alt.Color("ukuran:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=urutan, range=["#1a4e8a", "#f0a04b"])))
    seratus = alt.Chart(pd.DataFrame({"y": [100.0]})).mark_rule(
        color="#616161", strokeDash=[5, 4]).encode(y="y:Q")
    return _gaya((batang + seratus).properties(width=460, height=170))


def _ukuran_png(png: bytes) -> tuple[int, int]:
    # Width and height sit in the IHDR chunk right after the 8-byte signature.
    return struct.unpack(">II", png[16:24])


# --- PDF layout ---

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
