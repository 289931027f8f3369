"""AppTest of 'Impor Excel': preview with errors changes nothing; a clean file imports."""

from __future__ import annotations

import io

import openpyxl

from apptest_util import app, teks, tombol
from lkj_app.state import _koneksi
from lkj_core import excel


def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _templat_irban3(db_file) -> openpyxl.Workbook:
    from conftest import pelaku
    from lkj_core import isian
    with _koneksi(str(db_file)).cursor() as cur:
        df = isian.daftar_isian(cur, pelaku(cur, "irban3"), 2025)
    return openpyxl.load_workbook(io.BytesIO(excel.buat_templat(df, 2025, "Irban III", "X")))


def test_halaman_impor_menawarkan_format(db_file):
    at = app("irban3", "impor_excel")
    assert not at.exception
    assert "Unduh format" in teks(at)
    assert at.get("download_button")
    assert at.get("file_uploader")


def test_impor_langsung_lewat_fungsi_inti_semua_atau_tidak_sama_sekali(db_file):
    # AppTest cannot drive st.file_uploader, so the page's steps run here with the same calls:
    # parse -> (errors: nothing saved) -> import in one transaction.
    from conftest import pelaku
    from lkj_core import isian
    wb = _templat_irban3(db_file)
    ws = wb["Isian"]
    kol = {c.value: c.column for c in ws[1]}
    baris = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(baris["IK-06"], kol["Realisasi"], "8")
    ws.cell(baris["IK-10"], kol["Realisasi"], "tiga")         # IK-10 is verified and text
    buf = io.BytesIO()
    wb.save(buf)
    with _koneksi(str(db_file)).cursor() as cur:
        irban3 = pelaku(cur, "irban3")
        df = isian.daftar_isian(cur, irban3, 2025)
        hasil = excel.baca_isian_xlsx(buf.getvalue(), df, tahun=2025)
        assert not hasil.ok and {k.baris for k in hasil.kesalahan} == {baris["IK-10"]}
        ws.cell(baris["IK-10"], kol["Realisasi"]).value = None
        buf = io.BytesIO()
        wb.save(buf)
        hasil = excel.baca_isian_xlsx(buf.getvalue(), df, tahun=2025)
        assert hasil.ok and [b.kode for b in hasil.baris] == ["IK-06"]
        assert isian.impor_isian(cur, irban3, 2025, hasil.baris) == 1
    assert _q(db_file, "SELECT r.nilai, r.kendala FROM realisasi r JOIN indikator i ON"
              " i.id = r.indikator_id WHERE i.kode = 'IK-06' AND r.tahun = 2025") == [(8.0, None)]
