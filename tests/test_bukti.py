"""Evidence files: type by content, safe names, content-addressed storage, access and audit."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib

import pytest

from conftest import pelaku
from lkj_core import audit, bukti, config, isian, organisasi
from lkj_core.bukti import MAKS_UKURAN, BuktiTidakValid
from lkj_core.isian import IsianKinerja
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak, Pelaku


# --- sample files, built in memory ---

def _png() -> bytes:
    def chunk(tag, isi):
        return struct.pack(">I", len(isi)) + tag + isi + struct.pack(
            ">I", zlib.crc32(tag + isi) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _zip(*nama: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for n in nama:
            zf.writestr(n, "<x/>")
    return buf.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = _png()
JPG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
       b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9")
XLSX = _zip("xl/workbook.xml", "xl/worksheets/sheet1.xml")
DOCX = _zip("word/document.xml")
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)


@pytest.mark.parametrize("data,jenis", [(PDF, "pdf"), (PNG, "png"), (JPG, "jpg"),
                                        (XLSX, "xlsx"), (DOCX, "docx")])
def test_jenis_dikenali_dari_isi(data, jenis):
    assert bukti.deteksi_jenis(data) == jenis
    assert bukti.JENIS[jenis][1] == jenis


@pytest.mark.parametrize("data", [
    _zip("isi.txt"),                                  # a plain zip
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # OLE2: old .doc/.xls
    "Ini hanya teks yang diberi nama laporan.pdf".encode(),
    EXE,
    EXE + XLSX,                                       # an exe with an Office zip appended
    _zip("xl/workbook.xml", "word/document.xml"),     # crafted: both markers
    b"PK\x03\x04" + b"rusak" * 20,                     # zip signature, broken archive
    b" %PDF-1.4",                                     # signature not at the start
    b"\x89PNG",                                       # truncated signature
], ids=["zip", "ole2", "teks", "exe", "exe+zip", "dua-penanda", "zip-rusak", "spasi-pdf",
        "png-terpotong"])
def test_jenis_lain_ditolak(data):
    with pytest.raises(BuktiTidakValid, match="Jenis berkas tidak didukung.*PDF, JPG, PNG, "
                                              "XLSX, DOCX"):
        bukti.deteksi_jenis(data)


def test_ole2_disarankan_simpan_ulang():
    with pytest.raises(BuktiTidakValid, match=r"\.docx/\.xlsx"):
        bukti.deteksi_jenis(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


@pytest.mark.parametrize("nama", ["xl/workbook.xml", "word/document.xml"])
def test_dokumen_bermakro_ditolak(nama):
    with pytest.raises(BuktiTidakValid, match="makro"):
        bukti.deteksi_jenis(_zip(nama, nama.split("/")[0] + "/vbaProject.bin"))


def test_kosong_dan_terlalu_besar():
    with pytest.raises(BuktiTidakValid, match="Berkas kosong"):
        bukti.deteksi_jenis(b"")
    besar = PDF + bytes(MAKS_UKURAN + 1 - len(PDF))
    assert len(besar) == MAKS_UKURAN + 1
    with pytest.raises(BuktiTidakValid, match=r"\(10,1 MB\).*maksimal 10 MB"):
        bukti.deteksi_jenis(besar)
    with pytest.raises(BuktiTidakValid, match=r"\(12,3 MB\)"):
        bukti.deteksi_jenis(PDF + bytes(int(12.25 * 1024 * 1024)))
    assert bukti.deteksi_jenis(PDF + bytes(MAKS_UKURAN - len(PDF))) == "pdf"  # the limit itself


@pytest.mark.parametrize("nama,jenis,hasil", [
    ("../../app.py", "pdf", "app.py.pdf"),
    ("con.pdf", "pdf", "_con.pdf"),
    ("NUL", "png", "_NUL.png"),
    ("C:\\x\\y.docx", "docx", "y.docx"),
    ("lap\x00oran\r\nTahunan\t2025.pdf", "pdf", "laporan Tahunan 2025.pdf"),
    ("tagihan\u202egpj.exe", "pdf", "tagihangpj.exe.pdf"),
    ('a<b>c:d"e|f?g*h.xlsx', "xlsx", "abcdefgh.xlsx"),
    ("  Laporan    Kinerja  .docx", "docx", "Laporan Kinerja.docx"),
    ("...", "png", "bukti.png"),
    ("", "jpg", "bukti.jpg"),
    (".pdf", "pdf", "pdf.pdf"),
    ("..\\..\\.bashrc", "pdf", "bashrc.pdf"),
    ("laporan.exe", "pdf", "laporan.exe.pdf"),
    ("data.pdf", "xlsx", "data.pdf.xlsx"),
    ("foto.JPG", "jpg", "foto.JPG"),
    ("foto.jpeg", "jpg", "foto.jpeg"),
    ("laporan.", "pdf", "laporan.pdf"),
])
def test_nama_aman(nama, jenis, hasil):
    assert bukti.nama_aman(nama, jenis) == hasil
    assert bukti.nama_aman(hasil, jenis) == hasil  # idempotent: re-cleaning on download is safe


def test_nama_panjang_dipotong_dengan_ekstensi_tetap():
    hasil = bukti.nama_aman("ä" * 300 + ".pdf", "pdf")
    assert hasil == "ä" * 116 + ".pdf" and len(hasil) == 120
    hasil = bukti.nama_aman("b" * 300, "docx")
    assert hasil == "b" * 115 + ".docx"


# --- helpers over the demo database ---

def _id(con, kode):
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _berkas(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _audit(con, aksi):
    return con.execute("SELECT pelaku, kunci, lama, baru FROM audit_log WHERE tabel ="
                       " 'bukti_dukung' AND aksi = ? ORDER BY id", [aksi]).fetchall()


def test_folder_bawaan_di_samping_basis_data(demo_con, db_file):
    irban1 = pelaku(demo_con, "irban1")
    bid = bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-01"), 2026, "a.pdf", PDF)
    sha = hashlib.sha256(PDF).hexdigest()
    assert config.bukti_dir() == db_file.parent / "bukti"
    # beside the demo's own evidence files (seeded there as the app stores them)
    assert db_file.parent / "bukti" / sha[:2] / sha in _berkas(db_file.parent / "bukti")
    assert bukti.baca_bukti(demo_con, irban1, bid)[2] == PDF


def test_unggah_daftar_unduh_identik_dan_diaudit(demo_con, tmp_path):
    folder = tmp_path / "simpan"
    irban1 = pelaku(demo_con, "irban1")
    ik = _id(demo_con, "IK-01")
    b1 = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "../Laporan BPKP.exe", PDF, folder)
    b2 = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "foto kegiatan.png", PNG, folder)
    b3 = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "rekap.xlsx", bytearray(XLSX), folder)
    df = bukti.daftar_bukti(demo_con, irban1, ik, 2026)
    assert list(df.columns) == ["id", "nama_berkas", "jenis", "ukuran", "diunggah_oleh",
                                "diunggah_pada"]
    assert df["id"].tolist() == [b1, b2, b3]
    assert df["nama_berkas"].tolist() == ["Laporan BPKP.exe.pdf", "foto kegiatan.png",
                                          "rekap.xlsx"]
    assert df["jenis"].tolist() == ["pdf", "png", "xlsx"]
    assert df["ukuran"].tolist() == [len(PDF), len(PNG), len(XLSX)]
    assert set(df["diunggah_oleh"]) == {"irban1"}
    assert bukti.daftar_bukti(demo_con, irban1, ik, 2022).empty  # per year
    # A verifier of another role reads the same bytes back.
    kasubag = pelaku(demo_con, "kasubag")
    assert bukti.baca_bukti(demo_con, kasubag, b1, folder) == (
        "Laporan BPKP.exe.pdf", "application/pdf", PDF)
    assert bukti.baca_bukti(demo_con, irban1, b2, folder) == ("foto kegiatan.png", "image/png",
                                                             PNG)
    nama, mime, isi = bukti.baca_bukti(demo_con, irban1, b3, folder)
    assert isi == XLSX and mime.endswith("spreadsheetml.sheet")

    rows = _audit(demo_con, "unggah")
    assert [(r[0], r[1]) for r in rows] == [("irban1", str(b)) for b in (b1, b2, b3)]
    assert rows[0][2] is None
    assert json.loads(rows[0][3]) == {
        "indikator_id": ik, "tahun": 2026, "nama_berkas": "Laporan BPKP.exe.pdf",
        "jenis": "pdf", "ukuran": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest()}


def test_penyimpanan_tanpa_teks_pengguna_dan_isi_sama_disimpan_sekali(demo_con, tmp_path):
    folder = tmp_path / "simpan"
    irban1, irban3 = pelaku(demo_con, "irban1"), pelaku(demo_con, "irban3")
    bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-01"), 2026, "rahasia.pdf", PDF,
                       folder)
    bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-02"), 2026, "lain.pdf", PDF, folder)
    bukti.tambah_bukti(demo_con, irban3, _id(demo_con, "IK-06"), 2025, "x.pdf", PDF, folder)
    sha = hashlib.sha256(PDF).hexdigest()
    assert _berkas(folder) == [folder / sha[:2] / sha]  # one copy, no temp files left behind
    assert all("rahasia" not in str(p) and "pdf" not in p.name for p in folder.rglob("*"))
    assert demo_con.execute("SELECT count(*) FROM bukti_dukung WHERE sha256 = ?",
                            [sha]).fetchone()[0] == 3


def test_isi_sama_dua_kali_pada_isian_yang_sama_ditolak(demo_con, tmp_path):
    irban1 = pelaku(demo_con, "irban1")
    ik = _id(demo_con, "IK-01")
    bukti.tambah_bukti(demo_con, irban1, ik, 2026, "a.pdf", PDF, tmp_path)
    with pytest.raises(BuktiTidakValid, match="sudah diunggah.*a.pdf"):
        bukti.tambah_bukti(demo_con, irban1, ik, 2026, "b.pdf", PDF, tmp_path)
    assert len(bukti.daftar_bukti(demo_con, irban1, ik, 2026)) == 1


def test_berkas_tidak_valid_tidak_disimpan(demo_con, tmp_path):
    irban1 = pelaku(demo_con, "irban1")
    ik = _id(demo_con, "IK-01")
    for data in (b"", EXE, _zip("isi.txt")):
        with pytest.raises(BuktiTidakValid):
            bukti.tambah_bukti(demo_con, irban1, ik, 2026, "x.pdf", data, tmp_path)
    assert _berkas(tmp_path) == [] and _audit(demo_con, "unggah") == []
    assert bukti.daftar_bukti(demo_con, irban1, ik, 2026).empty


def test_unit_lain_ditolak_di_semua_operasi(demo_con, tmp_path):
    irban1, irban3 = pelaku(demo_con, "irban1"), pelaku(demo_con, "irban3")
    ik = _id(demo_con, "IK-01")
    bid = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "a.pdf", PDF, tmp_path)
    before = _berkas(tmp_path)
    with pytest.raises(AksesDitolak, match="unit lain"):
        bukti.tambah_bukti(demo_con, irban3, ik, 2026, "b.png", PNG, tmp_path)
    with pytest.raises(AksesDitolak):
        bukti.daftar_bukti(demo_con, irban3, ik, 2026)
    with pytest.raises(AksesDitolak):
        bukti.baca_bukti(demo_con, irban3, bid, tmp_path)
    with pytest.raises(AksesDitolak):
        bukti.hapus_bukti(demo_con, irban3, bid, tmp_path)
    assert _berkas(tmp_path) == before  # the refused upload wrote nothing, nothing removed
    assert bukti.baca_bukti(demo_con, irban1, bid, tmp_path)[2] == PDF
    # Roles that may only read cannot upload or delete.
    inspektur = pelaku(demo_con, "inspektur")
    assert len(bukti.daftar_bukti(demo_con, inspektur, ik, 2026)) == 1
    with pytest.raises(AksesDitolak):
        bukti.tambah_bukti(demo_con, inspektur, ik, 2026, "c.png", PNG, tmp_path)
    with pytest.raises(AksesDitolak):
        bukti.hapus_bukti(demo_con, inspektur, bid, tmp_path)


def test_instansi_lain_tidak_menemukan_bukti(demo_con, tmp_path):
    irban1 = pelaku(demo_con, "irban1")
    bid = bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-01"), 2026, "a.pdf", PDF,
                             tmp_path)
    lain = organisasi.buat_instansi(demo_con, "uji", "LAIN", "Instansi Lain", "Kab. Lain")
    admin_lain = Pelaku("admin_lain", "admin", lain)
    for fungsi in (bukti.baca_bukti, bukti.hapus_bukti):
        with pytest.raises(DataTidakValid, match="Bukti dukung tidak ditemukan"):
            fungsi(demo_con, admin_lain, bid, tmp_path)
    with pytest.raises(DataTidakValid, match="tidak ditemukan"):
        bukti.tambah_bukti(demo_con, admin_lain, _id(demo_con, "IK-01"), 2026, "a.png", PNG,
                           tmp_path)
    assert len(_berkas(tmp_path)) == 1


def test_isian_terverifikasi_terkunci(demo_con, tmp_path):
    irban1, kasubag = pelaku(demo_con, "irban1"), pelaku(demo_con, "kasubag")
    with pytest.raises(DataTidakValid, match="terkunci"):
        bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-01"), 2025, "a.pdf", PDF,
                           tmp_path)
    assert _berkas(tmp_path) == []
    # Evidence attached while editable stays locked once the entry is submitted and verified.
    ik = _id(demo_con, "IK-02")
    bid = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "a.pdf", PDF, tmp_path)
    isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(
        nilai="3,6", narasi={"analisis_penyebab": "Asesmen BPKP tepat waktu."}), 0)
    isian.ubah_status(demo_con, irban1, ik, 2026, "ajukan")
    with pytest.raises(DataTidakValid, match="Diajukan"):
        bukti.hapus_bukti(demo_con, irban1, bid, tmp_path)
    isian.ubah_status(demo_con, kasubag, ik, 2026, "verifikasi")
    for p in (irban1, pelaku(demo_con, "admin")):
        with pytest.raises(DataTidakValid, match="terkunci"):
            bukti.hapus_bukti(demo_con, p, bid, tmp_path)
        with pytest.raises(DataTidakValid, match="terkunci"):
            bukti.tambah_bukti(demo_con, p, ik, 2026, "b.png", PNG, tmp_path)
    assert len(bukti.daftar_bukti(demo_con, irban1, ik, 2026)) == 1
    assert bukti.baca_bukti(demo_con, irban1, bid, tmp_path)[2] == PDF
    assert _audit(demo_con, "hapus") == []


def test_hapus_di_draf_berkas_dibuang_hanya_jika_tak_dirujuk(demo_con, tmp_path):
    irban3 = pelaku(demo_con, "irban3")
    ik6, ik10 = _id(demo_con, "IK-06"), _id(demo_con, "IK-10")
    assert isian.isian(demo_con, irban3, ik6, 2025)["status"] == "draft"
    sha = hashlib.sha256(PDF).hexdigest()
    lokasi = tmp_path / sha[:2] / sha
    b1 = bukti.tambah_bukti(demo_con, irban3, ik6, 2025, "temuan.pdf", PDF, tmp_path)
    b2 = bukti.tambah_bukti(demo_con, irban3, ik10, 2026, "mri.pdf", PDF, tmp_path)
    b3 = bukti.tambah_bukti(demo_con, irban3, ik6, 2025, "foto.jpg", JPG, tmp_path)

    bukti.hapus_bukti(demo_con, irban3, b1, tmp_path)
    assert bukti.daftar_bukti(demo_con, irban3, ik6, 2025)["id"].tolist() == [b3]
    assert lokasi.is_file()  # still used by b2
    assert bukti.baca_bukti(demo_con, irban3, b2, tmp_path)[2] == PDF
    with pytest.raises(DataTidakValid, match="tidak ditemukan"):
        bukti.baca_bukti(demo_con, irban3, b1, tmp_path)

    bukti.hapus_bukti(demo_con, irban3, b2, tmp_path)
    assert not lokasi.exists() and not lokasi.parent.exists()
    sha_jpg = hashlib.sha256(JPG).hexdigest()
    assert _berkas(tmp_path) == [tmp_path / sha_jpg[:2] / sha_jpg]

    rows = _audit(demo_con, "hapus")
    assert [(r[0], r[1], r[3]) for r in rows] == [("irban3", str(b1), None),
                                                   ("irban3", str(b2), None)]
    lama = json.loads(rows[0][2])
    assert (lama["id"], lama["nama_berkas"], lama["sha256"], lama["tahun"]) == (
        b1, "temuan.pdf", sha, 2025)


def test_berkas_diubah_atau_hilang_ditolak_saat_unduh(demo_con, tmp_path):
    irban1 = pelaku(demo_con, "irban1")
    ik = _id(demo_con, "IK-01")
    b_pdf = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "a.pdf", PDF, tmp_path)
    b_png = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "b.png", PNG, tmp_path)
    sha = hashlib.sha256(PDF).hexdigest()
    lokasi = tmp_path / sha[:2] / sha
    lokasi.write_bytes(PDF[:-2] + b"X\n")  # same size, different bytes
    with pytest.raises(DataTidakValid, match="hilang atau rusak; hubungi admin"):
        bukti.baca_bukti(demo_con, irban1, b_pdf, tmp_path)
    lokasi.write_bytes(PDF + b"tambahan")
    with pytest.raises(DataTidakValid, match="hilang atau rusak"):
        bukti.baca_bukti(demo_con, irban1, b_pdf, tmp_path)
    sha_png = hashlib.sha256(PNG).hexdigest()
    (tmp_path / sha_png[:2] / sha_png).unlink()
    with pytest.raises(DataTidakValid, match="hilang atau rusak"):
        bukti.baca_bukti(demo_con, irban1, b_png, tmp_path)
    # A row whose hash was tampered with can never point outside the folder.
    demo_con.execute("UPDATE bukti_dukung SET sha256 = '../../lkj' WHERE id = ?", [b_png])
    with pytest.raises(DataTidakValid, match="hilang atau rusak"):
        bukti.baca_bukti(demo_con, irban1, b_png, tmp_path)


def test_unggah_ulang_memperbaiki_berkas_rusak(demo_con, tmp_path):
    irban1 = pelaku(demo_con, "irban1")
    b1 = bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-01"), 2026, "a.pdf", PDF,
                            tmp_path)
    sha = hashlib.sha256(PDF).hexdigest()
    (tmp_path / sha[:2] / sha).write_bytes(b"rusak")
    bukti.tambah_bukti(demo_con, irban1, _id(demo_con, "IK-02"), 2026, "a.pdf", PDF, tmp_path)
    assert bukti.baca_bukti(demo_con, irban1, b1, tmp_path)[2] == PDF


def test_gagal_simpan_baris_membuang_berkas_yatim(demo_con, tmp_path, monkeypatch):
    irban1 = pelaku(demo_con, "irban1")
    ik1, ik2 = _id(demo_con, "IK-01"), _id(demo_con, "IK-02")
    bukti.tambah_bukti(demo_con, irban1, ik1, 2026, "a.pdf", PDF, tmp_path)

    def gagal(*args, **kwargs):
        raise RuntimeError("audit gagal")

    monkeypatch.setattr(audit, "catat", gagal)
    with pytest.raises(RuntimeError):
        bukti.tambah_bukti(demo_con, irban1, ik1, 2026, "b.png", PNG, tmp_path)
    with pytest.raises(RuntimeError):  # same content as a kept row: its file must stay
        bukti.tambah_bukti(demo_con, irban1, ik2, 2026, "a.pdf", PDF, tmp_path)
    monkeypatch.undo()
    sha = hashlib.sha256(PDF).hexdigest()
    assert _berkas(tmp_path) == [tmp_path / sha[:2] / sha]
    assert demo_con.execute("SELECT count(*) FROM bukti_dukung WHERE tahun = 2026"
                            ).fetchone()[0] == 1
    assert bukti.daftar_bukti(demo_con, irban1, ik2, 2026).empty


def test_hak_akses_diperiksa_sebelum_isi_berkas(demo_con, tmp_path):
    irban3 = pelaku(demo_con, "irban3")
    with pytest.raises(AksesDitolak):
        bukti.tambah_bukti(demo_con, irban3, _id(demo_con, "IK-01"), 2026, "x.pdf", b"",
                           tmp_path)
    with pytest.raises(DataTidakValid, match="terkunci"):
        bukti.tambah_bukti(demo_con, irban3, _id(demo_con, "IK-10"), 2025, "x.pdf", EXE,
                           tmp_path)


def test_status_berubah_saat_unggah_tidak_menulis_berkas(demo_con, tmp_path, monkeypatch):
    irban3 = pelaku(demo_con, "irban3")
    ik = _id(demo_con, "IK-06")
    asli = bukti.nama_aman

    def lalu_diajukan(nama, jenis):
        # Another session submits the entry between the first check and the write.
        demo_con.execute("UPDATE realisasi SET status = 'diajukan' WHERE indikator_id = ?"
                         " AND tahun = 2025", [ik])
        return asli(nama, jenis)

    monkeypatch.setattr(bukti, "nama_aman", lalu_diajukan)
    with pytest.raises(DataTidakValid, match="terkunci"):
        bukti.tambah_bukti(demo_con, irban3, ik, 2025, "a.pdf", PDF, tmp_path)
    assert _berkas(tmp_path) == [] and _audit(demo_con, "unggah") == []
