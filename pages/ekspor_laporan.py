"""Export the LKjIP as PDF (PermenPANRB 53/2014 structure) and the cover letter (step 12)."""


import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import laporan, naskah
from lkj_core.organisasi import DataTidakValid

pelaku = auth.halaman("ekspor_laporan")
st.title("Ekspor Laporan Kinerja")
tahun = ui.tahun_renstra(pelaku, key="ekspor_tahun")
st.caption("PDF memuat sampul, kata pengantar, ikhtisar, daftar isi, Bab I–IV, pernyataan "
           "telah direviu dan lampiran. Sebelum langkah 11 SOP (penandatanganan) selesai, "
           "setiap halaman bertanda DRAFT.")
if st.button("Buat PDF Laporan Kinerja", type="primary", key="buat_pdf"):
    with st.status("Menyusun laporan…", expanded=True) as status:
        try:
            st.write("Mengumpulkan data…")
            with state.db() as cur:
                data = laporan.kumpulkan_data(
                    cur, pelaku, tahun, naskah.naskah(cur, pelaku.instansi_id, tahun),
                    naskah.penandatangan(cur, pelaku.instansi_id))
                data.logo = naskah.logo(cur, pelaku.instansi_id)
            st.write("Menggambar grafik dan menyusun halaman…")
            st.session_state["pdf_laporan"] = (tahun, laporan.buat_laporan(data))
            status.update(label="Laporan siap diunduh.", state="complete", expanded=False)
        except DataTidakValid as exc:
            status.update(label="Laporan tidak dapat dibuat.", state="error")
            st.error(str(exc))
siap = st.session_state.get("pdf_laporan")
if siap and siap[0] == tahun:
    st.download_button("Unduh PDF", siap[1], file_name=f"LKjIP-{tahun}.pdf",
                       mime="application/pdf", on_click="ignore", key="unduh_pdf")

st.subheader("Surat pengantar (langkah 12)")
with st.form("f_surat"):
    c1, c2 = st.columns(2)
    nomor = c1.text_input("Nomor surat (kosongkan: dari catatan langkah 12)", key="surat_nomor")
    tanggal = c2.date_input("Tanggal surat", value=None, key="surat_tanggal",
                            format="DD-MM-YYYY")
    kepada = st.text_input("Kepada (kosongkan: Menteri PANRB c.q. Deputi RB, Akuntabilitas "
                           "Aparatur dan Pengawasan)", key="surat_kepada")
    if st.form_submit_button("Buat surat pengantar"):
        try:
            with state.db() as cur:
                surat = laporan.data_surat(cur, pelaku, tahun, nomor or None, tanggal,
                                           kepada or None,
                                           naskah.penandatangan(cur, pelaku.instansi_id))
            st.session_state["pdf_surat"] = (tahun, laporan.buat_surat_pengantar(surat))
        except DataTidakValid as exc:
            st.error(str(exc))
surat_siap = st.session_state.get("pdf_surat")
if surat_siap and surat_siap[0] == tahun:
    st.download_button("Unduh surat pengantar", surat_siap[1],
                       file_name=f"surat-pengantar-LKjIP-{tahun}.pdf", mime="application/pdf",
                       on_click="ignore", key="unduh_surat")
