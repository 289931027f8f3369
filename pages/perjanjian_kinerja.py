"""The year's Perjanjian Kinerja: indicators with targets, and program/anggaran lines."""

import streamlit as st

from lkj_app import auth, state, tampilan, ui
from lkj_core import organisasi, perencanaan
from lkj_core.angka import format_isian, format_persen, format_rupiah
from lkj_core.peran import boleh

pelaku = auth.halaman("perjanjian_kinerja")
ui.tampilkan_toast()
kelola = boleh(pelaku.peran, "kelola_perencanaan")
st.title("Perjanjian Kinerja")
tahun = ui.tahun_renstra(pelaku)
with state.db() as cur:
    target = perencanaan.tabel_target(cur, pelaku.instansi_id, tahun)
    program = perencanaan.daftar_pk_program(cur, pelaku.instansi_id, tahun)
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id, hanya_aktif=True)

st.subheader(f"Sasaran, indikator dan target {tahun}")
if target.empty:
    st.info("Belum ada indikator untuk tahun ini.")
else:
    st.dataframe(tampilan.tabel_target(target), hide_index=True, width="stretch")
st.subheader(f"Program dan anggaran {tahun}")
if program.empty:
    st.info("Belum ada program/anggaran untuk tahun ini."
            + (" Tambahkan dengan formulir di bawah." if kelola else ""))
else:
    st.dataframe(tampilan.tabel_pk(program), hide_index=True, width="stretch")
    pagu, real = program["pagu"].sum(), program["realisasi"].sum(min_count=1)
    c1, c2, c3 = st.columns(3)
    c1.metric("Total pagu", format_rupiah(pagu))
    c2.metric("Total realisasi", "n/a" if ui.kosong(real) else format_rupiah(real))
    c3.metric("Serapan", "n/a" if ui.kosong(real) or not pagu else format_persen(real / pagu * 100))
if not kelola:
    st.stop()

st.subheader("Tambah atau ubah baris program")
p_pil = {0: "— Baris baru —", **{int(r.id): f"{r.kode} — {r.uraian}"
                                    for r in program.itertuples()}}
pid = st.selectbox("Baris", list(p_pil), format_func=p_pil.get, key=f"pk_pilih_{tahun}") or None
lama = program[program["id"] == pid].iloc[0] if pid is not None else None
u_pil = {0: "— tanpa unit —", **{int(r.id): r.nama for r in unit.itertuples()}}
with st.form(f"f_pk_{tahun}_{pid}"):
    ui.ringkasan_kesalahan("pk")
    kode = st.text_input("Kode", value="" if lama is None else lama.kode)
    uraian = st.text_input("Program / kegiatan", value="" if lama is None else lama.uraian)
    ui.pesan_kolom("pk", "kode", "uraian")
    u_now = (None if lama is None else ui.id_atau_none(lama.unit_id)) or 0
    unit_id = st.selectbox("Unit", list(u_pil), format_func=u_pil.get,
                           index=list(u_pil).index(u_now) if u_now in u_pil else 0) or None
    c1, c2 = st.columns(2)
    pagu_t = c1.text_input("Pagu (Rp)", value="" if lama is None else format_isian(lama.pagu))
    real_t = c2.text_input("Realisasi (Rp, boleh kosong)",
                           value="" if lama is None or ui.kosong(lama.realisasi)
                           else format_isian(lama.realisasi))
    ui.pesan_kolom("pk", "pagu", "realisasi", "unit_id")
    if st.form_submit_button("Simpan baris", type="primary"):
        ui.simpan("pk", lambda c: perencanaan.simpan_pk_program(
            c, pelaku, tahun, kode, uraian, unit_id, pagu_t, real_t, pid), "Baris disimpan.")
if pid is not None and st.button("Hapus baris ini", key="pk_hapus"):
    ui.simpan("pk", lambda c: perencanaan.hapus_pk_program(c, pelaku, pid), "Baris dihapus.")
