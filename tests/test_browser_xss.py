"""Real-browser check that text users type never runs or renders as HTML/markdown: payloads
(`<script>`, `<img onerror>`, `[x](javascript:…)`, images, LaTeX, code, emphasis, Streamlit
directives and icons, block markdown) are put into the server's database before it starts
(through lkj_core, as the role that would type them) and typed through the real forms (a
narrative on Isian Kinerja, a return reason on Rekap Isian, a unit and a user name on
Pengguna & Unit). Every page that shows them is then checked in Chromium: no dialog ever
opens, the DOM holds no `img[src=x]`, no `javascript:` link, no script or `onerror` from the
payload, no LaTeX, no Streamlit logo, and the payload is on screen character for character.

Run with `pytest -m browser` (fixtures and the settling rules: test_browser.py). Screenshots
land in artifacts/screenshots/xss_*.png.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from conftest import pelaku, salinan_demo
from lkj_core import bukti, isian, naskah, perencanaan
from lkj_core.db import buka
from test_browser import (  # noqa: F401  (browser, konteks are pytest fixtures)
    SHOTS, TIMEOUT_MS, _expect, _harus_di_halaman, _masuk, _shot, _tanpa_exception, _tenang,
    browser, hentikan_server, konteks, mulai_server)
from test_browser_isian import _kotak, _ketik, _klik_tombol, _main, _pdf_kecil, _pilih
from test_teks_aman import SiklusRacun, isi_racun_siklus, racun, racun_baris, racun_pendek

pytestmark = pytest.mark.browser

TAHUN = 2025
LAYAR_TINGGI = {"width": 1366, "height": 2400}
NAMA_IK06 = "IK-06 — Jumlah temuan berulang hasil pemeriksaan"
LABEL_ALASAN = "Alasan (wajib, dibaca oleh pengisi)"
LABEL_KENDALA = isian.KOLOM_NARASI["kendala"]

# typed through the forms
UNIT_KETIK = racun("UNITKETIK")
NAMA_KETIK = racun("NAMAKETIK")
NARASI_KETIK = racun_baris("NARASIKETIK")
ALASAN_KETIK = racun_baris("ALASANKETIK")


@dataclass
class Racun:
    """What was put into the database before the server started."""
    siklus: SiklusRacun
    narasi: dict[str, str]         # IK-06 narratives (submitted, then returned)
    alasan: str                    # the return reason of IK-06
    bukti: str                     # the stored name of IK-06's evidence file
    indikator: str                 # a new Irban III indicator (with target and realisasi)
    kode: str
    satuan: str
    tanpa_target: str              # an indicator without a 2025 target
    naskah: str                    # the report's Kata Pengantar


def _isi_racun(con) -> Racun:
    ks, ir = pelaku(con, "kasubag"), pelaku(con, "irban3")
    sr = isi_racun_siklus(con, ganti_unit=False)       # the unit is renamed in the browser
    ik06 = con.execute("SELECT id FROM indikator WHERE kode = 'IK-06'").fetchone()[0]
    narasi = {k: racun_baris(f"NARASI{i}") for i, k in enumerate(isian.KOLOM_NARASI)}
    bukti.tambah_bukti(con, ir, ik06, TAHUN, "[klik](javascript alert(1)) ![g](x) $x^2$ `k`"
                       " _i_ ~~c~~.pdf", _pdf_kecil())
    versi = isian.isian(con, ir, ik06, TAHUN)["versi"]
    isian.simpan_isian(con, ir, ik06, TAHUN, isian.IsianKinerja(nilai="8", narasi=narasi),
                       versi, ajukan=True)
    alasan = racun_baris("ALASANSEED")
    isian.ubah_status(con, ks, ik06, TAHUN, "kembalikan", alasan)
    sasaran = con.execute("SELECT id FROM sasaran ORDER BY id LIMIT 1").fetchone()[0]
    ind, kode, satuan = racun("INDIKATOR"), racun_pendek("IK"), racun_pendek("SATUAN")
    baru = perencanaan.simpan_indikator(con, ks, perencanaan.IsianIndikator(
        sasaran_id=sasaran, kode=kode, nama=ind, satuan=satuan, polaritas="positif",
        unit_id=4, target={TAHUN: ("10", "")}))
    isian.simpan_isian(con, ir, baru, TAHUN, isian.IsianKinerja(nilai="9"), 0)
    tanpa = racun("TANPATARGET")
    perencanaan.simpan_indikator(con, ks, perencanaan.IsianIndikator(
        sasaran_id=sasaran, kode="IK-99", nama=tanpa, satuan="%", polaritas="positif",
        unit_id=4))
    teks_naskah = racun_baris("NASKAH")
    naskah.simpan_naskah(con, ks, TAHUN, "kata_pengantar", teks_naskah)
    nama_bukti = con.execute("SELECT nama_berkas FROM bukti_dukung WHERE diunggah_oleh <>"
                             " 'sistem:seed-demo'").fetchone()[0]
    return Racun(sr, narasi, alasan, nama_bukti, ind, kode, satuan, tanpa, teks_naskah)


@pytest.fixture(scope="module")
def racun_db(_templat_demo, tmp_path_factory):
    """The demo database with every payload in it, for the server below."""
    path = salinan_demo(_templat_demo, tmp_path_factory, "lkj_xss")
    con = buka(path)
    try:
        isi = _isi_racun(con)
    finally:
        con.close()
    return path, isi


@pytest.fixture(scope="module")
def server(racun_db):
    """`streamlit run` on a free port over the payload database (as test_browser.server,
    which always starts from a fresh demo)."""
    path, _ = racun_db
    proc, base = mulai_server(path, path.parent / "server.log")
    try:
        yield base
    finally:
        hentikan_server(proc)


# ----------------------------------------------------------------------------------- helpers

def _halaman(konteks, tinggi: bool = True):
    """A new page in its own context, with every JavaScript dialog recorded (and dismissed):
    a payload that runs calls alert()."""
    page = konteks().new_page()
    if tinggi:
        page.set_viewport_size(LAYAR_TINGGI)
    page.dialog_terbuka = []

    def _dialog(d):
        page.dialog_terbuka.append(d.message)
        d.dismiss()

    page.on("dialog", _dialog)
    return page


_DOM_BERBAHAYA = """() => ({
  "img[src=x]": document.querySelectorAll('img[src="x"]').length,
  "javascript: link": document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')
      .length,
  "script with alert": [...document.querySelectorAll("script")]
      .filter(s => s.textContent.includes("alert(")).length,
  "onerror attribute": document.querySelectorAll("[onerror]").length,
  "LaTeX": document.querySelectorAll(".katex").length,
  "Streamlit logo": document.querySelectorAll('img[alt="Streamlit logo"]').length,
})"""
_TANPA_BAHAYA = {"img[src=x]": 0, "javascript: link": 0, "script with alert": 0,
                 "onerror attribute": 0, "LaTeX": 0, "Streamlit logo": 0}

# The text on screen, compared as a reader sees it: invisible word joiners (esc breaks
# Streamlit's icon shortcodes with them) dropped, no-break spaces and line breaks as spaces.
_NORMAL_JS = ('s => s.replace(/\\u2060/g, "").replace(/\\u00a0/g, " ").replace(/\\s+/g, " ")'
              '.trim()')
_MEMUAT = f"""([sel, teks]) => {{
  const n = {_NORMAL_JS};
  const t = [...document.querySelectorAll(sel)].map(e => n(e.innerText)).join(" ");
  return teks.every(x => t.includes(n(x)));
}}"""


def _normal(s: str) -> str:
    return " ".join(s.replace("\u2060", "").replace("\u00a0", " ").split())


def _harus_tampil_apa_adanya(page, *teks: str, di: str = '[data-testid="stMain"]'):
    """Each text is on screen inside `di`, character for character (waits for the settled
    page; on failure names what is missing)."""
    try:
        page.wait_for_function(_MEMUAT, arg=[di, list(teks)], timeout=TIMEOUT_MS)
    except Exception:
        layar = _normal(" ".join(page.locator(di).all_inner_texts()))
        hilang = [t[:60] for t in teks if _normal(t) not in layar]
        pytest.fail(f"not on screen literally: {hilang}\nscreen: {layar[:3000]}")


def _harus_aman(page, nama: str, *teks: str, di: str = '[data-testid="stMain"]',
                foto: bool = True):
    """The settled page: no exception, every text shown literally, nothing dangerous in the
    DOM, no dialog; then a screenshot."""
    _tanpa_exception(page, nama)
    _harus_tampil_apa_adanya(page, *teks, di=di)
    assert page.evaluate(_DOM_BERBAHAYA) == _TANPA_BAHAYA, nama
    assert page.dialog_terbuka == [], f"{nama}: a dialog opened: {page.dialog_terbuka}"
    if foto:
        _shot(page, f"xss_{nama}.png")


def _sel_tabel(page, teks: str):
    """Cells of any st.dataframe of the page holding `teks` (the grid's accessible table)."""
    return page.locator('[role="gridcell"]').filter(has_text=_normal(teks)[:40])


def _buka_expander(page, judul: str):
    exp = _main(page).locator('[data-testid="stExpander"]').filter(
        has=page.locator("summary").get_by_text(judul, exact=True))
    exp.locator("summary").click()
    _tenang(page)
    return exp


def _tooltip_grafik(page, tanda: str) -> dict:
    """Hover the Dasbor's charts (bounded sweep over their area) until a Vega tooltip shows
    `tanda`; returns its HTML and text, or {} when none did."""
    for grafik in page.locator('[data-testid="stVegaLiteChart"]').all()[:3]:
        grafik.scroll_into_view_if_needed()
        kotak = grafik.bounding_box()
        for fx in (0.55, 0.7, 0.85):
            for i in range(1, 24):
                page.mouse.move(kotak["x"] + kotak["width"] * fx,
                                kotak["y"] + kotak["height"] * i / 24)
                try:
                    page.wait_for_function(
                        """(t) => { const e = document.getElementById("vg-tooltip-element");
                                    return !!e && e.classList.contains("visible")
                                      && e.textContent.includes(t); }""",
                        arg=tanda, timeout=250)
                except Exception:
                    continue
                return page.evaluate("""() => { const e =
                    document.getElementById("vg-tooltip-element");
                    return {html: e.innerHTML, teks: e.textContent,
                            img: e.querySelectorAll("img, script").length}; }""")
    return {}


# -------------------------------------------------------------------------------------- tests

def test_teks_tersimpan_tampil_sebagai_teks(server, konteks, racun_db):
    """Payloads put into the database before the server started, on the pages that show
    them: Alur SOP, Beranda warnings, the SOP page, Target, Naskah Laporan, Dasbor."""
    _, r = racun_db
    sr = r.siklus
    expect = _expect()

    ks = _halaman(konteks)
    _masuk(ks, server, "kasubag")
    ks.goto(server + "/alur_sop")
    _harus_di_halaman(ks, "alur_sop")
    _harus_aman(ks, "alur_sop", sr.teks["uraian2"], sr.teks["kelengkapan2"],
                sr.teks["output2"], sr.teks["keterangan2"], sr.teks["uraian6"], *sr.kartu,
                sr.lampiran)
    # Step 6's reference field: the kelengkapan in its label, shown literally.
    _harus_tampil_apa_adanya(ks, sr.teks["kelengkapan6"],
                             di='[data-testid="stForm"] [data-testid="stWidgetLabel"]')
    # The cycle's log (a dataframe): the admin's reason and the undo reason, verbatim.
    exp = _buka_expander(ks, "Catatan kejadian siklus")
    for alasan in (sr.rec["atasnama"], sr.rec["batal"]):
        expect(exp.locator('[role="gridcell"]').filter(
            has_text=alasan[:40]).first).to_be_attached()
    _harus_aman(ks, "alur_sop_kejadian")

    ks.goto(server + "/")
    _harus_di_halaman(ks, "beranda")
    _harus_aman(ks, "beranda_kasubag", sr.teks["uraian6"], r.tanpa_target)

    ks.goto(server + "/sop")
    _harus_di_halaman(ks, "sop")
    _buka_expander(ks, "Dasar hukum, kualifikasi pelaksana, keterkaitan, peringatan")
    _harus_aman(ks, "sop", sr.teks["uraian2"], sr.teks["kelengkapan2"], sr.teks["output2"],
                sr.teks["keterangan2"], sr.teks["peringatan"])

    ks.goto(server + "/target")
    _harus_di_halaman(ks, "target")
    _harus_aman(ks, "target", r.tanpa_target)

    ks.goto(server + "/naskah_laporan")
    _harus_di_halaman(ks, "naskah_laporan")
    _buka_expander(ks, "Kata Pengantar")
    expect(_kotak(ks, "Kata Pengantar")).to_have_value(r.naskah)
    _harus_aman(ks, "naskah_laporan")

    # Irban III: its Dasbor (own indicators; a chart tooltip with the payload name).
    ir = _halaman(konteks)
    _masuk(ir, server, "irban3")
    ir.goto(server + "/dasbor")
    _harus_di_halaman(ir, "dasbor")
    _harus_aman(ir, "dasbor_irban3")
    # The payload indicator's entry is not verified: its figures show with the switch on.
    ir.get_by_text("Tampilkan juga angka yang masih dalam proses").click()
    _tenang(ir)
    _harus_aman(ir, "dasbor_irban3_proses")
    tip = _tooltip_grafik(ir, "INDIKATOR")
    assert tip, "no chart tooltip showed the payload indicator"
    ir.screenshot(path=str(SHOTS / "xss_dasbor_tooltip.png"))      # the tooltip on screen
    assert r.indikator in tip["teks"] and "&lt;img" in tip["html"] and tip["img"] == 0, tip
    _harus_aman(ir, "dasbor_tooltip", foto=False)
    assert ir.dialog_terbuka == [] and ks.dialog_terbuka == []


def test_teks_diketik_di_formulir_tampil_sebagai_teks(server, konteks, racun_db):
    """Payloads typed through the real forms, read by the other roles; and the stored ones of
    the intake (returned entry, its narratives and evidence)."""
    _, r = racun_db
    expect = _expect()

    # --- admin renames Irban III and the irban3 user ---
    adm = _halaman(konteks)
    _masuk(adm, server, "admin")
    adm.goto(server + "/pengguna")
    _harus_di_halaman(adm, "pengguna")
    _pilih(adm, "Ubah pengguna", "irban3 — ")
    form = adm.locator('[data-testid="stForm"]').filter(has=adm.get_by_role(
        "button", name="Simpan perubahan"))
    nama = form.get_by_role("textbox", name="Nama lengkap", exact=True)
    # The form is refilled with irban3's stored name after the choice: type only after that,
    # else the refill (slower on a busy machine) overwrites the typing.
    expect(nama).to_have_value(re.compile("Irban III"))
    nama.fill(NAMA_KETIK)
    expect(nama).to_have_value(NAMA_KETIK)
    form.get_by_role("button", name="Simpan perubahan").click()
    expect(adm.get_by_text("Perubahan disimpan.")).to_be_visible()
    _tenang(adm)
    adm.get_by_role("tab", name="Unit kerja").click()
    _pilih(adm, "Ubah unit", "IRBAN3 — ")
    form = adm.locator('[data-testid="stForm"]').filter(has=adm.get_by_role(
        "button", name="Simpan unit"))
    nama = form.get_by_role("textbox", name="Nama unit", exact=True)
    expect(nama).to_have_value(re.compile("Wilayah III"))
    nama.fill(UNIT_KETIK)
    expect(nama).to_have_value(UNIT_KETIK)
    form.get_by_role("button", name="Simpan unit").click()
    expect(adm.get_by_text("Unit disimpan.")).to_be_visible()
    _tenang(adm)
    _harus_aman(adm, "pengguna")
    expect(_sel_tabel(adm, UNIT_KETIK).first).to_be_attached()

    # --- irban3: its new name, the seeded return reason, evidence name, indicator header ---
    ir = _halaman(konteks)
    _masuk(ir, server, "irban3")
    _harus_aman(ir, "beranda_irban3", NAMA_KETIK)                     # "Selamat datang, …"
    _harus_tampil_apa_adanya(ir, NAMA_KETIK, di='[data-testid="stSidebar"]')
    ir.goto(server + "/isian_kinerja")
    _harus_di_halaman(ir, "isian_kinerja")
    _pilih(ir, "Indikator yang diisi", r.kode + " — ")
    _harus_aman(ir, "isian_indikator", r.kode, r.indikator, r.satuan)
    ir.goto(server + "/isian_kinerja")
    _harus_di_halaman(ir, "isian_kinerja")
    _pilih(ir, "Indikator yang diisi", NAMA_IK06)
    _harus_aman(ir, "isian_dikembalikan", r.alasan, r.bukti)
    # ... and types a narrative, then submits
    _ketik(ir, LABEL_KENDALA, NARASI_KETIK)
    _klik_tombol(ir, "Simpan & ajukan")
    expect(ir.get_by_text("Isian ini sudah diajukan atau terverifikasi dan terkunci")
           ).to_be_visible()
    expect(_kotak(ir, LABEL_KENDALA)).to_have_value(NARASI_KETIK)
    _harus_aman(ir, "isian_diajukan")

    # --- kasubag reads it on Rekap Isian (stored and typed narratives, evidence, history) ---
    ks = _halaman(konteks)
    _masuk(ks, server, "kasubag")
    ks.goto(server + "/rekap_isian")
    _harus_di_halaman(ks, "rekap_isian")
    _pilih(ks, "Isian", NAMA_IK06)
    narasi = [v for k, v in r.narasi.items() if k != "kendala"]
    _harus_aman(ks, "rekap_isian", NARASI_KETIK, *narasi, r.bukti)
    expect(_sel_tabel(ks, UNIT_KETIK).first).to_be_attached()        # the progress table
    expect(_sel_tabel(ks, r.alasan).first).to_be_attached()          # the history
    # ... types a return reason and returns it
    _kotak(ks, LABEL_ALASAN).fill(ALASAN_KETIK)
    _klik_tombol(ks, "Kembalikan")
    expect(ks.get_by_role("combobox", name="Isian", exact=True)).not_to_have_value(
        re.compile("^" + re.escape(NAMA_IK06)))
    _harus_aman(ks, "rekap_dikembalikan")
    # Alur SOP, step 6: the typed unit name among the units that have not submitted.
    ks.goto(server + "/alur_sop")
    _harus_di_halaman(ks, "alur_sop")
    _harus_aman(ks, "alur_sop_unit", "Unit yang belum mengajukan isian: " + UNIT_KETIK)

    # --- irban3 sees the typed reason ---
    ir.goto(server + "/isian_kinerja")
    _harus_di_halaman(ir, "isian_kinerja")
    _pilih(ir, "Indikator yang diisi", NAMA_IK06)
    _harus_aman(ir, "isian_alasan_diketik", "Dikembalikan oleh Kasubag: " + ALASAN_KETIK)

    # --- the audit log (a grid; its cells hold the payloads, see test_teks_aman) runs none ---
    adm.goto(server + "/audit")
    _harus_di_halaman(adm, "audit")
    _harus_aman(adm, "audit")
    for p in (adm, ir, ks):
        assert p.dialog_terbuka == []
