"""The access matrix, three ways: the README's role table equals lkj_core.peran.IZIN plus
lkj_app.nav.HALAMAN; the pages (menu, refusals, action widgets per role; anonymous visitors);
and the query layer, where every lkj_core function that acts for a user is called as every
role, as a bidang user of another unit and as every role of another instansi.

tests/test_pages.py already checks, page by page, that each role is refused exactly where
HALAMAN says; this file adds what a refusal must not show, the drawn menu, the widgets that
act, and everything below the pages.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import importlib.util
import inspect
import pkgutil
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import pandas as pd
import pytest

import lkj_core
from akses_util import SANDI, UNIT_LAIN, aktor, beda, id_dari, instansi_lain, sidik
from akses_util import unsur as _unsur
from apptest_util import USER_PERAN, app
from conftest import pelaku
from test_bukti import _png
from lkj_app.nav import HALAMAN, PER_SLUG
from lkj_app.state import _koneksi
from gerbang_util import SANDI as SANDI_TTD
from gerbang_util import siap_ditandatangani
from lkj_core import (arsip, audit, bukti, dasbor, isian, laporan, naskah, organisasi, pejabat,
                      pembanding, pengaturan, pengguna, perencanaan, peringatan, profil,
                      rencana_aksi, reviu, siklus, sop, ttd_elektronik, waktu_kerja)
from lkj_core.db import buka
from lkj_core.isian import IsianKinerja
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import IZIN, PERAN, AksesDitolak, Pelaku, boleh
from lkj_core.perencanaan import IsianIndikator

try:   # the backup module is newer than some checkouts of this file's neighbours
    from lkj_core import cadangan
except ImportError:  # pragma: no cover - depends on the tree
    cadangan = None

README = Path(__file__).resolve().parent.parent / "README.md"
TOLAK = "Anda tidak memiliki akses ke halaman ini. Pilih menu lain di samping."
ALASAN = "Uji akses: admin bertindak atas nama pelaksana"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = _png()  # a 1x1 PNG


def _pelaksana_sop() -> dict[int, str]:
    """Step number -> actor role, from the SOP the demo (and every new cycle) uses."""
    return {l["no"]: l["pelaksana"] for l in sop.baca_csv()}


# =====================================================================================
# (a) The README's role table is the registry
# =====================================================================================

def _tabel_readme() -> tuple[list[str], dict[str, dict[str, str]]]:
    """(role columns, page cell -> {role: cell}) of the README's 'What each role can do'."""
    bagian = README.read_text(encoding="utf-8").split("## What each role can do", 1)[1]
    baris = []
    for line in bagian.splitlines():
        if line.startswith("|"):
            baris.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif baris:
            break
    kepala, _garis, *isi = baris
    peran = kepala[1:]
    return peran, {b[0]: dict(zip(peran, b[1:], strict=True)) for b in isi}


def _halaman_readme(nama_baris: str):
    """The HALAMAN entry a README row names ('Ekspor Laporan (LKjIP PDF, …)' is the page
    titled 'Ekspor Laporan (PDF)')."""
    nama = nama_baris.split(" (")[0].strip()
    cocok = [h for h in HALAMAN if h.judul == nama or h.judul.startswith(nama + " (")]
    assert len(cocok) == 1, f"README row {nama_baris!r} names {len(cocok)} pages"
    return cocok[0]


# Pages whose README cells say "edit" / "view": the action that makes the difference.
AKSI_UBAH = {"renstra": "kelola_perencanaan", "perjanjian_kinerja": "kelola_perencanaan",
             "sop": "kelola_sop", "target": "kelola_perencanaan"}


def test_readme_kolom_peran_dan_baris_halaman_sama_dengan_registri():
    peran, baris = _tabel_readme()
    assert peran == list(PERAN)
    halaman = [_halaman_readme(n).slug for n in baris]
    assert sorted(halaman) == sorted(h.slug for h in HALAMAN), \
        "every page of nav.HALAMAN has exactly one README row"


def test_readme_sel_terisi_tepat_untuk_peran_yang_boleh_membuka():
    _, baris = _tabel_readme()
    salah = [f"{nama} / {p}: README {sel!r}, HALAMAN {'boleh' if h.boleh_dibuka(p) else 'tidak'}"
             for nama, sel_peran in baris.items() for p, sel in sel_peran.items()
             for h in [_halaman_readme(nama)] if bool(sel) != h.boleh_dibuka(p)]
    assert not salah, "\n".join(salah)


def test_readme_edit_dan_view_sama_dengan_izin_ubah():
    _, baris = _tabel_readme()
    for nama, sel_peran in baris.items():
        h = _halaman_readme(nama)
        if not any(s == "edit" for s in sel_peran.values()):
            assert h.slug not in AKSI_UBAH, f"{nama}: README lost its edit/view split"
            continue
        aksi = AKSI_UBAH[h.slug]
        for p, sel in sel_peran.items():
            if sel:
                assert (sel == "edit") == boleh(p, aksi), f"{nama} / {p}: {sel!r} vs {aksi}"


def test_readme_unit_sendiri_hanya_bidang_dan_dasbor_staf_hanya_sop():
    _, baris = _tabel_readme()
    for nama, sel_peran in baris.items():
        # Code narrows to one unit exactly where the role is bidang (pelaku.peran == "bidang"),
        # so a bidang cell says "own unit" wherever another role sees every unit.
        luas = any(s in ("all", "any unit") for s in sel_peran.values())
        for p, sel in sel_peran.items():
            if "own unit" in sel:
                assert p == "bidang", (nama, p)
            if p == "bidang" and sel and luas:
                assert sel == "own unit", (nama, sel)
    dasbor_sel = next(v for k, v in baris.items() if k.startswith("Dasbor"))
    for p, sel in dasbor_sel.items():
        kinerja, sop_ = boleh(p, "lihat_isian"), boleh(p, "lihat_siklus")
        assert {"all": kinerja and sop_, "SOP only": sop_ and not kinerja,
                "own unit": kinerja and not sop_}[sel], (p, sel)


def test_readme_langkah_alur_sop_per_peran_sama_dengan_sop():
    _, baris = _tabel_readme()
    alur = next(v for k, v in baris.items() if k.startswith("Alur SOP"))
    per_peran: dict[str, set[int]] = {}
    for no, p in _pelaksana_sop().items():
        per_peran.setdefault(p, set()).add(no)
    for p, sel in alur.items():
        if p == "admin":
            # "any step, with reason": no step is the admin's own, and acting for another
            # role without a reason is refused.
            assert sel == "any step, with reason" and "admin" not in per_peran
            admin = Pelaku("admin", "admin", 1)
            with pytest.raises(DataTidakValid, match="alasan wajib"):
                siklus.periksa_pelaku("inspektur", admin, "")
            assert siklus.periksa_pelaku("inspektur", admin, " alasan ") == "alasan"
            continue
        langkah: set[int] = set()
        for a, b in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", sel):
            langkah |= set(range(int(a), int(b or a) + 1))
        assert langkah == per_peran.get(p, set()), (p, sel)
        assert ("undo" in sel) == boleh(p, "batal_langkah"), (p, sel)
    # Opening the cycle is step 1 (disposisi): its actor and the admin.
    assert IZIN["buka_siklus"] == {_pelaksana_sop()[1], "admin"}


# =====================================================================================
# (b) Pages: the drawn menu, what a refusal shows, anonymous visitors, acting widgets
# =====================================================================================

@pytest.mark.parametrize("peran", PERAN)
def test_menu_yang_digambar_tepat_halaman_yang_boleh(peran):
    at = app(USER_PERAN[peran], "beranda")
    assert not at.exception
    tautan = [u.proto.page for u in _unsur(at.sidebar) if u.type == "page_link"]
    assert tautan == [h.slug for h in HALAMAN if h.boleh_dibuka(peran)]


DITOLAK = [(h.slug, p) for h in HALAMAN for p in PERAN if not h.boleh_dibuka(p)]


@pytest.mark.parametrize("slug,peran", DITOLAK, ids=[f"{s}-{p}" for s, p in DITOLAK])
def test_halaman_ditolak_hanya_pesan_penolakan(slug, peran):
    at = app(USER_PERAN[peran], slug)
    assert not at.exception
    utama = list(_unsur(at.main))
    jenis = [u.type for u in utama]
    # The cookie component, the empty login header slot, the demo note, the refusal: no
    # title, table, metric, chart, input, button or download of the page.
    assert set(jenis) <= {"component_instance", "empty", "caption", "error"}, jenis
    assert [u.value for u in utama if u.type == "error"] == [TOLAK]
    assert all(u.value.startswith(":material/science: Mode demo") for u in utama
               if u.type == "caption")
    # The sidebar still offers the pages the role may open, and nothing else.
    assert [u.proto.page for u in _unsur(at.sidebar) if u.type == "page_link"] == \
        [h.slug for h in HALAMAN if h.boleh_dibuka(peran)]


@pytest.mark.parametrize("slug", [h.slug for h in HALAMAN])
def test_anonim_hanya_formulir_masuk(slug):
    at = app(None, slug)
    assert not at.exception
    assert [u.type for u in _unsur(at.main)] == ["component_instance", "title", "subheader",
                                                 "text_input", "text_input", "button"]
    assert list(_unsur(at.sidebar)) == []   # no menu, no user, no logout


# page -> (label of an acting button or a metric, the action that must allow it)
WIDGET_AKSI = {
    "renstra": [("Simpan Renstra", "kelola_perencanaan"), ("Simpan tujuan", "kelola_perencanaan")],
    "perjanjian_kinerja": [("Simpan baris", "kelola_perencanaan")],
    "sop": [("Simpan sebagai revisi baru", "kelola_sop")],
    "alur_sop": [("Buka siklus dan mulai disposisi", "buka_siklus")],
    "target": [("Simpan rencana aksi", "kelola_perencanaan")],
    "dasbor": [("Indikator dengan data", "lihat_isian"), ("Langkah SOP", "lihat_siklus")],
}
KASUS_WIDGET = [(s, p) for s in WIDGET_AKSI for p in PERAN if PER_SLUG[s].boleh_dibuka(p)]


def _label(at) -> set[str]:
    return {u.label for u in _unsur(at.main) if u.type in ("button", "metric")}


@pytest.mark.parametrize("slug,peran", KASUS_WIDGET, ids=[f"{s}-{p}" for s, p in KASUS_WIDGET])
def test_widget_aksi_hanya_untuk_peran_berizin(slug, peran):
    at = app(USER_PERAN[peran], slug)
    assert not at.exception
    label = _label(at)
    for teks_label, aksi in WIDGET_AKSI[slug]:
        assert (teks_label in label) == boleh(peran, aksi), teks_label


def _db_app(db_file):
    """A cursor on the app's own cached connection (the file is locked to it)."""
    return _koneksi(str(db_file)).cursor()


def _tombol_alur(peran: str) -> set[str]:
    at = app(USER_PERAN[peran], "alur_sop")
    assert not at.exception
    return {b.label for b in at.button}


def test_tombol_langkah_sop_hanya_untuk_pelaksana_dan_admin(db_file):
    pelaksana = _pelaksana_sop()
    yang_lihat = [p for p in PERAN if boleh(p, "lihat_siklus")]
    with _db_app(db_file) as cur:
        sid = siklus.buka_siklus(cur, pelaku(cur, "inspektur"), 2025, "800/1/2026")
    # Step 1 runs: only its actor (and the admin) get the finish form; nobody may undo yet.
    for p in yang_lihat:
        tombol = _tombol_alur(p)
        assert ("Selesai" in tombol) == (p in (pelaksana[1], "admin")), p
        assert "Mulai" not in tombol and "Batalkan selesai" not in tombol, p
    with _db_app(db_file) as cur:
        siklus.selesaikan_langkah(cur, pelaku(cur, "inspektur"), sid, 1, "800/1/2026")
    # Step 2 waits: its actor (and the admin) may start it; those who may undo see the undo.
    for p in yang_lihat:
        tombol = _tombol_alur(p)
        assert ("Mulai" in tombol) == (p in (pelaksana[2], "admin")), p
        assert ("Batalkan selesai" in tombol) == boleh(p, "batal_langkah"), p
        assert "Selesai" not in tombol, p


# =====================================================================================
# (c) The query layer: every lkj_core function that acts for a user, as every role
# =====================================================================================

@dataclass
class Ctx:
    """Ids of the demo objects the cases act on (the bidang actor is irban1, unit IRBAN1)."""

    con: Any
    folder: Path
    iid: int = 0
    ik: int = 0                 # IK-01, unit IRBAN1, year 2026 not yet filled
    program: int = 0            # PK line 2025 of unit IRBAN1
    unit_irban1: int = 0
    unit_irban4: int = 0
    id_irban2: int = 0          # a user the admin cases edit
    renstra: int = 0
    tujuan: int = 0
    sasaran: int = 0
    sid2024: int = 0            # the demo's finished 2024 cycle
    sid2025: int = 0            # opened by the set-up of the cycle cases
    bukti: int = 0
    lampiran: int = 0
    ekstra: dict = field(default_factory=dict)


def _ctx(con, folder: Path) -> Ctx:
    q = lambda sql, *p: id_dari(con, sql, p)  # noqa: E731
    return Ctx(
        con=con, folder=folder, iid=q("SELECT id FROM instansi WHERE kode = 'INSPEKTORAT-WSB'"),
        ik=q("SELECT id FROM indikator WHERE kode = 'IK-01'"),
        program=q("SELECT p.id FROM pk_program p JOIN unit_kerja u ON u.id = p.unit_id"
                  " WHERE p.tahun = 2025 AND u.kode = 'IRBAN1'"),
        unit_irban1=q("SELECT id FROM unit_kerja WHERE kode = 'IRBAN1'"),
        unit_irban4=q("SELECT id FROM unit_kerja WHERE kode = 'IRBAN4'"),
        id_irban2=q("SELECT id FROM pengguna WHERE username = 'irban2'"),
        renstra=q("SELECT r.id FROM renstra r JOIN instansi i ON i.id = r.instansi_id"
                  " WHERE i.kode = 'INSPEKTORAT-WSB'"),
        tujuan=q("SELECT min(id) FROM tujuan"), sasaran=q("SELECT min(id) FROM sasaran"),
        sid2024=q("SELECT id FROM siklus WHERE tahun = 2024"))


def _a(ctx: Ctx, peran: str) -> Pelaku:
    return aktor(ctx.con, peran)


# --- set-ups, each through lkj_core as the user who would do it ---

def _draf_lengkap(ctx):
    isian.simpan_isian(ctx.con, _a(ctx, "bidang"), ctx.ik, 2026,
                       IsianKinerja(nilai="80", narasi={"analisis_penyebab": "Sebab"}), 0)


def _diajukan(ctx):
    isian.simpan_isian(ctx.con, _a(ctx, "bidang"), ctx.ik, 2026,
                       IsianKinerja(nilai="80", narasi={"analisis_penyebab": "Sebab"}), 0,
                       ajukan=True)


def _diverifikasi(ctx):
    _diajukan(ctx)
    isian.ubah_status(ctx.con, _a(ctx, "kasubag"), ctx.ik, 2026, "verifikasi")


def _ada_bukti(ctx):
    ctx.bukti = bukti.tambah_bukti(ctx.con, _a(ctx, "bidang"), ctx.ik, 2026, "bukti.pdf", PDF,
                                   ctx.folder)


def _siklus_dibuka(ctx):
    ctx.sid2025 = siklus.buka_siklus(ctx.con, _a(ctx, "inspektur"), 2025, "800/1/2026")


def _ada_lampiran(ctx):
    _siklus_dibuka(ctx)
    ctx.lampiran = siklus.lampirkan(ctx.con, _a(ctx, "inspektur"), ctx.sid2025, 1,
                                    "disposisi.pdf", PDF, folder=ctx.folder)


def _langkah_1_selesai(ctx):
    _siklus_dibuka(ctx)
    siklus.selesaikan_langkah(ctx.con, _a(ctx, "inspektur"), ctx.sid2025, 1, "800/1/2026")


# The reviu cases use 2026: the demo's own reviu of 2023–2025 already exist.
def _reviu(ctx):
    ctx.ekstra["reviu"] = reviu.tugaskan(ctx.con, _a(ctx, "inspektur"), ctx.iid, 2026,
                                         "700/ST-1/2027", "Ruang lingkup uji", "auditor1",
                                         ["auditor2"])


def _temuan(ctx):
    _reviu(ctx)
    ctx.ekstra["temuan"] = reviu.tambah_temuan(ctx.con, _a(ctx, "reviewer"),
                                               ctx.ekstra["reviu"], "Catatan uji", None)


def _temuan_dijawab(ctx):
    _temuan(ctx)
    reviu.jawab_temuan(ctx.con, _a(ctx, "kasubag"), ctx.ekstra["temuan"], "Jawaban uji", 1)


def _kertas_kerja_lengkap(ctx):
    _reviu(ctx)
    for no in reviu.butir(ctx.con, _a(ctx, "reviewer"), ctx.ekstra["reviu"])["no"]:
        reviu.isi_butir(ctx.con, _a(ctx, "reviewer"), ctx.ekstra["reviu"], int(no), "ya", "",
                        "")


def _indikator_ada(ctx) -> IsianIndikator:
    r = audit.baris(ctx.con, "SELECT * FROM indikator WHERE id = ?", [ctx.ik])
    return IsianIndikator(sasaran_id=r["sasaran_id"], kode=r["kode"], nama=r["nama"] + " (ubah)",
                          satuan=r["satuan"], polaritas=r["polaritas"], unit_id=r["unit_id"],
                          target={2026: ("99", "")})


@dataclass(frozen=True)
class Kasus:
    """One lkj_core call acting for a user, and who may make it."""

    nama: str
    fungsi: Callable            # the lkj_core function (for the coverage check)
    aksi: str | None            # the IZIN action it needs; None: every logged-in role
    panggil: Callable[[Ctx, Pelaku], Any]
    siapkan: Callable[[Ctx], Any] | None = None
    objek: str | None = None    # "unit": an object of unit IRBAN1; "instansi": of the demo
    tulis: bool = True          # a write: success must leave an audit row by the actor
    boleh: frozenset | None = None   # who may, when not IZIN[aksi] (SOP steps: their actor)

    @property
    def peran_boleh(self) -> frozenset:
        if self.boleh is not None:
            return self.boleh
        return frozenset(PERAN) if self.aksi is None else IZIN[self.aksi]


def _langkah(no: int) -> frozenset:
    return frozenset({_pelaksana_sop()[no], "admin"})


_SKALA = [("91", "Sangat Tinggi"), ("76", "Tinggi"), ("66", "Sedang"), ("51", "Rendah"),
          ("", "Sangat Rendah Sekali")]

KASUS: list[Kasus] = [
    # --- intake (isian) ---
    Kasus("periksa_lihat", isian.periksa_lihat, "lihat_isian",
          lambda c, p: isian.periksa_lihat(c.con, p, c.ik), objek="unit", tulis=False),
    Kasus("periksa_ubah", isian.periksa_ubah, "isi_kinerja",
          lambda c, p: isian.periksa_ubah(c.con, p, c.ik, 2026), objek="unit", tulis=False),
    Kasus("daftar_isian", isian.daftar_isian, "lihat_isian",
          lambda c, p: isian.daftar_isian(c.con, p, 2025), tulis=False),
    Kasus("isian", isian.isian, "lihat_isian",
          lambda c, p: isian.isian(c.con, p, c.ik, 2026), objek="unit", tulis=False),
    Kasus("narasi_tahun", isian.narasi_tahun, "lihat_isian",
          lambda c, p: isian.narasi_tahun(c.con, p, 2025), tulis=False),
    Kasus("riwayat", isian.riwayat, "lihat_isian",
          lambda c, p: isian.riwayat(c.con, p, c.ik, 2025), objek="unit", tulis=False),
    Kasus("rekap", isian.rekap, "verifikasi_isian",
          lambda c, p: isian.rekap(c.con, p, 2025), tulis=False),
    Kasus("simpan_isian[draf]", isian.simpan_isian, "isi_kinerja",
          lambda c, p: isian.simpan_isian(c.con, p, c.ik, 2026, IsianKinerja(nilai="80"), 0),
          objek="unit"),
    Kasus("simpan_isian[ajukan]", isian.simpan_isian, "isi_kinerja",
          lambda c, p: isian.simpan_isian(
              c.con, p, c.ik, 2026,
              IsianKinerja(nilai="80", narasi={"analisis_penyebab": "Sebab"}), 0, ajukan=True),
          objek="unit"),
    Kasus("ubah_status[ajukan]", isian.ubah_status, "isi_kinerja",
          lambda c, p: isian.ubah_status(c.con, p, c.ik, 2026, "ajukan"), _draf_lengkap,
          objek="unit"),
    Kasus("ubah_status[verifikasi]", isian.ubah_status, "verifikasi_isian",
          lambda c, p: isian.ubah_status(c.con, p, c.ik, 2026, "verifikasi"), _diajukan,
          objek="unit"),
    Kasus("ubah_status[kembalikan]", isian.ubah_status, "verifikasi_isian",
          lambda c, p: isian.ubah_status(c.con, p, c.ik, 2026, "kembalikan", "Lengkapi."),
          _diajukan, objek="unit"),
    Kasus("ubah_status[buka_kembali]", isian.ubah_status, "verifikasi_isian",
          lambda c, p: isian.ubah_status(c.con, p, c.ik, 2026, "buka_kembali", "Koreksi."),
          _diverifikasi, objek="unit"),
    Kasus("impor_isian", isian.impor_isian, "isi_kinerja",
          lambda c, p: isian.impor_isian(c.con, p, 2026, [SimpleNamespace(
              baris=2, kode="IK-01", indikator_id=c.ik, nilai={"nilai": 80.0})]),
          objek="unit"),
    Kasus("daftar_anggaran", isian.daftar_anggaran, "lihat_isian",
          lambda c, p: isian.daftar_anggaran(c.con, p, 2025), tulis=False),
    Kasus("simpan_realisasi_anggaran", isian.simpan_realisasi_anggaran, "isi_kinerja",
          lambda c, p: isian.simpan_realisasi_anggaran(c.con, p, c.program, "1.000.000"),
          objek="unit"),
    # --- evidence ---
    Kasus("tambah_bukti", bukti.tambah_bukti, "isi_kinerja",
          lambda c, p: bukti.tambah_bukti(c.con, p, c.ik, 2026, "a.pdf", PDF, c.folder),
          objek="unit"),
    Kasus("daftar_bukti", bukti.daftar_bukti, "lihat_isian",
          lambda c, p: bukti.daftar_bukti(c.con, p, c.ik, 2026), _ada_bukti, objek="unit",
          tulis=False),
    Kasus("baca_bukti", bukti.baca_bukti, "lihat_isian",
          lambda c, p: bukti.baca_bukti(c.con, p, c.bukti, c.folder), _ada_bukti, objek="unit",
          tulis=False),
    Kasus("hapus_bukti", bukti.hapus_bukti, "isi_kinerja",
          lambda c, p: bukti.hapus_bukti(c.con, p, c.bukti, c.folder), _ada_bukti,
          objek="unit"),
    # --- the SOP cycle (every step is walked in test_langkah_sop_...) ---
    Kasus("buka_siklus", siklus.buka_siklus, "buka_siklus",
          lambda c, p: siklus.buka_siklus(c.con, p, 2025, "800/1/2026", alasan=ALASAN)),
    Kasus("selesaikan_langkah[1]", siklus.selesaikan_langkah, None,
          lambda c, p: siklus.selesaikan_langkah(c.con, p, c.sid2025, 1, "800/1/2026",
                                                 alasan=ALASAN),
          _siklus_dibuka, objek="instansi", boleh=_langkah(1)),
    Kasus("lampirkan[1]", siklus.lampirkan, None,
          lambda c, p: siklus.lampirkan(c.con, p, c.sid2025, 1, "d.pdf", PDF, ALASAN,
                                        c.folder),
          _siklus_dibuka, objek="instansi", boleh=_langkah(1)),
    Kasus("mulai_langkah[2]", siklus.mulai_langkah, None,
          lambda c, p: siklus.mulai_langkah(c.con, p, c.sid2025, 2, alasan=ALASAN),
          _langkah_1_selesai, objek="instansi", boleh=_langkah(2)),
    Kasus("batalkan_selesai", siklus.batalkan_selesai, "batal_langkah",
          lambda c, p: siklus.batalkan_selesai(c.con, p, c.sid2024, 13, "Salah catat."),
          objek="instansi"),
    Kasus("daftar_lampiran", siklus.daftar_lampiran, "lihat_siklus",
          lambda c, p: siklus.daftar_lampiran(c.con, p, c.sid2025), _ada_lampiran,
          objek="instansi", tulis=False),
    Kasus("baca_lampiran", siklus.baca_lampiran, "lihat_siklus",
          lambda c, p: siklus.baca_lampiran(c.con, p, c.lampiran, c.folder), _ada_lampiran,
          objek="instansi", tulis=False),
    Kasus("unit_belum_mengajukan", siklus.unit_belum_mengajukan, "lihat_siklus",
          lambda c, p: siklus.unit_belum_mengajukan(c.con, p, 2025), tulis=False),
    # --- dashboard and report ---
    Kasus("tren", dasbor.tren, "lihat_isian", lambda c, p: dasbor.tren(c.con, p, 2025),
          tulis=False),
    Kasus("anggaran", dasbor.anggaran, "lihat_isian",
          lambda c, p: dasbor.anggaran(c.con, p, 2025, None,
                                       isian.daftar_isian(c.con, _a(c, "admin"), 2025)),
          tulis=False),
    Kasus("progres", dasbor.progres, "lihat_isian", lambda c, p: dasbor.progres(c.con, p, 2025),
          tulis=False),
    Kasus("gantt", dasbor.gantt, "lihat_siklus",
          lambda c, p: dasbor.gantt(c.con, p, 2024, waktu_kerja.Kalender.baku()), tulis=False),
    Kasus("kumpulkan_data", laporan.kumpulkan_data, "ekspor_laporan",
          lambda c, p: laporan.kumpulkan_data(c.con, p, 2025), tulis=False),
    Kasus("usulan_naskah", laporan.usulan_naskah, "kelola_naskah",
          lambda c, p: laporan.usulan_naskah(c.con, p, 2025), tulis=False),
    Kasus("data_surat", laporan.data_surat, "ekspor_laporan",
          lambda c, p: laporan.data_surat(c.con, p, 2025, nomor="700/12/2026"), tulis=False),
    Kasus("peringatan", peringatan.untuk, None, lambda c, p: peringatan.untuk(c.con, p),
          tulis=False),
    # --- report texts and settings ---
    Kasus("simpan_naskah", naskah.simpan_naskah, "kelola_naskah",
          lambda c, p: naskah.simpan_naskah(c.con, p, 2025, "kata_pengantar", "Pengantar.")),
    Kasus("atur_penandatangan", naskah.atur_penandatangan, "kelola_pengaturan",
          lambda c, p: naskah.atur_penandatangan(c.con, p, "Dr. Penanda Tangan", "")),
    Kasus("atur_logo", naskah.atur_logo, "kelola_pengaturan",
          lambda c, p: naskah.atur_logo(c.con, p, PNG)),
    Kasus("atur_skala_kategori", pengaturan.atur_skala_kategori, "kelola_pengaturan",
          lambda c, p: pengaturan.atur_skala_kategori(c.con, p, _SKALA)),
    Kasus("atur_tahun_laporan", pengaturan.atur_tahun_laporan, "kelola_pengaturan",
          lambda c, p: pengaturan.atur_tahun_laporan(c.con, p, 2024)),
    Kasus("atur_cuti_bersama", pengaturan.atur_cuti_bersama, "kelola_pengaturan",
          lambda c, p: pengaturan.atur_cuti_bersama(c.con, p, [dt.date(2025, 12, 26)])),
    # --- users and units ---
    Kasus("buat_unit", organisasi.buat_unit, "kelola_pengguna",
          lambda c, p: organisasi.buat_unit(c.con, p, "IRBAN5", "Inspektur Pembantu Wilayah V")),
    Kasus("ubah_unit", organisasi.ubah_unit, "kelola_pengguna",
          lambda c, p: organisasi.ubah_unit(c.con, p, c.unit_irban4, "Irban IV", True),
          objek="instansi"),
    Kasus("buat_pengguna", pengguna.buat_pengguna, "kelola_pengguna",
          lambda c, p: pengguna.buat_pengguna(c.con, p, c.iid, "baru1", "Pengguna Baru",
                                              "staf", SANDI), objek="instansi"),
    Kasus("daftar_pengguna", pengguna.daftar_pengguna, "kelola_pengguna",
          lambda c, p: pengguna.daftar_pengguna(c.con, p), tulis=False),
    Kasus("ubah_pengguna", pengguna.ubah_pengguna, "kelola_pengguna",
          lambda c, p: pengguna.ubah_pengguna(c.con, p, c.id_irban2, "Nama Baru", "bidang",
                                              c.unit_irban4), objek="instansi"),
    Kasus("atur_aktif", pengguna.atur_aktif, "kelola_pengguna",
          lambda c, p: pengguna.atur_aktif(c.con, p, c.id_irban2, False), objek="instansi"),
    Kasus("reset_sandi", pengguna.reset_sandi, "kelola_pengguna",
          lambda c, p: pengguna.reset_sandi(c.con, p, c.id_irban2, SANDI), objek="instansi"),
    Kasus("daftar_audit", audit.daftar_audit, "lihat_audit",
          lambda c, p: audit.daftar_audit(c.con, p), tulis=False),
    # --- planning ---
    Kasus("buat_renstra", perencanaan.buat_renstra, "kelola_perencanaan",
          lambda c, p: perencanaan.buat_renstra(c.con, p, "Renstra 2027–2031", "2027", "2031")),
    Kasus("buat_tujuan", perencanaan.buat_tujuan, "kelola_perencanaan",
          lambda c, p: perencanaan.buat_tujuan(c.con, p, c.renstra, "T9", "Tujuan uji"),
          objek="instansi"),
    Kasus("buat_sasaran", perencanaan.buat_sasaran, "kelola_perencanaan",
          lambda c, p: perencanaan.buat_sasaran(c.con, p, c.tujuan, "SS9", "Sasaran uji"),
          objek="instansi"),
    Kasus("simpan_indikator[baru]", perencanaan.simpan_indikator, "kelola_perencanaan",
          lambda c, p: perencanaan.simpan_indikator(c.con, p, IsianIndikator(
              sasaran_id=c.sasaran, kode="IK-99", nama="Indikator uji", satuan="%",
              polaritas="positif", unit_id=c.unit_irban1, target={2025: ("90", "")})),
          objek="instansi"),
    Kasus("simpan_indikator[ubah]", perencanaan.simpan_indikator, "kelola_perencanaan",
          lambda c, p: perencanaan.simpan_indikator(c.con, p, _indikator_ada(c), c.ik),
          objek="instansi"),
    Kasus("simpan_pk_program", perencanaan.simpan_pk_program, "kelola_perencanaan",
          lambda c, p: perencanaan.simpan_pk_program(c.con, p, 2025, "9.99", "Program uji",
                                                     c.unit_irban1, "1.000.000")),
    Kasus("hapus_pk_program", perencanaan.hapus_pk_program, "kelola_perencanaan",
          lambda c, p: perencanaan.hapus_pk_program(c.con, p, c.program), objek="instansi"),
    # --- data for the full LKjIP (2026: the demo's open year) ---
    Kasus("pembanding.simpan", pembanding.simpan, "kelola_perencanaan",
          lambda c, p: pembanding.simpan(c.con, p, c.ik, 2026, "nasional", "", "3",
                                         "Sumber uji"), objek="instansi"),
    Kasus("pembanding.hapus", pembanding.hapus, "kelola_perencanaan",
          lambda c, p: pembanding.hapus(c.con, p, c.ekstra["pembanding"]),
          lambda c: c.ekstra.update(pembanding=pembanding.simpan(
              c.con, _a(c, "admin"), c.ik, 2026, "provinsi", "Provinsi Uji", "3", "Uji")),
          objek="instansi"),
    Kasus("simpan_rencana_aksi", rencana_aksi.simpan_rencana_aksi, "kelola_perencanaan",
          lambda c, p: rencana_aksi.simpan_rencana_aksi(
              c.con, p, c.ik, 2026, {"tw1": "3", "tw4": "4"}, "Aksi uji"), objek="instansi"),
    Kasus("simpan_rencana_aksi_tahun", rencana_aksi.simpan_rencana_aksi_tahun,
          "kelola_perencanaan",
          lambda c, p: rencana_aksi.simpan_rencana_aksi_tahun(
              c.con, p, 2026, {c.ik: ({"tw4": "4"}, "Aksi uji")}), objek="instansi"),
    Kasus("simpan_profil", profil.simpan_profil, "kelola_pengaturan",
          lambda c, p: profil.simpan_profil(c.con, p, alamat="Jl. Uji No. 1")),
    Kasus("simpan_komposisi", profil.simpan_komposisi, "kelola_pengaturan",
          lambda c, p: profil.simpan_komposisi(c.con, p, 2026, "golongan", [("Golongan IV", 2)])),
    Kasus("simpan_tindak_lanjut", profil.simpan_tindak_lanjut, "kelola_naskah",
          lambda c, p: profil.simpan_tindak_lanjut(c.con, p, 2026, [
              {"rekomendasi": "Rekomendasi uji", "tindak_lanjut": "", "status":
               "belum ditindaklanjuti"}])),
    # --- the reviu by APIP (the demo's reviewer, auditor1, leads the team) ---
    Kasus("daftar_laporan", reviu.daftar_laporan, "lihat_reviu",
          lambda c, p: reviu.daftar_laporan(c.con, p, 2026), tulis=False),
    Kasus("daftar_pereviu", reviu.daftar_pereviu, "tugaskan_reviu",
          lambda c, p: reviu.daftar_pereviu(c.con, p, c.iid, 2026), objek="instansi",
          tulis=False),
    Kasus("pembaca", reviu.pembaca, "lihat_reviu",
          lambda c, p: reviu.pembaca(c.con, p, c.iid), objek="instansi", tulis=False,
          boleh=IZIN["tugaskan_reviu"] | IZIN["kerjakan_reviu"]),
    Kasus("reviu", reviu.reviu, "lihat_reviu",
          lambda c, p: reviu.reviu(c.con, p, c.ekstra["reviu"]), _reviu, objek="instansi",
          tulis=False),
    Kasus("tim", reviu.tim, "lihat_reviu",
          lambda c, p: reviu.tim(c.con, p, c.ekstra["reviu"]), _reviu, objek="instansi",
          tulis=False),
    Kasus("butir", reviu.butir, "lihat_reviu",
          lambda c, p: reviu.butir(c.con, p, c.ekstra["reviu"]), _reviu, objek="instansi",
          tulis=False),
    Kasus("temuan", reviu.temuan, "lihat_reviu",
          lambda c, p: reviu.temuan(c.con, p, c.ekstra["reviu"]), _temuan, objek="instansi",
          tulis=False),
    Kasus("atur_daftar_periksa", reviu.atur_daftar_periksa, "tugaskan_reviu",
          lambda c, p: reviu.atur_daftar_periksa(c.con, p, ["Butir uji satu", "Butir dua"])),
    Kasus("tugaskan", reviu.tugaskan, "tugaskan_reviu",
          lambda c, p: reviu.tugaskan(c.con, p, c.iid, 2026, "700/ST-1/2027", "Uji",
                                      "auditor1", ["auditor2"]), objek="instansi"),
    Kasus("isi_butir", reviu.isi_butir, "kerjakan_reviu",
          lambda c, p: reviu.isi_butir(c.con, p, c.ekstra["reviu"], 1, "ya", "", "LRA"),
          _reviu, objek="instansi"),
    Kasus("tambah_temuan", reviu.tambah_temuan, "kerjakan_reviu",
          lambda c, p: reviu.tambah_temuan(c.con, p, c.ekstra["reviu"], "Catatan", None),
          _reviu, objek="instansi"),
    Kasus("jawab_temuan", reviu.jawab_temuan, "jawab_temuan",
          lambda c, p: reviu.jawab_temuan(c.con, p, c.ekstra["temuan"], "Jawaban", 1),
          _temuan, objek="instansi"),
    Kasus("tutup_temuan", reviu.tutup_temuan, "kerjakan_reviu",
          lambda c, p: reviu.tutup_temuan(c.con, p, c.ekstra["temuan"], 2),
          _temuan_dijawab, objek="instansi"),
    Kasus("kembalikan_temuan", reviu.kembalikan_temuan, "kerjakan_reviu",
          lambda c, p: reviu.kembalikan_temuan(c.con, p, c.ekstra["temuan"], "Belum", 2),
          _temuan_dijawab, objek="instansi"),
    Kasus("selesaikan", reviu.selesaikan, "kerjakan_reviu",
          lambda c, p: reviu.selesaikan(c.con, p, c.ekstra["reviu"], "Andal."),
          _kertas_kerja_lengkap, objek="instansi"),
    # --- officials, the signed copy (the demo's 2024 report is signed) ---
    Kasus("pejabat.atur", pejabat.atur, "kelola_pejabat",
          lambda c, p: pejabat.atur(c.con, p, 2027, "inspektur", "Nama Uji", "196905121994031007",
                                    "Pembina (IV/a)", "Inspektur")),
    Kasus("daftar_versi", arsip.daftar_versi, "ekspor_laporan",
          lambda c, p: arsip.daftar_versi(c.con, p, 2024), tulis=False),
    Kasus("unduh", arsip.unduh, "ekspor_laporan",
          lambda c, p: arsip.unduh(c.con, p, 2024), tulis=False),
    Kasus("verifikasi", arsip.verifikasi, "ekspor_laporan",
          lambda c, p: arsip.verifikasi(c.con, p, arsip.unduh(c.con, _a(c, "admin"), 2024)),
          tulis=False),
    Kasus("impor_sertifikat", arsip.impor_sertifikat, "kelola_pejabat",
          lambda c, p: arsip.impor_sertifikat(c.con, p, c.ekstra["p12"], "sandi-uji-123"),
          lambda c: c.ekstra.update(p12=ttd_elektronik.buat_p12_demo(
              c.folder / "ca", "Nama Uji", "196905121994031007", "Inspektur",
              "sandi-uji-123"))),
    Kasus("buka_kembali", arsip.buka_kembali, "buka_tahun_ditandatangani",
          lambda c, p: arsip.buka_kembali(c.con, p, 2024, "Koreksi data uji.")),
    # --- the SOP itself ---
    Kasus("simpan_revisi", sop.simpan_revisi, "kelola_sop",
          lambda c, p: sop.simpan_revisi(c.con, p, "SOP revisi uji", dt.date(2026, 1, 1),
                                         sop.baca_csv(), sop.INFO_SOP_WONOSOBO)),
]
if cadangan is not None:
    KASUS.append(Kasus("buat_cadangan", cadangan.buat_cadangan, "cadangkan",
                       lambda c, p: cadangan.buat_cadangan(c.con, p, c.folder.parent / "arsip",
                                                           folder_bukti=c.folder)))
PER_NAMA = {k.nama: k for k in KASUS}
assert len(PER_NAMA) == len(KASUS)

# Functions that take the acting user but are covered elsewhere or decide nothing alone.
BUKAN_KASUS = {
    "arsip.tandatangani": "finishing step 11: walked per role in test_langkah_sop_hanya_oleh_"
                          "pelaksananya (its actor and the admin with a reason)",
    "siklus.periksa_bisa_selesai": "decides who acts on a step, as periksa_pelaku",
    "siklus.siklus_tahun_id": "a lookup within the actor's instansi for arsip.tandatangani",
    "siklus.buka_kembali_penandatanganan": "runs inside arsip.buka_kembali's transaction, "
                                           "which checks buka_tahun_ditandatangani",
    "peran.wajib": "the check itself, under every case",
    "siklus.periksa_pelaku": "decides who acts on a step: every step is walked below",
    "dasbor.unit_efektif": "pure: the unit filter a role gets (own unit for bidang)",
    "dasbor.boleh_kinerja": "pure: boleh(peran, 'lihat_isian')",
    "demo_lkjip.muat": "demo loading (demo.seed_demo) as the seed's actor; each write inside "
                       "goes through a function of KASUS",
}
# Functions that write (audit.catat) without an acting Pelaku, and why that is right.
TANPA_PELAKU = {
    "organisasi.buat_instansi": "set-up command (create-admin, demo): no user exists yet",
    "sop.buat_revisi": "set-up (demo); the admin page goes through simpan_revisi",
    "pengguna.ganti_sandi_sendiri": "the user proves the old password; acts on itself only",
    "pengguna.catat_login_gagal": "login gate: the visitor is not logged in yet",
    "pengguna.catat_login_berhasil": "login gate",
    "pengguna.cabut_sesi": "logout of the session's own user",
    "cadangan.pulihkan_cadangan": "restore command on the server, into a fresh data folder",
    "demo.seed_demo": "demo loading into an empty database",
    "demo.siapkan_basis_data": "start-up: migrate, load the demo only into an empty database",
}
if importlib.util.find_spec("lkj_core.sintetis") is not None:
    TANPA_PELAKU.update({
        "sintetis.bangun": "benchmark data builder (make bench), into an empty database only",
        "sintetis.main": "its command line",
    })
# IZIN actions only the pages check, and why no lkj_core function needs them.
HANYA_HALAMAN = {
    "lihat_perencanaan": "planning reads take an instansi id; the same data is in the report "
                         "every ekspor_laporan role may build",
    "lihat_sop": "every role",
    "lihat_dasbor": "every role; the dashboard's data functions check lihat_isian/lihat_siklus",
}


def _modul_inti():
    for m in pkgutil.iter_modules(lkj_core.__path__):
        if m.name != "__main__":
            yield importlib.import_module(f"lkj_core.{m.name}")


def _fungsi_publik():
    for mod in _modul_inti():
        for nama, f in vars(mod).items():
            if inspect.isfunction(f) and f.__module__ == mod.__name__ and not nama.startswith("_"):
                yield f"{mod.__name__.split('.')[-1]}.{nama}", mod, f


def _menulis_audit(mod) -> set[str]:
    """Functions of a module that write an audit row, directly or through its own helpers."""
    pohon = ast.parse(inspect.getsource(mod))
    panggil: dict[str, set[str]] = {}
    for node in pohon.body:
        if isinstance(node, ast.FunctionDef):
            panggil[node.name] = {
                (c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", ""))
                + ("@audit" if isinstance(c.func, ast.Attribute) and getattr(
                    c.func.value, "id", "") == "audit" else "")
                for c in ast.walk(node) if isinstance(c, ast.Call)}
    menulis = {f for f, c in panggil.items() if "catat@audit" in c
               or (mod.__name__ == "lkj_core.audit" and "catat" in c)}
    while True:
        baru = {f for f, c in panggil.items() if c & menulis} - menulis
        if not baru:
            return menulis
        menulis |= baru


def test_setiap_fungsi_yang_bertindak_untuk_pengguna_ada_di_tabel():
    dicakup = {f"{k.fungsi.__module__.split('.')[-1]}.{k.fungsi.__name__}" for k in KASUS}
    kurang, lebih = [], set(BUKAN_KASUS) - {n for n, _, _ in _fungsi_publik()}
    for nama, mod, f in _fungsi_publik():
        par = inspect.signature(f).parameters.get("pelaku")
        if par is None or str(par.annotation) == "str":
            continue
        if nama not in dicakup and nama not in BUKAN_KASUS:
            kurang.append(nama)
    assert not kurang, f"add these to KASUS (who may call them?): {kurang}"
    assert not lebih, f"stale BUKAN_KASUS entries: {lebih}"


def test_setiap_penulisan_beraudit_memakai_pelaku_atau_beralasan():
    kurang, ditemukan = [], set()
    for mod in _modul_inti():
        pendek = mod.__name__.split(".")[-1]
        for f in sorted(_menulis_audit(mod)):
            nama = f"{pendek}.{f}"
            ditemukan.add(nama)
            if f.startswith("_") or f == "catat" and pendek == "audit":
                continue
            par = inspect.signature(getattr(mod, f)).parameters.get("pelaku")
            if (par is None or str(par.annotation) == "str") and nama not in TANPA_PELAKU:
                kurang.append(nama)
    assert not kurang, f"writes without an acting user and without a reason: {kurang}"
    assert set(TANPA_PELAKU) <= ditemukan, f"stale TANPA_PELAKU: {set(TANPA_PELAKU) - ditemukan}"


def test_setiap_izin_diperiksa_di_lkj_core_atau_hanya_di_halaman():
    dipakai = {k.aksi for k in KASUS}
    for aksi in IZIN:
        if aksi in HANYA_HALAMAN:
            # Then some page is guarded by it, or it is every role's anyway.
            assert any(h.aksi == aksi for h in HALAMAN) or IZIN[aksi] == set(PERAN), aksi
        else:
            assert aksi in dipakai, f"IZIN[{aksi!r}] is checked by no case of KASUS"


# --- running the cases ---

@pytest.fixture
def ctx(demo_con, tmp_path):
    return _ctx(demo_con, tmp_path / "bukti")


def _jalankan(kasus: Kasus, ctx: Ctx, p: Pelaku) -> tuple[BaseException | None, Any]:
    try:
        return None, kasus.panggil(ctx, p)
    except (AksesDitolak, DataTidakValid) as exc:
        return exc, None


def _audit_terakhir(con) -> int:
    return con.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def test_sidik_melihat_satu_sel_dan_satu_berkas(ctx):
    # The "nothing written" check below must be able to fail.
    awal = sidik(ctx.con, ctx.folder)
    ctx.con.execute("UPDATE realisasi SET nilai = nilai + 0.001 WHERE indikator_id = ?"
                    " AND tahun = 2025", [ctx.ik])
    assert beda(awal, sidik(ctx.con, ctx.folder)) == ["realisasi"]
    awal = sidik(ctx.con, ctx.folder)
    (ctx.folder / "ab").mkdir(parents=True)
    (ctx.folder / "ab" / "x").write_bytes(b"x")
    assert beda(awal, sidik(ctx.con, ctx.folder)) == ["<berkas>"]


@pytest.mark.parametrize("kasus", KASUS, ids=[k.nama for k in KASUS])
def test_kasus_per_peran(kasus, demo_con, tmp_path, _templat_demo):
    """Allowed roles succeed (a write leaves an audit row by them); every other role is refused
    with AksesDitolak and nothing is written, not a row and not a file."""
    masalah = []
    ctx = _ctx(demo_con, tmp_path / "bukti")
    if kasus.siapkan:
        kasus.siapkan(ctx)
    sebelum = sidik(ctx.con, ctx.folder)
    for p in PERAN:
        if p in kasus.peran_boleh:
            continue
        exc, _ = _jalankan(kasus, ctx, _a(ctx, p))
        if not isinstance(exc, AksesDitolak):
            masalah.append(f"{p}: expected AksesDitolak, got {exc!r}")
        sesudah = sidik(ctx.con, ctx.folder)
        if beda(sebelum, sesudah):
            masalah.append(f"{p}: the refused call changed {beda(sebelum, sesudah)}")
            sebelum = sesudah
    if not kasus.tulis:
        # A read: every allowed role gets its answer, and reading writes nothing either.
        for p in sorted(kasus.peran_boleh):
            exc, _ = _jalankan(kasus, ctx, _a(ctx, p))
            if exc is not None:
                masalah.append(f"{p}: allowed, but {exc!r}")
        if beda(sebelum, sidik(ctx.con, ctx.folder)):
            masalah.append(f"reading changed {beda(sebelum, sidik(ctx.con, ctx.folder))}")
    # A write: each allowed role on a fresh copy (no success may rest on an earlier one), and
    # the write is in the audit log under the actor's name.
    for i, p in enumerate(sorted(kasus.peran_boleh) if kasus.tulis else []):
        path = tmp_path / f"boleh{i}.duckdb"
        shutil.copyfile(_templat_demo, path)
        con = buka(path)
        try:
            c = _ctx(con, tmp_path / f"bukti{i}")
            if kasus.siapkan:
                kasus.siapkan(c)
            awal = _audit_terakhir(con)
            exc, _ = _jalankan(kasus, c, _a(c, p))
            if exc is not None:
                masalah.append(f"{p}: allowed, but {exc!r}")
            elif not con.execute("SELECT count(*) FROM audit_log WHERE id > ? AND pelaku = ?",
                                 [awal, USER_PERAN[p]]).fetchone()[0]:
                masalah.append(f"{p}: the write left no audit row by {USER_PERAN[p]}")
        finally:
            con.close()
    assert not masalah, f"{kasus.nama} (allowed: {sorted(kasus.peran_boleh)}):\n" + \
        "\n".join(masalah)


OBJEK_UNIT = [k for k in KASUS if k.objek == "unit"]


@pytest.mark.parametrize("kasus", OBJEK_UNIT, ids=[k.nama for k in OBJEK_UNIT])
def test_bidang_unit_lain_ditolak(kasus, ctx):
    """A bidang user of another unit may neither read nor write IRBAN1's entry, evidence or
    budget line: refused, nothing written."""
    if kasus.siapkan:
        kasus.siapkan(ctx)
    sebelum = sidik(ctx.con, ctx.folder)
    for username in UNIT_LAIN:
        p = pelaku(ctx.con, username)
        assert p.peran == "bidang" and p.unit_id != ctx.unit_irban1
        exc, _ = _jalankan(kasus, ctx, p)
        assert exc is not None, f"{username} was allowed"
        assert isinstance(exc, AksesDitolak) or "unit lain" in str(exc), repr(exc)
        assert not beda(sebelum, sidik(ctx.con, ctx.folder)), username


def test_bidang_hanya_melihat_unitnya_di_setiap_daftar(ctx):
    con, irban1 = ctx.con, _a(ctx, "bidang")
    lain = ctx.unit_irban4
    milik = {r[0] for r in con.execute("SELECT id FROM indikator WHERE unit_id = ?",
                                       [ctx.unit_irban1]).fetchall()}
    kode = {r[0] for r in con.execute("SELECT kode FROM indikator WHERE unit_id = ?",
                                      [ctx.unit_irban1]).fetchall()}
    # Asking for another unit does not widen a bidang user's view.
    for unit in (None, lain):
        df = isian.daftar_isian(con, irban1, 2025, unit)
        assert set(df["id"]) == milik
        assert set(dasbor.tren(con, irban1, 2025, unit)["kode"]) == kode
        assert set(dasbor.progres(con, irban1, 2025, unit)["unit_id"]) == {ctx.unit_irban1}
        assert set(dasbor.anggaran(con, irban1, 2025, unit, df)["unit_id"]) == {ctx.unit_irban1}
    assert set(isian.narasi_tahun(con, irban1, 2025)) <= milik
    assert set(isian.daftar_anggaran(con, irban1, 2025)["id"]) == {ctx.program}


OBJEK = [k for k in KASUS if k.objek]


@pytest.fixture
def lain(ctx):
    return instansi_lain(ctx.con)


@pytest.mark.parametrize("kasus", OBJEK, ids=[k.nama for k in OBJEK])
def test_instansi_lain_ditolak(kasus, ctx, lain):
    """Every role of another instansi is refused on the demo instansi's objects."""
    if kasus.siapkan:
        kasus.siapkan(ctx)
    sebelum = sidik(ctx.con, ctx.folder)
    for p, orang in lain.items():
        exc, _ = _jalankan(kasus, ctx, orang)
        assert exc is not None, f"{p} of another instansi was allowed"
        assert isinstance(exc, AksesDitolak) or re.search(
            "tidak ditemukan|instansi lain", str(exc)), f"{p}: {exc!r}"
        assert not beda(sebelum, sidik(ctx.con, ctx.folder)), p


def _kosong(hasil) -> bool:
    if isinstance(hasil, pd.DataFrame):
        return hasil.empty
    return not hasil


# Reads scoped by the actor's instansi: another instansi's users get none of the demo's data.
DAFTAR_INSTANSI = ["daftar_isian", "narasi_tahun", "rekap", "daftar_anggaran", "tren",
                   "progres", "gantt", "unit_belum_mengajukan"]


def test_instansi_lain_tidak_melihat_data_demo(ctx, lain):
    for nama in DAFTAR_INSTANSI:
        kasus = PER_NAMA[nama]
        for p in kasus.peran_boleh:
            exc, hasil = _jalankan(kasus, ctx, lain[p])
            assert exc is None and _kosong(hasil), (nama, p, hasil)
    assert set(pengguna.daftar_pengguna(ctx.con, lain["admin"])["username"]) == {
        f"lain_{p}" for p in PERAN}
    log = audit.daftar_audit(ctx.con, lain["admin"], 5000)
    assert not log.empty and set(log["pelaku"]) <= {"uji", "lain_admin"}
    for p in IZIN["ekspor_laporan"]:
        with pytest.raises(DataTidakValid, match="tidak memiliki indikator"):
            laporan.kumpulkan_data(ctx.con, lain[p], 2025)


# --- every SOP step, acted on by every role ---

DATA_LANGKAH = {
    4: {"tanggal_rapat": "2026-01-10", "tempat": "Aula", "undangan": "Inspektur, eselon III"},
    5: {"notulen": "Notulen rapat", "kesepakatan": "Poin yang disepakati"},
    11: {"tanggal_tandatangan": "2026-02-01"},
    12: {"nomor_surat": "700/12/2026", "tanggal_surat": "2026-02-02"},
    13: {"tanggal_unggah": "2026-02-03", "url_publikasi": "https://inspektorat.example.go.id"},
}


def test_langkah_sop_hanya_oleh_pelaksananya(ctx):
    """All 13 steps of a cycle: every role but the step's actor (and the admin, with a reason)
    is refused to start, attach to and finish it, and only the Kasubag and the admin may undo;
    refusals write nothing. The actor and the admin take turns doing the step."""
    con, folder = ctx.con, ctx.folder
    akt = {p: _a(ctx, p) for p in PERAN}
    masalah: list[str] = []

    def tolak(peran: set[str], label: str, f: Callable[[Pelaku], Any]) -> None:
        sebelum = sidik(con, folder)
        for p in sorted(peran):
            try:
                f(akt[p])
                masalah.append(f"{label}: {p} was allowed")
            except AksesDitolak:
                pass
            except DataTidakValid as exc:
                masalah.append(f"{label}: {p} got {exc!r}, not AksesDitolak")
        # Once per group: a refused call that wrote anything shows here.
        if beda(sebelum, sidik(con, folder)):
            masalah.append(f"{label}: a refused call changed {beda(sebelum, sidik(con, folder))}")

    siap_ditandatangani(con, folder=folder)   # step 11 signs: its gate must be satisfied
    sid = siklus.buka_siklus(con, akt["inspektur"], 2025, "800/1/2026")
    langkah = con.execute("SELECT no, pelaksana FROM siklus_langkah WHERE siklus_id = ?"
                          " ORDER BY no", [sid]).fetchall()
    assert [n for n, _ in langkah] == list(range(1, 14))
    tidak_batal = set(PERAN) - IZIN["batal_langkah"]
    for no, pelaksana in langkah:
        lain = set(PERAN) - {pelaksana, "admin"}
        pemulai, penyelesai = (pelaksana, "admin") if no % 2 else ("admin", pelaksana)
        if no > 1:
            tolak(lain, f"mulai {no}", lambda p: siklus.mulai_langkah(con, p, sid, no,
                                                                      alasan=ALASAN))
            with pytest.raises(DataTidakValid, match="alasan wajib"):
                siklus.mulai_langkah(con, akt["admin"], sid, no)
            siklus.mulai_langkah(con, akt[pemulai], sid, no, alasan=ALASAN)
        tolak(lain, f"lampirkan {no}", lambda p: siklus.lampirkan(
            con, p, sid, no, f"l{no}.pdf", PDF + bytes([no]), ALASAN, folder))
        siklus.lampirkan(con, akt[penyelesai], sid, no, f"l{no}.pdf", PDF + bytes([no]),
                         ALASAN, folder)
        selesai = lambda p: siklus.selesaikan_langkah(  # noqa: E731
            con, p, sid, no, "", catatan="Uji", data=DATA_LANGKAH.get(no), alasan=ALASAN,
            tetap_selesai=True)
        if no == siklus.LANGKAH_TANDATANGAN:     # finishing step 11 is signing the report
            selesai = lambda p: arsip.tandatangani(  # noqa: E731
                con, p, sid, "", "Uji", DATA_LANGKAH.get(no), SANDI_TTD, alasan=ALASAN)
        tolak(lain, f"selesai {no}", selesai)
        selesai(akt[penyelesai])   # the attached file is the kelengkapan
        tolak(tidak_batal, f"batal {no}", lambda p: siklus.batalkan_selesai(
            con, p, sid, no, "Salah catat."))
        if no in (3, 8):   # the two who may undo, undo; the step is then finished again
            siklus.batalkan_selesai(con, akt["kasubag" if no == 3 else "admin"], sid, no,
                                    "Salah catat.")
            selesai(akt[penyelesai])
    assert not masalah, "\n".join(masalah)
    # What was recorded names who did it, and the admin's reason each time it acted.
    rows = con.execute("SELECT no, pelaksana, dimulai_oleh, diselesaikan_oleh FROM"
                       " siklus_langkah WHERE siklus_id = ? ORDER BY no", [sid]).fetchall()
    for no, pelaksana, mulai, oleh in rows:
        pemulai, penyelesai = (pelaksana, "admin") if no % 2 else ("admin", pelaksana)
        assert (mulai, oleh) == (USER_PERAN[pelaksana] if no == 1 else USER_PERAN[pemulai],
                                 USER_PERAN[penyelesai]), no
    alasan = con.execute("SELECT count(*) FROM siklus_kejadian WHERE siklus_id = ? AND"
                         " pelaku = 'admin' AND aksi IN ('mulai', 'selesai') AND alasan = ?",
                         [sid, ALASAN]).fetchone()[0]
    # The admin started the 6 even steps, finished the 7 odd ones, and step 3 once more.
    assert alasan == 6 + 7 + 1
    assert con.execute("SELECT status_laporan FROM siklus WHERE id = ?", [sid]).fetchone() == (
        "disetujui",)


def test_kasus_diuraikan_dengan_rapi():
    # The table itself: every case names an action that exists, or an explicit role set.
    for k in KASUS:
        assert k.aksi is None or k.aksi in IZIN, k.nama
        assert k.peran_boleh <= set(PERAN) and k.peran_boleh, k.nama
        assert k.objek in (None, "unit", "instansi"), k.nama
