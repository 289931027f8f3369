"""Backup and restore: exact round trip of every table and evidence file, checksums, refusals
(tampering, unsafe member names, non-fresh targets, non-admin), sequences, CLI, make, page."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from apptest_util import app, teks, tombol
from conftest import pelaku, salinan_demo
from lkj_core import bukti, cadangan, demo, organisasi, siklus
from lkj_core.db import buka
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00"
       b"\x00:~\x9bU\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00"
       b"\x00IEND\xaeB`\x82")
JPG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
       b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9")
T0 = dt.datetime(2026, 1, 5, 8, 0)  # a Monday


# --- helpers ---

def _ik(con, kode):
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _demo_bukti(con) -> int:
    """How many files the demo's own evidence (seeded beside its database) takes."""
    return con.execute("SELECT count(DISTINCT sha256) FROM bukti_dukung WHERE diunggah_oleh ="
                       " 'sistem:seed-demo'").fetchone()[0]


def _isi_bukti(con, folder: Path) -> None:
    """Evidence files and an SOP step attachment, through the real lkj_core functions (the
    demo's own evidence files are copied into `folder` first: the store is one folder)."""
    asal = Path(con.execute("SELECT path FROM duckdb_databases() WHERE database_name ="
                            " current_database()").fetchone()[0]).parent / "bukti"
    if asal.is_dir() and asal.resolve() != Path(folder).resolve():
        shutil.copytree(asal, folder, dirs_exist_ok=True)
    irban1, sek = pelaku(con, "irban1"), pelaku(con, "sekretariat")
    bukti.tambah_bukti(con, irban1, _ik(con, "IK-01"), 2026, "LHE SAKIP.pdf", PDF, folder)
    bukti.tambah_bukti(con, irban1, _ik(con, "IK-01"), 2026, "foto.png", PNG, folder)
    ik_sek = con.execute("SELECT i.id FROM indikator i JOIN unit_kerja u ON u.id = i.unit_id"
                         " WHERE u.id = ? ORDER BY i.kode LIMIT 1", [sek.unit_id]).fetchone()[0]
    # The same content on another entry: stored once, referenced twice.
    bukti.tambah_bukti(con, sek, ik_sek, 2026, "salinan.pdf", PDF, folder)
    sid = siklus.buka_siklus(con, pelaku(con, "inspektur"), 2025, "", T0)
    siklus.lampirkan(con, pelaku(con, "inspektur"), sid, 1, "disposisi.jpg", JPG,
                     folder=folder)


def _tabel(con) -> dict[str, tuple[list, list]]:
    """Every table: its columns with types and all rows in a stable order."""
    hasil = {}
    for (nama,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
                               " ORDER BY 1").fetchall():
        kolom = con.execute("SELECT column_name, data_type FROM duckdb_columns()"
                            " WHERE table_name = ? ORDER BY column_index", [nama]).fetchall()
        hasil[nama] = (kolom, con.execute(f'SELECT * FROM "{nama}" ORDER BY ALL').fetchall())
    return hasil


def _struktur(con) -> dict[str, list]:
    """Tables' DDL, indexes, sequences and constraints."""
    return {
        "tabel": con.execute("SELECT table_name, sql FROM duckdb_tables() ORDER BY 1").fetchall(),
        "indeks": con.execute("SELECT index_name, sql FROM duckdb_indexes() ORDER BY 1"
                              ).fetchall(),
        "urutan": con.execute("SELECT sequence_name FROM duckdb_sequences() ORDER BY 1"
                              ).fetchall(),
        "batasan": con.execute("SELECT table_name, constraint_type, constraint_text"
                               " FROM duckdb_constraints() ORDER BY ALL").fetchall(),
    }


def _berkas(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _arsip_demo(demo_con, tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "bukti"
    _isi_bukti(demo_con, folder)
    arsip = cadangan.buat_cadangan(demo_con, pelaku(demo_con, "admin"), tmp_path / "keluar",
                                   folder_bukti=folder)
    return arsip, folder


@pytest.fixture(scope="module")
def arsip_sekali(_templat_demo, tmp_path_factory) -> Path:
    """One archive of the demo data with evidence, for the tests that only read it."""
    db = salinan_demo(_templat_demo, tmp_path_factory, "arsip")
    d = db.parent
    con = buka(db)
    try:
        return _arsip_demo(con, d)[0]
    finally:
        con.close()


def _tulis_ulang(asal: Path, tujuan: Path, ubah=None, tambah=(), manifest=None,
                 catat_di_manifest=True) -> Path:
    """Copy an archive, changing member bytes (`ubah(nama, data)`, None drops it), adding
    members (listed in the manifest with correct checksums) or editing the manifest."""
    with zipfile.ZipFile(asal) as zin:
        m = json.loads(zin.read(cadangan.MANIFEST))
        isi = {n: zin.read(n) for n in zin.namelist() if n != cadangan.MANIFEST}
    if ubah:
        isi = {n: ubah(n, d) for n, d in isi.items()}
        isi = {n: d for n, d in isi.items() if d is not None}
    for nama, data in tambah:
        isi[nama] = data
        if catat_di_manifest:
            m["berkas"].append({"path": nama, "ukuran": len(data),
                                "sha256": hashlib.sha256(data).hexdigest()})
    if manifest:
        manifest(m)
    with zipfile.ZipFile(tujuan, "w") as zout:
        for n, d in isi.items():
            zout.writestr(n, d)
        zout.writestr(cadangan.MANIFEST, json.dumps(m))
    return tujuan


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lkj_core", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def _sama(con_asal, path_pulih: Path) -> None:
    """The restored database equals the source in every table, row and column, except the
    restore's own audit rows appended at the end."""
    asal = _tabel(con_asal)
    con = duckdb.connect(str(path_pulih), read_only=True)
    try:
        pulih, struktur = _tabel(con), _struktur(con)
    finally:
        con.close()
    assert set(pulih) == set(asal)
    for nama in asal:
        if nama != "audit_log":
            assert pulih[nama] == asal[nama], nama
    kolom, baris = pulih["audit_log"]
    n_instansi = max(1, len(asal["instansi"][1]))
    assert kolom == asal["audit_log"][0]
    assert baris[:-n_instansi] == asal["audit_log"][1]
    assert {(r[3], r[4], r[5]) for r in baris[-n_instansi:]} == {
        ("sistem:pulihkan", "pulihkan", "basis_data")}
    assert struktur == _struktur(con_asal)


# --- round trip ---

def test_round_trip_data_demo_dan_bukti(demo_con, tmp_path):
    arsip, folder = _arsip_demo(demo_con, tmp_path)
    assert re.fullmatch(r"lkj-cadangan-inspektorat-wsb-\d{8}-\d{6}\.zip", arsip.name)
    assert arsip.stat().st_mode & 0o777 == 0o600  # it holds password hashes
    # PDF (twice referenced), PNG, JPG, and the demo's own evidence
    assert len(_berkas(folder)) == 3 + _demo_bukti(demo_con)

    baru = tmp_path / "data-baru"
    m = cadangan.pulihkan_cadangan(arsip, baru / "lkj.duckdb", baru / "bukti")
    _sama(demo_con, baru / "lkj.duckdb")
    assert _berkas(baru / "bukti") == _berkas(folder)
    assert m["migrasi"] == [r[0] for r in demo_con.execute(
        "SELECT nama FROM schema_migrasi ORDER BY nama").fetchall()]
    # Decimals, timestamps and booleans survive as values, not only as equal-looking text.
    con = buka(baru / "lkj.duckdb")
    try:
        assert con.execute("SELECT typeof(pagu) FROM pk_program LIMIT 1").fetchone() == (
            "DECIMAL(18,2)",)
        assert con.execute("SELECT sum(pagu) FROM pk_program").fetchone() == demo_con.execute(
            "SELECT sum(pagu) FROM pk_program").fetchone()
        # The restored evidence reads back through the normal, hash-checked path.
        irban1 = pelaku(con, "irban1")
        bid = con.execute("SELECT min(id) FROM bukti_dukung WHERE diunggah_oleh <>"
                          " 'sistem:seed-demo'").fetchone()[0]
        assert bukti.baca_bukti(con, irban1, bid, baru / "bukti")[2] == PDF
    finally:
        con.close()


def test_manifest_mencatat_checksum_ukuran_dan_jumlah_baris(demo_con, tmp_path):
    arsip, folder = _arsip_demo(demo_con, tmp_path)
    m = cadangan.baca_manifest(arsip)
    assert (m["format"], m["versi_format"]) == ("lkj-cadangan", 1)
    assert m["dibuat_oleh"] == "admin" and m["bukti_bermasalah"] == []
    assert m["migrasi_terakhir"] == m["migrasi"][-1]
    with zipfile.ZipFile(arsip) as zf:
        assert sorted(zf.namelist()) == sorted([b["path"] for b in m["berkas"]]
                                               + ["manifest.json"])
        for b in m["berkas"]:
            data = zf.read(b["path"])
            assert (len(data), hashlib.sha256(data).hexdigest()) == (b["ukuran"], b["sha256"])
    assert {b["path"] for b in m["berkas"] if b["path"].startswith("bukti/")} == {
        f"bukti/{p}" for p in _berkas(folder)}
    for nama, (_, baris) in _tabel(demo_con).items():
        assert m["tabel"][nama] == len(baris), nama


def test_penyisipan_baru_setelah_pemulihan_berjalan(demo_con, tmp_path):
    arsip, _ = _arsip_demo(demo_con, tmp_path)
    baru = tmp_path / "baru"
    cadangan.pulihkan_cadangan(arsip, baru / "lkj.duckdb", baru / "bukti")
    con = buka(baru / "lkj.duckdb")
    try:
        assert cadangan.selaraskan_urutan(con) == []  # every sequence already past its max id
        admin = pelaku(con, "admin")
        maks_unit = con.execute("SELECT max(id) FROM unit_kerja").fetchone()[0]
        assert organisasi.buat_unit(con, admin, "UJI", "Unit Uji Pemulihan") > maks_unit
        maks_bukti = con.execute("SELECT max(id) FROM bukti_dukung").fetchone()[0]
        bid = bukti.tambah_bukti(con, pelaku(con, "irban1"), _ik(con, "IK-02"), 2026,
                                 "baru.pdf", PDF + b"%baru", baru / "bukti")
        assert bid > maks_bukti
        sid = siklus.buka_siklus(con, pelaku(con, "inspektur"), 2026, "", T0)
        assert sid > 1
        lid = siklus.lampirkan(con, pelaku(con, "inspektur"), sid, 1, "d.jpg", JPG,
                               folder=baru / "bukti")
        assert lid == 2
    finally:
        con.close()


def test_urutan_yang_tertinggal_dimajukan():
    con = duckdb.connect()
    con.execute("CREATE SEQUENCE s; CREATE TABLE t (id INTEGER PRIMARY KEY"
                " DEFAULT nextval('s'), v INTEGER)")
    con.execute("INSERT INTO t VALUES (1, 1), (2, 2), (50, 3)")  # as an old export would leave
    assert cadangan.selaraskan_urutan(con) == ["s"]
    assert con.execute("INSERT INTO t (v) VALUES (4) RETURNING id").fetchone() == (51,)
    assert cadangan.selaraskan_urutan(con) == []


def test_bukti_rusak_tidak_ikut_dan_dilaporkan(demo_con, tmp_path):
    folder = tmp_path / "bukti"
    _isi_bukti(demo_con, folder)
    sha_png = hashlib.sha256(PNG).hexdigest()
    (folder / sha_png[:2] / sha_png).write_bytes(b"rusak")
    (folder / "ab").mkdir(exist_ok=True)
    (folder / "ab" / ".unggah-sementara").write_bytes(b"x")  # an upload in progress
    arsip = cadangan.buat_cadangan(demo_con, pelaku(demo_con, "admin"), tmp_path / "k",
                                   folder_bukti=folder)
    m = cadangan.baca_manifest(arsip)
    assert m["bukti_bermasalah"] == [sha_png]
    demo = {f"bukti/{r[0][:2]}/{r[0]}" for r in demo_con.execute(
        "SELECT DISTINCT sha256 FROM bukti_dukung WHERE diunggah_oleh = 'sistem:seed-demo'"
    ).fetchall()}
    assert sorted(b["path"] for b in m["berkas"] if b["path"].startswith("bukti/")) == sorted(
        {f"bukti/{h[:2]}/{h}" for h in (hashlib.sha256(PDF).hexdigest(),
                                        hashlib.sha256(JPG).hexdigest())} | demo)
    cadangan.pulihkan_cadangan(arsip, tmp_path / "b" / "lkj.duckdb")  # still restorable


# --- who may back up, and the audit ---

def test_hanya_admin_dan_diaudit(demo_con, tmp_path):
    for username in ("kasubag", "inspektur", "irban1"):
        with pytest.raises(AksesDitolak):
            cadangan.buat_cadangan(demo_con, pelaku(demo_con, username), tmp_path / "k")
    assert not (tmp_path / "k").exists()
    assert demo_con.execute("SELECT count(*) FROM audit_log WHERE aksi = 'cadangkan'"
                            ).fetchone() == (0,)
    admin = pelaku(demo_con, "admin")
    arsip = cadangan.buat_cadangan(demo_con, admin, tmp_path / "k", folder_bukti=tmp_path / "b")
    row = demo_con.execute("SELECT pelaku, instansi_id, tabel, kunci, baru FROM audit_log"
                           " WHERE aksi = 'cadangkan'").fetchall()
    assert len(row) == 1 and row[0][:4] == ("admin", admin.instansi_id, "basis_data",
                                           arsip.name)
    assert json.loads(row[0][4])["arsip"] == arsip.name
    # The archive holds the record of its own making.
    cadangan.pulihkan_cadangan(arsip, tmp_path / "p" / "lkj.duckdb")
    con = duckdb.connect(str(tmp_path / "p" / "lkj.duckdb"), read_only=True)
    assert con.execute("SELECT pelaku, kunci FROM audit_log WHERE aksi = 'cadangkan'"
                       ).fetchall() == [("admin", arsip.name)]
    con.close()


def test_cadangan_gagal_tidak_meninggalkan_apa_pun(demo_con, tmp_path, monkeypatch):
    # The export cannot be written (a path below a file): everything is rolled back.
    monkeypatch.setattr(cadangan, "_literal", lambda _: "'/dev/null/ekspor'")
    with pytest.raises(DataTidakValid, match="Cadangan gagal dibuat"):
        cadangan.buat_cadangan(demo_con, pelaku(demo_con, "admin"), tmp_path / "k",
                               folder_bukti=tmp_path / "b")
    assert list((tmp_path / "k").iterdir()) == []  # neither the archive nor its temp file
    assert demo_con.execute("SELECT count(*) FROM audit_log WHERE aksi = 'cadangkan'"
                            ).fetchone() == (0,)


def test_admin_instansi_tidak_mencadangkan_instansi_lain(demo_con, tmp_path):
    organisasi.buat_instansi(demo_con, "sistem:uji", "DINAS-X", "Dinas X", "Pemda X")
    with pytest.raises(DataTidakValid, match="instansi lain.*make backup"):
        cadangan.buat_cadangan(demo_con, pelaku(demo_con, "admin"), tmp_path / "k")
    assert not (tmp_path / "k").exists()
    arsip = cadangan.buat_cadangan(demo_con, pelaku(demo_con, "admin"), tmp_path / "k",
                                   folder_bukti=tmp_path / "b", semua_instansi=True)
    assert cadangan.baca_manifest(arsip)["tabel"]["instansi"] == 2


# --- refusals on restore: nothing written ---

def _tidak_ada_yang_ditulis(target: Path) -> None:
    assert not target.exists()  # not even the folder: every check comes before any write


@pytest.mark.parametrize("kasus", ["isi_bukti", "isi_tabel", "sha_manifest", "ukuran_manifest",
                                   "hilang", "tambahan_tak_tercatat", "migrasi_baru",
                                   "jumlah_baris"])
def test_arsip_diubah_ditolak(arsip_sekali, tmp_path, kasus, monkeypatch):
    arsip = arsip_sekali
    if kasus != "jumlah_baris":
        # Refused by the checks before the first write: the writing steps are never reached.
        def tidak_boleh(*_):
            raise AssertionError("menulis sebelum semua checksum diperiksa")
        monkeypatch.setattr(cadangan, "_salin_member", tidak_boleh)
        monkeypatch.setattr(cadangan, "_impor", tidak_boleh)
    sha_pdf = hashlib.sha256(PDF).hexdigest()
    bukti_pdf = f"bukti/{sha_pdf[:2]}/{sha_pdf}"
    ubah = {
        "isi_bukti": dict(ubah=lambda n, d: d.replace(b"endobj", b"endOBJ")
                          if n == bukti_pdf else d),
        "isi_tabel": dict(ubah=lambda n, d: d[:-1] + bytes([d[-1] ^ 1])
                          if n == "db/pengguna.parquet" else d),
        "sha_manifest": dict(manifest=lambda m: next(
            b for b in m["berkas"] if b["path"] == "db/instansi.parquet").update(sha256="0" * 64)),
        "ukuran_manifest": dict(manifest=lambda m: next(
            b for b in m["berkas"] if b["path"] == bukti_pdf).update(ukuran=len(PDF) - 1)),
        "hilang": dict(ubah=lambda n, d: None if n == "db/realisasi.parquet" else d),
        "tambahan_tak_tercatat": dict(tambah=[("bukti/00/" + "0" * 64, b"x")],
                                      catat_di_manifest=False),
        "migrasi_baru": dict(manifest=lambda m: m["migrasi"].append("999_masa_depan")),
        # Checksums fine, but the counts disagree: caught after the import, which is undone.
        "jumlah_baris": dict(manifest=lambda m: m["tabel"].update(pengguna=11)),
    }[kasus]
    palsu = _tulis_ulang(arsip, tmp_path / "palsu.zip", **ubah)
    pesan = {"isi_bukti": "Checksum tidak cocok", "isi_tabel": "Checksum tidak cocok",
             "sha_manifest": "Checksum tidak cocok", "ukuran_manifest": "Checksum tidak cocok",
             "hilang": "tidak ada", "tambahan_tak_tercatat": "tidak tercantum di manifest",
             "migrasi_baru": "skema yang lebih baru", "jumlah_baris": "Jumlah baris"}[kasus]
    target = tmp_path / "target"
    with pytest.raises(DataTidakValid, match=pesan):
        cadangan.pulihkan_cadangan(palsu, target / "lkj.duckdb", target / "bukti")
    _tidak_ada_yang_ditulis(target)


@pytest.mark.parametrize("nama", ["../evil.txt", "../../evil.txt", "/tmp/evil.txt",
                                  "bukti/../../evil.txt", "db/../../evil.txt",
                                  "db\\..\\evil.txt", "C:/evil.txt", "bukti/ab/evil.txt",
                                  "db/sub/evil.txt", "evil.txt"])
def test_nama_anggota_tidak_aman_ditolak(arsip_sekali, tmp_path, nama, monkeypatch):
    palsu = _tulis_ulang(arsip_sekali, tmp_path / "slip.zip", tambah=[(nama, b"isi jahat")])
    target = tmp_path / "a" / "b" / "target"
    monkeypatch.setattr(cadangan, "_salin_member", lambda *_: pytest.fail("ditulis"))
    with pytest.raises(DataTidakValid, match="tidak aman"):
        cadangan.pulihkan_cadangan(palsu, target / "lkj.duckdb", target / "bukti")
    _tidak_ada_yang_ditulis(tmp_path / "a")
    assert not [p for p in tmp_path.rglob("evil*")]
    assert not Path("/tmp/evil.txt").exists()


def test_bukan_arsip_cadangan(tmp_path):
    bukan = tmp_path / "x.zip"
    bukan.write_bytes(b"bukan zip")
    with pytest.raises(DataTidakValid, match="bukan arsip cadangan"):
        cadangan.pulihkan_cadangan(bukan, tmp_path / "t" / "lkj.duckdb")
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as zf:
        zf.writestr("lain.txt", "x")
    with pytest.raises(DataTidakValid, match="manifest.json"):
        cadangan.pulihkan_cadangan(tmp_path / "y.zip", tmp_path / "t" / "lkj.duckdb")
    with pytest.raises(DataTidakValid, match="tidak ditemukan"):
        cadangan.pulihkan_cadangan(tmp_path / "tidak-ada.zip", tmp_path / "t" / "lkj.duckdb")
    assert not (tmp_path / "t").exists()


def test_tujuan_yang_tidak_baru_ditolak(arsip_sekali, tmp_path):
    arsip = arsip_sekali
    ada = tmp_path / "ada"
    ada.mkdir()
    (ada / "lkj.duckdb").write_bytes(b"data lama")
    with pytest.raises(DataTidakValid, match="sudah ada.*pindahkan dulu folder data lama"):
        cadangan.pulihkan_cadangan(arsip, ada / "lkj.duckdb", ada / "bukti")
    assert (ada / "lkj.duckdb").read_bytes() == b"data lama" and not (ada / "bukti").exists()

    lain = tmp_path / "lain"
    (lain / "bukti" / "ab").mkdir(parents=True)
    (lain / "bukti" / "ab" / "lama").write_bytes(b"bukti lama")
    with pytest.raises(DataTidakValid, match="tidak kosong"):
        cadangan.pulihkan_cadangan(arsip, lain / "lkj.duckdb", lain / "bukti")
    assert not (lain / "lkj.duckdb").exists()
    assert _berkas(lain / "bukti") == {"ab/lama": b"bukti lama"}

    # An empty evidence folder counts as fresh.
    kosong = tmp_path / "kosong"
    (kosong / "bukti").mkdir(parents=True)
    cadangan.pulihkan_cadangan(arsip, kosong / "lkj.duckdb", kosong / "bukti")
    assert len(_berkas(kosong / "bukti")) == len(
        [b for b in cadangan.baca_manifest(arsip)["berkas"] if b["path"].startswith("bukti/")])


# --- command line and make ---

def test_cli_backup_saat_aplikasi_memegang_basis_data(db_file, tmp_path):
    holder = buka(db_file)  # this process holds the lock, as the running app would
    try:
        r = _run("backup", "--keluar", str(tmp_path / "k"), env={"LKJ_DB": str(db_file)})
    finally:
        holder.close()
    assert r.returncode == 2, r.stderr
    assert "sedang dipakai oleh aplikasi LKj yang sedang berjalan" in r.stderr
    assert "menu Pengaturan" in r.stderr and "Cadangkan sekarang" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "k").exists()


def test_cli_backup_dan_restore(db_file, tmp_path, capsys):
    # In-process (the subprocess path is covered by the lock and make tests).
    from lkj_core import __main__ as cli

    con = buka(db_file)
    _isi_bukti(con, db_file.parent / "bukti")  # the default store beside LKJ_DB
    con.close()
    assert cli.main(["--db", str(db_file), "backup", "--keluar", str(tmp_path / "k")]) == 0
    out = capsys.readouterr()
    con = buka(db_file)
    n = 3 + _demo_bukti(con)
    con.close()
    assert "Cadangan dibuat:" in out.out and f"{n} berkas bukti" in out.out
    (arsip,) = (tmp_path / "k").glob("lkj-cadangan-*.zip")
    baru = tmp_path / "baru"
    assert cli.main(["--db", str(db_file), "restore", "--arsip", str(arsip),
                     "--db", str(baru / "lkj.duckdb")]) == 0
    assert "Semua checksum dan jumlah baris cocok" in capsys.readouterr().out
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        _sama(con, baru / "lkj.duckdb")
    finally:
        con.close()
    assert _berkas(baru / "bukti") == _berkas(db_file.parent / "bukti")
    assert cli.main(["restore", "--arsip", str(arsip), "--db", str(baru / "lkj.duckdb")]) == 1
    assert "sudah ada" in capsys.readouterr().err
    # --folder-bukti: the evidence goes where it is told.
    assert cli.main(["restore", "--arsip", str(arsip), "--db", str(tmp_path / "c" / "x.duckdb"),
                     "--folder-bukti", str(tmp_path / "bukti-c")]) == 0
    assert _berkas(tmp_path / "bukti-c") == _berkas(db_file.parent / "bukti")
    assert cli.main(["--db", str(tmp_path / "tidak-ada" / "lkj.duckdb"), "backup"]) == 1
    assert "tidak ada" in capsys.readouterr().err
    assert not (tmp_path / "tidak-ada").exists()


def _make_siap() -> bool:
    return subprocess.run(["make", "-q", "install"], cwd=ROOT, capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("make") is None, reason="make tidak terpasang")
def test_make_backup_dan_restore(db_file, tmp_path):
    if not _make_siap():
        pytest.skip("venv belum terpasang lewat make install")
    env = {**os.environ, "LKJ_DB": str(db_file)}
    r = subprocess.run(["make", "-s", "restore"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode != 0 and "make restore FILE=" in r.stdout
    r = subprocess.run(["make", "-s", "backup"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    (arsip,) = (db_file.parent / "cadangan").glob("lkj-cadangan-*.zip")
    # Into the data folder that already holds the database: refused with the way out.
    r = subprocess.run(["make", "-s", "restore", f"FILE={arsip}"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "pindahkan dulu folder data lama" in r.stderr
    baru = tmp_path / "data" / "lkj.duckdb"
    r = subprocess.run(["make", "-s", "restore", f"FILE={arsip}"], cwd=ROOT,
                       env={**env, "LKJ_DB": str(baru)}, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        _sama(con, baru)
    finally:
        con.close()


# --- the admin page ---

def test_tombol_cadangkan_di_pengaturan(db_file):
    at = app("admin", "pengaturan")
    assert not at.exception
    assert "make restore FILE=" in teks(at)
    assert not at.get("download_button")
    tombol(at, "Cadangkan sekarang").click()
    at.run()
    assert not at.exception
    arsip = Path(at.session_state["arsip_cadangan"])
    assert arsip.parent == db_file.parent / "cadangan"
    assert f"Cadangan dibuat: {arsip.name}" in teks(at)
    m = cadangan.periksa_arsip(arsip)  # complete and every checksum right
    assert m["dibuat_oleh"] == "admin" and m["tabel"]["pengguna"] == len(demo.PENGGUNA)
    unduh = at.get("download_button")
    assert [d.proto.label for d in unduh] == ["Unduh arsip cadangan"]


def test_aplikasi_berjalan_di_atas_data_pulihan(arsip_sekali, tmp_path, monkeypatch):
    baru = tmp_path / "data"
    cadangan.pulihkan_cadangan(arsip_sekali, baru / "lkj.duckdb")
    monkeypatch.setenv("LKJ_DB", str(baru / "lkj.duckdb"))
    at = app("admin", "audit")
    assert not at.exception
    df = at.dataframe[0].value
    assert {"pulihkan", "cadangkan"} <= set(df["Aksi"])
    assert "sistem:pulihkan" in set(df["Pelaku"])
