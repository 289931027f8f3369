"""DataFrames shaped for display: Indonesian headers and Indonesian number formatting."""

from __future__ import annotations

import pandas as pd

from lkj_core.angka import format_nilai, format_persen, format_rupiah
from lkj_core.perencanaan import format_target

_POL = {"positif": "Positif", "negatif": "Negatif", "rentang": "Rentang"}


def ui_kosong(x) -> bool:
    return x is None or bool(pd.isna(x))


def _nilai(x) -> str:
    return "n/a" if x is None or pd.isna(x) else format_nilai(float(x))


def tabel_target(df: pd.DataFrame) -> pd.DataFrame:
    """The yearly target table."""
    return pd.DataFrame({
        "Sasaran": df["kode_sasaran"],
        "Kode": df["kode"],
        "Indikator Kinerja": df["nama"],
        "Satuan": df["satuan"],
        "Polaritas": df["polaritas"].map(_POL),
        "Target": [format_target(t, a, p) for t, a, p in
                   zip(df["target"], df["target_atas"], df["polaritas"])],
        "Unit Penanggung Jawab": df["unit"],
    })


def tabel_indikator(df: pd.DataFrame) -> pd.DataFrame:
    """Indicators of a Renstra with end target and national standard."""
    return pd.DataFrame({
        "Sasaran": df["kode_sasaran"],
        "Kode": df["kode"],
        "Indikator Kinerja": df["nama"],
        "Satuan": df["satuan"],
        "Polaritas": df["polaritas"].map(_POL),
        "Target Akhir Renstra": [format_target(t, a, p) for t, a, p in
                                 zip(df["target_akhir"], df["target_akhir_atas"],
                                     df["polaritas"])],
        "Standar Nasional": df["standar_nasional"].map(lambda x: "—" if ui_kosong(x) else _nilai(x)),
        "Unit": df["unit"],
    })


def tabel_pk(df: pd.DataFrame) -> pd.DataFrame:
    """PK program/anggaran lines with rupiah and serapan."""
    return pd.DataFrame({
        "Kode": df["kode"],
        "Program / Kegiatan": df["uraian"],
        "Unit": df["unit"].fillna("-"),
        "Pagu (Rp)": df["pagu"].map(format_rupiah),
        "Realisasi (Rp)": df["realisasi"].map(lambda x: "n/a" if pd.isna(x) else format_rupiah(x)),
        "Serapan": df["serapan"].map(lambda x: "n/a" if pd.isna(x) else format_persen(x)),
    })
