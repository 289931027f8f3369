"""Bidang users fill their unit's indicators for the year being reported: realisasi,
triwulan values, Bab III narratives and evidence; save as draft, then submit (ajukan)."""

import streamlit as st

from lkj_app import auth, formulir, komponen, state, ui
from lkj_core import gerbang, isian, organisasi, pengaturan
from lkj_core.angka import format_nilai, format_persen

pelaku = auth.halaman("isian_kinerja")
ui.tampilkan_toast()
st.title("Isian Kinerja")
with state.db() as cur:
    inst = organisasi.instansi(cur, pelaku.instansi_id)
    tahun = inst["tahun_laporan"]
    skala = pengaturan.skala_kategori(cur, pelaku.instansi_id)
    unit = organisasi.daftar_unit(cur, pelaku.instansi_id, hanya_aktif=True)
if not tahun:
    st.info("Tahun laporan belum diatur oleh admin.")
    st.stop()
unit_id = pelaku.unit_id
if pelaku.peran != "bidang":  # admin may fill in for a unit
    u_pil = {int(r.id): r.nama for r in unit.itertuples()}
    unit_id = st.selectbox("Unit", list(u_pil), format_func=u_pil.get, key="isi_unit")
with state.db() as cur:
    df = isian.daftar_isian(cur, pelaku, tahun, unit_id, skala)
st.caption(f"Tahun laporan {tahun}. Isi realisasi dan narasi tiap indikator, simpan sebagai "
           "draf kapan saja, lalu **Ajukan** bila sudah lengkap.")
if df.empty:
    st.info("Unit ini belum memiliki indikator kinerja pada tahun laporan.")
    st.stop()
st.dataframe(df.assign(
    realisasi=df["realisasi"].map(lambda x: "n/a" if ui.kosong(x) else format_nilai(x)),
    capaian=df["capaian"].map(lambda x: "n/a" if ui.kosong(x) else format_persen(x)),
    kategori=df["kategori"].fillna("n/a"), status=df["status"].map(komponen.label_status))
    [["kode", "nama", "realisasi", "capaian", "kategori", "status"]]
    .rename(columns={"kode": "Kode", "nama": "Indikator Kinerja", "realisasi": "Realisasi",
                     "capaian": "Capaian", "kategori": "Kategori", "status": "Status"}),
    hide_index=True, width="stretch")

pil = {int(r.id): f"{r.kode} — {r.nama}" for r in df.itertuples()}
ik = st.selectbox("Indikator yang diisi", list(pil), format_func=pil.get, key="isi_pilih")
with state.db() as cur:
    e = isian.isian(cur, pelaku, ik, tahun)
    alasan = isian.alasan_terakhir(cur, ik, tahun) if e["status"] == "dikembalikan" else None
if formulir.perlu_isi(ik):
    formulir.isi_isian(e, ik)
bisa = e["status"] in isian.BISA_DIUBAH
komponen.kepala_isian(e, tahun)
if alasan:
    st.warning(f"**Dikembalikan oleh Kasubag:** {ui.esc(alasan)}", icon=":material/undo:")
if not bisa:
    st.info("Isian ini sudah diajukan atau terverifikasi dan terkunci. Hubungi Kasubag bila "
            "perlu diubah.")

ui.ringkasan_kesalahan("isian")
k = lambda kolom: formulir.kunci(ik, kolom)  # noqa: E731
c1, c2 = st.columns([2, 1])
c1.text_input(f"Realisasi {tahun} ({ui.esc(e['indikator']['satuan'])})", key=k("nilai"),
              value=formulir.awal(ik, "nilai"), disabled=not bisa, placeholder="mis. 87,5")
ui.pesan_kolom("isian", "nilai")
with c2:
    komponen.capaian_langsung(e, st.session_state.get(k("nilai"), ""), skala)
cols = st.columns(4)
for i, t in enumerate(isian.TRIWULAN):
    cols[i].text_input(f"TW {i + 1} (opsional)", key=k(t), value=formulir.awal(ik, t),
                       disabled=not bisa)
ui.pesan_kolom("isian", *isian.TRIWULAN)
for kolom, label in isian.KOLOM_NARASI.items():
    st.text_area(label + (" *" if kolom == "analisis_penyebab" else ""), key=k(kolom),
                 value=formulir.awal(ik, kolom), disabled=not bisa, height=90,
                 help="Wajib ada sebelum laporan ditandatangani (Bab III poin 5–7)."
                 if kolom in gerbang.NARASI_WAJIB else None)
    ui.pesan_kolom("isian", kolom)
st.caption("Isian bertanda \\* wajib diisi sebelum diajukan. Sebelum laporan ditandatangani, "
           "setiap indikator juga wajib memiliki bukti dukung serta narasi analisis penyebab, "
           "solusi, efisiensi dan program pendukung — lengkapi sekarang agar isian tidak perlu "
           "dibuka kembali.")
formulir.simpan_salinan(ik)
if bisa:
    b1, b2, b3 = st.columns([1, 1, 3])
    if b1.button("Simpan draf", type="primary", key="isi_simpan"):
        isi = formulir.baca_isian(ik)
        ui.simpan("isian", lambda c: isian.simpan_isian(c, pelaku, ik, tahun, isi,
                                                        formulir.versi_isian(ik)),
                  "Draf disimpan.", setelah=lambda _: formulir.lupakan_isian(ik))
    if b2.button("Simpan & ajukan", key="isi_ajukan",
                 help="Setelah diajukan, isian terkunci sampai Kasubag memeriksanya"):
        isi = formulir.baca_isian(ik)
        ui.simpan("isian", lambda c: isian.simpan_isian(c, pelaku, ik, tahun, isi,
                                                        formulir.versi_isian(ik), ajukan=True),
                  "Isian diajukan ke Kasubag.", setelah=lambda _: formulir.lupakan_isian(ik))
    if "_" in ui.kesalahan("isian") and b3.button("Muat versi terbaru (isian Anda dibuang)"):
        formulir.lupakan_isian(ik)
        ui.hapus_kesalahan("isian")
        st.rerun()

st.subheader("Bukti dukung")
komponen.daftar_bukti(pelaku, ik, tahun, bisa, "isi")
with st.expander("Riwayat isian"):
    komponen.riwayat(pelaku, ik, tahun)
