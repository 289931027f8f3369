"""The instansi as Bab I of the LKjIP presents it, and its letterhead: contact details, the
regulation that sets its tasks and functions, the staff composition per year, and the
follow-up of the last SAKIP evaluation's recommendations."""

from __future__ import annotations

import json
import math
import re
from numbers import Integral, Real

import pandas as pd

from lkj_core import audit, penguncian
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.pengaturan import baca_json
from lkj_core.peran import Pelaku, wajib
from lkj_core.perencanaan import tahun_valid

# --- profile (per instansi, not per year) ---

KUNCI_PROFIL = "profil_instansi"   # the `pengaturan` key holding the profile as JSON
# field -> (label, maximum length); `fungsi` is a list of lines.
KOLOM_PROFIL = {
    "alamat": ("Alamat", 300),
    "telepon": ("Telepon", 60),
    "email": ("Email", 120),
    "laman": ("Laman", 200),
    "dasar_hukum": ("Dasar hukum tugas dan fungsi", 1000),
    "tugas": ("Tugas", 3000),
}
FUNGSI_MAKS = 1000       # characters per function
FUNGSI_BANYAK = 30       # functions at most
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TELEPON = re.compile(r"^[0-9+()\-./, ]+$")
# "a. ", "1) ", "- ", "• " typed before a function: the report numbers them itself.
_PENANDA = re.compile(r"^\s*(?:[-•*]|[a-zA-Z0-9]{1,2}[.)])\s+")


def profil(con: Con, instansi_id: int) -> dict:
    """alamat, telepon, email, laman, dasar_hukum, tugas (text; "" when not set) and fungsi
    (list of text; [] when not set)."""
    tersimpan = baca_json(con, instansi_id, KUNCI_PROFIL) or {}
    hasil = {k: str(tersimpan.get(k) or "") for k in KOLOM_PROFIL}
    hasil["fungsi"] = [str(f) for f in tersimpan.get("fungsi") or []]
    return hasil


def daftar_fungsi(nilai) -> list[str]:
    """Functions as a list: from a list, or from text with one function per line (list
    markers such as "a." or "-" at the start of a line are dropped)."""
    if nilai is None:
        return []
    baris = nilai.splitlines() if isinstance(nilai, str) else [str(x) for x in nilai]
    return [b for b in (_PENANDA.sub("", x, count=1).strip() for x in baris) if b]


def validasi_profil(data: dict) -> dict:
    """A full profile checked and normalised (pure), or DataTidakValid naming every problem."""
    kesalahan: dict[str, str] = {}
    hasil: dict = {}
    for k, (label, maks) in KOLOM_PROFIL.items():
        teks = str(data.get(k) or "").strip()
        if len(teks) > maks:
            kesalahan[k] = f"{label} terlalu panjang (maksimal {maks} karakter)."
        hasil[k] = teks
    if hasil["email"] and not _EMAIL.match(hasil["email"]):
        kesalahan["email"] = "Alamat email tidak valid (contoh: inspektorat@wonosobokab.go.id)."
    if hasil["telepon"] and not (_TELEPON.match(hasil["telepon"])
                                 and sum(c.isdigit() for c in hasil["telepon"]) >= 5):
        kesalahan["telepon"] = ("Nomor telepon hanya boleh berisi angka, spasi dan tanda "
                                "+ - ( ) / (contoh: (0286) 321234).")
    laman = hasil["laman"]
    skema = laman.lower().startswith(("http://", "https://"))
    if laman and (any(c.isspace() for c in laman) or "." not in laman
                  or ":" in (laman.split("://", 1)[1] if skema else laman).split("/", 1)[0]
                  or (not skema and ":" in laman)):
        kesalahan["laman"] = ("Alamat laman tidak valid (contoh: "
                              "https://inspektorat.wonosobokab.go.id).")
    fungsi = daftar_fungsi(data.get("fungsi"))
    if len(fungsi) > FUNGSI_BANYAK:
        kesalahan["fungsi"] = f"Fungsi paling banyak {FUNGSI_BANYAK} butir."
    elif any(len(f) > FUNGSI_MAKS for f in fungsi):
        kesalahan["fungsi"] = (f"Satu butir fungsi terlalu panjang (maksimal {FUNGSI_MAKS} "
                               "karakter).")
    hasil["fungsi"] = fungsi
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return hasil


def simpan_profil(con: Con, pelaku: Pelaku, **fields) -> None:
    """Change some of the profile's fields (alamat, telepon, email, laman, dasar_hukum, tugas,
    fungsi — a list, or text with one function per line); the others keep their value."""
    wajib(pelaku, "kelola_pengaturan")
    asing = sorted(set(fields) - {*KOLOM_PROFIL, "fungsi"})
    if asing:
        raise DataTidakValid(f"Isian profil tidak dikenal: {', '.join(asing)}.")
    lama = profil(con, pelaku.instansi_id)
    baru = validasi_profil({**lama, **fields})
    if baru == lama:
        return
    with transaksi(con):
        con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, ?)",
                    [pelaku.instansi_id, KUNCI_PROFIL, json.dumps(baru, ensure_ascii=False)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan",
                    KUNCI_PROFIL, lama, baru)


# --- staff composition (per year) ---

DIMENSI = {"jabatan": "Jabatan", "golongan": "Golongan", "pendidikan": "Pendidikan"}
KATEGORI_MAKS = 200
JUMLAH_MAKS = 100_000


def komposisi_pegawai(con: Con, instansi_id: int, tahun: int) -> pd.DataFrame:
    """The staff of a year by dimensi ('jabatan', 'golongan', 'pendidikan'): dimensi, kategori,
    jumlah, in the order they were entered."""
    df = con.execute(
        "SELECT dimensi, kategori, jumlah FROM komposisi_pegawai WHERE instansi_id = ? AND"
        " tahun = ? ORDER BY CASE dimensi WHEN 'jabatan' THEN 1 WHEN 'golongan' THEN 2"
        " ELSE 3 END, urutan", [instansi_id, tahun]).df()
    df["jumlah"] = df["jumlah"].astype("int64")
    return df


def total_per_dimensi(df: pd.DataFrame) -> dict[str, int]:
    """Staff total per dimension that has rows (each should be the same headcount)."""
    return {d: int(df.loc[df["dimensi"] == d, "jumlah"].sum()) for d in DIMENSI
            if (df["dimensi"] == d).any()}


def _jumlah(nilai, label: str) -> int:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()) or (
            isinstance(nilai, float) and math.isnan(nilai)):
        raise DataTidakValid(f"{label}: jumlah wajib diisi.")
    if isinstance(nilai, bool):
        raise DataTidakValid(f"{label}: jumlah harus bilangan bulat 0 atau lebih.")
    if isinstance(nilai, str) and re.fullmatch(r"\s*\d{1,6}\s*", nilai):
        angka = int(nilai)
    elif isinstance(nilai, Integral):
        angka = int(nilai)
    elif isinstance(nilai, Real) and math.isfinite(nilai) and float(nilai).is_integer():
        angka = int(nilai)
    else:
        raise DataTidakValid(f"{label}: jumlah harus bilangan bulat 0 atau lebih, bukan "
                             f"'{nilai}'.")
    if angka < 0:
        raise DataTidakValid(f"{label}: jumlah tidak boleh negatif.")
    if angka > JUMLAH_MAKS:
        raise DataTidakValid(f"{label}: jumlah terlalu besar.")
    return angka


def validasi_komposisi(baris) -> list[tuple[str, int]]:
    """(kategori, jumlah) rows checked (pure): category required and unique, jumlah a whole
    number >= 0; or DataTidakValid naming every bad row."""
    kesalahan: dict[str, str] = {}
    hasil: list[tuple[str, int]] = []
    dilihat: set[str] = set()
    for i, row in enumerate(baris or [], start=1):
        try:
            kategori, jumlah = row
        except (TypeError, ValueError):
            kesalahan[f"baris_{i}"] = f"Baris {i}: isi kategori dan jumlah."
            continue
        kategori = "" if kategori is None or (isinstance(kategori, float)
                                              and math.isnan(kategori)) else str(kategori).strip()
        if not kategori:
            kesalahan[f"baris_{i}"] = f"Baris {i}: kategori wajib diisi."
            continue
        if len(kategori) > KATEGORI_MAKS:
            kesalahan[f"baris_{i}"] = (f"Baris {i}: kategori terlalu panjang (maksimal "
                                       f"{KATEGORI_MAKS} karakter).")
            continue
        if kategori.casefold() in dilihat:
            kesalahan[f"baris_{i}"] = f"Baris {i}: kategori '{kategori}' tercantum dua kali."
            continue
        dilihat.add(kategori.casefold())
        try:
            hasil.append((kategori, _jumlah(jumlah, f"Baris {i} ({kategori})")))
        except DataTidakValid as exc:
            kesalahan[f"baris_{i}"] = str(exc)
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return hasil


def simpan_komposisi(con: Con, pelaku: Pelaku, tahun: int, dimensi: str,
                     baris: list[tuple[str, int]]) -> None:
    """Replace the year's rows of one dimension ('jabatan', 'golongan', 'pendidikan') with
    (kategori, jumlah) rows, in that order; an empty list removes them."""
    wajib(pelaku, "kelola_pengaturan")
    tahun = tahun_valid(tahun)
    if dimensi not in DIMENSI:
        raise DataTidakValid("Dimensi komposisi pegawai harus jabatan, golongan atau "
                             "pendidikan.", "dimensi")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    rows = validasi_komposisi(baris)
    lama = [tuple(r) for r in con.execute(
        "SELECT kategori, jumlah FROM komposisi_pegawai WHERE instansi_id = ? AND tahun = ?"
        " AND dimensi = ? ORDER BY urutan", [pelaku.instansi_id, tahun, dimensi]).fetchall()]
    if lama == rows:
        return
    with transaksi(con):
        con.execute("DELETE FROM komposisi_pegawai WHERE instansi_id = ? AND tahun = ? AND"
                    " dimensi = ?", [pelaku.instansi_id, tahun, dimensi])
        if rows:
            con.executemany(
                "INSERT INTO komposisi_pegawai (instansi_id, tahun, dimensi, urutan, kategori,"
                " jumlah) VALUES (?, ?, ?, ?, ?, ?)",
                [[pelaku.instansi_id, tahun, dimensi, i, k, j]
                 for i, (k, j) in enumerate(rows, start=1)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "komposisi_pegawai",
                    f"{tahun}/{dimensi}", {"baris": [list(r) for r in lama]},
                    {"baris": [list(r) for r in rows]})


# --- follow-up of the SAKIP evaluation (per year of the report) ---

STATUS_TINDAK_LANJUT = ("selesai", "dalam proses", "belum ditindaklanjuti")
TEKS_TL_MAKS = 2000
BARIS_TL_MAKS = 50


def tindak_lanjut_evaluasi(con: Con, instansi_id: int, tahun: int) -> pd.DataFrame:
    """What year `tahun`'s LKjIP reports on the last SAKIP evaluation's recommendations: no,
    rekomendasi, tindak_lanjut ('' while nothing was done), status (one of
    STATUS_TINDAK_LANJUT)."""
    return con.execute(
        "SELECT no, rekomendasi, tindak_lanjut, status FROM tindak_lanjut_evaluasi"
        " WHERE instansi_id = ? AND tahun = ? ORDER BY no", [instansi_id, tahun]).df()


def validasi_tindak_lanjut(baris) -> list[dict]:
    """Rows (dicts with rekomendasi, tindak_lanjut, status; an optional `no` is ignored: rows
    are numbered in order) checked (pure), or DataTidakValid naming every bad row."""
    kesalahan: dict[str, str] = {}
    hasil: list[dict] = []
    baris = list(baris or [])
    if len(baris) > BARIS_TL_MAKS:
        raise DataTidakValid(f"Paling banyak {BARIS_TL_MAKS} rekomendasi.")

    def teks(x) -> str:
        return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x).strip()

    for i, row in enumerate(baris, start=1):
        if not isinstance(row, dict):
            kesalahan[f"baris_{i}"] = f"Baris {i}: isi rekomendasi, tindak lanjut dan status."
            continue
        asing = sorted(set(row) - {"no", "rekomendasi", "tindak_lanjut", "status"})
        rek, tl, status = (teks(row.get("rekomendasi")), teks(row.get("tindak_lanjut")),
                           teks(row.get("status")).lower())
        if asing:
            pesan = f"kolom tidak dikenal: {', '.join(map(str, asing))}."
        elif not rek:
            pesan = "rekomendasi wajib diisi."
        elif status not in STATUS_TINDAK_LANJUT:
            pesan = "status harus " + ", ".join(f"'{s}'" for s in STATUS_TINDAK_LANJUT) + "."
        elif not tl and status != "belum ditindaklanjuti":
            pesan = ("uraikan tindak lanjutnya (atau pilih status 'belum "
                     "ditindaklanjuti').")
        elif max(len(rek), len(tl)) > TEKS_TL_MAKS:
            pesan = f"teks terlalu panjang (maksimal {TEKS_TL_MAKS} karakter)."
        else:
            hasil.append({"no": i, "rekomendasi": rek, "tindak_lanjut": tl, "status": status})
            continue
        kesalahan[f"baris_{i}"] = f"Baris {i}: {pesan}"
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return hasil


def simpan_tindak_lanjut(con: Con, pelaku: Pelaku, tahun: int, baris: list[dict]) -> None:
    """Replace the year's list of recommendations and their follow-up (rows numbered in the
    order given); an empty list removes it."""
    wajib(pelaku, "kelola_naskah")
    tahun = tahun_valid(tahun)
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    rows = validasi_tindak_lanjut(baris)
    lama = tindak_lanjut_evaluasi(con, pelaku.instansi_id, tahun).to_dict("records")
    lama = [{k: (int(v) if k == "no" else v) for k, v in r.items()} for r in lama]
    if lama == rows:
        return
    with transaksi(con):
        con.execute("DELETE FROM tindak_lanjut_evaluasi WHERE instansi_id = ? AND tahun = ?",
                    [pelaku.instansi_id, tahun])
        if rows:
            con.executemany(
                "INSERT INTO tindak_lanjut_evaluasi (instansi_id, tahun, no, rekomendasi,"
                " tindak_lanjut, status, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[pelaku.instansi_id, tahun, r["no"], r["rekomendasi"], r["tindak_lanjut"],
                  r["status"], pelaku.username] for r in rows])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "tindak_lanjut_evaluasi",
                    tahun, {"baris": lama}, {"baris": rows})
