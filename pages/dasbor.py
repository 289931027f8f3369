"""Dasbor: how the instansi performs this year, where it fails, and whether the report is on
time. Bidang users see their own unit; staf see the SOP progress."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import (dasbor, grafik, isian, organisasi, pengaturan, peringatan, perencanaan,
                      resmi, siklus, waktu_kerja)
from lkj_core.angka import format_persen
from lkj_core.peran import boleh

pelaku = auth.halaman("dasbor")
st.title("Dasbor Kinerja")
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    daftar_tahun = perencanaan.tahun_tersedia(cur, pelaku.instansi_id)
    skala = pengaturan.skala_kategori(cur, pelaku.instansi_id)
    kal = pengaturan.kalender(cur, pelaku.instansi_id)
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id, hanya_aktif=True)
c1, c2 = st.columns(2)
with c1:
    tahun = ui.pilih_tahun(daftar_tahun, inst["tahun_laporan"], key="dasbor_tahun")
if tahun is None:
    st.info("Belum ada Renstra dan indikator. Mulailah dari menu **Renstra & Sasaran**.")
    st.stop()
kinerja, sop_ok = dasbor.boleh_kinerja(pelaku), boleh(pelaku.peran, "lihat_siklus")
unit_id = None
if pelaku.peran == "bidang":
    c2.markdown(f"Unit: **{ui.esc(unit.set_index('id').loc[pelaku.unit_id, 'nama'])}**")
elif kinerja:
    u_pil = {0: "Semua unit", **{int(r.id): r.nama for r in unit.itertuples()}}
    unit_id = c2.selectbox("Unit", list(u_pil), format_func=u_pil.get, key="dasbor_unit") or None
proses = kinerja and st.toggle(
    "Tampilkan juga angka yang masih dalam proses (belum diverifikasi)", key="dasbor_proses",
    help="Bawaan: hanya angka resmi, yaitu realisasi yang sudah diverifikasi Kasubag. Angka "
         "dalam proses ditandai dengan statusnya dan tidak masuk laporan.")
sekarang = waktu_kerja.sekarang()
with state.db() as cur:
    pesan = peringatan.untuk(cur, pelaku, sekarang)
    sik = siklus.siklus_tahun(cur, pelaku.instansi_id, tahun)
    if kinerja:
        df = isian.daftar_isian(cur, pelaku, tahun, unit_id, skala, resmi=not proses)
        ang = dasbor.anggaran(cur, pelaku, tahun, unit_id, df)
        tren = dasbor.tren(cur, pelaku, tahun, unit_id)
        prog = dasbor.progres(cur, pelaku, tahun, unit_id, indikator_df=df)
    if sop_ok:
        gantt = dasbor.gantt(cur, pelaku, tahun, kal, sekarang)
        per_tahun = siklus.rekap_siklus(cur, pelaku.instansi_id, kal, sekarang)
        batas = peringatan.batas_laporan(cur, pelaku.instansi_id, tahun)

k = st.columns(4)
if kinerja:
    r = dasbor.ringkasan(df, ang, skala)
    k[0].metric("Indikator dengan data", f"{r['dengan_data']} / {r['jumlah']}")
    k[1].metric("Rata-rata capaian", format_persen(r["rata_capaian"]))
    k[2].metric("Serapan anggaran", format_persen(r["serapan"]))
    st.caption(" · ".join(f"{ui.esc(label)}: **{n}**" for label, n in r["per_kategori"].items()))
if sop_ok:
    aktif = siklus.langkah_aktif(gantt) if not gantt.empty else None
    k[3].metric("Langkah SOP", "belum dibuka" if sik is None else
                ("selesai" if aktif is None else f"langkah {aktif} dari {len(gantt)}"),
                help=f"Batas laporan {batas:%d-%m-%Y}: sisa "
                f"{(batas - sekarang.date()).days} hari")
with st.expander(f"Peringatan ({len(pesan)})", expanded=bool(pesan)):
    for tingkat, teks in pesan:
        {"error": st.error, "warning": st.warning, "info": st.info}[tingkat](ui.esc(teks))
    if not pesan:
        st.success("Tidak ada peringatan.")

if kinerja and not df.empty:
    if proses:
        st.warning("Menampilkan angka dalam proses: realisasi yang belum diverifikasi ikut "
                   "dihitung. Angka resmi (laporan) hanya memuat isian terverifikasi.",
                   icon=":material/pending:")
        dalam_proses = df[df["status"] != "diverifikasi"]
        if not dalam_proses.empty:
            st.dataframe(grafik.tabel_dalam_proses(dalam_proses), hide_index=True,
                         width="stretch")
    else:
        belum = resmi.hitung_belum(df)
        st.caption("Angka resmi: hanya realisasi yang sudah diverifikasi. " + " · ".join(
            f"{n} dari {len(df)} indikator {ket}" for ket, n in belum.items() if n))
if kinerja and df.empty:
    st.info(f"Belum ada indikator kinerja untuk tahun {tahun}. Tambahkan di menu **Kelola "
            "Indikator**, lalu minta bidang mengisi realisasinya.")
elif kinerja:
    if df["realisasi"].isna().all():
        st.info(f"Belum ada realisasi tahun {tahun}: grafik capaian akan terisi setelah bidang "
                "mengisi menu **Isian Kinerja**.")
    ui.grafik("Target vs realisasi", grafik.target_vs_realisasi(df),
              grafik.tabel_target_vs_realisasi(df), "target_realisasi",
              "Realisasi sebagai persen dari target (garis = target). n/a: belum ada realisasi.")
    ui.grafik("Capaian per indikator", grafik.capaian_indikator(df, skala),
              grafik.tabel_capaian_indikator(df, skala), "capaian_indikator")
    sas = dasbor.per_sasaran(df, skala)
    ui.grafik("Capaian per sasaran strategis", grafik.capaian_sasaran(sas, skala),
              grafik.tabel_capaian_sasaran(sas, skala), "capaian_sasaran")
    ui.grafik("Tren selama Renstra", grafik.tren(tren), grafik.tabel_tren(tren), "tren")
    if not ang.empty:
        ui.grafik("Anggaran: pagu, realisasi, serapan dan capaian", grafik.anggaran(ang),
                  grafik.tabel_anggaran(ang), "anggaran",
                  "Efisiensi: capaian unit dibandingkan dengan serapan anggarannya.")
    ui.grafik("Kemajuan isian per unit", grafik.progres_unit(prog),
              grafik.tabel_progres_unit(prog), "progres")
if sop_ok:
    if gantt.empty:
        st.subheader("Ketepatan waktu SOP")
        st.info(f"Siklus SOP tahun {tahun} belum dibuka (menu **Alur SOP**).")
    else:
        ui.grafik("Ketepatan waktu SOP tahun ini", grafik.gantt_sop(gantt, sekarang),
                  grafik.tabel_gantt_sop(gantt, sekarang), "gantt_sop",
                  "Abu-abu: waktu baku; warna: waktu aktual (merah = terlambat).")
    if not per_tahun.empty:
        ui.grafik("Waktu siklus per tahun", grafik.sop_per_tahun(per_tahun),
                  grafik.tabel_sop_per_tahun(per_tahun), "sop_per_tahun")
