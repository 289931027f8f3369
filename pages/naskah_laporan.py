"""The report's own texts per year (Kata Pengantar, Ikhtisar, Bab I, Bab IV): written by the
Kasubag; an empty text is written by the app from the data. Below them the year's follow-up of
the SAKIP evaluation and the comparison figures (angka pembanding)."""

import streamlit as st

from lkj_app import auth, data_laporan, state, ui
from lkj_core import laporan, naskah
from lkj_core.organisasi import DataTidakValid

pelaku = auth.halaman("naskah_laporan")
ui.tampilkan_toast()
st.title("Naskah Laporan")
tahun = ui.tahun_renstra(pelaku, key="naskah_tahun")
with state.db() as cur:
    teks = naskah.naskah(cur, pelaku.instansi_id, tahun)
    try:
        usulan = laporan.usulan_naskah(cur, pelaku, tahun)
    except DataTidakValid:
        usulan = {}          # no indicators that year: nothing to propose from
st.caption("Teks ini masuk ke PDF Laporan Kinerja apa adanya (tanpa format). Bagian yang "
           "dikosongkan ditulis otomatis oleh aplikasi dari data tahun ini; usulannya "
           "ditampilkan di bawah kotak isian dan dapat disalin lalu diubah.")
for kunci, (judul, petunjuk) in naskah.BAGIAN.items():
    kotak = f"naskah_{tahun}_{kunci}"
    st.session_state.setdefault(kotak, teks.get(kunci, ""))
    with st.expander(judul + ("" if kunci in teks else " — otomatis"), expanded=False):
        with st.form(f"f_naskah_{tahun}_{kunci}"):
            isi = st.text_area(judul, height=220, help=petunjuk, key=kotak)
            ui.pesan_kolom(f"naskah_{kunci}", kunci, "_")
            if st.form_submit_button("Simpan"):
                ui.simpan(f"naskah_{kunci}", lambda c, k=kunci, t=isi: naskah.simpan_naskah(
                    c, pelaku, tahun, k, t), f"{judul} disimpan.")
        if usulan.get(kunci) and kunci not in teks:
            st.caption("Usulan dari data tahun ini (dipakai di PDF selama kotak di atas kosong):")
            st.text(usulan[kunci])
            # a callback runs before the next script run, when the box may still be changed
            st.button("Salin usulan ke kotak isian", key=f"salin_{kotak}",
                      on_click=st.session_state.__setitem__, args=(kotak, usulan[kunci]))

data_laporan.tindak_lanjut_evaluasi(pelaku, tahun)
data_laporan.angka_pembanding(pelaku, tahun)
