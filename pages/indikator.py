"""Create and edit performance indicators with their yearly targets (admin, kasubag)."""

import streamlit as st

from lkj_app import auth, formulir, state, tampilan, ui
from lkj_core import organisasi, perencanaan

pelaku = auth.halaman("indikator")
ui.tampilkan_toast()
st.title("Kelola Indikator Kinerja")
with state.db() as cur:
    renstra = perencanaan.daftar_renstra(cur, pelaku.instansi_id)
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id, hanya_aktif=True)
if renstra.empty:
    st.info("Belum ada Renstra. Buat periode Renstra dan sasarannya di menu **Renstra & Sasaran**.")
    st.stop()
r_pil = {int(r.id): f"{r.nama} ({r.tahun_awal}–{r.tahun_akhir})" for r in renstra.itertuples()}
rid = st.selectbox("Periode Renstra", list(r_pil), format_func=r_pil.get, key="ind_renstra")
rs = renstra[renstra["id"] == rid].iloc[0]
tahun = list(range(int(rs.tahun_awal), int(rs.tahun_akhir) + 1))
with state.db() as cur:
    sasaran = perencanaan.pohon_kinerja(cur, rid).dropna(subset=["sasaran_id"])
    daftar = perencanaan.daftar_indikator(cur, pelaku.instansi_id, rid)
if sasaran.empty:
    st.info("Renstra ini belum memiliki sasaran strategis. Tambahkan di menu **Renstra & Sasaran**.")
    st.stop()
if daftar.empty:
    st.info("Belum ada indikator pada Renstra ini. Isi formulir di bawah untuk menambah.")
else:
    st.dataframe(tampilan.tabel_indikator(daftar), hide_index=True, width="stretch")

# 0, not None, stands for "new": Streamlit shows a None choice as an empty (English) box.
i_pil = {0: "— Indikator baru —", **{int(r.id): f"{r.kode} — {r.nama}"
                                        for r in daftar.itertuples()}}
if "_ind_berikut" in st.session_state:  # after a save: edit what was just saved
    st.session_state["ind_pilih"] = st.session_state.pop("_ind_berikut")
    st.session_state.pop("_ind_terisi", None)
pilih = st.selectbox("Pilih indikator untuk diubah, atau buat baru", list(i_pil),
                     format_func=i_pil.get, key="ind_pilih") or None
# Refill also when Streamlit dropped the widgets' state (the user visited another page).
if st.session_state.get("_ind_terisi") != (rid, pilih) or "ind_kode" not in st.session_state:
    with state.db() as cur:
        formulir.isi_indikator(cur, pelaku.instansi_id, pilih, tahun)
    st.session_state["_ind_terisi"] = (rid, pilih)

s_pil = {int(r.sasaran_id): f"{r.kode_sasaran} — {r.sasaran}" for r in sasaran.itertuples()}
u_pil = {int(r.id): r.nama for r in unit.itertuples()}
pesan = lambda *k: ui.pesan_kolom("indikator", *k)  # noqa: E731
v = lambda k: formulir.awal_indikator(k) or ""  # noqa: E731 - stored value as default
with st.form("f_indikator"):
    ui.ringkasan_kesalahan("indikator")
    st.selectbox("Sasaran strategis", list(s_pil), format_func=s_pil.get, key="ind_sasaran",
                 index=None, placeholder="Pilih sasaran")
    pesan("sasaran_id")
    c1, c2, c3 = st.columns([1, 3, 1])
    c1.text_input("Kode", key="ind_kode", value=v("ind_kode"), placeholder="IK-11")
    c2.text_input("Nama indikator", key="ind_nama", value=v("ind_nama"))
    c3.text_input("Satuan", key="ind_satuan", value=v("ind_satuan"),
                  placeholder="%, Level, Indeks…")
    pesan("kode", "nama", "satuan")
    st.text_area("Definisi operasional", key="ind_definisi", value=v("ind_definisi"), height=80)
    c1, c2 = st.columns(2)
    c1.text_area("Formula / cara menghitung", key="ind_formula", value=v("ind_formula"),
                 height=80, placeholder="Jumlah ... dibagi jumlah ... × 100%")
    c2.text_area("Sumber data", key="ind_sumber_data", value=v("ind_sumber_data"), height=80,
                 placeholder="Laporan/aplikasi dan instansi penerbitnya")
    pesan("formula", "sumber_data")
    c1, c2 = st.columns(2)
    c1.selectbox("Polaritas", list(perencanaan.LABEL_POLARITAS),
                 format_func=perencanaan.LABEL_POLARITAS.get, key="ind_polaritas")
    c2.selectbox("Unit penanggung jawab", list(u_pil), format_func=u_pil.get, key="ind_unit",
                 index=None, placeholder="Pilih unit")
    pesan("polaritas", "unit_id")
    st.caption("Angka boleh ditulis 96,47 atau 96.47. Batas atas hanya untuk polaritas rentang.")
    c1, c2, c3 = st.columns(3)
    c1.text_input("Target akhir Renstra", key="ind_akhir", value=v("ind_akhir"))
    c2.text_input("Target akhir (batas atas)", key="ind_akhir_atas", value=v("ind_akhir_atas"))
    c3.text_input("Standar nasional (opsional)", key="ind_standar", value=v("ind_standar"))
    pesan("target_akhir", "target_akhir_atas", "standar_nasional")
    st.markdown("**Target tahunan**")
    for t in tahun:
        c0, c1, c2 = st.columns([1, 2, 2])
        c0.markdown(f"Tahun {t}")
        c1.text_input(f"Target {t}", key=f"ind_t_{t}", value=v(f"ind_t_{t}"),
                      label_visibility="collapsed", placeholder="target / batas bawah")
        c2.text_input(f"Batas atas {t}", key=f"ind_ta_{t}", value=v(f"ind_ta_{t}"),
                      label_visibility="collapsed", placeholder="batas atas (rentang)")
        pesan(f"target_{t}", f"target_{t}_atas")
    if st.form_submit_button("Simpan indikator", type="primary"):
        isi = formulir.baca_indikator(tahun)
        ui.simpan("indikator",
                  lambda c: perencanaan.simpan_indikator(c, pelaku, isi, pilih),
                  "Indikator dan target disimpan.",
                  setelah=lambda iid: st.session_state.update(_ind_berikut=iid))
