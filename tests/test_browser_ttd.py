"""Real-browser journey to a report the Inspektur can sign (step 11 of the SOP): the last
gaps of the signing gate are closed by their own actors, each in their own browser context,
and the Inspektur signs; the signed copy downloaded from Ekspor Laporan is byte for byte the
one kept in the database.

Before the server starts, the demo's 2025 is brought (through lkj_core, as the users would)
to one step short of signable: IK-03 and IK-09 verified, the cycle open with steps 1–10
finished in January 2026 and step 11 started, every worksheet item of the running reviu
answered and the demo's finding closed. Left for the browser: IK-06 (Irban III, a draft
without evidence) and the reviu itself.

  1. irban3 completes IK-06 on Isian Kinerja, uploads evidence and submits it;
  2. the Kasubag verifies it on Rekap Isian;
  3. the Inspektur sees the gate's remaining gap (the reviu) on Beranda, and step 11 is
     refused with that gap named — nothing is signed;
  4.–6. auditor1 (ketua of the reviu team) adds a finding, the Kasubag answers it, auditor1
     closes it and finishes the reviu with a conclusion;
  7. the Inspektur signs on Alur SOP (date typed into the date input, the certificate's
     passphrase), then downloads the signed copy on Ekspor Laporan: its SHA-256 is the one
     shown, the PDF carries the reviu statement with the team's names and no DRAFT mark;
  8. with the server stopped, lkj_core.arsip.unduh returns exactly the downloaded bytes.

Run with `pytest -m browser` (fixtures and the settling rules: test_browser.py). Screenshots
land in artifacts/screenshots/ttd_*.png.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import pelaku
from lkj_app.komponen import label_status as S
from lkj_core import arsip, demo, gerbang, isian, laporan, reviu, siklus, sop, waktu_kerja
from lkj_core.db import buka
from test_browser import (  # noqa: F401  (browser, konteks are pytest fixtures)
    _expect, _harus_di_halaman, _masuk, _shot, _tanpa_exception, _tenang, browser,
    hentikan_server, konteks, mulai_server)
from test_browser_isian import (
    LABEL_NARASI, LABEL_REALISASI, LABEL_UPLOADER, _buka_isian, _buka_rekap, _ketik,
    _klik_tombol, _kotak, _main, _metrik, _pdf_kecil, _pilih)
from test_browser_sop import _form, _isi_tanggal, _kartu, _progres, _tunggu
from test_integritas import _sampai_langkah_11, _teks

pytestmark = pytest.mark.browser

TAHUN = demo.TAHUN_LAPORAN                       # 2025
LAYAR_TINGGI = {"width": 1366, "height": 2400}
SIGN_TIMEOUT_MS = 90_000      # step 11 builds the whole report and signs it (PAdES)
INSTANSI = "Inspektorat Daerah Kabupaten Wonosobo"
KETUA, ANGGOTA = "Auditor Ahli Madya Satu (Demo)", "Auditor Ahli Muda Dua (Demo)"
CELAH_REVIU = "Reviu oleh APIP belum selesai"
NAMA_BUKTI = "bukti-temuan-berulang-2025.pdf"
REALISASI = "8"
NARASI_CADANGAN = {        # typed only where IK-06's required Bab III narrative is empty
    "analisis_penyebab": "Temuan berulang turun berkat klinik pengawasan bulanan bagi OPD.",
    "solusi": "Pendampingan penyusunan rencana aksi tindak lanjut di 14 OPD.",
    "efisiensi": "Pemeriksaan gabungan menghemat 18 hari-orang tanpa tambahan anggaran.",
    "program_pendukung": "Program Penyelenggaraan Pengawasan: pemantauan TLHP triwulanan.",
}
URAIAN = "Analisis capaian IK-06 belum membandingkan realisasi dengan rata-rata provinsi."
REKOMENDASI = "Tambahkan perbandingan dengan rata-rata kabupaten se-Jawa Tengah pada Bab III."
JAWABAN = "Perbandingan dengan rata-rata provinsi telah ditambahkan pada Bab III poin 3."
KESIMPULAN = ("Berdasarkan reviu kami, tidak terdapat kondisi yang menimbulkan perbedaan dalam "
              "meyakini keandalan informasi Laporan Kinerja 2025 (uji browser).")
LABEL_SANDI = "Kata sandi sertifikat tanda tangan elektronik"
LABEL_TGL_TTD = "Tanggal penandatanganan laporan"
JUDUL_FORM_TTD = "Tandatangani Laporan Kinerja (langkah 11)"
REF_TTD = "Naskah final LKjIP 2025 hasil reviu APIP"


# ------------------------------------------------------------------------ database and server

def _di_utas_lain(fungsi, *args):
    """Run `fungsi` in a worker thread: Playwright's sync API keeps an asyncio loop running
    in the test's thread, and pyHanko (the demo's signed 2023/2024, signature validation)
    calls asyncio.run, which refuses to start inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as ex:
        return ex.submit(fungsi, *args).result()


def _siapkan(db: Path) -> None:
    """The demo (as the app seeds it on first start) brought, through lkj_core, to the state
    described in the module docstring; the gate then lists exactly IK-06 and the reviu."""
    con = buka(db)
    try:
        demo.seed_demo(con)
        kas, ketua = pelaku(con, "kasubag"), pelaku(con, "auditor1")
        iid = kas.instansi_id
        ids = dict(con.execute("SELECT kode, id FROM indikator WHERE instansi_id = ?",
                               [iid]).fetchall())
        for kode in ("IK-03", "IK-09"):
            assert isian.isian(con, kas, ids[kode], TAHUN)["status"] == "diajukan", kode
            isian.ubah_status(con, kas, ids[kode], TAHUN, "verifikasi")
        _, w11 = _sampai_langkah_11(con, TAHUN)
        assert w11 < waktu_kerja.sekarang() - dt.timedelta(hours=1), w11
        rid = reviu.status(con, iid, TAHUN)["reviu_id"]
        for b in reviu.butir(con, ketua, rid).itertuples():
            if not isinstance(b.jawaban, str):
                reviu.isi_butir(con, ketua, rid, int(b.no), "ya", "Sesuai.",
                                "Kertas kerja dan bukti dukung")
        temuan = reviu.temuan(con, ketua, rid)
        assert len(temuan) == 1, temuan            # the demo's one finding of 2025
        for t in temuan.itertuples():
            versi = int(t.versi)
            if t.status == "terbuka":
                versi = reviu.jawab_temuan(con, kas, int(t.id), "Sudah diperbaiki.", versi)
            if t.status != "ditutup":
                reviu.tutup_temuan(con, ketua, int(t.id), versi)
        gaps = gerbang.kekurangan(con, iid, TAHUN)
        assert sorted((k.jenis, k.pesan.split(":")[0]) for k in gaps) == [
            ("bukti", "IK-06 Jumlah temuan berulang hasil pemeriksaan"),
            ("realisasi", "IK-06 Jumlah temuan berulang hasil pemeriksaan"),
            ("reviu", CELAH_REVIU)], [k.teks() for k in gaps]
        assert arsip.berlaku(con, iid, TAHUN) is None
    finally:
        con.close()


@dataclass
class Server:
    base: str
    proc: subprocess.Popen
    db: Path


@pytest.fixture
def server_ttd(tmp_path):
    """`streamlit run` over the prepared database; the test stops it itself (to read the
    database file afterwards), the finalizer only when the test failed before that."""
    db = tmp_path / "lkj.duckdb"
    _di_utas_lain(_siapkan, db)
    proc, base = mulai_server(db, tmp_path / "server.log")
    try:
        yield Server(base, proc, db)
    finally:
        hentikan_server(proc)


# ----------------------------------------------------------------------------------- helpers

def _halaman(konteks, username: str, base: str):
    """A new browser context for `username`, logged in through the real form."""
    page = konteks().new_page()
    page.set_viewport_size(LAYAR_TINGGI)
    _masuk(page, base, username)
    return page


def _buka(page, base: str, slug: str):
    """A fresh load of a page (a new Streamlit session; the login cookie keeps the user)."""
    page.goto(f"{base}/{slug}")
    _harus_di_halaman(page, slug)


def _isi_form(form, label: str, teks: str):
    kotak = form.get_by_role("textbox", name=label, exact=True)
    kotak.fill(teks)
    kotak.press("Tab")
    _expect()(kotak).to_have_value(teks)


def _label_ref_ttd() -> str:
    r = next(r for r in sop.baca_csv() if int(r["no"]) == siklus.LANGKAH_TANDATANGAN)
    return siklus.label_referensi(siklus.LANGKAH_TANDATANGAN, r["kelengkapan"])


def _form_ttd(page, tanggal: dt.date):
    """Step 11's form, filled: reference, signing date (typed into the date input), the
    certificate's passphrase. The time fields keep their default (now)."""
    form = _form(page, JUDUL_FORM_TTD)
    _expect()(form).to_be_visible()
    _isi_form(form, _label_ref_ttd(), REF_TTD)
    _isi_tanggal(form, LABEL_TGL_TTD, tanggal)
    _isi_form(form, LABEL_SANDI, demo.SANDI_TTD_DEMO)
    return form


def _buka_reviu(page, base: str):
    """Reviu LKjIP on the Inspektorat's own 2025 report."""
    expect = _expect()
    _buka(page, base, "reviu")
    expect(page.get_by_role("combobox", name="Tahun", exact=True)).to_have_value(str(TAHUN))
    _pilih(page, "Laporan yang direviu", INSTANSI)
    expect(page.get_by_role("heading", name=f"Reviu laporan {INSTANSI} tahun {TAHUN}",
                            exact=True)).to_be_visible()
    _tanpa_exception(page, "Reviu LKjIP")


def _catatan(page):
    """The bordered card of the browser's finding (found by its text)."""
    return _main(page).locator("p").filter(has_text=URAIAN).locator(
        'xpath=ancestor::div[@data-testid="stVerticalBlock"][1]')


def _status_catatan(page, label: str):
    _expect()(_catatan(page).locator("p").filter(
        has_text=re.compile(r"^Catatan \d+ · " + re.escape(label)))).to_have_count(1)


# -------------------------------------------------------------------------------------- test

def test_laporan_ditandatangani_inspektur_setelah_celah_ditutup(server_ttd, konteks, tmp_path):
    expect = _expect()
    base = server_ttd.base
    pdf_bukti = tmp_path / NAMA_BUKTI
    pdf_bukti.write_bytes(_pdf_kecil())
    tgl_ttd = waktu_kerja.sekarang().date()        # the Inspektur signs today (office time)

    # --- 1. irban3 completes IK-06, attaches evidence and submits it ---
    bidang = _halaman(konteks, "irban3", base)
    _buka_isian(bidang, base)
    expect(_metrik(bidang, "Status")).to_have_text(S("draft"))
    _ketik(bidang, LABEL_REALISASI, REALISASI)
    for kolom in gerbang.NARASI_WAJIB:         # what the gate needs, not only the "*" field
        if not _kotak(bidang, LABEL_NARASI[kolom]).input_value().strip():
            _ketik(bidang, LABEL_NARASI[kolom], NARASI_CADANGAN[kolom])
        expect(_kotak(bidang, LABEL_NARASI[kolom])).not_to_have_value("")
    expect(bidang.get_by_text("Belum ada bukti dukung.")).to_be_visible()
    pengunggah = bidang.get_by_role("region", name=LABEL_UPLOADER)
    with bidang.expect_file_chooser() as pemilih:
        pengunggah.get_by_role("button", name="Upload", exact=True).click()
    pemilih.value.set_files(str(pdf_bukti))
    expect(pengunggah.get_by_role("button", name=f"Remove {NAMA_BUKTI}")).to_be_visible()
    _tenang(bidang)
    _klik_tombol(bidang, "Unggah")
    expect(bidang.get_by_text(re.compile(re.escape(NAMA_BUKTI) + r" · .* · irban3, "))
           ).to_be_visible()
    _tanpa_exception(bidang, "evidence uploaded")
    expect(_kotak(bidang, LABEL_REALISASI)).to_have_value(REALISASI)
    _klik_tombol(bidang, "Simpan & ajukan")
    _tunggu(bidang, lambda: expect(_metrik(bidang, "Status")).to_have_text(S("diajukan")),
            "IK-06 submitted")
    _tanpa_exception(bidang, "IK-06 submitted")

    # --- 2. the Kasubag verifies it: no submitted entry is left ---
    kasubag = _halaman(konteks, "kasubag", base)
    _buka_rekap(kasubag, base)
    expect(_metrik(kasubag, "Realisasi")).to_have_text(REALISASI)
    _klik_tombol(kasubag, "Verifikasi")
    expect(kasubag.get_by_text("Tidak ada isian dengan status itu.")).to_be_visible()
    _tanpa_exception(kasubag, "IK-06 verified")

    # --- 3. the Inspektur: one gap left (the reviu), and step 11 is refused with it ---
    ins = _halaman(konteks, "inspektur", base)
    syarat = _main(ins).locator('[data-testid="stExpander"]').filter(
        has_text=f"Laporan {TAHUN} belum dapat ditandatangani: 1 kekurangan")
    expect(syarat).to_be_visible()
    expect(syarat.locator("li")).to_have_count(1)
    expect(syarat.locator("li")).to_contain_text(CELAH_REVIU)
    expect(syarat.locator("li")).to_contain_text(KETUA)

    _buka(ins, base, "alur_sop")
    expect(_progres(ins, "10 dari 13 langkah selesai · laporan masih draf")).to_be_visible()
    syarat = _main(ins).locator('[data-testid="stExpander"]').filter(
        has_text="Syarat penandatanganan belum terpenuhi: 1 kekurangan")
    expect(syarat.locator("li")).to_have_count(1)
    expect(syarat.locator("li")).to_contain_text(CELAH_REVIU)
    form = _form_ttd(ins, tgl_ttd)
    form.get_by_role("button", name="Tandatangani laporan", exact=True).click()
    tolak = _form(ins, JUDUL_FORM_TTD).locator('[data-testid="stAlert"]').filter(
        has_text="Laporan belum dapat ditandatangani: 1 kekurangan.")
    _tunggu(ins, lambda: expect(tolak).to_be_visible(), "refusal of step 11")
    _tanpa_exception(ins, "step 11 refused")
    expect(tolak).to_contain_text(CELAH_REVIU)
    expect(tolak).to_contain_text(KETUA)
    # nothing signed: still 10 of 13, step 11 running, the form still there
    expect(_progres(ins, "10 dari 13 langkah selesai · laporan masih draf")).to_be_visible()
    expect(_kartu(ins, 11)).to_contain_text("Status: Berjalan", use_inner_text=True)
    tolak.scroll_into_view_if_needed()
    _shot(ins, "ttd_ditolak.png")

    # --- 4. auditor1 (ketua) adds a finding ---
    aud = _halaman(konteks, "auditor1", base)
    _buka_reviu(aud, base)
    expect(aud.get_by_text("8 dari 8 butir dijawab", exact=True)).to_be_visible()
    baru = aud.locator('[data-testid="stForm"]').filter(
        has=aud.get_by_role("button", name="Tambah catatan", exact=True))
    _isi_form(baru, "Uraian catatan", URAIAN)
    _isi_form(baru, "Rekomendasi", REKOMENDASI)
    baru.get_by_role("button", name="Tambah catatan", exact=True).click()
    _tunggu(aud, lambda: _status_catatan(aud, "Terbuka"), "finding added")
    _tanpa_exception(aud, "finding added")
    expect(_catatan(aud)).to_contain_text(REKOMENDASI)
    expect(_catatan(aud).get_by_role("button")).to_have_count(0)   # the Kasubag answers
    _catatan(aud).scroll_into_view_if_needed()
    _shot(aud, "ttd_reviu_catatan.png")

    # --- 5. the Kasubag answers it ---
    _buka_reviu(kasubag, base)
    jawab = _catatan(kasubag).locator('[data-testid="stForm"]')
    _isi_form(jawab, "Jawaban / tindak lanjut", JAWABAN)
    jawab.get_by_role("button", name="Kirim jawaban", exact=True).click()
    _tunggu(kasubag, lambda: _status_catatan(kasubag, "Dijawab"), "finding answered")
    _tanpa_exception(kasubag, "finding answered")
    expect(_catatan(kasubag)).to_contain_text(JAWABAN)

    # --- 6. auditor1 closes it and finishes the reviu ---
    _buka_reviu(aud, base)
    expect(_catatan(aud)).to_contain_text(JAWABAN)
    _catatan(aud).get_by_role("button", name="Tutup catatan", exact=True).click()
    _tunggu(aud, lambda: _status_catatan(aud, "Ditutup"), "finding closed")
    _tanpa_exception(aud, "finding closed")
    selesai = aud.locator('[data-testid="stForm"]').filter(
        has=aud.get_by_role("button", name="Selesaikan reviu", exact=True))
    _isi_form(selesai, "Kesimpulan reviu", KESIMPULAN)
    selesai.get_by_role("button", name="Selesaikan reviu", exact=True).click()
    _tunggu(aud, lambda: expect(_main(aud).locator('[data-testid="stAlert"]').filter(
        has_text=f"Kesimpulan: {KESIMPULAN}")).to_be_visible(), "reviu finished")
    _tanpa_exception(aud, "reviu finished")
    expect(aud.get_by_role("button", name="Selesaikan reviu")).to_have_count(0)

    # --- 7. the Inspektur signs, then downloads the signed copy ---
    _buka(ins, base, "alur_sop")
    expect(_main(ins).get_by_text(
        f"Semua syarat penandatanganan Laporan Kinerja {TAHUN} terpenuhi")).to_be_visible()
    form = _form_ttd(ins, tgl_ttd)
    form.get_by_role("button", name="Tandatangani laporan", exact=True).click()
    # The toast comes first in the run after signing (and fades after a few seconds).
    _tunggu(ins, lambda: expect(ins.locator('[data-testid="stToast"]').filter(
        has_text="Laporan ditandatangani dan diarsipkan.")).to_be_visible(
        timeout=SIGN_TIMEOUT_MS), "signing")
    _tunggu(ins, lambda: expect(_progres(ins, "11 dari 13 langkah selesai · laporan DISETUJUI")
                                ).to_be_visible(), "signed: progress")
    _tanpa_exception(ins, "signed")
    expect(_kartu(ins, 11)).to_contain_text("Status: Selesai", use_inner_text=True)
    expect(_kartu(ins, 11)).to_contain_text(
        f"{LABEL_TGL_TTD}: {tgl_ttd:%d-%m-%Y}", use_inner_text=True)
    expect(_main(ins).get_by_text(re.compile(r"^Menunggu "))).to_have_count(1)
    expect(_form(ins, JUDUL_FORM_TTD)).to_have_count(0)
    expect(_main(ins).get_by_text(re.compile("Syarat penandatanganan"))).to_have_count(0)

    _buka(ins, base, "ekspor_laporan")
    expect(ins.get_by_role("combobox", name="Tahun", exact=True)).to_have_value(str(TAHUN))
    expect(_main(ins).locator('[data-testid="stAlert"]').filter(has_text=re.compile(
        rf"Laporan Kinerja {TAHUN} telah ditandatangani pada .* oleh .*\(akun inspektur, "
        r"versi 1\)"))
    ).to_be_visible()
    kode = _main(ins).locator('[data-testid="stCode"]').filter(has_text="SHA-256: ")
    expect(kode).to_have_count(1)
    expect(kode).to_contain_text(re.compile(r"SHA-256: [0-9a-f]{64}"))
    sha_layar = re.search(r"SHA-256: ([0-9a-f]{64})", kode.inner_text()).group(1)
    expect(ins.get_by_role("button", name="Buat PDF draf Laporan Kinerja")).to_have_count(0)
    _shot(ins, "ttd_ekspor.png")
    with ins.expect_download() as unduhan:
        _klik_tombol(ins, "Unduh LKjIP bertanda tangan")
    assert unduhan.value.suggested_filename == f"LKjIP-{TAHUN}-v1-ditandatangani.pdf"
    isi = Path(unduhan.value.path()).read_bytes()
    assert hashlib.sha256(isi).hexdigest() == sha_layar
    _tanpa_exception(ins, "signed copy downloaded")
    teks = _teks(isi)
    for harus in ("PERNYATAAN TELAH DIREVIU", f"Simpulan reviu: {KESIMPULAN}", KETUA, ANGGOTA,
                  f"Wonosobo, {laporan.format_tanggal(tgl_ttd)}"):
        assert harus in teks, harus
    assert "DRAF" not in teks, "a draft mark (DRAF/DRAFT) in the signed PDF"

    # --- 8. the server stopped: the database holds exactly the downloaded bytes ---
    hentikan_server(server_ttd.proc)
    con = buka(server_ttd.db)
    try:
        ins_db = pelaku(con, "inspektur")
        assert arsip.unduh(con, ins_db, TAHUN) == isi
        versi = arsip.daftar_versi(con, ins_db, TAHUN)
        assert versi[["versi", "sha256", "status"]].values.tolist() == [
            [1, sha_layar, "berlaku"]]              # the refused attempt stored nothing
        cek = _di_utas_lain(arsip.verifikasi, con, ins_db, isi)
        assert cek["bertanda_tangan"] and cek["utuh"] and cek["tepercaya"], cek
        r = reviu.status(con, ins_db.instansi_id, TAHUN)
        assert (r["status"], r["temuan_terbuka"], r["butir_kosong"]) == ("selesai", 0, 0)
    finally:
        con.close()
