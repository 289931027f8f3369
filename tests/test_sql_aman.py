"""SQL safety: a scan of app.py, lkj_core/, lkj_app/ and pages/ for SQL built from strings
(with a small allow-list of identifiers that come from code constants, each verified), and
hostile strings through every lkj_core function that stores text and through the main forms:
stored verbatim (or refused with a clear message), every table still there, no other table
touched."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import re
import shutil
from types import SimpleNamespace

import duckdb
import pytest

import sql_pindai
from akses_util import jumlah_baris, tabel
from apptest_util import app, kotak_isian, teks, tombol
from conftest import pelaku
from lkj_app.state import _koneksi
from lkj_core import (bukti, db, isian, laporan, naskah, organisasi, pejabat, pengaturan, pengguna,
                      peran,
                      perencanaan, siklus, sop)
from lkj_core.isian import IsianKinerja
from lkj_core.organisasi import DataTidakValid
from lkj_core.perencanaan import IsianIndikator

try:
    from lkj_core import cadangan
except ImportError:  # pragma: no cover - depends on the tree
    cadangan = None
try:
    from lkj_core import sintetis
except ImportError:  # pragma: no cover - depends on the tree
    sintetis = None

# =====================================================================================
# The scan
# =====================================================================================

_GABUNG = "', '.join(kolom)"
_TANDA = "', '.join(('?' for _ in kolom))"
_SET = "', '.join((f'{k} = ?' for k in kolom))"
_PERAN = "peran names from the constant tuple peran.PERAN, in CHECK constraints of the schema"
_KOLOM_TULIS = "column names from the constant tuple isian.KOLOM_TULIS; other keys are refused"
_KOLOM_IND = "column names: the constant keys of the dict literal _validasi_indikator returns"
_KUTIP = ("DuckDB catalogue identifiers (our own tables and columns), quoted by _kutip")
_LITERAL = ("EXPORT/IMPORT DATABASE take no bound parameters: a temp-folder path quoted as a "
            "literal by _literal")

# (file, function, the non-constant parts) -> why they are safe. Each is verified below.
DIIZINKAN = {
    ("lkj_core/db.py", "<modul>", ("_PERAN_SQL", "_PERAN_SQL")): _PERAN,
    ("lkj_core/db.py", "<modul>", ("_PERAN_SQL",)): _PERAN,
    ("lkj_core/isian.py", "narasi_tahun", ("kolom", "sumber")):
        "column names from the constant dict isian.KOLOM_NARASI; the table one of two constant "
        "names (realisasi / realisasi_resmi)",
    ("lkj_core/isian.py", "_tulis", (_TANDA, _GABUNG)): _KOLOM_TULIS,
    ("lkj_core/isian.py", "_tulis", (_SET,)): _KOLOM_TULIS,
    # The batched import: `kolom`/`setel`/`kolom_lama` are joined from KOLOM_TULIS (and the
    # constant names indikator_id, status, versi) in the function itself.
    ("lkj_core/isian.py", "_impor_sekaligus", ("', '.join(kolom_lama)",)): _KOLOM_TULIS,
    ("lkj_core/isian.py", "_impor_sekaligus", ("kolom", "kolom")): _KOLOM_TULIS,
    ("lkj_core/isian.py", "_impor_sekaligus", ("setel",)): _KOLOM_TULIS,
    ("lkj_core/perencanaan.py", "simpan_indikator", (_TANDA, _GABUNG)): _KOLOM_IND,
    ("lkj_core/perencanaan.py", "simpan_indikator", (_SET,)): _KOLOM_IND,
}
if cadangan is not None:
    DIIZINKAN.update({
        ("lkj_core/cadangan.py", "_jumlah_baris", ("_kutip(skema)", "_kutip(tabel)")): _KUTIP,
        ("lkj_core/cadangan.py", "selaraskan_urutan",
         ("_kutip(kolom)", "_kutip(skema)", "_kutip(tabel)")): _KUTIP,
        ("lkj_core/cadangan.py", "buat_cadangan", ("_literal(ekspor)",)): _LITERAL,
        ("lkj_core/cadangan.py", "_impor", ("_literal(folder_db)",)): _LITERAL,
    })

if sintetis is not None:
    _KATALOG = ("benchmark data builder: table and column names read from DuckDB's catalogue "
                "and checked against [a-z_0-9]+ before use")
    DIIZINKAN.update({
        ("lkj_core/sintetis.py", "_majukan_urutan", ("kolom", "tabel")): _KATALOG,
        ("lkj_core/sintetis.py", "ringkasan", ("t",)): _KATALOG,
        ("lkj_core/sintetis.py", "sidik", ("t",)): _KATALOG,
    })


@pytest.fixture(scope="module")
def temuan():
    return sql_pindai.Pemindai().temuan()


def test_tidak_ada_sql_dari_teks_yang_dirangkai(temuan):
    liar = [str(t) for t in temuan if t.kunci not in DIIZINKAN]
    assert not liar, "SQL built from non-constant parts (bind the values with ?):\n" + \
        "\n".join(liar)


def test_daftar_izin_tidak_usang(temuan):
    dipakai = {t.kunci for t in temuan}
    assert not set(DIIZINKAN) - dipakai, set(DIIZINKAN) - dipakai


def test_pemindai_menemukan_pola_berbahaya(tmp_path):
    """The scan itself: every unsafe pattern is found, the safe ones are not."""
    (tmp_path / "contoh.py").write_text('''
TABEL = "pengguna"
SQL_TETAP = "SELECT * FROM pengguna WHERE id = ?"

def baik(con, uid):
    con.execute("SELECT * FROM pengguna WHERE id = ?", [uid])
    con.execute("SELECT * FROM pengguna"
                " WHERE id = ?", [uid])
    con.execute(SQL_TETAP, [uid])
    sql = "DELETE FROM x WHERE id = ?"
    con.execute(sql, [uid])
    con.execute(f"SELECT 1")
    pesan = f"Pengguna {uid} tidak ditemukan."

def buruk_fstring(con, nama):
    con.execute(f"SELECT * FROM pengguna WHERE nama = '{nama}'")

def buruk_persen(con, nama):
    con.execute("SELECT * FROM pengguna WHERE nama = '%s'" % nama)

def buruk_format(con, nama):
    con.sql("SELECT * FROM pengguna WHERE nama = '{}'".format(nama))

def buruk_tambah(con, nama):
    con.execute("SELECT * FROM pengguna WHERE nama = '" + nama + "'")

def buruk_variabel(con, nama):
    q = "DELETE FROM pengguna WHERE nama = '" + nama + "'"
    con.executemany(q, [])

def pembungkus(con, sql, params):
    return con.execute(sql, params).fetchall()

def pembungkus_luar(con, sql):
    return pembungkus(con, sql, [])

def buruk_lewat_pembungkus(con, nama):
    pembungkus_luar(con, "SELECT 1 WHERE x = " + nama)

def baik_lewat_pembungkus(con, uid):
    pembungkus_luar(con, "SELECT 1 WHERE x = ?")

def penutup(skrip):
    def jalankan(con):
        con.execute(skrip)
    return jalankan

buruk_penutup = penutup(TABEL + str(1))
baik_penutup = penutup(SQL_TETAP)

def buruk_nama(con, kolom):
    bagian = ", ".join(kolom)
    con.query(bagian)

def ungkapan(kolom):
    return "coalesce(" + kolom + ", 0)"

KOLOM_TETAP = ungkapan("nilai")

def baik_ungkapan_tetap(con):
    con.execute(f"SELECT {KOLOM_TETAP}, {ungkapan('versi')} FROM realisasi")

def buruk_ungkapan(con, kolom):
    con.execute(f"SELECT {ungkapan(kolom)} FROM realisasi")

def baik_loop(con):
    for sql in (SQL_TETAP, "SELECT 2"):
        con.execute(sql)

def buruk_loop(con, daftar):
    for sql in daftar:
        con.execute(sql)
''', encoding="utf-8")
    hasil = sql_pindai.Pemindai([tmp_path / "contoh.py"], dasar=tmp_path).temuan()
    assert sorted({t.fungsi for t in hasil}) == [
        "<modul>", "buruk_format", "buruk_fstring", "buruk_lewat_pembungkus", "buruk_loop",
        "buruk_nama", "buruk_persen", "buruk_tambah", "buruk_ungkapan", "buruk_variabel"]
    assert all(t.berkas == "contoh.py" and t.baris > 0 for t in hasil)
    assert any(":" in str(t) for t in hasil)   # reported as file:line


# --- each allowed case really is constant ---

def _fungsi_ast(modul, nama: str) -> ast.FunctionDef:
    return next(n for n in ast.walk(ast.parse(inspect.getsource(modul)))
                if isinstance(n, ast.FunctionDef) and n.name == nama)


def _tanpa_fungsi_dalam(f: ast.FunctionDef):
    """The nodes of a function's own body (not of the functions defined inside it)."""
    tumpukan = list(f.body)
    while tumpukan:
        n = tumpukan.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            tumpukan.extend(ast.iter_child_nodes(n))


def _penugasan(f: ast.FunctionDef, nama: str) -> list[ast.AST]:
    return [n.value for n in ast.walk(f) if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == nama for t in n.targets)]


def _kolom_tabel(con, nama: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns"
                                      " WHERE table_name = ?", [nama]).fetchall()}


def _identifier(x) -> bool:
    return isinstance(x, str) and re.fullmatch(r"[a-z][a-z0-9_]*", x) is not None


def test_izin_peran_sql_dari_tuple_konstan():
    pohon = ast.parse(inspect.getsource(peran))
    # migration 001's role list is the constant tuple PERAN_SOP (PERAN adds 'reviewer')
    nilai = next(n.value for n in pohon.body if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", "") == "PERAN_SOP")
    assert isinstance(nilai, ast.Tuple) and all(isinstance(e, ast.Constant) for e in nilai.elts)
    assert all(_identifier(p) for p in peran.PERAN)
    assert db._PERAN_SQL == ", ".join(f"'{p}'" for p in peran.PERAN_SOP)
    sumber = next(n.value for n in ast.parse(inspect.getsource(db)).body
                  if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "_PERAN_SQL")
    assert [n.id for n in ast.walk(sumber) if isinstance(n, ast.Name)
            and n.id.isupper()] == ["PERAN_SOP"]


def test_izin_narasi_dari_kolom_narasi(con):
    (nilai,) = _penugasan(_fungsi_ast(isian, "narasi_tahun"), "kolom")
    gen = nilai.args[0]
    assert isinstance(gen, ast.GeneratorExp) and ast.unparse(gen.generators[0].iter) == \
        "KOLOM_NARASI"
    dict_ = next(n.value for n in ast.parse(inspect.getsource(isian)).body
                 if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "KOLOM_NARASI")
    assert isinstance(dict_, ast.Dict) and all(isinstance(k, ast.Constant) for k in dict_.keys)
    assert all(_identifier(k) for k in isian.KOLOM_NARASI)
    assert set(isian.KOLOM_NARASI) <= _kolom_tabel(con, "realisasi")


def test_izin_tulis_isian_hanya_kolom_tulis(demo_con):
    (nilai,) = _penugasan(_fungsi_ast(isian, "_tulis"), "kolom")
    assert isinstance(nilai, ast.ListComp) and ast.unparse(nilai.generators[0].iter) == \
        "KOLOM_TULIS"
    assert isinstance(isian.KOLOM_TULIS, tuple) and all(_identifier(k) for k in isian.KOLOM_TULIS)
    assert set(isian.KOLOM_TULIS) <= _kolom_tabel(demo_con, "realisasi")
    # A key from outside (impor_isian takes rows from its caller) never reaches the SQL.
    irban1 = pelaku(demo_con, "irban1")
    ik = demo_con.execute("SELECT id FROM indikator WHERE kode = 'IK-01'").fetchone()[0]
    sebelum = jumlah_baris(demo_con)
    for kunci in ("nilai = 0; DROP TABLE realisasi; --", "status", "versi", "diubah_oleh"):
        with pytest.raises(DataTidakValid, match="Kolom isian tidak dikenal"):
            isian.impor_isian(demo_con, irban1, 2026, [SimpleNamespace(
                baris=2, kode="IK-01", indikator_id=ik, nilai={kunci: 1})])
    assert jumlah_baris(demo_con) == sebelum


def test_izin_impor_sekaligus_hanya_kolom_tulis():
    fungsi = _fungsi_ast(isian, "_impor_sekaligus")
    sumber = {ast.unparse(v) for nama in ("kolom", "setel", "kolom_lama")
              for v in _penugasan(fungsi, nama)}
    assert sumber == {"', '.join(KOLOM_TULIS)",
                      "', '.join((f'{k} = coalesce(d.{k}, r.{k})' for k in KOLOM_TULIS))",
                      "['indikator_id', 'status', 'versi', *KOLOM_TULIS]"}, sumber


def test_izin_indikator_kunci_dict_konstan(con):
    fungsi = _fungsi_ast(perencanaan, "simpan_indikator")
    assert [ast.unparse(v) for v in _penugasan(fungsi, "kolom")] == ["list(data)"]
    asal = [n for n in ast.walk(fungsi) if isinstance(n, ast.Assign)
            and isinstance(n.targets[0], ast.Tuple)
            and [getattr(e, "id", "") for e in n.targets[0].elts][:1] == ["data"]]
    assert len(asal) == 1 and ast.unparse(asal[0].value.func) == "_validasi_indikator"
    validasi = _fungsi_ast(perencanaan, "_validasi_indikator")
    kembali = [n.value for n in _tanpa_fungsi_dalam(validasi) if isinstance(n, ast.Return)
               and n.value is not None]
    assert len(kembali) == 1 and isinstance(kembali[0], ast.Tuple)
    kamus = kembali[0].elts[0]
    assert isinstance(kamus, ast.Dict)
    kunci = [k.value for k in kamus.keys if isinstance(k, ast.Constant)]
    assert len(kunci) == len(kamus.keys) and all(_identifier(k) for k in kunci)
    assert set(kunci) <= _kolom_tabel(con, "indikator")


@pytest.mark.skipif(sintetis is None, reason="no synthetic-data module in this tree")
def test_izin_sintetis_nama_dari_katalog_dan_diperiksa():
    pola = 're.fullmatch(r"[a-z_0-9]+"'
    sumber = inspect.getsource(sintetis._majukan_urutan)
    assert "duckdb_columns()" in sumber and sumber.count(pola) == 2
    tabel_ = inspect.getsource(sintetis._tabel)
    assert "duckdb_tables()" in tabel_ and pola in tabel_
    for f in (sintetis.ringkasan, sintetis.sidik):
        assert "for t in _tabel(con)" in inspect.getsource(f)
    c = duckdb.connect()
    c.execute('CREATE TABLE "x; DROP TABLE y" (a INTEGER)')
    c.execute("CREATE TABLE aman (a INTEGER)")
    assert sintetis._tabel(c) == ["aman"]   # an odd name never reaches the f-string


@pytest.mark.skipif(cadangan is None, reason="no backup module in this tree")
def test_izin_cadangan_pengutipan_aman(tmp_path):
    c = duckdb.connect()
    aneh = 'a"b; DROP TABLE x; --'
    c.execute(f"CREATE TABLE {cadangan._kutip(aneh)} ({cadangan._kutip(aneh)} INTEGER)")
    c.execute(f"INSERT INTO {cadangan._kutip(aneh)} VALUES (7)")
    assert c.execute(f"SELECT max({cadangan._kutip(aneh)}) FROM main.{cadangan._kutip(aneh)}"
                     ).fetchone() == (7,)
    p = tmp_path / "a'b; DROP TABLE x; --"
    assert c.execute(f"SELECT {cadangan._literal(p)}").fetchone() == (p.as_posix(),)
    # The identifiers come from DuckDB's own catalogue, never from a request.
    for nama in ("_jumlah_baris", "selaraskan_urutan"):
        sumber = inspect.getsource(getattr(cadangan, nama))
        assert "duckdb_" in sumber or "_daftar_tabel(" in sumber, nama


# =====================================================================================
# Hostile strings through lkj_core
# =====================================================================================

JAHAT = [
    "'; DROP TABLE isian; --",
    "'; DROP TABLE realisasi; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM pengguna;--",
    "x' UNION SELECT password_hash FROM pengguna --",
    "1; UPDATE pengguna SET peran = 'admin'; --",
    "\\'; DROP TABLE audit_log; --",
    "? ?; $1 %s {0} {}",
    "'; DROP--",
    "' OR 1=1--",
]


def _isi_json(nilai, h) -> bool:
    if isinstance(nilai, str):
        return nilai == h
    if isinstance(nilai, dict):
        return any(_isi_json(v, h) for v in nilai.values())
    if isinstance(nilai, list):
        return any(_isi_json(v, h) for v in nilai)
    return False


class Pemeriksa:
    """Runs a write with each hostile string and checks what it left behind."""

    def __init__(self, con):
        self.con = con
        self.semua_tabel = tabel(con)

    def cek(self, tulis, baca, berubah: set[str], maks: int | None = None,
            normal=lambda h: h, diaudit: bool = True, jahat=JAHAT) -> None:
        for h in jahat:
            sebelum = jumlah_baris(self.con)
            audit_awal = self.con.execute("SELECT coalesce(max(id), 0) FROM audit_log"
                                          ).fetchone()[0]
            if maks is not None and len(h) > maks:
                with pytest.raises(DataTidakValid, match="terlalu panjang"):
                    tulis(h)
                assert jumlah_baris(self.con) == sebelum, h
                continue
            tulis(h)
            assert baca(h) == normal(h), h
            sesudah = jumlah_baris(self.con)
            assert tabel(self.con) == self.semua_tabel, h
            lain = {t for t in sebelum if sebelum[t] != sesudah[t]} - berubah - {"audit_log"}
            assert not lain, (h, lain)
            if diaudit:
                baru = [json.loads(b) for (b,) in self.con.execute(
                    "SELECT baru FROM audit_log WHERE id > ? AND baru IS NOT NULL",
                    [audit_awal]).fetchall()]
                assert any(_isi_json(b, normal(h)) for b in baru), f"not audited verbatim: {h}"


@pytest.fixture
def cek(demo_con):
    return Pemeriksa(demo_con)


def _ik(con, kode="IK-01"):
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


@pytest.mark.parametrize("kolom", list(isian.KOLOM_NARASI))
def test_narasi_isian(demo_con, cek, kolom):
    irban1, ik = pelaku(demo_con, "irban1"), _ik(demo_con)
    versi = lambda: isian.isian(demo_con, irban1, ik, 2026)["versi"]  # noqa: E731
    cek.cek(lambda h: isian.simpan_isian(demo_con, irban1, ik, 2026,
                                         IsianKinerja(nilai="80", narasi={kolom: h}), versi()),
            lambda h: isian.isian(demo_con, irban1, ik, 2026)[kolom],
            {"realisasi", "riwayat_isian"})
    # Read back through the report's joins too.
    assert isian.narasi_tahun(demo_con, irban1, 2026)[ik][kolom] == JAHAT[-1]


def test_angka_jahat_ditolak_dengan_pesan(demo_con):
    irban1, ik = pelaku(demo_con, "irban1"), _ik(demo_con)
    program = demo_con.execute("SELECT p.id FROM pk_program p JOIN unit_kerja u ON u.id ="
                               " p.unit_id WHERE p.tahun = 2025 AND u.kode = 'IRBAN1'").fetchone()[0]
    kasubag = pelaku(demo_con, "kasubag")
    sebelum = jumlah_baris(demo_con)
    for h in JAHAT:
        with pytest.raises(DataTidakValid, match="Realisasi"):
            isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(nilai=h), 0)
        with pytest.raises(DataTidakValid, match="Realisasi anggaran"):
            isian.simpan_realisasi_anggaran(demo_con, irban1, program, h)
        with pytest.raises(DataTidakValid, match="Pagu"):
            perencanaan.simpan_pk_program(demo_con, kasubag, 2025, "9.9", "Uji", None, h)
        with pytest.raises(DataTidakValid, match="tahun"):
            perencanaan.buat_renstra(demo_con, kasubag, "Renstra uji", h, "2040")
    assert jumlah_baris(demo_con) == sebelum


def test_alasan_pengembalian(demo_con, cek):
    irban1, kasubag, ik = pelaku(demo_con, "irban1"), pelaku(demo_con, "kasubag"), _ik(demo_con)
    isian.simpan_isian(demo_con, irban1, ik, 2026,
                       IsianKinerja(nilai="80", narasi={"analisis_penyebab": "Sebab"}), 0)

    def kembalikan(h):
        isian.ubah_status(demo_con, irban1, ik, 2026, "ajukan")
        isian.ubah_status(demo_con, kasubag, ik, 2026, "kembalikan", h)

    cek.cek(kembalikan, lambda h: isian.alasan_terakhir(demo_con, ik, 2026),
            {"realisasi", "riwayat_isian"})


def test_unit_kerja(demo_con, cek):
    admin = pelaku(demo_con, "admin")
    n = iter(range(100))
    terakhir = lambda kol: lambda h: organisasi.daftar_unit(  # noqa: E731
        demo_con, admin.instansi_id).sort_values("id")[kol].iloc[-1]
    cek.cek(lambda h: organisasi.buat_unit(demo_con, admin, f"UJI{next(n)}", h),
            terakhir("nama"), {"unit_kerja"}, maks=200)
    cek.cek(lambda h: organisasi.buat_unit(demo_con, admin, h, f"Unit uji {next(n)}"),
            terakhir("kode"), {"unit_kerja"}, maks=20, normal=str.upper)
    uid = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN4'").fetchone()[0]
    cek.cek(lambda h: organisasi.ubah_unit(demo_con, admin, uid, h, True),
            lambda h: demo_con.execute("SELECT nama FROM unit_kerja WHERE id = ?",
                                       [uid]).fetchone()[0], {"unit_kerja"})


def test_pengguna(demo_con, cek):
    admin = pelaku(demo_con, "admin")
    for i, h in enumerate(JAHAT):   # a name as typed; a NIP is 18 digits or refused
        with pytest.raises(DataTidakValid, match="NIP"):
            pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, f"uji{i}", h, "staf",
                                   "sandi-uji-123", nip=h)
        pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, f"uji{i}", h, "staf",
                               "sandi-uji-123", nip="19700101 199003 1 001")
        df = pengguna.daftar_pengguna(demo_con, admin).set_index("username")
        assert (df.loc[f"uji{i}", "nama"], df.loc[f"uji{i}", "nip"]) == (
            h, "197001011990031001")
    pid = demo_con.execute("SELECT id FROM pengguna WHERE username = 'irban2'").fetchone()[0]
    unit = demo_con.execute("SELECT unit_id FROM pengguna WHERE id = ?", [pid]).fetchone()[0]
    cek.cek(lambda h: pengguna.ubah_pengguna(demo_con, admin, pid, h, "bidang", unit, ""),
            lambda h: demo_con.execute("SELECT nama FROM pengguna WHERE id = ?",
                                       [pid]).fetchone()[0], {"pengguna"})
    # As a password: hashed, never stored or audited as typed, and it logs in.
    for h in ("Sandi:" + j for j in JAHAT):
        pengguna.reset_sandi(demo_con, admin, pid, h)
        row = pengguna.pengguna(demo_con, "irban2")
        assert row["password_hash"] != h and pengguna.cocok_sandi(h, row["password_hash"])
        assert not demo_con.execute("SELECT count(*) FROM audit_log WHERE contains(coalesce("
                                    "lama, '') || coalesce(baru, ''), ?)", [h]).fetchone()[0]
    # As a username: refused by its pattern; looked up, it finds nobody and changes nothing.
    sebelum = jumlah_baris(demo_con)
    for h in JAHAT:
        with pytest.raises(DataTidakValid, match="Nama pengguna 3–32 karakter"):
            pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, h, "Nama", "staf",
                                   "sandi-uji-123")
        assert pengguna.pengguna(demo_con, h) is None
        assert pengguna.catat_login_gagal(demo_con, h) is None
        assert pengguna.sesi_berlaku(demo_con, h, 0) is None
        with pytest.raises(DataTidakValid, match="Kata sandi lama salah"):
            pengguna.ganti_sandi_sendiri(demo_con, h, h, "sandi-baru-123")
    assert jumlah_baris(demo_con) == sebelum
    assert h not in pengguna.kredensial(demo_con)["usernames"]


def test_perencanaan(demo_con, cek):
    kas = pelaku(demo_con, "kasubag")
    n = iter(range(1000))
    rid = demo_con.execute("SELECT id FROM renstra").fetchone()[0]
    tahun = iter(range(2030, 2100))

    def renstra(h):
        t = next(tahun)
        perencanaan.buat_renstra(demo_con, kas, h, str(t), str(t))

    cek.cek(renstra, lambda h: demo_con.execute(
        "SELECT nama FROM renstra ORDER BY id DESC LIMIT 1").fetchone()[0], {"renstra"})
    akhir = lambda tab, kol: lambda h: demo_con.execute(  # noqa: E731
        f"SELECT {kol} FROM {tab} ORDER BY id DESC LIMIT 1").fetchone()[0]
    cek.cek(lambda h: perencanaan.buat_tujuan(demo_con, kas, rid, f"TX{next(n)}", h),
            akhir("tujuan", "uraian"), {"tujuan"})
    cek.cek(lambda h: perencanaan.buat_tujuan(demo_con, kas, rid, h, "Tujuan uji"),
            akhir("tujuan", "kode"), {"tujuan"}, maks=20)
    tid = demo_con.execute("SELECT max(id) FROM tujuan").fetchone()[0]
    cek.cek(lambda h: perencanaan.buat_sasaran(demo_con, kas, tid, f"SX{next(n)}", h),
            akhir("sasaran", "uraian"), {"sasaran"})
    cek.cek(lambda h: perencanaan.buat_sasaran(demo_con, kas, tid, h, "Sasaran uji"),
            akhir("sasaran", "kode"), {"sasaran"}, maks=20)
    sid = demo_con.execute("SELECT max(id) FROM sasaran").fetchone()[0]
    unit = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN1'").fetchone()[0]

    def indikator(**ubah):
        def tulis(h):
            isi = dict(sasaran_id=sid, kode=f"IK-U{next(n)}", nama="Indikator uji",
                       satuan="%", polaritas="positif", unit_id=unit, definisi="",
                       target={2025: ("90", "")})
            isi.update({k: h for k in ubah})
            perencanaan.simpan_indikator(demo_con, kas, IsianIndikator(**isi))
        return tulis

    for kol, maks in (("kode", 30), ("nama", 500), ("satuan", 50), ("definisi", None),
                      ("formula", 2000), ("sumber_data", 2000)):
        cek.cek(indikator(**{kol: True}), akhir("indikator", kol), {"indikator",
                                                                     "target_tahunan"}, maks)
    cek.cek(lambda h: perencanaan.simpan_pk_program(demo_con, kas, 2025, f"9.{next(n)}", h,
                                                    None, "1000"),
            akhir("pk_program", "uraian"), {"pk_program"})
    cek.cek(lambda h: perencanaan.simpan_pk_program(demo_con, kas, 2025, h, "Program uji",
                                                    None, "1000"),
            akhir("pk_program", "kode"), {"pk_program"}, maks=40)


def test_naskah_penandatangan_skala(demo_con, cek):
    kas, admin = pelaku(demo_con, "kasubag"), pelaku(demo_con, "admin")
    for kunci in naskah.BAGIAN:
        cek.cek(lambda h: naskah.simpan_naskah(demo_con, kas, 2025, kunci, h),
                lambda h: naskah.naskah(demo_con, kas.instansi_id, 2025)[kunci],
                {"naskah_laporan"})
    cek.cek(lambda h: naskah.atur_penandatangan(demo_con, admin, h, ""),
            lambda h: naskah.penandatangan(demo_con, admin.instansi_id)["nama"], {"pengaturan"})
    cek.cek(lambda h: pengaturan.atur_skala_kategori(
        demo_con, admin, [("91", h), ("51", h + " (2)"), ("", "Rendah")]),
        lambda h: pengaturan.skala_kategori(demo_con, admin.instansi_id)[0][1], {"pengaturan"})
    # What the report reads back is the text as stored.
    pejabat.atur(demo_con, admin, 2025, "inspektur", JAHAT[-1], "196905121994031007",
                 "Pembina (IV/a)", JAHAT[-1])
    data = laporan.kumpulkan_data(demo_con, kas, 2025)
    assert data.naskah["kata_pengantar"] == JAHAT[-1]
    assert data.penandatangan["nama"] == JAHAT[-1]
    for h in JAHAT:
        surat = laporan.data_surat(demo_con, kas, 2025, nomor=h, kepada=h)
        assert (surat.nomor, surat.kepada) == (h, h)


def test_revisi_sop(demo_con, cek):
    admin = pelaku(demo_con, "admin")
    hari = iter(range(1, 400))

    def simpan(h):
        langkah = [{**l, "uraian_kegiatan": h, "kelengkapan": h, "output": h, "keterangan": h}
                   for l in sop.baca_csv()]
        sop.simpan_revisi(demo_con, admin, h, dt.date(2026, 1, 1) + dt.timedelta(next(hari)),
                          langkah, sop.INFO_SOP_WONOSOBO)

    def baca(h):
        rid = demo_con.execute("SELECT max(id) FROM sop_revisi").fetchone()[0]
        df = sop.langkah_revisi(demo_con, rid)
        nilai = {sop.revisi(demo_con, admin.instansi_id, rid)["judul"],
                 *df["uraian"], *df["kelengkapan"], *df["output"], *df["keterangan"]}
        return nilai.pop() if len(nilai) == 1 else nilai

    cek.cek(simpan, baca, {"sop_revisi", "sop_langkah"})


def test_bukti_nama_berkas(demo_con, cek, tmp_path):
    irban1, ik = pelaku(demo_con, "irban1"), _ik(demo_con)
    n = iter(range(100))
    cek.cek(lambda h: bukti.tambah_bukti(demo_con, irban1, ik, 2026, h,
                                         b"%PDF-1.4 " + bytes([next(n)]), tmp_path),
            lambda h: demo_con.execute("SELECT nama_berkas FROM bukti_dukung ORDER BY id DESC"
                                       " LIMIT 1").fetchone()[0],
            {"bukti_dukung"}, normal=lambda h: bukti.nama_aman(h, "pdf"))


def test_siklus_sop(demo_con, cek, _templat_demo, tmp_path):
    """Every text of the SOP cycle: the disposisi reference, a step's reference, note and
    admin's reason, the undo reason, an attachment's name."""
    kejadian = lambda con, sid: con.execute(  # noqa: E731
        "SELECT alasan, catatan FROM siklus_kejadian WHERE siklus_id = ? ORDER BY id DESC"
        " LIMIT 1", [sid]).fetchone()
    for i, h in enumerate(JAHAT):   # one cycle a year: a fresh copy of the demo per string
        path = tmp_path / f"s{i}.duckdb"
        shutil.copyfile(_templat_demo, path)
        con = db.buka(path)
        try:
            c = Pemeriksa(con)
            ins, adm = pelaku(con, "inspektur"), pelaku(con, "admin")
            sid = {}
            c.cek(lambda h: sid.setdefault("s", siklus.buka_siklus(con, ins, 2025, h)),
                  lambda h: kejadian(con, sid["s"])[1], {"siklus", "siklus_langkah",
                                                         "siklus_kejadian"}, jahat=[h])
            c.cek(lambda h: siklus.lampirkan(con, ins, sid["s"], 1, h, b"%PDF-1.4 x",
                                             folder=tmp_path / "b"),
                  lambda h: con.execute("SELECT nama_berkas FROM lampiran_langkah").fetchone()[0],
                  {"lampiran_langkah"}, normal=lambda h: bukti.nama_aman(h, "pdf"), jahat=[h])
            c.cek(lambda h: siklus.selesaikan_langkah(con, adm, sid["s"], 1, h, catatan=h,
                                                      alasan=h),
                  lambda h: con.execute("SELECT referensi FROM siklus_langkah WHERE siklus_id"
                                        " = ? AND no = 1", [sid["s"]]).fetchone()[0],
                  {"siklus_langkah", "siklus_kejadian"}, jahat=[h])
            assert kejadian(con, sid["s"]) == (h, h)
            c.cek(lambda h: siklus.mulai_langkah(con, adm, sid["s"], 2, alasan=h),
                  lambda h: kejadian(con, sid["s"])[0], {"siklus_langkah", "siklus_kejadian"},
                  jahat=[h])
            sid24 = con.execute("SELECT id FROM siklus WHERE tahun = 2024").fetchone()[0]
            c.cek(lambda h: siklus.batalkan_selesai(con, pelaku(con, "kasubag"), sid24, 13, h),
                  lambda h: kejadian(con, sid24)[0], {"siklus_kejadian"}, jahat=[h])
        finally:
            con.close()


# =====================================================================================
# Hostile strings through the main forms (AppTest)
# =====================================================================================

H = "Robert'); DELETE FROM pengguna;-- '; DROP TABLE realisasi; --"


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _jumlah(db_file) -> dict[str, int]:
    with _koneksi(str(db_file)).cursor() as cur:
        return jumlah_baris(cur)


def _hanya_berubah(sebelum: dict, sesudah: dict, boleh: set[str]) -> None:
    assert set(sesudah) == set(sebelum), "a table disappeared"
    assert {t for t in sebelum if sebelum[t] != sesudah[t]} <= boleh | {"audit_log"}


def test_formulir_narasi_isian(db_file):
    ik6 = _q(db_file, "SELECT id FROM indikator WHERE kode = 'IK-06'")[0][0]
    sebelum = _jumlah(db_file)
    at = app("irban3", "isian_kinerja")
    at.selectbox(key="isi_pilih").set_value(ik6).run()
    kotak_isian(at, ik6, "analisis_penyebab").input(H)
    kotak_isian(at, ik6, "kendala").input(H + "\n" + H)
    tombol(at, "Simpan draf").click()
    at.run()
    assert not at.exception and "Data belum disimpan" not in teks(at)
    assert _q(db_file, "SELECT analisis_penyebab, kendala FROM realisasi WHERE indikator_id = ?"
              " AND tahun = 2025", [ik6]) == [(H, H + "\n" + H)]
    _hanya_berubah(sebelum, _jumlah(db_file), {"realisasi", "riwayat_isian"})
    assert kotak_isian(at, ik6, "analisis_penyebab").value == H


def test_formulir_alasan_kembalikan(db_file):
    ik3 = _q(db_file, "SELECT id FROM indikator WHERE kode = 'IK-03'")[0][0]
    sebelum = _jumlah(db_file)
    at = app("kasubag", "rekap_isian")
    at.selectbox(key="rekap_pilih").set_value(ik3).run()
    at.text_area(key=f"alasan_kembalikan_{ik3}").input(H)
    tombol(at, "Kembalikan").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT status FROM realisasi WHERE indikator_id = ? AND tahun = 2025",
              [ik3]) == [("dikembalikan",)]
    assert _q(db_file, "SELECT catatan FROM riwayat_isian WHERE indikator_id = ? ORDER BY id"
              " DESC LIMIT 1", [ik3]) == [(H,)]
    _hanya_berubah(sebelum, _jumlah(db_file), {"realisasi", "riwayat_isian"})
    # The bidang user reads the reason as typed (escaped for markdown, not interpreted).
    bid = app("sekretariat", "isian_kinerja")
    bid.selectbox(key="isi_pilih").set_value(ik3).run()
    assert f"Dikembalikan oleh Kasubag:** {H}" in teks(bid)


def test_formulir_pengguna_dan_unit(db_file):
    sebelum = _jumlah(db_file)
    at = app("admin", "pengguna")
    at.text_input(key="ub_username").input("uji.jahat")
    at.text_input(key="ub_nama").input(H)
    at.text_input(key="ub_sandi").input("sandi-uji-123")
    tombol(at, "Buat pengguna").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT nama FROM pengguna WHERE username = 'uji.jahat'") == [(H,)]
    assert H in at.dataframe[0].value["Nama"].tolist()
    at.text_input(key="ub_username").input("'; DROP TABLE pengguna; --")
    tombol(at, "Buat pengguna").click()
    at.run()
    assert "Nama pengguna 3–32 karakter" in teks(at)
    at.text_input(key="un_kode").input("UJ1")
    at.text_input(key="un_nama").input(H)
    tombol(at, "Tambah unit").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT kode, nama FROM unit_kerja WHERE kode = 'UJ1'") == [("UJ1", H)]
    _hanya_berubah(sebelum, _jumlah(db_file), {"pengguna", "unit_kerja"})
    assert _jumlah(db_file)["pengguna"] == sebelum["pengguna"] + 1


def test_formulir_naskah(db_file):
    sebelum = _jumlah(db_file)
    at = app("kasubag", "naskah_laporan")
    at.text_area(key="naskah_2025_kata_pengantar").input(H)
    simpan = [b for b in at.button if b.label == "Simpan"
              and b.proto.form_id == "f_naskah_2025_kata_pengantar"]
    assert len(simpan) == 1
    simpan[0].click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT teks FROM naskah_laporan WHERE kunci = 'kata_pengantar'"
              " AND tahun = 2025") == [(H,)]
    _hanya_berubah(sebelum, _jumlah(db_file), {"naskah_laporan"})
