"""The report's editable texts per year, the signer (Inspektur's name and NIP) and the logo."""

from __future__ import annotations

import base64
import json

from lkj_core import audit, penguncian
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib

# key -> (label, hint); an empty text means "let the app write it from the data".
BAGIAN = {
    "kata_pengantar": ("Kata Pengantar", "Pengantar dari Inspektur."),
    "ikhtisar": ("Ikhtisar Eksekutif", "Kosongkan agar ringkasan dibuat otomatis dari data."),
    "tugas_fungsi": ("Bab I — A. Tugas dan fungsi", "Tugas pokok dan fungsi Inspektorat."),
    "struktur_organisasi": ("Bab I — B. Struktur organisasi", "Susunan organisasi."),
    "sumber_daya": ("Bab I — C. Sumber daya", "Pegawai, jabatan fungsional, sarana."),
    "isu_strategis": ("Bab I — D. Isu strategis", "Isu strategis yang dihadapi."),
    "penutup": ("Bab IV — Penutup", "Kesimpulan dan langkah ke depan; poin-poin kunci "
                "ditambahkan otomatis."),
}
PANJANG_MAKS = 20_000
LOGO_MAKS = 1024 * 1024


def naskah(con: Con, instansi_id: int, tahun: int) -> dict[str, str]:
    """The stored texts of a year (missing keys: not written yet)."""
    rows = con.execute("SELECT kunci, teks FROM naskah_laporan WHERE instansi_id = ? AND"
                       " tahun = ?", [instansi_id, tahun]).fetchall()
    return dict(rows)


def simpan_naskah(con: Con, pelaku: Pelaku, tahun: int, kunci: str, teks: str) -> None:
    """Store (or, when emptied, remove) one text of the year's report."""
    wajib(pelaku, "kelola_naskah")
    if kunci not in BAGIAN:
        raise DataTidakValid("Bagian naskah tidak dikenal.")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    teks = (teks or "").strip()
    if len(teks) > PANJANG_MAKS:
        raise DataTidakValid(f"Teks terlalu panjang (maksimal {PANJANG_MAKS} karakter).", kunci)
    lama = naskah(con, pelaku.instansi_id, tahun).get(kunci)
    if lama == (teks or None):
        return
    with transaksi(con):
        con.execute("DELETE FROM naskah_laporan WHERE instansi_id = ? AND tahun = ? AND"
                    " kunci = ?", [pelaku.instansi_id, tahun, kunci])
        if teks:
            con.execute("INSERT INTO naskah_laporan (instansi_id, tahun, kunci, teks,"
                        " diubah_oleh) VALUES (?, ?, ?, ?, ?)",
                        [pelaku.instansi_id, tahun, kunci, teks, pelaku.username])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "naskah_laporan",
                    f"{tahun}/{kunci}", {"teks": lama}, {"teks": teks or None})


def _pengaturan(con: Con, instansi_id: int, kunci: str):
    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci = ?",
                      [instansi_id, kunci]).fetchone()
    return json.loads(row[0]) if row else None


def _atur(con: Con, pelaku: Pelaku, kunci: str, nilai, jejak) -> None:
    with transaksi(con):
        con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, ?)",
                    [pelaku.instansi_id, kunci, json.dumps(nilai, ensure_ascii=False)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan", kunci,
                    None, jejak)


def penandatangan(con: Con, instansi_id: int) -> dict:
    """The Inspektur who signs: {'nama': ..., 'nip': ...} (empty strings when not set)."""
    return _pengaturan(con, instansi_id, "penandatangan") or {"nama": "", "nip": ""}


def atur_penandatangan(con: Con, pelaku: Pelaku, nama: str, nip: str) -> None:
    """Set the signer's name and NIP (NIP: 18 digits, spaces allowed)."""
    wajib(pelaku, "kelola_pengaturan")
    nama, nip = (nama or "").strip(), (nip or "").replace(" ", "")
    if not nama:
        raise DataTidakValid("Nama penandatangan wajib diisi.", "nama")
    if nip and (not nip.isdigit() or len(nip) != 18):
        raise DataTidakValid("NIP harus 18 angka.", "nip")
    _atur(con, pelaku, "penandatangan", {"nama": nama, "nip": nip}, {"nama": nama, "nip": nip})


def logo(con: Con, instansi_id: int) -> bytes | None:
    """The uploaded logo (PNG/JPG bytes), or None."""
    v = _pengaturan(con, instansi_id, "logo")
    return base64.b64decode(v["data"]) if v else None


def atur_logo(con: Con, pelaku: Pelaku, data: bytes) -> None:
    """Store the logo for the report cover: PNG or JPG by content, at most 1 MB."""
    from lkj_core.bukti import deteksi_jenis

    wajib(pelaku, "kelola_pengaturan")
    if len(data or b"") > LOGO_MAKS:
        raise DataTidakValid("Logo maksimal 1 MB.", "logo")
    jenis = deteksi_jenis(data)
    if jenis not in ("png", "jpg"):
        raise DataTidakValid("Logo harus berupa gambar PNG atau JPG.", "logo")
    _atur(con, pelaku, "logo", {"jenis": jenis, "data": base64.b64encode(data).decode()},
          {"jenis": jenis, "ukuran": len(data)})
