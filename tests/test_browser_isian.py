"""Real-browser end-to-end test of the intake workflow (Isian Kinerja -> Rekap Isian):
a bidang user fills and submits an entry with evidence, the Kasubag returns it with a reason,
the bidang user corrects and resubmits it, the Kasubag verifies it, and the bidang user finds
it locked with exactly the values typed. Two users, two browser contexts, one server.

Run with `pytest -m browser` (see test_browser.py for the fixtures and the rules about
Streamlit's asynchronous reruns: every check waits for a settled page, never a fixed sleep).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lkj_app.komponen import label_status as S
from lkj_core import isian
from test_browser import (  # noqa: F401  (server, browser, konteks are pytest fixtures)
    _expect, _harus_di_halaman, _masuk, _shot, _tanpa_exception, _tenang, browser, konteks,
    server)

pytestmark = pytest.mark.browser

TAHUN = 2025
KODE = "IK-06"
NAMA_IK = "Jumlah temuan berulang hasil pemeriksaan"
PILIHAN_ISIAN = f"{KODE} — {NAMA_IK}"
LAYAR_TINGGI = {"width": 1366, "height": 2400}   # the whole form fits: full screenshots

LABEL_REALISASI = f"Realisasi {TAHUN} (Temuan)"
LABEL_TW = [f"TW {i} (opsional)" for i in range(1, 5)]
LABEL_NARASI = {k: v + (" *" if k == "analisis_penyebab" else "")
                for k, v in isian.KOLOM_NARASI.items()}
LABEL_ALASAN = "Alasan (wajib, dibaca oleh pengisi)"
LABEL_UPLOADER = "Tambah bukti dukung (PDF, JPG, PNG, XLSX, DOCX; maks. 10 MB)"

TW = ["2", "3", "1", "2"]
NARASI = {
    "analisis_penyebab": "Temuan berulang turun berkat klinik pengawasan bulanan bagi OPD; "
                         "catatan <b>tebal</b> dan *bintang* harus tampil apa adanya.",
    "solusi": "Inspektur Pembantu III mendampingi 14 OPD menyusun rencana aksi tindak lanjut.",
    "efisiensi": "Pemeriksaan gabungan menghemat 18 hari-orang tanpa tambahan anggaran.",
    "program_pendukung": "Program Penyelenggaraan Pengawasan: reviu rencana aksi dan "
                         "pemantauan TLHP triwulanan.",
    "kendala": "Jumlah auditor bersertifikat JFA masih terbatas (5 orang).",
    "tindak_lanjut": "Tahun 2026 dilakukan pemetaan risiko temuan berulang di setiap OPD.",
}
KENDALA_BARU = "Rotasi dua auditor pada TW 3 mengurangi kapasitas pemeriksaan lapangan."
ALASAN = ("Realisasi belum sesuai LHP final — mohon cek ulang angka TW 3 & perbarui "
          "kendala (lihat *lampiran* <i>2</i>).")
NAMA_BUKTI = "bukti-temuan-berulang-2025.pdf"


def _pdf_kecil() -> bytes:
    """A minimal well-formed one-page PDF (header, objects, xref table, trailer)."""
    objek = [b"<< /Type /Catalog /Pages 2 0 R >>",
             b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    isi, posisi = b"%PDF-1.4\n", []
    for i, o in enumerate(objek, 1):
        posisi.append(len(isi))
        isi += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(isi)
    isi += f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode()
    isi += b"".join(f"{p:010d} 00000 n \n".encode() for p in posisi)
    isi += (f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return isi


# ----------------------------------------------------------------------------------- helpers

def _main(page):
    return page.locator('[data-testid="stMain"]')


def _metrik(page, label: str):
    """The value element of the st.metric whose label is exactly `label`."""
    m = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True))
    return m.locator('[data-testid="stMetricValue"]')


def _kotak(page, label: str):
    return page.get_by_role("textbox", name=label, exact=True)


def _ketik(page, label: str, teks: str):
    """Type into a text input / text area as a user does, commit it with Tab, wait for the
    rerun it triggers, and check the widget kept the text."""
    kotak = _kotak(page, label)
    kotak.fill(teks)
    kotak.press("Tab")
    _tenang(page)
    _expect()(kotak).to_have_value(teks)


def _pilih(page, label: str, awal_opsi: str):
    """Choose, in the selectbox `label`, the option whose text starts with `awal_opsi`."""
    expect = _expect()
    kotak = page.get_by_role("combobox", name=label, exact=True)
    kotak.click()
    page.get_by_role("option", name=re.compile("^" + re.escape(awal_opsi))).click()
    expect(kotak).to_have_value(re.compile("^" + re.escape(awal_opsi)))
    _tenang(page)
    expect(kotak).to_have_value(re.compile("^" + re.escape(awal_opsi)))


def _buka_isian(page, base: str):
    """irban3 opens Isian Kinerja afresh (a full page load: a new Streamlit session) on IK-06."""
    expect = _expect()
    page.goto(base + "/isian_kinerja")
    _harus_di_halaman(page, "isian_kinerja")
    _pilih(page, "Indikator yang diisi", PILIHAN_ISIAN)
    expect(page.get_by_role("heading", level=4, name=PILIHAN_ISIAN, exact=True)).to_be_visible()
    _tanpa_exception(page, "Isian Kinerja IK-06")


def _buka_rekap(page, base: str):
    """The Kasubag opens Rekap Isian afresh and picks the submitted IK-06 entry."""
    expect = _expect()
    page.goto(base + "/rekap_isian")
    _harus_di_halaman(page, "rekap_isian")
    expect(page.get_by_role("group", name="Selected values")).to_have_text("Diajukan")
    _pilih(page, "Isian", PILIHAN_ISIAN)
    expect(page.get_by_role("heading", level=4, name=PILIHAN_ISIAN, exact=True)).to_be_visible()
    expect(_metrik(page, "Status")).to_have_text(S("diajukan"))
    _tanpa_exception(page, "Rekap Isian IK-06")


def _semua_kolom(page):
    return [_kotak(page, LABEL_REALISASI), *(_kotak(page, t) for t in LABEL_TW),
            *(_kotak(page, v) for v in LABEL_NARASI.values())]


# Shown when a field of a settled page is empty although its value is stored: the page marks
# the form as "filled from the database" with a plain session key (isi_<id>_versi) that
# outlives the widget values Streamlit may drop (page switch, a run interrupted by the cookie
# component's rerun). That is an app bug, not a timing problem of this test.
KOSONG = ("the entry form does not show the stored value (known app bug: formulir.perlu_isi "
          "trusts isi_<id>_versi while Streamlit dropped the widget values)")


def _harus_berisi(page, nilai: str, narasi: dict[str, str]):
    expect = _expect()
    expect(_kotak(page, LABEL_REALISASI), KOSONG).to_have_value(nilai)
    for label, v in zip(LABEL_TW, TW):
        expect(_kotak(page, label), KOSONG).to_have_value(v)
    for k, v in narasi.items():
        expect(_kotak(page, LABEL_NARASI[k]), KOSONG).to_have_value(v)


def _harus_terkunci(page):
    """The entry is locked: every field disabled, no save buttons, no upload."""
    expect = _expect()
    expect(page.get_by_text("Isian ini sudah diajukan atau terverifikasi dan terkunci")
           ).to_be_visible()
    for kotak in _semua_kolom(page):
        expect(kotak).to_be_disabled()
    for tombol in ("Simpan draf", "Simpan & ajukan", "Unggah", "Hapus"):
        expect(page.get_by_role("button", name=tombol, exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name=LABEL_UPLOADER)).to_have_count(0)


def _baris_bukti(page):
    return page.get_by_text(re.compile(
        re.escape(NAMA_BUKTI) + r" · \d+ (?:KB|byte) · irban3, \d\d-\d\d-\d{4} \d\d:\d\d$"))


def _baris_tabel(tabel) -> list[list[str]]:
    """The data rows of an st.dataframe, read from the grid's accessible table."""
    baris = []
    for r in tabel.locator('[role="row"]').all():
        sel = r.locator('[role="gridcell"]')
        if sel.count():
            baris.append([t.strip() for t in sel.all_inner_texts()])
    return baris


def _sel(tabel, teks: str):
    """Cells of an st.dataframe holding exactly `teks` (the grid draws on a canvas; its
    accessible table is in the DOM but not in the accessibility tree, hence CSS, not roles)."""
    return tabel.locator('[role="gridcell"]').filter(
        has_text=re.compile("^" + re.escape(teks) + "$"))


def _klik_tombol(page, nama: str):
    page.get_by_role("button", name=nama, exact=True).click()


# -------------------------------------------------------------------------------------- test

def test_isian_diajukan_dikembalikan_diperbaiki_lalu_diverifikasi(server, konteks, tmp_path):
    expect = _expect()
    pdf = tmp_path / NAMA_BUKTI
    pdf.write_bytes(_pdf_kecil())

    # --- 1. irban3 fills IK-06 (a demo draft, realisasi 9), attaches evidence, submits ---
    bidang = konteks().new_page()
    bidang.set_viewport_size(LAYAR_TINGGI)
    _masuk(bidang, server, "irban3")
    _buka_isian(bidang, server)
    expect(_metrik(bidang, f"Target {TAHUN}")).to_have_text("7")
    expect(_metrik(bidang, "Polaritas")).to_have_text("Negatif")
    expect(_metrik(bidang, "Status")).to_have_text(S("draft"))
    expect(_kotak(bidang, LABEL_REALISASI), KOSONG).to_have_value("9")
    expect(_kotak(bidang, LABEL_REALISASI)).to_be_enabled()

    _ketik(bidang, LABEL_REALISASI, "8")
    # negatif: (2 × 7 − 8) / 7, computed live before anything is saved
    expect(_metrik(bidang, "Capaian (dihitung otomatis)")).to_have_text("85,71 %")
    for label, v in zip(LABEL_TW, TW):
        _ketik(bidang, label, v)
    for k, v in NARASI.items():
        _ketik(bidang, LABEL_NARASI[k], v)
    _harus_berisi(bidang, "8", NARASI)
    expect(_metrik(bidang, "Capaian (dihitung otomatis)")).to_have_text("85,71 %")
    _tanpa_exception(bidang, "form filled")

    expect(bidang.get_by_text("Belum ada bukti dukung.")).to_be_visible()
    pengunggah = bidang.get_by_role("region", name=LABEL_UPLOADER)
    with bidang.expect_file_chooser() as pemilih:
        pengunggah.get_by_role("button", name="Upload", exact=True).click()
    pemilih.value.set_files(str(pdf))
    # The chosen file is listed in the uploader (its name shortened on screen).
    expect(pengunggah.get_by_role("button", name=f"Remove {NAMA_BUKTI}")).to_be_visible()
    expect(bidang.get_by_role("button", name="Unggah", exact=True)).to_be_visible()
    _tenang(bidang)
    _klik_tombol(bidang, "Unggah")
    expect(_baris_bukti(bidang)).to_be_visible()
    _tanpa_exception(bidang, "evidence uploaded")
    expect(_baris_bukti(bidang)).to_have_count(1)
    expect(bidang.get_by_text("Belum ada bukti dukung.")).to_have_count(0)
    # The upload reran the page: what was typed (not yet saved) is still in the form.
    _harus_berisi(bidang, "8", NARASI)
    _shot(bidang, "isian_bidang.png")

    _klik_tombol(bidang, "Simpan & ajukan")
    expect(_metrik(bidang, "Status")).to_have_text(S("diajukan"))
    _tanpa_exception(bidang, "submitted")
    expect(_metrik(bidang, "Status")).to_have_text(S("diajukan"))
    _harus_terkunci(bidang)
    _harus_berisi(bidang, "8", NARASI)
    expect(_baris_bukti(bidang)).to_be_visible()

    # --- 2. kasubag reviews it exactly as typed and returns it, first without a reason ---
    kasubag = konteks().new_page()
    kasubag.set_viewport_size(LAYAR_TINGGI)
    _masuk(kasubag, server, "kasubag")
    _buka_rekap(kasubag, server)
    expect(_metrik(kasubag, "Realisasi")).to_have_text("8")
    expect(_metrik(kasubag, "Capaian (dihitung otomatis)")).to_have_text("85,71 %")
    expect(kasubag.get_by_text("Triwulan I–IV: 2 · 3 · 1 · 2", exact=True)).to_be_visible()
    main = _main(kasubag)
    for k, v in NARASI.items():
        expect(main.get_by_text(isian.KOLOM_NARASI[k], exact=True)).to_be_visible()
        expect(main.get_by_text(v, exact=True)).to_be_visible()
    # Typed markup is shown literally, never rendered as HTML or markdown.
    expect(main.locator("b", has_text="tebal")).to_have_count(0)
    expect(main.locator("em", has_text="bintang")).to_have_count(0)
    expect(_baris_bukti(kasubag)).to_be_visible()
    with kasubag.expect_download() as unduhan:
        _klik_tombol(kasubag, "Unduh")
    assert unduhan.value.suggested_filename == NAMA_BUKTI
    assert Path(unduhan.value.path()).read_bytes() == pdf.read_bytes()
    _tenang(kasubag)
    _shot(kasubag, "rekap_kasubag.png")

    _klik_tombol(kasubag, "Kembalikan")
    expect(kasubag.get_by_text("Alasan wajib diisi.", exact=True)).to_be_visible()
    _tanpa_exception(kasubag, "return without reason")
    expect(_metrik(kasubag, "Status")).to_have_text(S("diajukan"))    # nothing changed
    alasan = _kotak(kasubag, LABEL_ALASAN)
    alasan.fill(ALASAN)
    _klik_tombol(kasubag, "Kembalikan")
    # Returned: it leaves the "Diajukan" list, and the other submissions remain.
    isian_kotak = kasubag.get_by_role("combobox", name="Isian", exact=True)
    expect(isian_kotak).not_to_have_value(re.compile("^" + re.escape(PILIHAN_ISIAN)))
    _tanpa_exception(kasubag, "returned")
    expect(kasubag.get_by_text("Alasan wajib diisi.")).to_have_count(0)
    isian_kotak.click()
    expect(kasubag.get_by_role("option", name=re.compile(re.escape(KODE)))).to_have_count(0)
    kasubag.keyboard.press("Escape")
    _tenang(kasubag)

    # --- 3. irban3 sees the reason, corrects realisasi and one narrative, resubmits ---
    _buka_isian(bidang, server)
    expect(_metrik(bidang, "Status")).to_have_text(S("dikembalikan"))
    peringatan = _main(bidang).locator('[data-testid="stAlert"]').filter(
        has_text="Dikembalikan oleh Kasubag:")
    expect(peringatan).to_have_count(1)
    # (the alert's text without its icon ligature, "undo")
    expect(peringatan.locator('[data-testid="stMarkdownContainer"]')).to_have_text(
        f"Dikembalikan oleh Kasubag: {ALASAN}")
    expect(_main(bidang).locator("i", has_text="2")).to_have_count(0)
    for kotak in _semua_kolom(bidang):
        expect(kotak).to_be_enabled()
    _harus_berisi(bidang, "8", NARASI)
    expect(_baris_bukti(bidang)).to_be_visible()

    _ketik(bidang, LABEL_REALISASI, "7,5")
    expect(_metrik(bidang, "Capaian (dihitung otomatis)")).to_have_text("92,86 %")
    _ketik(bidang, LABEL_NARASI["kendala"], KENDALA_BARU)
    narasi_baru = {**NARASI, "kendala": KENDALA_BARU}
    _harus_berisi(bidang, "7,5", narasi_baru)
    _klik_tombol(bidang, "Simpan & ajukan")
    expect(_metrik(bidang, "Status")).to_have_text(S("diajukan"))
    _tanpa_exception(bidang, "resubmitted")
    _harus_terkunci(bidang)
    _harus_berisi(bidang, "7,5", narasi_baru)

    # --- 4. kasubag sees the corrected entry and verifies it ---
    _buka_rekap(kasubag, server)
    expect(_metrik(kasubag, "Realisasi")).to_have_text("7,5")
    expect(_metrik(kasubag, "Capaian (dihitung otomatis)")).to_have_text("92,86 %")
    expect(_main(kasubag).get_by_text(KENDALA_BARU, exact=True)).to_be_visible()
    expect(_main(kasubag).get_by_text(NARASI["kendala"], exact=True)).to_have_count(0)
    _klik_tombol(kasubag, "Verifikasi")
    expect(kasubag.get_by_role("combobox", name="Isian", exact=True)).not_to_have_value(
        re.compile("^" + re.escape(PILIHAN_ISIAN)))
    _tanpa_exception(kasubag, "verified")

    # --- 5. irban3 finds it verified and locked, with the values of step 3 and the history ---
    _buka_isian(bidang, server)
    expect(_metrik(bidang, "Status")).to_have_text(S("diverifikasi"))
    _harus_terkunci(bidang)
    _harus_berisi(bidang, "7,5", narasi_baru)
    expect(_metrik(bidang, "Capaian (dihitung otomatis)")).to_have_text("92,86 %")
    expect(_baris_bukti(bidang)).to_be_visible()
    expect(_main(bidang).locator('[data-testid="stAlert"]').filter(
        has_text="Dikembalikan oleh Kasubag")).to_have_count(0)
    daftar = _main(bidang).locator('[data-testid="stDataFrame"]').first
    expect(_sel(daftar, S("diverifikasi")).first).to_be_attached()
    assert [KODE, NAMA_IK, "7,5", "92,86 %"] == _baris_tabel(daftar)[0][:4]

    riwayat = _main(bidang).locator('[data-testid="stExpander"]').filter(
        has_text="Riwayat isian")
    riwayat.get_by_text("Riwayat isian", exact=True).click()
    tabel = riwayat.locator('[data-testid="stDataFrame"]')
    expect(_sel(tabel, S("diverifikasi"))).to_have_count(1)
    _tenang(bidang)
    baris = _baris_tabel(tabel)
    # columns: Waktu, Oleh, Dari, Menjadi, Catatan. The demo draft may come with its own
    # earlier rows (how it became a draft); the last four are this test's transitions.
    assert [r[1:4] for r in baris[-4:]] == [
        ["irban3", S("draft"), S("diajukan")],
        ["kasubag", S("diajukan"), S("dikembalikan")],
        ["irban3", S("dikembalikan"), S("diajukan")],
        ["kasubag", S("diajukan"), S("diverifikasi")],
    ], baris
    assert baris[-3][4] == ALASAN, baris
    assert all(r[2] == sebelum[3] for sebelum, r in zip(baris, baris[1:])), baris  # a chain
    # (Waktu is not checked for its on-screen format: the grid's accessible table carries the
    # raw timestamp, while the canvas draws it as DD-MM-YYYY HH:mm.)
    assert all(r[0] for r in baris), baris
    _tanpa_exception(bidang, "verified entry")
    _shot(bidang, "isian_terverifikasi.png")
