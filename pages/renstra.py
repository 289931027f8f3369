"""The planning chain: Renstra periods, their Tujuan and Sasaran Strategis."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import perencanaan
from lkj_core.peran import boleh

pelaku = auth.halaman("renstra")
ui.tampilkan_toast()
kelola = boleh(pelaku.peran, "kelola_perencanaan")
st.title("Renstra & Sasaran Strategis")


with state.db() as cur:
    renstra = perencanaan.daftar_renstra(cur, pelaku.instansi_id)
if renstra.empty:
    st.info("Belum ada periode Renstra." + (" Buat yang pertama di bawah." if kelola else ""))
else:
    pilihan = dict(zip(renstra["nama"] + " (" + renstra["tahun_awal"].astype(str) + "–"
                       + renstra["tahun_akhir"].astype(str) + ")", renstra["id"]))
    rid = pilihan[st.selectbox("Periode Renstra", list(pilihan), key="renstra")]
    with state.db() as cur:
        pohon = perencanaan.pohon_kinerja(cur, int(rid))
    if pohon.empty:
        st.info("Renstra ini belum memiliki tujuan.")
    else:
        st.dataframe(pohon.rename(columns={"kode_tujuan": "Kode Tujuan", "tujuan": "Tujuan",
                                           "kode_sasaran": "Kode Sasaran",
                                           "sasaran": "Sasaran Strategis"})
                     [["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis"]],
                     hide_index=True, width="stretch")
    if kelola:
        with st.expander("Tambah tujuan"), st.form("f_tujuan"):
            ui.ringkasan_kesalahan("tujuan")
            kode = st.text_input("Kode tujuan", key="tujuan_kode", placeholder="mis. T2")
            ui.pesan_kolom("tujuan", "kode")
            uraian = st.text_area("Uraian tujuan", key="tujuan_uraian")
            ui.pesan_kolom("tujuan", "uraian")
            if st.form_submit_button("Simpan tujuan"):
                ui.simpan("tujuan", lambda c: perencanaan.buat_tujuan(c, pelaku, int(rid), kode,
                                                                    uraian), "Tujuan disimpan.")
        tujuan = pohon.drop_duplicates("tujuan_id")
        if not tujuan.empty:
            with st.expander("Tambah sasaran strategis"), st.form("f_sasaran"):
                ui.ringkasan_kesalahan("sasaran")
                t_pil = dict(zip(tujuan["kode_tujuan"] + " — " + tujuan["tujuan"],
                                 tujuan["tujuan_id"]))
                t_nama = st.selectbox("Tujuan", list(t_pil), key="sasaran_tujuan")
                kode_s = st.text_input("Kode sasaran", key="sasaran_kode", placeholder="mis. SS4")
                ui.pesan_kolom("sasaran", "kode")
                uraian_s = st.text_area("Uraian sasaran strategis", key="sasaran_uraian")
                ui.pesan_kolom("sasaran", "uraian")
                if st.form_submit_button("Simpan sasaran"):
                    ui.simpan("sasaran", lambda c: perencanaan.buat_sasaran(
                        c, pelaku, int(t_pil[t_nama]), kode_s, uraian_s), "Sasaran disimpan.")

if kelola:
    with st.expander("Tambah periode Renstra", expanded=renstra.empty), st.form("f_renstra"):
        ui.ringkasan_kesalahan("renstra")
        nama = st.text_input("Nama Renstra", key="renstra_nama",
                             placeholder="mis. Renstra Inspektorat Daerah 2027–2031")
        ui.pesan_kolom("renstra", "nama")
        c1, c2 = st.columns(2)
        awal = c1.text_input("Tahun awal", key="renstra_awal", placeholder="2027")
        akhir = c2.text_input("Tahun akhir", key="renstra_akhir", placeholder="2031")
        ui.pesan_kolom("renstra", "tahun_awal", "tahun_akhir")
        if st.form_submit_button("Simpan Renstra"):
            ui.simpan("renstra", lambda c: perencanaan.buat_renstra(c, pelaku, nama, awal, akhir),
                   "Renstra disimpan.")
