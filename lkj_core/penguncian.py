"""A signed year is read-only: one check every write of a year's data calls (forms, imports,
evidence, budget, texts, targets). The signed copy itself lives in lkj_core.arsip."""

from __future__ import annotations

from lkj_core import audit
from lkj_core.angka import format_tanggal
from lkj_core.db import Con
from lkj_core.organisasi import DataTidakValid

class TahunTerkunci(DataTidakValid):
    """The year's report is signed: its data may not change until the year is reopened."""


def berlaku(con: Con, instansi_id: int, tahun: int) -> dict | None:
    """The signed copy in force for a year (without its bytes), or None when not signed."""
    return audit.baris(con, "SELECT id, instansi_id, tahun, versi, sha256, ukuran,"
                            " ditandatangani_oleh, penandatangan, sertifikat,"
                            " ditandatangani_pada, status FROM laporan_final"
                            " WHERE instansi_id = ? AND tahun = ? AND status = 'berlaku'",
                       [instansi_id, tahun])


tanggal = format_tanggal   # pages import it from here beside the signed state


def wajib_terbuka(con: Con, instansi_id: int, tahun: int) -> None:
    """Refuse any change to a year whose report is signed (TahunTerkunci, in Indonesian)."""
    a = berlaku(con, instansi_id, tahun)
    if a is not None:
        raise TahunTerkunci(
            f"Laporan Kinerja tahun {tahun} sudah ditandatangani pada "
            f"{tanggal(a['ditandatangani_pada'])} (versi {a['versi']}); datanya terkunci. "
            "Perubahan hanya dapat dilakukan setelah Inspektur membuka kembali tahun ini "
            "dengan alasan (menu Ekspor Laporan).", "tahun")
