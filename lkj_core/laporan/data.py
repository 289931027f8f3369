"""What a report shows, gathered once, read-only: `kumpulkan_data` for the LKjIP and
`data_surat` for its cover letter (SOP step 12).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from lkj_core import (
    dasbor,
    gerbang,
    isian,
    organisasi,
    pejabat,
    pembanding,
    pengaturan,
    perencanaan,
    profil,
    rencana_aksi,
    resmi,
    siklus,
)
from lkj_core import naskah as naskah_db
from lkj_core.db import Con
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib

KEPADA_BAKU = ("Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi c.q. Deputi "
               "Bidang Reformasi Birokrasi, Akuntabilitas Aparatur dan Pengawasan")


def judul_laporan(tahun: int) -> str:
    """The report's title as in the PDF metadata."""
    return f"Laporan Kinerja Instansi Pemerintah Tahun {tahun}"

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
    # Bab I–III inputs beyond the figures (empty when nobody entered them)
    profil: dict = field(default_factory=dict)           # profil.profil: tugas, fungsi, kop
    komposisi: pd.DataFrame = field(default_factory=pd.DataFrame)   # staff by dimensi
    tindak_lanjut: pd.DataFrame = field(default_factory=pd.DataFrame)  # SAKIP evaluation
    pembanding: pd.DataFrame = field(default_factory=pd.DataFrame)  # comparison figures
    rencana_aksi: pd.DataFrame = field(default_factory=pd.DataFrame)  # triwulan targets
    triwulan: pd.DataFrame = field(default_factory=pd.DataFrame)    # verified tw1..tw4
    penulis: dict[int, str] = field(default_factory=dict)  # unit_id -> who writes its texts
    sekretaris: dict = field(default_factory=dict)          # pejabat 'sekretaris'

    @property
    def tempat(self) -> str:
        """Where the report is signed: the Pemda's seat ('Wonosobo')."""
        return _tempat(self.pemda)


@dataclass
class DataSurat:
    """The cover letter (surat pengantar) of step 12: the Inspektur sends the LKjIP to the
    kepala daerah. Checked when made: its number and date belong to the year it is sent."""

    instansi: str
    pemda: str
    tahun: int
    nomor: str
    tanggal: dt.date
    kepada: str = ""         # the addressee, printed after "Yth." ("": the kepala daerah)
    cq: str = ""             # "c.q. …" line under the addressee ("": none)
    di: str = ""             # where the addressee sits ("": the Pemda's seat)
    sifat: str = "Biasa"
    lampiran: str = "1 (satu) berkas"
    tembusan: list[str] = field(default_factory=lambda: ["Arsip"])
    penandatangan: dict = field(default_factory=dict)
    kop: dict = field(default_factory=dict)   # profil.profil: alamat, telepon, email, laman
    draf: bool = False       # the report is not signed yet: the letter is marked DRAF
    demo: bool = False
    logo: bytes | None = None

    def __post_init__(self):

        self.kepada = self.tanpa_yth(self.kepada) or _kepala_daerah(self.pemda)
        self.cq = self.baris_cq(self.cq)
        self.di = (self.di or "").strip() or _tempat(self.pemda)
        self.tembusan = self.daftar_tembusan(self.tembusan, self.kepada)
        masalah = self.masalah(self.nomor, self.tanggal, self.tahun)
        if masalah:
            raise DataTidakValid(*masalah)

    @property
    def perihal(self) -> str:
        """The letter's subject line."""
        return f"Penyampaian {judul_laporan(self.tahun)}"

    @staticmethod
    def tanpa_yth(teks: str | None) -> str:
        """The addressee without a typed "Kepada" / "Yth." (the letter prints "Yth." once)."""
        teks = (teks or "").strip()
        while True:
            lebih = re.sub(r"^(?:kepada\s*(?::|(?=yth\b))|yth\b\.?)\s*", "", teks, flags=re.I)
            if lebih == teks:
                return teks
            teks = lebih

    @staticmethod
    def baris_cq(teks: str | None) -> str:
        """A c.q. line as printed: "c.q. <unit>" ("" stays empty)."""
        teks = re.sub(r"^c\.?\s*q\b\.?\s*", "", (teks or "").strip(), flags=re.I).strip()
        return f"c.q. {teks}" if teks else ""

    @staticmethod
    def cq_baku(pemda: str) -> str:
        """The usual c.q. of a perangkat daerah's LKjIP: the Pemda's organisation bureau."""
        wilayah = re.sub(r"^\s*pemerintah\s+", "", pemda or "", flags=re.I).strip()
        return f"c.q. Kepala Bagian Organisasi Sekretariat Daerah {wilayah}"

    @classmethod
    def daftar_tembusan(cls, baris, kepada: str) -> list[str]:
        """Copy recipients without numbering, end punctuation, blanks, or the addressee."""
        if isinstance(baris, str):
            baris = baris.splitlines()
        tujuan = re.sub(r"\W+", " ", kepada.lower()).strip()
        hasil = []
        for b in baris or []:
            b = re.sub(r"^\s*\d+\s*[.)]\s*", "", str(b)).strip().rstrip(";.,").strip()
            inti = re.sub(r"\W+", " ", cls.tanpa_yth(b).lower()).strip()
            if b and inti and not (tujuan and inti.startswith(tujuan)) and b not in hasil:
                hasil.append(b)
        return hasil

    @staticmethod
    def masalah(nomor: str, tanggal: dt.date, tahun: int) -> tuple[str, str] | None:
        """Why a letter of this number and date cannot be sent for the year's report
        (message, field), or None."""
        from lkj_core.angka import format_tanggal

        if tanggal.year <= tahun:
            return (f"Tanggal surat pengantar {format_tanggal(tanggal)} tidak dapat dipakai: "
                    f"Laporan Kinerja tahun {tahun} disampaikan sesudah tahun itu berakhir, "
                    f"jadi surat pengantarnya bertanggal tahun {tahun + 1} atau sesudahnya.",
                    "tanggal")
        # Indonesian letter numbers end with the year of the letter ("050/123/2026").
        tahun_nomor = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", nomor or "")
        if tahun_nomor and int(tahun_nomor[-1]) != tanggal.year:
            return (f"Nomor surat {nomor} memuat tahun {tahun_nomor[-1]}, sedangkan surat "
                    f"bertanggal {format_tanggal(tanggal)}: nomor dan tanggal surat harus "
                    f"tahun yang sama, yaitu tahun surat dikirim ({tanggal.year}). Perbaiki "
                    "nomor atau tanggal surat.", "nomor")
        return None


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


def _jabatan(instansi: str) -> str:
    if instansi.lower().startswith("inspektorat"):
        return "Inspektur" + instansi[len("Inspektorat"):]
    return f"Kepala {instansi}"


def _kepala_daerah(pemda: str) -> str:
    p = pemda.lower()
    kepala = "Wali Kota" if " kota " in f" {p} " else "Gubernur" if "provinsi" in p else "Bupati"
    return f"{kepala} {_tempat(pemda)}"


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
    from lkj_core import reviu  # reviu reads reports of every instansi: imported late

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
        sekretaris=pejabat.pejabat(con, iid, tahun, "sekretaris") or {},
        triwulan=resmi.triwulan(con, iid, tahun),
        pembanding=pembanding.daftar(con, iid, tahun),
        profil=profil.profil(con, iid),
        komposisi=profil.komposisi_pegawai(con, iid, tahun),
        tindak_lanjut=profil.tindak_lanjut_evaluasi(con, iid, tahun),
        rencana_aksi=rencana_aksi.rencana_aksi(con, iid, tahun),
        penulis={int(u): gerbang.orang_berperan(con, iid, "bidang", int(u))
                 for u in ind["unit_id"].unique()},
    )


def penandatangan_tahun(con: Con, instansi_id: int, tahun: int) -> dict:
    """Who signs the year's report: the Inspektur recorded for that year (name, NIP, pangkat),
    else the instansi-wide signer of Pengaturan (name and NIP only)."""
    return (pejabat.pejabat(con, instansi_id, tahun, "inspektur")
            or naskah_db.penandatangan(con, instansi_id))


def data_surat(con: Con, pelaku: Pelaku, tahun: int, nomor: str | None = None,
               tanggal: dt.date | None = None, kepada: str | None = None,
               penandatangan: dict | None = None, cq: str | None = None,
               tembusan: list[str] | None = None) -> DataSurat:
    """The cover letter's data; number and date default to the year's step 12 record (the
    date else today), the addressee to the kepala daerah c.q. the organisation bureau, the
    copies to the archive. Marked draf while the year's report is not signed."""
    from lkj_core import penguncian, profil, waktu_kerja

    wajib(pelaku, "ekspor_laporan")
    iid = pelaku.instansi_id
    ins = organisasi.instansi(con, iid)
    sik = siklus.siklus_tahun(con, iid, tahun)
    isi12: dict = {}
    langkah = siklus.langkah(con, sik["id"]) if sik else pd.DataFrame()
    if sik:
        _, isi12 = _data_langkah(langkah, 12)
    nomor = (nomor or "").strip() or str(isi12.get("nomor_surat") or "").strip()
    if not nomor:
        raise DataTidakValid(f"Nomor surat pengantar LKjIP tahun {tahun} belum ada: isi nomor "
                             "surat, atau selesaikan langkah 12 siklus SOP (penomoran surat).",
                             "nomor")
    kepada = DataSurat.tanpa_yth(kepada)
    if cq is None:
        # the usual c.q. belongs to the usual addressee only
        baku = not kepada or kepada.lower() == _kepala_daerah(ins["pemda"]).lower()
        cq = DataSurat.cq_baku(ins["pemda"]) if baku else ""
    row11, _ = _data_langkah(langkah, siklus.LANGKAH_TANDATANGAN)
    ditandatangani = (penguncian.berlaku(con, iid, tahun) is not None
                      and row11 is not None and siklus.ada(row11["selesai"]))
    kontak = profil.profil(con, iid)
    return DataSurat(
        instansi=ins["nama"], pemda=ins["pemda"], tahun=tahun, nomor=nomor,
        tanggal=(tanggal or _tanggal(isi12.get("tanggal_surat"))
                 or waktu_kerja.sekarang().date()),
        kepada=kepada, cq=cq,
        tembusan=["Arsip"] if tembusan is None else list(tembusan),
        penandatangan=dict(penandatangan_tahun(con, iid, tahun) if penandatangan is None
                           else penandatangan),
        kop={k: kontak.get(k, "") for k in ("alamat", "telepon", "email", "laman")},
        draf=not ditandatangani, demo=bool(ins["demo"]), logo=naskah_db.logo(con, iid))
