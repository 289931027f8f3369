"""Test helper: bring the demo's reported year (2025) to a signable state through the real
workflow functions (submit, evidence, verify, reviu), as the users would."""

from __future__ import annotations

from conftest import pelaku
from lkj_core import bukti, demo, isian, reviu
from lkj_core.isian import IsianKinerja

TAHUN = demo.TAHUN_LAPORAN
SANDI = demo.SANDI_TTD_DEMO


def pdf_kecil(teks: str = "bukti") -> bytes:
    """A small real PDF (fpdf2) to upload as evidence."""
    return demo._pdf_bukti(teks)


def lengkapi_isian(con, tahun: int = TAHUN, folder=None) -> None:
    """Every entry of the year submitted with evidence and narratives, then verified."""
    kas = pelaku(con, "kasubag")
    df = isian.daftar_isian(con, kas, tahun)
    for r in df.itertuples():
        bidang = con.execute("SELECT username FROM pengguna WHERE peran = 'bidang' AND"
                             " unit_id = ? ORDER BY username LIMIT 1", [r.unit_id]).fetchone()[0]
        b = pelaku(con, bidang)
        if r.status in ("belum", "draft", "dikembalikan"):
            e = isian.isian(con, b, int(r.id), tahun)
            isi = IsianKinerja(
                nilai="1" if e["nilai"] is None else str(e["nilai"]).replace(".", ","),
                narasi={k: e.get(k) or f"Narasi {k} untuk {r.kode}." for k in isian.KOLOM_NARASI})
            isian.simpan_isian(con, b, int(r.id), tahun, isi, e["versi"])
        if bukti.daftar_bukti(con, b, int(r.id), tahun).empty and r.status != "diverifikasi":
            bukti.tambah_bukti(con, b, int(r.id), tahun, f"bukti-{r.kode}.pdf",
                               pdf_kecil(r.kode), folder)
        if r.status != "diverifikasi" and r.status != "diajukan":
            isian.ubah_status(con, b, int(r.id), tahun, "ajukan")
        if r.status != "diverifikasi":
            isian.ubah_status(con, kas, int(r.id), tahun, "verifikasi")


def selesaikan_reviu(con, tahun: int = TAHUN) -> None:
    """The demo's running reviu of the year: every item answered, findings closed, finished."""
    ketua = pelaku(con, "auditor1")
    iid = ketua.instansi_id
    rid = reviu.status(con, iid, tahun)["reviu_id"]
    for r in reviu.butir(con, ketua, rid).itertuples():
        if not isinstance(r.jawaban, str):
            reviu.isi_butir(con, ketua, rid, int(r.no), "ya", "Sesuai.", "Bukti dukung")
    for t in reviu.temuan(con, ketua, rid).itertuples():
        versi = int(t.versi)
        if t.status == "terbuka":
            versi = reviu.jawab_temuan(con, pelaku(con, "kasubag"), int(t.id), "Diperbaiki.",
                                       versi)
        if t.status != "ditutup":
            reviu.tutup_temuan(con, ketua, int(t.id), versi)
    reviu.selesaikan(con, ketua, rid, "Tidak terdapat hal yang menimbulkan perbedaan dalam "
                     "meyakini keandalan informasi laporan ini.")


def siap_ditandatangani(con, tahun: int = TAHUN, folder=None) -> None:
    """Both of the above: the signing gate of the year is then empty."""
    lengkapi_isian(con, tahun, folder)
    selesaikan_reviu(con, tahun)
