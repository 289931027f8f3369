"""AppTest of the Dasbor per role, with demo data and with a year that has no data yet."""

from __future__ import annotations

import pytest

from apptest_util import app, teks

GRAFIK_KINERJA = ["Target vs realisasi", "Capaian per indikator",
                  "Capaian per sasaran strategis", "Tren selama Renstra",
                  "Anggaran: pagu, realisasi, serapan dan capaian", "Kemajuan isian per unit"]
GRAFIK_SOP = ["Ketepatan waktu SOP", "Waktu siklus per tahun"]


@pytest.mark.parametrize("user,judul", [
    ("inspektur", GRAFIK_KINERJA + GRAFIK_SOP), ("sekretaris", GRAFIK_KINERJA + GRAFIK_SOP),
    ("kasubag", GRAFIK_KINERJA + GRAFIK_SOP), ("admin", GRAFIK_KINERJA + GRAFIK_SOP),
    ("irban3", GRAFIK_KINERJA), ("staf", GRAFIK_SOP)])
def test_dasbor_per_peran(user, judul):
    at = app(user, "dasbor")
    assert not at.exception
    assert [s.value for s in at.subheader] == judul
    # Every section draws its chart, except the SOP Gantt: the 2025 cycle is not open yet.
    tanpa_gantt = 1 if "Ketepatan waktu SOP" in judul else 0
    assert len(at.get("vega_lite_chart")) == len(judul) - tanpa_gantt
    # one "Lihat tabel" per chart, plus the switch to figures in progress where data shows
    tabel = [t for t in at.toggle if t.key != "dasbor_proses"]
    assert len(tabel) == len(judul) - tanpa_gantt
    assert any(t.key == "dasbor_proses" for t in at.toggle) == (user != "staf")
    assert at.toggle(key="dasbor_proses").value is False if user != "staf" else True


def test_angka_utama_dan_filter_unit():
    at = app("inspektur", "dasbor")
    metrik = {m.label: m.value for m in at.metric}
    # official figures: the 3 entries of 2025 not yet verified are not counted
    assert metrik["Indikator dengan data"] == "7 / 10"
    from lkj_app.state import _koneksi
    import os
    from conftest import pelaku
    from lkj_core import isian
    from lkj_core.angka import format_persen
    with _koneksi(os.environ["LKJ_DB"]).cursor() as cur:
        irban3 = cur.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN3'").fetchone()[0]
        df = isian.daftar_isian(cur, pelaku(cur, "inspektur"), 2025, resmi=True)
    assert metrik["Rata-rata capaian"] == format_persen(float(df["capaian"].mean()))
    assert "Sangat Tinggi: **" in teks(at)
    at.selectbox(key="dasbor_unit").set_value(irban3).run()
    assert {m.label: m.value for m in at.metric}["Indikator dengan data"] == "1 / 2"


def test_bidang_hanya_melihat_unitnya():
    at = app("irban3", "dasbor")
    assert {m.label: m.value for m in at.metric}["Indikator dengan data"] == "1 / 2"
    assert not [s for s in at.selectbox if s.label == "Unit"]
    assert "Unit: **Inspektur Pembantu Wilayah III**" in teks(at)


def test_tahun_tanpa_data_memberi_petunjuk():
    at = app("inspektur", "dasbor")
    at.selectbox(key="dasbor_tahun").set_value(2026).run()
    assert not at.exception
    assert "Belum ada realisasi tahun 2026" in teks(at)
    assert "Siklus SOP tahun 2026 belum dibuka" in teks(at)
    assert {m.label: m.value for m in at.metric}["Indikator dengan data"] == "0 / 10"


def test_lihat_tabel_menampilkan_angka_yang_sama():
    at = app("inspektur", "dasbor")
    at.toggle(key="tabel_capaian_indikator").set_value(True).run()
    tabel = at.dataframe[0].value
    # IK-10 (verified) shows its capaian; IK-06 (a draft, 71,43 % if counted) does not
    assert len(tabel) == 10 and any("93,85" in str(v) for v in tabel.astype(str).values.ravel())
    assert not any("71,43" in str(v) for v in tabel.astype(str).values.ravel())


def test_angka_resmi_bawaan_lalu_angka_dalam_proses_bertanda_status():
    at = app("kasubag", "dasbor")
    assert "Angka resmi: hanya realisasi yang sudah diverifikasi" in " ".join(
        c.value for c in at.caption)
    assert "3 dari 10 indikator belum diverifikasi" in " ".join(c.value for c in at.caption)
    at.toggle(key="dasbor_proses").set_value(True).run()
    assert not at.exception
    tabel = at.dataframe[0].value
    assert set(tabel["Status"]) == {"Diajukan", "Draf"} and len(tabel) == 3
    assert "68,55" in tabel["Realisasi"].tolist()     # IK-03's submitted value, marked so
