"""Rendering of the SOP flow (Alur SOP): one card per step, the current one highlighted, and
the action forms of the step's actor."""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from lkj_app import ui
from lkj_core import arsip, siklus, waktu_kerja
from lkj_core.peran import LABEL_PERAN, Pelaku


def _jam(x) -> str:
    return "—" if not siklus.ada(x) else f"{x:%d-%m-%Y %H:%M}"


def kartu(r, aktif: bool) -> None:
    """One step as a card: what the SOP says, and what happened."""
    with st.container(border=True):
        judul = f"**Langkah {r.no}** · {ui.esc(r.uraian)}"
        if aktif:
            judul = f":blue-background[{judul} · SEKARANG]"
        st.markdown(judul)
        c1, c2, c3 = st.columns([2, 2, 2])
        c1.caption(f"Pelaksana: **{LABEL_PERAN.get(r.pelaksana, r.pelaksana)}**  \n"
                   f"Kelengkapan: {ui.esc(r.kelengkapan)}")
        c2.caption(f"Waktu baku: **{r.waktu} {r.satuan_waktu}**  \nOutput: {ui.esc(r.output)}"
                   + (f"  \nKeterangan: {ui.esc(r.keterangan)}" if siklus.ada(r.keterangan)
                      else ""))
        status = siklus.STATUS_LANGKAH[r.status]
        if r.status == "belum":
            c3.caption(f"Status: **{status}**")
            return
        warna = "red" if r.terlambat else "green"
        c3.caption(f"Status: **{status}**  \nMulai: {_jam(r.mulai)} ({ui.esc(r.dimulai_oleh)})"
                   + (f"  \nSelesai: {_jam(r.selesai)} ({ui.esc(r.diselesaikan_oleh)})"
                      if r.status == "selesai" else ""))
        c3.markdown(f":{warna}[**{ui.esc(r.ketepatan)}**]")
        if siklus.ada(r.referensi):
            st.caption(f"Kelengkapan tercatat: {ui.esc(r.referensi)}"
                       + (f" · Catatan: {ui.esc(r.catatan)}" if siklus.ada(r.catatan) else ""))
        if siklus.ada(r.data):
            data = json.loads(r.data)
            st.caption(" · ".join(f"{_label(r.no, k)}: {ui.esc(_nilai_data(r.no, k, v))}"
                                  for k, v in data.items()))


def _nilai_data(no: int, kunci: str, v) -> str:
    """A stored step-record value as users read it (dates as dd-mm-yyyy)."""
    if isinstance(v, list):
        return ", ".join(v)
    jenis = next((f.jenis for f in siklus.ISIAN_LANGKAH.get(no, ()) if f.kunci == kunci), "")
    if jenis == "tanggal":
        return dt.date.fromisoformat(v).strftime("%d-%m-%Y")
    return str(v)


def _label(no: int, kunci: str) -> str:
    if kunci == "unit_belum_mengajukan":
        return "Unit belum mengajukan saat selesai"
    return next((f.label for f in siklus.ISIAN_LANGKAH.get(no, ()) if f.kunci == kunci), kunci)


def waktu_kejadian(key: str) -> dt.datetime:
    """Date and time of an action, default now; may be recorded afterwards, not ahead."""
    sekarang = waktu_kerja.sekarang().replace(second=0)
    c1, c2 = st.columns(2)
    d = c1.date_input("Tanggal", value=sekarang.date(), key=f"{key}_tgl", format="DD-MM-YYYY")
    t = c2.time_input("Jam", value=sekarang.time(), key=f"{key}_jam", step=300)
    return dt.datetime.combine(d, t)


def alasan_admin(pelaku: Pelaku, pelaksana: str, key: str) -> str | None:
    """Admin acting for another role must give a reason."""
    if pelaku.peran == "admin" and pelaksana != "admin":
        return st.text_input(f"Alasan admin bertindak atas nama {LABEL_PERAN[pelaksana]}",
                             key=key)
    return None


def isian_khusus(no: int, key: str) -> dict:
    """The step-specific record's widgets; returns their values."""
    data = {}
    for f in siklus.ISIAN_LANGKAH.get(no, ()):
        k = f"{key}_{f.kunci}"
        if f.jenis == "tanggal":
            data[f.kunci] = st.date_input(f.label, value=None, key=k, format="DD-MM-YYYY")
        elif f.jenis == "teks_panjang":
            data[f.kunci] = st.text_area(f.label, key=k, height=90)
        else:
            data[f.kunci] = st.text_input(f.label, key=k,
                                          placeholder="https://…" if f.jenis == "url" else "")
        ui.pesan_kolom(key, f.kunci)
    return data


def lampiran(pelaku: Pelaku, sid: int, daftar, no: int, bisa_unggah: bool,
             pelaksana: str) -> None:
    """A step's attached files (download), and the upload for the step's actor."""
    for r in daftar[daftar["no"] == no].itertuples():
        c1, c2 = st.columns([5, 1])
        c1.caption(f"Lampiran: {ui.esc(r.nama_berkas)} · {ui.esc(r.diunggah_oleh)}, "
                   f"{r.diunggah_pada:%d-%m-%Y %H:%M}")
        c2.download_button("Unduh", lambda i=int(r.id): _isi(pelaku, i),
                           file_name=r.nama_berkas, key=f"lamp_dl_{r.id}", on_click="ignore")
    if not bisa_unggah:
        return
    k = f"lamp_{sid}_{no}_{len(daftar)}"
    berkas = st.file_uploader("Lampirkan berkas kelengkapan (PDF, JPG, PNG, XLSX, DOCX; "
                              "maks. 10 MB) — atau cukup isi referensinya di bawah", key=k)
    alasan = alasan_admin(pelaku, pelaksana, k + "_alasan")
    if berkas is not None and st.button("Lampirkan", key=k + "_kirim"):
        ui.simpan("lampiran", lambda c: siklus.lampirkan(
            c, pelaku, sid, no, berkas.name, berkas.getvalue(), alasan), "Berkas dilampirkan.")
    ui.pesan_kolom("lampiran", "_", "berkas", "alasan")


def _isi(pelaku: Pelaku, lampiran_id: int) -> bytes:
    from lkj_app import state

    with state.db() as cur:
        return siklus.baca_lampiran(cur, pelaku, lampiran_id)[2]


def syarat_tandatangan(syarat, tahun: int) -> None:
    """The signing gate's open gaps, each with its unit and who must act (or that none is
    left)."""
    if not syarat:
        st.success(f"Semua syarat penandatanganan Laporan Kinerja {tahun} terpenuhi: data "
                   "terverifikasi, bukti dan narasi lengkap, reviu APIP selesai, pejabat "
                   "penandatangan tercatat.", icon=":material/verified:")
        return
    with st.expander(f"Syarat penandatanganan belum terpenuhi: {len(syarat)} kekurangan",
                     expanded=True, icon=":material/gpp_maybe:"):
        st.caption("Langkah 11 (penandatanganan) ditolak sampai daftar ini kosong.")
        st.markdown("\n".join(f"- {ui.esc(k.teks())}" for k in syarat))


def form_tandatangan(pelaku: Pelaku, sid: int, r, syarat) -> None:
    """Step 11: the Inspektur signs the report with the certificate's passphrase; the app
    checks the gate, signs the PDF and keeps the exact bytes."""
    k = f"l{r.no}"
    if syarat:
        st.warning(f"Laporan belum dapat ditandatangani: {len(syarat)} kekurangan (lihat "
                   "daftar syarat di atas).")
    with st.form(f"f_selesai_{r.no}"):
        st.markdown("**Tandatangani Laporan Kinerja (langkah 11)**")
        st.caption("Laporan disusun ulang dari data terverifikasi, ditandatangani secara "
                   "elektronik dengan sertifikat Inspektur, lalu disimpan apa adanya beserta "
                   "sidik SHA-256-nya. Setelah itu data tahun ini terkunci.")
        ref = st.text_input(siklus.label_referensi(r.no, ui.esc(r.kelengkapan)),
                            key=k + "_ref")
        ui.pesan_kolom(k, "referensi")
        data = isian_khusus(r.no, k)
        sandi = st.text_input("Kata sandi sertifikat tanda tangan elektronik", type="password",
                              key=k + "_sandi")
        ui.pesan_kolom(k, "sandi")
        catatan = st.text_area("Catatan (opsional)", key=k + "_cat", height=70)
        w = waktu_kejadian(k + "s")
        alasan = alasan_admin(pelaku, r.pelaksana, k + "s_alasan")
        ui.pesan_kolom(k, "gerbang", "waktu", "alasan", "_")
        if st.form_submit_button("Tandatangani laporan", type="primary"):
            ui.simpan(k, lambda c: arsip.tandatangani(c, pelaku, sid, ref, catatan, data,
                                                      sandi, w, alasan),
                      "Laporan ditandatangani dan diarsipkan.")
