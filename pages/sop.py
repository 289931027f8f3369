"""The SOP Penyusunan Laporan Kinerja: the revision in force (or any past one) and its steps."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import sop
from lkj_core.peran import LABEL_PERAN

pelaku = auth.halaman("sop")
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
# A static table wraps the long step texts, so every word of the SOP stays readable.
st.table(
    langkah.assign(
        pelaksana=langkah["pelaksana"].map(lambda p: LABEL_PERAN.get(p, p)),
        waktu=langkah["waktu"].astype(str) + " " + langkah["satuan_waktu"],
        keterangan=langkah["keterangan"].fillna("")).drop(columns="satuan_waktu")
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
