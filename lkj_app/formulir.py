"""Widget-state helpers for the indicator form: prefill from the database, read back."""

from __future__ import annotations

import streamlit as st

from lkj_core import audit, isian, perencanaan
from lkj_core.angka import format_isian
from lkj_core.db import Con

KOLOM_TEKS = ("kode", "nama", "definisi", "formula", "sumber_data", "satuan")


def isi_indikator(con: Con, instansi_id: int, indikator_id: int | None, tahun: list[int]):
    """Put an indicator's stored values (or blanks for a new one) into the form's widgets."""
    row = None
    if indikator_id is not None:
        row = audit.baris(con, "SELECT * FROM indikator WHERE id = ? AND instansi_id = ?",
                          [indikator_id, instansi_id])
    row = row or {}
    for k in KOLOM_TEKS:
        st.session_state[f"ind_{k}"] = row.get(k) or ""
    st.session_state["ind_polaritas"] = row.get("polaritas", "positif")
    st.session_state["ind_sasaran"] = row.get("sasaran_id")
    st.session_state["ind_unit"] = row.get("unit_id")
    st.session_state["ind_akhir"] = format_isian(row.get("target_akhir"))
    st.session_state["ind_akhir_atas"] = format_isian(row.get("target_akhir_atas"))
    st.session_state["ind_standar"] = format_isian(row.get("standar_nasional"))
    target = perencanaan.target_indikator(con, indikator_id) if indikator_id else {}
    for t in tahun:
        bawah, atas = target.get(t, (None, None))
        st.session_state[f"ind_t_{t}"] = format_isian(bawah)
        st.session_state[f"ind_ta_{t}"] = format_isian(atas)
    # Kept for the widgets' defaults too (see `awal`): a value set only through session state
    # may reach the browser empty, and the next save would then erase the stored value.
    st.session_state["ind_awal"] = {k: v for k, v in st.session_state.items()
                                    if isinstance(k, str) and k.startswith("ind_")
                                    and k not in ("ind_pilih", "ind_awal")}


def awal_indikator(kunci: str):
    """The value the indicator form's widget `kunci` was last filled with."""
    return st.session_state.get("ind_awal", {}).get(kunci)


def baca_indikator(tahun: list[int]) -> perencanaan.IsianIndikator:
    """The indicator form's widget values, as typed."""
    s = st.session_state
    return perencanaan.IsianIndikator(
        sasaran_id=s.get("ind_sasaran"), kode=s.get("ind_kode", ""), nama=s.get("ind_nama", ""),
        satuan=s.get("ind_satuan", ""), polaritas=s.get("ind_polaritas", "positif"),
        unit_id=s.get("ind_unit"), definisi=s.get("ind_definisi", ""),
        formula=s.get("ind_formula", ""), sumber_data=s.get("ind_sumber_data", ""),
        target_akhir=s.get("ind_akhir", ""), target_akhir_atas=s.get("ind_akhir_atas", ""),
        standar_nasional=s.get("ind_standar", ""),
        target={t: (s.get(f"ind_t_{t}", ""), s.get(f"ind_ta_{t}", "")) for t in tahun})


# --- the bidang entry form (Isian Kinerja) ---

def _kunci(ik: int, kolom: str) -> str:
    """Key of the form's bookkeeping (version read, copy of the typing, defaults, generation)."""
    return f"isi_{ik}_{kolom}"


def kunci(ik: int, kolom: str, sesi=None) -> str:
    """Key of the entry's widget `kolom`. It carries a generation that every reload from the
    database moves on (`lupakan_isian`): the reloaded widgets are new to the browser, so a
    value it still holds for the old ones (sent with a rerun that crossed the reload) cannot
    come back over the stored value. `sesi`: another session state (AppTest's)."""
    sesi = st.session_state if sesi is None else sesi
    gen = sesi[_kunci(ik, "gen")] if _kunci(ik, "gen") in sesi else 0
    return f"isi_{ik}_{kolom}_v{gen}"


_KOLOM_ISIAN = ("nilai", *isian.TRIWULAN, *isian.KOLOM_NARASI)


def isi_isian(e: dict, ik: int) -> None:
    """Fill the entry's widgets: with what the user typed before leaving the page (kept in a
    copy, since Streamlit drops the state of widgets that were not shown), else from `e`."""
    salinan = st.session_state.get(_kunci(ik, "salinan"))
    if salinan is not None:
        isi = dict(salinan)
    else:
        isi = {**{k: format_isian(e.get(k)) for k in ("nilai", *isian.TRIWULAN)},
               **{k: e.get(k) or "" for k in isian.KOLOM_NARASI}}
        st.session_state[_kunci(ik, "versi")] = e["versi"]
    for kolom, nilai in isi.items():
        st.session_state[kunci(ik, kolom)] = nilai
    st.session_state[_kunci(ik, "awal")] = isi


def awal(ik: int, kolom: str) -> str:
    """The value the entry's widget was last filled with; the page passes it as the widget's
    default as well. Streamlit sends a value set through session state to the browser only in
    the run that set it: when that run is cut short (the login cookie's rerun right after a
    page load) before the browser drew the widgets low on the form, they are drawn from the
    next run with their default. An empty default showed the stored narratives as empty, and
    the next save then wrote the empty boxes over them."""
    return st.session_state.get(_kunci(ik, "awal"), {}).get(kolom, "")


def perlu_isi(ik: int) -> bool:
    """Whether any of the entry's widgets lacks a value (first visit, or dropped after the
    user went to another page)."""
    return (_kunci(ik, "versi") not in st.session_state
            or any(kunci(ik, k) not in st.session_state for k in _KOLOM_ISIAN))


def simpan_salinan(ik: int) -> None:
    """Keep a copy of the typed values (call after drawing the widgets)."""
    st.session_state[_kunci(ik, "salinan")] = {
        k: st.session_state.get(kunci(ik, k), "") for k in _KOLOM_ISIAN}


def lupakan_isian(ik: int) -> None:
    """Drop the entry's values so the next run reloads them from the database, into widgets
    of a new generation."""
    for k in ("versi", "salinan"):
        st.session_state.pop(_kunci(ik, k), None)
    st.session_state[_kunci(ik, "gen")] = st.session_state.get(_kunci(ik, "gen"), 0) + 1


def versi_isian(ik: int) -> int:
    """The version of the entry the user's typing started from."""
    return st.session_state[_kunci(ik, "versi")]


def baca_isian(ik: int) -> isian.IsianKinerja:
    """The entry's widget values, as typed."""
    s = st.session_state
    return isian.IsianKinerja(
        nilai=s.get(kunci(ik, "nilai"), ""),
        tw={t: s.get(kunci(ik, t), "") for t in isian.TRIWULAN},
        narasi={k: s.get(kunci(ik, k), "") for k in isian.KOLOM_NARASI})
