"""Warnings for the logged-in user's home page: their waiting step, overdue steps, the report
deadline, missing targets, returned entries."""

from __future__ import annotations

import datetime as dt
import json

from lkj_core import organisasi, pengaturan, penguncian, perencanaan, siklus, waktu_kerja
from lkj_core.db import Con
from lkj_core.peran import LABEL_PERAN, Pelaku, boleh

HARI_PERINGATAN_TENGGAT = 30
# Who sees the signing gate's gaps as warnings: those who sign, prepare or run the report.
PERAN_GERBANG = ("inspektur", "kasubag", "admin", "sekretaris")
AWALAN_SYARAT = "Syarat tanda tangan LKjIP"


def batas_laporan(con: Con, instansi_id: int, tahun: int) -> dt.date:
    """Legal deadline of a year's report: 31 March of the next year unless configured."""
    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci ="
                      " 'batas_laporan'", [instansi_id]).fetchone()
    bulan_hari = tuple(json.loads(row[0])) if row else (3, 31)
    return waktu_kerja.batas_laporan(tahun, bulan_hari)


def untuk(con: Con, pelaku: Pelaku, sekarang: dt.datetime | None = None) -> list[tuple[str, str]]:
    """(level, Indonesian message) pairs, most urgent first; level is error/warning/info."""
    sekarang = sekarang or waktu_kerja.sekarang()
    tahun = organisasi.instansi(con, pelaku.instansi_id)["tahun_laporan"]
    if not tahun:
        return []
    hasil: list[tuple[str, str]] = []
    sik = siklus.siklus_tahun(con, pelaku.instansi_id, tahun)
    if sik:
        df = siklus.langkah(con, sik["id"], pengaturan.kalender(con, pelaku.instansi_id),
                            sekarang)
        no = siklus.langkah_aktif(df)
        if no is not None:
            r = df[df["no"] == no].iloc[0]
            if r.pelaksana == pelaku.peran:
                hasil.append(("warning", f"Langkah {no} SOP menunggu Anda: {r.uraian} "
                              f"({'belum dimulai' if r.status == 'belum' else r.ketepatan})."))
            if r.status == "berjalan" and r.terlambat:
                hasil.append(("error", f"Langkah {no} ({LABEL_PERAN[r.pelaksana]}) melewati "
                              f"waktu baku: {r.ketepatan}."))
    elif boleh(pelaku.peran, "buka_siklus"):
        hasil.append(("info", f"Siklus penyusunan Laporan Kinerja {tahun} belum dibuka "
                      "(langkah 1: disposisi Inspektur di menu Alur SOP)."))
    selesai = sik is not None and siklus.langkah_aktif(
        siklus.langkah(con, sik["id"], sekarang=sekarang)) is None
    if not selesai and boleh(pelaku.peran, "lihat_siklus"):
        batas = batas_laporan(con, pelaku.instansi_id, tahun)
        sisa = waktu_kerja.sisa_hari_kalender(batas, sekarang.date())
        if sisa < 0:
            hasil.append(("error", f"Batas waktu Laporan Kinerja {tahun} ({batas:%d-%m-%Y}) "
                          f"sudah lewat {-sisa} hari."))
        elif sisa <= HARI_PERINGATAN_TENGGAT:
            hasil.append(("warning", f"Batas waktu Laporan Kinerja {tahun} ({batas:%d-%m-%Y}) "
                          f"tinggal {sisa} hari."))
    if boleh(pelaku.peran, "lihat_perencanaan"):
        tanpa = perencanaan.indikator_tanpa_target(con, pelaku.instansi_id, tahun)
        if tanpa:
            hasil.append(("error", f"PERINGATAN SOP: {len(tanpa)} indikator belum memiliki "
                          f"target {tahun}, sehingga kinerjanya tidak dapat diukur (lengkapi di "
                          "menu Kelola Indikator): " + "; ".join(tanpa)))
    if pelaku.peran in PERAN_GERBANG and penguncian.berlaku(con, pelaku.instansi_id,
                                                            tahun) is None:
        from lkj_core import gerbang   # reads the reviu too: imported where it is needed

        # One warning per gap: the counter is never 0 while the report cannot be signed.
        for k in gerbang.kekurangan(con, pelaku.instansi_id, tahun):
            hasil.append(("warning", f"{AWALAN_SYARAT} {tahun} — {k.teks()}"))
    if pelaku.peran == "bidang":
        n = con.execute(
            "SELECT count(*) FROM realisasi r JOIN indikator i ON i.id = r.indikator_id"
            " WHERE i.instansi_id = ? AND i.unit_id = ? AND r.tahun = ? AND r.status ="
            " 'dikembalikan'", [pelaku.instansi_id, pelaku.unit_id, tahun]).fetchone()[0]
        if n:
            hasil.append(("warning", f"{n} isian unit Anda dikembalikan oleh Kasubag: "
                          "perbaiki di menu Isian Kinerja."))
    urutan = {"error": 0, "warning": 1, "info": 2}
    return sorted(hasil, key=lambda x: urutan[x[0]])
