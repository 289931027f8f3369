"""Excel round trip for bidang users: download the unit's form, upload it filled, check the
preview (values, capaian, every error by row and column), then import all or nothing."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import excel, isian, organisasi, pengaturan

pelaku = auth.halaman("impor_excel")
ui.tampilkan_toast()
st.title("Impor Isian dari Excel")
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    tahun = inst["tahun_laporan"]
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id, hanya_aktif=True)
    skala = pengaturan.skala_kategori(cur, pelaku.instansi_id)
if not tahun:
    st.info("Tahun laporan belum diatur oleh admin.")
    st.stop()
u_pil = {int(r.id): r.nama for r in unit.itertuples()}
unit_id = pelaku.unit_id
if pelaku.peran != "bidang":
    unit_id = st.selectbox("Unit", list(u_pil), format_func=u_pil.get, key="impor_unit")
with state.db() as cur:
    df = isian.daftar_isian(cur, pelaku, tahun, unit_id, skala)
if df.empty:
    st.info("Unit ini belum memiliki indikator pada tahun laporan.")
    st.stop()

st.markdown(f"**1. Unduh format** — {ui.esc(u_pil[unit_id])}, tahun {tahun}.")
st.download_button("Unduh format Excel", excel.buat_templat(df, tahun, u_pil[unit_id],
                                                            inst["nama"]),
                   file_name=f"isian-kinerja-{tahun}-{u_pil[unit_id]}.xlsx".replace(" ", "-"),
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   on_click="ignore")
st.markdown("**2. Unggah format yang sudah diisi**")
n = st.session_state.setdefault("_impor_ke", 0)  # a new key empties the uploader after import
berkas = st.file_uploader("Berkas .xlsx (maks. 10 MB)", type=["xlsx"], key=f"impor_berkas_{n}")
if berkas is None:
    st.stop()
hasil = excel.baca_isian_xlsx(berkas.getvalue(), df, tahun=tahun, skala=skala)
st.markdown("**3. Periksa pratinjau**")
if not hasil.baris and hasil.ok:
    st.info("Tidak ada isian baru di berkas ini (semua kolom isian kosong).")
    st.stop()
st.dataframe(hasil.pratinjau(), hide_index=True, width="stretch")
if not hasil.ok:
    st.error(f"Ditemukan {len(hasil.kesalahan)} masalah. Tidak ada yang disimpan: perbaiki "
             "berkas lalu unggah lagi.", icon=":material/error:")
    st.dataframe(hasil.tabel_kesalahan(), hide_index=True, width="stretch")
    st.stop()
st.success(f"{len(hasil.baris)} baris siap diimpor. Sel kosong tidak mengubah data tersimpan.")
ui.pesan_kolom("impor", "_")
if st.button("Impor sekarang", type="primary", key="impor_ok"):
    ui.simpan("impor", lambda c: isian.impor_isian(c, pelaku, tahun, hasil.baris),
              "Isian dari Excel berhasil diimpor.",
              setelah=lambda _: st.session_state.update(_impor_ke=n + 1))
