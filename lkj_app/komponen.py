"""Pieces of UI shared by the intake pages: an entry's header, evidence files, history."""

from __future__ import annotations

import streamlit as st

from lkj_app import state, ui
from lkj_core import bukti, isian
from lkj_core.angka import format_angka, format_nilai, format_persen
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.peran import Pelaku
from lkj_core.perencanaan import format_target

def label_status(status: str) -> str:
    """A status as users read it (plain text: office PCs may lack emoji fonts)."""
    return isian.LABEL_STATUS.get(status, status)


def kepala_isian(e: dict, tahun: int) -> None:
    """Target, polarity, unit, last year's realisasi and status of an entry."""
    ind = e["indikator"]
    st.markdown(f"#### {ui.esc(ind['kode'])} — {ui.esc(ind['nama'])}")
    c = st.columns([1, 1, 1, 1, 1.5])  # "Terverifikasi" needs the room
    c[0].metric(f"Target {tahun}", format_target(e["target"], e["target_atas"],
                                                   ind["polaritas"]))
    c[1].metric("Satuan", ui.esc(ind["satuan"]))  # a metric's value is markdown too
    c[2].metric("Polaritas", ind["polaritas"].capitalize())
    c[3].metric(f"Realisasi {tahun - 1}", format_nilai(e["realisasi_lalu"])
                if e["realisasi_lalu"] is not None else "n/a")
    c[4].metric("Status", label_status(e["status"]))
    if e["target"] is None:
        st.error(f"Indikator ini belum memiliki target {tahun}: capaian tidak dapat diukur. "
                 "Hubungi Kasubag Perencanaan.", icon=":material/warning:")


def capaian_langsung(e: dict, teks_realisasi: str, skala) -> None:
    """Capaian and category of what is typed now, by the same function as the report."""
    from lkj_core.angka import AngkaTidakValid, parse_angka

    try:
        r = parse_angka(teks_realisasi, boleh_kosong=True)
    except AngkaTidakValid as exc:
        st.error(ui.esc(exc))  # quotes what was typed
        return
    pol = e["indikator"]["polaritas"]
    cap = hitung_capaian(e["target"], r, pol, e["target_atas"] if pol == "rentang" else None)
    kat = kategori(cap, skala)
    st.metric("Capaian (dihitung otomatis)", format_persen(cap), help="n/a bila realisasi "
              "atau target belum ada")
    st.caption(f"Kategori: **{ui.esc(kat) if kat else 'n/a'}**")  # labels typed on Pengaturan


def daftar_bukti(pelaku: Pelaku, ik: int, tahun: int, bisa_ubah: bool, awalan: str) -> None:
    """Evidence files of an entry: download, remove (while editable), upload."""
    with state.db() as cur:
        df = bukti.daftar_bukti(cur, pelaku, ik, tahun)
    if df.empty:
        st.caption("Belum ada bukti dukung.")
    for r in df.itertuples():
        c1, c2, c3 = st.columns([5, 2, 1])
        ukuran = (f"{r.ukuran} byte" if r.ukuran < 1024 else
                  f"{format_angka(r.ukuran / 1024, 0)} KB")
        c1.markdown(f"{ui.esc(r.nama_berkas)} · {ukuran} · "
                    f"{ui.esc(r.diunggah_oleh)}, {r.diunggah_pada:%d-%m-%Y %H:%M}")
        # Bytes are read (and access re-checked) only when the button is clicked.
        c2.download_button("Unduh", lambda i=int(r.id): _isi_bukti(pelaku, i),
                           file_name=r.nama_berkas, mime=bukti.JENIS[r.jenis][0],
                           key=f"{awalan}_dl_{r.id}", on_click="ignore")
        if bisa_ubah and c3.button("Hapus", key=f"{awalan}_hapus_{r.id}"):
            ui.simpan("bukti", lambda c, i=int(r.id): bukti.hapus_bukti(c, pelaku, i),
                      "Bukti dihapus.")
    if bisa_ubah:
        berkas = st.file_uploader("Tambah bukti dukung (PDF, JPG, PNG, XLSX, DOCX; maks. 10 MB)",
                                  key=f"{awalan}_unggah_{ik}_{tahun}_{len(df)}")
        if berkas is not None and st.button("Unggah", key=f"{awalan}_kirim"):
            ui.simpan("bukti", lambda c: bukti.tambah_bukti(
                c, pelaku, ik, tahun, berkas.name, berkas.getvalue()), "Bukti diunggah.")
    ui.pesan_kolom("bukti", "_", "berkas")


def _isi_bukti(pelaku: Pelaku, bukti_id: int) -> bytes:
    with state.db() as cur:
        return bukti.baca_bukti(cur, pelaku, bukti_id)[2]


def riwayat(pelaku: Pelaku, ik: int, tahun: int) -> None:
    """The entry's workflow history (who, when, from → to, note)."""
    with state.db() as cur:
        df = isian.riwayat(cur, pelaku, ik, tahun)
    if df.empty:
        st.caption("Belum ada riwayat.")
        return
    st.dataframe(df.assign(dari=df["dari"].map(lambda s: "—" if ui.kosong(s) else label_status(s)),
                           ke=df["ke"].map(label_status), catatan=df["catatan"].fillna(""))
                 .rename(columns={"waktu": "Waktu", "pelaku": "Oleh", "dari": "Dari",
                                  "ke": "Menjadi", "catatan": "Catatan"}),
                 hide_index=True, width="stretch",
                 column_config={"Waktu": st.column_config.DatetimeColumn(
                     format="DD-MM-YYYY HH:mm")})
