"""Home: who you are, the year being reported and the SOP's Peringatan about missing targets."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import organisasi, perencanaan, peringatan
from lkj_core.peran import LABEL_PERAN, boleh

pelaku = auth.halaman("beranda")
ui.tampilkan_toast()
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    tahun = inst["tahun_laporan"]
    target = perencanaan.tabel_target(cur, pelaku.instansi_id, tahun) if tahun else None
    pesan = peringatan.untuk(cur, pelaku)

st.title("Beranda")
st.markdown(f"Selamat datang, **{ui.esc(st.session_state.get('name'))}** "
            f"({LABEL_PERAN[pelaku.peran]}) — {ui.esc(inst['nama'])}, {ui.esc(inst['pemda'])}.")
if not tahun:
    st.info("Tahun laporan belum diatur. Admin dapat mengaturnya setelah Renstra diisi.")
    st.stop()
st.subheader(f"Laporan Kinerja Tahun {tahun}")
syarat = [t for _, t in pesan if t.startswith(peringatan.AWALAN_SYARAT)]
for tingkat, teks in pesan:
    if not teks.startswith(peringatan.AWALAN_SYARAT):
        {"error": st.error, "warning": st.warning, "info": st.info}[tingkat](ui.esc(teks))
if syarat:
    with st.expander(f"Laporan {tahun} belum dapat ditandatangani: {len(syarat)} kekurangan "
                     "(unit dan siapa yang harus bertindak)", expanded=True,
                     icon=":material/gpp_maybe:"):
        st.markdown("\n".join(f"- {ui.esc(t.split(' — ', 1)[1])}" for t in syarat))
        st.page_link("pages/alur_sop.py", label="Buka Alur SOP (langkah 11: penandatanganan)")
if target is None or target.empty:
    st.info(f"Belum ada indikator kinerja untuk tahun {tahun}. Mulailah dari menu "
            "**Renstra & Sasaran**, lalu **Kelola Indikator**.")
else:
    tanpa = target[~target["ada_target"]]
    c1, c2 = st.columns(2)
    c1.metric("Indikator kinerja", len(target))
    c2.metric("Tanpa target", len(tanpa))
if boleh(pelaku.peran, "lihat_siklus"):
    st.page_link("pages/alur_sop.py", label="Buka Alur SOP tahun ini",
                 icon=":material/account_tree:")
if boleh(pelaku.peran, "lihat_perencanaan"):
    st.page_link("pages/target.py", label="Lihat target kinerja per tahun", icon=":material/flag:")
st.page_link("pages/sop.py", label="Baca SOP Penyusunan Laporan Kinerja",
             icon=":material/checklist:")
