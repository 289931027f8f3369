"""AppTest of 'Alur SOP': each role sees and acts only on its own step; admin SOP revision."""

from __future__ import annotations

from apptest_util import app, teks, tombol
from lkj_app.state import _koneksi


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


# The demo holds completed cycles of 2023 and 2024; these tests run the 2025 one.
L2025 = "siklus_langkah WHERE siklus_id = (SELECT id FROM siklus WHERE tahun = 2025) AND"


def test_inspektur_membuka_siklus_lalu_kasubag_melanjutkan(db_file):
    k = app("kasubag", "alur_sop")
    assert "belum dibuka" in teks(k)
    assert not [b for b in k.button if b.label.startswith("Buka siklus")]
    ins = app("inspektur", "alur_sop")
    ins.text_input(key="buka_ref").input("800/015/2026")
    tombol(ins, "Buka siklus dan mulai disposisi").click()
    ins.run()
    assert not ins.exception
    assert _q(db_file, f"SELECT no FROM {L2025} mulai IS NOT NULL") == [(1,)]
    assert "SEKARANG" in teks(ins)
    # Step 1 is the Inspektur's: the kasubag sees it waiting, with no action form.
    k = app("kasubag", "alur_sop")
    assert "Menunggu Inspektur" in teks(k)
    assert not [b for b in k.button if b.label in ("Mulai", "Selesai")]
    ins.text_input(key="l1_ref").input("")
    tombol(ins, "Selesai").click()
    ins.run()
    assert "Kelengkapan wajib dicatat" in teks(ins) and "lampirkan berkasnya" in teks(ins)
    ins.text_input(key="l1_ref").input("800/015/2026 tanggal 5 Januari 2026")
    tombol(ins, "Selesai").click()
    ins.run()
    assert _q(db_file, f"SELECT referensi FROM {L2025} no = 1") == [
        ("800/015/2026 tanggal 5 Januari 2026",)]
    k = app("kasubag", "alur_sop")
    tombol(k, "Mulai").click()
    k.run()
    assert not k.exception
    assert _q(db_file, f"SELECT dimulai_oleh FROM {L2025} no = 2") == [("kasubag",)]
    # The staf sees the flow but can act on nothing yet.
    s = app("staf", "alur_sop")
    assert not s.exception and not [b for b in s.button if b.label in ("Mulai", "Selesai")]


def test_riwayat_siklus_demo_lalu_siklus_baru(db_file):
    r = app("inspektur", "riwayat_siklus")
    df = r.dataframe[0].value
    assert df["Tahun"].tolist() == [2024, 2023]
    assert df["Langkah terlambat"].tolist() == [1, 6]     # the demo process got faster
    ins = app("inspektur", "alur_sop")
    tombol(ins, "Buka siklus dan mulai disposisi").click()
    ins.run()
    r = app("inspektur", "riwayat_siklus")
    assert r.dataframe[0].value["Tahun"].tolist() == [2025, 2024, 2023]


def test_admin_menyimpan_revisi_sop_baru(db_file):
    at = app("admin", "sop")
    assert "Buat revisi SOP baru" in teks(at)
    tombol(at, "Simpan sebagai revisi baru").click()
    at.run()
    assert "Tanggal mulai berlaku wajib diisi." in teks(at)
    import datetime as dt
    at.date_input(key="rev_mulai").set_value(dt.date(2026, 2, 1))
    tombol(at, "Simpan sebagai revisi baru").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT nomor, berlaku_mulai FROM sop_revisi ORDER BY nomor") == [
        (1, dt.date(2023, 1, 2)), (2, dt.date(2026, 2, 1))]
    assert _q(db_file, "SELECT count(*) FROM sop_langkah l JOIN sop_revisi r ON r.id ="
              " l.revisi_id WHERE r.nomor = 2") == [(13,)]
    assert not [b for b in app("kasubag", "sop").button if b.label.startswith("Simpan")]
