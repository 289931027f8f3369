"""Electronic signatures on the signed LKjIP PDF: PAdES baseline B-B with pyHanko, offline.

A demo certificate authority and demo signer certificates (PKCS#12) stand in for the
certificates a real signer gets from a certification authority such as BSrE; signing and
verification do not care which of the two they are given. Nothing here touches the network:
no timestamp server (hence B-B, not B-T) and no OCSP/CRL fetching during validation. Without
a trusted timestamp the signing time is what the signer's computer claimed, and a signature
is judged at the moment it is verified (an expired signer certificate fails later on).

Datetimes coming in may be naive; they are then read as WIB wall-clock time, as everywhere
else in lkj_core. Datetimes going out are timezone-aware, in WIB.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import hashlib
import os
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from lkj_core.organisasi import DataTidakValid, teks_wajib
from lkj_core.pejabat import validasi_nip
from lkj_core.angka import format_tanggal

__all__ = [
    "BERKAS_CA",
    "BERKAS_KUNCI_CA",
    "INSTANSI_BAKU",
    "NAMA_CA_DEMO",
    "NAMA_FIELD",
    "WIB",
    "buat_ca_demo",
    "buat_p12_demo",
    "periksa_p12",
    "tandatangani",
    "verifikasi",
]

WIB = ZoneInfo("Asia/Jakarta")
NAMA_CA_DEMO = "LKj Demo CA — BUKAN untuk penggunaan resmi"
INSTANSI_BAKU = "Pemerintah Kabupaten Wonosobo"
BERKAS_CA = "ca-demo.pem"
BERKAS_KUNCI_CA = "ca-demo-key.pem"
# Invisible: the report already prints the Inspektur's signature block (name, NIP) where the
# layout puts it; a stamp drawn by pyHanko would have to know that page and position, and
# what proves the signature is the CMS, which PDF readers show in their signature panel.
NAMA_FIELD = "TandaTanganInspektur"

# RSA (PKCS#1 v1.5, SHA-256): what every PDF reader verifies and what Indonesian CAs issue.
_BIT_RSA = 2048
_UMUR_CA = timedelta(days=3653)
_UMUR_PENANDA = timedelta(days=1827)
_MUNDUR = timedelta(days=1)  # a certificate made now must already hold on a slow clock
_SANDI_MIN = 8

# What pyHanko's trust sub-indications mean for the person reading the result.
_MASALAH_KEPERCAYAAN = {
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        "sertifikatnya tidak diterbitkan oleh penerbit yang dipercaya",
    AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        "rantai sertifikatnya tidak memenuhi syarat",
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE:
        "rantai sertifikatnya tidak dapat diperiksa",
    AdESIndeterminate.SIG_CONSTRAINTS_FAILURE:
        "sertifikatnya tidak diterbitkan untuk tanda tangan dokumen",
    AdESIndeterminate.EXPIRED: "sertifikatnya sudah kedaluwarsa",
    AdESIndeterminate.NOT_YET_VALID: "sertifikatnya belum berlaku",
    AdESFailure.NOT_YET_VALID: "sertifikatnya belum berlaku",
    AdESFailure.REVOKED: "sertifikatnya sudah dicabut",
    AdESIndeterminate.REVOKED_NO_POE: "sertifikatnya sudah dicabut",
    AdESIndeterminate.REVOKED_CA_NO_POE: "sertifikat penerbitnya sudah dicabut",
    AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE:
        "algoritma kriptografinya tidak lagi dianggap aman",
    AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE_NO_POE:
        "algoritma kriptografinya tidak lagi dianggap aman",
}
# Later revisions that leave a signature standing: nothing, validation data, or another
# signature in a form field (a second signer); anything else changed the document.
_PERUBAHAN_WAJAR = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES,
                    ModificationLevel.FORM_FILLING)
# What pyHanko and asn1crypto raise on malformed input (their own errors are ValueErrors,
# apart from PdfError); anything else is a bug and should surface as one.
_GAGAL_BACA = (PdfError, ValueError, KeyError, TypeError, IndexError)


# --- formatting ---

def _wib(waktu: datetime) -> datetime:
    return waktu.replace(tzinfo=WIB) if waktu.tzinfo is None else waktu.astimezone(WIB)


def _tanggal(waktu: datetime) -> str:
    return format_tanggal(_wib(waktu))


def _tanggal_jam(waktu: datetime) -> str:
    w = _wib(waktu)
    return f"{_tanggal(w)} pukul {w:%H.%M} WIB"


def _cn(nama: x509.Name) -> str:
    cn = nama.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else nama.rfc4514_string()


# --- demo certificates ---

def _kunci_baru() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=_BIT_RSA)


def _pem_kunci(kunci: rsa.RSAPrivateKey) -> bytes:
    # Unencrypted on disk, readable by the owner only: a demo CA, not a real one.
    return kunci.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())


def _tulis(path: Path, data: bytes, mode: int) -> None:
    """Write through a temporary sibling and rename, so a crash leaves no half file."""
    sementara = path.with_name(f".{path.name}.tmp")
    sementara.unlink(missing_ok=True)
    fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(sementara, path)


def _muat_ca(folder: Path) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    cert_pem, kunci_pem = buat_ca_demo(folder)
    return (x509.load_pem_x509_certificate(cert_pem),
            serialization.load_pem_private_key(kunci_pem, password=None))


def buat_ca_demo(folder: Path) -> tuple[bytes, bytes]:
    """The demo root CA of a folder as (certificate PEM, key PEM), created on first use."""
    folder = Path(folder)
    path_cert, path_kunci = folder / BERKAS_CA, folder / BERKAS_KUNCI_CA
    if path_cert.exists():
        if not path_kunci.exists():
            # Making a new CA here would silently orphan every certificate the old one issued.
            raise DataTidakValid(f"Berkas {BERKAS_CA} ada di {folder} tetapi kuncinya "
                                 f"({BERKAS_KUNCI_CA}) tidak ada; kembalikan kunci itu atau "
                                 "hapus kedua berkas untuk membuat CA demo baru.", "ca")
        cert_pem, kunci_pem = path_cert.read_bytes(), path_kunci.read_bytes()
        try:
            cert = x509.load_pem_x509_certificate(cert_pem)
            kunci = serialization.load_pem_private_key(kunci_pem, password=None)
        except (ValueError, TypeError) as e:
            raise DataTidakValid(f"Berkas CA demo di {folder} rusak dan tidak dapat dibaca.",
                                 "ca") from e
        if cert.public_key() != kunci.public_key():
            raise DataTidakValid(f"Kunci CA demo di {folder} bukan pasangan sertifikatnya.",
                                 "ca")
        return cert_pem, kunci_pem
    # No certificate: a lone key is the leftover of an interrupted creation (the certificate
    # is written last), so nothing was ever issued with it and it may be replaced.
    kunci = _kunci_baru()
    nama = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAMA_CA_DEMO),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LKj (demo)")])
    mulai = datetime.now(timezone.utc) - _MUNDUR
    cert = (
        x509.CertificateBuilder()
        .subject_name(nama).issuer_name(nama)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai).not_valid_after(mulai + _UMUR_CA)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()),
                       critical=False)
        .sign(kunci, hashes.SHA256())
    )
    cert_pem, kunci_pem = cert.public_bytes(serialization.Encoding.PEM), _pem_kunci(kunci)
    folder.mkdir(parents=True, exist_ok=True)
    _tulis(path_kunci, kunci_pem, 0o600)
    _tulis(path_cert, cert_pem, 0o644)
    return cert_pem, kunci_pem


def buat_p12_demo(folder: Path, nama: str, nip: str, jabatan: str, sandi: str,
                  instansi: str = INSTANSI_BAKU) -> bytes:
    """A passphrase-protected PKCS#12 with a signer certificate issued by the folder's demo CA."""
    nama = teks_wajib(nama, "Nama pemilik sertifikat", "nama", maks=200)
    nip = validasi_nip(nip)
    jabatan = teks_wajib(jabatan, "Jabatan", "jabatan", maks=200)
    instansi = teks_wajib(instansi, "Instansi", "instansi", maks=200)
    if len(sandi or "") < _SANDI_MIN:
        raise DataTidakValid(f"Kata sandi sertifikat minimal {_SANDI_MIN} karakter.", "sandi")
    ca_cert, ca_kunci = _muat_ca(folder)
    kunci = _kunci_baru()
    mulai = datetime.now(timezone.utc) - _MUNDUR
    # A certificate may not outlive its issuer, or its chain breaks before it expires.
    sampai = min(mulai + _UMUR_PENANDA, ca_cert.not_valid_after_utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, nama),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, nip),
            x509.NameAttribute(NameOID.TITLE, jabatan),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, instansi),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]))
        .issuer_name(ca_cert.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai).not_valid_after(sampai)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_cert.public_key()), critical=False)
        .sign(ca_kunci, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        nama.encode("utf-8"), kunci, cert, [ca_cert],
        serialization.BestAvailableEncryption(sandi.encode("utf-8")))


# --- the signer's certificate ---

def _buka_p12(data: bytes, sandi: str) -> x509.Certificate:
    """The certificate of a PKCS#12 that also holds its key, or DataTidakValid saying why not."""
    if not data:
        raise DataTidakValid("Berkas sertifikat (.p12/.pfx) belum dipilih atau kosong.",
                             "sertifikat")
    try:
        # cryptography reports a wrong passphrase and a non-PKCS#12 file alike; the outer
        # structure, which is not encrypted, tells them apart.
        pfx = asn1_pkcs12.Pfx.load(bytes(data), strict=True)
        if pfx["auth_safe"]["content_type"].native not in ("data", "signed_data"):
            raise ValueError(pfx["auth_safe"]["content_type"].native)
    except (ValueError, TypeError, KeyError) as e:
        raise DataTidakValid("Berkas ini bukan sertifikat PKCS#12 (.p12/.pfx) yang dapat "
                             "dibaca.", "sertifikat") from e
    if not sandi:
        raise DataTidakValid("Kata sandi sertifikat wajib diisi.", "sandi")
    try:
        kunci, cert, _ = pkcs12.load_key_and_certificates(bytes(data), sandi.encode("utf-8"))
    except ValueError as e:
        raise DataTidakValid("Kata sandi sertifikat salah (atau berkasnya rusak); periksa "
                             "lagi kata sandinya.", "sandi") from e
    except UnsupportedAlgorithm as e:
        raise DataTidakValid("Berkas sertifikat memakai algoritma yang tidak didukung.",
                             "sertifikat") from e
    if cert is None:
        raise DataTidakValid("Berkas PKCS#12 ini tidak memuat sertifikat penanda tangan.",
                             "sertifikat")
    if kunci is None:
        raise DataTidakValid("Berkas PKCS#12 ini tidak memuat kunci privat, sehingga tidak "
                             "dapat dipakai untuk menandatangani.", "sertifikat")
    if kunci.public_key() != cert.public_key():
        raise DataTidakValid("Kunci privat dalam berkas PKCS#12 ini bukan pasangan "
                             "sertifikatnya.", "sertifikat")
    return cert


def periksa_p12(data: bytes, sandi: str, *, pada: datetime | None = None) -> dict:
    """Subject, issuer, serial, validity and SHA-256 of a PKCS#12's certificate, valid `pada`."""
    cert = _buka_p12(data, sandi)
    mulai, sampai = _wib(cert.not_valid_before_utc), _wib(cert.not_valid_after_utc)
    saat = _wib(pada) if pada is not None else datetime.now(WIB)
    if saat > sampai:
        raise DataTidakValid(f"Sertifikat sudah kedaluwarsa: berlaku {_tanggal(mulai)} sampai "
                             f"{_tanggal(sampai)}.", "sertifikat")
    if saat < mulai:
        raise DataTidakValid(f"Sertifikat belum berlaku: berlaku {_tanggal(mulai)} sampai "
                             f"{_tanggal(sampai)}.", "sertifikat")
    return {
        "subjek": _cn(cert.subject),
        "penerbit": _cn(cert.issuer),
        "serial": format(cert.serial_number, "X"),
        "berlaku_mulai": mulai,
        "berlaku_sampai": sampai,
        "sha256_sertifikat": hashlib.sha256(
            cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
    }


# --- signing ---

class _PenandaPdf(signers.PdfSigner):
    """A PdfSigner whose signing time is given rather than read from the clock."""

    def __init__(self, *args, waktu: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._waktu = waktu

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        sesi = super().init_signing_session(pdf_out, existing_fields_only)
        # pyHanko offers no parameter for it; the session reads this attribute for /M.
        sesi.system_time = self._waktu
        return sesi


def _baca_pdf(pdf: bytes) -> IncrementalPdfFileWriter:
    if not pdf:
        raise DataTidakValid("Berkas PDF kosong.", "pdf")
    try:
        penulis = IncrementalPdfFileWriter(BytesIO(bytes(pdf)))
    except _GAGAL_BACA as e:
        raise DataTidakValid(_pesan_bukan_pdf(pdf), "pdf") from e
    if penulis.prev.encrypted:
        raise DataTidakValid("PDF terenkripsi (berkata sandi) tidak dapat ditandatangani; "
                             "gunakan PDF laporan yang asli.", "pdf")
    return penulis


def _pesan_bukan_pdf(data: bytes) -> str:
    if bytes(data[:1024]).find(b"%PDF-") < 0:
        return "Berkas ini bukan PDF."
    return "PDF ini rusak atau strukturnya tidak dapat dibaca."


def _tanpa_loop(fungsi):
    """Run one of pyHanko's synchronous calls, which use asyncio.run inside: directly where
    no event loop runs (Streamlit's script threads, the CLI), in a worker thread where one
    does (e.g. a caller that is itself driven by an event loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi()
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(fungsi).result()


def tandatangani(pdf: bytes, p12: bytes, sandi: str, nama: str, alasan: str, lokasi: str,
                 waktu: datetime | None = None) -> bytes:
    """The PDF with an invisible PAdES B-B signature made with the PKCS#12's key."""
    nama = teks_wajib(nama, "Nama penanda tangan", "nama", maks=200)
    alasan = teks_wajib(alasan, "Alasan penandatanganan", "alasan", maks=200)
    lokasi = teks_wajib(lokasi, "Lokasi penandatanganan", "lokasi", maks=200)
    sekarang = datetime.now(WIB)
    waktu = _wib(waktu) if waktu is not None else sekarang
    periksa_p12(p12, sandi)
    if waktu != sekarang:
        periksa_p12(p12, sandi, pada=waktu)
    penulis = _baca_pdf(pdf)
    try:
        sudah = [s.field_name for s in penulis.prev.embedded_signatures]
    except _GAGAL_BACA as e:
        raise DataTidakValid(_pesan_bukan_pdf(pdf), "pdf") from e
    if NAMA_FIELD in sudah:
        raise DataTidakValid("PDF ini sudah ditandatangani secara elektronik; tandatangani "
                             "PDF laporan yang belum bertanda tangan.", "pdf")
    penanda = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[],
                                                    passphrase=sandi.encode("utf-8"))
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD, reason=alasan, location=lokasi, name=nama,
        md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES)
    keluaran = BytesIO()
    try:
        _tanpa_loop(lambda: _PenandaPdf(meta, penanda, waktu=waktu).sign_pdf(
            penulis, output=keluaran))
    except _GAGAL_BACA as e:
        raise DataTidakValid("PDF ini tidak dapat ditandatangani: strukturnya tidak didukung "
                             f"({type(e).__name__}).", "pdf") from e
    return keluaran.getvalue()


# --- verification ---

def _akar(akar: list[bytes]) -> list:
    hasil = []
    for i, data in enumerate(akar or [], start=1):
        try:
            certs = list(load_certs_from_pemder_data(bytes(data)))
        except (ValueError, TypeError, KeyError) as e:
            raise DataTidakValid(f"Sertifikat akar ke-{i} tidak dapat dibaca (harus PEM atau "
                                 "DER).", "akar") from e
        if not certs:
            raise DataTidakValid(f"Sertifikat akar ke-{i} kosong.", "akar")
        hasil.extend(certs)
    return hasil


def _masalah_keutuhan(status, ttd, pembaca: PdfFileReader) -> str | None:
    """Why a signature no longer vouches for the whole file, or None when it does."""
    if not status.intact:
        return "dokumen telah berubah setelah ditandatangani"
    if not status.valid:
        return "data tanda tangannya rusak atau dipalsukan"
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return None
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return "tanda tangan tidak mencakup seluruh dokumen"
    if ttd.signed_revision == pembaca.xrefs.total_revisions - 1:
        # pyHanko's diff analysis only sees revisions; bytes after the last one are no
        # revision, so it would find "no change" — yet the file is not what was signed.
        return "ada data yang ditambahkan pada berkas setelah ditandatangani"
    if status.modification_level in _PERUBAHAN_WAJAR and status.docmdp_ok is not False:
        return None
    return "dokumen telah berubah setelah ditandatangani"


def _periksa_satu(ttd, pembaca: PdfFileReader, konteks: ValidationContext) -> dict:
    """The verdict on one embedded signature."""
    try:
        waktu = ttd.self_reported_timestamp
    except _GAGAL_BACA:
        waktu = None
    try:
        nama = _cn(x509.load_der_x509_certificate(ttd.signer_cert.dump()).subject)
    except _GAGAL_BACA:
        nama = "(penanda tangan tidak terbaca)"
    try:
        status = _tanpa_loop(lambda: validate_pdf_signature(ttd, konteks))
    except _GAGAL_BACA as e:
        return {"penandatangan": nama, "waktu": waktu and _wib(waktu), "utuh": False,
                "tepercaya": False, "masalah": "tanda tangannya rusak dan tidak dapat "
                f"diperiksa ({type(e).__name__})"}
    waktu = status.signer_reported_dt or waktu
    masalah = _masalah_keutuhan(status, ttd, pembaca)
    utuh = masalah is None
    tepercaya = bool(status.trusted)
    if utuh and not tepercaya:
        masalah = _MASALAH_KEPERCAYAAN.get(
            status.trust_problem_indic,
            "sertifikatnya tidak dapat dipastikan berasal dari penerbit yang dipercaya")
    return {"penandatangan": nama, "waktu": waktu and _wib(waktu), "utuh": utuh,
            "tepercaya": tepercaya, "masalah": masalah}


def _oleh(r: dict) -> str:
    pada = f" pada {_tanggal_jam(r['waktu'])}" if r["waktu"] else ""
    return f"oleh {r['penandatangan']}{pada}"


def verifikasi(pdf: bytes, akar: list[bytes]) -> dict:
    """Offline verdict on every signature in a PDF against the trusted root certificates."""
    akar_cert = _akar(akar)
    if not pdf:
        raise DataTidakValid("Berkas PDF kosong.", "pdf")
    try:
        pembaca = PdfFileReader(BytesIO(bytes(pdf)))
        semua = list(pembaca.embedded_signatures)
    except _GAGAL_BACA as e:
        raise DataTidakValid(_pesan_bukan_pdf(pdf), "pdf") from e
    if not semua:
        return {"bertanda_tangan": False, "utuh": False, "tepercaya": False,
                "penandatangan": "", "waktu": None, "rincian": [],
                "pesan": "Dokumen ini tidak memuat tanda tangan elektronik."}
    # trust_roots given explicitly (even empty): never the operating system's TLS list.
    konteks = ValidationContext(trust_roots=akar_cert, allow_fetching=False,
                                revocation_mode="soft-fail")
    rincian = [_periksa_satu(t, pembaca, konteks) for t in semua]
    utuh = all(r["utuh"] for r in rincian)
    tepercaya = all(r["tepercaya"] for r in rincian)
    gagal = next((r for r in rincian if r["masalah"]), None)
    if gagal is None:
        oleh = " dan ".join(_oleh(r) for r in rincian)
        pesan = f"Tanda tangan sah: ditandatangani {oleh}; dokumen tidak berubah sejak " \
                "ditandatangani."
    elif not gagal["utuh"]:
        pesan = f"Tanda tangan tidak sah: {gagal['masalah']} ({_oleh(gagal)})."
    else:
        pesan = (f"Tanda tangan tidak tepercaya: dokumen tidak berubah sejak ditandatangani "
                 f"{_oleh(gagal)}, tetapi {gagal['masalah']}.")
    waktu_semua = [r["waktu"] for r in rincian if r["waktu"]]
    return {
        "bertanda_tangan": True,
        "utuh": utuh,
        "tepercaya": tepercaya,
        "penandatangan": "; ".join(r["penandatangan"] for r in rincian),
        "waktu": max(waktu_semua) if waktu_semua else None,
        "pesan": pesan,
        "rincian": rincian,
    }
