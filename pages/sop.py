"""The SOP Penyusunan Laporan Kinerja: the revision in force (or any past one) and its steps."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import sop
from lkj_core.peran import LABEL_PERAN, PERAN, boleh

pelaku = auth.halaman("sop")
ui.tampilkan_toast()
st.title("SOP Penyusunan Laporan Kinerja")
with state.db() as cur:
    revisi = sop.daftar_revisi(cur, pelaku.instansi_id)
    if revisi.empty:
        st.info("Belum ada SOP yang tercatat. Admin dapat memuatnya dengan "
                "`python -m lkj_core seed-demo` pada basis data baru.")
        st.stop()
    berlaku = sop.revisi_berlaku(cur, pelaku.instansi_id)
    r_pil = {int(r.id): f"Revisi {r.nomor} — berlaku mulai {r.berlaku_mulai:%d-%m-%Y}"
             + (" (berlaku sekarang)" if berlaku and r.id == berlaku["id"] else "")
             for r in revisi.itertuples()}
    rid = st.selectbox("Revisi SOP", list(r_pil), format_func=r_pil.get, key="sop_revisi")
    info = sop.revisi(cur, pelaku.instansi_id, rid)["info"]
    langkah = sop.langkah_revisi(cur, rid)

menit, hari = sop.total_waktu_baku(langkah)
c1, c2, c3 = st.columns(3)
c1.metric("Jumlah langkah", len(langkah))
c2.metric("Waktu baku (menit)", f"{menit:,}".replace(",", "."))
c3.metric("Waktu baku (hari kerja)", hari)
# A static table wraps the long step texts, so every word of the SOP stays readable. Its
# cells are markdown: the texts typed into a revision are escaped.
teks_sop = {k: langkah[k].fillna("").map(ui.esc) for k in ("uraian", "kelengkapan", "output",
                                                           "keterangan")}
st.table(
    langkah.assign(
        pelaksana=langkah["pelaksana"].map(lambda p: LABEL_PERAN.get(p, p)),
        waktu=langkah["waktu"].astype(str) + " " + langkah["satuan_waktu"],
        **teks_sop).drop(columns="satuan_waktu")
    .rename(columns={"no": "No", "uraian": "Uraian Kegiatan", "pelaksana": "Pelaksana",
                     "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output",
                     "keterangan": "Keterangan"}))
with st.expander("Dasar hukum, kualifikasi pelaksana, keterkaitan, peringatan", expanded=False):
    for judul, kunci in (("Dasar hukum", "dasar_hukum"), ("Kualifikasi pelaksana",
                         "kualifikasi_pelaksana"), ("Keterkaitan", "keterkaitan"),
                         ("Peralatan / perlengkapan", "peralatan"),
                         ("Pencatatan dan pendataan", "pencatatan")):
        st.markdown(f"**{judul}**")
        st.markdown("\n".join(f"1. {ui.esc(x)}" for x in info.get(kunci, [])))
    st.warning(f"**Peringatan:** {ui.esc(info.get('peringatan', '-'))}")

if boleh(pelaku.peran, "kelola_sop"):
    st.subheader("Buat revisi SOP baru")
    st.caption("Ubah langkah di tabel (tambah/hapus baris bila perlu), lalu simpan sebagai revisi "
               "baru. Siklus yang sedang berjalan tetap memakai langkah revisi lamanya.")
    with st.form("f_revisi"):
        judul = st.text_input("Judul revisi", value="SOP Penyusunan Laporan Kinerja",
                              key="rev_judul")
        mulai = st.date_input("Berlaku mulai", value=None, key="rev_mulai", format="DD-MM-YYYY")
        edit = st.data_editor(
            langkah.drop(columns="no").assign(keterangan=langkah["keterangan"].fillna("")),
            num_rows="dynamic", hide_index=True, key="rev_editor", column_config={
                "uraian": st.column_config.TextColumn("Uraian kegiatan", required=True),
                "pelaksana": st.column_config.SelectboxColumn("Pelaksana", options=list(PERAN),
                                                              required=True),
                "kelengkapan": st.column_config.TextColumn("Kelengkapan"),
                "waktu": st.column_config.NumberColumn("Waktu", min_value=1, step=1,
                                                       required=True),
                "satuan_waktu": st.column_config.SelectboxColumn(
                    "Satuan", options=["menit", "hari"], required=True),
                "output": st.column_config.TextColumn("Output"),
                "keterangan": st.column_config.TextColumn("Keterangan")})
        ui.pesan_kolom("revisi", "judul", "berlaku_mulai", "waktu", "pelaksana", "uraian", "_")
        if st.form_submit_button("Simpan sebagai revisi baru", type="primary"):
            baris = edit.fillna("").to_dict("records")
            ui.simpan("revisi", lambda c: sop.simpan_revisi(c, pelaku, judul, mulai, baris, info),
                      "Revisi SOP baru disimpan.")
