"""Users: accounts, passwords, login lockout and server-side session revocation."""

from __future__ import annotations

import re
import secrets
import time
from functools import lru_cache

import bcrypt

from lkj_core import audit
from lkj_core.config import bcrypt_rounds, mode_produksi
from lkj_core.db import Con, transaksi, ulangi_bila_bentrok
from lkj_core.organisasi import DataTidakValid, teks_wajib
from lkj_core.pejabat import validasi_nip
from lkj_core.peran import LABEL_PERAN, PERAN, Pelaku, wajib

MAKS_GAGAL_LOGIN = 5
LAMA_KUNCI_DETIK = 15 * 60
PANJANG_SANDI_MIN = 8
PANJANG_SANDI_MAKS = 72  # bcrypt's limit, in bytes
_POLA_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


def validasi_sandi(sandi: str) -> str:
    """The password if acceptable, else DataTidakValid with an Indonesian reason."""
    if sandi is None or sandi != sandi.strip():
        raise DataTidakValid("Kata sandi tidak boleh diawali atau diakhiri spasi.", "sandi")
    if len(sandi) < PANJANG_SANDI_MIN:
        raise DataTidakValid(f"Kata sandi minimal {PANJANG_SANDI_MIN} karakter.", "sandi")
    if len(sandi.encode()) > PANJANG_SANDI_MAKS:
        raise DataTidakValid(f"Kata sandi maksimal {PANJANG_SANDI_MAKS} byte.", "sandi")
    return sandi


def sandi_demo(username: str) -> str:
    """The password every demo account ships with ("<username>-demo", listed in the README)."""
    return f"{username}-demo"


def _tolak_sandi_demo(username: str, sandi: str) -> None:
    # A produksi install refuses to start while an active account still has its demo password
    # (lkj_core.kesiapan); refusing it here keeps anyone from setting one that would block the
    # next start.
    if mode_produksi() and sandi == sandi_demo(username):
        raise DataTidakValid("Kata sandi demo (<nama pengguna>-demo) tidak boleh dipakai dalam "
                             "mode produksi.", "sandi")


def hash_sandi(sandi: str) -> str:
    """bcrypt hash of a validated password."""
    validasi_sandi(sandi)
    return bcrypt.hashpw(sandi.encode(), bcrypt.gensalt(bcrypt_rounds())).decode()


def cocok_sandi(sandi: str, hash_: str) -> bool:
    """Whether the password matches; over-long input is simply a mismatch."""
    try:
        return bcrypt.checkpw(sandi.encode(), hash_.encode())
    except ValueError:
        return False


@lru_cache(maxsize=1)
def _hash_umpan() -> str:
    # A hash nobody knows the password of: locked accounts get it so every try fails.
    return bcrypt.hashpw(secrets.token_hex(16).encode(), bcrypt.gensalt(bcrypt_rounds())).decode()


def _validasi_akun(con: Con, instansi_id: int, nama: str, peran: str, unit_id: int | None):
    nama = teks_wajib(nama, "Nama lengkap", "nama", 200)
    if peran not in PERAN:
        raise DataTidakValid("Peran tidak dikenal.", "peran")
    if peran == "bidang" and unit_id is None:
        raise DataTidakValid("Pengguna bidang wajib memilih unit kerja.", "unit")
    if unit_id is not None and not con.execute(
        "SELECT 1 FROM unit_kerja WHERE id = ? AND instansi_id = ?", [unit_id, instansi_id]
    ).fetchone():
        raise DataTidakValid("Unit kerja tidak ditemukan.", "unit")
    return nama


def buat_pengguna(con: Con, pelaku: Pelaku | str, instansi_id: int, username: str, nama: str,
                  peran: str, sandi: str, unit_id: int | None = None,
                  nip: str | None = None, pangkat: str | None = None,
                  jabatan: str | None = None) -> int:
    """Create a user; `pelaku` is a Pelaku (admin page) or a name (set-up commands)."""
    if isinstance(pelaku, Pelaku):
        wajib(pelaku, "kelola_pengguna", instansi_id)
    username = (username or "").strip().lower()
    if not _POLA_USERNAME.match(username):
        raise DataTidakValid(
            "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau strip.",
            "username")
    nama = _validasi_akun(con, instansi_id, nama, peran, unit_id)
    nip = validasi_nip(nip, wajib_ada=peran == "reviewer")
    _tolak_sandi_demo(username, sandi)
    hash_ = hash_sandi(sandi)
    if con.execute("SELECT 1 FROM pengguna WHERE username = ?", [username]).fetchone():
        raise DataTidakValid(f"Nama pengguna '{username}' sudah dipakai.", "username")
    oleh = pelaku.username if isinstance(pelaku, Pelaku) else pelaku
    with transaksi(con):
        pid = con.execute(
            "INSERT INTO pengguna (instansi_id, username, nama, nip, peran, unit_id,"
            " password_hash, pangkat, jabatan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [instansi_id, username, nama, nip, peran, unit_id, hash_,
             (pangkat or "").strip()[:100] or None, (jabatan or "").strip()[:200] or None],
        ).fetchone()[0]
        audit.catat(con, oleh, instansi_id, "tambah", "pengguna", username, None,
                    {"username": username, "nama": nama, "peran": peran, "unit_id": unit_id,
                     "nip": nip, "pangkat": pangkat, "jabatan": jabatan})
    return pid


def daftar_pengguna(con: Con, pelaku: Pelaku):
    """Users of the actor's instansi with their unit name, as a DataFrame (no password
    hashes); for those who manage users."""
    wajib(pelaku, "kelola_pengguna")
    return con.execute(
        "SELECT p.id, p.username, p.nama, p.nip, p.pangkat, p.jabatan, p.peran, p.unit_id,"
        " u.nama AS unit, p.aktif, p.terkunci_sampai FROM pengguna p LEFT JOIN unit_kerja u ON u.id = p.unit_id"
        " WHERE p.instansi_id = ? ORDER BY p.peran, p.username",
        [pelaku.instansi_id],
    ).df()


def pengguna(con: Con, username: str) -> dict | None:
    """One user row as a dict (hash included: for the auth layer only)."""
    return audit.baris(con, "SELECT * FROM pengguna WHERE username = ?",
                       [(username or "").strip().lower()])


def _pengguna_instansi(con: Con, pelaku: Pelaku, pengguna_id: int) -> dict:
    wajib(pelaku, "kelola_pengguna")
    row = audit.baris(con, "SELECT * FROM pengguna WHERE id = ? AND instansi_id = ?",
                      [pengguna_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid("Pengguna tidak ditemukan.")
    return row


def _tanpa_hash(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "password_hash"}


def ubah_pengguna(con: Con, pelaku: Pelaku, pengguna_id: int, nama: str, peran: str,
                  unit_id: int | None, nip: str | None = None, pangkat: str | None = None,
                  jabatan: str | None = None) -> None:
    """Change a user's name, role, unit, NIP, pangkat and jabatan (None keeps the stored
    pangkat/jabatan); a role change ends their open sessions."""
    lama = _pengguna_instansi(con, pelaku, pengguna_id)
    nama = _validasi_akun(con, pelaku.instansi_id, nama, peran, unit_id)
    nip = validasi_nip(nip, wajib_ada=peran == "reviewer")
    pangkat = lama["pangkat"] if pangkat is None else (pangkat.strip()[:100] or None)
    jabatan = lama["jabatan"] if jabatan is None else (jabatan.strip()[:200] or None)
    if lama["username"] == pelaku.username and peran != "admin":
        raise DataTidakValid("Anda tidak dapat mencabut peran admin Anda sendiri.", "peran")
    cabut = peran != lama["peran"] or unit_id != lama["unit_id"]
    with transaksi(con):
        con.execute(
            "UPDATE pengguna SET nama = ?, peran = ?, unit_id = ?, nip = ?, pangkat = ?,"
            " jabatan = ?, sesi_berlaku_sejak = CASE WHEN ? THEN ? ELSE sesi_berlaku_sejak END"
            " WHERE id = ?",
            [nama, peran, unit_id, nip, pangkat, jabatan, cabut, time.time(), pengguna_id],
        )
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengguna",
                    lama["username"], _tanpa_hash(lama),
                    {**_tanpa_hash(lama), "nama": nama, "peran": peran, "unit_id": unit_id,
                     "nip": nip, "pangkat": pangkat, "jabatan": jabatan})


def atur_aktif(con: Con, pelaku: Pelaku, pengguna_id: int, aktif: bool) -> None:
    """Activate or deactivate an account; deactivation ends its sessions at once."""
    lama = _pengguna_instansi(con, pelaku, pengguna_id)
    if lama["username"] == pelaku.username and not aktif:
        raise DataTidakValid("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with transaksi(con):
        con.execute("UPDATE pengguna SET aktif = ?, sesi_berlaku_sejak = ? WHERE id = ?",
                    [aktif, time.time(), pengguna_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id,
                    "aktifkan" if aktif else "nonaktifkan", "pengguna", lama["username"],
                    {"aktif": lama["aktif"]}, {"aktif": aktif})


def reset_sandi(con: Con, pelaku: Pelaku, pengguna_id: int, sandi_baru: str) -> None:
    """Admin sets a new password; the lockout is lifted and old sessions end."""
    lama = _pengguna_instansi(con, pelaku, pengguna_id)
    _tolak_sandi_demo(lama["username"], sandi_baru)
    hash_ = hash_sandi(sandi_baru)
    with transaksi(con):
        con.execute(
            "UPDATE pengguna SET password_hash = ?, gagal_login = 0, terkunci_sampai = NULL,"
            " sesi_berlaku_sejak = ? WHERE id = ?", [hash_, time.time(), pengguna_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "reset_sandi", "pengguna",
                    lama["username"], None, None)


def ganti_sandi_sendiri(con: Con, username: str, sandi_lama: str, sandi_baru: str) -> None:
    """A user changes their own password; other sessions (and cookies) end."""
    row = pengguna(con, username)
    if row is None or not cocok_sandi(sandi_lama or "", row["password_hash"]):
        raise DataTidakValid("Kata sandi lama salah.", "sandi_lama")
    if sandi_baru == sandi_lama:
        raise DataTidakValid("Kata sandi baru harus berbeda dari yang lama.", "sandi")
    _tolak_sandi_demo(row["username"], sandi_baru)
    hash_ = hash_sandi(sandi_baru)
    with transaksi(con):
        con.execute("UPDATE pengguna SET password_hash = ?, sesi_berlaku_sejak = ? WHERE id = ?",
                    [hash_, time.time(), row["id"]])
        audit.catat(con, row["username"], row["instansi_id"], "ganti_sandi", "pengguna",
                    row["username"], None, None)


# --- login support (called by the UI's auth module around streamlit-authenticator) ---

def kredensial(con: Con, sekarang: float | None = None, username: str | None = None) -> dict:
    """The credentials dict streamlit-authenticator reads: active users only (only `username`
    when given: a logged-in session needs no one else's, so a click costs the same with ten
    users or a quarter of a million).

    Locked accounts are listed with a decoy hash, so the library's own check fails for them
    while still reporting which username was tried.
    """
    sekarang = time.time() if sekarang is None else sekarang
    kolom = "SELECT username, nama, peran, password_hash, terkunci_sampai FROM pengguna"
    # Two plain queries: "username = ?" alone lets DuckDB use the unique index.
    rows = (con.execute(kolom + " WHERE username = ? AND aktif", [username]).fetchall()
            if username is not None else con.execute(kolom + " WHERE aktif").fetchall())
    users = {}
    for username, nama, peran, hash_, kunci in rows:
        terkunci = kunci is not None and kunci > sekarang
        users[username] = {
            "name": nama,
            "password": _hash_umpan() if terkunci else hash_,
            "roles": [peran],
            "email": None,
            "failed_login_attempts": 0,
            "logged_in": False,
        }
    return {"usernames": users}


def terkunci_sampai(con: Con, username: str, sekarang: float | None = None) -> float | None:
    """Epoch time until which the account is locked, or None."""
    sekarang = time.time() if sekarang is None else sekarang
    row = con.execute("SELECT terkunci_sampai FROM pengguna WHERE username = ?",
                      [username]).fetchone()
    if row and row[0] is not None and row[0] > sekarang:
        return row[0]
    return None


def catat_login_gagal(con: Con, username: str, sekarang: float | None = None) -> float | None:
    """Count a failed login; returns the lock end time when this failure locks the account.

    Read and write happen in one transaction, retried when a simultaneous failure of the same
    account wrote first: parallel guesses are each counted, so none gets past the lockout."""
    sekarang = time.time() if sekarang is None else sekarang

    def catat() -> float | None:
        with transaksi(con):
            row = pengguna(con, username)
            if row is None:
                return None
            if row["terkunci_sampai"] is not None and row["terkunci_sampai"] > sekarang:
                return row["terkunci_sampai"]
            gagal = row["gagal_login"] + 1
            kunci = sekarang + LAMA_KUNCI_DETIK if gagal >= MAKS_GAGAL_LOGIN else None
            con.execute("UPDATE pengguna SET gagal_login = ?, terkunci_sampai = ? WHERE id = ?",
                        [0 if kunci else gagal, kunci, row["id"]])
            audit.catat(con, row["username"], row["instansi_id"],
                        "akun_terkunci" if kunci else "login_gagal", "pengguna",
                        row["username"], {"gagal_login": row["gagal_login"]},
                        {"gagal_login": gagal})
            return kunci

    return ulangi_bila_bentrok(catat)


def catat_login_berhasil(con: Con, username: str) -> None:
    """Reset the failure counter and record the login."""
    def catat() -> None:
        with transaksi(con):
            row = pengguna(con, username)
            if row is None:
                return
            con.execute("UPDATE pengguna SET gagal_login = 0, terkunci_sampai = NULL"
                        " WHERE id = ?", [row["id"]])
            audit.catat(con, row["username"], row["instansi_id"], "login", "pengguna",
                        row["username"], None, None)

    ulangi_bila_bentrok(catat)


def cabut_sesi(con: Con, username: str, sekarang: float | None = None) -> None:
    """Logout: every session and cookie of this user issued before now becomes void."""
    sekarang = time.time() if sekarang is None else sekarang
    row = pengguna(con, username)
    if row is None:
        return
    with transaksi(con):
        con.execute("UPDATE pengguna SET sesi_berlaku_sejak = ? WHERE id = ?",
                    [sekarang, row["id"]])
        audit.catat(con, row["username"], row["instansi_id"], "logout", "pengguna",
                    row["username"], None, None)


def sesi_berlaku(con: Con, username: str, masuk_pada: float) -> Pelaku | None:
    """The actor for a session that logged in at `masuk_pada`, or None if it is void."""
    row = pengguna(con, username)
    if row is None or not row["aktif"] or masuk_pada < row["sesi_berlaku_sejak"]:
        return None
    return Pelaku(row["username"], row["peran"], row["instansi_id"], row["unit_id"])


def label_peran(peran: str) -> str:
    """Indonesian label of a role."""
    return LABEL_PERAN.get(peran, peran)
