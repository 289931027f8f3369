"""Uploads through every entry point (evidence, SOP step attachments, the report logo): the
type is the content's, the size limit is lkj_core's own, a user's file name never becomes a
path, and a stored file goes back only to users who may see its entry.

tests/test_bukti.py covers the type detector and the name cleaner value by value; here the
same rules are checked where files enter and leave the application.
"""

from __future__ import annotations

import hashlib
import io
import re
import tomllib
import unicodedata
import zipfile
from pathlib import Path

import pytest

from akses_util import aktor, instansi_lain, sidik
from akses_util import unsur as _unsur
from apptest_util import app, teks
from conftest import pelaku
from lkj_app import alur, komponen
from lkj_app.state import _koneksi
from lkj_core import bukti, naskah, siklus
from lkj_core.bukti import MAKS_UKURAN, BuktiTidakValid
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import IZIN, PERAN, AksesDitolak
from test_bukti import _png

ROOT = Path(__file__).resolve().parent.parent


def _zip(*nama: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in nama:
            zf.writestr(n, "<x/>")
    return buf.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = _png()
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"

# Content a ".pdf" name must not smuggle in.
BUKAN_BUKTI = {
    "exe": b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120),
    "elf": b"\x7fELF\x02\x01\x01" + bytes(60),
    "html": b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
    "html_pdf_di_tengah": b"<html>%PDF-1.4 <script>alert(1)</script></html>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "skrip": b"#!/bin/sh\nrm -rf /\n",
    "teks": "Laporan kinerja".encode(),
    "pdf_berspasi": b" \n%PDF-1.4\n%%EOF",
    "zip_biasa": _zip("isi.txt"),
    "zip_tersambung_ke_exe": b"MZ" + bytes(64) + _zip("xl/workbook.xml"),
    "doc_lama": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(100),
    "xlsm": _zip("xl/workbook.xml", "xl/vbaProject.bin"),
}
# Names a user (or a crafted request) may send.
NAMA_JAHAT = [
    "../../app.py", "/etc/passwd", "con.pdf", "nul", "NUL.pdf", "a\\b.pdf", "aux", "COM1.txt",
    "lpt9.pdf", "lap\x00oran.pdf", "\x00", "x" * 300 + ".pdf", "ä" * 300, "..", ".", "",
    " .pdf", "...pdf", "a/../../b.pdf", "C:\\Windows\\system32\\cmd.exe",
    "file:///etc/passwd", "%2e%2e%2fapp.py", "tagihan\u202egpj.exe",
    "laporan\r\nContent-Type: text/html.pdf", "ñandú 😀 Laporan Kinerja.pdf",
    "Laporan\u0301 e\u0301.pdf", '<script>alert(1)</script>.pdf', "'; DROP TABLE bukti_dukung; --",
]


def _ik(con, kode):
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _berkas(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _semua(dasar: Path) -> set[str]:
    return {str(p.relative_to(dasar)) for p in dasar.rglob("*")}


def _nama_aman_sekali(nama: str) -> None:
    """What a stored/served name must look like, whatever the user sent."""
    assert nama == bukti.nama_aman(nama, "pdf") and nama.endswith(".pdf")
    assert not set(nama) & set('/\\<>:"|?*\x00'), repr(nama)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in nama), repr(nama)
    assert 0 < len(nama) <= bukti.PANJANG_NAMA_MAKS and not nama.startswith((".", " "))
    assert nama == unicodedata.normalize("NFC", nama)
    dasar = nama.split(".")[0].strip().upper()
    assert dasar not in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                         *(f"LPT{i}" for i in range(1, 10))}, nama


# --- type by content, at every entry point ---

@pytest.fixture
def sid(demo_con):
    return siklus.buka_siklus(demo_con, pelaku(demo_con, "inspektur"), 2025, "800/1/2026")


def _unggah(con, tujuan: str, sid: int | None, nama: str, data: bytes, folder: Path):
    """Upload through one entry point; returns (download name, MIME, bytes) read back."""
    if tujuan == "bukti":
        irban1 = pelaku(con, "irban1")
        bid = bukti.tambah_bukti(con, irban1, _ik(con, "IK-01"), 2026, nama, data, folder)
        return bukti.baca_bukti(con, irban1, bid, folder)
    ins = pelaku(con, "inspektur")
    lid = siklus.lampirkan(con, ins, sid, 1, nama, data, folder=folder)
    return siklus.baca_lampiran(con, ins, lid, folder)


TUJUAN = ["bukti", "lampiran"]


@pytest.mark.parametrize("tujuan", TUJUAN)
@pytest.mark.parametrize("data,jenis,mime", [
    (PNG, "png", "image/png"), (JPG, "jpg", "image/jpeg"), (PDF, "pdf", "application/pdf"),
    (b"%PDF-1.7\n<html><script>alert(1)</script>", "pdf", "application/pdf"),
])
def test_nama_pdf_disimpan_sebagai_jenis_sebenarnya(demo_con, sid, tmp_path, tujuan, data,
                                                    jenis, mime):
    nama, tipe, isi = _unggah(demo_con, tujuan, sid, "laporan.pdf", data, tmp_path)
    assert (tipe, isi) == (mime, data)
    # The name shown and offered on download carries the true type's extension.
    assert nama == ("laporan.pdf" if jenis == "pdf" else f"laporan.pdf.{jenis}")
    tabel = "bukti_dukung" if tujuan == "bukti" else "lampiran_langkah"
    assert demo_con.execute(f"SELECT jenis FROM {tabel} WHERE diunggah_oleh <>"
                            " 'sistem:seed-demo'").fetchall() == [(jenis,)]


@pytest.mark.parametrize("tujuan", TUJUAN)
@pytest.mark.parametrize("jenis", BUKAN_BUKTI)
def test_isi_bukan_dokumen_ditolak_walau_bernama_pdf(demo_con, sid, tmp_path, tujuan, jenis):
    sebelum = sidik(demo_con, tmp_path)
    with pytest.raises(BuktiTidakValid) as e:
        _unggah(demo_con, tujuan, sid, "laporan.pdf", BUKAN_BUKTI[jenis], tmp_path)
    assert re.search("tidak didukung|tidak diterima", str(e.value))   # Indonesian, explained
    assert sidik(demo_con, tmp_path) == sebelum and not _berkas(tmp_path)


@pytest.mark.parametrize("data", [PDF, BUKAN_BUKTI["html"], BUKAN_BUKTI["svg"]])
def test_logo_hanya_gambar(demo_con, data):
    admin = pelaku(demo_con, "admin")
    sebelum = sidik(demo_con)
    with pytest.raises(DataTidakValid):
        naskah.atur_logo(demo_con, admin, data)
    assert sidik(demo_con) == sebelum and naskah.logo(demo_con, admin.instansi_id) is None
    naskah.atur_logo(demo_con, admin, PNG)
    assert naskah.logo(demo_con, admin.instansi_id) == PNG


# --- the size limit is lkj_core's, not only Streamlit's ---

def test_batas_unggah_streamlit_sama_dengan_batas_lkj_core():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # Streamlit counts maxUploadSize in MiB (x 1024 x 1024), as MAKS_UKURAN does.
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAKS_UKURAN


@pytest.mark.parametrize("tujuan", TUJUAN)
def test_batas_ukuran_di_lkj_core(demo_con, sid, tmp_path, tujuan):
    pas = PDF + bytes(MAKS_UKURAN - len(PDF))
    sebelum = sidik(demo_con, tmp_path / "a")
    with pytest.raises(BuktiTidakValid, match=r"terlalu besar \(10,1 MB\).*maksimal 10 MB"):
        _unggah(demo_con, tujuan, sid, "besar.pdf", pas + b"\0" * (100 * 1024), tmp_path / "a")
    with pytest.raises(BuktiTidakValid, match="terlalu besar"):
        _unggah(demo_con, tujuan, sid, "besar.pdf", pas + b"\0", tmp_path / "a")
    assert sidik(demo_con, tmp_path / "a") == sebelum and _semua(tmp_path) <= {"a"}
    # Exactly the limit is accepted, and comes back whole.
    assert _unggah(demo_con, tujuan, sid, "pas.pdf", pas, tmp_path / "b")[2] == pas


def test_batas_ukuran_logo(demo_con):
    admin = pelaku(demo_con, "admin")
    with pytest.raises(DataTidakValid, match="Logo maksimal 1 MB"):
        naskah.atur_logo(demo_con, admin, PNG + bytes(naskah.LOGO_MAKS))
    assert naskah.logo(demo_con, admin.instansi_id) is None


# --- a file name is never a path ---

@pytest.mark.parametrize("tujuan", TUJUAN)
def test_nama_berkas_tidak_pernah_menjadi_jalur(demo_con, sid, tmp_path, tujuan, monkeypatch):
    folder = tmp_path / "simpan" / "bukti"
    # A relative name followed from here would land inside tmp_path, where it would show.
    kerja = tmp_path / "a" / "b" / "kerja"
    kerja.mkdir(parents=True)
    monkeypatch.chdir(kerja)
    mutlak = {p: p.stat().st_mtime_ns for p in (Path("/etc/passwd"),) if p.exists()}
    for i, nama in enumerate(NAMA_JAHAT):
        data = PDF + f"% {i}\n".encode()   # one distinct file per name
        unduh, tipe, isi = _unggah(demo_con, tujuan, sid, nama, data, folder)
        sha = hashlib.sha256(data).hexdigest()
        assert (folder / sha[:2] / sha).read_bytes() == data
        assert (tipe, isi) == ("application/pdf", data)
        _nama_aman_sekali(unduh)
    # Only content-addressed files, in the evidence folder, nothing beside it.
    semua = _berkas(tmp_path)
    assert len(semua) == len(NAMA_JAHAT)
    for p in semua:
        rel = p.relative_to(folder)
        assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{64}", rel.as_posix()) and \
            rel.name.startswith(rel.parent.name), p
    assert {p for p in _semua(tmp_path) if not p.startswith("simpan")} == {
        "a", "a/b", "a/b/kerja"}
    assert {p: p.stat().st_mtime_ns for p in mutlak} == mutlak
    tabel = "bukti_dukung" if tujuan == "bukti" else "lampiran_langkah"
    for (nama,) in demo_con.execute(f"SELECT nama_berkas FROM {tabel}").fetchall():
        _nama_aman_sekali(nama)


def test_contoh_nama_yang_ditampilkan(demo_con, tmp_path):
    irban1, ik = pelaku(demo_con, "irban1"), _ik(demo_con, "IK-01")
    hasil = {}
    for i, nama in enumerate(["../../app.py", "/etc/passwd", "con.pdf", "nul", "a\\b.pdf",
                              "lap\x00oran.pdf", "x" * 300 + ".pdf",
                              "laporan\r\nContent-Type: text/html.pdf"]):
        bid = bukti.tambah_bukti(demo_con, irban1, ik, 2026, nama, PDF + bytes([i]), tmp_path)
        hasil[nama] = bukti.baca_bukti(demo_con, irban1, bid, tmp_path)[0]
    assert hasil == {
        "../../app.py": "app.py.pdf", "/etc/passwd": "passwd.pdf", "con.pdf": "_con.pdf",
        "nul": "_nul.pdf", "a\\b.pdf": "b.pdf", "lap\x00oran.pdf": "laporan.pdf",
        "x" * 300 + ".pdf": "x" * 116 + ".pdf",
        # A "/" ends the path part: what was before it is dropped, newline and all.
        "laporan\r\nContent-Type: text/html.pdf": "html.pdf"}


def test_baris_rusak_tidak_menunjuk_ke_luar_folder(demo_con, tmp_path):
    """A damaged row (sha256 rewritten to a path) is refused, never followed."""
    irban1 = pelaku(demo_con, "irban1")
    bid = bukti.tambah_bukti(demo_con, irban1, _ik(demo_con, "IK-01"), 2026, "a.pdf", PDF,
                             tmp_path / "bukti")
    (tmp_path / "rahasia").write_bytes(b"rahasia")
    for jahat in ("../rahasia", "../../etc/passwd", "/etc/passwd", "A" * 64):
        demo_con.execute("UPDATE bukti_dukung SET sha256 = ? WHERE id = ?", [jahat, bid])
        with pytest.raises(DataTidakValid, match="hilang atau rusak"):
            bukti.baca_bukti(demo_con, irban1, bid, tmp_path / "bukti")


# --- served back only to those who may see the entry ---

def test_unduh_bukti_hanya_untuk_yang_boleh_melihat_isian(demo_con, tmp_path):
    irban1, ik = pelaku(demo_con, "irban1"), _ik(demo_con, "IK-01")
    bid = bukti.tambah_bukti(demo_con, irban1, ik, 2026, "bukti.pdf", PDF, tmp_path)
    for p in PERAN:
        a = aktor(demo_con, p)
        if p in IZIN["lihat_isian"]:
            assert bukti.baca_bukti(demo_con, a, bid, tmp_path)[2] == PDF, p
        else:
            with pytest.raises(AksesDitolak):
                bukti.baca_bukti(demo_con, a, bid, tmp_path)
    for username in ("irban3", "sekretariat"):   # bidang users of other units
        with pytest.raises(AksesDitolak, match="unit lain"):
            bukti.baca_bukti(demo_con, pelaku(demo_con, username), bid, tmp_path)
    for p, orang in instansi_lain(demo_con).items():
        with pytest.raises((AksesDitolak, DataTidakValid)):
            bukti.baca_bukti(demo_con, orang, bid, tmp_path)


def _unduh(at) -> list:
    """The download buttons of stored files (evidence, step attachments)."""
    return [u for u in _unsur(at.main) if u.type == "download_button" and u.label == "Unduh"]


def test_halaman_hanya_menawarkan_bukti_kepada_yang_boleh(db_file):
    """The evidence of IRBAN3's draft entry IK-06: offered on the intake page to its unit and
    the admin, on the review page to the Kasubag, to nobody else; the download re-checks."""
    with _koneksi(str(db_file)).cursor() as cur:
        irban3 = pelaku(cur, "irban3")
        ik6 = _ik(cur, "IK-06")
        bid = bukti.tambah_bukti(cur, irban3, ik6, 2025, "Notulen Irban III.pdf", PDF)
        orang = {u: pelaku(cur, u) for u in ("irban1", "kasubag", "admin", "staf", "irban3")}
    at = app("irban3", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik6).run()
    assert len(_unduh(at)) == 1 and "Notulen Irban III.pdf" in teks(at)
    at = app("irban1", "isian_kinerja")
    assert not any("IK-06" in o for o in at.selectbox(key="isi_pilih").options)
    # (irban1 sees its own demo evidence, never IK-06's)
    assert not [u for u in _unduh(at) if u.key == f"isi_dl_{bid}"] and "Notulen" not in teks(at)
    at = app("admin", "isian_kinerja")
    at.selectbox(key="isi_unit").set_value(irban3.unit_id).run()
    at.selectbox(key="isi_pilih").set_value(ik6).run()
    assert len(_unduh(at)) == 1
    at = app("kasubag", "rekap_isian")
    at.multiselect(key="rekap_status").set_value(["draft"]).run()
    at.selectbox(key="rekap_pilih").set_value(ik6).run()
    assert len(_unduh(at)) == 1 and "Notulen Irban III.pdf" in teks(at)
    # The bytes are read when the button is clicked, through the same check.
    for u in ("irban3", "kasubag", "admin"):
        assert komponen._isi_bukti(orang[u], bid) == PDF
    for u in ("irban1", "staf"):
        with pytest.raises(AksesDitolak):
            komponen._isi_bukti(orang[u], bid)


def test_lampiran_langkah_hanya_untuk_yang_boleh_melihat_siklus(db_file):
    with _koneksi(str(db_file)).cursor() as cur:
        ins = pelaku(cur, "inspektur")
        sid = siklus.buka_siklus(cur, ins, 2025, "")
        lid = siklus.lampirkan(cur, ins, sid, 1, "Disposisi.pdf", PDF)
        orang = {p: aktor(cur, p) for p in PERAN}
    for p, a in orang.items():
        if p in IZIN["lihat_siklus"]:
            assert alur._isi(a, lid) == PDF
        else:
            with pytest.raises(AksesDitolak):
                alur._isi(a, lid)
    at = app("staf", "alur_sop")
    assert len(_unduh(at)) == 1 and "Disposisi.pdf" in teks(at)
