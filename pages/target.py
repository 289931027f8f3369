"""Targets of every indicator for a chosen year, with the SOP's loud warning where one is missing,
and the year's Rencana Aksi (target per triwulan), edited by the planners."""

import streamlit as st

from lkj_app import auth, data_laporan, state, tampilan, ui
from lkj_core import perencanaan

pelaku = auth.halaman("target")
ui.tampilkan_toast()
st.title("Target Kinerja")
tahun = ui.tahun_renstra(pelaku)
with state.db() as cur:
    df = perencanaan.tabel_target(cur, pelaku.instansi_id, tahun)
if df.empty:
    st.info(f"Belum ada indikator kinerja pada Renstra tahun {tahun}. "
            "Tambahkan di menu **Kelola Indikator**.")
    st.stop()
tanpa = df[~df["ada_target"]]
if len(tanpa):
    st.error(f"**PERINGATAN:** {len(tanpa)} dari {len(df)} indikator belum memiliki target "
             f"tahun {tahun}. Tanpa target, capaian kinerja tidak dapat diukur "
             "(Peringatan SOP: Renja terlambat → target tidak terukur).",
             icon=":material/warning:")
    for r in tanpa.itertuples():
        st.error(f"Tidak ada target {tahun}: {ui.esc(r.kode)} — {ui.esc(r.nama)} "
                 f"(unit: {ui.esc(r.unit)})",
                 icon=":material/flag:")
else:
    st.success(f"Semua {len(df)} indikator memiliki target tahun {tahun}.")
st.dataframe(tampilan.tabel_target(df), hide_index=True, width="stretch")
data_laporan.rencana_aksi_tahun(pelaku, tahun)
