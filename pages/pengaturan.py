"""Admin: the year being reported, the report's signer and logo, the instansi profile and staff
composition (Bab I, letterhead), the capaian category scale, cuti bersama, and the backup."""

from pathlib import Path

import pandas as pd
import streamlit as st

from lkj_app import auth, data_laporan, state, ui
from lkj_core import cadangan, naskah, organisasi, pengaturan, perencanaan
from lkj_core.angka import format_angka, format_nilai
from lkj_core.organisasi import DataTidakValid

pelaku = auth.halaman("pengaturan")
ui.tampilkan_toast()
st.title("Pengaturan")
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    daftar_tahun = perencanaan.tahun_tersedia(cur, pelaku.instansi_id)
    skala = pengaturan.skala_kategori(cur, pelaku.instansi_id)

st.subheader("Tahun laporan")
st.caption("Tahun yang sedang dilaporkan menjadi pilihan bawaan di semua halaman.")
if not daftar_tahun:
    st.info("Belum ada Renstra: buat periode Renstra dulu di menu **Renstra & Sasaran**.")
else:
    with st.form("f_tahun"):
        tahun = st.selectbox("Tahun yang dilaporkan", daftar_tahun,
                             index=daftar_tahun.index(inst["tahun_laporan"])
                             if inst["tahun_laporan"] in daftar_tahun else len(daftar_tahun) - 1)
        ui.pesan_kolom("tahun", "tahun", "_")
        if st.form_submit_button("Simpan tahun laporan"):
            ui.simpan("tahun", lambda c: pengaturan.atur_tahun_laporan(c, pelaku, tahun),
                      f"Tahun laporan diatur ke {tahun}.")

st.subheader("Penandatangan bawaan dan logo laporan")
st.caption("Penandatangan per tahun (nama, NIP, pangkat) dicatat di menu **Pejabat & Tanda "
           "Tangan**; nama di bawah ini hanya dipakai untuk tahun yang belum mencatatnya.")
with state.db() as cur:
    ttd = naskah.penandatangan(cur, pelaku.instansi_id)
    ada_logo = naskah.logo(cur, pelaku.instansi_id) is not None
with st.form("f_ttd"):
    c1, c2 = st.columns(2)
    nama_ttd = c1.text_input("Nama Inspektur (penandatangan)", value=ttd["nama"])
    nip_ttd = c2.text_input("NIP (18 angka)", value=ttd["nip"])
    ui.pesan_kolom("ttd", "nama", "nip", "_")
    if st.form_submit_button("Simpan penandatangan"):
        ui.simpan("ttd", lambda c: naskah.atur_penandatangan(c, pelaku, nama_ttd, nip_ttd),
                  "Penandatangan disimpan.")
st.caption("Logo sampul: " + ("sudah diunggah." if ada_logo else "belum ada (sampul memakai "
                                                                  "lambang netral)."))
berkas_logo = st.file_uploader("Unggah logo (PNG/JPG, maks. 1 MB)", type=["png", "jpg", "jpeg"],
                               key="logo_unggah")
if berkas_logo is not None and st.button("Simpan logo", key="logo_simpan"):
    ui.simpan("logo", lambda c: naskah.atur_logo(c, pelaku, berkas_logo.getvalue()),
              "Logo disimpan.")
ui.pesan_kolom("logo", "logo", "_")

data_laporan.profil_instansi(pelaku)
data_laporan.komposisi_pegawai(pelaku, daftar_tahun, inst["tahun_laporan"])

st.subheader("Skala kategori capaian")
st.caption("Urutkan dari kategori tertinggi. Capaian masuk kategori pertama yang batas bawahnya "
           "terlampaui (dinilai pada dua desimal). Kosongkan batas bawah baris terakhir: baris "
           "itu menampung semua capaian di bawahnya, sehingga tidak ada celah.")
awal = pd.DataFrame({"Batas bawah (%)": ["" if b == float("-inf") else format_nilai(b)
                                         for b, _ in skala],
                     "Kategori": [label for _, label in skala]})
with st.form("f_skala"):
    ubah = st.data_editor(awal, num_rows="dynamic", hide_index=True, key="skala_editor",
                          column_config={"Batas bawah (%)": st.column_config.TextColumn(),
                                         "Kategori": st.column_config.TextColumn()})
    ui.pesan_kolom("skala", "skala", "_")
    if st.form_submit_button("Simpan skala"):
        baris = [("" if ui.kosong(b) else str(b), "" if ui.kosong(k) else str(k))
                 for b, k in zip(ubah["Batas bawah (%)"], ubah["Kategori"])]
        ui.simpan("skala", lambda c: pengaturan.atur_skala_kategori(c, pelaku, baris),
                  "Skala kategori disimpan.")

st.subheader("Cuti bersama")
st.caption("Tanggal cuti bersama tidak dihitung sebagai hari kerja saat mengukur waktu langkah "
           "SOP (akhir pekan dan libur nasional sudah dikecualikan otomatis).")
with state.db() as cur:
    cuti = pengaturan.cuti_bersama(cur, pelaku.instansi_id)
with st.form("f_cuti"):
    tabel = st.data_editor(pd.DataFrame({"Tanggal": pd.to_datetime(pd.Series(cuti,
                                                                                dtype=object))}),
                           num_rows="dynamic", hide_index=True, key="cuti_editor",
                           column_config={"Tanggal": st.column_config.DateColumn(
                               format="DD-MM-YYYY")})
    ui.pesan_kolom("cuti", "_")
    if st.form_submit_button("Simpan cuti bersama"):
        tanggal = [pd.Timestamp(t).date() for t in tabel["Tanggal"] if not ui.kosong(t)]
        ui.simpan("cuti", lambda c: pengaturan.atur_cuti_bersama(c, pelaku, tanggal),
                  "Cuti bersama disimpan.")

st.subheader("Cadangan data")
st.caption("Satu arsip ZIP bertanggal: seluruh basis data, semua berkas bukti dan daftar "
           "checksum-nya; salinannya juga disimpan di server (folder `cadangan` di samping basis "
           "data). Arsip memuat hash kata sandi: simpan di tempat yang aman. Untuk memulihkan "
           "di server: hentikan aplikasi, pindahkan folder data lama ke samping, jalankan "
           "`make restore FILE=<arsip>` (data dipulihkan ke folder data yang baru), lalu "
           "jalankan aplikasi lagi.")
if st.button("Cadangkan sekarang", key="cadangkan"):
    try:
        with st.spinner("Membuat cadangan…"), state.db() as cur:
            st.session_state["arsip_cadangan"] = str(cadangan.buat_cadangan(cur, pelaku))
    except DataTidakValid as exc:
        st.error(str(exc))
arsip = Path(st.session_state.get("arsip_cadangan") or "")
if arsip.name and arsip.is_file():
    manifest, kb = cadangan.baca_manifest(arsip), arsip.stat().st_size / 1024
    st.success(f"Cadangan dibuat: {arsip.name} ("
               + (f"{format_angka(kb / 1024, 1)} MB)." if kb >= 1024 else
                  f"{format_angka(max(kb, 1), 0)} KB)."))
    if manifest["bukti_bermasalah"]:
        st.warning(f"{len(manifest['bukti_bermasalah'])} berkas bukti hilang atau rusak di "
                   "server dan tidak ikut dicadangkan.")
    st.download_button("Unduh arsip cadangan", arsip.read_bytes, file_name=arsip.name,
                       mime="application/zip", on_click="ignore", key="unduh_cadangan")
