"""The SQL capaian and category (lkj_core.agregat) give exactly what lkj_core.capaian gives."""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lkj_core import agregat, isian, pengaturan, sintetis
from lkj_core.angka import bulatkan
from lkj_core.capaian import SKALA_BAKU, hitung_capaian, kategori, validasi_skala
from conftest import pelaku

INF = float("inf")


def _na(x):
    return None if x is None or pd.isna(x) else float(x)


def _py(target, target_atas, realisasi, polaritas):
    # How every lkj_core caller calls it: target_atas only for rentang.
    return hitung_capaian(target, realisasi, polaritas,
                          target_atas if polaritas == "rentang" else None)


def _sql(baris, skala=SKALA_BAKU):
    """(capaian, capaian_bulat, kategori) per row, by the production SQL expressions, over a
    temp table holding the rows."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (no INTEGER, target DOUBLE, target_atas DOUBLE,"
                " realisasi DOUBLE, polaritas VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                    [[i, *b] for i, b in enumerate(baris)])
    skala = validasi_skala(skala)
    capaian = agregat.capaian_sql("target", "target_atas", "realisasi", "polaritas")
    rows = con.execute(
        f"SELECT no, capaian, capaian_bulat, CASE WHEN capaian_bulat IS NOT NULL THEN"
        f" $label[{agregat.kategori_no_sql('capaian_bulat', '$batas')}] END"
        f" FROM (SELECT no, capaian, {agregat.bulat_sql('capaian')} AS capaian_bulat"
        f" FROM (SELECT no, {capaian} AS capaian FROM t)) ORDER BY no",
        {"batas": [b for b, _ in skala], "label": [l for _, l in skala]}).fetchall()
    con.close()
    return [r[1:] for r in rows]


def _periksa(baris, skala=SKALA_BAKU):
    for (t, ta, r, p), (c_sql, bulat, kat) in zip(baris, _sql(baris, skala)):
        c_py = _py(t, ta, r, p)
        if c_py is None:
            assert c_sql is None, (t, ta, r, p, c_sql)
            assert kat is None
            continue
        # Bit for bit: the same float operations in the same order.
        assert c_sql == c_py, (t, ta, r, p, c_sql, c_py)
        assert kat == kategori(c_py, skala), (t, ta, r, p, c_py, bulat)


# (a) every indicator-year of the demo database, against the intake list the app shows

def test_demo_setiap_indikator_tahun_sama_dengan_daftar_isian(demo_con):
    semua = agregat.capaian_semua(demo_con).df()
    admin = pelaku(demo_con, "admin")
    skala = pengaturan.skala_kategori(demo_con, admin.instansi_id)
    assert len(semua) == 60  # 10 indicators x Renstra 2021-2026
    dibanding = 0
    for tahun in sorted(semua["tahun"].unique()):
        # the aggregate reads official figures only (lkj_core.resmi), as the Dasbor does
        app = isian.daftar_isian(demo_con, admin, int(tahun), skala=skala,
                                 resmi=True).set_index("id")
        sql = semua[semua["tahun"] == tahun].set_index("indikator_id")
        assert set(app.index) == set(sql.index)
        for ind, r in app.iterrows():
            s = sql.loc[ind]
            assert _na(s["capaian"]) == _na(r["capaian"])
            assert (None if pd.isna(s["kategori"]) else s["kategori"]) == r["kategori"]
            # And against the pure function on the stored values.
            assert _na(s["capaian"]) == _py(_na(r["target"]), _na(r["target_atas"]),
                                            _na(r["realisasi"]), r["polaritas"])
            dibanding += 1
    assert dibanding == 60
    # The demo has data in several categories and n/a: 2026 has no realisasi yet, and the
    # reported year's entries not yet verified are not official.
    belum = demo_con.execute("SELECT count(*) FROM realisasi WHERE tahun = 2025 AND status <>"
                             " 'diverifikasi'").fetchone()[0]
    assert belum > 0
    assert semua["kategori"].isna().sum() == 10 + belum
    assert semua["kategori"].nunique() >= 2


def test_indikator_tahun_tanpa_data_dan_di_luar_renstra(demo_con):
    # A Renstra year with neither target nor realisasi is still an indicator-year (n/a); a
    # realisasi outside the Renstra years, or of an inactive indicator, is not counted.
    ind = demo_con.execute("SELECT id FROM indikator WHERE kode = 'IK-03'").fetchone()[0]
    mati = demo_con.execute("SELECT id FROM indikator WHERE kode = 'IK-10'").fetchone()[0]
    demo_con.execute("DELETE FROM target_tahunan WHERE indikator_id = ? AND tahun = 2023", [ind])
    demo_con.execute("DELETE FROM realisasi WHERE indikator_id = ? AND tahun = 2023", [ind])
    demo_con.execute("INSERT INTO realisasi (indikator_id, tahun, nilai) VALUES (?, 2030, 5)",
                     [ind])
    demo_con.execute("UPDATE indikator SET aktif = FALSE WHERE id = ?", [mati])
    df = agregat.capaian_semua(demo_con).df()
    assert len(df) == 54 and set(df["tahun"]) == set(range(2021, 2027))
    assert mati not in set(df["indikator_id"])
    baris = df[(df["indikator_id"] == ind) & (df["tahun"] == 2023)].iloc[0]
    assert pd.isna(baris["target"]) and pd.isna(baris["capaian"]) and pd.isna(baris["kategori"])
    sebaran = agregat.sebaran_kategori(demo_con, 2023)
    assert sebaran["jumlah"].sum() == 9
    assert sebaran[sebaran["kategori"].isna()]["jumlah"].tolist() == [1]


# (b) generated rows

_angka = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-1000, max_value=1000).map(float),
    st.sampled_from([0.0, -0.0, 1e-300, -1e-300, 5e-324, 1e300, -1e300, 1.7e308, -1.7e308]),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def _baris(draw):
    pol = draw(st.sampled_from(["positif", "negatif", "rentang"]))
    t = draw(st.one_of(st.none(), _angka))
    r = draw(st.one_of(st.none(), _angka))
    if pol == "rentang":
        if t is None:
            return (t, draw(st.one_of(st.none(), _angka)), r, pol)
        lebar = draw(st.one_of(st.just(0.0), st.floats(min_value=0, max_value=1e6)))
        ta = t + lebar
        if not math.isfinite(ta):
            ta = t
        return (t, ta, r, pol)
    # Stored target_atas is ignored for positif/negatif (callers pass None).
    return (t, draw(st.one_of(st.none(), _angka)), r, pol)


@st.composite
def _baris_dekat_pembulatan(draw):
    """A realisasi that puts capaian at (or next to) a half of the second decimal."""
    t = draw(st.sampled_from([3.0, 7.0, 12.5, 60.0, 70.0, 82.58, 100.0, 0.3, 1e6]))
    n = draw(st.integers(min_value=0, max_value=20_000))
    c = float(f"{n // 100}.{n % 100:02d}5")
    r = c * t / 100
    r = draw(st.sampled_from([r, math.nextafter(r, INF), math.nextafter(r, -INF)]))
    return (t, None, r, "positif")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_baris(), _baris_dekat_pembulatan()), min_size=1, max_size=40))
@example([(100.0, None, 90.995, "positif"), (100.0, None, 90.985, "positif"),
          (1.0, None, 0.90995, "positif"), (1e-300, None, 1e300, "positif"),
          (-1.7e308, None, 1.7e308, "positif"), (1.7e308, None, -1.7e308, "negatif"),
          (0.0, 0.0, 0.0, "rentang"), (-5.0, 0.0, 3.0, "rentang")])
def test_hypothesis_baris_acak(baris):
    _periksa(baris)
    # Another scale with awkward bounds: the band edges sit on the rounding ties.
    _periksa(baris, [[100.005, "A"], [90.995, "B"], [50.5, "C"], [None, "D"]])


# (c) edge cases, one by one

KASUS = [
    (100, None, 96.4712, "positif"), (100, None, 120, "positif"), (50, None, -10, "positif"),
    (-10, None, -5, "positif"), (-10, None, -20, "positif"), (7, None, 6.5, "negatif"),
    (10, None, 25, "negatif"), (-10, None, -15, "negatif"), (0, None, 0, "positif"),
    (0, None, 3, "positif"), (0, None, -1, "positif"), (0, None, 0, "negatif"),
    (0, None, -2, "negatif"), (0, None, 0.5, "negatif"), (10, 20, 15, "rentang"),
    (10, 20, 10, "rentang"), (10, 20, 20, "rentang"), (10, 20, 22, "rentang"),
    (10, 20, 8, "rentang"), (10, 20, 60, "rentang"), (10, 20, -5, "rentang"),
    (5, 5, 5, "rentang"), (0, 0, 0, "rentang"), (0, 0, 1, "rentang"), (0, 5, -1, "rentang"),
    (-5, 0, 0, "rentang"), (100, None, None, "positif"), (None, None, 50, "negatif"),
    (10, 20, None, "rentang"), (None, None, 15, "rentang"), (None, 20, 15, "rentang"),
    (100, 999, 90, "positif"),             # target_atas of a non-rentang row is ignored
    (100, None, 90.995, "positif"),        # 90.995 -> "91,00 %": Sangat Tinggi
    (100, None, 90.994999, "positif"),
    (100, None, 75.995, "positif"), (100, None, 65.995, "positif"),
    (100, None, 50.995, "positif"), (100, None, 50.994, "positif"),
    (1e-300, None, 1e300, "positif"),      # overflows to +inf, still the top band
    (1e-300, None, -1e300, "positif"),     # -inf clamped to 0
    (1e-300, None, 1e300, "negatif"),
    (3, None, 1e15, "positif"), (3, None, 2.2e12, "positif"),  # huge capaian, exact
    (1, None, 1e-7, "positif"), (100, None, 0.004999, "positif"), (100, None, 0.005, "positif"),
]


@pytest.mark.parametrize("baris", KASUS, ids=[str(k) for k in KASUS])
def test_kasus_tepi(baris):
    b = tuple(None if x is None else float(x) if not isinstance(x, str) else x for x in baris)
    _periksa([b])
    _periksa([b], sintetis.SKALA_LAIN)


@pytest.mark.parametrize("baris", [
    (10.0, None, 15.0, "rentang"),          # rentang without its upper bound
    (10.0, 5.0, 7.0, "rentang"),            # upper bound below the lower one
    (10.0, None, 5.0, "lainnya"),           # unknown polarity
    (INF, None, 5.0, "positif"), (10.0, None, float("nan"), "negatif"),
    (10.0, INF, 12.0, "rentang"),
])
def test_masukan_yang_ditolak_python_menjadi_na(baris):
    t, ta, r, p = baris
    with pytest.raises(ValueError):
        hitung_capaian(t, r, p, ta)
    assert _sql([baris]) == [(None, None, None)]


def _realisasi_untuk(c: str):
    """(target, realisasi, polaritas) whose capaian is exactly the float `c`, or None."""
    for target in (100.0, 200.0, 80.0, 50.0, 10.0, 1.0, 7.0, 12.5):
        for polaritas in ("positif", "negatif"):
            r = (float(c) * target / 100 if polaritas == "positif"
                 else (2 - float(c) / 100) * target)
            for _ in range(40):
                cap = _py(target, None, r, polaritas)
                if repr(cap) == c:
                    return target, r, polaritas
                naik = (cap < float(c)) == (polaritas == "positif")
                r = math.nextafter(r, INF if naik else -INF)
    return None


# Capaian whose decimal form ends in 5 at the third decimal while c × 100 in binary lies just
# below the half (65.975 × 100 = 6597.499999…), reachable exactly from some target/realisasi.
@pytest.mark.parametrize("c", ["65.975", "75.975", "65.085", "75.445"])
def test_kategori_tepat_di_batas_pembulatan(c):
    # A band starting at the rounded value: the capaian belongs to it (half-up on the
    # displayed number), in Python and in SQL alike.
    assert float(c) * 100 < round(float(c) * 100 - 0.5) + 0.5
    cari = _realisasi_untuk(c)
    assert cari is not None
    target, r, polaritas = cari
    skala = [[bulatkan(float(c), 2), "A"], [None, "B"]]
    assert kategori(_py(target, None, r, polaritas), skala) == "A"
    assert _sql([(target, None, r, polaritas)], skala)[0][2] == "A"


def test_bulat_sama_dengan_angka_bulatkan():
    nilai = [0.0, 0.004999999999999999, 0.005, 0.015, 1.005, 2.675, 90.995, 90.985, 100.0,
             1234.565, 999999.995, 5e6 + 0.005, 123456789.125, 2.0 ** 46 - 0.25, 2.0 ** 46,
             2.0 ** 46 + 0.015625, 1e20, 1e300, 5e-324]
    nilai += [math.nextafter(x, INF) for x in nilai] + [math.nextafter(x, 0) for x in nilai]
    con = duckdb.connect()
    hasil = con.execute(f"SELECT x, {agregat.bulat_sql('x')} FROM unnest($x) t(x)",
                        {"x": nilai}).fetchall()
    for x, b in hasil:
        assert b == bulatkan(x, 2), x


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(min_value=0, max_value=1e18, allow_nan=False),
                          st.integers(min_value=0, max_value=10 ** 7).map(
                              lambda n: float(f"{n // 1000}.{n % 1000:03d}5"))),
                min_size=1, max_size=50))
def test_bulat_hypothesis(nilai):
    con = duckdb.connect()
    hasil = con.execute(f"SELECT x, {agregat.bulat_sql('x')} FROM unnest($x) t(x)",
                        {"x": nilai}).fetchall()
    for x, b in hasil:
        assert b == bulatkan(x, 2), x


def test_nama_kolom_hanya_pengenal():
    with pytest.raises(ValueError):
        agregat.capaian_sql(target="target); DROP TABLE realisasi; --")
    with pytest.raises(ValueError):
        agregat.bulat_sql("1 + 1")


# Across instansi: per-instansi scales and the distribution per Pemda and year

@pytest.fixture(scope="module")
def kabupaten_kecil(tmp_path_factory):
    path = tmp_path_factory.mktemp("agregat") / "kab.duckdb"
    # Two Pemda, ten instansi each (the 2nd and 10th keep their own scale, the 1st, 5th and
    # 9th store the default one, the rest store none), built in two batches.
    sintetis.bangun(path, "nasional", jumlah={"pemda": 2, "instansi": 10, "indikator": 6,
                                              "pemda_per_batch": 1})
    con = duckdb.connect(str(path))
    yield con
    con.close()


def test_kategori_memakai_skala_tiap_instansi(kabupaten_kecil):
    con = kabupaten_kecil
    df = agregat.capaian_semua(con).df()
    assert len(df) == 2 * 10 * 6 * 5 - 5 * int(
        con.execute("SELECT count(*) FROM indikator WHERE NOT aktif").fetchone()[0])
    disimpan = dict(con.execute("SELECT instansi_id, nilai FROM pengaturan"
                                " WHERE kunci = 'skala_kategori'").fetchall())
    assert len(set(disimpan.values())) == 2 and len(disimpan) < 20  # custom, default, none
    skala = {int(i): pengaturan.skala_kategori(con, int(i)) for i in df["instansi_id"].unique()}
    label_lain = {l for _, l in sintetis.SKALA_LAIN}
    for r in df.itertuples():
        c = _py(_na(r.target), _na(r.target_atas), _na(r.realisasi), r.polaritas)
        assert _na(r.capaian) == c
        kat = None if pd.isna(r.kategori) else r.kategori
        assert kat == kategori(c, skala[r.instansi_id])
        if kat is not None:
            assert (kat in label_lain) == (skala[r.instansi_id] != SKALA_BAKU)
    assert df["kategori"].isin(label_lain).any() and df["kategori"].isin(["Tinggi"]).any()
    assert df["kategori"].isna().any()


def test_sebaran_sama_dengan_hitungan_python(kabupaten_kecil):
    con = kabupaten_kecil
    df = agregat.capaian_semua(con).df()
    harapan = (df.assign(kategori=df["kategori"].astype(object).where(df["kategori"].notna(),
                                                                     None))
               .groupby(["pemda", "tahun", "kategori"], dropna=False).size())
    sebaran = agregat.sebaran_kategori(con)
    assert sebaran["jumlah"].sum() == len(df)
    hasil = sebaran.assign(kategori=sebaran["kategori"].astype(object)
                           .where(sebaran["kategori"].notna(), None)) \
        .set_index(["pemda", "tahun", "kategori"])["jumlah"]
    assert sorted(hasil.items(), key=str) == sorted(harapan.items(), key=str)
    assert sebaran["pemda"].nunique() == 2
    # n/a is its own row, after the bands, in every Pemda-year that has one.
    for _, g in sebaran.groupby(["pemda", "tahun"]):
        na = g["kategori"].isna().tolist()
        assert na == sorted(na)
    satu = agregat.sebaran_kategori(con, 2023)
    assert set(satu["tahun"]) == {2023}
    pd.testing.assert_frame_equal(
        satu.reset_index(drop=True),
        sebaran[sebaran["tahun"] == 2023].reset_index(drop=True))


def test_capaian_semua_satu_instansi_dan_tahun(kabupaten_kecil):
    con = kabupaten_kecil
    semua = agregat.capaian_semua(con).df()
    satu = agregat.capaian_semua(con, tahun=2024, instansi_id=3).df()
    harapan = semua[(semua["tahun"] == 2024) & (semua["instansi_id"] == 3)]
    assert len(satu) == len(harapan) > 0
    kunci = ["indikator_id", "capaian", "kategori"]
    pd.testing.assert_frame_equal(
        satu.sort_values("indikator_id")[kunci].reset_index(drop=True),
        harapan.sort_values("indikator_id")[kunci].reset_index(drop=True))
