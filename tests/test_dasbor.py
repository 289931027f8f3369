"""Dashboard data: aggregations per sasaran, headline figures, trends, budget, progress."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import pelaku
from lkj_core import dasbor, isian, pengaturan
from lkj_core.capaian import SKALA_BAKU, hitung_capaian
from lkj_core.peran import AksesDitolak


def test_per_sasaran_rata_rata_indikator_yang_ada_datanya(demo_con):
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "inspektur"), 2025)
    df.loc[df["kode"] == "IK-01", "capaian"] = None          # n/a is left out, not 0
    s = dasbor.per_sasaran(df, SKALA_BAKU).set_index("kode_sasaran")
    ik02 = df[df["kode"] == "IK-02"]["capaian"].iloc[0]
    assert s.loc["SS1", "capaian"] == pytest.approx(ik02) and s.loc["SS1", "jumlah"] == 1
    assert s.loc["SS2", "jumlah"] == 5


def test_ringkasan_dan_anggaran(demo_con):
    p = pelaku(demo_con, "inspektur")
    df = isian.daftar_isian(demo_con, p, 2025)
    ang = dasbor.anggaran(demo_con, p, 2025, None, df)
    r = dasbor.ringkasan(df, ang, SKALA_BAKU)
    assert r["jumlah"] == 10 and r["dengan_data"] == 10
    assert sum(r["per_kategori"].values()) == 10 and r["per_kategori"]["Sedang"] == 1
    assert r["rata_capaian"] == pytest.approx(df["capaian"].mean())
    assert r["serapan"] == pytest.approx(ang["realisasi"].sum() / ang["pagu"].sum() * 100)
    irban3 = ang[ang["unit"] == "Inspektur Pembantu Wilayah III"]["capaian_unit"].iloc[0]
    assert irban3 == pytest.approx(df[df["unit"] == "Inspektur Pembantu Wilayah III"]
                                   ["capaian"].mean())


def test_bidang_hanya_unitnya(demo_con):
    p = pelaku(demo_con, "irban1")
    lain = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN4'").fetchone()[0]
    assert set(dasbor.tren(demo_con, p, 2025, lain)["kode"]) == {"IK-01", "IK-02"}
    assert dasbor.progres(demo_con, p, 2025, lain)["unit"].tolist() == [
        "Inspektur Pembantu Wilayah I"]
    df = isian.daftar_isian(demo_con, p, 2025)
    assert dasbor.anggaran(demo_con, p, 2025, lain, df)["kode"].tolist() == ["5.02.01"]
    with pytest.raises(AksesDitolak):
        dasbor.gantt(demo_con, p, 2024, pengaturan.kalender(demo_con, p.instansi_id))
    with pytest.raises(AksesDitolak):
        dasbor.tren(demo_con, pelaku(demo_con, "staf"), 2025)


def test_tren_sepanjang_renstra(demo_con):
    t = dasbor.tren(demo_con, pelaku(demo_con, "kasubag"), 2025)
    ik06 = t[t["kode"] == "IK-06"].set_index("tahun")
    assert ik06.index.tolist() == list(range(2021, 2027))
    assert ik06.loc[2024, "capaian"] == pytest.approx(hitung_capaian(8, 7, "negatif"))
    # 2025 is still a draft: no official figure, and it says why; 2026: a gap, not 0
    assert ik06["realisasi"].isna().tolist() == [False] * 4 + [True, True]
    assert ik06.loc[2025, "keterangan"] == "belum diverifikasi"
    assert ik06.loc[2026, "keterangan"] == "belum ada data"
    assert ik06["target_akhir"].unique().tolist() == [6.0]


def test_gantt_sop(demo_con):
    p = pelaku(demo_con, "inspektur")
    kal = pengaturan.kalender(demo_con, p.instansi_id)
    g = dasbor.gantt(demo_con, p, 2023, kal)
    assert g["no"].tolist() == list(range(1, 14))
    assert (g["tenggat"] > g["mulai"]).all()
    assert g["terlambat"].sum() == 6
    assert dasbor.gantt(demo_con, p, 2025, kal, dt.datetime(2026, 1, 1)).empty


def test_progres_dari_daftar_sama_dengan_kueri(demo_con):
    # The Dasbor counts statuses from the rows it already has; same table as the SQL count.
    from conftest import pelaku
    from lkj_core import isian

    for user, unit in (("kasubag", None), ("irban3", None)):
        p = pelaku(demo_con, user)
        for tahun in (2024, 2025, 2026):
            df = isian.daftar_isian(demo_con, p, tahun, unit)
            a = dasbor.progres(demo_con, p, tahun, unit)
            b = dasbor.progres(demo_con, p, tahun, unit, indikator_df=df)
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b, check_dtype=False)
            assert len(b) == (1 if user == "irban3" else 5)
