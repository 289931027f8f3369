"""Officials who sign, per year (Inspektur, Sekretaris, kepala daerah: name, NIP, pangkat,
jabatan), and the Inspektur's certificate for the electronic signature of the report."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import arsip, pejabat, penguncian

pelaku = auth.halaman("pejabat")
ui.tampilkan_toast()
st.title("Pejabat & Tanda Tangan Elektronik")
tahun = ui.tahun_renstra(pelaku, key="pejabat_tahun")
with state.db() as cur:
    ada = pejabat.daftar(cur, pelaku.instansi_id, tahun)
    sert = arsip.sertifikat(cur, pelaku.instansi_id)
st.caption(f"Pejabat yang menjabat pada tahun {tahun}. Namanya, pangkat/golongan dan NIP-nya "
           "tercetak di blok tanda tangan laporan, Perjanjian Kinerja dan surat pengantar. "
           "Tanpa NIP Inspektur, laporan tidak dapat ditandatangani.")
for kedudukan, label in pejabat.KEDUDUKAN.items():
    p = ada.get(kedudukan, {})
    judul = f"{label}: " + (ui.esc(p["nama"]) if p else "belum dicatat")
    with st.expander(judul, expanded=not p), st.form(f"f_pejabat_{kedudukan}_{tahun}"):
        c1, c2 = st.columns(2)
        nama = c1.text_input("Nama lengkap dengan gelar", value=p.get("nama", ""),
                             key=f"pj_{kedudukan}_{tahun}_nama")
        jabatan = c2.text_input("Jabatan", value=p.get("jabatan", ""),
                                key=f"pj_{kedudukan}_{tahun}_jabatan",
                                placeholder="mis. Inspektur Daerah Kabupaten Wonosobo")
        if kedudukan in pejabat.TANPA_NIP:
            nip, pangkat = None, None
        else:
            nip = c1.text_input("NIP (18 angka)", value=p.get("nip", ""),
                                key=f"pj_{kedudukan}_{tahun}_nip")
            pangkat = c2.text_input("Pangkat/golongan", value=p.get("pangkat", ""),
                                    key=f"pj_{kedudukan}_{tahun}_pangkat",
                                    placeholder="mis. Pembina Utama Muda (IV/c)")
        form = f"pejabat_{kedudukan}"
        ui.pesan_kolom(form, "nama", "jabatan", "nip", "pangkat", "tahun", "_")
        if st.form_submit_button("Simpan"):
            ui.simpan(form, lambda c, k=kedudukan, n=nama, i=nip, g=pangkat, j=jabatan:
                      pejabat.atur(c, pelaku, tahun, k, n, i, g, j), f"{label} disimpan.")

st.subheader("Sertifikat tanda tangan elektronik Inspektur")
if sert:
    st.success(f"Sertifikat terpasang: **{ui.esc(sert['subjek'])}**, diterbitkan oleh "
               f"{ui.esc(sert['penerbit'])}, berlaku {penguncian.tanggal(sert['berlaku_mulai'])} s.d. "
               f"{penguncian.tanggal(sert['berlaku_sampai'])}.", icon=":material/badge:")
else:
    st.info("Belum ada sertifikat. Impor berkas PKCS#12 (.p12/.pfx) yang diterbitkan "
            "penyelenggara sertifikasi elektronik Pemda untuk Inspektur.")
st.caption("Berkas disimpan apa adanya (terenkripsi dengan kata sandinya); kata sandi hanya "
           "diperiksa sekarang dan diminta lagi setiap kali menandatangani — tidak pernah "
           "disimpan.")
with st.form("f_sertifikat"):
    berkas = st.file_uploader("Berkas sertifikat (.p12 / .pfx)", type=["p12", "pfx"],
                              key="sert_berkas")
    sandi = st.text_input("Kata sandi sertifikat", type="password", key="sert_sandi")
    ui.pesan_kolom("sertifikat", "berkas", "sandi", "_")
    if st.form_submit_button("Impor sertifikat"):
        ui.simpan("sertifikat", lambda c: arsip.impor_sertifikat(
            c, pelaku, berkas.getvalue() if berkas else b"", sandi), "Sertifikat diimpor.")
