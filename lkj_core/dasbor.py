"""Data of the Inspektur dashboard (Dasbor): every aggregation in DuckDB or here, none in the
page. A bidang user's view is always limited to their own unit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lkj_core import isian, resmi, siklus, waktu_kerja
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.db import Con
from lkj_core.peran import LABEL_PERAN, Pelaku, boleh, wajib


def unit_efektif(pelaku: Pelaku, unit_id: int | None) -> int | None:
    """The unit filter that applies: a bidang user's own unit, else the chosen one (or all)."""
    return pelaku.unit_id if pelaku.peran == "bidang" else unit_id


def boleh_kinerja(pelaku: Pelaku) -> bool:
    """Whether the actor sees the performance part (staf sees the SOP progress only)."""
    return boleh(pelaku.peran, "lihat_isian")


def per_sasaran(df: pd.DataFrame, skala=None) -> pd.DataFrame:
    """Mean capaian per sasaran strategis over the indicators that have one."""
    if df.empty:
        return pd.DataFrame(columns=["kode_sasaran", "sasaran", "capaian", "jumlah", "kategori"])
    # Plain Python over the (few dozen) rows: pandas' groupby + merge cost more than the data.
    jumlah: dict[tuple, list] = {}
    for kode, nama, c in zip(df["kode_sasaran"], df["sasaran"], df["capaian"]):
        nilai = jumlah.setdefault((kode, nama), [])
        if not pd.isna(c):
            nilai.append(float(c))
    baris = [(kode, nama, sum(v) / len(v) if v else None, len(v))
             for (kode, nama), v in sorted(jumlah.items(), key=lambda x: x[0][0])]
    g = pd.DataFrame(baris, columns=["kode_sasaran", "sasaran", "capaian", "jumlah"])
    g["capaian"] = g["capaian"].astype("Float64")
    g["kategori"] = [kategori(c, skala) for _, _, c, _ in baris]
    return g


def ringkasan(df: pd.DataFrame, anggaran_df: pd.DataFrame, skala) -> dict:
    """Headline figures: indicators with data / total, count per category, mean capaian,
    budget serapan."""
    ada = df.dropna(subset=["capaian"])
    per_kat = {label: int((ada["kategori"] == label).sum()) for _, label in skala}
    pagu = float(anggaran_df["pagu"].sum()) if not anggaran_df.empty else 0.0
    real = anggaran_df["realisasi"].sum(min_count=1) if not anggaran_df.empty else None
    return {
        "jumlah": len(df), "dengan_data": len(ada), "per_kategori": per_kat,
        "rata_capaian": float(ada["capaian"].mean()) if len(ada) else None,
        "serapan": float(real) / pagu * 100 if pagu and real is not None and not pd.isna(real)
        else None,
    }


def tren(con: Con, pelaku: Pelaku, tahun: int, unit_id: int | None = None) -> pd.DataFrame:
    """Each indicator's target, official realisasi and capaian over the years of the Renstra
    covering `tahun`, with the end-of-Renstra target and national standard."""
    wajib(pelaku, "lihat_isian")
    unit_id = unit_efektif(pelaku, unit_id)
    # The instansi's indicators first; targets and realisasi are then read only for those ids
    # (a semi-join DuckDB turns into a scan filter), so the cost follows the one instansi asked
    # for, not the size of the database (`make bench`, nasional size).
    df = con.execute(
        "WITH ind AS (SELECT i.id, i.kode, i.nama, i.polaritas, i.satuan, i.target_akhir,"
        " i.standar_nasional, rs.tahun_awal, rs.tahun_akhir"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN renstra rs ON rs.id = t.renstra_id"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN rs.tahun_awal AND rs.tahun_akhir"
        " AND (? IS NULL OR i.unit_id = ?)),"
        " tt AS (SELECT indikator_id, tahun, target, target_atas FROM target_tahunan"
        " WHERE indikator_id IN (SELECT id FROM ind)),"
        " r AS (SELECT indikator_id, tahun, nilai FROM realisasi_resmi"
        " WHERE indikator_id IN (SELECT id FROM ind)),"
        " semua AS (SELECT indikator_id, tahun, nilai, status FROM realisasi"
        " WHERE indikator_id IN (SELECT id FROM ind))"
        " SELECT ind.kode, ind.nama, ind.polaritas, ind.satuan, y.tahun, tt.target,"
        " tt.target_atas, r.nilai AS realisasi, ind.target_akhir, ind.standar_nasional,"
        " semua.status, semua.nilai AS nilai_isian"
        " FROM ind CROSS JOIN range(ind.tahun_awal, ind.tahun_akhir + 1) y(tahun)"
        " LEFT JOIN tt ON tt.indikator_id = ind.id AND tt.tahun = y.tahun"
        " LEFT JOIN r ON r.indikator_id = ind.id AND r.tahun = y.tahun"
        " LEFT JOIN semua ON semua.indikator_id = ind.id AND semua.tahun = y.tahun"
        " ORDER BY ind.kode, y.tahun",
        [pelaku.instansi_id, tahun, unit_id, unit_id]).df()

    def f(x):
        return None if pd.isna(x) else float(x)

    df["capaian"] = pd.array([hitung_capaian(f(t), f(r), p, f(ta) if p == "rentang" else None)
                              for t, ta, r, p in zip(df["target"], df["target_atas"],
                                                     df["realisasi"], df["polaritas"])],
                             dtype="Float64")
    # Why a year shows no official figure (the entry's own value is never shown here).
    df["keterangan"] = pd.Series([resmi.keterangan(st, v) for st, v in
                                  zip(df["status"], df["nilai_isian"])], dtype=object)
    return df.drop(columns=["nilai_isian"])


def anggaran(con: Con, pelaku: Pelaku, tahun: int, unit_id: int | None,
             indikator_df: pd.DataFrame) -> pd.DataFrame:
    """PK program lines with serapan, beside the mean capaian of the line's unit."""
    wajib(pelaku, "lihat_isian")
    unit_id = unit_efektif(pelaku, unit_id)
    df = con.execute(
        "SELECT p.kode, p.uraian, p.unit_id, u.nama AS unit, p.pagu::DOUBLE AS pagu,"
        " p.realisasi::DOUBLE AS realisasi,"
        " CASE WHEN p.pagu > 0 AND p.realisasi IS NOT NULL"
        "   THEN p.realisasi::DOUBLE / p.pagu::DOUBLE * 100 END AS serapan"
        " FROM pk_program p LEFT JOIN unit_kerja u ON u.id = p.unit_id"
        " WHERE p.instansi_id = ? AND p.tahun = ? AND (? IS NULL OR p.unit_id = ?)"
        " ORDER BY p.kode", [pelaku.instansi_id, tahun, unit_id, unit_id]).df()
    # Mean capaian per unit over the indicators that have one (plain Python: a few dozen rows).
    per_unit: dict[int, list[float]] = {}
    for uid, c in zip(indikator_df["unit_id"], indikator_df["capaian"]):
        if not pd.isna(c):
            per_unit.setdefault(int(uid), []).append(float(c))
    df["capaian_unit"] = pd.array(
        [None if pd.isna(u) or int(u) not in per_unit else
         sum(per_unit[int(u)]) / len(per_unit[int(u)]) for u in df["unit_id"]], dtype="Float64")
    return df


def progres(con: Con, pelaku: Pelaku, tahun: int, unit_id: int | None = None,
            indikator_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per unit: entries per status (draft / submitted / verified / returned / none).

    Given the year's `isian.daftar_isian` rows (same actor, year and unit), it counts those
    instead of asking the database again (the Dasbor has them already)."""
    wajib(pelaku, "lihat_isian")
    if indikator_df is None:
        return isian.status_per_unit(con, pelaku.instansi_id, tahun,
                                     unit_efektif(pelaku, unit_id))
    hitung: dict[tuple, dict] = {}
    for uid, unit, status in zip(indikator_df["unit_id"], indikator_df["unit"],
                                 indikator_df["status"]):
        h = hitung.setdefault((int(uid), unit), dict.fromkeys(_KOLOM_STATUS, 0))
        h["jumlah"] += 1
        h[status] += 1
    baris = [{"unit_id": uid, "unit": unit, **h}
             for (uid, unit), h in sorted(hitung.items(), key=lambda x: x[0][1])]
    return pd.DataFrame(baris, columns=["unit_id", "unit", *_KOLOM_STATUS])


_KOLOM_STATUS = ("jumlah", "belum", "draft", "diajukan", "diverifikasi", "dikembalikan")


def gantt(con: Con, pelaku: Pelaku, tahun: int, kal: waktu_kerja.Kalender,
          sekarang: dt.datetime | None = None) -> pd.DataFrame:
    """The year's SOP steps with start, finish, the instant their standard time runs out, and
    timeliness (empty when the cycle is not open)."""
    wajib(pelaku, "lihat_siklus")
    sik = siklus.siklus_tahun(con, pelaku.instansi_id, tahun)
    if sik is None:
        return pd.DataFrame(columns=["no", "uraian", "pelaksana_label", "mulai", "selesai",
                                     "tenggat", "status", "terlambat", "ketepatan"])
    df = siklus.langkah(con, sik["id"], kal, sekarang)
    df["tenggat"] = [waktu_kerja.tenggat(m.to_pydatetime(), int(w), s, kal)
                     if siklus.ada(m) else pd.NaT
                     for m, w, s in zip(df["mulai"], df["waktu"], df["satuan_waktu"])]
    df["tenggat"] = pd.to_datetime(df["tenggat"])
    df["pelaksana_label"] = df["pelaksana"].map(LABEL_PERAN)
    return df
