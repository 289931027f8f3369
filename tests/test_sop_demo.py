"""SOP data as a versioned revision, and the demo data's promises."""

from __future__ import annotations

import datetime as dt

import pytest

from lkj_core import demo, organisasi, perencanaan, sop
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.organisasi import DataTidakValid


def test_csv_sop_13_langkah_dan_total_waktu_baku():
    langkah = sop.baca_csv()
    assert [l["no"] for l in langkah] == list(range(1, 14))
    assert sop.total_waktu_baku(langkah) == (845, 7)         # ≈ 845 minutes + 7 working days
    assert {l["pelaksana"] for l in langkah} == {"inspektur", "sekretaris", "kasubag", "staf"}
    assert langkah[6]["waktu"] == 4 and langkah[6]["satuan_waktu"] == "hari"


@pytest.mark.parametrize("ubah,pesan", [
    ({"pelaksana": "bupati"}, "pelaksana"),
    ({"waktu": "sepuluh"}, "bilangan bulat"),
    ({"waktu": "0"}, "> 0"),
    ({"satuan_waktu": "jam"}, "menit atau hari"),
    ({"uraian_kegiatan": ""}, "uraian"),
])
def test_langkah_sop_salah_ditolak(ubah, pesan):
    langkah = sop.baca_csv()
    # As the CSV gives it: the step text under "uraian_kegiatan".
    asli = {k: v for k, v in langkah[2].items() if k != "uraian"}
    langkah[2] = {**asli, "uraian_kegiatan": langkah[2]["uraian"], **ubah}
    with pytest.raises(DataTidakValid, match=pesan):
        sop.validasi_langkah(langkah)


def test_revisi_baru_tidak_mengubah_revisi_lama(demo_con):
    iid = demo_con.execute("SELECT id FROM instansi").fetchone()[0]
    r1 = sop.revisi_berlaku(demo_con, iid)
    assert r1["nomor"] == 1 and r1["info"]["peringatan"].startswith("Apabila Renja")
    langkah = sop.baca_csv()
    langkah[6] = {**langkah[6], "waktu": 3}
    r2 = sop.buat_revisi(demo_con, "admin", iid, "SOP rev. 2", dt.date(2026, 1, 5), langkah,
                         r1["info"])
    assert sop.revisi_berlaku(demo_con, iid, dt.date(2025, 12, 31))["id"] == r1["id"]
    assert sop.revisi_berlaku(demo_con, iid, dt.date(2026, 1, 5))["id"] == r2
    assert sop.langkah_revisi(demo_con, r1["id"]).loc[6, "waktu"] == 4
    assert sop.langkah_revisi(demo_con, r2).loc[6, "waktu"] == 3
    assert sop.daftar_revisi(demo_con, iid)["nomor"].tolist() == [2, 1]


def test_data_demo_memenuhi_janjinya(demo_con):
    inst = demo_con.execute("SELECT id, demo, tahun_laporan FROM instansi").fetchall()
    assert len(inst) == 1 and inst[0][1] is True and inst[0][2] == 2025
    iid = inst[0][0]
    assert perencanaan.daftar_renstra(demo_con, iid)[["tahun_awal", "tahun_akhir"]].values \
        .tolist() == [[2021, 2026]]
    for tahun in range(2021, 2027):
        assert perencanaan.indikator_tanpa_target(demo_con, iid, tahun) == []
    pol = {r[0] for r in demo_con.execute("SELECT polaritas FROM indikator").fetchall()}
    assert pol == {"positif", "negatif", "rentang"}
    n_ind = demo_con.execute("SELECT count(*) FROM indikator").fetchone()[0]
    for tahun in range(2021, 2026):
        assert demo_con.execute("SELECT count(*) FROM realisasi WHERE tahun = ? AND nilai IS"
                                " NOT NULL", [tahun]).fetchone()[0] == n_ind
    rows = demo_con.execute(
        "SELECT i.polaritas, t.target, t.target_atas, r.nilai FROM realisasi r JOIN"
        " target_tahunan t USING (indikator_id, tahun) JOIN indikator i ON i.id ="
        " r.indikator_id").fetchall()
    capaian = [hitung_capaian(t, r, p, ta) for p, t, ta, r in rows]
    assert all(50 <= c <= 130 for c in capaian)               # plausible, not random
    assert len({kategori(c) for c in capaian}) >= 3           # the demo shows some spread
    pk = perencanaan.daftar_pk_program(demo_con, iid, 2025)
    assert len(pk) >= 3 and (pk["pagu"] > 0).all() and pk["serapan"].between(80, 100).all()
    assert perencanaan.daftar_pk_program(demo_con, iid, 2026)["realisasi"].isna().all()
    users = {r[0]: r[1] for r in demo_con.execute("SELECT username, peran FROM pengguna")
             .fetchall()}
    assert {"admin", "inspektur", "sekretaris", "kasubag", "staf", "sekretariat", "irban1",
            "irban2", "irban3", "irban4"} <= set(users)
    assert len(sop.langkah_revisi(demo_con, sop.revisi_berlaku(demo_con, iid)["id"])) == 13


def test_demo_tidak_dimuat_ulang_di_atas_data(tmp_path):
    path = tmp_path / "x.duckdb"
    con = demo.siapkan_basis_data(path)
    con.execute("UPDATE indikator SET nama = 'Diubah pengguna' WHERE kode = 'IK-01'")
    con.close()
    con = demo.siapkan_basis_data(path)
    assert organisasi.jumlah_instansi(con) == 2      # the Inspektorat and the reviewed OPD
    assert con.execute("SELECT nama FROM indikator WHERE kode = 'IK-01'").fetchone()[0] == \
        "Diubah pengguna"
    with pytest.raises(RuntimeError, match="tidak dimuat ulang"):
        demo.seed_demo(con)
