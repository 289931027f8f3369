"""PAdES signatures end to end: real keys, real PKCS#12, a real fpdf2 PDF, pyHanko both ways."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from io import BytesIO

import pypdf
import pytest

from lkj_core.angka import BULAN
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from fpdf import FPDF
from pypdf.generic import DecodedStreamObject

from lkj_core import ttd_elektronik as ttd
from lkj_core.organisasi import DataTidakValid

NAMA = "Dra. Siti Aminah, M.Si"
NIP = "19700101 199503 2 001"
SANDI = "rahasia-inspektur"
JUDUL = "Laporan Kinerja Inspektorat 2026"
TEKS = "Capaian kinerja 95 persen"


def _pdf_fpdf2() -> bytes:
    pdf = FPDF()
    pdf.set_title(JUDUL)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, TEKS)
    return bytes(pdf.output())


@pytest.fixture(autouse=True)
def db_file():
    """No database: signing touches no table, so conftest's per-test demo copy is skipped."""
    return None


@pytest.fixture(scope="module")
def dunia(tmp_path_factory):
    """One demo CA, one signer, one signed PDF for the whole module (key generation is slow)."""
    folder = tmp_path_factory.mktemp("ca")
    ca_pem, _ = ttd.buat_ca_demo(folder)
    p12 = ttd.buat_p12_demo(folder, NAMA, NIP, "Inspektur", SANDI)
    asli = _pdf_fpdf2()
    waktu = datetime.now(ttd.WIB).replace(second=0, microsecond=0)
    bertanda = ttd.tandatangani(asli, p12, SANDI, NAMA, "Pengesahan LKjIP", "Wonosobo", waktu)
    return {"folder": folder, "ca": ca_pem, "p12": p12, "asli": asli, "waktu": waktu,
            "bertanda": bertanda}


def test_ca_demo_dibuat_sekali_per_folder(dunia):
    folder = dunia["folder"]
    assert ttd.buat_ca_demo(folder)[0] == dunia["ca"]
    assert stat.S_IMODE(os.stat(folder / ttd.BERKAS_KUNCI_CA).st_mode) == 0o600
    ca = x509.load_pem_x509_certificate(dunia["ca"])
    assert ca.subject == ca.issuer
    assert "BUKAN untuk penggunaan resmi" in ca.subject.rfc4514_string()
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_ca_demo_tanpa_kunci_ditolak(dunia, tmp_path):
    (tmp_path / ttd.BERKAS_CA).write_bytes(dunia["ca"])
    with pytest.raises(DataTidakValid, match="kuncinya") as e:
        ttd.buat_ca_demo(tmp_path)
    assert e.value.kolom == "ca"


def test_p12_demo_membawa_identitas_penanda_tangan(dunia):
    _, cert, lain = pkcs12.load_key_and_certificates(dunia["p12"], SANDI.encode())
    nama = cert.subject
    assert nama.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == "197001011995032001"
    assert nama.get_attributes_for_oid(NameOID.TITLE)[0].value == "Inspektur"
    assert nama.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == ttd.INSTANSI_BAKU
    penggunaan = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert penggunaan.digital_signature and penggunaan.content_commitment
    assert [c.subject for c in lain] == [cert.issuer]


def test_periksa_p12(dunia):
    info = ttd.periksa_p12(dunia["p12"], SANDI)
    assert info["subjek"] == NAMA
    assert info["penerbit"] == ttd.NAMA_CA_DEMO
    assert len(info["sha256_sertifikat"]) == 64
    assert int(info["serial"], 16) > 0
    masa = info["berlaku_sampai"] - info["berlaku_mulai"]
    assert timedelta(days=5 * 365) < masa < timedelta(days=5 * 366 + 2)


def test_sertifikat_kedaluwarsa_ditolak_dengan_tanggal_indonesia(dunia):
    sampai = ttd.periksa_p12(dunia["p12"], SANDI)["berlaku_sampai"]
    with pytest.raises(DataTidakValid, match="kedaluwarsa") as e:
        ttd.periksa_p12(dunia["p12"], SANDI, pada=sampai + timedelta(days=1))
    bulan = BULAN[sampai.month - 1]
    assert f"{sampai.day} {bulan} {sampai.year}" in str(e.value)


def test_sandi_salah(dunia):
    with pytest.raises(DataTidakValid, match="^Kata sandi sertifikat salah") as e:
        ttd.periksa_p12(dunia["p12"], "bukan-sandinya")
    assert e.value.kolom == "sandi"
    with pytest.raises(DataTidakValid, match="^Kata sandi sertifikat salah") as e:
        ttd.tandatangani(dunia["asli"], dunia["p12"], "bukan-sandinya", NAMA, "a", "b")
    assert e.value.kolom == "sandi"


@pytest.mark.parametrize("data", [b"", b"bukan sertifikat", b"%PDF-1.7\n"])
def test_bukan_p12(data):
    with pytest.raises(DataTidakValid) as e:
        ttd.periksa_p12(data, SANDI)
    assert e.value.kolom == "sertifikat"


def test_tanda_tangan_sah(dunia):
    hasil = ttd.verifikasi(dunia["bertanda"], [dunia["ca"]])
    assert (hasil["bertanda_tangan"], hasil["utuh"], hasil["tepercaya"]) == (True, True, True)
    assert hasil["penandatangan"] == NAMA
    assert hasil["waktu"] == dunia["waktu"]
    w = dunia["waktu"]
    assert hasil["pesan"] == (
        f"Tanda tangan sah: ditandatangani oleh {NAMA} pada {w.day} {BULAN[w.month - 1]} "
        f"{w.year} pukul {w:%H.%M} WIB; dokumen tidak berubah sejak ditandatangani.")


def test_tanda_tangan_pades_dan_pdf_tetap_terbaca(dunia):
    pembaca = pypdf.PdfReader(BytesIO(dunia["bertanda"]))
    assert TEKS in pembaca.pages[0].extract_text()
    assert pembaca.metadata.title == JUDUL
    nilai = pembaca.get_fields()[ttd.NAMA_FIELD]["/V"]
    assert nilai["/SubFilter"] == "/ETSI.CAdES.detached"
    assert (nilai["/Reason"], nilai["/Location"], nilai["/Name"]) == (
        "Pengesahan LKjIP", "Wonosobo", NAMA)
    # Incremental: the unsigned PDF is still there, byte for byte, at the start.
    assert dunia["bertanda"].startswith(dunia["asli"])


def test_satu_byte_diubah(dunia):
    data = bytearray(dunia["bertanda"])
    data[data.index(JUDUL.encode())] ^= 0x01  # 'L' -> 'M' in the title, inside the range
    hasil = ttd.verifikasi(bytes(data), [dunia["ca"]])
    assert hasil["bertanda_tangan"] and not hasil["utuh"] and not hasil["tepercaya"]
    assert "dokumen telah berubah setelah ditandatangani" in hasil["pesan"]


def test_nilai_tanda_tangan_diubah(dunia):
    data = bytearray(dunia["bertanda"])
    awal = data.index(b"/Contents <") + len(b"/Contents <")
    isi = bytes(data[awal:data.index(b">", awal)])
    # The RSA signature value closes the CMS, just before the zero padding.
    posisi = awal + len(isi.rstrip(b"0")) - 10
    data[posisi] = ord("1") if data[posisi] == ord("0") else ord("0")
    hasil = ttd.verifikasi(bytes(data), [dunia["ca"]])
    assert hasil["bertanda_tangan"] and not hasil["utuh"] and not hasil["tepercaya"]
    assert "rusak atau dipalsukan" in hasil["pesan"]


def test_byte_ditambahkan_di_akhir(dunia):
    hasil = ttd.verifikasi(dunia["bertanda"] + b"\n% tambahan\n", [dunia["ca"]])
    assert hasil["bertanda_tangan"] and not hasil["utuh"]
    assert "ditambahkan" in hasil["pesan"]


def test_pembaruan_inkremental_yang_mengubah_isi(dunia):
    penulis = pypdf.PdfWriter(BytesIO(dunia["bertanda"]), incremental=True)
    halaman = penulis.pages[0]
    isi = DecodedStreamObject()
    isi.set_data(halaman.get_contents().get_data().replace(b"95", b"99"))
    halaman.replace_contents(isi)
    keluaran = BytesIO()
    penulis.write(keluaran)
    diubah = keluaran.getvalue()
    assert "99 persen" in pypdf.PdfReader(BytesIO(diubah)).pages[0].extract_text()
    hasil = ttd.verifikasi(diubah, [dunia["ca"]])
    assert hasil["bertanda_tangan"] and not hasil["utuh"]
    assert "dokumen telah berubah setelah ditandatangani" in hasil["pesan"]


def test_akar_lain_tidak_tepercaya(dunia, tmp_path):
    ca_lain, _ = ttd.buat_ca_demo(tmp_path)
    for akar in ([ca_lain], []):
        hasil = ttd.verifikasi(dunia["bertanda"], akar)
        assert hasil["bertanda_tangan"] and hasil["utuh"] and not hasil["tepercaya"]
        assert hasil["pesan"].startswith("Tanda tangan tidak tepercaya")
        assert hasil["penandatangan"] == NAMA


def test_pdf_tanpa_tanda_tangan(dunia):
    hasil = ttd.verifikasi(dunia["asli"], [dunia["ca"]])
    assert hasil["bertanda_tangan"] is False
    assert hasil["pesan"] == "Dokumen ini tidak memuat tanda tangan elektronik."


@pytest.mark.parametrize("data", [b"", b"ini bukan PDF", b"%PDF-1.7\nrusak\n%%EOF\n",
                                  bytes(range(256)) * 4])
def test_bukan_pdf(dunia, data):
    with pytest.raises(DataTidakValid) as e:
        ttd.verifikasi(data, [dunia["ca"]])
    assert e.value.kolom == "pdf"
    with pytest.raises(DataTidakValid) as e:
        ttd.tandatangani(data, dunia["p12"], SANDI, NAMA, "a", "b")
    assert e.value.kolom == "pdf"


def test_akar_rusak(dunia):
    with pytest.raises(DataTidakValid, match="akar ke-1") as e:
        ttd.verifikasi(dunia["bertanda"], [b"bukan sertifikat"])
    assert e.value.kolom == "akar"


def test_pdf_yang_sudah_ditandatangani_ditolak(dunia):
    with pytest.raises(DataTidakValid, match="sudah ditandatangani"):
        ttd.tandatangani(dunia["bertanda"], dunia["p12"], SANDI, NAMA, "a", "b")


@pytest.mark.parametrize("kolom", ["nama", "alasan", "lokasi"])
def test_isian_wajib(dunia, kolom):
    isian = {"nama": NAMA, "alasan": "a", "lokasi": "b", kolom: "  "}
    with pytest.raises(DataTidakValid, match="wajib diisi") as e:
        ttd.tandatangani(dunia["asli"], dunia["p12"], SANDI, **isian)
    assert e.value.kolom == kolom


def test_p12_demo_menolak_isian_salah(dunia):
    with pytest.raises(DataTidakValid) as e:
        ttd.buat_p12_demo(dunia["folder"], NAMA, "123", "Inspektur", SANDI)
    assert e.value.kolom == "nip"
    with pytest.raises(DataTidakValid, match="minimal") as e:
        ttd.buat_p12_demo(dunia["folder"], NAMA, NIP, "Inspektur", "pendek")
    assert e.value.kolom == "sandi"
