"""Real-browser end-to-end test of the SOP cycle (Alur SOP -> Riwayat Siklus SOP): the 2025
cycle is opened by the Inspektur and run through all 13 steps, each step started and finished
by its own role in its own browser context, with the times typed into the forms' Tanggal/Jam
inputs so that the whole cycle lies in January 2026 on known working days. Some steps are
finished late, some on time, one spans a weekend, one a weekend plus a national holiday; the
expected timeliness texts are computed here with lkj_core.waktu_kerja for exactly those times.

Run with `pytest -m browser` (see test_browser.py for the fixtures and the rules about
Streamlit's asynchronous reruns: every check waits for a settled page, never a fixed sleep).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from lkj_core import siklus, sop, waktu_kerja
from lkj_core.angka import format_nilai
from lkj_core.peran import LABEL_PERAN
from test_browser import (  # noqa: F401  (server, browser, konteks are pytest fixtures)
    VIEWPORT, _expect, _harus_di_halaman, _masuk, _shot, _tanpa_exception, _tenang, browser,
    konteks, server)

pytestmark = pytest.mark.browser

TAHUN = 2025
LAYAR_TINGGI = {"width": 1366, "height": 3000}
PROGRES_AKHIR = "13 dari 13 langkah selesai · laporan DISETUJUI"
LABEL_TETAP = "Tetap selesaikan walau ada unit yang belum mengajukan"
UNIT_DRAF = "Inspektur Pembantu Wilayah III"      # the demo's IK-06 of 2025 is still a draft


def _w(hari: int, jam: str) -> dt.datetime:
    return dt.datetime.combine(dt.date(2026, 1, hari), dt.time.fromisoformat(jam))


# step -> (start, finish). Monday 5 January 2026 onwards; 10-11 January is a weekend and
# Friday 16 January 2026 a national holiday (Isra Mikraj). Steps 2 and 6 take an hour longer
# than their office minutes (step 6 overnight), step 7 five working days instead of four across
# a weekend, step 8 spans the holiday and a weekend; the others stay within their time.
JADWAL: dict[int, tuple[dt.datetime, dt.datetime]] = {
    1: (_w(5, "07:45"), _w(5, "07:50")),
    2: (_w(5, "08:00"), _w(5, "11:00")),
    3: (_w(5, "11:00"), _w(5, "11:45")),
    4: (_w(5, "13:00"), _w(5, "13:30")),
    5: (_w(6, "08:00"), _w(6, "09:45")),
    6: (_w(6, "10:00"), _w(7, "08:30")),
    7: (_w(7, "09:00"), _w(14, "09:00")),
    8: (_w(14, "09:30"), _w(19, "08:00")),
    9: (_w(19, "09:00"), _w(19, "15:00")),
    10: (_w(20, "08:00"), _w(20, "08:50")),
    11: (_w(20, "09:00"), _w(20, "09:10")),
    12: (_w(20, "09:30"), _w(20, "09:40")),
    13: (_w(20, "10:00"), _w(20, "10:30")),
}
TERLAMBAT_DIRENCANAKAN = {2, 6, 7}

# What each step's actor types when finishing it: the kelengkapan reference, a note, and the
# step-specific record (dates as dt.date, typed into the date inputs).
REFERENSI = {no: f"Dok-{no:02d}/LKjIP/{TAHUN}" for no in JADWAL}
REFERENSI[1] = "800/015/2026 tanggal 5 Januari 2026"
CATATAN = {2: "Format dikirim lewat surel dinas", 7: "Analisis molor: data Irban III terlambat",
           13: "Unggah selesai"}
DATA = {
    4: {"tanggal_rapat": dt.date(2026, 1, 6), "tempat": "Ruang rapat Inspektorat",
        "undangan": "Inspektur; Sekretaris; Inspektur Pembantu I–IV"},
    5: {"notulen": "Pembahasan pengukuran kinerja 2025.",
        "kesepakatan": "Data bidang dihimpun paling lambat satu minggu."},
    11: {"tanggal_tandatangan": dt.date(2026, 1, 20)},
    12: {"nomor_surat": "050/017/LKjIP/2026", "tanggal_surat": dt.date(2026, 1, 20)},
    13: {"tanggal_unggah": dt.date(2026, 1, 20),
         "url_publikasi": "https://inspektorat.wonosobokab.go.id/lkjip-2025"},
}
REF_BUKA = "800/015/2026"


def _langkah_sop() -> dict[int, dict]:
    """The demo's SOP steps (its only revision is built from this CSV)."""
    return {int(r["no"]): r for r in sop.baca_csv()}


def _harapan() -> dict[int, waktu_kerja.Ketepatan]:
    kal = waktu_kerja.Kalender.baku()        # the demo configures no cuti bersama
    sop_ = _langkah_sop()
    return {no: waktu_kerja.ketepatan(m, s, int(sop_[no]["waktu"]), sop_[no]["satuan_waktu"],
                                      kal)
            for no, (m, s) in JADWAL.items()}


def _jam(w: dt.datetime) -> str:
    return f"{w:%d-%m-%Y %H:%M}"


# ----------------------------------------------------------------------------------- helpers

def _main(page):
    return page.locator('[data-testid="stMain"]')


def _kartu(page, no: int):
    """The bordered card of step `no`: the nearest block around its bold "Langkah N" title."""
    judul = _main(page).locator("strong").filter(has_text=re.compile(rf"^Langkah {no}$"))
    return judul.locator('xpath=ancestor::div[@data-testid="stVerticalBlock"][1]')


def _form(page, judul: str):
    """The st.form whose bold heading is `judul` ("Mulai langkah 3", "Selesaikan langkah 3")."""
    return page.locator('[data-testid="stForm"]').filter(
        has=page.locator("strong").filter(has_text=re.compile("^" + re.escape(judul) + "$")))


def _progres(page, teks: str):
    return _main(page).locator("p").filter(has_text=re.compile("^" + re.escape(teks) + "$"))


def _tunggu(page, cek, keterangan: str):
    """Run an expect-check; when it times out, fail with what the page shows instead (the
    form's error messages, an exception)."""
    try:
        cek()
    except AssertionError as exc:
        pesan = _main(page).locator('[data-testid="stAlert"], [data-testid="stException"]')
        pytest.fail(f"{keterangan}: {exc}\nmessages on the page: {pesan.all_inner_texts()}",
                    pytrace=False)


def _isi_tanggal(form, label: str, d: dt.date):
    """Type a date into a Streamlit date input (its day/month/year segments, DD-MM-YYYY) as a
    user does with the keyboard: click the day segment, type the digits (each full segment
    moves on to the next), leave the field."""
    expect = _expect()
    grup = form.get_by_role("group", name=label, exact=True)
    grup.get_by_role("spinbutton", name=f"day, {label}", exact=True).click()
    form.page.keyboard.type(f"{d:%d%m%Y}")
    form.page.keyboard.press("Tab")
    for bagian, nilai in (("day", f"{d:%d}"), ("month", f"{d:%m}"), ("year", f"{d:%Y}")):
        expect(grup.get_by_role("spinbutton", name=f"{bagian}, {label}", exact=True)
               ).to_have_text(nilai)


def _isi_jam(form, label: str, t: dt.time):
    """Type a time into a Streamlit time input (hour and minute segments, 24 h)."""
    expect = _expect()
    grup = form.get_by_role("group", name=label, exact=True)
    grup.get_by_role("spinbutton", name=f"hour, {label}", exact=True).click()
    form.page.keyboard.type(f"{t:%H%M}")
    form.page.keyboard.press("Tab")
    for bagian, nilai in (("hour", f"{t:%H}"), ("minute", f"{t:%M}")):
        expect(grup.get_by_role("spinbutton", name=f"{bagian}, {label}", exact=True)
               ).to_have_text(nilai)


def _isi_waktu(form, w: dt.datetime):
    _isi_tanggal(form, "Tanggal", w.date())
    _isi_jam(form, "Jam", w.time())


def _ketik(form, label: str, teks: str):
    kotak = form.get_by_role("textbox", name=label, exact=True)
    kotak.fill(teks)
    kotak.press("Tab")
    _expect()(kotak).to_have_value(teks)


def _muat_ulang(page):
    """A fresh load of Alur SOP (a new Streamlit session; the login cookie keeps the user)."""
    page.reload()
    _harus_di_halaman(page, "alur_sop")


def _tanpa_tombol_aksi(page):
    expect = _expect()
    for nama in ("Mulai", "Selesai", "Buka siklus dan mulai disposisi"):
        expect(page.get_by_role("button", name=nama, exact=True)).to_have_count(0)


def _harus_menunggu(page, no: int, pelaksana: str):
    """A user who is not the actor of the current step `no` sees it waiting, with no form."""
    expect = _expect()
    expect(_kartu(page, no)).to_contain_text("SEKARANG")
    expect(_main(page).get_by_text(f"Menunggu {LABEL_PERAN[pelaksana]}.", exact=True)
           ).to_be_visible()
    _tanpa_tombol_aksi(page)
    expect(page.locator('[data-testid="stForm"]').filter(
        has_text=re.compile(r"(Mulai|Selesaikan) langkah \d+"))).to_have_count(0)


def _harus_selesai(page, no: int, pengguna: str, teks: str):
    """Step `no`'s card shows its recorded start and finish times and its timeliness."""
    expect = _expect()
    mulai, selesai = JADWAL[no]
    kartu = _kartu(page, no)
    expect(kartu).to_contain_text("Status: Selesai", use_inner_text=True)
    expect(kartu).to_contain_text(f"Mulai: {_jam(mulai)} ({pengguna})", use_inner_text=True)
    expect(kartu).to_contain_text(f"Selesai: {_jam(selesai)} ({pengguna})",
                                  use_inner_text=True)
    expect(kartu.get_by_text(teks, exact=True)).to_be_visible()
    expect(kartu).not_to_contain_text("SEKARANG")


def _mulai(page, no: int, pengguna: str):
    """The actor starts step `no` at its planned time through the 'Mulai' form."""
    expect = _expect()
    mulai = JADWAL[no][0]
    expect(_kartu(page, no)).to_contain_text("SEKARANG")
    form = _form(page, f"Mulai langkah {no}")
    expect(form).to_be_visible()
    _isi_waktu(form, mulai)
    form.get_by_role("button", name="Mulai", exact=True).click()
    _tunggu(page, lambda: expect(_kartu(page, no)).to_contain_text(
        f"Mulai: {_jam(mulai)} ({pengguna})", use_inner_text=True), f"start of step {no}")
    # step 11's finish form is the signing form
    judul = ("Tandatangani Laporan Kinerja (langkah 11)" if no == siklus.LANGKAH_TANDATANGAN
             else f"Selesaikan langkah {no}")
    _tunggu(page, lambda: expect(_form(page, judul)).to_be_visible(),
            f"finish form of step {no}")
    _tanpa_exception(page, f"step {no} started")
    expect(_kartu(page, no)).to_contain_text("Status: Berjalan", use_inner_text=True)


def _selesaikan(page, no: int, pengguna: str, kelengkapan: str, teks: str,
                tetap: bool = False):
    """The actor finishes step `no` at its planned time, with its kelengkapan on record."""
    expect = _expect()
    selesai = JADWAL[no][1]
    form = _form(page, f"Selesaikan langkah {no}")
    expect(form).to_be_visible()
    _ketik(form, siklus.label_referensi(no, kelengkapan), REFERENSI[no])
    label = {f.kunci: f.label for f in siklus.ISIAN_LANGKAH.get(no, ())}
    assert set(label) == set(DATA.get(no, {})), f"step {no}: fields {sorted(label)}"
    for kunci, nilai in DATA.get(no, {}).items():
        if isinstance(nilai, dt.date):
            _isi_tanggal(form, label[kunci], nilai)
        else:
            _ketik(form, label[kunci], nilai)
    if no in CATATAN:
        _ketik(form, "Catatan (opsional)", CATATAN[no])
    kotak_tetap = form.get_by_role("checkbox", name=LABEL_TETAP, exact=True)
    if tetap:
        form.get_by_text(LABEL_TETAP, exact=True).click()
        expect(kotak_tetap).to_be_checked()
    else:
        expect(kotak_tetap).to_have_count(0)
    _isi_waktu(form, selesai)
    form.get_by_role("button", name="Selesai", exact=True).click()
    _tunggu(page, lambda: expect(_kartu(page, no)).to_contain_text(
        f"Selesai: {_jam(selesai)} ({pengguna})", use_inner_text=True), f"finish of step {no}")
    _tanpa_exception(page, f"step {no} finished")
    _harus_selesai(page, no, pengguna, teks)
    tercatat = f"Kelengkapan tercatat: {REFERENSI[no]}" + (
        f" · Catatan: {CATATAN[no]}" if no in CATATAN else "")
    expect(_kartu(page, no)).to_contain_text(tercatat, use_inner_text=True)
    expect(_form(page, f"Selesaikan langkah {no}")).to_have_count(0)


def _baris_tabel(tabel) -> list[list[str]]:
    """The data rows of an st.dataframe, read from the grid's accessible table."""
    baris = []
    for r in tabel.locator('[role="row"]').all():
        sel = r.locator('[role="gridcell"]')
        if sel.count():
            baris.append([t.strip() for t in sel.all_inner_texts()])
    return baris


def _tajuk_tabel(tabel) -> list[str]:
    return [t.strip() for t in tabel.locator('[role="columnheader"]').all_inner_texts()]


# -------------------------------------------------------------------------------------- test

def test_siklus_2025_berjalan_13_langkah_oleh_perannya(server, konteks):
    expect = _expect()
    sop_ = _langkah_sop()
    harapan = _harapan()
    # Guards on the scenario itself: every time is a working-hours instant in the past, each
    # step starts after the previous one finished, and exactly the planned steps are late.
    kal = waktu_kerja.Kalender.baku()
    sebelumnya = None
    for no, (m, s) in JADWAL.items():
        assert m <= s < dt.datetime.now(), no
        assert sebelumnya is None or sebelumnya <= m, no
        for w in (m, s):
            buka_tutup = kal.jendela(w.date())
            assert buka_tutup and buka_tutup[0] <= w <= buka_tutup[1], (no, w)
        sebelumnya = s
    assert {no for no, k in harapan.items() if k.terlambat} == TERLAMBAT_DIRENCANAKAN
    assert all(k.selesai for k in harapan.values())
    assert [no for no, r in sop_.items() if r["satuan_waktu"] == "hari"] == [7, 8, 9]

    # --- one browser context per role, each logged in once; all on Alur SOP, year 2025 ---
    hal = {}
    for peran in ("inspektur", "kasubag", "sekretaris", "staf"):
        page = konteks().new_page()
        page.set_viewport_size(LAYAR_TINGGI)
        _masuk(page, server, peran)
        page.goto(server + "/alur_sop")
        _harus_di_halaman(page, "alur_sop")
        expect(page.get_by_role("combobox", name="Tahun", exact=True)).to_have_value(str(TAHUN))
        expect(_main(page).get_by_text(re.compile(
            rf"^Siklus penyusunan Laporan Kinerja tahun {TAHUN} belum dibuka"))).to_be_visible()
        hal[peran] = page
    for peran in ("kasubag", "sekretaris", "staf"):
        _tanpa_tombol_aksi(hal[peran])

    # --- the Inspektur opens the cycle: step 1 starts at the disposisi's time ---
    ins = hal["inspektur"]
    form = ins.locator('[data-testid="stForm"]').filter(
        has=ins.get_by_role("button", name="Buka siklus dan mulai disposisi", exact=True))
    _ketik(form, "Nomor dan tanggal surat disposisi", REF_BUKA)
    _isi_waktu(form, JADWAL[1][0])
    form.get_by_role("button", name="Buka siklus dan mulai disposisi", exact=True).click()
    _tunggu(ins, lambda: expect(_kartu(ins, 1)).to_contain_text(
        f"Mulai: {_jam(JADWAL[1][0])} (inspektur)", use_inner_text=True), "opening the cycle")
    _tanpa_exception(ins, "cycle opened")
    expect(_kartu(ins, 1)).to_contain_text("SEKARANG")
    expect(_progres(ins, "0 dari 13 langkah selesai · laporan masih draf")).to_be_visible()
    expect(_main(ins).locator("p").filter(has_text="SEKARANG")).to_have_count(1)

    # Not the actor (1): the Kasubag sees step 1 waiting for the Inspektur, and no form.
    _muat_ulang(hal["kasubag"])
    _harus_menunggu(hal["kasubag"], 1, "inspektur")
    expect(_kartu(hal["kasubag"], 1)).to_contain_text(
        f"Mulai: {_jam(JADWAL[1][0])} (inspektur)", use_inner_text=True)

    # --- the 13 steps, each by its own role; a page is reloaded when another role acted ---
    terakhir = "inspektur"        # whose page last saw the current state
    for no in range(1, 14):
        peran = sop_[no]["pelaksana"]
        page = hal[peran]
        if peran != terakhir:
            _muat_ulang(page)
        if no > 1:
            _mulai(page, no, peran)
        if no == siklus.LANGKAH_TANDATANGAN:
            # Step 11 is the signing: in the demo's 2025 the gate still has gaps (IK-06 is a
            # draft, the reviu runs), so the Inspektur sees them and the signing is refused.
            # The signing itself in a browser: tests/test_browser_ttd.py.
            expect(_main(page).locator('[data-testid="stExpander"]').filter(
                has_text="Syarat penandatanganan belum terpenuhi")).to_be_visible()
            form = _form(page, "Tandatangani Laporan Kinerja (langkah 11)")
            expect(form).to_be_visible()
            form.get_by_role("button", name="Tandatangani laporan", exact=True).click()
            _tunggu(page, lambda: expect(_main(page).get_by_text(
                re.compile(r"Laporan belum dapat ditandatangani: \d+ kekurangan")).first
            ).to_be_visible(), "signing refused by the gate")
            _tanpa_exception(page, "signing refused")
            expect(_progres(page, "10 dari 13 langkah selesai · laporan masih draf")
                   ).to_be_visible()
            return
        _selesaikan(page, no, peran, sop_[no]["kelengkapan"], harapan[no].teks,
                    tetap=no == siklus.LANGKAH_PENGHIMPUNAN)
        terakhir = peran

        if no == 3:
            # Not the actor (2): the Kasubag, having finished step 3, sees step 4 waiting.
            _harus_menunggu(page, 4, "sekretaris")
        elif no == 6:
            kartu = _kartu(page, 6)
            expect(kartu).to_contain_text("Unit belum mengajukan saat selesai: ")
            expect(kartu).to_contain_text(UNIT_DRAF)
        elif no == 7:
            # Not the actor (3): the Staf, reloading mid-cycle, sees step 8 waiting.
            _muat_ulang(hal["staf"])
            _harus_menunggu(hal["staf"], 8, "kasubag")
            for n in range(1, 8):
                _harus_selesai(hal["staf"], n, sop_[n]["pelaksana"], harapan[n].teks)
            expect(_progres(hal["staf"], "7 dari 13 langkah selesai · laporan masih draf")
                   ).to_be_visible()
            _shot(hal["staf"], "alur_tengah.png")
        elif no == 11:
            # Signing approves the report; the Inspektur now waits for the Kasubag's step 12.
            expect(_progres(page, "11 dari 13 langkah selesai · laporan DISETUJUI")
                   ).to_be_visible()
            _harus_menunggu(page, 12, "kasubag")
            expect(_kartu(page, 11)).to_contain_text("Tanggal penandatanganan laporan: "
                                                     "20-01-2026", use_inner_text=True)

    # --- the finished cycle, seen afresh by the Inspektur ---
    _muat_ulang(ins)
    expect(_progres(ins, PROGRES_AKHIR)).to_be_visible()
    for no in range(1, 14):
        _harus_selesai(ins, no, sop_[no]["pelaksana"], harapan[no].teks)
    terlambat = sorted(no for no, k in harapan.items() if k.terlambat)
    expect(_main(ins).get_by_text(
        f"{len(terlambat)} langkah melewati waktu baku: "
        + ", ".join(f"langkah {n}" for n in terlambat), exact=True)).to_be_visible()
    expect(_main(ins).locator("p").filter(has_text="SEKARANG")).to_have_count(0)
    expect(_main(ins).get_by_text(re.compile(r"^Menunggu "))).to_have_count(0)
    _tanpa_tombol_aksi(ins)
    expect(_kartu(ins, 13)).to_contain_text(
        f"Alamat (URL) publikasi di situs web: {DATA[13]['url_publikasi']}",
        use_inner_text=True)
    _tanpa_exception(ins, "cycle finished")
    _shot(ins, "alur_selesai.png")
    # The Staf, who acted last, sees the same end state on their own page.
    expect(_progres(hal["staf"], PROGRES_AKHIR)).to_be_visible()
    _tanpa_tombol_aksi(hal["staf"])

    # --- Riwayat Siklus SOP: 2025 on top, 13 / 13 steps, the late steps counted ---
    ins.set_viewport_size(VIEWPORT)          # a short table: the normal screen is enough
    ins.goto(server + "/riwayat_siklus")
    _harus_di_halaman(ins, "riwayat_siklus")
    tabel = _main(ins).locator('[data-testid="stDataFrame"]')
    expect(tabel).to_have_count(1)
    expect(tabel.locator('[role="gridcell"]').first).to_be_attached()
    _tenang(ins)
    tajuk = _tajuk_tabel(tabel)
    baris = _baris_tabel(tabel)
    assert [r[tajuk.index("Tahun")] for r in baris] == ["2025", "2024", "2023"], (tajuk, baris)
    b2025 = dict(zip(tajuk, baris[0]))
    menit = [no for no, r in sop_.items() if r["satuan_waktu"] == "menit"]
    hari = [no for no, r in sop_.items() if r["satuan_waktu"] == "hari"]
    aktual_menit = sum(harapan[n].aktual for n in menit)
    aktual_hari = sum(harapan[n].aktual for n in hari)
    assert b2025 == {
        "Tahun": "2025", "Laporan": "Disetujui", "Langkah selesai": "13 / 13",
        "Baku (menit)": waktu_kerja.format_menit(sum(int(sop_[n]["waktu"]) for n in menit)),
        "Aktual (menit)": waktu_kerja.format_menit(int(round(aktual_menit))),
        "Baku (hari)": f"{sum(int(sop_[n]['waktu']) for n in hari)} hari kerja",
        "Aktual (hari)": f"{format_nilai(round(aktual_hari, 2))} hari kerja",
        "Langkah terlambat": str(len(terlambat)),
    }, (tajuk, baris)
    _shot(ins, "riwayat_siklus.png")
