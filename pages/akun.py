"""Every user: their account and changing their own password."""

import streamlit as st

from lkj_app import auth, ui
from lkj_core import pengguna
from lkj_core.peran import LABEL_PERAN

pelaku = auth.halaman("akun")
ui.tampilkan_toast()
st.title("Akun Saya")
st.markdown(f"Nama pengguna: **{ui.esc(pelaku.username)}** · Peran: "
            f"**{LABEL_PERAN[pelaku.peran]}**")
st.subheader("Ganti kata sandi")
st.caption("Setelah kata sandi diganti, sesi di perangkat lain berakhir dan Anda perlu masuk "
           "kembali.")
with st.form("f_sandi", clear_on_submit=True):
    lama = st.text_input("Kata sandi lama", type="password")
    baru = st.text_input("Kata sandi baru (min. 8 karakter)", type="password")
    ulang = st.text_input("Ulangi kata sandi baru", type="password")
    ui.pesan_kolom("sandi", "sandi_lama", "sandi", "_")
    if st.form_submit_button("Ganti kata sandi", type="primary"):
        if baru != ulang:
            ui.simpan_kesalahan("sandi", pengguna.DataTidakValid(
                "Kata sandi baru dan ulangannya tidak sama.", "sandi"))
            st.rerun()
        ui.simpan("sandi", lambda c: pengguna.ganti_sandi_sendiri(c, pelaku.username, lama, baru),
                  "Kata sandi diganti. Silakan masuk kembali dengan kata sandi baru.")
