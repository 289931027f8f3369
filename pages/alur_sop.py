"""Alur SOP: the year's 13-step cycle as a vertical flow; each actor starts and finishes their
step, timed against its mutu baku in office minutes or working days."""

import streamlit as st

from lkj_app import alur, auth, state, ui
from lkj_core import arsip, gerbang, pengaturan, siklus
from lkj_core.peran import LABEL_PERAN, boleh

pelaku = auth.halaman("alur_sop")
ui.tampilkan_toast()
st.title("Alur SOP Penyusunan Laporan Kinerja")
tahun = ui.tahun_renstra(pelaku, key="alur_tahun")
with state.db() as cur:
    sik = siklus.siklus_tahun(cur, pelaku.instansi_id, tahun)
    kal = pengaturan.kalender(cur, pelaku.instansi_id)

if sik is None:
    st.info(f"Siklus penyusunan Laporan Kinerja tahun {tahun} belum dibuka. Siklus dibuka oleh "
            "Inspektur dengan disposisi (langkah 1).")
    if boleh(pelaku.peran, "buka_siklus"):
        with st.form("f_buka"):
            ref = st.text_input("Nomor dan tanggal surat disposisi", key="buka_ref")
            w = alur.waktu_kejadian("buka")
            alasan = alur.alasan_admin(pelaku, "inspektur", "buka_alasan")
            ui.pesan_kolom("buka", "tahun", "waktu", "alasan", "_")
            if st.form_submit_button("Buka siklus dan mulai disposisi", type="primary"):
                ui.simpan("buka", lambda c: siklus.buka_siklus(c, pelaku, tahun, ref, w, alasan),
                          f"Siklus {tahun} dibuka.")
    st.stop()

with state.db() as cur:
    df = siklus.langkah(cur, sik["id"], kal)
    kejadian = siklus.kejadian(cur, sik["id"])
    kurang = siklus.unit_belum_mengajukan(cur, pelaku, tahun)
    lampiran = siklus.daftar_lampiran(cur, pelaku, sik["id"])
    syarat = gerbang.kekurangan(cur, pelaku.instansi_id, tahun)
    ditandatangani = arsip.berlaku(cur, pelaku.instansi_id, tahun)
aktif = siklus.langkah_aktif(df)
selesai = int((df["status"] == "selesai").sum())
st.progress(selesai / len(df), text=f"{selesai} dari {len(df)} langkah selesai · laporan "
            f"{'DISETUJUI' if sik['status_laporan'] == 'disetujui' else 'masih draf'}")
terlambat = df[df["terlambat"].fillna(False).astype(bool)]
if len(terlambat):
    st.warning(f"{len(terlambat)} langkah melewati waktu baku: "
               + ", ".join(f"langkah {n}" for n in terlambat["no"]), icon=":material/timer:")

if pelaku.peran in ("inspektur", "kasubag", "admin") and not ditandatangani:
    alur.syarat_tandatangan(syarat, tahun)

for r in df.itertuples():
    alur.kartu(r, r.no == aktif)
    bertindak = r.no == aktif and pelaku.peran in (r.pelaksana, "admin")
    alur.lampiran(pelaku, sik["id"], lampiran, r.no, bertindak and r.status == "berjalan",
                  r.pelaksana)
    if bertindak:
        with st.container(border=True):
            k = f"l{r.no}"
            if r.status == "belum":
                with st.form(f"f_mulai_{r.no}"):
                    st.markdown(f"**Mulai langkah {r.no}**")
                    w = alur.waktu_kejadian(k + "m")
                    alasan = alur.alasan_admin(pelaku, r.pelaksana, k + "m_alasan")
                    ui.pesan_kolom(k, "waktu", "alasan", "_")
                    if st.form_submit_button("Mulai", type="primary"):
                        ui.simpan(k, lambda c: siklus.mulai_langkah(c, pelaku, sik["id"], r.no,
                                                                    w, alasan),
                                  f"Langkah {r.no} dimulai.")
            elif r.no == siklus.LANGKAH_TANDATANGAN:
                alur.form_tandatangan(pelaku, sik["id"], r, syarat)
            else:
                if r.no == siklus.LANGKAH_PENGHIMPUNAN:
                    if kurang:
                        st.warning("Unit yang belum mengajukan isian: "
                                   + ", ".join(ui.esc(u) for u in kurang))
                    else:
                        st.success("Semua unit sudah mengajukan isiannya.")
                    st.page_link("pages/rekap_isian.py", label="Buka Rekap Isian")
                with st.form(f"f_selesai_{r.no}"):
                    st.markdown(f"**Selesaikan langkah {r.no}**")
                    ref = st.text_input(siklus.label_referensi(r.no, ui.esc(r.kelengkapan)),
                                        key=k + "_ref")
                    ui.pesan_kolom(k, "referensi")
                    data = alur.isian_khusus(r.no, k)
                    catatan = st.text_area("Catatan (opsional)", key=k + "_cat", height=70)
                    tetap = st.checkbox("Tetap selesaikan walau ada unit yang belum mengajukan",
                                        key=k + "_tetap") if r.no == siklus.LANGKAH_PENGHIMPUNAN \
                        and kurang else False
                    w = alur.waktu_kejadian(k + "s")
                    alasan = alur.alasan_admin(pelaku, r.pelaksana, k + "s_alasan")
                    ui.pesan_kolom(k, "unit_belum", "waktu", "alasan", "_")
                    if st.form_submit_button("Selesai", type="primary"):
                        ui.simpan(k, lambda c: siklus.selesaikan_langkah(
                            c, pelaku, sik["id"], r.no, ref, catatan, data, w, alasan, tetap),
                            f"Langkah {r.no} selesai.")
    elif r.no == aktif:
        st.caption(f"Menunggu {LABEL_PERAN[r.pelaksana]}.")

terakhir = df[df["status"] == "selesai"]["no"].max() if selesai else None
if terakhir and terakhir != siklus.LANGKAH_TANDATANGAN and boleh(pelaku.peran, "batal_langkah") and (aktif is None or
                                                          df.loc[aktif - 1, "status"] == "belum"):
    with st.expander(f"Batalkan selesainya langkah {terakhir}"), st.form("f_batal"):
        alasan = st.text_input("Alasan pembatalan (wajib)", key="batal_alasan")
        ui.pesan_kolom("batal", "alasan", "_")
        if st.form_submit_button("Batalkan selesai"):
            ui.simpan("batal", lambda c: siklus.batalkan_selesai(c, pelaku, sik["id"],
                                                                 int(terakhir), alasan),
                      f"Langkah {terakhir} dibuka kembali.")
with st.expander("Catatan kejadian siklus"):
    st.dataframe(kejadian, hide_index=True, width="stretch")
