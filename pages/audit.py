"""Admin: the audit trail of every write (who, when, table, key, old -> new)."""

import streamlit as st

from lkj_app import auth, state
from lkj_core import audit

pelaku = auth.halaman("audit")
st.title("Log Audit")
st.caption("Setiap perubahan data tercatat di sini: siapa, kapan, tabel, kunci, nilai lama "
           "dan nilai baru. Log ini tidak dapat diubah dari aplikasi.")
batas = st.selectbox("Tampilkan", [100, 500, 2000], format_func=lambda n: f"{n} baris terakhir")
with state.db() as cur:
    df = audit.daftar_audit(cur, pelaku, batas)
if df.empty:
    st.info("Belum ada catatan audit.")
    st.stop()
c1, c2 = st.columns(2)
tabel = c1.multiselect("Tabel", sorted(df["tabel"].unique()), placeholder="Semua tabel")
siapa = c2.multiselect("Pelaku", sorted(df["pelaku"].unique()), placeholder="Semua pelaku")
if tabel:
    df = df[df["tabel"].isin(tabel)]
if siapa:
    df = df[df["pelaku"].isin(siapa)]
st.dataframe(df.rename(columns={"waktu": "Waktu", "pelaku": "Pelaku", "aksi": "Aksi",
                                "tabel": "Tabel", "kunci": "Kunci", "lama": "Nilai lama",
                                "baru": "Nilai baru"}),
             hide_index=True, width="stretch",
             column_config={"Waktu": st.column_config.DatetimeColumn(format="DD-MM-YYYY HH:mm:ss")})
