"""Officials who sign, per year (the office holder changes): name, NIP, pangkat/golongan and
jabatan of the Inspektur, the Sekretaris and the kepala daerah; NIP validation for everyone."""

from __future__ import annotations

import re

from lkj_core import audit
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid, teks_wajib
from lkj_core.peran import Pelaku, wajib

KEDUDUKAN = {
    "inspektur": "Inspektur (penandatangan laporan dan PK)",
    "sekretaris": "Sekretaris",
    "kepala_daerah": "Kepala daerah (Bupati/Wali Kota, penandatangan PK)",
}
# A kepala daerah is elected, not a civil servant: no NIP.
TANPA_NIP = frozenset({"kepala_daerah"})
_NIP = re.compile(r"\d{18}")


def normal_nip(nip: str | None) -> str:
    """The NIP without the spaces people type between its groups ('' when empty)."""
    return re.sub(r"[\s.]", "", nip or "")


def validasi_nip(nip: str | None, wajib_ada: bool = True, kolom: str = "nip") -> str | None:
    """An 18-digit NIP (spaces allowed when typed), None when empty and not required."""
    nip = normal_nip(nip)
    if not nip:
        if wajib_ada:
            raise DataTidakValid("NIP wajib diisi (18 angka).", kolom)
        return None
    if not _NIP.fullmatch(nip):
        raise DataTidakValid(f"NIP harus 18 angka (yang diisi {len(nip)} karakter"
                             f"{'' if nip.isdigit() else ', tidak semuanya angka'}).", kolom)
    return nip


def format_nip(nip: str | None) -> str:
    """The NIP as printed under a signature: '19700101 199503 1 001'."""
    n = normal_nip(nip)
    if len(n) != 18:
        return n
    return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def daftar(con: Con, instansi_id: int, tahun: int) -> dict[str, dict]:
    """kedudukan -> {nama, nip, pangkat, jabatan} of a year (missing offices are absent)."""
    rows = con.execute("SELECT kedudukan, nama, nip, pangkat, jabatan FROM pejabat"
                       " WHERE instansi_id = ? AND tahun = ?", [instansi_id, tahun]).fetchall()
    return {r[0]: {"nama": r[1], "nip": r[2] or "", "pangkat": r[3] or "", "jabatan": r[4]}
            for r in rows}


def pejabat(con: Con, instansi_id: int, tahun: int, kedudukan: str) -> dict | None:
    """One office holder of a year, or None when not recorded."""
    return daftar(con, instansi_id, tahun).get(kedudukan)


def atur(con: Con, pelaku: Pelaku, tahun: int, kedudukan: str, nama: str, nip: str | None,
         pangkat: str | None, jabatan: str) -> None:
    """Record who holds an office in a year (replacing the earlier record of that year)."""
    wajib(pelaku, "kelola_pejabat")
    if kedudukan not in KEDUDUKAN:
        raise DataTidakValid("Kedudukan pejabat tidak dikenal.", "kedudukan")
    kesalahan = {}
    baru = {}
    for kolom, f in (
            ("nama", lambda: teks_wajib(nama, "Nama pejabat", "nama", 200)),
            ("jabatan", lambda: teks_wajib(jabatan, "Jabatan", "jabatan", 200)),
            ("nip", lambda: None if kedudukan in TANPA_NIP
             else validasi_nip(nip, wajib_ada=True)),
            ("pangkat", lambda: (pangkat or "").strip()[:100] or None)):
        try:
            baru[kolom] = f()
        except DataTidakValid as exc:
            kesalahan.update(exc.kesalahan)
    if kedudukan not in TANPA_NIP and not baru.get("pangkat") and "pangkat" not in kesalahan:
        kesalahan["pangkat"] = "Pangkat/golongan wajib diisi (contoh: Pembina Utama Muda, IV/c)."
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    lama = pejabat(con, pelaku.instansi_id, tahun, kedudukan)
    with transaksi(con):
        con.execute("DELETE FROM pejabat WHERE instansi_id = ? AND tahun = ? AND kedudukan = ?",
                    [pelaku.instansi_id, tahun, kedudukan])
        con.execute("INSERT INTO pejabat (instansi_id, tahun, kedudukan, nama, nip, pangkat,"
                    " jabatan, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [pelaku.instansi_id, tahun, kedudukan, baru["nama"], baru["nip"],
                     baru["pangkat"], baru["jabatan"], pelaku.username])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pejabat",
                    f"{tahun}/{kedudukan}", lama, baru)


def kekurangan(con: Con, instansi_id: int, tahun: int) -> list[str]:
    """What is missing for the signature blocks of a year's report (Indonesian sentences)."""
    p = daftar(con, instansi_id, tahun)
    hasil = []
    ins = p.get("inspektur")
    if ins is None:
        hasil.append(f"Data Inspektur penandatangan tahun {tahun} (nama, NIP, pangkat) belum "
                     "dicatat di menu Pengaturan → Pejabat penandatangan.")
    elif not ins["nip"]:
        hasil.append(f"NIP Inspektur penandatangan tahun {tahun} belum diisi.")
    return hasil
