"""Dashboard charts: inspect the Vega-Lite dicts and render each spec once."""

from __future__ import annotations

import functools
import math
from datetime import datetime

import pandas as pd
import pytest

from lkj_app import grafik
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
    return d["datasets"][u["data"]["name"]]


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
