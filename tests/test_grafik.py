"""Charts of the Dasbor and the report: inspect the Vega-Lite dicts, render each spec once,
and print the report's charts with fpdf2 the way the PDF does."""

from __future__ import annotations

import functools
import math
import struct
from datetime import datetime

import pandas as pd
import pytest

from lkj_core import grafik
from lkj_core.capaian import SKALA_BAKU

NaN = float("nan")
HARI_INI = datetime(2024, 3, 10, 9, 0)


# ------------------------------------------------------------------ fixtures


@pytest.fixture(autouse=True)
def db_file(tmp_path, monkeypatch):
    """Overrides conftest's: charts need no database, so skip seeding/copying the demo one."""
    path = tmp_path / "lkj.duckdb"
    # Still point LKJ_DB away from data/, as every test must.
    monkeypatch.setenv("LKJ_DB", str(path))
    return path



def _indikator() -> pd.DataFrame:
    # Deliberately unsorted, with a natural-sort trap (IK.1.10 vs IK.1.2), an n/a row,
    # a rentang target and a negatif indicator.
    return pd.DataFrame({
        "kode": ["IK.1.10", "IK.2.1", "IK.1.2", "IK.2.2", "IK.1.1"],
        "nama": ["Persentase temuan yang ditindaklanjuti tepat waktu oleh seluruh auditi terkait",
                 "Jumlah kasus", "Indeks kepuasan", "Nilai SAKIP", "Opini BPK"],
        "kode_sasaran": ["S.1", "S.2", "S.1", "S.2", "S.1"],
        "sasaran": ["Akuntabilitas", "Kasus", "Akuntabilitas", "Kasus", "Akuntabilitas"],
        "satuan": ["%", "kasus", "indeks", "nilai", "opini"],
        "polaritas": ["positif", "negatif", "positif", "rentang", "positif"],
        "target": [90.0, 10.0, 80.0, 70.0, 4.0],
        "target_atas": [NaN, NaN, NaN, 80.0, NaN],
        "realisasi": [86.82, 12.0, NaN, 75.0, 4.0],
        "capaian": [96.4666, 80.0, NaN, 100.0, 100.0],
        "kategori": ["Sangat Tinggi", "Tinggi", None, "Sangat Tinggi", None],
    })


def _sasaran() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_sasaran": ["S.2", "S.1", "S.3"], "sasaran": ["Kasus", "Akuntabilitas", "Baru"],
        "capaian": [60.0, 98.2, NaN], "jumlah": [2, 2, 0], "kategori": ["Rendah", "Sangat Tinggi", None],
    })


def _tren() -> pd.DataFrame:
    return pd.DataFrame({
        "kode": ["IK.1"] * 3 + ["IK.2"] * 3,
        "nama": ["Indeks kepuasan"] * 3 + ["Jumlah kasus"] * 3,
        "tahun": [2022, 2023, 2024] * 2,
        "realisasi": [70.0, NaN, 82.0, 15.0, 13.0, 12.0],
        "target": [72.0, 74.0, 76.0, 14.0, 13.0, 12.0],
        "target_atas": [NaN] * 6,
        "capaian": [97.2, NaN, 107.9, 93.0, 100.0, 100.0],
        "target_akhir": [80.0] * 3 + [10.0] * 3,
        "standar_nasional": [75.0] * 3 + [NaN] * 3,
    })


def _anggaran() -> pd.DataFrame:
    return pd.DataFrame({
        "kode": ["P.02", "P.01"], "uraian": ["Dukungan manajemen", "Pengawasan"],
        "unit": ["Sekretariat", "Irban I"],
        "pagu": [3_400_000_000.0, 1_250_000_000.0], "realisasi": [NaN, 1_100_000_000.0],
        "serapan": [NaN, 88.0], "capaian_unit": [NaN, 96.5],
    })


def _sop() -> pd.DataFrame:
    T = pd.Timestamp
    return pd.DataFrame({
        "no": [3, 1, 2, 4],
        "uraian": ["Pengesahan", "Menyusun renja", "Verifikasi", "Publikasi"],
        "pelaksana_label": ["Inspektur", "Kasubag", "Inspektur", "Admin"],
        "mulai": [T("2024-03-08 08:00"), T("2024-03-01 08:00"), T("2024-03-04 08:00"), pd.NaT],
        "selesai": [pd.NaT, T("2024-03-03 12:00"), T("2024-03-08 08:00"), pd.NaT],
        # Step 3 is running and already past its deadline at HARI_INI.
        "tenggat": [T("2024-03-09 16:00"), T("2024-03-04 16:00"), T("2024-03-06 16:00"), pd.NaT],
        "status": ["berjalan", "selesai", "selesai", "belum"],
        "terlambat": [None, False, True, None],
        "ketepatan": ["berjalan", "lebih cepat 1 hari", "terlambat 2 hari", "-"],
    })


def _sop_tahun() -> pd.DataFrame:
    return pd.DataFrame({
        "tahun": [2024, 2023], "baku_menit": [4800.0, 4800.0], "aktual_menit": [NaN, 5100.0],
        "baku_hari": [10.0, 10.0], "aktual_hari": [NaN, 10.63], "terlambat": [0, 2],
    })


def _progres() -> pd.DataFrame:
    return pd.DataFrame({
        "unit": ["Irban I", "Sekretariat"], "belum": [2, 5], "draft": [1, 0], "diajukan": [4, 0],
        "diverifikasi": [3, 0], "dikembalikan": [1, 0],
    })


# ------------------------------------------------------------------ helpers


def _unit(spec: dict) -> list[dict]:
    """All unit specs (those with a mark) inside a layer/concat/facet spec."""
    if "mark" in spec:
        return [spec]
    hasil = []
    for kunci in ("layer", "hconcat", "vconcat", "concat"):
        for anak in spec.get(kunci, []):
            hasil += _unit(anak)
    if "spec" in spec:
        hasil += _unit(spec["spec"])
    return hasil


def _jenis(u: dict) -> str:
    return u["mark"] if isinstance(u["mark"], str) else u["mark"]["type"]


def _data(d: dict, u: dict) -> list[dict]:
    # Altair hoists data shared by every layer to the top.
    return d["datasets"][u.get("data", d.get("data"))["name"]]


def _cari(d: dict, jenis: str, **syarat) -> list[dict]:
    return [u for u in _unit(d) if _jenis(u) == jenis
            and all(u["encoding"].get(k, {}).get("field") == v for k, v in syarat.items())]


def _semua_judul(d: dict) -> list[str]:
    """Every axis/legend/tooltip title set anywhere in the spec."""
    judul = []

    def jalan(x):
        if isinstance(x, dict):
            if isinstance(x.get("title"), str):
                judul.append(x["title"])
            for v in x.values():
                jalan(v)
        elif isinstance(x, list):
            for v in x:
                jalan(v)

    jalan({k: v for k, v in d.items() if k != "datasets"})
    return judul


def _tooltip_judul(u: dict) -> list[str]:
    return [t["title"] for t in u["encoding"]["tooltip"]]


@functools.cache
def _spesifikasi() -> dict[str, dict]:
    """Each sample chart's dict, built once: the per-chart checks only read it."""
    # validate=False: schema validation is slow and test_every_spec_renders covers it.
    return {nama: chart.to_dict(validate=False) for nama, chart in _semua_grafik().items()}


def _semua_grafik():
    return {
        "target_vs_realisasi": grafik.target_vs_realisasi(_indikator()),
        "capaian_indikator": grafik.capaian_indikator(_indikator(), SKALA_BAKU),
        "capaian_sasaran": grafik.capaian_sasaran(_sasaran(), SKALA_BAKU),
        "tren": grafik.tren(_tren()),
        "anggaran": grafik.anggaran(_anggaran()),
        "gantt_sop": grafik.gantt_sop(_sop(), HARI_INI),
        "sop_per_tahun": grafik.sop_per_tahun(_sop_tahun()),
        "progres_unit": grafik.progres_unit(_progres()),
    }


# ------------------------------------------------------------------ common


def test_palet_default_uses_the_five_given_colours_in_scale_order():
    domain, warna = grafik.palet_kategori(SKALA_BAKU)
    assert domain == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah", "n/a"]
    assert warna == ["#1a4e8a", "#4a89c8", "#9cc3e6", "#f0a04b", "#b2182b", "#9e9e9e"]


def test_palet_maps_a_configured_scale_by_position():
    skala = ((80.0, "Baik"), (60.0, "Cukup"), (float("-inf"), "Kurang"))
    domain, warna = grafik.palet_kategori(skala)
    assert domain == ["Baik", "Cukup", "Kurang", "n/a"]
    # Best keeps the darkest blue, worst the dark red, middle the light tone.
    assert warna == ["#1a4e8a", "#9cc3e6", "#b2182b", "#9e9e9e"]
    domain7, warna7 = grafik.palet_kategori([(float(90 - i), f"K{i}") for i in range(6)]
                                            + [(float("-inf"), "K6")])
    assert len(set(warna7[:-1])) == 7 and warna7[-1] == "#9e9e9e"


def test_every_chart_carries_the_indonesian_number_locale():
    for nama, d in _spesifikasi().items():
        assert d["config"]["locale"]["number"] == grafik.LOKAL_ID, nama
        assert d["config"]["locale"]["time"]["shortMonths"][4] == "Mei", nama


def test_titles_are_explicit_not_field_names():
    # Without an explicit title Vega-Lite would show the raw field name ("capaian", "label").
    for nama, d in _spesifikasi().items():
        unit = _unit(d)
        medan = set()
        for kanal in ("x", "y", "color", "strokeDash"):
            dipakai = [u["encoding"][kanal] for u in unit if "field" in u["encoding"].get(kanal, {})]
            medan |= {e["field"] for e in dipakai}
            if dipakai:
                assert any("title" in e for e in dipakai), (nama, kanal)
        for u in unit:
            tooltip = u["encoding"].get("tooltip", [])
            for t in tooltip if isinstance(tooltip, list) else []:
                assert t.get("title"), (nama, t)
                medan.add(t["field"])
        judul = _semua_judul(d)
        assert judul, nama
        assert not medan & set(judul), nama


def test_empty_frame_gives_a_belum_ada_data_chart():
    kosong = pd.DataFrame()
    for chart in (grafik.target_vs_realisasi(kosong), grafik.capaian_indikator(kosong, SKALA_BAKU),
                  grafik.capaian_sasaran(kosong, SKALA_BAKU), grafik.tren(kosong), grafik.anggaran(kosong),
                  grafik.gantt_sop(kosong, HARI_INI), grafik.sop_per_tahun(kosong),
                  grafik.progres_unit(None)):
        d = chart.to_dict(validate=False)
        assert d["mark"]["type"] == "text"
        assert d["datasets"][d["data"]["name"]] == [{"pesan": "Belum ada data"}]


def test_every_spec_renders():
    try:
        import vl_convert as vlc
    except ImportError:  # pragma: no cover - depends on the environment
        vlc = None
    grafik_semua = list(_semua_grafik().values()) + [grafik.progres_unit(pd.DataFrame())]
    for chart in grafik_semua:
        d = chart.to_dict(validate=True)
        if vlc is not None:
            png = vlc.vegalite_to_png(d, scale=1)
            assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000


# ------------------------------------------------------ 1. target vs realisasi


def test_target_vs_realisasi_bars_are_percent_of_target_and_skip_na():
    d = _spesifikasi()["target_vs_realisasi"]
    [batang] = _cari(d, "bar", x="realisasi_persen")
    assert batang["encoding"]["x"]["title"] == "Realisasi terhadap target (%)"
    baris = {r["kode"]: r for r in _data(d, batang)}
    assert "IK.1.2" not in baris  # no realisasi: never drawn as 0
    assert math.isclose(baris["IK.1.10"]["realisasi_persen"], 86.82 / 90 * 100)
    assert math.isclose(baris["IK.2.1"]["realisasi_persen"], 120.0)

    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert [(r["kode"], r["keterangan"]) for r in _data(d, na)] == [("IK.1.2", "n/a")]
    # The n/a row still has a y slot, in sasaran-then-kode (natural) order.
    urutan = batang["encoding"]["y"]["sort"]
    assert [u.split(" — ")[0] for u in urutan] == ["IK.1.1", "IK.1.2", "IK.1.10", "IK.2.1", "IK.2.2"]
    assert batang["encoding"]["y"]["scale"]["domain"] == urutan
    # Long names are cut to ~60 characters so the label column stays readable.
    assert len(urutan[2]) == 60 and urutan[2].endswith("…")


def test_target_vs_realisasi_marks_the_target_and_the_rentang_band():
    d = _spesifikasi()["target_vs_realisasi"]
    assert any(u["encoding"]["x"].get("datum") == 100 for u in _cari(d, "rule"))
    [tick] = _cari(d, "tick")
    assert tick["encoding"]["x"] == {"datum": 100}
    [pita] = _cari(d, "bar", x="target_persen")
    [rentang] = _data(d, pita)
    assert rentang["kode"] == "IK.2.2"
    assert math.isclose(rentang["target_atas_persen"], 80 / 70 * 100)


def test_target_vs_realisasi_tooltip_is_formatted_indonesian():
    d = _spesifikasi()["target_vs_realisasi"]
    [batang] = _cari(d, "bar", x="realisasi_persen")
    assert _tooltip_judul(batang) == ["Kode", "Indikator", "Sasaran", "Satuan", "Polaritas",
                                      "Target", "Realisasi", "Capaian"]
    baris = {r["kode"]: r for r in _data(d, batang)}
    assert baris["IK.1.10"]["capaian_teks"] == "96,47 %"
    assert baris["IK.1.10"]["realisasi_teks"] == "86,82"
    assert baris["IK.2.2"]["target_teks"] == "70 – 80"
    assert baris["IK.2.1"]["polaritas_teks"].startswith("Negatif")
    assert baris["IK.2.1"]["status"] == "Di bawah target"
    assert baris["IK.1.1"]["status"] == "Memenuhi target"
    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert _data(d, na)[0]["capaian_teks"] == "n/a"


def test_target_vs_realisasi_cannot_normalise_a_zero_target():
    df = _indikator()
    df.loc[df["kode"] == "IK.1.1", "target"] = 0.0
    d = grafik.target_vs_realisasi(df).to_dict()
    [batang] = _cari(d, "bar", x="realisasi_persen")
    assert "IK.1.1" not in {r["kode"] for r in _data(d, batang)}
    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert {r["kode"]: r["keterangan"] for r in _data(d, na)}["IK.1.1"] == "n/a (target ≤ 0)"


# ------------------------------------------------------------ 2./3. capaian


def test_capaian_indikator_colours_follow_the_scale_and_skip_na():
    d = _spesifikasi()["capaian_indikator"]
    [batang] = _cari(d, "bar", x="capaian")
    warna = batang["encoding"]["color"]
    assert warna["field"] == "kategori" and warna["title"] == "Kategori"
    assert warna["scale"]["domain"] == [lb for _, lb in SKALA_BAKU] + ["n/a"]
    assert warna["scale"]["range"][0] == "#1a4e8a" and warna["scale"]["range"][-1] == "#9e9e9e"
    baris = {r["kode"]: r for r in _data(d, batang)}
    assert set(baris) == {"IK.1.1", "IK.1.10", "IK.2.1", "IK.2.2"}
    # A missing kategori is recomputed from capaian with the given scale.
    assert baris["IK.1.1"]["kategori"] == "Sangat Tinggi"
    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert [(r["kode"], r["keterangan"], r["kategori"]) for r in _data(d, na)] == [("IK.1.2", "n/a", "n/a")]
    assert batang["encoding"]["y"]["title"] is None   # long labels: the heading names the axis
    assert batang["encoding"]["y"]["sort"][1] == "IK.1.2 — Indeks kepuasan"


def test_capaian_indikator_has_a_target_100_rule():
    d = _spesifikasi()["capaian_indikator"]
    [aturan] = _cari(d, "rule")
    assert aturan["encoding"]["x"] == {"datum": 100}
    assert any(u["encoding"].get("text") == {"datum": "Target 100 %"} for u in _cari(d, "text"))


def test_capaian_indikator_with_a_configured_scale():
    skala = ((85.0, "Baik"), (float("-inf"), "Perlu perbaikan"))
    df = _indikator().assign(kategori=None)
    d = grafik.capaian_indikator(df, skala).to_dict()
    [batang] = _cari(d, "bar", x="capaian")
    assert batang["encoding"]["color"]["scale"]["domain"] == ["Baik", "Perlu perbaikan", "n/a"]
    assert batang["encoding"]["color"]["scale"]["range"] == ["#1a4e8a", "#b2182b", "#9e9e9e"]
    kat = {r["kode"]: r["kategori"] for r in _data(d, batang)}
    assert kat == {"IK.1.1": "Baik", "IK.1.10": "Baik", "IK.2.1": "Perlu perbaikan", "IK.2.2": "Baik"}


def test_capaian_indikator_only_na_rows_still_builds():
    df = _indikator().assign(capaian=NaN, kategori=None)
    d = grafik.capaian_indikator(df, SKALA_BAKU).to_dict(validate=True)
    assert not _cari(d, "bar")
    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert len(_data(d, na)) == 5


def test_capaian_sasaran_bars_rule_and_na():
    d = _spesifikasi()["capaian_sasaran"]
    [batang] = _cari(d, "bar", x="capaian")
    assert [r["kode_sasaran"] for r in _data(d, batang)] == ["S.1", "S.2"]
    assert batang["encoding"]["color"]["scale"]["domain"][-1] == "n/a"
    assert "Indikator berdata" in _tooltip_judul(batang)
    assert {r["kode_sasaran"]: r["capaian_teks"] for r in _data(d, batang)}["S.1"] == "98,20 %"
    [na] = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert [r["kode_sasaran"] for r in _data(d, na)] == ["S.3"]
    assert _cari(d, "rule")[0]["encoding"]["x"] == {"datum": 100}


# ------------------------------------------------------------------ 4. tren


def test_tren_is_three_column_small_multiples_with_independent_y():
    d = _spesifikasi()["tren"]
    assert d["columns"] == 3
    assert d["facet"]["field"] == "label"
    assert d["resolve"]["scale"]["y"] == "independent"
    assert d["spec"]["width"] <= 250


def test_tren_keeps_missing_years_as_gaps_not_zero():
    d = _spesifikasi()["tren"]
    data = d["datasets"][d["data"]["name"]]
    realisasi = {(r["kode"], r["tahun"]): r["nilai"] for r in data if r["seri"] == "Realisasi"}
    assert realisasi[("IK.1", 2023)] is None
    assert realisasi[("IK.1", 2022)] == 70.0
    assert all(type(tahun) is int for _, tahun in realisasi)  # 2022, never 2022.0
    [garis] = _cari(d, "line")
    # "filter" would join 2022 to 2024 across the missing year.
    assert garis["mark"].get("invalid") != "filter"
    assert garis["encoding"]["strokeDash"]["field"] == "seri"


def test_tren_reference_rules_and_legend():
    d = _spesifikasi()["tren"]
    data = d["datasets"][d["data"]["name"]]
    acuan = sorted((r["kode"], r["seri"], r["nilai"]) for r in data if r["tahun"] is None)
    # Standar nasional only where set; one row per indicator so each facet gets one rule.
    assert acuan == [("IK.1", "Standar nasional", 75.0), ("IK.1", "Target akhir Renstra", 80.0),
                     ("IK.2", "Target akhir Renstra", 10.0)]
    [aturan] = _cari(d, "rule")
    assert "y" in aturan["encoding"] and "x" not in aturan["encoding"]
    [garis] = _cari(d, "line")
    assert garis["encoding"]["color"]["scale"]["domain"] == [
        "Realisasi", "Target", "Target akhir Renstra", "Standar nasional"]
    assert garis["encoding"]["x"] == {"field": "tahun", "type": "ordinal", "title": "Tahun",
                                      "axis": {"labelAngle": 0}}


def test_tren_without_standar_nasional_omits_it_from_the_legend():
    df = _tren().assign(standar_nasional=NaN)
    d = grafik.tren(df).to_dict()
    [garis] = _cari(d, "line")
    assert "Standar nasional" not in garis["encoding"]["color"]["scale"]["domain"]


def test_tren_rentang_target_adds_an_upper_bound_line():
    df = _tren()
    df.loc[df["kode"] == "IK.1", "target_atas"] = [80.0, 82.0, 84.0]
    d = grafik.tren(df).to_dict(validate=False)
    data = d["datasets"][d["data"]["name"]]
    assert [(r["tahun"], r["nilai"]) for r in data if r["seri"] == "Target atas"] == [
        (2022, 80.0), (2023, 82.0), (2024, 84.0)]
    [garis] = _cari(d, "line")
    assert "Target atas" in garis["encoding"]["color"]["scale"]["domain"]


# --------------------------------------------------------------- 5. anggaran


def test_anggaran_pagu_realisasi_in_millions_and_efficiency_panel():
    d = _spesifikasi()["anggaran"]
    assert len(d["hconcat"]) == 2
    [rp] = _cari(d, "bar", x="juta")
    assert rp["encoding"]["x"]["title"] == "Rupiah (juta)"
    baris = {(r["kode"], r["jenis"]): r for r in _data(d, rp)}
    assert baris[("P.01", "Pagu")]["juta"] == 1250.0
    assert baris[("P.01", "Pagu")]["nilai_teks"] == "Rp 1.250.000.000"
    assert ("P.02", "Realisasi") not in baris  # missing realisasi is not a zero bar
    assert rp["encoding"]["y"]["sort"] == ["P.01 — Pengawasan", "P.02 — Dukungan manajemen"]

    [persen] = _cari(d, "bar", x="nilai")
    assert {(r["kode"], r["jenis"]) for r in _data(d, persen)} == {
        ("P.01", "Serapan anggaran"), ("P.01", "Capaian kinerja unit")}
    assert persen["encoding"]["color"]["scale"]["domain"] == ["Serapan anggaran", "Capaian kinerja unit"]
    na = [r for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"
          for r in _data(d, u)]
    assert {(r["kode"], r["keterangan"]) for r in na} == {("P.02", "Realisasi: n/a"), ("P.02", "n/a")}
    assert any(u["encoding"]["x"].get("datum") == 100 for u in _cari(d, "rule"))


# ------------------------------------------------------------------ 6. gantt


def test_gantt_hari_ini_rule_and_not_started_step():
    d = _spesifikasi()["gantt_sop"]
    [aturan] = _cari(d, "rule")
    assert aturan["encoding"]["x"]["datum"] == {"year": 2024, "month": 3, "date": 10,
                                               "hours": 9, "minutes": 0, "seconds": 0}
    assert aturan["encoding"]["x"]["type"] == "temporal"
    assert any(u["encoding"].get("text") == {"datum": "Hari ini"} for u in _cari(d, "text"))
    belum = [u for u in _cari(d, "text") if u["encoding"].get("text", {}).get("field") == "keterangan"]
    assert [(r["no"], r["keterangan"]) for u in belum for r in _data(d, u)] == [(4, "Belum dimulai")]
    for u in _cari(d, "bar"):
        assert 4 not in {r["no"] for r in _data(d, u)}
    assert _cari(d, "bar")[0]["encoding"]["y"]["sort"] == [
        "1. Menyusun renja", "2. Verifikasi", "3. Pengesahan", "4. Publikasi"]


def test_gantt_standard_and_actual_bars_coloured_by_lateness():
    d = _spesifikasi()["gantt_sop"]
    [baku] = _cari(d, "bar", x2="tenggat")
    [aktual] = _cari(d, "bar", x2="akhir")
    warna = aktual["encoding"]["color"]["scale"]
    assert dict(zip(warna["domain"], warna["range"])) == {
        "Waktu baku": "#d9d9d9", "Tepat waktu": "#1a4e8a", "Terlambat": "#b2182b"}
    assert {r["no"] for r in _data(d, baku)} == {1, 2, 3}
    assert {r["ketepatan_warna"] for r in _data(d, baku)} == {"Waktu baku"}
    baris = {r["no"]: r for r in _data(d, aktual)}
    assert baris[1]["ketepatan_warna"] == "Tepat waktu"
    assert baris[2]["ketepatan_warna"] == "Terlambat"
    # Running step: drawn up to today and judged against its deadline so far.
    assert pd.Timestamp(baris[3]["akhir"]) == pd.Timestamp(HARI_INI)
    assert baris[3]["ketepatan_warna"] == "Terlambat"
    assert baris[3]["status_teks"] == "Berjalan"
    assert baris[2]["selesai_teks"] == "08 Mar 2024 08.00"
    assert "Batas waktu baku" in _tooltip_judul(aktual)


def test_gantt_running_step_before_deadline_is_on_time():
    df = _sop()
    df.loc[df["no"] == 3, "tenggat"] = pd.Timestamp("2024-03-12 16:00")
    d = grafik.gantt_sop(df, HARI_INI).to_dict()
    [aktual] = _cari(d, "bar", x2="akhir")
    assert {r["no"]: r["ketepatan_warna"] for r in _data(d, aktual)}[3] == "Tepat waktu"


# ------------------------------------------------------------ 7. SOP per tahun


def test_sop_per_tahun_two_panels_grouped_with_late_count():
    d = _spesifikasi()["sop_per_tahun"]
    assert len(d["hconcat"]) == 2
    batang = _cari(d, "bar")
    assert [b["encoding"]["y"]["title"] for b in batang] == ["Menit", "Hari kerja"]
    for b in batang:
        assert b["encoding"]["xOffset"]["field"] == "jenis"
        assert b["encoding"]["x"]["scale"]["domain"] == [2023, 2024]
        assert "Langkah terlambat" in _tooltip_judul(b)
        # 2024 has no measurement: only its standard bar is drawn.
        assert {(r["tahun"], r["jenis"]) for r in _data(d, b)} == {
            (2023, "Waktu baku"), (2023, "Waktu aktual"), (2024, "Waktu baku")}
    menit = {(r["tahun"], r["jenis"]): r for r in _data(d, batang[0])}
    assert menit[(2023, "Waktu aktual")]["nilai_teks"] == "5.100 menit"
    assert menit[(2023, "Waktu aktual")]["terlambat_teks"] == "2"
    na = [r for u in _cari(d, "text") for r in _data(d, u)]
    assert {(r["tahun"], r["nilai_teks"]) for r in na} == {(2024, "n/a")}


# ------------------------------------------------------------ 8. progres unit


def test_progres_unit_stacks_in_workflow_order():
    d = _spesifikasi()["progres_unit"]
    assert d["mark"]["type"] == "bar"
    warna = d["encoding"]["color"]
    assert warna["scale"]["domain"] == ["Belum diisi", "Draf", "Diajukan", "Dikembalikan", "Terverifikasi"]
    assert len(set(warna["scale"]["range"])) == 5
    assert d["encoding"]["order"]["field"] == "urut"
    assert d["encoding"]["x"]["title"] == "Jumlah indikator"
    data = d["datasets"][d["data"]["name"]]
    irban = {r["status"]: r for r in data if r["unit"] == "Irban I"}
    assert irban["Terverifikasi"]["jumlah"] == 3 and irban["Terverifikasi"]["urut"] == 4
    assert irban["Dikembalikan"]["urut"] == 3
    assert irban["Belum diisi"]["persen_teks"] == "18,2 %"
    # Zero counts make no segment.
    assert {r["status"] for r in data if r["unit"] == "Sekretariat"} == {"Belum diisi"}


# ------------------------------------------------------------ companion tables


def test_companion_tables_have_indonesian_headers_and_numbers():
    t = grafik.tabel_target_vs_realisasi(_indikator())
    assert list(t["Kode"]) == ["IK.1.1", "IK.1.2", "IK.1.10", "IK.2.1", "IK.2.2"]
    assert t.set_index("Kode").loc["IK.1.2", "Capaian"] == "n/a"
    assert grafik.tabel_capaian_sasaran(_sasaran(), SKALA_BAKU)["Kategori"].tolist() == [
        "Sangat Tinggi", "Rendah", "n/a"]
    assert grafik.tabel_tren(_tren())["Standar Nasional"].tolist()[-1] == "—"
    assert grafik.tabel_anggaran(_anggaran())["Pagu"].tolist() == ["Rp 1.250.000.000", "Rp 3.400.000.000"]
    assert grafik.tabel_gantt_sop(_sop(), HARI_INI)["No."].tolist() == [1, 2, 3, 4]
    assert grafik.tabel_sop_per_tahun(_sop_tahun())["Tahun"].tolist() == [2023, 2024]
    assert list(grafik.tabel_progres_unit(_progres()).columns) == [
        "Unit", "Belum diisi", "Draf", "Diajukan", "Dikembalikan", "Terverifikasi"]
    assert grafik.tabel_capaian_indikator(pd.DataFrame(), SKALA_BAKU).empty


def test_module_does_not_import_streamlit():
    import ast
    import inspect

    pohon = ast.parse(inspect.getsource(grafik))
    nama = {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    nama |= {n.module for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom) and n.module}
    assert not any(m.split(".")[0] == "streamlit" for m in nama)


def test_chart_module_moved_to_lkj_core_without_a_shim():
    import importlib.util

    assert importlib.util.find_spec("lkj_app.grafik") is None


# ------------------------------------------------------------ outliers
# An index of 3 typed as 300000 gives a capaian of millions of percent: it must neither
# flatten every other bar nor make the renderer allocate an absurd canvas.


def _indikator_luar() -> pd.DataFrame:
    df = _indikator()
    df.loc[df["kode"] == "IK.1.1", ["realisasi", "capaian"]] = [300000.0, 7_500_000.0]
    df.loc[df["kode"] == "IK.2.1", "realisasi"] = -40.0  # below zero: clipped to 0
    return df


def _tren_luar() -> pd.DataFrame:
    df = _tren()
    df.loc[(df["kode"] == "IK.1") & (df["tahun"] == 2024), ["realisasi", "capaian"]] = [
        8_200_000.0, 1e7]
    return df


def _anggaran_luar() -> pd.DataFrame:
    df = _anggaran()
    df.loc[df["kode"] == "P.01", ["realisasi", "serapan", "capaian_unit"]] = [9e12, 720000.0, 1e7]
    return df


def _tanda_lewat(d: dict, kunci: str = "kode") -> dict[str, str]:
    """Clipped rows' markers: {row key: "> 200 %" | "< 0 %"}, checking they are red."""
    hasil = {}
    for u in _cari(d, "text"):
        if u["encoding"].get("text", {}).get("field") == "lewat_teks":
            assert u["mark"]["color"] == "#b2182b"
            hasil.update({r[kunci]: r["lewat_teks"] for r in _data(d, u)})
    return hasil


def test_capaian_indikator_clips_an_absurd_capaian_and_marks_it():
    d = grafik.capaian_indikator(_indikator_luar(), SKALA_BAKU).to_dict(validate=False)
    [batang] = _cari(d, "bar", x="capaian")
    baris = {r["kode"]: r for r in _data(d, batang)}
    assert baris["IK.1.1"]["capaian"] == grafik.BATAS_CAPAIAN
    assert baris["IK.1.1"]["capaian_teks"] == "7.500.000,00 %"  # the tooltip keeps the real value
    assert baris["IK.1.10"]["capaian"] == pytest.approx(96.4666)  # the others are untouched
    assert batang["encoding"]["x"]["scale"]["domain"] == [0, 230]
    assert _tanda_lewat(d) == {"IK.1.1": "> 200 %"}
    # The marker replaces the clipped bar's value label.
    [nilai] = [u for u in _cari(d, "text") if u["encoding"]["text"].get("field") == "capaian_teks"]
    assert "IK.1.1" not in {r["kode"] for r in _data(d, nilai)}
    assert grafik.tabel_capaian_indikator(_indikator_luar(), SKALA_BAKU).set_index(
        "Kode").loc["IK.1.1", "Capaian"] == "7.500.000,00 %"


def test_capaian_sasaran_clips_and_an_infinite_capaian_still_builds():
    sas = _sasaran()
    sas.loc[sas["kode_sasaran"] == "S.1", "capaian"] = 3_750_000.0
    sas.loc[sas["kode_sasaran"] == "S.2", "capaian"] = float("inf")  # hitung_capaian can overflow
    d = grafik.capaian_sasaran(sas, SKALA_BAKU).to_dict(validate=False)
    [batang] = _cari(d, "bar", x="capaian")
    assert {r["kode_sasaran"]: r["capaian"] for r in _data(d, batang)} == {"S.1": 200.0, "S.2": 200.0}
    assert _tanda_lewat(d, "kode_sasaran") == {"S.1": "> 200 %", "S.2": "> 200 %"}
    assert {r["kode_sasaran"]: r["capaian_teks"] for r in _data(d, batang)}["S.2"] == "> 1.000.000 %"


def test_target_vs_realisasi_clips_both_ways():
    d = grafik.target_vs_realisasi(_indikator_luar()).to_dict(validate=False)
    [batang] = _cari(d, "bar", x="realisasi_persen")
    baris = {r["kode"]: r for r in _data(d, batang)}
    assert baris["IK.1.1"]["realisasi_persen"] == 200.0
    assert baris["IK.2.1"]["realisasi_persen"] == 0.0
    assert baris["IK.1.1"]["realisasi_teks"] == "300.000"
    assert batang["encoding"]["x"]["scale"]["domain"] == [0, 230]
    assert _tanda_lewat(d) == {"IK.1.1": "> 200 %", "IK.2.1": "< 0 %"}
    tabel = grafik.tabel_target_vs_realisasi(_indikator_luar()).set_index("Kode")
    assert tabel.loc["IK.1.1", "Realisasi thd Target"] == "7.500.000,00 %"


def test_tren_clips_realisasi_at_twice_the_largest_reference():
    d = grafik.tren(_tren_luar()).to_dict(validate=False)
    data = d["datasets"][d["data"]["name"]]
    [titik] = [r for r in data if r["kode"] == "IK.1" and r["tahun"] == 2024 and r["seri"] == "Realisasi"]
    # IK.1's largest reference is its end target 80: plotted at 160, the tooltip says 8.200.000.
    assert (titik["nilai"], titik["lewat"], titik["nilai_teks"]) == (160.0, "atas", "8.200.000")
    assert all(r["lewat"] == "" for r in data if r["kode"] == "IK.2")
    [segitiga] = [u for u in _cari(d, "point") if u["mark"].get("shape") == "triangle-up"]
    assert segitiga["mark"]["color"] == "#b2182b"


def test_anggaran_clips_percentages_and_a_realisasi_over_twice_its_pagu():
    d = grafik.anggaran(_anggaran_luar()).to_dict(validate=False)
    [persen] = _cari(d, "bar", x="nilai")
    assert {r["jenis"]: r["nilai"] for r in _data(d, persen) if r["kode"] == "P.01"} == {
        "Serapan anggaran": 200.0, "Capaian kinerja unit": 200.0}
    assert persen["encoding"]["x"]["scale"]["domain"][1] <= 260
    [rp] = _cari(d, "bar", x="juta")
    assert {r["jenis"]: r["juta"] for r in _data(d, rp) if r["kode"] == "P.01"} == {
        "Pagu": 1250.0, "Realisasi": 2500.0}
    tanda = [(r["kode"], r["jenis"], r["lewat_teks"]) for u in _cari(d, "text")
             if u["encoding"]["text"].get("field") == "lewat_teks" for r in _data(d, u)]
    assert sorted(tanda) == [("P.01", "Capaian kinerja unit", "> 200 %"),
                             ("P.01", "Realisasi", "> 2× pagu"),
                             ("P.01", "Serapan anggaran", "> 200 %")]


# ------------------------------------------------------------ report (PDF) charts


def _tren_laporan() -> pd.DataFrame:
    return pd.DataFrame({
        "tahun": [2022, 2023, 2024] * 3, "kode": ["IK-02"] * 3 + ["IK-01"] * 3 + ["IK-03"] * 3,
        "capaian": [90.0, 97.5, 105.0, 95.0, NaN, 99.25, 80.0, 1e7, -5.0]})


def _anggaran_laporan() -> pd.DataFrame:
    return pd.DataFrame({"kode": ["5.02.01", "5.01", "5.02.02"], "serapan": [80.0, 95.5, NaN],
                         "capaian_unit": [1e7, 101.25, 93.0]})


def _capaian_sasaran_laporan() -> pd.DataFrame:
    return pd.DataFrame({"kode": ["IK-02", "IK-01", "IK-03", "IK-04"],
                         "capaian": [1e7, 96.47, NaN, 55.0],
                         "kategori": ["Sangat Tinggi", "Sangat Tinggi", None, "Rendah"]})


_PER_KATEGORI = {"Sangat Tinggi": 7, "Tinggi": 3, "Sedang": 0, "Rendah": 1, "Sangat Rendah": 0}


def _grafik_laporan() -> dict:
    return {
        "tren": grafik.tren_laporan(_tren_laporan()),
        "anggaran": grafik.anggaran_laporan(_anggaran_laporan()),
        "kategori": grafik.kategori_laporan(_PER_KATEGORI, SKALA_BAKU, lebar_mm=90),
        "target_realisasi": grafik.target_realisasi_laporan(_capaian_sasaran_laporan(), SKALA_BAKU),
    }


def test_report_charts_use_the_bundled_font_indonesian_locale_and_print_width():
    assert grafik.FONT == "DejaVu Sans"
    assert (grafik.FOLDER_FONT / "DejaVuSans.ttf").is_file()
    for nama, chart in _grafik_laporan().items():
        d = chart.to_dict(validate=True)
        assert d["config"]["font"] == "DejaVu Sans", nama
        assert d["config"]["locale"]["number"] == grafik.LOKAL_ID, nama
        assert d["config"]["axis"]["labelFontSize"] >= 9, nama
        # Exactly the printed width in points, axes and legend included: 1 px prints as 1 pt.
        assert d["autosize"] == {"type": "fit-x", "contains": "padding"}, nama
        lebar_mm = 90 if nama == "kategori" else 166
        assert d["width"] == round(lebar_mm * 72 / 25.4), nama


@pytest.mark.parametrize("skala", [SKALA_BAKU, ((85.0, "Baik"), (60.0, "Cukup"),
                                                 (float("-inf"), "Kurang"))])
def test_report_category_colours_are_the_dasbor_colours(skala):
    dasbor = grafik.capaian_indikator(_indikator(), skala).to_dict(validate=False)
    [batang] = _cari(dasbor, "bar", x="capaian")
    warna_dasbor = batang["encoding"]["color"]["scale"]
    assert (warna_dasbor["domain"], warna_dasbor["range"]) == tuple(grafik.palet_kategori(skala))

    per_kategori = {lb: 1 for _, lb in skala}
    d = grafik.kategori_laporan(per_kategori, skala).to_dict(validate=False)
    [kat] = _cari(d, "bar")
    assert kat["encoding"]["color"]["scale"] == warna_dasbor
    d = grafik.target_realisasi_laporan(_capaian_sasaran_laporan().assign(kategori=None),
                                        skala).to_dict(validate=False)
    [tr] = _cari(d, "bar")
    assert tr["encoding"]["color"]["scale"] == warna_dasbor


def test_kategori_laporan_lists_every_category_in_scale_order():
    d = grafik.kategori_laporan(_PER_KATEGORI, SKALA_BAKU).to_dict(validate=False)
    [batang] = _cari(d, "bar")
    assert batang["encoding"]["y"]["sort"] == [lb for _, lb in SKALA_BAKU]  # n/a only when counted
    assert [(r["kategori"], r["jumlah"]) for r in _data(d, batang)] == list(_PER_KATEGORI.items())
    d = grafik.kategori_laporan({**_PER_KATEGORI, "n/a": 2}, SKALA_BAKU).to_dict(validate=False)
    assert _cari(d, "bar")[0]["encoding"]["y"]["sort"][-1] == "n/a"


def test_tren_laporan_one_line_per_code_clipped_both_ways():
    d = grafik.tren_laporan(_tren_laporan()).to_dict(validate=False)
    [garis] = _cari(d, "line")
    assert garis["encoding"]["color"]["scale"]["domain"] == ["IK-01", "IK-02", "IK-03"]
    assert garis["encoding"]["color"]["scale"]["range"][:2] == ["#1a4e8a", "#f0a04b"]
    data = {(r["kode"], r["tahun"]): r for r in _data(d, garis)}
    assert data[("IK-01", 2023)]["capaian"] is None  # a gap, never a zero
    assert (data[("IK-03", 2023)]["capaian"], data[("IK-03", 2023)]["lewat"]) == (200.0, "atas")
    assert (data[("IK-03", 2024)]["capaian"], data[("IK-03", 2024)]["lewat"]) == (0.0, "bawah")
    assert _tanda_lewat(d, "tahun") == {2023: "> 200 %", 2024: "< 0 %"}
    assert {u["mark"]["shape"] for u in _cari(d, "point") if u["mark"].get("color") == "#b2182b"} == {
        "triangle-up", "triangle-down"}
    [aturan] = _cari(d, "rule")
    assert aturan["encoding"]["y"] == {"datum": 100} and aturan["mark"]["strokeDash"] == [5, 4]


def test_anggaran_laporan_grouped_bars_in_the_dasbor_colours():
    d = grafik.anggaran_laporan(_anggaran_laporan()).to_dict(validate=False)
    [batang] = _cari(d, "bar")
    assert batang["encoding"]["x"]["sort"] == ["5.01", "5.02.01", "5.02.02"]
    assert batang["encoding"]["xOffset"]["field"] == "jenis"
    warna = batang["encoding"]["color"]["scale"]
    dasbor = grafik.anggaran(_anggaran()).to_dict(validate=False)
    [persen] = _cari(dasbor, "bar", x="nilai")
    assert warna == persen["encoding"]["color"]["scale"]
    persen_plot = {(r["kode"], r["jenis"]): r["persen"] for r in _data(d, batang)}
    assert persen_plot[("5.02.01", "Capaian kinerja unit")] == 200.0
    assert ("5.02.02", "Serapan anggaran") not in persen_plot  # n/a, not a zero bar
    assert batang["encoding"]["y"]["scale"]["domain"] == [0, 220]
    assert _tanda_lewat(d) == {"5.02.01": "> 200 %"}


def test_target_realisasi_laporan_rows_by_code_clipped():
    d = grafik.target_realisasi_laporan(_capaian_sasaran_laporan()).to_dict(validate=False)
    [batang] = _cari(d, "bar", x="capaian")
    assert batang["encoding"]["y"]["sort"] == ["IK-01", "IK-02", "IK-03", "IK-04"]
    assert {r["kode"]: r["capaian"] for r in _data(d, batang)}["IK-02"] == 200.0
    assert batang["encoding"]["x"]["scale"]["domain"][1] <= 250
    assert _tanda_lewat(d) == {"IK-02": "> 200 %"}


def test_report_charts_without_data_say_so():
    for chart in (grafik.tren_laporan(pd.DataFrame()), grafik.anggaran_laporan(None),
                  grafik.target_realisasi_laporan(pd.DataFrame())):
        d = chart.to_dict(validate=False)
        assert d["datasets"][d["data"]["name"]] == [{"pesan": "Belum ada data"}]
        assert d["config"]["font"] == "DejaVu Sans"


# ------------------------------------------------------------ rendering for print


def _cetak_semua() -> dict:
    """The report's charts and the Dasbor's capaian charts, all with outliers."""
    return {**_grafik_laporan(),
            "dasbor_tren": grafik.tren(_tren_luar()),
            "dasbor_capaian": grafik.capaian_indikator(_indikator_luar(), SKALA_BAKU),
            "dasbor_target": grafik.target_vs_realisasi(_indikator_luar()),
            "dasbor_anggaran": grafik.anggaran(_anggaran_luar())}


_LEBAR_CETAK = {"kategori": 90}


@functools.cache
def _dicetak(jenis: str) -> dict:
    from lkj_core.grafik_cetak import gambar_laporan

    charts = _cetak_semua()
    # One child process renders them all.
    return gambar_laporan(charts, {n: _LEBAR_CETAK.get(n, 166) for n in charts}, jenis=jenis)


def test_svg_rendering_is_vector_with_real_text_in_the_bundled_font():
    import re

    for nama, g in _dicetak("svg").items():
        svg = g.data.decode()
        assert g.jenis == "svg" and svg.startswith("<svg"), nama
        assert "<image" not in svg, nama  # nothing rasterised inside
        assert "<text" in svg and 'font-family="DejaVu Sans"' in svg, nama
        assert not re.search(r'font-size="[\d.]+px"', svg), nama
        assert g.lebar_mm == pytest.approx(_LEBAR_CETAK.get(nama, 166))
        assert g.tinggi_pt == pytest.approx(g.lebar_pt * g.rasio)
        # Outliers or not, every chart is a sane size (the old renderer asked for 100+ GB).
        assert g.lebar_px < 1500 and g.tinggi_px < 1500, (nama, g.lebar_px, g.tinggi_px)
    # Report charts are built at their printed width: 1 px prints as 1 pt.
    assert _dicetak("svg")["tren"].lebar_px == pytest.approx(_dicetak("svg")["tren"].lebar_pt, abs=1)
    svg = _dicetak("svg")["tren"].data.decode()
    assert "&gt; 200 %" in svg and "&lt; 0 %" in svg and "Capaian (%)" in svg
    # The Dasbor's trend keeps its realisasi points next to a clipped one (3 + 1 marker).
    punya = _dicetak("svg")["dasbor_tren"].data.decode()
    assert punya.count('aria-roledescription="point"') == 5


def test_png_rendering_is_at_least_300_ppi_at_the_printed_width():
    for nama, g in _dicetak("png").items():
        assert g.jenis == "png" and g.data[:8] == b"\x89PNG\r\n\x1a\n", nama
        lebar_px, tinggi_px = struct.unpack(">II", g.data[16:24])
        assert (lebar_px, tinggi_px) == (g.lebar_px, g.tinggi_px)
        assert lebar_px / (g.lebar_mm / 25.4) >= 300, nama
        assert g.ppi >= 300 and lebar_px / (g.lebar_mm / 25.4) < 320, nama  # not absurdly more
        assert g.rasio == pytest.approx(_dicetak("svg")[nama].rasio, rel=0.01), nama


def test_svg_charts_print_with_fpdf2_text_colours_and_dashes_intact():
    import io

    import pypdf
    from fpdf import FPDF

    from lkj_core.grafik_cetak import FOLDER_FONT, FONT

    pdf = FPDF(unit="mm", format="A4")
    for gaya, berkas in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"),
                         ("I", "DejaVuSans-Oblique.ttf")):
        pdf.add_font(FONT, gaya, str(FOLDER_FONT / berkas))
    for g in _dicetak("svg").values():
        pdf.add_page()
        pdf.image(g.berkas(), x=22, y=20, w=g.lebar_mm, h=g.lebar_mm * g.rasio)
    halaman = pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))).pages
    nama = list(_dicetak("svg"))
    tren = halaman[nama.index("tren")]
    teks = tren.extract_text()
    for bagian in ("Capaian (%)", "Tahun", "2023", "> 200 %", "< 0 %", "100 %", "IK-01", "Indikator"):
        assert bagian in teks, bagian
    isi = tren.get_contents().get_data().decode("latin-1")
    # Dark blue line, orange line, red clip marker, the dashed 100 % rule.
    for warna in ("#1a4e8a", "#f0a04b", "#b2182b"):
        rgb = " ".join(f"{int(warna[i:i + 2], 16) / 255:.4f}".rstrip("0").rstrip(".")
                       for i in (1, 3, 5))
        assert rgb in isi, warna
    assert "[5 4] 0 d" in isi
    huruf = {str(h["/BaseFont"]) for p in halaman for h in p["/Resources"]["/Font"].values()}
    assert huruf and all("DejaVuSans" in h for h in huruf), huruf
    assert "Sangat Tinggi" in halaman[nama.index("kategori")].extract_text()


def test_rendering_is_cached_by_spec():
    from lkj_core import grafik_cetak

    _dicetak("svg")
    sebelum = grafik_cetak._gambar_semua.cache_info()
    charts = _cetak_semua()
    ulang = grafik_cetak.gambar_laporan(charts, {n: _LEBAR_CETAK.get(n, 166) for n in charts})
    assert grafik_cetak._gambar_semua.cache_info().hits == sebelum.hits + 1
    assert ulang["tren"].data == _dicetak("svg")["tren"].data


def test_chart_child_stays_lean():
    from lkj_core import grafik_cetak

    charts = _cetak_semua()
    tugas = tuple((grafik_cetak._spec(c), "svg", 0) for c in charts.values())
    _dicetak("svg")
    puncak_kb = grafik_cetak._gambar_semua(tugas).puncak_kb()
    # About 115 MB on Linux for these 8 charts (VmHWM; 0 where /proc is missing).
    assert puncak_kb < 200 * 1024


def test_a_failing_chart_raises_a_readable_error():
    from lkj_core.grafik_cetak import gambar_laporan

    with pytest.raises(RuntimeError, match="Grafik laporan gagal digambar"):
        gambar_laporan({"rusak": {"mark": "bar", "data": {"url": "/tidak/ada.csv"},
                                  "encoding": {"x": {"field": "a", "type": "nonsense"}}}})
    with pytest.raises(ValueError):
        gambar_laporan({}, jenis="jpeg")


def test_chart_print_module_imports_only_the_standard_library():
    import ast
    import inspect
    import sys

    from lkj_core import grafik_cetak

    # The chart child imports this module: it must not pull pandas or altair in.
    pohon = ast.parse(inspect.getsource(grafik_cetak))
    modul = {a.name for n in pohon.body if isinstance(n, ast.Import) for a in n.names}
    modul |= {n.module for n in pohon.body if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert {m.split(".")[0] for m in modul} - {"__future__"} <= set(sys.stdlib_module_names)


def test_svg_cleanup_for_fpdf2():
    from lkj_core.grafik_cetak import svg_untuk_fpdf

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><g fill="none">'
           '<line transform="translate(0,10)" x2="100" y2="0" stroke="#ddd"/>'
           '<path class="foreground" d="" display="none"/><path d=""/>'
           '<path d="M0,0h10v10h-10Z" fill="#1a4e8a" stroke-width="1.5"/>'
           '<text font-family="Helvetica" font-size="11px" font-weight="bold" '
           'font-style="italic">Capaian &gt; 200 %</text></g></svg>')
    hasil = svg_untuk_fpdf(svg)
    assert 'x1="0"' in hasil and 'y1="0"' in hasil and 'x2="100"' in hasil
    assert 'd=""' not in hasil and "display" not in hasil
    assert hasil.startswith("<svg") and 'stroke="none"' in hasil.split(">", 1)[0]
    assert 'font-family="DejaVu Sans"' in hasil and 'font-size="11"' in hasil
    assert "font-style" not in hasil  # "BI" is not a registered style
    assert "Capaian &gt; 200 %" in hasil
