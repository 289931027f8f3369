"""Reliability: many users saving at once, and the server dying in the middle of a write.

Concurrency is reproduced the way the app runs: ONE DuckDB connection (lkj_app.state caches
it for the whole server) and a cursor of it per script run, here one per thread. The threads
wait at a barrier and then call the real lkj_core write functions at the same moment.

Crash safety runs the write in a child process (the venv's python, real lkj_core calls on a
copy of the demo database) that is held still inside its open transaction, right after its
last write before COMMIT; the test SIGKILLs it and opens the database again.
"""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from conftest import pelaku
from lkj_core import audit, db, excel, isian, pengaturan, pengguna
from lkj_core.db import buka
from lkj_core.isian import IsianKinerja, KonflikIsian

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
TAHUN = 2025
N = 10                      # simulated users
PUTARAN = 3                 # rounds of the same-entry race (each from the newest version)
BATAS_TUNGGU_S = 60         # bound on waiting for a child's marker line (not a speed check)


# ----------------------------------------------------------------------------------- helpers

def _ubah_semua_jadi_bisa_diisi(con) -> None:
    """The Kasubag verifies the submitted demo entries and re-opens every verified one, so
    every 2025 entry of the demo is editable (the demo leaves only IK-06 as a draft)."""
    kasubag = pelaku(con, "kasubag")
    for ik, status in con.execute("SELECT indikator_id, status FROM realisasi WHERE tahun = ?"
                                  " ORDER BY indikator_id", [TAHUN]).fetchall():
        if status == "diajukan":
            isian.ubah_status(con, kasubag, ik, TAHUN, "verifikasi")
            status = "diverifikasi"
        if status == "diverifikasi":
            isian.ubah_status(con, kasubag, ik, TAHUN, "buka_kembali", "Uji keandalan")


def _bidang_baru(con, username: str, unit_id: int):
    """A further bidang user of `unit_id`, created through lkj_core by the admin."""
    admin = pelaku(con, "admin")
    pengguna.buat_pengguna(con, admin, admin.instansi_id, username, f"Pengguna {username}",
                           "bidang", f"{username}-uji-sandi", unit_id)
    return pelaku(con, username)


def _id(con, kode: str) -> int:
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _isian_unik(i: int) -> IsianKinerja:
    """Values that differ in every field from user to user (a mixed row would show)."""
    return IsianKinerja(
        nilai=f"{40 + i},5", tw={t: str(10 * i + k) for k, t in enumerate(isian.TRIWULAN)},
        narasi={k: f"{k} oleh pengguna {i}" for k in isian.KOLOM_NARASI})


def _harapan(i: int) -> dict:
    """What `_isian_unik(i)` must be stored as."""
    return {"nilai": 40 + i + 0.5,
            **{t: float(10 * i + k) for k, t in enumerate(isian.TRIWULAN)},
            **{k: f"{k} oleh pengguna {i}" for k in isian.KOLOM_NARASI}}


def _baris_isian(con, ik: int, tahun: int = TAHUN) -> dict | None:
    return audit.baris(con, "SELECT * FROM realisasi WHERE indikator_id = ? AND tahun = ?",
                       [ik, tahun])


def _id_audit_terakhir(con) -> int:
    return con.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def _audit_sejak(con, id_awal: int) -> list[dict]:
    cur = con.execute("SELECT pelaku, aksi, tabel, kunci, lama, baru FROM audit_log"
                      " WHERE id > ? ORDER BY id", [id_awal])
    kolom = [d[0] for d in cur.description]
    return [dict(zip(kolom, r)) for r in cur.fetchall()]


def _bersamaan(tugas: list) -> list[tuple[str, object]]:
    """Run the callables in threads released together by a barrier; per callable
    ("ok", result) or ("galat", exception). Each callable gets its own cursor of ONE
    connection (the app's model) and has already read what it needs before the barrier."""
    gerbang = threading.Barrier(len(tugas))
    hasil: list = [None] * len(tugas)

    def jalan(i, t):
        try:
            hasil[i] = ("ok", t(gerbang))
        except BaseException as exc:  # every outcome is collected and judged by the test
            hasil[i] = ("galat", exc)

    utas = [threading.Thread(target=jalan, args=(i, t)) for i, t in enumerate(tugas)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    return hasil


def _simpan_bersama(con, p, ik: int, tahun: int, isi: IsianKinerja, ajukan: bool = False):
    """A user who opens the entry (reads its version), then saves when the barrier opens."""
    def tugas(gerbang):
        with con.cursor() as cur:
            versi = isian.isian(cur, p, ik, tahun)["versi"]
            gerbang.wait()
            return isian.simpan_isian(cur, p, ik, tahun, isi, versi, ajukan=ajukan)
    return tugas


# ---------------------------------------------------------------------- concurrency (threads)

def test_sepuluh_pengguna_menyimpan_isian_berbeda_bersamaan(db_file):
    con = buka(db_file)
    _ubah_semua_jadi_bisa_diisi(con)
    # Each entry gets its own user: the unit's demo bidang user, then the admin, then a new
    # bidang user of that unit — ten different actors over the ten indicators.
    indikator = con.execute("SELECT id, kode, unit_id FROM indikator ORDER BY kode").fetchall()
    assert len(indikator) == N
    bebas: dict[int, list] = {}
    for unit_id, username in con.execute("SELECT unit_id, username FROM pengguna"
                                         " WHERE peran = 'bidang' ORDER BY username").fetchall():
        bebas.setdefault(unit_id, []).append(pelaku(con, username))
    admin_dipakai = False
    kerja = []
    for i, (ik, kode, unit_id) in enumerate(indikator):
        if bebas.get(unit_id):
            p = bebas[unit_id].pop()
        elif not admin_dipakai:
            p, admin_dipakai = pelaku(con, "admin"), True
        else:
            p = _bidang_baru(con, f"uji{i}", unit_id)
        kerja.append((i, ik, kode, p, i % 2 == 0))       # every other one also submits
    assert len({p.username for *_, p, _ in kerja}) == N
    sebelum = {ik: _baris_isian(con, ik) for _, ik, *_ in kerja}
    riwayat_awal = con.execute("SELECT count(*) FROM riwayat_isian").fetchone()[0]
    id_awal = _id_audit_terakhir(con)

    hasil = _bersamaan([_simpan_bersama(con, p, ik, TAHUN, _isian_unik(i), ajukan)
                        for i, ik, _, p, ajukan in kerja])

    assert [h[0] for h in hasil] == ["ok"] * N, [repr(h[1]) for h in hasil if h[0] != "ok"]
    for (i, ik, kode, p, ajukan), (_, versi) in zip(kerja, hasil):
        baris = _baris_isian(con, ik)
        assert {k: baris[k] for k in _harapan(i)} == _harapan(i), kode
        assert baris["status"] == ("diajukan" if ajukan else sebelum[ik]["status"]), kode
        assert baris["versi"] == versi == sebelum[ik]["versi"] + (2 if ajukan else 1), kode
        assert baris["diubah_oleh"] == p.username, kode
    # One audit row per save (and per submission), by the right user, with the saved values.
    catatan = _audit_sejak(con, id_awal)
    simpan = {r["kunci"]: r for r in catatan if r["aksi"] == "simpan"}
    assert len(simpan) == len([r for r in catatan if r["aksi"] == "simpan"]) == N
    for i, ik, kode, p, ajukan in kerja:
        r = simpan[f"{ik}/{TAHUN}"]
        assert r["pelaku"] == p.username and r["tabel"] == "realisasi", kode
        assert json.loads(r["baru"]) == _harapan(i), kode
    diajukan = sorted((r["kunci"], r["pelaku"]) for r in catatan if r["aksi"] == "ajukan")
    assert diajukan == sorted((f"{ik}/{TAHUN}", p.username) for _, ik, _, p, a in kerja if a)
    assert len(catatan) == N + len(diajukan)
    assert con.execute("SELECT count(*) FROM riwayat_isian").fetchone()[0] == \
        riwayat_awal + len(diajukan)
    con.close()


@pytest.mark.parametrize("tahun", [TAHUN, 2026], ids=["isian_ada", "isian_baru"])
def test_sepuluh_pengguna_menyimpan_isian_yang_sama_hanya_satu_menang(db_file, tahun):
    """All ten open the same entry at the same version and save at once: one save wins, nine
    get the Indonesian version conflict (KonflikIsian), the stored row is the winner's whole
    input, one audit row. 2026 (set as the year being reported, no entries yet) races on the
    INSERT of the entry's first row instead of an UPDATE."""
    con = buka(db_file)
    admin = pelaku(con, "admin")
    if tahun != TAHUN:
        pengaturan.atur_tahun_laporan(con, admin, tahun)
    ik = _id(con, "IK-06")                       # a draft of Irban III in the demo
    unit = con.execute("SELECT unit_id FROM indikator WHERE id = ?", [ik]).fetchone()[0]
    pengguna_ = [admin, pelaku(con, "irban3"),
                 *(_bidang_baru(con, f"irban3_{j}", unit) for j in range(N - 2))]
    if tahun != TAHUN:
        assert _baris_isian(con, ik, tahun) is None

    for putaran in range(PUTARAN):
        sebelum = _baris_isian(con, ik, tahun)
        versi_awal = sebelum["versi"] if sebelum else 0
        riwayat_awal = con.execute("SELECT count(*) FROM riwayat_isian").fetchone()[0]
        id_awal = _id_audit_terakhir(con)
        isi = [_isian_unik(10 * putaran + j) for j in range(N)]

        hasil = _bersamaan([_simpan_bersama(con, p, ik, tahun, isi[j])
                            for j, p in enumerate(pengguna_)])

        menang = [j for j, h in enumerate(hasil) if h[0] == "ok"]
        assert len(menang) == 1, [(pengguna_[j].username, repr(h[1]))
                                  for j, h in enumerate(hasil)]
        w = menang[0]
        pemenang = pengguna_[w]
        assert hasil[w][1] == versi_awal + 1
        for j, (jenis, exc) in enumerate(hasil):
            if j == w:
                continue
            # Exactly the lkj_core conflict (never a raw duckdb error), naming the winner.
            assert type(exc) is KonflikIsian, (pengguna_[j].username, repr(exc))
            assert exc.kesalahan.keys() == {"_"}
            assert str(exc).startswith(f"Isian ini sudah disimpan oleh {pemenang.username} "
                                       "pada "), str(exc)
            assert "Isian Anda masih di formulir" in str(exc)
        baris = _baris_isian(con, ik, tahun)
        assert {k: baris[k] for k in _harapan(10 * putaran + w)} == _harapan(10 * putaran + w)
        assert (baris["versi"], baris["diubah_oleh"]) == (versi_awal + 1, pemenang.username)
        catatan = _audit_sejak(con, id_awal)
        assert [(r["pelaku"], r["aksi"], r["kunci"]) for r in catatan] == \
            [(pemenang.username, "simpan", f"{ik}/{tahun}")]
        assert json.loads(catatan[0]["baru"]) == _harapan(10 * putaran + w)
        # The entry's first save creates its history row ("Isian dibuat"), once.
        assert con.execute("SELECT count(*) FROM riwayat_isian").fetchone()[0] == \
            riwayat_awal + (1 if versi_awal == 0 else 0)
    con.close()


def test_impor_excel_bersamaan_dengan_sembilan_penyimpan(db_file):
    """The admin imports Irban III's workbook (realisasi only) while nine Irban III users
    save IK-06 or IK-10 from the version they opened. Whatever the order, the import lands
    whole (it has no version check: it acts like a later write), each entry keeps at most one
    of the savers (the others get KonflikIsian) and no save is half-applied."""
    con = buka(db_file)
    _ubah_semua_jadi_bisa_diisi(con)
    admin, irban3 = pelaku(con, "admin"), pelaku(con, "irban3")
    ik6, ik10 = _id(con, "IK-06"), _id(con, "IK-10")
    penyimpan = [irban3, *(_bidang_baru(con, f"irban3_{j}", irban3.unit_id) for j in range(8))]
    entri = [ik6 if j % 2 == 0 else ik10 for j in range(len(penyimpan))]

    df = isian.daftar_isian(con, admin, TAHUN, irban3.unit_id)
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(df, TAHUN, "Irban III", "X")))
    ws = wb["Isian"]
    kol = {c.value: c.column for c in ws[1]}
    baris_xlsx = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    impor_nilai = {ik6: "7,25", ik10: "3,75"}
    ws.cell(baris_xlsx["IK-06"], kol["Realisasi"], impor_nilai[ik6])
    ws.cell(baris_xlsx["IK-10"], kol["Realisasi"], impor_nilai[ik10])
    buf = io.BytesIO()
    wb.save(buf)
    baca = excel.baca_isian_xlsx(buf.getvalue(), df, tahun=TAHUN)
    assert baca.ok and sorted(b.kode for b in baca.baris) == ["IK-06", "IK-10"]
    sebelum = {ik: _baris_isian(con, ik) for ik in (ik6, ik10)}
    id_awal = _id_audit_terakhir(con)

    def impor(gerbang):
        with con.cursor() as cur:
            gerbang.wait()
            return isian.impor_isian(cur, admin, TAHUN, baca.baris)

    hasil = _bersamaan([impor, *(_simpan_bersama(con, p, ik, TAHUN, _isian_unik(j))
                                 for j, (p, ik) in enumerate(zip(penyimpan, entri)))])

    assert hasil[0] == ("ok", 2), repr(hasil[0][1])
    menang = {}
    for j, (jenis, x) in enumerate(hasil[1:]):
        if jenis == "ok":
            assert entri[j] not in menang, "two saves from one version both won"
            menang[entri[j]] = j
        else:
            assert type(x) is KonflikIsian, (penyimpan[j].username, repr(x))
    catatan = _audit_sejak(con, id_awal)
    for ik in (ik6, ik10):
        baris = _baris_isian(con, ik)
        # realisasi is the import's in every order (a save after the import is refused, a
        # save before it is overwritten); the narratives are the winning saver's, if any.
        assert baris["nilai"] == float(impor_nilai[ik].replace(",", "."))
        j = menang.get(ik)
        harapan = {k: v for k, v in _harapan(j).items() if k != "nilai"} if j is not None \
            else {k: sebelum[ik][k] for k in (*isian.TRIWULAN, *isian.KOLOM_NARASI)}
        assert {k: baris[k] for k in harapan} == harapan
        assert baris["versi"] == sebelum[ik]["versi"] + 1 + (j is not None)
        simpan = [r["pelaku"] for r in catatan
                  if r["aksi"] == "simpan" and r["kunci"] == f"{ik}/{TAHUN}"]
        assert sorted(simpan) == sorted(
            ["admin"] + ([penyimpan[j].username] if j is not None else []))
    assert [r["pelaku"] for r in catatan if r["aksi"] == "impor_excel"] == ["admin"]
    assert len(catatan) == 3 + len(menang)
    con.close()


# ------------------------------------------------- the DuckDB conflict, deterministically

class _Tahan:
    """Holds one thread inside its open transaction, right after its audit write (the last
    statement of a plain save), until released; every other thread passes straight through."""

    def __init__(self, monkeypatch):
        self.utas = None
        self.di_dalam = threading.Event()
        self.lepas = threading.Event()
        self._asli = audit.catat
        monkeypatch.setattr(audit, "catat", self._catat)

    def _catat(self, *a, **k):
        self._asli(*a, **k)
        if threading.current_thread() is self.utas:
            self.di_dalam.set()
            assert self.lepas.wait(BATAS_TUNGGU_S)


class _CatatBentrok:
    """Records every write-write conflict lkj_core's retry loop sees (real DuckDB errors)."""

    def __init__(self, monkeypatch):
        self.galat: list[BaseException] = []
        self.ada = threading.Event()
        self._asli = db.bentrok_tulis
        monkeypatch.setattr(db, "bentrok_tulis", self._periksa)

    def _periksa(self, exc):
        hasil = self._asli(exc)
        if hasil:
            self.galat.append(exc)
            self.ada.set()
        return hasil


@pytest.mark.parametrize("tahun,pemenang", [(TAHUN, "irban3"), (2026, "admin")],
                         ids=["update", "insert"])
def test_bentrok_duckdb_diulang_lalu_jadi_konflik_isian(db_file, monkeypatch, tahun, pemenang):
    """irban3's save is held inside its open transaction; the admin saves the same entry from
    the same version. DuckDB lets only one of the two writes through and refuses the other
    with its own error; lkj_core retries the loser, which then sees the winner's commit and
    gets the Indonesian conflict naming the winner, never the raw duckdb error.

    update: the admin's UPDATE hits irban3's uncommitted one ("Conflict on update") and waits
    in the retry loop until irban3 commits: irban3 wins. insert (2026, no entry yet): both
    INSERTs pass and the first COMMIT wins, so the admin (not held) wins and irban3's COMMIT
    fails with a duplicate key."""
    con = buka(db_file)
    admin, irban3 = pelaku(con, "admin"), pelaku(con, "irban3")
    if tahun != TAHUN:
        pengaturan.atur_tahun_laporan(con, admin, tahun)
    ik = _id(con, "IK-06")
    versi = (_baris_isian(con, ik, tahun) or {"versi": 0})["versi"]
    id_awal = _id_audit_terakhir(con)
    tahan, bentrok = _Tahan(monkeypatch), _CatatBentrok(monkeypatch)
    hasil: dict = {}
    isi = {"irban3": 1, "admin": 2}

    def simpan(p):
        def jalan():
            try:
                with con.cursor() as cur:
                    hasil[p.username] = isian.simpan_isian(cur, p, ik, tahun,
                                                           _isian_unik(isi[p.username]), versi)
            except BaseException as exc:
                hasil[p.username] = exc
        return threading.Thread(target=jalan)

    a, b = simpan(irban3), simpan(admin)
    tahan.utas = a
    try:
        a.start()
        assert tahan.di_dalam.wait(BATAS_TUNGGU_S)
        b.start()
        if pemenang == "irban3":
            assert bentrok.ada.wait(BATAS_TUNGGU_S)   # the admin's write hit irban3's
        else:
            b.join()                                  # the admin committed first
    finally:
        tahan.lepas.set()
        a.join()
        b.join()

    kalah = "admin" if pemenang == "irban3" else "irban3"
    assert hasil[pemenang] == versi + 1, repr(hasil[pemenang])
    assert type(hasil[kalah]) is KonflikIsian, repr(hasil[kalah])
    assert str(hasil[kalah]).startswith(f"Isian ini sudah disimpan oleh {pemenang} pada ")
    assert bentrok.galat and all(
        isinstance(e, (duckdb.TransactionException, duckdb.ConstraintException))
        for e in bentrok.galat), bentrok.galat
    baris = _baris_isian(con, ik, tahun)
    assert {k: baris[k] for k in _harapan(isi[pemenang])} == _harapan(isi[pemenang])
    assert (baris["versi"], baris["diubah_oleh"]) == (versi + 1, pemenang)
    assert [(r["pelaku"], r["aksi"], r["kunci"]) for r in _audit_sejak(con, id_awal)] == \
        [(pemenang, "simpan", f"{ik}/{tahun}")]
    con.close()


def test_bentrok_yang_tidak_kunjung_selesai_menjadi_pesan_konflik(db_file, monkeypatch):
    """While another save of the entry stays open the whole time, the retries give up with
    the Indonesian "being saved by someone else" conflict, and nothing of it is stored."""
    con = buka(db_file)
    admin, irban3 = pelaku(con, "admin"), pelaku(con, "irban3")
    ik = _id(con, "IK-06")
    versi = _baris_isian(con, ik)["versi"]
    id_awal = _id_audit_terakhir(con)
    tahan = _Tahan(monkeypatch)
    hasil: dict = {}

    def jalan():
        with con.cursor() as cur:
            hasil["irban3"] = isian.simpan_isian(cur, irban3, ik, TAHUN, _isian_unik(1), versi)

    a = threading.Thread(target=jalan)
    tahan.utas = a
    a.start()
    assert tahan.di_dalam.wait(BATAS_TUNGGU_S)
    try:
        with con.cursor() as cur, pytest.raises(KonflikIsian) as e:
            isian.simpan_isian(cur, admin, ik, TAHUN, _isian_unik(2), versi)
    finally:
        tahan.lepas.set()
        a.join()
    assert str(e.value).startswith("Isian ini sedang disimpan oleh pengguna lain")
    assert hasil["irban3"] == versi + 1
    baris = _baris_isian(con, ik)
    assert {k: baris[k] for k in _harapan(1)} == _harapan(1)
    assert [(r["pelaku"], r["aksi"], r["kunci"]) for r in _audit_sejak(con, id_awal)] == \
        [("irban3", "simpan", f"{ik}/{TAHUN}")]
    con.close()


# ------------------------------------------------------------- crash safety (child process)

# Run by the venv's python in a child process. argv: mode ("simpan" | "impor"), and the
# number of audit writes after which it stops inside the open transaction (the last write
# before COMMIT), prints a marker and sleeps until killed.
_ANAK = r'''
import io, os, sys, time
import openpyxl
from lkj_core import audit, excel, isian
from lkj_core.db import buka
from lkj_core.peran import Pelaku

mode, jeda_pada = sys.argv[1], int(sys.argv[2])
con = buka(os.environ["LKJ_DB"])
def pelaku(u):
    return Pelaku(*con.execute("SELECT username, peran, instansi_id, unit_id FROM pengguna"
                               " WHERE username = ?", [u]).fetchone())
irban3, admin = pelaku("irban3"), pelaku("admin")
ik6 = con.execute("SELECT id FROM indikator WHERE kode = 'IK-06'").fetchone()[0]

versi = isian.isian(con, irban3, ik6, 2025)["versi"]
versi = isian.simpan_isian(con, irban3, ik6, 2025, isian.IsianKinerja(
    nilai="8", narasi={"kendala": "Tersimpan sebelum mati"}), versi)
print("TERSIMPAN", versi, flush=True)

asli, n = audit.catat, 0
def catat(*a, **k):
    global n
    asli(*a, **k)
    n += 1
    if n == jeda_pada:
        print("DI_DALAM_TRANSAKSI", flush=True)
        time.sleep(600)
audit.catat = catat

if mode == "simpan":
    isian.simpan_isian(con, irban3, ik6, 2025, isian.IsianKinerja(
        nilai="6,5", narasi={"analisis_penyebab": "Tidak boleh tersimpan",
                             "kendala": "Tidak boleh tersimpan"}), versi, ajukan=True)
else:
    df = isian.daftar_isian(con, admin, 2025, irban3.unit_id)
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(df, 2025, "Irban III", "X")))
    ws = wb["Isian"]
    kol = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        ws.cell(r, kol["Realisasi"], "1,5")
        ws.cell(r, kol["Kendala dan hambatan"], "Tidak boleh tersimpan")
    buf = io.BytesIO()
    wb.save(buf)
    hasil = excel.baca_isian_xlsx(buf.getvalue(), df, tahun=2025)
    assert hasil.ok and len(hasil.baris) == 2, hasil.kesalahan
    isian.impor_isian(con, admin, 2025, hasil.baris)
print("SELESAI", flush=True)
'''


def _isi_basis_data(path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted (the whole database, for before/after comparisons)."""
    con = buka(path)
    try:
        tabel = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            " AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()  # names from
                for t in tabel}                                                 # the catalog
    finally:
        con.close()


def _tunggu_baris(proc, awalan: str) -> str:
    """The child's next stdout line, which must start with `awalan` (bounded wait)."""
    batas = time.monotonic() + BATAS_TUNGGU_S
    while time.monotonic() < batas:
        siap, _, _ = select.select([proc.stdout], [], [], 0.5)
        if siap:
            baris = proc.stdout.readline()
            if not baris:
                break
            assert baris.startswith(awalan), baris
            return baris
        if proc.poll() is not None:
            break
    proc.kill()
    pytest.fail(f"child gave no '{awalan}' line; stderr:\n{proc.stderr.read()}")


@pytest.mark.parametrize("mode,jeda_pada", [("simpan", 2), ("impor", 1)])
def test_proses_dibunuh_di_tengah_transaksi(db_file, mode, jeda_pada):
    """A committed save, then a second write killed (SIGKILL) just before its COMMIT: after
    the restart the database opens (replaying the WAL), the committed save is there and
    nothing of the killed transaction is. simpan: save & submit (held after the submit's
    audit row); impor: a two-row Excel import (held after its closing audit row)."""
    con = buka(db_file)
    _ubah_semua_jadi_bisa_diisi(con)        # IK-10 (Irban III) becomes importable too
    ik6 = _id(con, "IK-06")
    con.close()
    sebelum = _isi_basis_data(db_file)
    wal = Path(f"{db_file}.wal")
    assert not wal.exists()                 # closed cleanly: everything is in the file

    proc = subprocess.Popen([str(PYTHON), "-c", _ANAK, mode, str(jeda_pada)], cwd=ROOT,
                            env=dict(os.environ, LKJ_DB=str(db_file), PYTHONPATH=str(ROOT)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        versi_tersimpan = int(_tunggu_baris(proc, "TERSIMPAN").split()[1])
        _tunggu_baris(proc, "DI_DALAM_TRANSAKSI")
        # The committed save lives only in the write-ahead log: the reopen must replay it.
        assert wal.exists() and wal.stat().st_size > 0
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(BATAS_TUNGGU_S) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()

    sesudah = _isi_basis_data(db_file)      # opens: WAL replayed without error
    assert sesudah.keys() == sebelum.keys()
    berubah = sorted(t for t in sebelum if sesudah[t] != sebelum[t])
    assert berubah == ["audit_log", "realisasi"]
    # realisasi: only IK-06 changed, exactly as the committed save left it (draft, not
    # submitted; the killed transaction's 6,5 / 1,5 and its narratives are absent).
    con = buka(db_file)
    kolom = [d[0] for d in con.execute("SELECT * FROM realisasi LIMIT 0").description]
    lama = {(r[0], r[1]): dict(zip(kolom, r)) for r in sebelum["realisasi"]}
    baru = {(r[0], r[1]): dict(zip(kolom, r)) for r in sesudah["realisasi"]}
    assert baru.keys() == lama.keys()
    assert {k: v for k, v in baru.items() if k != (ik6, TAHUN)} == \
        {k: v for k, v in lama.items() if k != (ik6, TAHUN)}
    r6, l6 = baru[(ik6, TAHUN)], lama[(ik6, TAHUN)]
    # (a form save stores every field: the ones the child left empty become NULL)
    isian_tersimpan = {**dict.fromkeys((*isian.TRIWULAN, *isian.KOLOM_NARASI)), "nilai": 8.0,
                       "kendala": "Tersimpan sebelum mati"}
    assert r6 == {**l6, **isian_tersimpan, "versi": l6["versi"] + 1, "diubah_oleh": "irban3",
                  "diubah_pada": r6["diubah_pada"]}
    assert r6["versi"] == versi_tersimpan and r6["status"] == "draft"
    assert r6["diubah_pada"] > l6["diubah_pada"]
    # audit_log: the old rows untouched, plus exactly the committed save's row.
    assert sesudah["audit_log"][:len(sebelum["audit_log"])] == sebelum["audit_log"]
    kolom_a = [d[0] for d in con.execute("SELECT * FROM audit_log LIMIT 0").description]
    tambah = [dict(zip(kolom_a, r)) for r in sesudah["audit_log"][len(sebelum["audit_log"]):]]
    assert [(a["pelaku"], a["aksi"], a["kunci"]) for a in tambah] == \
        [("irban3", "simpan", f"{ik6}/{TAHUN}")]
    assert json.loads(tambah[0]["baru"])["nilai"] == 8.0
    # The recovered database takes new writes and keeps them across a clean reopen.
    irban3 = pelaku(con, "irban3")
    isian.simpan_isian(con, irban3, ik6, TAHUN, IsianKinerja(nilai="7"), versi_tersimpan)
    con.execute("CHECKPOINT")
    con.close()
    con = buka(db_file)
    assert _baris_isian(con, ik6)["nilai"] == 7.0
    con.close()


def test_login_gagal_bersamaan_semua_terhitung(db_file):
    # Parallel password guesses for one account: each failure is counted (none is lost to a
    # read outside the transaction), so the lockout comes after exactly 5 tries.
    import threading

    from lkj_core import pengguna as pg
    from lkj_core.db import buka

    con = buka(db_file)
    mulai = threading.Barrier(4)
    salah: list[BaseException] = []

    def coba():
        cur = con.cursor()
        mulai.wait()
        try:
            pg.catat_login_gagal(cur, "irban1", sekarang=1000.0)
        except BaseException as exc:  # noqa: BLE001 - any escape is the failure under test
            salah.append(exc)

    th = [threading.Thread(target=coba) for _ in range(4)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    assert salah == []
    assert con.execute("SELECT gagal_login FROM pengguna WHERE username = 'irban1'"
                       ).fetchone()[0] == 4
    assert pg.catat_login_gagal(con, "irban1", sekarang=1000.0) == 1000.0 + pg.LAMA_KUNCI_DETIK
    con.close()


def test_form_lain_bentrok_pesan_bukan_galat_mentah(db_file):
    # Any form saved through ui.simpan: when another session holds an uncommitted write of the
    # same row, DuckDB refuses this one. The page shows the Indonesian message (no raw DuckDB
    # error), keeps the choice, stores nothing; once the other session ends, saving works.
    from apptest_util import app, teks
    from lkj_app.state import _koneksi

    lain = _koneksi(str(db_file)).cursor()
    lain.execute("BEGIN TRANSACTION")
    lain.execute("UPDATE instansi SET tahun_laporan = 2023")
    at = app("admin", "pengaturan")
    at.selectbox[0].select(2024)
    simpan = lambda: next(b for b in at.button  # noqa: E731
                          if b.label == "Simpan tahun laporan")
    simpan().click()
    at.run()
    assert not at.exception
    assert "sedang disimpan oleh pengguna lain pada saat yang sama" in teks(at)
    assert at.selectbox[0].value == 2024
    with _koneksi(str(db_file)).cursor() as cur:
        assert cur.execute("SELECT tahun_laporan FROM instansi").fetchone() == (2025,)
    lain.execute("ROLLBACK")
    simpan().click()
    at.run()
    assert not at.exception
    with _koneksi(str(db_file)).cursor() as cur:
        assert cur.execute("SELECT tahun_laporan FROM instansi").fetchone() == (2024,)
