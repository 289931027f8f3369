"""Text that users type is shown as text everywhere: `ui.esc` (table and property tests), every
page that shows stored user text (AppTest: the payload goes in through lkj_core as the role
that would type it, the page is rendered as the role that reads it), and the PDF.

A payload here carries HTML (`<script>`, `<img onerror>`), a `javascript:` link, an image,
LaTeX, code, emphasis, Streamlit directives and icons, an entity and, when multi-line, block
markdown. On a page it must appear as `ui.esc(payload)` inside a markdown body (never raw),
inside no element that allows HTML; in dataframes and text inputs it must be the raw text.
The browser side (what Streamlit's renderer really makes of it) is tests/test_browser_xss.py.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
import re
import string
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st_h

from apptest_util import app, kotak_isian, login_form, tombol
from conftest import pelaku
from lkj_app import ui
from lkj_app.state import _koneksi
from lkj_core import (bukti, isian, laporan, naskah, organisasi, pejabat, pengaturan, pengguna,
                      perencanaan, siklus, sop)
from lkj_core.db import buka

ROOT = Path(__file__).resolve().parent.parent
TAHUN = 2025
WJ, NBSP = "\u2060", "\u00a0"


def racun(tanda: str) -> str:
    """A one-line payload (under 200 characters, the longest name fields take) that runs or
    renders if it reaches the page as HTML or markdown; `tanda` makes it findable."""
    return (f"{tanda} <script>alert(1)</script> <img src=x onerror=alert(1)> "
            f"[klik](javascript:alert(1)) ![g](x) $x^2$ `kode` *miring* __tebal__ "
            f"~~coret~~ :material/warning: :red[merah] &lt;b&gt; {{nb}}")


def racun_pendek(tanda: str) -> str:
    """For fields of at most 30-50 characters."""
    return f"{tanda}<img src=x onerror=1>$x$"


def racun_baris(tanda: str) -> str:
    """A multi-line payload: block markdown on its later lines."""
    return (racun(tanda) + "\n# judul palsu\n    menjorok <b>kode</b>\n1. daftar\n- butir\n"
            "| a | b |\n|---|---|\n> kutipan\n===")


# ------------------------------------------------------------------------ esc(): the escaping

# CommonMark lets a backslash escape any ASCII punctuation character, and nothing else.
_TANDA_BACA = set(string.punctuation)
_AKTIF = set("\\`*_[]<>$:~&|")   # what must never reach the renderer unescaped, mid-line


def _tanpa_markup(md: str) -> bool:
    """True when no markup character of `md` is left unescaped (backslash pairs skipped)."""
    i = 0
    while i < len(md):
        if md[i] == "\\":
            if i + 1 >= len(md) or md[i + 1] not in _TANDA_BACA:
                return False
            i += 2
            continue
        if md[i] in _AKTIF:
            return False
        i += 1
    return True


def _dibaca(md: str) -> str:
    """The text a CommonMark renderer shows for esc() output: escapes resolved, hard breaks
    back to newlines, the invisible word joiner dropped."""
    teks = re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", md)
    return teks.replace("  \n", "\n").replace(WJ, "")


def _baris_blok(md: str) -> list[str]:
    """Lines of `md` that a renderer would take as a block start (heading, list item,
    quote, fence, setext underline, thematic break, table row, indented code)."""
    pola = re.compile(r"( {0,3})(#{1,6}(\s|$)|[-+*](\s|$)|\d{1,9}[.)](\s|$)|>|```|~~~|=+\s*$"
                      r"|-[-\s]*$|\|)|( {4}|\t)")
    return [b for b in md.split("\n") if pola.match(b)]


@pytest.mark.parametrize("teks, hasil", [
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
    ("[x](javascript:alert(1))", r"\[x\](javascript\:alert(1))"),
    ("![g](http://contoh/x.png)", r"!\[g\](http\://contoh/x.png)"),
    ("`kode` *b* _i_ __t__ ~~c~~", r"\`kode\` \*b\* \_i\_ \_\_t\_\_ \~\~c\~\~"),
    ("Rp 5$ dan $x^2$ $$y$$", r"Rp 5\$ dan \$x^2\$ \$\$y\$\$"),
    (":red[merah] :blue-background[biru]", r"\:red\[merah\] \:blue-background\[biru\]"),
    (":material/warning: :material_home: :streamlit:",
     "\\:" + WJ + "material/warning\\: \\:" + WJ + "material\\_home\\: \\:" + WJ
     + "streamlit\\:"),
    ("&lt;b&gt; &amp;", r"\&lt;b\&gt; \&amp;"),
    ("a | b", r"a \| b"),
    ("C:\\data\\x", r"C\:\\data\\x"),
    ("# judul", r"\# judul"),
    ("- butir", r"\- butir"),
    ("+ butir", r"\+ butir"),
    ("12. daftar", r"12\. daftar"),
    ("3) daftar", r"3\) daftar"),
    ("> kutipan", r"\> kutipan"),
    ("===", r"\==="),
    ("-- -", r"\-- -"),
    ("    menjorok", NBSP * 4 + "menjorok"),
    ("baris satu\nbaris dua", "baris satu  \nbaris dua"),
    ("", ""),
    # ordinary text keeps no backslash (it also ends up in widget labels' accessible names)
    ("Format data; Draft Dokumen Laporan Kinerja (2025), 96,47 % - naik 1.000 orang!",
     "Format data; Draft Dokumen Laporan Kinerja (2025), 96,47 % - naik 1.000 orang!"),
    ("-5 %", "-5 %"),
    ("#tagar", "#tagar"),
])
def test_esc_tabel(teks, hasil):
    assert ui.esc(teks) == hasil


def test_esc_payload_lengkap():
    p = racun_baris("UJI")
    md = ui.esc(p)
    assert _tanpa_markup(md.replace(WJ, "").replace(NBSP, ""))
    assert _baris_blok(md) == []
    assert _dibaca(md) == p.replace("\n    ", "\n" + NBSP * 4)   # indentation kept, no-break
    assert ":material/" not in md and "\\:" + WJ + "material/warning" in md


def test_pemeriksa_menangkap_markup_yang_lolos():
    """The checkers above do fail on unescaped text (so the property below means something)."""
    assert not _tanpa_markup("[x](javascript:alert(1))")
    assert not _tanpa_markup("ujung \\")
    assert _baris_blok("a  \n# judul") == ["# judul"]
    assert _baris_blok("a  \n    kode") == ["    kode"]
    assert _baris_blok("a  \n===") == ["==="]


_TEKS = st_h.text(st_h.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_TEKS)
@example("=\xa0")      # found by CI: a no-break space after a setext/heading marker
@example("#\xa0judul")
def test_esc_sifat_untuk_teks_apa_pun(teks):
    md = ui.esc(teks)
    # 1. Inert: every markup character is escaped, no line starts a block.
    assert _tanpa_markup(md.replace(WJ, "").replace(NBSP, ""))
    assert _baris_blok(md) == []
    # 2. Streamlit's own icon/logo replacements cannot match, in the source or in the text.
    assert ":material/" not in md
    assert not re.search(r":material_\w+:|:streamlit:", _dibaca(md).replace(WJ, "§"))
    # 3. Lossless: what is read back is what was typed (line breaks as \n, indentation as
    #    no-break spaces, one per blank or tab).
    harapan = "\n".join(NBSP * (len(b) - len(b.lstrip(" \t"))) + b.lstrip(" \t")
                        for b in teks.replace(WJ, "").splitlines())
    assert _dibaca(md) == harapan


@given(st_h.text(st_h.sampled_from(string.ascii_letters + string.digits + " .,;()%'\"/?!=+@^"),
                 max_size=40).filter(lambda t: t[:1].isalpha()))
def test_esc_teks_biasa_tidak_berubah(teks):
    """A label such as 'Realisasi 2025 (Temuan)' keeps its accessible name: plain text stays
    exactly as typed."""
    assert ui.esc(teks) == teks


def test_teks_panjang_menjaga_baris_dan_tanda_pisah_bila_kosong():
    assert ui.teks_panjang(None) == ui.teks_panjang("") == "—"
    assert ui.teks_panjang("a\n\n    b") == "a  \n  \n" + NBSP * 4 + "b"


# ------------------------------------------------------------------- the pages (AppTest)

_BUKAN_MARKDOWN = {"text", "code", "exception", "json", "dataframe", "arrow_data_frame"}


def _isi_markdown(at) -> list[tuple[object, str]]:
    """(element, string) for every string of the page that Streamlit renders as markdown:
    bodies (markdown, captions, alerts, headings, metric values, toasts), labels, help
    tooltips, progress texts, and the cells of st.table."""
    hasil = []
    for node in [*at.main, *at.sidebar, *at.toast]:
        if getattr(node, "type", "") in _BUKAN_MARKDOWN:
            continue
        if getattr(node, "type", "") == "table":
            for v in node.value.to_numpy().ravel():
                if isinstance(v, str):
                    hasil.append((node, v))
            continue
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for f, v in proto.ListFields():
            if f.name in ("body", "label", "help", "text") and isinstance(v, str):
                hasil.append((node, v))
    return hasil


def _teks_tabel(at) -> list[str]:
    """Every string cell of the page's dataframes (shown literally by the grid)."""
    return [v for d in at.dataframe for v in d.value.astype(object).to_numpy().ravel()
            if isinstance(v, str)]


def _harus_aman(at, *payload: str, tabel: tuple[str, ...] = ()):
    """Each payload is on the page escaped, in a markdown element that does not allow HTML;
    none appears raw in markdown; no markdown string of the page holds an unescaped script
    tag, javascript: link or dollar; the `tabel` payloads are in a dataframe verbatim."""
    assert not at.exception, [e.value for e in at.exception]
    md = _isi_markdown(at)
    for p in payload:
        di = [(node, s) for node, s in md if ui.esc(p) in s]
        assert di, f"{p[:40]!r} not shown escaped; markdown strings:\n" + "\n".join(
            s[:160] for _, s in md)
        for node, _ in di:
            assert not getattr(node.proto, "allow_html", False), node
    for _, s in md:
        for p in payload:
            if any(c in p for c in _AKTIF):
                assert p not in s, f"raw payload in markdown: {s[:200]!r}"
        assert not re.search(r"(?<!\\)<(script|img)", s), s[:200]
        assert not re.search(r"(?<!\\)\]\(javascript", s), s[:200]
        assert not re.search(r"(?<!\\)\$", s), s[:200]
    sel = _teks_tabel(at)
    for p in tabel:
        assert any(p in v for v in sel), f"{p[:40]!r} not in a dataframe"


def _seed(db_file):
    """The app's own cached connection to this test's database (as the pages use it)."""
    return _koneksi(str(db_file)).cursor()


def _id(cur, kode):
    return cur.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _sasaran(cur) -> int:
    return cur.execute("SELECT id FROM sasaran ORDER BY id LIMIT 1").fetchone()[0]


def _pdf_kecil() -> bytes:
    from test_browser_isian import _pdf_kecil as pdf
    return pdf()


def test_tidak_ada_html_mentah_di_kode_halaman():
    """No page or helper lets HTML through: unsafe_allow_html, st.html and components are not
    used anywhere (so no user text can reach one)."""
    temuan = []
    for berkas in [*ROOT.glob("pages/*.py"), *ROOT.glob("lkj_app/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(berkas.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
                temuan.append(f"{berkas.name}:{node.value.lineno} unsafe_allow_html")
            if isinstance(node, ast.Attribute) and node.attr == "html":
                temuan.append(f"{berkas.name}:{node.lineno} .html")
            if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                    "components" in (a.name or "") for a in node.names) or (
                    isinstance(node, ast.ImportFrom) and "components" in (node.module or "")):
                temuan.append(f"{berkas.name}:{node.lineno} components")
    assert temuan == []


def test_narasi_bidang_di_rekap_isian_kasubag(db_file):
    narasi = {k: racun_baris(f"NARASI{i}") for i, k in enumerate(isian.KOLOM_NARASI)}
    with _seed(db_file) as cur:
        ik = _id(cur, "IK-06")
        versi = isian.isian(cur, pelaku(cur, "irban3"), ik, TAHUN)["versi"]
        isian.simpan_isian(cur, pelaku(cur, "irban3"), ik, TAHUN,
                           isian.IsianKinerja(nilai="8", narasi=narasi), versi, ajukan=True)
    at = app("kasubag", "rekap_isian")
    at.selectbox(key="rekap_pilih").set_value(ik).run()
    _harus_aman(at, *narasi.values())
    # The bidang user's own form holds the texts exactly as typed.
    b = app("irban3", "isian_kinerja")
    b.selectbox(key="isi_pilih").set_value(ik).run()
    assert not b.exception
    for k, v in narasi.items():
        assert kotak_isian(b, ik, k).value == v


def test_alasan_pengembalian_di_isian_bidang_dan_riwayat(db_file):
    alasan = racun_baris("ALASAN")
    with _seed(db_file) as cur:
        ik = _id(cur, "IK-03")                       # Sekretariat, 'diajukan' in the demo
        isian.ubah_status(cur, pelaku(cur, "kasubag"), ik, TAHUN, "kembalikan", alasan)
    at = app("sekretariat", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik).run()
    _harus_aman(at, alasan, tabel=(alasan,))          # the warning; the history table
    # The Kasubag's view of the same history shows it verbatim too.
    k = app("kasubag", "rekap_isian")
    k.multiselect(key="rekap_status").set_value(["dikembalikan"]).run()
    k.selectbox(key="rekap_pilih").set_value(ik).run()
    _harus_aman(k, tabel=(alasan,))


def test_nama_unit_pengguna_indikator_dan_satuan(db_file):
    unit, nama, ind, kode = (racun("UNIT"), racun("PENGGUNA"), racun("INDIKATOR"),
                             racun_pendek("IK"))
    satuan, tanpa = racun_pendek("SATUAN"), racun("TANPATARGET")
    with _seed(db_file) as cur:
        adm, ks = pelaku(cur, "admin"), pelaku(cur, "kasubag")
        organisasi.ubah_unit(cur, adm, 4, unit, True)                      # Irban III
        pid = cur.execute("SELECT id FROM pengguna WHERE username = 'irban3'").fetchone()[0]
        pengguna.ubah_pengguna(cur, adm, pid, nama, "bidang", 4)
        ik = perencanaan.simpan_indikator(cur, ks, perencanaan.IsianIndikator(
            sasaran_id=_sasaran(cur), kode=kode, nama=ind, satuan=satuan, polaritas="positif",
            unit_id=4, target={TAHUN: ("10", "")}))
        perencanaan.simpan_indikator(cur, ks, perencanaan.IsianIndikator(
            sasaran_id=_sasaran(cur), kode="IK-99", nama=tanpa, satuan="%",
            polaritas="positif", unit_id=4))

    # Irban III's own pages: unit on the Dasbor and Impor Excel, indicator header, satuan
    # (metric value and the realisasi field's label), own name in the sidebar.
    d = app("irban3", "dasbor")
    _harus_aman(d, unit, nama)
    imp = app("irban3", "impor_excel")
    _harus_aman(imp, unit, nama)
    at = app("irban3", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik).run()
    _harus_aman(at, kode, ind, satuan, nama)
    assert kotak_isian(at, ik, "nilai").label == f"Realisasi {TAHUN} ({ui.esc(satuan)})"
    # The indicator without target: the Target page and the Kasubag's home warnings.
    t = app("kasubag", "target")
    _harus_aman(t, tanpa, unit)
    br = app("kasubag", "beranda")
    _harus_aman(br, tanpa)
    # The audit log holds every one of them verbatim, in its grid only.
    _harus_aman(app("admin", "audit"), tabel=(unit, nama, ind, tanpa))
    # The welcome line takes the name from the real login.
    masuk = app()
    login_form(masuk, "irban3", "irban3-demo")
    _harus_aman(masuk, nama)
    assert any(f"Selamat datang, **{ui.esc(nama)}**" in s for _, s in _isi_markdown(masuk))


def test_nama_instansi_pemda_dan_admin_di_beranda(tmp_path, monkeypatch):
    inst, pemda, nama = racun("INSTANSI"), racun("PEMDA"), racun("ADMIN")
    path = tmp_path / "baru.duckdb"
    con = buka(path)
    iid = organisasi.buat_instansi(con, "sistem:uji", "UJI", inst, pemda)
    pengguna.buat_pengguna(con, "sistem:uji", iid, "admin", nama, "admin", "rahasia-panjang-1")
    con.close()
    monkeypatch.setenv("LKJ_DB", str(path))
    monkeypatch.setenv("LKJ_TANPA_DEMO", "1")
    at = app()
    login_form(at, "admin", "rahasia-panjang-1")
    _harus_aman(at, inst, pemda, nama)          # welcome line and sidebar


@dataclasses.dataclass
class SiklusRacun:
    teks: dict[str, str]          # SOP revision texts (steps 2 and 6, the warning)
    rec: dict[str, str]           # what was recorded while running steps 1-5, unit name
    lampiran: str                 # the attached file's stored name

    @property
    def kartu(self) -> list[str]:
        """What the step cards show."""
        return [self.rec[k] for k in ("disposisi", "catatan1", "ref2", "ref3", "tempat",
                                      "undangan", "ref4", "notulen", "kesepakatan", "ref5")]


def isi_racun_siklus(cur, ganti_unit: bool = True) -> SiklusRacun:
    """An SOP revision whose steps 2 and 6 carry payloads (in force from 1 January 2026), the
    2025 cycle run through step 5 with payloads in every record (an admin acting for the
    Kasubag with a reason, step 5 undone with a reason and finished again), step 6 running
    and, with `ganti_unit`, Irban III (not submitted) renamed."""
    t0 = dt.datetime(2026, 1, 5, 8, 0)
    w = lambda jam: t0 + dt.timedelta(hours=jam)  # noqa: E731
    teks = {k: racun(k.upper()) for k in ("uraian2", "kelengkapan2", "output2", "keterangan2",
                                           "uraian6", "kelengkapan6", "peringatan")}
    rec = {k: racun_baris(k.upper()) if k in ("undangan", "notulen") else racun(k.upper())
           for k in ("disposisi", "catatan1", "ref2", "ref3", "tempat", "undangan", "ref4",
                     "notulen", "kesepakatan", "ref5", "batal", "atasnama", "unit")}
    adm = pelaku(cur, "admin")
    ins, ks, sek = (pelaku(cur, u) for u in ("inspektur", "kasubag", "sekretaris"))
    rev = sop.revisi_berlaku(cur, adm.instansi_id)
    langkah = (sop.langkah_revisi(cur, rev["id"]).drop(columns="no").fillna("")
               .to_dict("records"))          # as the SOP page's editor hands them over
    for no in (2, 6):
        for k in ("uraian", "kelengkapan", "output", "keterangan"):
            if f"{k}{no}" in teks:
                langkah[no - 1][k] = teks[f"{k}{no}"]
    sop.simpan_revisi(cur, adm, "Revisi uji", dt.date(2026, 1, 1), langkah,
                      {**rev["info"], "peringatan": teks["peringatan"]})
    if ganti_unit:
        organisasi.ubah_unit(cur, adm, 4, rec["unit"], True)       # Irban III: not submitted
    sid = siklus.buka_siklus(cur, ins, TAHUN, rec["disposisi"], w(0))
    siklus.selesaikan_langkah(cur, ins, sid, 1, rec["disposisi"], rec["catatan1"], {}, w(1))
    siklus.mulai_langkah(cur, ks, sid, 2, w(2))
    siklus.lampirkan(cur, ks, sid, 2, "[klik](javascript alert(1)) $x$ `k` _i_ ~~c~~.pdf",
                     _pdf_kecil())
    siklus.selesaikan_langkah(cur, ks, sid, 2, rec["ref2"], "", {}, w(3))
    siklus.mulai_langkah(cur, adm, sid, 3, w(4), alasan=rec["atasnama"])
    siklus.selesaikan_langkah(cur, ks, sid, 3, rec["ref3"], "", {}, w(5))
    siklus.mulai_langkah(cur, sek, sid, 4, w(6))
    siklus.selesaikan_langkah(cur, sek, sid, 4, rec["ref4"], "", {
        "tanggal_rapat": dt.date(2026, 1, 6), "tempat": rec["tempat"],
        "undangan": rec["undangan"]}, w(7))
    siklus.mulai_langkah(cur, ins, sid, 5, w(8))
    data5 = {"notulen": rec["notulen"], "kesepakatan": rec["kesepakatan"]}
    siklus.selesaikan_langkah(cur, ins, sid, 5, rec["ref5"], "", data5, w(9))
    siklus.batalkan_selesai(cur, ks, sid, 5, rec["batal"])
    siklus.selesaikan_langkah(cur, ins, sid, 5, rec["ref5"], "", data5, w(10))
    siklus.mulai_langkah(cur, ks, sid, 6, w(11))
    lampiran = cur.execute("SELECT nama_berkas FROM lampiran_langkah").fetchone()[0]
    return SiklusRacun(teks, rec, lampiran)


def test_catatan_langkah_sop_di_alur_beranda_dan_sop(db_file):
    with _seed(db_file) as cur:
        sr = isi_racun_siklus(cur)
    teks, rec = sr.teks, sr.rec

    at = app("kasubag", "alur_sop")
    _harus_aman(at, teks["uraian2"], teks["kelengkapan2"], teks["output2"],
                teks["keterangan2"], teks["uraian6"], *sr.kartu, sr.lampiran,
                tabel=(rec["batal"], rec["atasnama"]))
    # Step 6 (running, the Kasubag's): the units that have not submitted, and the kelengkapan
    # in the reference field's label.
    assert any(s == "Unit yang belum mengajukan isian: " + ui.esc(rec["unit"])
               for _, s in _isi_markdown(at))
    label = at.text_input(key="l6_ref").label
    assert label == siklus.label_referensi(6, ui.esc(teks["kelengkapan6"]))
    # Home: the step waiting for the Kasubag, with its (revised) description.
    _harus_aman(app("kasubag", "beranda"), teks["uraian6"])
    # The SOP page: the revision's texts in the static table, its warning.
    s = app("staf", "sop")
    _harus_aman(s, teks["uraian2"], teks["kelengkapan2"], teks["output2"], teks["keterangan2"],
                teks["peringatan"])


def test_nama_berkas_bukti_di_isian_dan_rekap(db_file):
    nama = "[klik](javascript alert(1)) ![g](x) $x^2$ `k` _i_ __t__ ~~c~~ &lt; {nb}.pdf"
    with _seed(db_file) as cur:
        ik = _id(cur, "IK-06")
        bukti.tambah_bukti(cur, pelaku(cur, "irban3"), ik, TAHUN, nama, _pdf_kecil())
        disimpan = cur.execute("SELECT nama_berkas FROM bukti_dukung WHERE diunggah_oleh <>"
                               " 'sistem:seed-demo'").fetchone()[0]
        versi = isian.isian(cur, pelaku(cur, "irban3"), ik, TAHUN)["versi"]
        isian.simpan_isian(cur, pelaku(cur, "irban3"), ik, TAHUN, isian.IsianKinerja(
            nilai="8", narasi={"analisis_penyebab": "Ada."}), versi, ajukan=True)
    assert disimpan == nama                         # nothing in it is illegal in a file name
    at = app("irban3", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik).run()
    _harus_aman(at, nama)
    k = app("kasubag", "rekap_isian")
    k.selectbox(key="rekap_pilih").set_value(ik).run()
    _harus_aman(k, nama)


def test_pesan_kesalahan_yang_mengutip_isian_pengguna(db_file):
    """Messages quote what was typed (a number that is not one) or what is stored (the
    conflict message lists the other user's values): both stay text."""
    ketik = "<img src=x onerror=alert(1)> $x$"
    with _seed(db_file) as cur:
        ik = _id(cur, "IK-06")
    a = app("irban3", "isian_kinerja")
    a.selectbox(key="isi_pilih").set_value(ik).run()
    kotak_isian(a, ik, "nilai").input(ketik).run()
    _harus_aman(a, f"'{ketik}' bukan angka yang valid")        # live capaian
    tombol(a, "Simpan draf").click()
    a.run()
    _harus_aman(a, f"'{ketik}' bukan angka yang valid")        # the field's error

    b = app("irban3", "isian_kinerja")
    b.selectbox(key="isi_pilih").set_value(ik).run()
    lain = racun("KONFLIK")
    with _seed(db_file) as cur:
        versi = isian.isian(cur, pelaku(cur, "irban3"), ik, TAHUN)["versi"]
        isian.simpan_isian(cur, pelaku(cur, "irban3"), ik, TAHUN, isian.IsianKinerja(
            nilai="8", narasi={"kendala": lain}), versi)
    kotak_isian(b, ik, "nilai").input("10")
    tombol(b, "Simpan draf").click()
    b.run()
    # (the message quotes the first 60 characters of a stored narrative)
    assert "<script>" in lain[:60] and "<img" in lain[:60]
    _harus_aman(b, lain[:60])
    assert any("sudah disimpan oleh irban3" in s for _, s in _isi_markdown(b))


def test_label_skala_kategori_di_isian_dan_dasbor(db_file):
    """The category labels are typed by the admin on Pengaturan."""
    tinggi, rendah = racun("KATTINGGI"), racun("KATRENDAH")
    with _seed(db_file) as cur:
        pengaturan.atur_skala_kategori(cur, pelaku(cur, "admin"), [("50", tinggi), ("", rendah)])
        ik = _id(cur, "IK-06")
    at = app("irban3", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik).run()
    _harus_aman(at, tinggi)                        # "Kategori: …" of the live capaian
    _harus_aman(app("kasubag", "dasbor"), tinggi, rendah)      # the count per category


def test_naskah_laporan_tetap_teks_di_formulir(db_file):
    teks = racun_baris("NASKAH")
    with _seed(db_file) as cur:
        naskah.simpan_naskah(cur, pelaku(cur, "kasubag"), TAHUN, "kata_pengantar", teks)
    at = app("kasubag", "naskah_laporan")
    assert not at.exception
    assert at.text_area(key=f"naskah_{TAHUN}_kata_pengantar").value == teks
    assert not [s for _, s in _isi_markdown(at) if "NASKAH" in s]


# ------------------------------------------------------------------------------- the PDF

def _rata(teks: str) -> str:
    # Without any whitespace: wrapping, justification and the hanging indent of list lines
    # ("1. ...", "- ...") change only the spacing, never a character.
    return re.sub(r"\s+", "", teks)


_KEPALA_KAKI = re.compile(r"^(DRAFT|Halaman \d+ dari \d+|.*LKjIP \d{4}( · DATA DEMO)?)$")


def _teks_pdf(pdf: bytes) -> str:
    """The document's text without the running header, footer and watermark (a paragraph that
    crosses a page break reads on)."""
    baris = [b for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
             for b in p.extract_text().splitlines() if not _KEPALA_KAKI.match(b.strip())]
    return _rata(" ".join(baris))


def _isi_racun_laporan(con) -> dict[str, str]:
    """Payloads in every kind of user text the report prints; returns name -> payload."""
    ks, adm, ir = pelaku(con, "kasubag"), pelaku(con, "admin"), pelaku(con, "irban3")
    p = {k: racun(k.upper()) for k in ("tujuan", "sasaran", "indikator", "unit", "program",
                                       "ttd")}
    p |= {f"naskah_{k}": racun_baris(f"NASKAH{i}") for i, k in enumerate(naskah.BAGIAN)}
    p |= {f"narasi_{k}": racun_baris(f"NARASI{i}") for i, k in enumerate(isian.KOLOM_NARASI)}
    rid = con.execute("SELECT id FROM renstra ORDER BY id LIMIT 1").fetchone()[0]
    tid = perencanaan.buat_tujuan(con, ks, rid, "T9", p["tujuan"])
    sid = perencanaan.buat_sasaran(con, ks, tid, "SS9", p["sasaran"])
    organisasi.ubah_unit(con, adm, 4, p["unit"], True)
    ik = perencanaan.simpan_indikator(con, ks, perencanaan.IsianIndikator(
        sasaran_id=sid, kode="IK-99", nama=p["indikator"], satuan="%", polaritas="positif",
        unit_id=4, target={TAHUN: ("10", "")}))
    for k in naskah.BAGIAN:
        naskah.simpan_naskah(con, ks, TAHUN, k, p[f"naskah_{k}"])
    narasi = {k: p[f"narasi_{k}"] for k in isian.KOLOM_NARASI}
    # submitted and verified: only official entries' narratives reach the report
    isian.simpan_isian(con, ir, ik, TAHUN, isian.IsianKinerja(nilai="9", narasi=narasi), 0,
                       ajukan=True)
    isian.ubah_status(con, ks, ik, TAHUN, "verifikasi")
    perencanaan.simpan_pk_program(con, ks, TAHUN, "9.99", p["program"], 4, "1000000", "500000")
    pejabat.atur(con, adm, TAHUN, "inspektur", p["ttd"], "197001011990031001",
                 "Pembina (IV/a)", "Inspektur")
    return p


def _harus_tertulis(teks: str, payload: dict[str, str]):
    for k, v in payload.items():
        assert _rata(v) in teks, f"{k}: {v[:50]!r} not written literally"
    assert "{nb}" in teks                      # fpdf2's page alias is not applied to user text


def test_pdf_menulis_teks_pengguna_apa_adanya(demo_con):
    p = _isi_racun_laporan(demo_con)
    ks = pelaku(demo_con, "kasubag")
    data = laporan.kumpulkan_data(demo_con, ks, TAHUN)
    data = dataclasses.replace(data, instansi=racun("INSTANSI"), pemda=racun("PEMDA"))
    pdf = laporan.buat_laporan(data)
    _harus_tertulis(_teks_pdf(pdf), {**p, "instansi": racun("INSTANSI").upper(),
                                      "pemda": racun("PEMDA").upper()})
    # The footer's own page-count alias still becomes the page count.
    halaman = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert all(f"Halaman {i} dari {len(halaman)}" in h.extract_text()
               for i, h in enumerate(halaman, 1) if i > 1)
    surat = laporan.data_surat(demo_con, ks, TAHUN, racun("NOMOR"), dt.date(2026, 1, 21),
                               racun_baris("KEPADA"))
    _harus_tertulis(_teks_pdf(laporan.buat_surat_pengantar(surat)),
                    {"nomor": racun("NOMOR"), "kepada": racun_baris("KEPADA")})


def test_pdf_dari_perintah_laporan(db_file, tmp_path):
    con = buka(db_file)
    p = _isi_racun_laporan(con)
    con.close()
    keluar = tmp_path / "laporan.pdf"
    r = subprocess.run([sys.executable, "-m", "lkj_core", "laporan", "--tahun", str(TAHUN),
                        "--keluar", str(keluar)], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    _harus_tertulis(_teks_pdf(keluar.read_bytes()), p)


def test_csv_unduhan_tidak_menjalankan_rumus():
    # CSV/formula injection: a unit or indicator name typed as a formula stays text in Excel.
    import pandas as pd

    from lkj_app.ui import csv_aman

    df = pd.DataFrame({"nama": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "Biasa"],
                       "capaian": [96.5, -4.0, 0.0, 1.25, 100.0]})
    baris = csv_aman(df).decode("utf-8-sig").splitlines()
    assert baris[0] == "nama;capaian"
    assert baris[1:] == ['"\'=HYPERLINK(""http://x"")";96,5', "'+1;-4,0", "'-2+3;0,0",
                         "'@SUM(A1);1,25", "Biasa;100,0"]
    assert df["nama"][0].startswith("=")  # the shown table is untouched
