"""The report's own texts per year (Kata Pengantar, Ikhtisar, Bab I, Bab IV): written by the
Kasubag; an empty text is written by the app from the data."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import naskah

pelaku = auth.halaman("naskah_laporan")
ui.tampilkan_toast()
st.title("Naskah Laporan")
tahun = ui.tahun_renstra(pelaku, key="naskah_tahun")
with state.db() as cur:
    teks = naskah.naskah(cur, pelaku.instansi_id, tahun)
st.caption("Teks ini masuk ke PDF Laporan Kinerja apa adanya (tanpa format). Bagian yang "
           "dikosongkan ditulis otomatis oleh aplikasi dari data tahun ini.")
for kunci, (judul, petunjuk) in naskah.BAGIAN.items():
    with st.expander(judul + ("" if kunci in teks else " — otomatis"), expanded=False):
        with st.form(f"f_naskah_{tahun}_{kunci}"):
            isi = st.text_area(judul, value=teks.get(kunci, ""), height=220, help=petunjuk,
                               key=f"naskah_{tahun}_{kunci}")
            ui.pesan_kolom(f"naskah_{kunci}", kunci, "_")
            if st.form_submit_button("Simpan"):
                ui.simpan(f"naskah_{kunci}", lambda c, k=kunci, t=isi: naskah.simpan_naskah(
                    c, pelaku, tahun, k, t), f"{judul} disimpan.")
