"""Admin: users (create, edit role and unit, deactivate, reset password) and units."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import organisasi, pengguna
from lkj_core.peran import LABEL_PERAN, PERAN

pelaku = auth.halaman("pengguna")
ui.tampilkan_toast()
st.title("Pengguna & Unit Kerja")
with state.db() as cur:
    users = pengguna.daftar_pengguna(cur, pelaku)
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id)
u_pil = {0: "— tanpa unit —", **{int(r.id): r.nama for r in unit.itertuples() if r.aktif}}
tab_p, tab_u = st.tabs(["Pengguna", "Unit kerja"])

with tab_p:
    st.dataframe(users.assign(peran=users["peran"].map(LABEL_PERAN),
                              aktif=users["aktif"].map({True: "Aktif", False: "Nonaktif"}),
                              unit=users["unit"].fillna("-"), nip=users["nip"].fillna("-"))
                 [["username", "nama", "nip", "peran", "unit", "aktif"]]
                 .rename(columns={"username": "Nama pengguna", "nama": "Nama", "nip": "NIP",
                                  "peran": "Peran", "unit": "Unit", "aktif": "Status"}),
                 hide_index=True, width="stretch")
    with st.expander("Tambah pengguna"), st.form("f_user_baru"):
        ui.ringkasan_kesalahan("user_baru")
        c1, c2 = st.columns(2)
        username = c1.text_input("Nama pengguna (untuk masuk)", key="ub_username")
        nama = c2.text_input("Nama lengkap", key="ub_nama")
        ui.pesan_kolom("user_baru", "username", "nama")
        c1, c2, c3 = st.columns(3)
        peran = c1.selectbox("Peran", PERAN, format_func=LABEL_PERAN.get, key="ub_peran")
        unit_id = c2.selectbox("Unit kerja", list(u_pil), format_func=u_pil.get, key="ub_unit") or None
        nip = c3.text_input("NIP (18 angka; wajib untuk pereviu)", key="ub_nip")
        c1, c2 = st.columns(2)
        pangkat = c1.text_input("Pangkat/golongan (untuk blok tanda tangan)", key="ub_pangkat")
        jabatan = c2.text_input("Jabatan (mis. Auditor Ahli Madya)", key="ub_jabatan")
        ui.pesan_kolom("user_baru", "nip")
        sandi = st.text_input("Kata sandi awal (min. 8 karakter)", type="password", key="ub_sandi")
        ui.pesan_kolom("user_baru", "peran", "unit", "sandi")
        if st.form_submit_button("Buat pengguna", type="primary"):
            ui.simpan("user_baru", lambda c: pengguna.buat_pengguna(
                c, pelaku, pelaku.instansi_id, username, nama, peran, sandi, unit_id, nip,
                pangkat, jabatan),
                "Pengguna dibuat.")

    p_pil = {int(r.id): f"{r.username} — {r.nama}" for r in users.itertuples()}
    pid = st.selectbox("Ubah pengguna", list(p_pil), format_func=p_pil.get, key="ue_pilih")
    lama = users[users["id"] == pid].iloc[0]
    with st.form(f"f_user_{pid}"):
        ui.ringkasan_kesalahan("user_ubah")
        nama_e = st.text_input("Nama lengkap", value=lama.nama)
        c1, c2, c3 = st.columns(3)
        peran_e = c1.selectbox("Peran", PERAN, index=PERAN.index(lama.peran),
                               format_func=LABEL_PERAN.get)
        u_now = ui.id_atau_none(lama.unit_id) or 0
        unit_e = c2.selectbox("Unit kerja", list(u_pil), format_func=u_pil.get,
                              index=list(u_pil).index(u_now) if u_now in u_pil else 0) or None
        nip_e = c3.text_input("NIP", value="" if ui.kosong(lama.nip) else lama.nip)
        c1, c2 = st.columns(2)
        pangkat_e = c1.text_input("Pangkat/golongan",
                                  value="" if ui.kosong(lama.pangkat) else lama.pangkat)
        jabatan_e = c2.text_input("Jabatan",
                                  value="" if ui.kosong(lama.jabatan) else lama.jabatan)
        ui.pesan_kolom("user_ubah", "nama", "peran", "unit", "nip")
        if st.form_submit_button("Simpan perubahan"):
            ui.simpan("user_ubah", lambda c: pengguna.ubah_pengguna(
                c, pelaku, pid, nama_e, peran_e, unit_e, nip_e, pangkat_e, jabatan_e),
                "Perubahan disimpan.")
    c1, c2 = st.columns(2)
    with c1.form(f"f_reset_{pid}", clear_on_submit=True):
        baru = st.text_input("Kata sandi baru", type="password")
        ui.pesan_kolom("reset", "sandi", "_")
        if st.form_submit_button("Atur ulang kata sandi"):
            ui.simpan("reset", lambda c: pengguna.reset_sandi(c, pelaku, pid, baru),
                      "Kata sandi diatur ulang; sesi lama pengguna itu berakhir.")
    label = "Nonaktifkan akun" if lama.aktif else "Aktifkan kembali"
    if c2.button(label, key=f"aktif_{pid}"):
        ui.simpan("aktif", lambda c: pengguna.atur_aktif(c, pelaku, pid, not lama.aktif),
                  "Status akun diubah.")
    ui.pesan_kolom("aktif", "_")

with tab_u:
    st.dataframe(unit.assign(aktif=unit["aktif"].map({True: "Aktif", False: "Nonaktif"}))
                 [["kode", "nama", "aktif"]].rename(
                     columns={"kode": "Kode", "nama": "Nama unit", "aktif": "Status"}),
                 hide_index=True, width="stretch")
    with st.form("f_unit_baru"):
        ui.ringkasan_kesalahan("unit")
        c1, c2 = st.columns([1, 3])
        kode = c1.text_input("Kode unit", key="un_kode", placeholder="IRBAN5")
        nama_u = c2.text_input("Nama unit", key="un_nama")
        ui.pesan_kolom("unit", "kode", "nama")
        if st.form_submit_button("Tambah unit"):
            ui.simpan("unit", lambda c: organisasi.buat_unit(c, pelaku, kode, nama_u),
                      "Unit ditambahkan.")
    if not unit.empty:
        un_pil = {int(r.id): f"{r.kode} — {r.nama}" for r in unit.itertuples()}
        uid = st.selectbox("Ubah unit", list(un_pil), format_func=un_pil.get, key="ue_unit")
        lama_u = unit[unit["id"] == uid].iloc[0]
        with st.form(f"f_unit_{uid}"):
            nama_ue = st.text_input("Nama unit", value=lama_u.nama)
            aktif_ue = st.checkbox("Aktif", value=bool(lama_u.aktif))
            ui.pesan_kolom("unit_ubah", "nama", "_")
            if st.form_submit_button("Simpan unit"):
                ui.simpan("unit_ubah", lambda c: organisasi.ubah_unit(
                    c, pelaku, uid, nama_ue, aktif_ue), "Unit disimpan.")
