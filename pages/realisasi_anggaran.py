"""Bidang users record the rupiah realisation of their unit's PK program lines."""

import streamlit as st

from lkj_app import auth, state, tampilan, ui
from lkj_core import isian, organisasi
from lkj_core.angka import format_isian, format_rupiah

pelaku = auth.halaman("realisasi_anggaran")
ui.tampilkan_toast()
st.title("Realisasi Anggaran")
with state.db() as cur:
    tahun = organisasi.instansi(cur, pelaku.instansi_id)["tahun_laporan"]
    df = isian.daftar_anggaran(cur, pelaku, tahun) if tahun else None
if df is None or df.empty:
    st.info("Belum ada program/anggaran Perjanjian Kinerja untuk unit ini pada tahun laporan.")
    st.stop()
st.caption(f"Tahun {tahun}. Pagu berasal dari Perjanjian Kinerja; isi realisasi dalam rupiah. "
           "Serapan dihitung otomatis.")
st.dataframe(tampilan.tabel_pk(df), hide_index=True, width="stretch")
pil = {int(r.id): f"{r.kode} — {r.uraian}" for r in df.itertuples()}
pid = st.selectbox("Program / kegiatan", list(pil), format_func=pil.get, key="ang_pilih")
baris = df[df["id"] == pid].iloc[0]
with st.form(f"f_ang_{pid}"):
    st.markdown(f"Pagu: **{format_rupiah(baris.pagu)}**")
    teks = st.text_input("Realisasi (Rp)", value="" if ui.kosong(baris.realisasi)
                         else format_isian(baris.realisasi), placeholder="mis. 1.250.000.000")
    ui.pesan_kolom("anggaran", "realisasi", "_")
    if st.form_submit_button("Simpan realisasi", type="primary"):
        ui.simpan("anggaran", lambda c: isian.simpan_realisasi_anggaran(c, pelaku, pid, teks),
                  "Realisasi anggaran disimpan.")
