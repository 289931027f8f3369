"""Every year's SOP cycle: standard vs actual time and late steps, to see whether the
process gets faster year by year."""

import streamlit as st

from lkj_app import auth, state
from lkj_core import pengaturan, siklus
from lkj_core.angka import format_nilai
from lkj_core.waktu_kerja import format_menit

pelaku = auth.halaman("riwayat_siklus")
st.title("Riwayat Siklus SOP")
with state.db() as cur:
    df = siklus.rekap_siklus(cur, pelaku.instansi_id, pengaturan.kalender(cur,
                                                                           pelaku.instansi_id))
if df.empty:
    st.info("Belum ada siklus yang pernah dibuka. Siklus dibuka oleh Inspektur di menu "
            "**Alur SOP**.")
    st.stop()
st.caption("Waktu langkah bersatuan menit dihitung dalam menit jam kerja; langkah bersatuan hari "
           "dalam hari kerja (akhir pekan, libur nasional dan cuti bersama tidak dihitung).")
st.dataframe(df.assign(
    langkah=df["selesai"].astype(str) + " / " + df["jumlah"].astype(str),
    status_laporan=df["status_laporan"].map({"draf": "Draf", "disetujui": "Disetujui"}),
    baku_menit=df["baku_menit"].map(lambda m: format_menit(int(m))),
    aktual_menit=df["aktual_menit"].map(lambda m: format_menit(int(round(m)))),
    baku_hari=df["baku_hari"].map(lambda h: f"{h} hari kerja"),
    aktual_hari=df["aktual_hari"].map(lambda h: f"{format_nilai(round(h, 2))} hari kerja"))
    [["tahun", "status_laporan", "langkah", "baku_menit", "aktual_menit", "baku_hari",
      "aktual_hari", "terlambat"]]
    .rename(columns={"tahun": "Tahun", "status_laporan": "Laporan", "langkah": "Langkah selesai",
                     "baku_menit": "Baku (menit)", "aktual_menit": "Aktual (menit)",
                     "baku_hari": "Baku (hari)", "aktual_hari": "Aktual (hari)",
                     "terlambat": "Langkah terlambat"}), hide_index=True, width="stretch")
