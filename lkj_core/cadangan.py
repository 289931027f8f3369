"""Backup and restore: one dated ZIP holding a DuckDB export of the whole database, the
evidence store and a manifest of checksums; restore only into a fresh data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import duckdb

from lkj_core import audit, bukti, config
from lkj_core.db import MIGRASI, Con, buka, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib

FORMAT = "lkj-cadangan"
VERSI_FORMAT = 1
MANIFEST = "manifest.json"
PELAKU_PULIHKAN = "sistem:pulihkan"

# Every member name an archive may hold; anything else (".." parts, absolute paths,
# backslashes, other folders) is refused before a single byte is written.
_NAMA_DB = re.compile(r"db/[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")
_NAMA_BUKTI = re.compile(r"bukti/([0-9a-f]{2})/(\1[0-9a-f]{62})")
_SHA = re.compile(r"[0-9a-f]{64}")
_NEXTVAL = re.compile(r"nextval\('([^']+)'\)")
_BLOK = 1024 * 1024


def folder_bawaan() -> Path:
    """Where backups go unless told otherwise: `cadangan/` in the data folder."""
    return config.db_path().parent / "cadangan"


# --- small helpers ---

def _sha_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for blok in iter(lambda: fh.read(_BLOK), b""):
            h.update(blok)
    return h.hexdigest()


def _kutip(nama: str) -> str:
    return '"' + nama.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    # EXPORT/IMPORT DATABASE take no bound parameters; the path is ours (a temp folder).
    return "'" + path.as_posix().replace("'", "''") + "'"


def _daftar_tabel(con: Con) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables()"
        " WHERE database_name = current_database() AND NOT temporary"
        " ORDER BY schema_name, table_name").fetchall()


def _jumlah_baris(con: Con) -> dict[str, int]:
    hasil = {}
    for skema, tabel in _daftar_tabel(con):
        kunci = tabel if skema == "main" else f"{skema}.{tabel}"
        hasil[kunci] = con.execute(
            f"SELECT count(*) FROM {_kutip(skema)}.{_kutip(tabel)}").fetchone()[0]
    return hasil


def _label_arsip(con: Con) -> str:
    # The instansi's code when there is one, else the database file's name.
    rows = con.execute("SELECT kode FROM instansi ORDER BY id LIMIT 2").fetchall()
    if len(rows) == 1:
        teks = rows[0][0]
    else:
        path = con.execute("SELECT path FROM duckdb_databases()"
                           " WHERE database_name = current_database()").fetchone()[0]
        teks = Path(path).stem if path else "memori"
    label = re.sub(r"[^a-z0-9]+", "-", str(teks).lower()).strip("-")[:40]
    return label or "lkj"


def _berkas_bukti(con: Con, folder: Path) -> tuple[dict[str, Path], list[str]]:
    """Stored files (sha -> path) whose content matches their name, and the referenced or
    stored files that are missing or damaged."""
    ada: dict[str, Path] = {}
    bermasalah: set[str] = set()
    if folder.is_dir():
        for sub in sorted(folder.iterdir()):
            if not (sub.is_dir() and re.fullmatch(r"[0-9a-f]{2}", sub.name)):
                continue
            for f in sorted(sub.iterdir()):
                # Upload temp files (".unggah-…") and anything else not named by its hash
                # are not part of the store.
                if not (f.is_file() and _SHA.fullmatch(f.name) and f.name[:2] == sub.name):
                    continue
                if _sha_berkas(f) == f.name:
                    ada[f.name] = f
                else:
                    bermasalah.add(f.name)
    dirujuk = {r[0] for r in con.execute(
        "SELECT sha256 FROM bukti_dukung UNION SELECT sha256 FROM lampiran_langkah").fetchall()}
    bermasalah |= dirujuk - set(ada)
    return ada, sorted(bermasalah)


# --- backup ---

def buat_cadangan(con: Con, pelaku: Pelaku, folder_tujuan: Path | str | None = None, *,
                  folder_bukti: Path | None = None, semua_instansi: bool = False,
                  sekarang: dt.datetime | None = None) -> Path:
    """Write `lkj-cadangan-<instansi>-YYYYMMDD-HHMMSS.zip` (database export, evidence files,
    manifest.json with sha256 of every member) into `folder_tujuan`; returns its path.

    The archive covers the whole database. An admin of one instansi may back it up only when
    it holds no other instansi; the command line (the server's operator) passes
    `semua_instansi=True`.
    """
    wajib(pelaku, "cadangkan")
    if not semua_instansi and con.execute(
            "SELECT count(*) FROM instansi WHERE id <> ?", [pelaku.instansi_id]).fetchone()[0]:
        raise DataTidakValid("Basis data ini juga memuat instansi lain, sehingga cadangan "
                             "menyeluruh hanya dapat dibuat oleh pengelola server dengan "
                             "perintah `make backup`.")
    folder_tujuan = Path(folder_tujuan) if folder_tujuan is not None else folder_bawaan()
    folder_bukti = Path(folder_bukti) if folder_bukti is not None else config.bukti_dir()
    sekarang = sekarang or dt.datetime.now()
    folder_tujuan.mkdir(parents=True, exist_ok=True)
    nama = f"lkj-cadangan-{_label_arsip(con)}-{sekarang:%Y%m%d-%H%M%S}"
    tujuan = folder_tujuan / f"{nama}.zip"
    n = 1
    while tujuan.exists():
        n += 1
        tujuan = folder_tujuan / f"{nama}-{n}.zip"

    # The file lock keeps uploads and removals of evidence out until the archive is complete,
    # and the transaction gives the export one consistent snapshot; the audit row is part of
    # that snapshot, so it exists (in the database and in the archive) only if the archive does.
    with bukti._KUNCI_BERKAS, tempfile.TemporaryDirectory(prefix="lkj-cadangan-") as tmp:
        ekspor = Path(tmp) / "db"
        fd, sementara = tempfile.mkstemp(dir=folder_tujuan, prefix=".cadangan-", suffix=".zip")
        os.close(fd)  # mkstemp made it 0600: the archive holds password hashes
        dipindah = False
        try:
            with transaksi(con):
                ada, bermasalah = _berkas_bukti(con, folder_bukti)
                audit.catat(con, pelaku.username, pelaku.instansi_id, "cadangkan",
                            "basis_data", tujuan.name, None,
                            {"arsip": tujuan.name, "berkas_bukti": len(ada),
                             "bukti_bermasalah": len(bermasalah)})
                migrasi = [r[0] for r in con.execute(
                    "SELECT nama FROM schema_migrasi ORDER BY nama").fetchall()]
                tabel = _jumlah_baris(con)
                con.execute(f"EXPORT DATABASE {_literal(ekspor)} (FORMAT parquet)")
                berkas = []
                with zipfile.ZipFile(sementara, "w", zipfile.ZIP_DEFLATED) as zf:
                    for f in sorted(ekspor.iterdir()):
                        nama_zip = f"db/{f.name}"
                        zf.write(f, nama_zip)
                        berkas.append({"path": nama_zip, "ukuran": f.stat().st_size,
                                       "sha256": _sha_berkas(f)})
                    for sha, f in ada.items():
                        nama_zip = f"bukti/{sha[:2]}/{sha}"
                        # Evidence is PDF/JPG/PNG/Office: already compressed.
                        zf.write(f, nama_zip, compress_type=zipfile.ZIP_STORED)
                        berkas.append({"path": nama_zip, "ukuran": f.stat().st_size,
                                       "sha256": sha})
                    manifest = {
                        "format": FORMAT, "versi_format": VERSI_FORMAT,
                        "dibuat_pada": sekarang.isoformat(timespec="seconds"),
                        "dibuat_oleh": pelaku.username,
                        "duckdb": duckdb.__version__,
                        "migrasi": migrasi, "migrasi_terakhir": migrasi[-1] if migrasi else None,
                        "tabel": tabel, "berkas": berkas, "bukti_bermasalah": bermasalah,
                    }
                    zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
                os.replace(sementara, tujuan)
                dipindah = True
        except BaseException as exc:
            # No archive without its audit row (and none half-written).
            Path(sementara).unlink(missing_ok=True)
            if dipindah:
                tujuan.unlink(missing_ok=True)
            if isinstance(exc, (OSError, duckdb.Error)):  # disk full, unreadable file, …
                raise DataTidakValid(f"Cadangan gagal dibuat (tidak ada yang berubah): "
                                     f"{exc}") from exc
            raise
    return tujuan


# --- reading and checking an archive ---

def _nama_member_aman(nama: str) -> bool:
    if nama == MANIFEST:
        return True
    if "\\" in nama or ":" in nama or nama.startswith("/"):
        return False
    bagian = PurePosixPath(nama).parts
    if any(b in ("", ".", "..") for b in bagian):
        return False
    return bool(_NAMA_DB.fullmatch(nama) or _NAMA_BUKTI.fullmatch(nama))


def _buka_zip(arsip: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(arsip)
    except FileNotFoundError:
        raise DataTidakValid(f"Arsip {arsip} tidak ditemukan.") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataTidakValid(f"Berkas {arsip} bukan arsip cadangan LKj (bukan ZIP yang "
                             f"utuh): {exc}") from None


def _manifest(zf: zipfile.ZipFile, arsip: Path) -> dict:
    try:
        data = zf.read(MANIFEST)
    except KeyError:
        raise DataTidakValid(f"Arsip {arsip.name} tidak memuat {MANIFEST}: ini bukan "
                             "cadangan LKj.") from None
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
        raise DataTidakValid(f"{MANIFEST} dalam arsip rusak: {exc}") from None
    try:
        m = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise DataTidakValid(f"{MANIFEST} dalam arsip rusak (bukan JSON).") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise DataTidakValid(f"Arsip {arsip.name} bukan cadangan LKj.")
    if not isinstance(m.get("versi_format"), int) or m["versi_format"] > VERSI_FORMAT:
        raise DataTidakValid("Cadangan ini dibuat oleh versi LKj yang lebih baru; perbarui "
                             "aplikasi dulu, lalu pulihkan lagi.")
    berkas, tabel, migrasi = m.get("berkas"), m.get("tabel"), m.get("migrasi")
    if (not isinstance(berkas, list) or not isinstance(tabel, dict)
            or not isinstance(migrasi, list)
            or not all(isinstance(b, dict) and isinstance(b.get("path"), str)
                       and isinstance(b.get("ukuran"), int) and b["ukuran"] >= 0
                       and isinstance(b.get("sha256"), str) and _SHA.fullmatch(b["sha256"])
                       for b in berkas)
            or not all(isinstance(k, str) and isinstance(v, int) and v >= 0
                       for k, v in tabel.items())
            or not all(isinstance(x, str) for x in migrasi)):
        raise DataTidakValid(f"{MANIFEST} dalam arsip tidak lengkap atau rusak.")
    return m


def baca_manifest(arsip: Path | str) -> dict:
    """The manifest of a backup archive (format checked, checksums not yet verified)."""
    arsip = Path(arsip)
    with _buka_zip(arsip) as zf:
        return _manifest(zf, arsip)


def periksa_arsip(arsip: Path | str) -> dict:
    """Verify a backup completely without writing anything: member names, the manifest,
    every size and sha256, and that this app knows every migration it was made with.
    Returns the manifest; raises DataTidakValid (Indonesian) on the first problem."""
    arsip = Path(arsip)
    with _buka_zip(arsip) as zf:
        m = _manifest(zf, arsip)
        nama_zip = [i.filename for i in zf.infolist()]
        tidak_aman = [n for n in nama_zip if not _nama_member_aman(n)]
        tidak_aman += [b["path"] for b in m["berkas"] if not _nama_member_aman(b["path"])
                       or b["path"] == MANIFEST]
        if tidak_aman:
            raise DataTidakValid("Arsip ditolak: memuat nama berkas yang tidak aman atau tidak "
                                 "dikenal (" + ", ".join(sorted(set(tidak_aman))[:5]) + ").")
        if len(set(nama_zip)) != len(nama_zip) or \
                len({b["path"] for b in m["berkas"]}) != len(m["berkas"]):
            raise DataTidakValid("Arsip ditolak: ada nama berkas ganda.")
        di_manifest = {b["path"] for b in m["berkas"]}
        di_zip = set(nama_zip) - {MANIFEST}
        if di_manifest - di_zip:
            raise DataTidakValid("Arsip tidak lengkap: berkas " + ", ".join(
                sorted(di_manifest - di_zip)[:5]) + " tercantum di manifest tetapi tidak ada.")
        if di_zip - di_manifest:
            raise DataTidakValid("Arsip ditolak: berkas " + ", ".join(
                sorted(di_zip - di_manifest)[:5]) + " tidak tercantum di manifest.")
        if not {"db/schema.sql", "db/load.sql"} <= di_manifest:
            raise DataTidakValid("Arsip tidak memuat ekspor basis data (db/schema.sql, "
                                 "db/load.sql).")
        for b in m["berkas"]:
            _periksa_member(zf, b)
    dikenal = {nama for nama, _ in MIGRASI}
    asing = [x for x in m["migrasi"] if x not in dikenal]
    if asing:
        raise DataTidakValid("Cadangan ini memakai skema yang lebih baru dari aplikasi ini "
                             f"({', '.join(asing)}); perbarui LKj dulu, lalu pulihkan lagi.")
    if "schema_migrasi" not in m["tabel"]:
        raise DataTidakValid("Cadangan tidak memuat tabel schema_migrasi.")
    return m


def _periksa_member(zf: zipfile.ZipFile, b: dict) -> None:
    info = zf.getinfo(b["path"])
    if info.file_size != b["ukuran"]:
        raise DataTidakValid(f"Checksum tidak cocok: ukuran {b['path']} berbeda dari manifest "
                             "(arsip rusak atau diubah).")
    g = _NAMA_BUKTI.fullmatch(b["path"])
    if g and g.group(2) != b["sha256"]:
        raise DataTidakValid(f"Checksum tidak cocok: {b['path']} tidak bernama sesuai isinya.")
    h, total = hashlib.sha256(), 0
    try:
        with zf.open(info) as fh:
            # Read no more than the manifest promises: a forged size cannot make us inflate
            # a zip bomb.
            while blok := fh.read(min(_BLOK, b["ukuran"] - total + 1)):
                total += len(blok)
                if total > b["ukuran"]:
                    break
                h.update(blok)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
        raise DataTidakValid(f"Arsip rusak pada {b['path']}: {exc}") from None
    if total != b["ukuran"] or h.hexdigest() != b["sha256"]:
        raise DataTidakValid(f"Checksum tidak cocok pada {b['path']} (arsip rusak atau "
                             "diubah); tidak ada yang dipulihkan.")


# --- restore ---

def _salin_member(zf: zipfile.ZipFile, b: dict, tujuan: Path) -> None:
    # Written under a name we build ourselves (never the member's own path), hashed again on
    # the way so an archive changed since the check is still caught.
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    with zf.open(b["path"]) as src, open(tujuan, "xb") as dst:
        while blok := src.read(_BLOK):
            h.update(blok)
            dst.write(blok)
    if h.hexdigest() != b["sha256"]:
        raise DataTidakValid(f"Checksum tidak cocok pada {b['path']} saat disalin.")


def selaraskan_urutan(con: Con) -> list[str]:
    """Advance every sequence used as a column default past that column's largest value, so
    inserts after a restore never collide; returns the sequences that had to move."""
    dipindah = []
    for skema, tabel, kolom, bawaan in con.execute(
            "SELECT schema_name, table_name, column_name, column_default FROM duckdb_columns()"
            " WHERE database_name = current_database() AND column_default LIKE 'nextval(%'"
    ).fetchall():
        g = _NEXTVAL.search(bawaan or "")
        if not g:
            continue
        urutan = g.group(1)
        maks = con.execute(f"SELECT max({_kutip(kolom)}) FROM {_kutip(skema)}.{_kutip(tabel)}"
                           ).fetchone()[0]
        info = con.execute("SELECT start_value, last_value, increment_by FROM duckdb_sequences()"
                           " WHERE database_name = current_database() AND sequence_name = ?",
                           [urutan.split(".")[-1]]).fetchone()
        if maks is None or info is None:
            continue
        mulai, terakhir, langkah = info
        berikut = mulai if terakhir is None else terakhir + langkah
        if langkah > 0 and berikut <= maks:
            con.execute("SELECT max(nextval(?)) FROM range(?)",
                        [urutan, (maks - berikut) // langkah + 1])
            dipindah.append(urutan)
    return dipindah


def _impor(folder_db: Path, db_tujuan: Path, m: dict) -> None:
    con = duckdb.connect(str(db_tujuan))
    try:
        # The export's SQL comes from the archive: run it in a sandbox that may read only the
        # extracted folder (no other file, no network, no extension install).
        sementara = folder_db.parent / "spill"
        sementara.mkdir()
        con.execute("SET temp_directory = ?", [str(sementara)])
        con.execute("SET allowed_directories = ?", [[str(folder_db.parent) + os.sep]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            con.execute(f"IMPORT DATABASE {_literal(folder_db)}")
        except duckdb.Error as exc:
            raise DataTidakValid(f"Impor basis data dari arsip gagal: {exc}") from None
        jumlah = _jumlah_baris(con)
        if jumlah != m["tabel"]:
            beda = sorted(k for k in set(jumlah) | set(m["tabel"])
                          if jumlah.get(k) != m["tabel"].get(k))
            raise DataTidakValid("Jumlah baris hasil pemulihan tidak sama dengan manifest "
                                 f"(tabel: {', '.join(beda[:5])}).")
        selaraskan_urutan(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def pulihkan_cadangan(arsip: Path | str, db_tujuan: Path | str,
                      folder_bukti_tujuan: Path | str | None = None) -> dict:
    """Restore a backup into a fresh data folder: verify every checksum first (nothing is
    written on any problem), refuse an existing database or a non-empty evidence folder,
    import, check row counts, continue the id sequences, apply newer migrations and record
    the restore in the audit log. Returns the manifest."""
    arsip, db_tujuan = Path(arsip), Path(db_tujuan)
    folder_bukti_tujuan = (Path(folder_bukti_tujuan) if folder_bukti_tujuan is not None
                           else db_tujuan.parent / "bukti")
    m = periksa_arsip(arsip)
    if db_tujuan.exists() or Path(f"{db_tujuan}.wal").exists():
        raise DataTidakValid(
            f"Basis data tujuan {db_tujuan} sudah ada. Pemulihan hanya ke folder data yang "
            f"baru: pindahkan dulu folder data lama ke samping (mis. `mv {db_tujuan.parent} "
            f"{db_tujuan.parent}-lama`) atau pilih LKJ_DB lain, lalu ulangi.")
    if folder_bukti_tujuan.exists() and (not folder_bukti_tujuan.is_dir()
                                         or any(folder_bukti_tujuan.iterdir())):
        raise DataTidakValid(
            f"Folder bukti tujuan {folder_bukti_tujuan} tidak kosong. Pemulihan hanya ke "
            "folder data yang baru: pindahkan dulu folder itu ke samping, lalu ulangi.")

    bukti_baru = not folder_bukti_tujuan.exists()
    folder_baru = [p for p in (db_tujuan.parent, *db_tujuan.parent.parents) if not p.exists()]
    db_tujuan.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="lkj-pulih-") as tmp, \
                zipfile.ZipFile(arsip) as zf:
            folder_db = Path(tmp) / "db"
            folder_db.mkdir()
            for b in m["berkas"]:
                if b["path"].startswith("db/"):
                    _salin_member(zf, b, folder_db / PurePosixPath(b["path"]).name)
            _impor(folder_db, db_tujuan, m)
            for b in m["berkas"]:
                if b["path"].startswith("bukti/"):
                    sha = b["sha256"]
                    _salin_member(zf, b, folder_bukti_tujuan / sha[:2] / sha)
        con = buka(db_tujuan)  # migrations newer than the backup, if any
        try:
            catatan = {"arsip": arsip.name, "dibuat_pada": m.get("dibuat_pada"),
                       "dibuat_oleh": m.get("dibuat_oleh"), "tabel": len(m["tabel"]),
                       "baris": sum(m["tabel"].values()),
                       "berkas_bukti": sum(b["path"].startswith("bukti/") for b in m["berkas"])}
            # One row per instansi, so each admin's Log Audit shows the restore.
            instansi = [r[0] for r in con.execute("SELECT id FROM instansi ORDER BY id")
                        .fetchall()] or [None]
            with transaksi(con):
                for iid in instansi:
                    audit.catat(con, PELAKU_PULIHKAN, iid, "pulihkan", "basis_data",
                                arsip.name, None, catatan)
        finally:
            con.close()
    except BaseException as exc:
        # Leave the target as fresh as we found it.
        for p in (db_tujuan, Path(f"{db_tujuan}.wal")):
            p.unlink(missing_ok=True)
        if bukti_baru:
            shutil.rmtree(folder_bukti_tujuan, ignore_errors=True)
        elif folder_bukti_tujuan.is_dir():  # it was empty before: empty it again
            for p in folder_bukti_tujuan.iterdir():
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)
        for p in folder_baru:  # deepest first; only folders we made and left empty
            try:
                p.rmdir()
            except OSError:
                break
        if isinstance(exc, (OSError, zipfile.BadZipFile, duckdb.Error)):
            raise DataTidakValid(f"Pemulihan gagal dan dibatalkan: {exc}") from exc
        raise
    return m
