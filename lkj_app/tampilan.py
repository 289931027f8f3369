"""DataFrames shaped for display: Indonesian headers and Indonesian number formatting."""

from __future__ import annotations

import pandas as pd

from lkj_core.angka import format_nilai, format_persen, format_rupiah
from lkj_core.perencanaan import format_target

_POL = {"positif": "Positif", "negatif": "Negatif", "rentang": "Rentang"}


def _kosong(x) -> bool:
    return x is None or bool(pd.isna(x))


def _indikator(df: pd.DataFrame, target: str, judul_target: str) -> dict:
    """The columns every indicator table starts with, then the given target column."""
    return {
        "Sasaran": df["kode_sasaran"],
        "Kode": df["kode"],
        "Indikator Kinerja": df["nama"],
        "Satuan": df["satuan"],
        "Polaritas": df["polaritas"].map(_POL),
        judul_target: [format_target(t, a, p) for t, a, p in
                       zip(df[target], df[target + "_atas"], df["polaritas"])],
    }


def tabel_target(df: pd.DataFrame) -> pd.DataFrame:
    """The yearly target table."""
    return pd.DataFrame({**_indikator(df, "target", "Target"),
                         "Unit Penanggung Jawab": df["unit"]})


def tabel_indikator(df: pd.DataFrame) -> pd.DataFrame:
    """Indicators of a Renstra with end target and national standard."""
    return pd.DataFrame({
        **_indikator(df, "target_akhir", "Target Akhir Renstra"),
        "Standar Nasional": df["standar_nasional"].map(
            lambda x: "—" if _kosong(x) else format_nilai(float(x))),
        "Unit": df["unit"],
    })


def tabel_pk(df: pd.DataFrame) -> pd.DataFrame:
    """PK program/anggaran lines with rupiah and serapan."""
    return pd.DataFrame({
        "Kode": df["kode"],
        "Program / Kegiatan": df["uraian"],
        "Unit": df["unit"].fillna("-"),
        "Pagu (Rp)": df["pagu"].map(format_rupiah),
        "Realisasi (Rp)": df["realisasi"].map(lambda x: "n/a" if _kosong(x) else format_rupiah(x)),
        "Serapan": df["serapan"].map(lambda x: "n/a" if _kosong(x) else format_persen(x)),
    })


def tabel_pembanding(df: pd.DataFrame) -> pd.DataFrame:
    """Comparison figures of a year with their source."""
    from lkj_core.pembanding import JENIS

    return pd.DataFrame({
        "Kode": df["kode"],
        "Jenis": df["jenis"].map(JENIS),
        "Wilayah": df["wilayah"],
        "Nilai": df["nilai"].map(lambda x: format_nilai(float(x))),
        "Sumber": df["sumber"],
    })


def tabel_rencana_aksi(df: pd.DataFrame) -> pd.DataFrame:
    """The year's Rencana Aksi: target, the planned value at the end of each triwulan
    (cumulative) and the planned action; "—" where none is planned."""
    from lkj_core.rencana_aksi import LABEL_TW, TRIWULAN

    return pd.DataFrame({
        "Kode": df["kode"],
        "Indikator Kinerja": df["nama"],
        "Target": [format_target(t, a, p) for t, a, p in
                   zip(df["target"], df["target_atas"], df["polaritas"])],
        **{f"s.d. {LABEL_TW[t]}": df[t].map(lambda x: "—" if _kosong(x) else format_nilai(x))
           for t in TRIWULAN},
        "Rencana Aksi": df["kegiatan"].map(lambda x: "—" if _kosong(x) else x),
    })
