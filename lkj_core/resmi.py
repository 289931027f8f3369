"""The one rule of official data: a realisasi — with its triwulan values, narratives and
evidence — counts only once the Kasubag has verified it. Every reader of figures (Dasbor,
report, Excel export, signing gate, aggregates) goes through this module or through the SQL
view `realisasi_resmi`, which states the same rule for queries (tests hold them equal)."""

from __future__ import annotations

import pandas as pd

STATUS_RESMI = "diverifikasi"
BELUM_DIVERIFIKASI = "belum diverifikasi"
BELUM_ADA_DATA = "belum ada data"

# Queries read official values from the view `realisasi_resmi` (migration 008).


def resmi(status: str | None) -> bool:
    """Whether an entry with this status is official."""
    return status == STATUS_RESMI


def keterangan(status: str | None, nilai) -> str | None:
    """Why an entry shows no official number ('belum diverifikasi' / 'belum ada data'), or
    None when its verified value is there to show."""
    ada_nilai = nilai is not None and not pd.isna(nilai)
    status = None if status is None or pd.isna(status) else status
    if resmi(status) and ada_nilai:
        return None
    if ada_nilai or status in ("diajukan", "dikembalikan"):
        return BELUM_DIVERIFIKASI
    return BELUM_ADA_DATA


def saring(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of `isian.daftar_isian` with only official figures: realisasi, capaian and
    kategori emptied where the entry is not verified, and a `keterangan` column saying why."""
    ket = [keterangan(s, r) for s, r in zip(df["status"], df["realisasi"])]
    tidak = pd.Series([not resmi(None if pd.isna(s) else s) for s in df["status"]],
                      index=df.index, dtype=bool)
    out = df.copy()
    out["realisasi"] = out["realisasi"].mask(tidak)
    if "capaian" in out:
        out["capaian"] = out["capaian"].mask(tidak)
    if "kategori" in out:
        out["kategori"] = out["kategori"].astype(object).mask(tidak, None)
    out["keterangan"] = pd.Series(ket, index=df.index, dtype=object)
    return out


def hitung_belum(df: pd.DataFrame) -> dict[str, int]:
    """How many rows of a `saring` result lack an official figure, by reason."""
    ket = list(df["keterangan"]) if "keterangan" in df else []
    return {BELUM_DIVERIFIKASI: ket.count(BELUM_DIVERIFIKASI),
            BELUM_ADA_DATA: ket.count(BELUM_ADA_DATA)}


def triwulan(con, instansi_id: int, tahun: int) -> pd.DataFrame:
    """indikator_id, tw1..tw4: the verified triwulan values of a year (Rencana Aksi)."""
    return con.execute(
        "SELECT r.indikator_id, r.tw1, r.tw2, r.tw3, r.tw4 FROM realisasi_resmi r"
        " JOIN indikator i ON i.id = r.indikator_id WHERE i.instansi_id = ? AND r.tahun = ?",
        [instansi_id, tahun]).df()
