"""The synthetic data generator: reproducible, consistent, and usable by the app's own code."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from lkj_core import (agregat, dasbor, isian, laporan, organisasi, pengaturan, pengguna,
                      perencanaan, sintetis, siklus, sop)
from lkj_core.db import buka
from lkj_core.isian import IsianKinerja
from lkj_core.peran import Pelaku

KECIL = {"pemda": 3, "instansi": 4, "indikator": 6, "pemda_per_batch": 2}


def _pelaku(con, username):
    return Pelaku(*con.execute("SELECT username, peran, instansi_id, unit_id FROM pengguna"
                               " WHERE username = ?", [username]).fetchone())


@pytest.fixture(scope="module")
def templat_instansi(tmp_path_factory):
    """The "instansi" size built once; tests that write get a copy."""
    path = tmp_path_factory.mktemp("sintetis") / "instansi.duckdb"
    sintetis.bangun(path, "instansi")
    return path


@pytest.fixture
def con_instansi(templat_instansi, tmp_path):
    path = tmp_path / "instansi.duckdb"
    shutil.copyfile(templat_instansi, path)
    con = buka(path)
    yield con
    con.close()


# --- reproducibility ---

def test_benih_sama_data_sama_benih_lain_data_lain(templat_instansi, tmp_path):
    with buka(templat_instansi) as con:
        pertama = sintetis.sidik(con)
    sintetis.bangun(tmp_path / "lagi.duckdb", "instansi")
    sintetis.bangun(tmp_path / "lain.duckdb", "instansi", benih=7)
    with buka(tmp_path / "lagi.duckdb") as con:
        assert sintetis.sidik(con) == pertama
    with buka(tmp_path / "lain.duckdb") as con:
        lain = sintetis.sidik(con)
    assert set(lain) == set(pertama)
    # Same shape, other values: the seed drives targets, realisasi, statuses and timings.
    for tabel in ("target_tahunan", "realisasi", "indikator", "siklus_langkah"):
        assert lain[tabel] != pertama[tabel], tabel
    assert lain["instansi"] == pertama["instansi"]


def test_kabupaten_kecil_dapat_diulang_per_batch(tmp_path):
    kab = {"instansi": 5, "indikator": 4, "pemda": 3, "pemda_per_batch": 2}
    a = sintetis.bangun(tmp_path / "a.duckdb", "kabupaten", jumlah=kab)
    b = sintetis.bangun(tmp_path / "b.duckdb", "kabupaten", jumlah=dict(kab, pemda_per_batch=3))
    assert a == b
    assert a["instansi"] == 15 and a["indikator"] == 60 and a["target_tahunan"] == 600
    # Batching does not change a single row.
    with buka(tmp_path / "a.duckdb") as ca, buka(tmp_path / "b.duckdb") as cb:
        assert sintetis.sidik(ca) == sintetis.sidik(cb)
    c = sintetis.bangun(tmp_path / "c.duckdb", "kabupaten", benih=1, jumlah=kab)
    with buka(tmp_path / "a.duckdb") as ca, buka(tmp_path / "c.duckdb") as cc:
        assert sintetis.sidik(ca)["realisasi"] != sintetis.sidik(cc)["realisasi"]
    assert c["instansi"] == 15


# --- shape and consistency ---

def test_isi_dan_keterkaitan(tmp_path):
    hasil = sintetis.bangun(tmp_path / "n.duckdb", "nasional", jumlah=KECIL)
    n_ins, n_ind, n_thn = 12, 72, 5
    assert hasil["instansi"] == n_ins and hasil["indikator"] == n_ind
    assert hasil["target_tahunan"] == n_ind * n_thn
    assert hasil["pengguna"] == n_ins * 10 and hasil["unit_kerja"] == n_ins * 5
    assert hasil["sop_langkah"] == n_ins * 13 and hasil["pk_program"] == n_ins * 5 * n_thn
    assert hasil["siklus"] == n_thn  # one instansi only
    with buka(tmp_path / "n.duckdb") as con:
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        # Every child points at a parent of the same instansi.
        assert q("SELECT count(*) FROM indikator i JOIN unit_kerja u ON u.id = i.unit_id"
                 " JOIN sasaran s ON s.id = i.sasaran_id JOIN tujuan t ON t.id = s.tujuan_id"
                 " JOIN renstra r ON r.id = t.renstra_id WHERE u.instansi_id = i.instansi_id"
                 " AND r.instansi_id = i.instansi_id") == n_ind
        assert q("SELECT count(*) FROM pengguna p JOIN unit_kerja u ON u.id = p.unit_id"
                 " WHERE u.instansi_id <> p.instansi_id") == 0
        assert q("SELECT count(*) FROM realisasi r LEFT JOIN target_tahunan t"
                 " USING (indikator_id, tahun) WHERE t.target IS NULL") == 0
        assert q("SELECT count(DISTINCT pemda) FROM instansi") == 3
        # The mix the issue asks for.
        assert q("SELECT count(DISTINCT polaritas) FROM indikator") == 3
        assert q("SELECT bool_and(target_atas >= target) FROM target_tahunan t JOIN indikator i"
                 " ON i.id = t.indikator_id WHERE polaritas = 'rentang'")
        assert q("SELECT count(*) FROM target_tahunan t JOIN indikator i ON i.id ="
                 " t.indikator_id WHERE polaritas <> 'rentang' AND target_atas IS NOT NULL") == 0
        assert q("SELECT count(*) FROM target_tahunan WHERE target = 0") > 0
        assert q("SELECT count(*) FROM realisasi WHERE nilai IS NULL") > 0
        assert q("SELECT count(DISTINCT status) FROM realisasi WHERE tahun = 2025") == 4
        assert q("SELECT count(*) FROM realisasi WHERE nilai IS NOT NULL AND (tw1 IS NULL OR"
                 " tw4 IS NULL OR analisis_penyebab IS NULL)") == 0
        # Rows lie in the file ordered by instansi, indicator, year (zone maps can skip).
        for tabel in ("target_tahunan", "realisasi"):
            assert q(f"SELECT bool_and(urut) FROM (SELECT (indikator_id, tahun) >= lag("
                     f"(indikator_id, tahun)) OVER (ORDER BY rowid) AS urut FROM {tabel})"
                     " WHERE urut IS NOT NULL")
        assert q("SELECT bool_and(urut) FROM (SELECT instansi_id >= lag(instansi_id) OVER"
                 " (ORDER BY rowid) AS urut FROM indikator) WHERE urut IS NOT NULL")


def test_sandi_bersama_dapat_dipakai_masuk(con_instansi):
    assert pengguna.cocok_sandi(sintetis.SANDI, sintetis.HASH_SANDI)
    kred = pengguna.kredensial(con_instansi)["usernames"]
    assert {"admin.p001-i01", "inspektur.p001-i01", "kasubag.p001-i01",
            "bidang2.p001-i01"} <= set(kred)
    assert pengguna.cocok_sandi(sintetis.SANDI, kred["kasubag.p001-i01"]["password"])
    assert con_instansi.execute("SELECT bool_and(demo) FROM instansi").fetchone()[0]


# --- the app's own read functions on the "instansi" size ---

def test_fungsi_baca_aplikasi_berjalan(con_instansi):
    con = con_instansi
    ins = _pelaku(con, "inspektur.p001-i01")
    bidang = _pelaku(con, "bidang3.p001-i01")
    skala = pengaturan.skala_kategori(con, ins.instansi_id)
    kal = pengaturan.kalender(con, ins.instansi_id)
    semua = agregat.capaian_semua(con).df()
    for tahun in range(2016, 2026):
        df = isian.daftar_isian(con, ins, tahun, skala=skala, resmi=True)
        assert len(df) == int(con.execute("SELECT count(*) FROM indikator WHERE aktif")
                              .fetchone()[0])
        # The SQL aggregate agrees with the intake list, year by year.
        s = semua[semua["tahun"] == tahun].set_index("indikator_id")
        for r in df.itertuples():
            sql, app = s.loc[r.id, "kategori"], r.kategori
            assert (None if pd.isna(sql) else sql) == (None if pd.isna(app) else app)
    assert set(isian.daftar_isian(con, bidang, 2025)["unit_id"]) == {bidang.unit_id}
    df = isian.daftar_isian(con, ins, 2025, skala=skala)
    assert set(df["status"]) >= {"diverifikasi", "diajukan", "draft"}
    tren = dasbor.tren(con, ins, 2025)
    assert len(tren) == len(df) * 10
    ang = dasbor.anggaran(con, ins, 2025, None, df)
    assert len(ang) == 5
    r = dasbor.ringkasan(df, ang, skala)
    assert r["jumlah"] == len(df) and r["dengan_data"] > 0 and r["serapan"] is not None
    assert len(dasbor.per_sasaran(df, skala)) == 3
    assert dasbor.progres(con, ins, 2025)["jumlah"].sum() == len(df)
    # The SOP cycles: the Gantt and timeliness of the running year and the history.
    g = dasbor.gantt(con, ins, 2025, kal)
    assert list(g["status"][:6]) == ["selesai"] * 5 + ["berjalan"]
    assert g["tenggat"].notna().sum() == 6 and g["ketepatan"].str.len().gt(0).sum() == 6
    rekap = siklus.rekap_siklus(con, ins.instansi_id, kal)
    assert list(rekap["tahun"]) == list(range(2025, 2015, -1))
    assert (rekap["selesai"][1:] == 13).all() and rekap["selesai"].iloc[0] == 5
    assert rekap["terlambat"].sum() > 0 and (rekap["aktual_hari"][1:] > 0).all()
    d = laporan.kumpulkan_data(con, ins, 2024)
    assert d.ditandatangani and d.tanggal_tandatangan.year == 2025
    assert len(d.indikator) == len(df) and len(d.langkah_sop) == 13
    d25 = laporan.kumpulkan_data(con, ins, 2025)
    assert not d25.ditandatangani


# --- writing after generation: every sequence continues past the generated ids ---

def test_baris_baru_setelah_pembangkitan(con_instansi):
    con = con_instansi
    admin = _pelaku(con, "admin.p001-i01")
    kasubag = _pelaku(con, "kasubag.p001-i01")
    maks = {t: con.execute(f"SELECT max(id) FROM {t}").fetchone()[0]
            for t in ("unit_kerja", "pengguna", "indikator", "pk_program", "sop_revisi",
                      "riwayat_isian", "siklus", "siklus_kejadian", "audit_log")}
    uid = organisasi.buat_unit(con, admin, "BARU", "Unit Baru")
    assert uid == maks["unit_kerja"] + 1
    pid = pengguna.buat_pengguna(con, admin, admin.instansi_id, "baru.pengguna", "Pengguna Baru",
                                 "bidang", "sandi-yang-baru", uid)
    assert pid == maks["pengguna"] + 1
    # A new indicator with a target, then its entry saved and submitted by its bidang user.
    sasaran_id = con.execute("SELECT min(id) FROM sasaran").fetchone()[0]
    ind_id = perencanaan.simpan_indikator(con, kasubag, perencanaan.IsianIndikator(
        sasaran_id=sasaran_id, kode="IK-BARU", nama="Indikator baru", satuan="%",
        polaritas="positif", unit_id=uid, target={2025: ("80", "")}))
    assert ind_id == maks["indikator"] + 1
    baru = _pelaku(con, "baru.pengguna")
    isian.simpan_isian(con, baru, ind_id, 2025,
                       IsianKinerja(nilai="72", narasi={"analisis_penyebab": "Uji."}), 0,
                       ajukan=True)
    riwayat = con.execute("SELECT id FROM riwayat_isian WHERE indikator_id = ?",
                          [ind_id]).fetchall()
    assert riwayat and min(r[0] for r in riwayat) > maks["riwayat_isian"]
    df = isian.daftar_isian(con, kasubag, 2025)
    assert df.set_index("id").loc[ind_id, "capaian"] == 90.0
    pk = perencanaan.simpan_pk_program(con, admin, 2025, "9.99", "Program Baru", uid,
                                       "1.000.000")
    assert pk == maks["pk_program"] + 1
    rid = sop.buat_revisi(con, "uji", admin.instansi_id, "Revisi baru", dt.date(2026, 6, 1),
                          sop.baca_csv(), {})
    assert rid == maks["sop_revisi"] + 1
    # The running cycle goes on: the Kasubag finishes step 6 (penghimpunan data).
    sik = siklus.siklus_tahun(con, kasubag.instansi_id, 2025)
    siklus.selesaikan_langkah(con, kasubag, sik["id"], 6, "Rekap data bidang", "",
                              tetap_selesai=True)
    assert con.execute("SELECT max(id) FROM siklus_kejadian").fetchone()[0] \
        == maks["siklus_kejadian"] + 1
    # And a new year's cycle opens with the next cycle id.
    sid = siklus.buka_siklus(con, _pelaku(con, "inspektur.p001-i01"), 2026, "Disposisi uji")
    assert sid == maks["siklus"] + 1
    assert con.execute("SELECT min(id) FROM audit_log WHERE pelaku <> ?",
                       [sintetis.PELAKU]).fetchone()[0] > maks["audit_log"]


# --- refusals and the command line ---

def test_menolak_basis_data_berisi(demo_con):
    sebelum = sintetis.ringkasan(demo_con)
    with pytest.raises(sintetis.BasisDataTidakKosong, match="sudah berisi data"):
        sintetis.bangun(demo_con, "instansi")
    assert sintetis.ringkasan(demo_con) == sebelum


def test_ukuran_tidak_dikenal(tmp_path):
    with pytest.raises(ValueError, match="tidak dikenal"):
        sintetis.bangun(tmp_path / "x.duckdb", "provinsi")
    with pytest.raises(ValueError, match="tidak valid"):
        sintetis.bangun(tmp_path / "x.duckdb", "kabupaten", jumlah={"instansi": 0})


def test_ukuran_baku_sesuai_isu():
    n = sintetis.UKURAN["nasional"]
    assert (n.pemda, n.instansi, n.indikator, n.tahun) == (548, 45, 30, 5)
    k = sintetis.UKURAN["kabupaten"]
    assert (k.pemda, k.instansi, k.indikator, k.tahun) == (1, 45, 30, 10)
    i = sintetis.UKURAN["instansi"]
    assert (i.pemda, i.instansi, i.indikator, i.tahun) == (1, 1, 15, 10)


def test_cli(tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    assert sintetis.main(["--ukuran", "instansi", "--db", str(db), "--benih", "5"]) == 0
    keluar = capsys.readouterr().out
    assert "realisasi" in keluar and "Selesai dalam" in keluar and sintetis.SANDI in keluar
    assert sintetis.main(["--ukuran", "instansi", "--db", str(db)]) == 2
    assert "sudah berisi data" in capsys.readouterr().err
