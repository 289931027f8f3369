"""Input sections for the data the full LKjIP needs beyond the measurement: comparison
figures and the SAKIP follow-up (Naskah Laporan), the Rencana Aksi (Target Kinerja), the
instansi profile and the staff composition (Pengaturan). Each reads widgets, calls lkj_core,
renders; the rules are in lkj_core."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lkj_app import state, tampilan, ui
from lkj_core import pembanding, perencanaan, profil, rencana_aksi
from lkj_core.angka import format_isian, format_nilai
from lkj_core.peran import Pelaku, boleh
from lkj_core.perencanaan import format_target


def _pesan_semua(form: str) -> None:
    """Every remembered error of a table form (they are keyed by row, not by widget)."""
    for pesan in ui.kesalahan(form).values():
        st.error(ui.esc(pesan), icon=":material/error:")


def _teks(x) -> str:
    return "" if ui.kosong(x) else str(x).strip()


# --- Naskah Laporan ---

def angka_pembanding(pelaku: Pelaku, tahun: int) -> None:
    """Figures of other governments per indicator, with their source; add, replace, delete."""
    st.subheader("Angka pembanding")
    st.caption("Capaian nasional, provinsi atau daerah lain untuk indikator yang sama, dengan "
               "sumbernya (Bab III: perbandingan dengan standar nasional). Indikator tanpa "
               "angka pembanding disebutkan apa adanya di laporan.")
    with state.db() as cur:
        df = pembanding.daftar(cur, pelaku.instansi_id, tahun)
        ind = perencanaan.tabel_target(cur, pelaku.instansi_id, tahun)
    if df.empty:
        st.info(f"Belum ada angka pembanding tahun {tahun}.")
    else:
        st.dataframe(tampilan.tabel_pembanding(df), hide_index=True, width="stretch")
    tanpa = sorted(set(ind["kode"]) - set(df["kode"]))
    if tanpa:
        st.caption(f"Tanpa angka pembanding: {ui.esc(', '.join(tanpa))}.")
    if ind.empty or not boleh(pelaku.peran, "kelola_perencanaan"):
        return
    i_pil = {int(r.id): f"{r.kode} — {r.nama}" for r in ind.itertuples()}
    if st.session_state.pop("_pb_kosongkan", False):   # after a save: an empty form
        for k in ("pb_wilayah", "pb_nilai", "pb_sumber"):
            st.session_state.pop(k, None)
    with st.form(f"f_pembanding_{tahun}"):
        ui.ringkasan_kesalahan("pembanding")
        ik = st.selectbox("Indikator", list(i_pil), format_func=i_pil.get, key="pb_indikator")
        c1, c2, c3 = st.columns([2, 2, 1])
        jenis = c1.selectbox("Jenis", list(pembanding.JENIS), format_func=pembanding.JENIS.get,
                             key="pb_jenis")
        wilayah = c2.text_input("Wilayah", key="pb_wilayah",
                                placeholder="Nasional / Provinsi Jawa Tengah / Kabupaten …")
        nilai = c3.text_input("Nilai", key="pb_nilai", placeholder="72,5")
        ui.pesan_kolom("pembanding", "jenis", "wilayah", "nilai", "tahun", "indikator_id")
        sumber = st.text_input("Sumber", key="pb_sumber",
                               placeholder="Laporan Hasil Evaluasi SAKIP KemenPANRB 2024")
        ui.pesan_kolom("pembanding", "sumber")
        st.caption("Jenis dan wilayah yang sama pada indikator yang sama menggantikan angka "
                   "yang lama.")
        if st.form_submit_button("Simpan angka pembanding"):
            ui.simpan("pembanding", lambda c: pembanding.simpan(
                c, pelaku, ik, tahun, jenis, wilayah, nilai, sumber), "Angka pembanding disimpan.",
                setelah=lambda _: st.session_state.update(_pb_kosongkan=True))
    if not df.empty:
        p_pil = {int(r.id): f"{r.kode} · {pembanding.JENIS[r.jenis]} · {r.wilayah}: "
                            f"{format_nilai(float(r.nilai))}" for r in df.itertuples()}
        with st.form(f"f_pembanding_hapus_{tahun}"):
            pid = st.selectbox("Hapus angka pembanding", list(p_pil), format_func=p_pil.get,
                               key="pb_hapus_pilih")
            ui.pesan_kolom("pembanding_hapus", "_", "tahun")
            if st.form_submit_button("Hapus"):
                ui.simpan("pembanding_hapus", lambda c: pembanding.hapus(c, pelaku, pid),
                          "Angka pembanding dihapus.")


def tindak_lanjut_evaluasi(pelaku: Pelaku, tahun: int) -> None:
    """The year's list of SAKIP evaluation recommendations and their follow-up."""
    st.subheader("Tindak lanjut hasil evaluasi SAKIP")
    st.caption(f"Rekomendasi evaluasi SAKIP terakhir dan tindak lanjutnya, dilaporkan pada "
               f"LKjIP {tahun}. Tambah baris di bagian bawah tabel; hapus baris dengan memilih "
               "barisnya lalu ikon tempat sampah.")
    with state.db() as cur:
        df = profil.tindak_lanjut_evaluasi(cur, pelaku.instansi_id, tahun)
    awal = pd.DataFrame({"Rekomendasi": df["rekomendasi"].astype(object),
                         "Tindak lanjut": df["tindak_lanjut"].astype(object),
                         "Status": df["status"].astype(object)})
    with st.form(f"f_tindak_lanjut_{tahun}"):
        ubah = st.data_editor(
            awal, num_rows="dynamic", hide_index=True, width="stretch",
            key=f"tl_editor_{tahun}", column_config={
                "Rekomendasi": st.column_config.TextColumn(width="large"),
                "Tindak lanjut": st.column_config.TextColumn(width="large"),
                "Status": st.column_config.SelectboxColumn(
                    options=list(profil.STATUS_TINDAK_LANJUT))})
        _pesan_semua("tindak_lanjut")
        if st.form_submit_button("Simpan tindak lanjut"):
            baris = [{"rekomendasi": _teks(r), "tindak_lanjut": _teks(t), "status": _teks(s)}
                     for r, t, s in zip(ubah["Rekomendasi"], ubah["Tindak lanjut"],
                                        ubah["Status"]) if _teks(r) or _teks(t) or _teks(s)]
            ui.simpan("tindak_lanjut", lambda c: profil.simpan_tindak_lanjut(
                c, pelaku, tahun, baris), "Tindak lanjut evaluasi disimpan.")


# --- Target Kinerja ---

def rencana_aksi_tahun(pelaku: Pelaku, tahun: int) -> None:
    """The year's Rencana Aksi: read by every planning reader, edited by planners."""
    st.subheader("Rencana Aksi (target per triwulan)")
    st.caption("Nilai yang direncanakan pada akhir setiap triwulan, dihitung sejak awal tahun "
               "(kumulatif s.d. triwulan): TW IV sama dengan target tahunan (indikator rentang: "
               "batas bawahnya). Realisasi triwulan diisi bidang dengan aturan yang sama.")
    with state.db() as cur:
        df = rencana_aksi.rencana_aksi(cur, pelaku.instansi_id, tahun)
    belum = df.loc[~df["ada_rencana"], "kode"].tolist()
    if belum:
        st.warning(f"{len(belum)} indikator belum memiliki rencana aksi tahun {tahun}: "
                   f"{ui.esc(', '.join(belum))}.", icon=":material/flag:")
    if not boleh(pelaku.peran, "kelola_perencanaan"):
        st.dataframe(tampilan.tabel_rencana_aksi(df), hide_index=True, width="stretch")
        return
    tw = rencana_aksi.TRIWULAN
    label = {t: f"s.d. {rencana_aksi.LABEL_TW[t]}" for t in tw}
    awal = pd.DataFrame({
        "Kode": df["kode"].astype(object), "Indikator": df["nama"].astype(object),
        "Target": [format_target(t, a, p) for t, a, p in
                   zip(df["target"], df["target_atas"], df["polaritas"])],
        **{label[t]: [format_isian(None if ui.kosong(x) else float(x)) for x in df[t]]
           for t in tw},
        "Rencana aksi": [_teks(x) for x in df["kegiatan"]],
    }, index=df["indikator_id"].astype(int).tolist())
    with st.form(f"f_rencana_aksi_{tahun}"):
        ubah = st.data_editor(
            awal, hide_index=True, width="stretch", key=f"ra_editor_{tahun}",
            disabled=["Kode", "Indikator", "Target"],
            column_config={**{label[t]: st.column_config.TextColumn() for t in tw},
                           "Rencana aksi": st.column_config.TextColumn(width="large")})
        _pesan_semua("rencana_aksi")
        if st.form_submit_button("Simpan rencana aksi"):
            baris = {int(ik): ({t: _teks(ubah.at[ik, label[t]]) for t in tw},
                               _teks(ubah.at[ik, "Rencana aksi"]))
                     for ik in ubah.index
                     if [_teks(ubah.at[ik, k]) for k in (*label.values(), "Rencana aksi")]
                     != [_teks(awal.at[ik, k]) for k in (*label.values(), "Rencana aksi")]}
            ui.simpan("rencana_aksi", lambda c: rencana_aksi.simpan_rencana_aksi_tahun(
                c, pelaku, tahun, baris), "Rencana aksi disimpan.")


# --- Pengaturan ---

def profil_instansi(pelaku: Pelaku) -> None:
    """Contact details for the letterhead and the tasks and functions for Bab I."""
    st.subheader("Profil instansi (kop surat dan Bab I)")
    with state.db() as cur:
        p = profil.profil(cur, pelaku.instansi_id)
    pesan = lambda *k: ui.pesan_kolom("profil", *k)  # noqa: E731
    with st.form("f_profil"):
        ui.ringkasan_kesalahan("profil")
        alamat = st.text_input("Alamat", value=p["alamat"], key="profil_alamat")
        c1, c2, c3 = st.columns(3)
        telepon = c1.text_input("Telepon", value=p["telepon"], key="profil_telepon")
        email = c2.text_input("Email", value=p["email"], key="profil_email")
        laman = c3.text_input("Laman", value=p["laman"], key="profil_laman")
        pesan("alamat", "telepon", "email", "laman")
        dasar = st.text_area(
            "Dasar hukum tugas dan fungsi", value=p["dasar_hukum"], height=80,
            key="profil_dasar_hukum", placeholder="Peraturan Bupati … Nomor … Tahun … tentang "
            "Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Inspektorat Daerah")
        tugas = st.text_area("Tugas", value=p["tugas"], height=80, key="profil_tugas")
        fungsi = st.text_area("Fungsi (satu butir per baris)", value="\n".join(p["fungsi"]),
                              height=160, key="profil_fungsi")
        pesan("dasar_hukum", "tugas", "fungsi")
        if st.form_submit_button("Simpan profil"):
            ui.simpan("profil", lambda c: profil.simpan_profil(
                c, pelaku, alamat=alamat, telepon=telepon, email=email, laman=laman,
                dasar_hukum=dasar, tugas=tugas, fungsi=fungsi), "Profil instansi disimpan.")


def komposisi_pegawai(pelaku: Pelaku, daftar_tahun: list[int], bawaan: int | None) -> None:
    """The year's staff by jabatan, golongan and pendidikan (one table each)."""
    st.subheader("Komposisi pegawai (Bab I)")
    tahun = ui.pilih_tahun(daftar_tahun, bawaan, key="komposisi_tahun")
    if tahun is None:
        return
    with state.db() as cur:
        df = profil.komposisi_pegawai(cur, pelaku.instansi_id, tahun)
    total = profil.total_per_dimensi(df)
    if total:
        ringkas = " · ".join(f"{profil.DIMENSI[d]} {n}" for d, n in total.items())
        if len(set(total.values())) > 1 or len(total) < len(profil.DIMENSI):
            st.warning(f"Jumlah pegawai per tabel belum sama atau belum lengkap: {ringkas}.")
        else:
            st.caption(f"Jumlah pegawai {tahun}: {next(iter(total.values()))} orang.")
    for tab, (dimensi, judul) in zip(st.tabs(list(profil.DIMENSI.values())),
                                     profil.DIMENSI.items()):
        bagian = df[df["dimensi"] == dimensi]
        awal = pd.DataFrame({"Kategori": bagian["kategori"].astype(object).tolist(),
                             "Jumlah": pd.array(bagian["jumlah"].tolist(), dtype="Int64")})
        with tab, st.form(f"f_komposisi_{tahun}_{dimensi}"):
            ubah = st.data_editor(
                awal, num_rows="dynamic", hide_index=True, key=f"komposisi_{tahun}_{dimensi}",
                column_config={"Kategori": st.column_config.TextColumn(width="large"),
                               "Jumlah": st.column_config.NumberColumn(min_value=0, step=1)})
            _pesan_semua(f"komposisi_{dimensi}")
            if st.form_submit_button(f"Simpan komposisi menurut {judul.lower()}"):
                baris = [(_teks(k), None if ui.kosong(j) else j)
                         for k, j in zip(ubah["Kategori"], ubah["Jumlah"])
                         if _teks(k) or not ui.kosong(j)]
                ui.simpan(f"komposisi_{dimensi}", lambda c, d=dimensi, b=baris:
                          profil.simpan_komposisi(c, pelaku, tahun, d, b),
                          f"Komposisi pegawai menurut {judul.lower()} disimpan.")
