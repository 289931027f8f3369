"""Schema ownership: ordered migrations, recorded, transactional; upgrade; file lock message."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from lkj_core import db


def test_migrasi_baru_lengkap_dan_tercatat(con):
    assert db.migrasi_terpasang(con) == [n for n, _ in db.MIGRASI]
    tabel = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"instansi", "unit_kerja", "pengguna", "renstra", "tujuan", "sasaran", "indikator",
            "target_tahunan", "realisasi", "pk_program", "sop_revisi", "sop_langkah",
            "audit_log", "pengaturan", "schema_migrasi"} <= tabel
    assert db.terapkan_migrasi(con) == []          # idempotent


def test_upgrade_dari_basis_data_lama_menjaga_data(tmp_path):
    path = tmp_path / "lama.duckdb"
    c = duckdb.connect(str(path))
    db.terapkan_migrasi(c, sampai="001_skema_awal")
    assert db.migrasi_terpasang(c) == ["001_skema_awal"]
    c.execute("INSERT INTO instansi (kode, nama, pemda) VALUES ('X', 'Instansi Lama', 'Pemda')")
    c.close()
    c = db.buka(path)
    assert db.migrasi_terpasang(c) == [n for n, _ in db.MIGRASI]
    assert c.execute("SELECT nama FROM instansi").fetchall() == [("Instansi Lama",)]
    idx = {r[0] for r in c.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert "idx_audit_instansi_waktu" in idx


def test_migrasi_gagal_tidak_meninggalkan_jejak(con, monkeypatch):
    def rusak(c):
        c.execute("CREATE TABLE setengah_jadi (x INTEGER)")
        raise RuntimeError("gagal di tengah")

    monkeypatch.setattr(db, "MIGRASI", db.MIGRASI + [("999_rusak", rusak)])
    with pytest.raises(RuntimeError):
        db.terapkan_migrasi(con)
    assert "999_rusak" not in db.migrasi_terpasang(con)
    assert not con.execute("SELECT 1 FROM information_schema.tables"
                           " WHERE table_name = 'setengah_jadi'").fetchone()


def test_transaksi_rollback(con):
    with pytest.raises(ValueError):
        with db.transaksi(con):
            con.execute("INSERT INTO instansi (kode, nama, pemda) VALUES ('A', 'A', 'A')")
            raise ValueError
    assert con.execute("SELECT count(*) FROM instansi").fetchone()[0] == 0


def test_proses_kedua_mendapat_pesan_jelas(tmp_path):
    path = tmp_path / "terkunci.duckdb"
    holder = db.buka(path)          # this process holds the write lock, as the app would
    try:
        r = subprocess.run([sys.executable, "-m", "lkj_core", "--db", str(path), "init-db"],
                           capture_output=True, text=True, timeout=60)
    finally:
        holder.close()
    assert r.returncode == 2
    assert "sedang dipakai oleh proses lain" in r.stderr
    assert "Traceback" not in r.stderr
