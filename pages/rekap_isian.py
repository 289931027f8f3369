"""Kasubag: intake progress per unit, and verifying or returning each submission."""

import streamlit as st

from lkj_app import auth, komponen, state, ui
from lkj_core import excel, gerbang, isian, organisasi, pengaturan
from lkj_core.angka import format_nilai

pelaku = auth.halaman("rekap_isian")
ui.tampilkan_toast()
st.title("Rekap Isian Kinerja")
tahun = ui.tahun_renstra(pelaku)
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    rekap = isian.rekap(cur, pelaku, tahun)
    skala = pengaturan.skala_kategori(cur, pelaku.instansi_id)
    df = isian.daftar_isian(cur, pelaku, tahun, None, skala)
if rekap.empty:
    st.info(f"Belum ada indikator untuk tahun {tahun}.")
    st.stop()
total, selesai = int(rekap["jumlah"].sum()), int(rekap["diverifikasi"].sum())
st.progress(selesai / total, text=f"Terverifikasi {selesai} dari {total} indikator")
st.dataframe(rekap.drop(columns="unit_id").rename(columns={
    "unit": "Unit", "jumlah": "Indikator", "belum": "Belum diisi", "draft": "Draf",
    "diajukan": "Diajukan", "diverifikasi": "Terverifikasi", "dikembalikan": "Dikembalikan",
    "selesai": "Kemajuan"}), hide_index=True, width="stretch",
    column_config={"Kemajuan": st.column_config.ProgressColumn(format="percent", min_value=0,
                                                                max_value=1)})

with st.expander("Unduh format Excel per unit dan ekspor data tahun ini"):
    unit = rekap.set_index("unit_id")["unit"].to_dict()
    uid = st.selectbox("Unit", list(unit), format_func=unit.get, key="rekap_unit")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    st.download_button(
        "Unduh format isian unit ini",
        excel.buat_templat(df[df["unit_id"] == uid], tahun, unit[uid], inst["nama"]),
        file_name=f"isian-kinerja-{tahun}-{unit[uid]}.xlsx".replace(" ", "-"), mime=xlsx,
        on_click="ignore")
    # The year export carries official figures only (lkj_core.resmi): an entry not yet
    # verified shows its status and no realisasi, capaian or narrative.
    with state.db() as cur:
        narasi = isian.narasi_tahun(cur, pelaku, tahun, resmi=True)
        resmi = isian.daftar_isian(cur, pelaku, tahun, None, skala, resmi=True)
    st.caption("Ekspor tahunan memuat angka resmi saja: isian yang belum diverifikasi tampil "
               "dengan statusnya, tanpa angka.")
    st.download_button("Ekspor seluruh data tahun ini (XLSX)",
                       excel.ekspor_tahun_xlsx(resmi, tahun, inst["nama"], narasi),
                       file_name=f"data-kinerja-{tahun}.xlsx", mime=xlsx, on_click="ignore")

st.subheader("Periksa isian")
status = st.multiselect("Status", list(isian.LABEL_STATUS), default=["diajukan"],
                        format_func=isian.LABEL_STATUS.get, key="rekap_status")
pilihan = df[df["status"].isin(status)] if status else df
if pilihan.empty:
    st.info("Tidak ada isian dengan status itu.")
    st.stop()
pil = {int(r.id): f"{r.kode} — {r.nama} ({r.unit}) · {komponen.label_status(r.status)}"
       for r in pilihan.itertuples()}
ik = st.selectbox("Isian", list(pil), format_func=pil.get, key="rekap_pilih")
with state.db() as cur:
    e = isian.isian(cur, pelaku, ik, tahun)
    kurang = gerbang.kurang_isian(cur, ik, tahun)
komponen.kepala_isian(e, tahun)
if kurang and e["status"] == "diajukan":
    st.warning("Belum lengkap untuk penandatanganan laporan: " + ", ".join(kurang) + ". "
               "Sebaiknya kembalikan dengan alasan: setelah diverifikasi, isian harus dibuka "
               "kembali untuk melengkapinya.", icon=":material/rule:")
c1, c2 = st.columns([2, 1])
c1.metric("Realisasi", "n/a" if e["nilai"] is None else format_nilai(e["nilai"]))
with c2:
    komponen.capaian_langsung(e, "" if e["nilai"] is None else format_nilai(e["nilai"]), skala)
tw = [("—" if e[t] is None else format_nilai(e[t])) for t in isian.TRIWULAN]
st.caption("Triwulan I–IV: " + " · ".join(tw))
for kolom, label in isian.KOLOM_NARASI.items():
    st.markdown(f"**{label}**")
    st.markdown(ui.teks_panjang(e[kolom]))
st.subheader("Bukti dukung")
komponen.daftar_bukti(pelaku, ik, tahun, False, "rekap")
with st.expander("Riwayat isian", expanded=True):
    komponen.riwayat(pelaku, ik, tahun)

st.subheader("Tindakan")
aksi = [a for a, (asal, *_x) in isian.TRANSISI.items()
        if a != "ajukan" and e["status"] in asal]
if not aksi:
    st.caption("Tidak ada tindakan untuk status ini.")
for a in aksi:
    perlu_alasan = isian.TRANSISI[a][3]
    with st.form(f"f_{a}_{ik}"):
        alasan = st.text_area("Alasan (wajib, dibaca oleh pengisi)", key=f"alasan_{a}_{ik}") \
            if perlu_alasan else ""
        ui.pesan_kolom(f"aksi_{a}", "catatan", "status", "_")
        if st.form_submit_button(isian.LABEL_AKSI[a], type="primary" if a == "verifikasi"
                                 else "secondary"):
            ui.simpan(f"aksi_{a}", lambda c, a=a, t=alasan: isian.ubah_status(
                c, pelaku, ik, tahun, a, t), f"Isian: {isian.LABEL_AKSI[a].lower()} berhasil.")
