"""Rendering of the SOP flow (Alur SOP): one card per step, the current one highlighted, and
the action forms of the step's actor."""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from lkj_app import ui
from lkj_core import siklus
from lkj_core.peran import LABEL_PERAN, Pelaku


def _jam(x) -> str:
    return "—" if not siklus.ada(x) else f"{x:%d-%m-%Y %H:%M}"


def kartu(r, aktif: bool) -> None:
    """One step as a card: what the SOP says, and what happened."""
    with st.container(border=True):
        judul = f"**Langkah {r.no}** · {ui.esc(r.uraian)}"
        if aktif:
            judul = f":blue-background[{judul} · SEKARANG]"
        st.markdown(judul)
        c1, c2, c3 = st.columns([2, 2, 2])
        c1.caption(f"Pelaksana: **{LABEL_PERAN.get(r.pelaksana, r.pelaksana)}**  \n"
                   f"Kelengkapan: {ui.esc(r.kelengkapan)}")
        c2.caption(f"Waktu baku: **{r.waktu} {r.satuan_waktu}**  \nOutput: {ui.esc(r.output)}"
                   + (f"  \nKeterangan: {ui.esc(r.keterangan)}" if siklus.ada(r.keterangan)
                      else ""))
        status = siklus.STATUS_LANGKAH[r.status]
        if r.status == "belum":
            c3.caption(f"Status: **{status}**")
            return
        warna = "red" if r.terlambat else "green"
        c3.caption(f"Status: **{status}**  \nMulai: {_jam(r.mulai)} ({ui.esc(r.dimulai_oleh)})"
                   + (f"  \nSelesai: {_jam(r.selesai)} ({ui.esc(r.diselesaikan_oleh)})"
                      if r.status == "selesai" else ""))
        c3.markdown(f":{warna}[**{ui.esc(r.ketepatan)}**]")
        if siklus.ada(r.referensi):
            st.caption(f"Kelengkapan tercatat: {ui.esc(r.referensi)}"
                       + (f" · Catatan: {ui.esc(r.catatan)}" if siklus.ada(r.catatan) else ""))
        if siklus.ada(r.data):
            data = json.loads(r.data)
            st.caption(" · ".join(
                f"{_label(r.no, k)}: {ui.esc(', '.join(v) if isinstance(v, list) else v)}"
                for k, v in data.items()))


def _label(no: int, kunci: str) -> str:
    if kunci == "unit_belum_mengajukan":
        return "Unit belum mengajukan saat selesai"
    return next((f.label for f in siklus.ISIAN_LANGKAH.get(no, ()) if f.kunci == kunci), kunci)


def waktu_kejadian(key: str) -> dt.datetime:
    """Date and time of an action, default now; may be recorded afterwards, not ahead."""
    sekarang = dt.datetime.now().replace(second=0, microsecond=0)
    c1, c2 = st.columns(2)
    d = c1.date_input("Tanggal", value=sekarang.date(), key=f"{key}_tgl", format="DD-MM-YYYY")
    t = c2.time_input("Jam", value=sekarang.time(), key=f"{key}_jam", step=300)
    return dt.datetime.combine(d, t)


def alasan_admin(pelaku: Pelaku, pelaksana: str, key: str) -> str | None:
    """Admin acting for another role must give a reason."""
    if pelaku.peran == "admin" and pelaksana != "admin":
        return st.text_input(f"Alasan admin bertindak atas nama {LABEL_PERAN[pelaksana]}",
                             key=key)
    return None


def isian_khusus(no: int, key: str) -> dict:
    """The step-specific record's widgets; returns their values."""
    data = {}
    for f in siklus.ISIAN_LANGKAH.get(no, ()):
        k = f"{key}_{f.kunci}"
        if f.jenis == "tanggal":
            data[f.kunci] = st.date_input(f.label, value=None, key=k, format="DD-MM-YYYY")
        elif f.jenis == "teks_panjang":
            data[f.kunci] = st.text_area(f.label, key=k, height=90)
        else:
            data[f.kunci] = st.text_input(f.label, key=k,
                                          placeholder="https://…" if f.jenis == "url" else "")
        ui.pesan_kolom(key, f.kunci)
    return data
