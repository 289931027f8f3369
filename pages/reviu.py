"""Reviu LKjIP by APIP: the Pemda's reports and their reviu; for the chosen one the assignment
(Inspektur/admin), the worksheet and findings (the team), answers (Kasubag), finishing (the
ketua) and the draft PDF for the reviewers to read. Every rule is checked in lkj_core.reviu."""

import streamlit as st

from lkj_app import auth, state, ui
from lkj_core import laporan, pejabat, reviu
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak, boleh


def _teks(x):
    """A nullable text cell as str or None (DuckDB gives None, NaN or NA for NULL)."""
    return None if ui.kosong(x) else str(x)


pelaku = auth.halaman("reviu")
ui.tampilkan_toast()
st.title("Reviu LKjIP oleh APIP")
tahun = ui.tahun_renstra(pelaku, key="reviu_tahun")
apip = boleh(pelaku.peran, "tugaskan_reviu") or boleh(pelaku.peran, "kerjakan_reviu")
with state.db() as cur:
    daftar = reviu.daftar_laporan(cur, pelaku, tahun)
st.caption("Sebelum ditandatangani, Laporan Kinerja direviu oleh APIP (Perpres 29/2014): tim "
           "pereviu yang tidak ikut menyusunnya mengisi kertas kerja, menyampaikan catatan yang "
           "dijawab penyusun, lalu ketua tim menyelesaikan reviu dengan kesimpulannya.")
st.dataframe(daftar.assign(
    status=daftar["status"].str.capitalize(), ketua=daftar["ketua"].fillna("—"),
    nomor_surat_tugas=daftar["nomor_surat_tugas"].fillna("—"),
    ditandatangani=daftar["ditandatangani"].map({True: "Sudah", False: "Belum"}))[
    ["instansi", "status", "nomor_surat_tugas", "ketua", "temuan_terbuka", "ditandatangani"]]
    .rename(columns={"instansi": "Instansi", "status": "Status reviu", "nomor_surat_tugas":
                     "Surat tugas", "ketua": "Ketua tim", "temuan_terbuka":
                     "Catatan belum ditutup", "ditandatangani": "Laporan ditandatangani"}),
    hide_index=True, width="stretch")

if boleh(pelaku.peran, "tugaskan_reviu"):
    with st.expander("Daftar periksa kertas kerja (berlaku untuk penugasan berikutnya)"):
        with state.db() as cur:
            periksa = reviu.daftar_periksa(cur, pelaku.instansi_id)
        with st.form("f_daftar_periksa"):
            teks = st.text_area("Satu butir per baris", "\n".join(periksa), height=260,
                                key="reviu_daftar_periksa")
            ui.pesan_kolom("daftar_periksa", "butir", "_")
            if st.form_submit_button("Simpan daftar periksa"):
                ui.simpan("daftar_periksa", lambda c: reviu.atur_daftar_periksa(
                    c, pelaku, teks.splitlines()), "Daftar periksa disimpan.")

nama = {int(i): n for i, n in zip(daftar["instansi_id"], daftar["instansi"])}
iid = st.selectbox("Laporan yang direviu", list(nama), format_func=nama.get,
                   key="reviu_instansi")
with state.db() as cur:
    rid = reviu.status(cur, iid, tahun)["reviu_id"]

if rid is None:
    st.info(f"Belum ada reviu untuk tahun ini ({tahun}) atas laporan {ui.esc(nama[iid])}. "
            + ("Tugaskan tim reviu di bawah." if boleh(pelaku.peran, "tugaskan_reviu") else
               "Tim reviu ditugaskan oleh Inspektur."))
    if not boleh(pelaku.peran, "tugaskan_reviu"):
        st.stop()
    with state.db() as cur:
        orang = reviu.daftar_pereviu(cur, pelaku, iid, tahun)
    label = {r.username: f"{r.nama} — {r.jabatan if isinstance(r.jabatan, str) else 'Pereviu'}"
             + (" (tidak independen)" if r.tidak_independen else "") for r in orang.itertuples()}
    for alasan in orang["tidak_independen"].dropna():
        st.warning(ui.esc(alasan), icon=":material/gpp_bad:")
    with st.form(f"f_tugas_{iid}_{tahun}"):
        st.markdown("**Penugasan tim reviu**")
        ui.ringkasan_kesalahan("tugas")
        nomor = st.text_input("Nomor surat tugas", key=f"tugas_nomor_{iid}_{tahun}")
        lingkup = st.text_area("Ruang lingkup", reviu.ruang_lingkup_baku(nama[iid], tahun),
                               key=f"tugas_lingkup_{iid}_{tahun}")
        ui.pesan_kolom("tugas", "nomor_surat_tugas", "ruang_lingkup", "tahun")
        ketua = st.selectbox("Ketua tim", list(label), index=None, format_func=label.get,
                             placeholder="Pilih ketua tim", key=f"tugas_ketua_{iid}_{tahun}")
        anggota = st.multiselect("Anggota tim", list(label), format_func=label.get,
                                 key=f"tugas_anggota_{iid}_{tahun}")
        ui.pesan_kolom("tugas", "ketua", "anggota")
        if st.form_submit_button("Tugaskan tim reviu", type="primary"):
            ui.simpan("tugas", lambda c: reviu.tugaskan(c, pelaku, iid, tahun, nomor, lingkup,
                                                        ketua, anggota),
                      "Tim reviu ditugaskan.")
    st.stop()

with state.db() as cur:
    r = reviu.reviu(cur, pelaku, rid)
    tim = reviu.tim(cur, pelaku, rid)
    butir = reviu.butir(cur, pelaku, rid)
    temuan = reviu.temuan(cur, pelaku, rid)
berjalan = r["status"] == "berjalan"
saya = dict(zip(tim["username"], tim["kedudukan"])).get(pelaku.username) \
    if boleh(pelaku.peran, "kerjakan_reviu") else None
kerja = berjalan and saya is not None
menjawab = berjalan and boleh(pelaku.peran, "jawab_temuan") and \
    r["instansi_id"] == pelaku.instansi_id

st.subheader(f"Reviu laporan {ui.esc(r['instansi'])} tahun {tahun}")
st.markdown(f"**Status:** {reviu.LABEL_STATUS[r['status']]} · **Surat tugas:** "
            f"{ui.esc(r['nomor_surat_tugas'])} · ditugaskan "
            f"{laporan.format_tanggal(r['ditugaskan_pada'].date())} oleh "
            f"{ui.esc(r['ditugaskan_oleh'])}")
st.markdown(f"**Ruang lingkup:** {ui.esc(r['ruang_lingkup'])}")
st.dataframe(tim.assign(kedudukan=tim["kedudukan"].str.capitalize(),
                        nip=tim["nip"].map(pejabat.format_nip))[
    ["kedudukan", "nama", "nip", "pangkat", "jabatan"]].rename(columns={
        "kedudukan": "Kedudukan", "nama": "Nama", "nip": "NIP", "pangkat": "Pangkat/golongan",
        "jabatan": "Jabatan"}), hide_index=True, width="stretch")
if r["status"] == "selesai":
    st.success(f"Reviu selesai {laporan.format_tanggal(r['selesai_pada'].date())} oleh "
               f"{ui.esc(r['selesai_oleh'])}. Kesimpulan: {ui.esc(r['kesimpulan'])}")

if apip:
    if st.button("Siapkan PDF draf LKjIP yang direviu", key="reviu_siapkan_pdf"):
        with st.spinner("Menyusun draf laporan…"):
            try:
                with state.db() as cur:
                    data = laporan.kumpulkan_data(cur, reviu.pembaca(cur, pelaku, iid), tahun)
                st.session_state["reviu_pdf"] = (iid, tahun, laporan.buat_laporan(data))
            except (DataTidakValid, AksesDitolak) as exc:
                st.error(ui.esc(str(exc)))
    pdf = st.session_state.get("reviu_pdf")
    if pdf and pdf[:2] == (iid, tahun):
        st.download_button("Unduh PDF draf LKjIP", pdf[2], file_name=f"draf-LKjIP-{tahun}.pdf",
                           mime="application/pdf", on_click="ignore", key="reviu_unduh_pdf")

st.subheader("Kertas kerja reviu")
terjawab = int(butir["jawaban"].notna().sum())
st.progress(terjawab / max(len(butir), 1), text=f"{terjawab} dari {len(butir)} butir dijawab")
for b in butir.itertuples():
    jawab = b.jawaban if isinstance(b.jawaban, str) else None
    with st.expander(f"{b.no}. {ui.esc(b.uraian)} — "
                     f"{reviu.JAWABAN.get(jawab, 'belum dijawab')}", expanded=kerja and not jawab):
        if not kerja:
            st.markdown(f"**Catatan:** {ui.teks_panjang(_teks(b.catatan))}  \n**Bukti "
                        f"diperiksa:** {ui.teks_panjang(_teks(b.bukti_diperiksa))}")
            continue
        with st.form(f"f_butir_{rid}_{b.no}"):
            pil = st.radio("Jawaban", list(reviu.JAWABAN), format_func=reviu.JAWABAN.get,
                           index=list(reviu.JAWABAN).index(jawab) if jawab else None,
                           horizontal=True, key=f"butir_jawaban_{rid}_{b.no}")
            catatan = st.text_area("Catatan (wajib bila 'Tidak')", _teks(b.catatan) or "",
                                   key=f"butir_catatan_{rid}_{b.no}")
            bukti = st.text_input("Bukti yang diperiksa", _teks(b.bukti_diperiksa) or "",
                                  key=f"butir_bukti_{rid}_{b.no}")
            ui.pesan_kolom(f"butir_{b.no}", "jawaban", "catatan", "bukti_diperiksa", "status",
                           "_")
            if st.form_submit_button("Simpan jawaban"):
                ui.simpan(f"butir_{b.no}", lambda c, n=b.no, j=pil, k=catatan, s=bukti:
                          reviu.isi_butir(c, pelaku, rid, n, j, k, s), f"Butir {b.no} disimpan.")


def _generasi() -> int:
    return st.session_state.get("_reviu_generasi", 0)


def _generasi_baru(_hasil=None) -> None:
    st.session_state["_reviu_generasi"] = _generasi() + 1


st.subheader("Catatan reviu")
if temuan.empty:
    st.caption("Belum ada catatan reviu.")
for urut, t in enumerate(temuan.itertuples(), start=1):
    # A click reruns the script, which reads the finding afresh: the action carries the
    # version the user saw (the previous run's), and its form is drawn while either that or
    # the fresh status allows it, so a click on a finding changed meanwhile is not lost but
    # refused by lkj_core with its message.
    k = f"_temuan_dilihat_{t.id}"
    dilihat, dulu = st.session_state.get(k, (int(t.versi), t.status))
    st.session_state[k] = (int(t.versi), t.status)
    status = {dulu, t.status}
    f = f"temuan_{t.id}"
    with st.container(border=True):
        st.markdown(f"**Catatan {urut}** · {reviu.LABEL_TEMUAN[t.status]}"
                    + (f" · butir {int(t.butir_no)}" if not ui.kosong(t.butir_no) else "")
                    + f"  \n{ui.esc(t.uraian)}  \n**Rekomendasi:** "
                    f"{ui.teks_panjang(_teks(t.rekomendasi))}  \n**Jawaban penyusun:** "
                    f"{ui.teks_panjang(_teks(t.jawaban))}")
        if t.status == "terbuka" and isinstance(t.catatan_kembali, str):
            st.warning("Dikembalikan oleh tim reviu: " + ui.esc(t.catatan_kembali))
        ui.pesan_kolom(f, "versi", "status", "_")
        jawab, tindak = "terbuka" in status and menjawab, "dijawab" in status and kerja
        if not (jawab or tindak):
            ui.hapus_kesalahan(f)   # shown once: the finding has moved on
        if jawab:
            with st.form(f"f_jawab_{t.id}"):
                # The key carries a generation moved on by every saved answer: the browser
                # gets a new, empty box, so a second click cannot send the answer again.
                jwb = st.text_area("Jawaban / tindak lanjut",
                                   key=f"temuan_jawab_{t.id}_{_generasi()}")
                ui.pesan_kolom(f, "jawaban")
                if st.form_submit_button("Kirim jawaban"):
                    ui.simpan(f, lambda c, i=t.id, j=jwb, v=dilihat: reviu.jawab_temuan(
                        c, pelaku, i, j, v), "Jawaban dikirim.", _generasi_baru)
        if tindak:
            with st.form(f"f_tindak_{t.id}"):
                cat = st.text_area("Catatan bila dikembalikan", key=f"temuan_kembali_{t.id}")
                ui.pesan_kolom(f, "catatan")
                c1, c2 = st.columns(2)
                if c1.form_submit_button("Tutup catatan", type="primary"):
                    ui.simpan(f, lambda c, i=t.id, v=dilihat: reviu.tutup_temuan(
                        c, pelaku, i, v), "Catatan ditutup.")
                if c2.form_submit_button("Kembalikan ke penyusun"):
                    ui.simpan(f, lambda c, i=t.id, k=cat, v=dilihat: reviu.kembalikan_temuan(
                        c, pelaku, i, k, v), "Catatan dikembalikan.")

if kerja:
    with st.form(f"f_temuan_baru_{rid}"):
        st.markdown("**Tambah catatan reviu**")
        g = _generasi()   # new widgets after each saved finding: no double filing
        uraian = st.text_area("Uraian catatan", key=f"temuan_uraian_{g}")
        rek = st.text_area("Rekomendasi", key=f"temuan_rekomendasi_{g}")
        no = st.selectbox("Terkait butir kertas kerja", [None, *butir["no"].astype(int)],
                          format_func=lambda n: "—" if n is None else f"Butir {n}",
                          key=f"temuan_butir_{g}")
        ui.pesan_kolom("temuan_baru", "uraian", "rekomendasi", "butir_no", "status", "_")
        if st.form_submit_button("Tambah catatan"):
            ui.simpan("temuan_baru", lambda c: reviu.tambah_temuan(c, pelaku, rid, uraian, rek,
                                                                   no), "Catatan ditambahkan.",
                      _generasi_baru)
if kerja and saya == "ketua":
    with st.form(f"f_selesai_{rid}"):
        st.markdown("**Selesaikan reviu** (ketua tim)")
        simpul = st.text_area("Kesimpulan reviu", key="reviu_kesimpulan")
        ui.pesan_kolom("selesai", "kesimpulan", "status", "_")
        if st.form_submit_button("Selesaikan reviu", type="primary"):
            ui.simpan("selesai", lambda c: reviu.selesaikan(c, pelaku, rid, simpul),
                      "Reviu diselesaikan.")
