"""AppTest of 'Naskah Laporan' and 'Ekspor Laporan', and the report commands."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from apptest_util import app, teks, tombol
from lkj_app.state import _koneksi

ROOT = Path(__file__).resolve().parent.parent


def test_naskah_disimpan_dan_masuk_pdf(db_file):
    at = app("kasubag", "naskah_laporan")
    assert not at.exception
    at.text_area(key="naskah_2025_kata_pengantar").input("Puji syukur — pengantar uji “LKj”.")
    next(b for b in at.button if b.label == "Simpan" and "kata_pengantar" in b.proto.form_id
         ).click()
    at.run()
    with _koneksi(str(db_file)).cursor() as cur:
        assert cur.execute("SELECT teks FROM naskah_laporan WHERE kunci = 'kata_pengantar'"
                           ).fetchall() == [("Puji syukur — pengantar uji “LKj”.",)]
    e = app("kasubag", "ekspor_laporan")
    tombol(e, "Buat PDF draf Laporan Kinerja").click()
    e.run()
    assert not e.exception
    assert [b for b in e.get("download_button")]
    tahun, pdf = e.session_state["pdf_laporan"]
    isi = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert tahun == 2025 and "pengantar uji “LKj”" in isi


def test_naskah_kosong_menampilkan_usulan_yang_dapat_disalin(db_file):
    at = app("kasubag", "naskah_laporan")
    assert not at.exception
    # the demo leaves the Ikhtisar to the app: its generated text is shown as a proposal
    usulan = [t.value for t in at.text if "menyajikan capaian kinerja atas 3 sasaran" in t.value]
    assert usulan and "Sebaran menurut kategori capaian" in usulan[0]
    assert at.text_area(key="naskah_2025_ikhtisar").value == ""
    tombol_salin = next(b for b in at.button if b.key == "salin_naskah_2025_ikhtisar")
    tombol_salin.click()
    at.run()
    assert at.text_area(key="naskah_2025_ikhtisar").value == usulan[0]
    # copied, not saved: the PDF keeps following the data until the Kasubag saves
    with _koneksi(str(db_file)).cursor() as cur:
        assert cur.execute("SELECT count(*) FROM naskah_laporan WHERE kunci = 'ikhtisar'"
                           ).fetchone() == (0,)


def test_bidang_tidak_dapat_mengekspor():
    at = app("irban1", "ekspor_laporan")
    assert "Anda tidak memiliki akses ke halaman ini" in teks(at)


def test_surat_pengantar_tanpa_nomor_memberi_pesan():
    at = app("kasubag", "ekspor_laporan")
    tombol(at, "Buat surat pengantar").click()
    at.run()
    assert not at.exception and at.error
    at.text_input(key="surat_nomor").input("050/77/2026")
    tombol(at, "Buat surat pengantar").click()
    at.run()
    tahun, pdf = at.session_state["pdf_surat"]
    assert "050/77/2026" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_perintah_laporan_dan_surat(tmp_path, db_file):
    env = {**os.environ, "LKJ_DB": str(db_file)}
    keluar = tmp_path / "laporan.pdf"
    r = subprocess.run([sys.executable, "-m", "lkj_core", "laporan", "--tahun", "2025",
                        "--keluar", str(keluar)], capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert keluar.read_bytes().startswith(b"%PDF")
    r = subprocess.run([sys.executable, "-m", "lkj_core", "laporan", "--tahun", "2030",
                        "--keluar", str(tmp_path / "x.pdf")], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 1 and "Gagal:" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "lkj_core", "surat-pengantar", "--tahun", "2025",
                        "--keluar", str(tmp_path / "s.pdf"), "--nomor", "050/1/2026",
                        "--tanggal", "2026-01-20"], capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr



def test_tahun_bertanda_tangan_menawarkan_salinan_beku_dan_hash(db_file):
    import hashlib

    from conftest import pelaku
    from lkj_core import arsip

    with _koneksi(str(db_file)).cursor() as cur:
        a = arsip.berlaku(cur, pelaku(cur, "admin").instansi_id, 2024)
        pdf = arsip.unduh(cur, pelaku(cur, "admin"), 2024)
    assert hashlib.sha256(pdf).hexdigest() == a["sha256"]
    for user, boleh_buka in (("inspektur", True), ("kasubag", False)):
        e = app(user, "ekspor_laporan")
        e.selectbox(key="ekspor_tahun").set_value(2024).run()
        assert not e.exception
        assert "telah **ditandatangani**" in teks(e)
        assert [c for c in e.code if a["sha256"] in c.value]
        assert [b for b in e.get("download_button") if b.label == "Unduh LKjIP bertanda tangan"]
        assert not [b for b in e.button if b.label == "Buat PDF draf Laporan Kinerja"]
        assert any(b.label == "Buka kembali tahun ini" for b in e.button) == boleh_buka
    # Reopening without a reason is refused and changes nothing.
    e = app("inspektur", "ekspor_laporan")
    e.selectbox(key="ekspor_tahun").set_value(2024).run()
    tombol(e, "Buka kembali tahun ini").click()
    e.run()
    assert "Alasan membuka kembali" in teks(e)
    with _koneksi(str(db_file)).cursor() as cur:
        assert arsip.berlaku(cur, pelaku(cur, "admin").instansi_id, 2024)["versi"] == 1
