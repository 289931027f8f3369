"""The signed report, frozen: step 11 builds the year's PDF, signs it (PAdES, the Inspektur's
certificate) and stores the exact bytes with their SHA-256; from then on every download of
that year returns those bytes and the year's data is read-only, until the Inspektur reopens
the year with a reason (the copy stays downloadable as superseded; the next signing makes a
new version)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pandas as pd

from lkj_core import (audit, gerbang, organisasi, pengaturan, penguncian, siklus,
                      ttd_elektronik)
from lkj_core.db import Con, transaksi, ulangi_bila_bentrok
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib

KUNCI_SERTIFIKAT = "sertifikat_ttd"
SERTIFIKAT_MAKS = 64 * 1024


# The signed state and the read-only rule live in penguncian (writers of data import it).
berlaku = penguncian.berlaku
wajib_terbuka = penguncian.wajib_terbuka
TahunTerkunci = penguncian.TahunTerkunci


def daftar_versi(con: Con, pelaku: Pelaku, tahun: int) -> pd.DataFrame:
    """Every signed version of a year, newest first (in force and superseded)."""
    wajib(pelaku, "ekspor_laporan")
    return con.execute("SELECT id, versi, sha256, ukuran, ditandatangani_oleh, penandatangan,"
                       " sertifikat, ditandatangani_pada, status, dibuka_oleh, dibuka_pada,"
                       " alasan_buka FROM laporan_final WHERE instansi_id = ? AND tahun = ?"
                       " ORDER BY versi DESC", [pelaku.instansi_id, tahun]).df()


def unduh(con: Con, pelaku: Pelaku, tahun: int, versi: int | None = None) -> bytes | None:
    """The exact stored bytes of the year's signed copy (in force, or version `versi`),
    checked against their SHA-256; None when the year has no signed copy."""
    wajib(pelaku, "ekspor_laporan")
    row = con.execute("SELECT isi, sha256 FROM laporan_final WHERE instansi_id = ? AND"
                      " tahun = ? AND (CASE WHEN ? IS NULL THEN status = 'berlaku'"
                      " ELSE versi = ? END)", [pelaku.instansi_id, tahun, versi, versi]
                      ).fetchone()
    if row is None:
        return None
    isi = bytes(row[0])
    if hashlib.sha256(isi).hexdigest() != row[1]:
        raise DataTidakValid("Salinan laporan yang ditandatangani rusak (SHA-256 tidak cocok); "
                             "pulihkan dari cadangan.")
    return isi


# --- the signing certificate (PKCS#12; its passphrase is typed at each signing) ---

def sertifikat(con: Con, instansi_id: int) -> dict | None:
    """The imported signing certificate's description (subject, issuer, validity), or None."""
    v = pengaturan.baca_json(con, instansi_id, KUNCI_SERTIFIKAT)
    return {k: v[k] for k in v if k != "p12"} if v else None


def impor_sertifikat(con: Con, pelaku: Pelaku, data: bytes, sandi: str,
                     akar: list[bytes] | None = None) -> dict:
    """Store the Inspektur's PKCS#12 (kept as the encrypted file it is; the passphrase is
    checked now and never stored) and the CA certificates to trust when verifying."""
    wajib(pelaku, "kelola_pejabat")
    if not data or len(data) > SERTIFIKAT_MAKS:
        raise DataTidakValid("Berkas sertifikat (.p12/.pfx) kosong atau terlalu besar.",
                             "berkas")
    info = ttd_elektronik.periksa_p12(data, sandi)
    nilai = {**{k: str(v) for k, v in info.items()}, "p12": base64.b64encode(data).decode(),
             "akar": [a.decode() for a in (akar or [])] + info_akar(data, sandi)}
    with transaksi(con):
        con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, ?)",
                    [pelaku.instansi_id, KUNCI_SERTIFIKAT, json.dumps(nilai)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan",
                    KUNCI_SERTIFIKAT, None, {k: v for k, v in nilai.items() if k != "p12"})
    return info


def info_akar(p12: bytes, sandi: str) -> list[str]:
    """PEM of the CA certificates bundled in a PKCS#12 (the issuer chain)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _, _, tambahan = pkcs12.load_key_and_certificates(p12, sandi.encode())
    return [c.public_bytes(Encoding.PEM).decode() for c in tambahan or []]


def akar_tepercaya(con: Con, instansi_id: int) -> list[bytes]:
    """The CA certificates signatures of this instansi are checked against."""
    v = pengaturan.baca_json(con, instansi_id, KUNCI_SERTIFIKAT) or {}
    return [a.encode() for a in v.get("akar", [])]


# --- signing (step 11) ---

def tandatangani(con: Con, pelaku: Pelaku, siklus_id: int, referensi: str, catatan: str,
                 data: dict, sandi_sertifikat: str, waktu: dt.datetime | None = None,
                 alasan: str | None = None) -> dict:
    """Finish step 11: refuse while any gap of the signing gate remains, build the year's
    report as signed, sign it with the imported certificate and store its exact bytes with
    the step, in one transaction. Returns the archive row (versi, sha256, …)."""
    from lkj_core import laporan

    sik = siklus.siklus_tahun_id(con, pelaku, siklus_id)
    iid, tahun = sik["instansi_id"], sik["tahun"]
    siklus.periksa_bisa_selesai(con, pelaku, siklus_id, siklus.LANGKAH_TANDATANGAN, alasan)
    kurang = gerbang.kekurangan(con, iid, tahun)
    if kurang:
        raise DataTidakValid(gerbang.ringkas(kurang), "gerbang")
    isi = siklus.validasi_data(siklus.LANGKAH_TANDATANGAN, data or {})
    v = pengaturan.baca_json(con, iid, KUNCI_SERTIFIKAT)
    if not v:
        raise DataTidakValid("Sertifikat tanda tangan elektronik Inspektur belum diimpor "
                             "(menu Pengaturan → Tanda tangan elektronik).", "sandi")
    p12 = base64.b64decode(v["p12"])
    info = ttd_elektronik.periksa_p12(p12, sandi_sertifikat or "")
    d = laporan.kumpulkan_data(con, pelaku, tahun)
    d.ditandatangani = True
    d.tanggal_tandatangan = dt.date.fromisoformat(isi["tanggal_tandatangan"])
    ttd = d.penandatangan
    pdf = ttd_elektronik.tandatangani(
        laporan.buat_laporan(d), p12, sandi_sertifikat, ttd.get("nama") or info["subjek"],
        f"Penandatanganan {laporan.judul_laporan(tahun)}", d.tempat)
    sha = hashlib.sha256(pdf).hexdigest()
    hasil: dict = {}

    def simpan(c: Con) -> None:
        versi = c.execute("SELECT coalesce(max(versi), 0) + 1 FROM laporan_final WHERE"
                          " instansi_id = ? AND tahun = ?", [iid, tahun]).fetchone()[0]
        w = c.execute("SELECT selesai FROM siklus_langkah WHERE siklus_id = ? AND no = ?",
                      [siklus_id, siklus.LANGKAH_TANDATANGAN]).fetchone()[0]
        c.execute("INSERT INTO laporan_final (instansi_id, tahun, versi, sha256, ukuran, isi,"
                  " ditandatangani_oleh, penandatangan, sertifikat, ditandatangani_pada)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  [iid, tahun, versi, sha, len(pdf), pdf, pelaku.username,
                   json.dumps(ttd, ensure_ascii=False), info["subjek"], w])
        hasil.update(versi=versi, sha256=sha, ukuran=len(pdf), ditandatangani_pada=w)
        audit.catat(c, pelaku.username, iid, "tandatangani", "laporan_final",
                    f"{tahun}/v{versi}", None, {"sha256": sha, "ukuran": len(pdf),
                                                "penandatangan": ttd,
                                                "sertifikat": info["subjek"]})

    # Two tabs signing at once: the loser's transaction is retried, re-reads step 11 and is
    # told it is already finished (its PDF is discarded).
    ulangi_bila_bentrok(lambda: siklus.selesaikan_langkah(
        con, pelaku, siklus_id, siklus.LANGKAH_TANDATANGAN, referensi, catatan, isi, waktu,
        alasan, sebelum_selesai=simpan))
    return hasil


def buka_kembali(con: Con, pelaku: Pelaku, tahun: int, alasan: str) -> None:
    """The Inspektur reopens a signed year with a reason: the signed copy becomes superseded
    (still downloadable), steps 11–13 and the reviu are open again, the data editable."""
    wajib(pelaku, "buka_tahun_ditandatangani")
    alasan = (alasan or "").strip()
    if not alasan:
        raise DataTidakValid("Alasan membuka kembali laporan yang sudah ditandatangani wajib "
                             "diisi.", "alasan")
    iid = pelaku.instansi_id
    with transaksi(con):
        a = berlaku(con, iid, tahun)
        if a is None:
            raise DataTidakValid(f"Laporan tahun {tahun} belum ditandatangani; tidak ada yang "
                                 "perlu dibuka kembali.")
        sekarang = siklus.sekarang_jakarta()
        con.execute("UPDATE laporan_final SET status = 'digantikan', dibuka_oleh = ?,"
                    " dibuka_pada = ?, alasan_buka = ? WHERE id = ?",
                    [pelaku.username, sekarang, alasan, a["id"]])
        sik = siklus.siklus_tahun(con, iid, tahun)
        if sik is not None:
            siklus.buka_kembali_penandatanganan(con, pelaku, sik["id"], alasan, sekarang)
        con.execute("UPDATE reviu SET status = 'berjalan', selesai_oleh = NULL,"
                    " selesai_pada = NULL, versi = versi + 1 WHERE instansi_id = ? AND"
                    " tahun = ? AND status = 'selesai'", [iid, tahun])
        audit.catat(con, pelaku.username, iid, "buka_kembali", "laporan_final",
                    f"{tahun}/v{a['versi']}", {"status": "berlaku"},
                    {"status": "digantikan", "alasan": alasan})


# --- verification ---

def verifikasi(con: Con, pelaku: Pelaku, pdf: bytes) -> dict:
    """Check a PDF against the archive (exact bytes of a signed version?) and its embedded
    signature; returns the signature check plus `arsip` (the matching version or None)."""
    wajib(pelaku, "ekspor_laporan")
    sha = hashlib.sha256(pdf or b"").hexdigest()
    row = audit.baris(con, "SELECT tahun, versi, status, ditandatangani_pada FROM"
                           " laporan_final WHERE instansi_id = ? AND sha256 = ?",
                      [pelaku.instansi_id, sha])
    hasil = ttd_elektronik.verifikasi(pdf, akar_tepercaya(con, pelaku.instansi_id))
    hasil["sha256"] = sha
    hasil["arsip"] = row
    ins = organisasi.instansi(con, pelaku.instansi_id)["nama"]
    if row:
        hasil["pesan_arsip"] = (
            f"Berkas ini sama persis dengan arsip LKjIP {row['tahun']} versi {row['versi']} "
            f"{ins} ({'berlaku' if row['status'] == 'berlaku' else 'sudah digantikan'}).")
    else:
        hasil["pesan_arsip"] = ("Berkas ini TIDAK sama dengan salinan bertanda tangan mana pun "
                                f"dalam arsip {ins}.")
    return hasil
