"""Evidence files (bukti dukung) of an indicator-year: type detection by content, safe display
names, content-addressed storage in the data folder, and access checked through the entry."""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import tempfile
import threading
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd

from lkj_core import audit, config
from lkj_core.angka import format_angka
from lkj_core.db import Con, transaksi
from lkj_core.isian import periksa_lihat, periksa_ubah
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku

MAKS_UKURAN = 10 * 1024 * 1024
_MB = 1024 * 1024

# jenis -> (MIME type offered on download, file extension without the dot)
JENIS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "jpg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}
# Extensions a user's name may already carry that are correct for the detected type.
_EKSTENSI_SAH = {"pdf": (".pdf",), "jpg": (".jpg", ".jpeg"), "png": (".png",),
                 "xlsx": (".xlsx",), "docx": (".docx",)}

PANJANG_NAMA_MAKS = 120
PESAN_JENIS = "Jenis berkas tidak didukung; hanya PDF, JPG, PNG, XLSX, DOCX yang dapat diunggah."
PESAN_RUSAK = "Berkas bukti hilang atau rusak; hubungi admin."

_PNG = b"\x89PNG\r\n\x1a\n"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ILEGAL_WINDOWS = set('<>:"/\\|?*')
# Windows' reserved device names; it reads the superscripts ¹ ² ³ as digits there too.
_NAMA_PERANGKAT = {"CON", "PRN", "AUX", "NUL",
                   *(f"{p}{i}" for p in ("COM", "LPT") for i in "0123456789¹²³")}
_SHA = re.compile(r"[0-9a-f]{64}")

# DuckDB admits one writer process, so this lock is enough to keep "store file + insert row"
# and "delete row + remove unreferenced file" from interleaving (a removal racing an upload of
# the same content would otherwise leave a row pointing at nothing).
_KUNCI_BERKAS = threading.RLock()


class BuktiTidakValid(DataTidakValid):
    """An uploaded evidence file that is refused (empty, too large, unsupported type)."""

    def __init__(self, pesan: str, kolom: str = "berkas"):
        super().__init__(pesan, kolom)


# --- content checks ---

def _isi_zip(data: bytes) -> set[str] | None:
    # Only the central directory is read (no member is decompressed), so a zip bomb costs
    # nothing here; anything zipfile cannot parse is simply "not an Office file".
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            RuntimeError, NotImplementedError, UnicodeDecodeError):
        return None


def deteksi_jenis(data: bytes) -> str:
    """The evidence type ('pdf', 'jpg', 'png', 'xlsx', 'docx') judged by content, never name."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("data harus berupa bytes")
    data = bytes(data)
    if not data:
        raise BuktiTidakValid("Berkas kosong; pilih berkas yang berisi dokumen bukti.")
    if len(data) > MAKS_UKURAN:
        # Rounded up so a file just over the limit never reads as "10,0 MB".
        mb = math.ceil(len(data) * 10 / _MB) / 10
        raise BuktiTidakValid(f"Berkas terlalu besar ({format_angka(mb, 1)} MB); ukuran "
                              f"maksimal {MAKS_UKURAN // _MB} MB per berkas.")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_PNG):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    # Requiring the local-header signature at offset 0 matters: zipfile finds an archive by
    # its end record, so an .exe with a zip appended would otherwise pass as XLSX/DOCX.
    if data.startswith(_ZIP):
        isi = _isi_zip(data)
        if isi is not None:
            xlsx, docx = "xl/workbook.xml" in isi, "word/document.xml" in isi
            if xlsx != docx:  # both at once is a crafted file, not something Office writes
                if any(n.lower().endswith("vbaproject.bin") for n in isi):
                    raise BuktiTidakValid(
                        "Berkas Excel/Word yang berisi makro tidak diterima. Simpan ulang "
                        "sebagai XLSX/DOCX biasa (tanpa makro), lalu unggah kembali.")
                return "xlsx" if xlsx else "docx"
    if data.startswith(_OLE2):
        raise BuktiTidakValid(PESAN_JENIS + " Berkas Word/Excel versi lama (.doc/.xls) "
                              "simpan ulang sebagai .docx/.xlsx terlebih dahulu.")
    raise BuktiTidakValid(PESAN_JENIS)


def nama_aman(nama: str, jenis: str) -> str:
    """A download name safe on every OS, ending in the extension of the detected type."""
    if jenis not in JENIS:
        raise BuktiTidakValid(PESAN_JENIS)
    teks = unicodedata.normalize("NFC", str(nama or ""))
    teks = re.split(r"[/\\]", teks)[-1]
    bersih = []
    for ch in teks:
        if ch.isspace():
            bersih.append(" ")  # a newline or tab inside a name separates words
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or ch in _ILEGAL_WINDOWS:
            # Cf includes the right-to-left override used to disguise "gpj.exe" as "exe.jpg".
            continue
        else:
            bersih.append(ch)
    teks = " ".join("".join(bersih).split()).lstrip(". ")
    akhiran = next((teks[-len(e):] for e in _EKSTENSI_SAH[jenis]
                    if len(teks) > len(e) and teks.lower().endswith(e)), None)
    if akhiran is None:
        akhiran = "." + JENIS[jenis][1]
        dasar = teks
    else:
        dasar = teks[:-len(akhiran)]
    # Windows silently drops trailing dots/spaces, which would change the extension.
    dasar = dasar[:PANJANG_NAMA_MAKS - len(akhiran)].rstrip(". ")
    if not dasar:
        dasar = "bukti"
    if dasar.split(".")[0].rstrip(" ").upper() in _NAMA_PERANGKAT:
        dasar = ("_" + dasar)[:PANJANG_NAMA_MAKS - len(akhiran)]
    return dasar + akhiran


# --- storage: folder / sha[:2] / sha, no user text in any path ---

def _folder(folder: Path | None) -> Path:
    return Path(folder) if folder is not None else config.bukti_dir()


def _lokasi(folder: Path, sha: str) -> Path:
    # The sha comes from the database; refuse anything that is not a plain hex digest so a
    # damaged row can never point outside the evidence folder.
    if not isinstance(sha, str) or not _SHA.fullmatch(sha):
        raise DataTidakValid(PESAN_RUSAK)
    return folder / sha[:2] / sha


def _sha_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for blok in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(blok)
    return h.hexdigest()


def _simpan_berkas(folder: Path, sha: str, data: bytes) -> None:
    path = _lokasi(folder, sha)
    try:
        if path.is_file() and _sha_berkas(path) == sha:
            return  # identical content already stored once
    except OSError:
        pass  # unreadable: rewrite it below
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".unggah-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # readers see the old file or the complete new one, never half
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if os.name == "posix":  # make the rename itself durable
        try:
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass


def _jumlah_rujukan(con: Con, sha: str) -> int:
    # Across every instansi and both users of the store (evidence, SOP step attachments): the
    # folder is shared, so any row anywhere keeps a file alive.
    return con.execute("SELECT (SELECT count(*) FROM bukti_dukung WHERE sha256 = ?)"
                       " + (SELECT count(*) FROM lampiran_langkah WHERE sha256 = ?)",
                       [sha, sha]).fetchone()[0]


def _buang_jika_yatim(con: Con, folder: Path, sha: str) -> None:
    if _jumlah_rujukan(con, sha) > 0:
        return
    path = _lokasi(folder, sha)
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()  # tidy the two-letter folder when it became empty
    except OSError:
        pass


def _baris(con: Con, pelaku: Pelaku, bukti_id: int) -> dict:
    # Joined to the indicator so an id of another instansi is simply "not found".
    row = audit.baris(con, "SELECT b.* FROM bukti_dukung b JOIN indikator i"
                           " ON i.id = b.indikator_id WHERE b.id = ? AND i.instansi_id = ?",
                      [bukti_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid("Bukti dukung tidak ditemukan.")
    return row


# --- the store, for other record types (SOP step attachments) ---

def simpan_isi(data: bytes, nama: str, folder: Path | None = None) -> dict:
    """Validate and store a file by content; returns sha256, jenis, nama_berkas, ukuran.

    The caller records the row in the same transaction it writes, under _KUNCI_BERKAS.
    """
    jenis = deteksi_jenis(data)
    data = bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    _simpan_berkas(_folder(folder), sha, data)
    return {"sha256": sha, "jenis": jenis, "nama_berkas": nama_aman(nama, jenis),
            "ukuran": len(data)}


def baca_isi(row: dict, folder: Path | None = None) -> tuple[str, str, bytes]:
    """Download name, MIME type and verified content of a stored file described by `row`
    (with sha256, ukuran, jenis, nama_berkas)."""
    path = _lokasi(_folder(folder), row["sha256"])
    try:
        # Size first, so a replaced giant file is never read into memory.
        if not path.is_file() or path.stat().st_size != row["ukuran"]:
            raise DataTidakValid(PESAN_RUSAK)
        data = path.read_bytes()
    except OSError:
        raise DataTidakValid(PESAN_RUSAK) from None
    if hashlib.sha256(data).hexdigest() != row["sha256"] or row["jenis"] not in JENIS:
        raise DataTidakValid(PESAN_RUSAK)
    return nama_aman(row["nama_berkas"], row["jenis"]), JENIS[row["jenis"]][0], data


def buang_jika_yatim(con: Con, sha: str, folder: Path | None = None) -> None:
    """Remove a stored file that no row references any more."""
    _buang_jika_yatim(con, _folder(folder), sha)


# --- public operations ---

def tambah_bukti(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, nama: str,
                 data: bytes, folder: Path | None = None) -> int:
    """Upload an evidence file to an editable entry; returns the new bukti id."""
    periksa_ubah(con, pelaku, indikator_id, tahun)  # before touching the disk
    jenis = deteksi_jenis(data)
    data = bytes(data)
    nama_berkas = nama_aman(nama, jenis)
    sha = hashlib.sha256(data).hexdigest()
    folder = _folder(folder)
    with _KUNCI_BERKAS:
        ditulis = False
        try:
            with transaksi(con):
                periksa_ubah(con, pelaku, indikator_id, tahun)  # status may have moved since
                ada = con.execute("SELECT nama_berkas FROM bukti_dukung WHERE indikator_id = ?"
                                  " AND tahun = ? AND sha256 = ?",
                                  [indikator_id, tahun, sha]).fetchone()
                if ada:
                    raise BuktiTidakValid(f"Berkas dengan isi yang sama sudah diunggah pada "
                                          f"isian ini sebagai “{ada[0]}”.")
                _simpan_berkas(folder, sha, data)
                ditulis = True
                baru = {"indikator_id": indikator_id, "tahun": tahun,
                        "nama_berkas": nama_berkas, "jenis": jenis, "ukuran": len(data),
                        "sha256": sha}
                bid = con.execute(
                    "INSERT INTO bukti_dukung (indikator_id, tahun, nama_berkas, jenis, ukuran,"
                    " sha256, diunggah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    [indikator_id, tahun, nama_berkas, jenis, len(data), sha,
                     pelaku.username]).fetchone()[0]
                audit.catat(con, pelaku.username, pelaku.instansi_id, "unggah", "bukti_dukung",
                            bid, None, baru)
        except BaseException:
            if ditulis:
                try:
                    _buang_jika_yatim(con, folder, sha)
                except Exception:  # noqa: BLE001 - the original failure is what matters
                    pass
            raise
    return bid


def daftar_bukti(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int) -> pd.DataFrame:
    """The evidence files of an entry, oldest first."""
    periksa_lihat(con, pelaku, indikator_id)
    return con.execute(
        "SELECT id, nama_berkas, jenis, ukuran, diunggah_oleh, diunggah_pada FROM bukti_dukung"
        " WHERE indikator_id = ? AND tahun = ? ORDER BY id", [indikator_id, tahun]).df()


def baca_bukti(con: Con, pelaku: Pelaku, bukti_id: int,
               folder: Path | None = None) -> tuple[str, str, bytes]:
    """Download name, MIME type and verified content of one evidence file."""
    row = _baris(con, pelaku, bukti_id)
    periksa_lihat(con, pelaku, row["indikator_id"])
    return baca_isi(row, folder)


def hapus_bukti(con: Con, pelaku: Pelaku, bukti_id: int, folder: Path | None = None) -> None:
    """Delete an evidence file from an editable entry; the file goes when nothing uses it."""
    folder = _folder(folder)
    with _KUNCI_BERKAS:
        with transaksi(con):
            row = _baris(con, pelaku, bukti_id)
            periksa_ubah(con, pelaku, row["indikator_id"], row["tahun"])
            con.execute("DELETE FROM bukti_dukung WHERE id = ?", [bukti_id])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "hapus", "bukti_dukung",
                        bukti_id, row, None)
        # After commit: had the transaction failed, the row (and so the file) would stay. The
        # row is gone either way, so a file that cannot be removed is only an orphan on disk.
        try:
            _buang_jika_yatim(con, folder, row["sha256"])
        except (OSError, DataTidakValid):
            pass
