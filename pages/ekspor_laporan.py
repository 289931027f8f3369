"""Export the LKjIP as PDF (PermenPANRB 53/2014 structure) and the cover letter (step 12)."""


import json

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import arsip, laporan, organisasi, penguncian
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import boleh

pelaku = auth.halaman("ekspor_laporan")
ui.tampilkan_toast()
st.title("Ekspor Laporan Kinerja")
tahun = ui.tahun_renstra(pelaku, key="ekspor_tahun")


def _unduh(versi: int | None) -> bytes:
    with state.db() as cur:
        return arsip.unduh(cur, pelaku, tahun, versi)


with state.db() as cur:
    final = arsip.berlaku(cur, pelaku.instansi_id, tahun)
    versi = arsip.daftar_versi(cur, pelaku, tahun)
if final:
    ttd = json.loads(final["penandatangan"])
    st.success(f"Laporan Kinerja {tahun} telah **ditandatangani** pada "
               f"{penguncian.tanggal(final['ditandatangani_pada'])} "
               f"{final['ditandatangani_pada']:%H.%M} WIB oleh {ui.esc(ttd.get('nama') or '')} "
               f"(akun {ui.esc(final['ditandatangani_oleh'])}, versi {final['versi']}). "
               "Unduhan di bawah selalu berkas bertanda tangan yang tersimpan, sama persis "
               "hingga byte terakhir.", icon=":material/verified:")
    st.code(f"SHA-256: {final['sha256']}", language=None)
    st.caption("SHA-256 adalah sidik berkas: berkas yang berubah satu byte pun memiliki sidik "
               "lain. Bandingkan dengan sidik berkas yang Anda terima untuk memastikan "
               "keasliannya, atau unggah berkasnya di *Periksa keaslian PDF* di bawah.")
    st.download_button("Unduh LKjIP bertanda tangan", lambda: _unduh(None),
                       file_name=f"LKjIP-{tahun}-v{final['versi']}-ditandatangani.pdf",
                       mime="application/pdf", on_click="ignore", key="unduh_final",
                       type="primary")
else:
    st.caption("PDF memuat sampul, kata pengantar, ikhtisar, daftar isi, Bab I–IV, pernyataan "
               "telah direviu (hanya bila reviu APIP sudah selesai) dan lampiran. Hanya angka "
               "yang sudah diverifikasi yang dicetak. Sampai ditandatangani pada langkah 11 "
               "SOP, setiap halaman bertanda DRAF.")
    if st.button("Buat PDF draf Laporan Kinerja", type="primary", key="buat_pdf"):
        with st.status("Menyusun laporan…", expanded=True) as status:
            try:
                st.write("Mengumpulkan data…")
                with state.db() as cur:
                    data = laporan.kumpulkan_data(cur, pelaku, tahun)
                st.write("Menggambar grafik dan menyusun halaman…")
                st.session_state["pdf_laporan"] = (tahun, laporan.buat_laporan(data))
                status.update(label="Laporan siap diunduh.", state="complete", expanded=False)
            except DataTidakValid as exc:
                status.update(label="Laporan tidak dapat dibuat.", state="error")
                st.error(ui.esc(str(exc)))
    siap = st.session_state.get("pdf_laporan")
    if siap and siap[0] == tahun:
        st.download_button("Unduh PDF draf", siap[1], file_name=f"LKjIP-{tahun}-DRAF.pdf",
                           mime="application/pdf", on_click="ignore", key="unduh_pdf")
lama = versi[versi["status"] == "digantikan"]
if not lama.empty:
    with st.expander(f"Versi bertanda tangan yang sudah digantikan ({len(lama)})"):
        for v in lama.itertuples():
            st.caption(f"Versi {v.versi}: ditandatangani {penguncian.tanggal(v.ditandatangani_pada)}"
                       f", dibuka kembali oleh {ui.esc(v.dibuka_oleh)} pada "
                       f"{penguncian.tanggal(v.dibuka_pada)} — alasan: {ui.esc(v.alasan_buka)}"
                       f"  \nSHA-256: `{v.sha256}`")
            st.download_button(f"Unduh versi {v.versi} (digantikan)",
                               lambda n=int(v.versi): _unduh(n),
                               file_name=f"LKjIP-{tahun}-v{v.versi}-digantikan.pdf",
                               mime="application/pdf", on_click="ignore",
                               key=f"unduh_v{v.versi}")
if final and boleh(pelaku.peran, "buka_tahun_ditandatangani"):
    with st.expander("Buka kembali laporan yang sudah ditandatangani"), st.form("f_buka_thn"):
        st.caption("Data tahun ini menjadi dapat diubah lagi, reviu dibuka kembali, dan "
                   "langkah 11 harus diulang. Salinan bertanda tangan saat ini tetap tersimpan "
                   "sebagai versi yang digantikan.")
        alasan = st.text_area("Alasan membuka kembali (wajib)", key="buka_thn_alasan")
        ui.pesan_kolom("buka_thn", "alasan", "_")
        if st.form_submit_button("Buka kembali tahun ini"):
            ui.simpan("buka_thn", lambda c: arsip.buka_kembali(c, pelaku, tahun, alasan),
                      f"Laporan {tahun} dibuka kembali.")

st.subheader("Periksa keaslian PDF")
berkas = st.file_uploader("Unggah PDF Laporan Kinerja untuk dicocokkan dengan arsip dan "
                          "tanda tangan elektroniknya", type=["pdf"], key="verif_pdf")
if berkas is not None:
    try:
        with state.db() as cur:
            h = arsip.verifikasi(cur, pelaku, berkas.getvalue())
        sah = h["bertanda_tangan"] and h["utuh"] and h["tepercaya"]
        (st.success if sah else st.error)(ui.esc(h["pesan"]))
        (st.success if h["arsip"] else st.warning)(ui.esc(h["pesan_arsip"]))
        st.caption(f"SHA-256 berkas: `{h['sha256']}`")
    except DataTidakValid as exc:
        st.error(ui.esc(str(exc)))

st.subheader("Surat pengantar (langkah 12)")
with state.db() as cur:
    pemda = organisasi.instansi(cur, pelaku.instansi_id)["pemda"]
with st.form("f_surat"):
    c1, c2 = st.columns(2)
    nomor = c1.text_input("Nomor surat (kosongkan: dari catatan langkah 12)", key="surat_nomor")
    tanggal = c2.date_input("Tanggal surat (kosongkan: dari catatan langkah 12, atau hari ini)",
                            value=None, key="surat_tanggal", format="DD-MM-YYYY")
    kepada = st.text_input("Kepada Yth. (kosongkan: kepala daerah, mis. Bupati)",
                           key="surat_kepada")
    cq = st.text_input("c.q. (kosongkan bila tanpa c.q.)",
                       value=laporan.DataSurat.cq_baku(pemda), key="surat_cq")
    tembusan = st.text_area("Tembusan (satu per baris)", value="Arsip", key="surat_tembusan")
    if st.form_submit_button("Buat surat pengantar"):
        try:
            with state.db() as cur:
                surat = laporan.data_surat(cur, pelaku, tahun, nomor or None, tanggal,
                                           kepada or None, cq=cq, tembusan=tembusan.splitlines())
            st.session_state["pdf_surat"] = (tahun, laporan.buat_surat_pengantar(surat))
            st.session_state["pdf_surat_draf"] = surat.draf
        except DataTidakValid as exc:
            st.error(ui.esc(str(exc)))
surat_siap = st.session_state.get("pdf_surat")
if surat_siap and surat_siap[0] == tahun:
    if st.session_state.get("pdf_surat_draf"):
        st.warning("Laporan Kinerja tahun ini belum ditandatangani (langkah 11): surat "
                   "pengantar bertanda DRAF.")
    st.download_button("Unduh surat pengantar", surat_siap[1],
                       file_name=f"surat-pengantar-LKjIP-{tahun}.pdf", mime="application/pdf",
                       on_click="ignore", key="unduh_surat")
