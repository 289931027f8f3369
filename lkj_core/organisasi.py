"""Instansi (perangkat daerah) and their units (unit kerja)."""

from __future__ import annotations

from lkj_core import audit
from lkj_core.db import Con, transaksi
from lkj_core.peran import Pelaku, wajib


class DataTidakValid(ValueError):
    """User input that breaks rules; Indonesian messages keyed by the field they belong to."""

    def __init__(self, pesan: str | None = None, kolom: str | None = None,
                 kesalahan: dict[str, str] | None = None):
        self.kesalahan = dict(kesalahan or {})
        if pesan is not None:
            self.kesalahan.setdefault(kolom or "_", pesan)
        super().__init__(" ".join(self.kesalahan.values()))
        self.kolom = kolom or next(iter(self.kesalahan), None)


def teks_wajib(nilai: str | None, label: str, kolom: str, maks: int = 500) -> str:
    """Stripped text, or DataTidakValid when empty or too long."""
    teks = (nilai or "").strip()
    if not teks:
        raise DataTidakValid(f"{label} wajib diisi.", kolom)
    if len(teks) > maks:
        raise DataTidakValid(f"{label} terlalu panjang (maksimal {maks} karakter).", kolom)
    return teks


def buat_instansi(con: Con, pelaku: str, kode: str, nama: str, pemda: str,
                  demo: bool = False, tahun_laporan: int | None = None) -> int:
    """Create an instansi; returns its id. Used by set-up commands, not by the pages."""
    with transaksi(con):
        iid = con.execute(
            "INSERT INTO instansi (kode, nama, pemda, demo, tahun_laporan)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [kode, nama, pemda, demo, tahun_laporan],
        ).fetchone()[0]
        audit.catat(con, pelaku, iid, "tambah", "instansi", iid, None,
                    {"kode": kode, "nama": nama, "pemda": pemda, "demo": demo})
    return iid


def instansi(con: Con, instansi_id: int) -> dict | None:
    """One instansi as a dict."""
    return audit.baris(con, "SELECT * FROM instansi WHERE id = ?", [instansi_id])


def jumlah_instansi(con: Con) -> int:
    """How many instansi the database holds (0 means a brand-new database)."""
    return con.execute("SELECT count(*) FROM instansi").fetchone()[0]


def daftar_unit(con: Con, instansi_id: int, hanya_aktif: bool = False):
    """Units of an instansi as a DataFrame, ordered by code."""
    return con.execute(
        "SELECT id, kode, nama, aktif FROM unit_kerja WHERE instansi_id = ?"
        " AND (aktif OR NOT ?) ORDER BY kode",
        [instansi_id, hanya_aktif],
    ).df()


def buat_unit(con: Con, pelaku: Pelaku, kode: str, nama: str) -> int:
    """Create a unit in the actor's instansi; returns its id."""
    wajib(pelaku, "kelola_pengguna")
    kode = teks_wajib(kode, "Kode unit", "kode", 20).upper()
    nama = teks_wajib(nama, "Nama unit", "nama", 200)
    dup = con.execute(
        "SELECT 1 FROM unit_kerja WHERE instansi_id = ? AND (kode = ? OR lower(nama) = lower(?))",
        [pelaku.instansi_id, kode, nama],
    ).fetchone()
    if dup:
        raise DataTidakValid("Kode atau nama unit sudah dipakai.", "kode")
    with transaksi(con):
        uid = con.execute(
            "INSERT INTO unit_kerja (instansi_id, kode, nama) VALUES (?, ?, ?) RETURNING id",
            [pelaku.instansi_id, kode, nama],
        ).fetchone()[0]
        audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah", "unit_kerja", uid,
                    None, {"kode": kode, "nama": nama})
    return uid


def ubah_unit(con: Con, pelaku: Pelaku, unit_id: int, nama: str, aktif: bool) -> None:
    """Rename or (de)activate a unit of the actor's instansi."""
    wajib(pelaku, "kelola_pengguna")
    nama = teks_wajib(nama, "Nama unit", "nama", 200)
    lama = audit.baris(con, "SELECT * FROM unit_kerja WHERE id = ? AND instansi_id = ?",
                       [unit_id, pelaku.instansi_id])
    if lama is None:
        raise DataTidakValid("Unit tidak ditemukan.")
    with transaksi(con):
        con.execute("UPDATE unit_kerja SET nama = ?, aktif = ? WHERE id = ?",
                    [nama, aktif, unit_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "unit_kerja", unit_id,
                    lama, {**lama, "nama": nama, "aktif": aktif})
