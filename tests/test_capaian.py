"""Tests for capaian calculation and category bands."""

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from lkj_core.angka import format_persen, parse_angka
from lkj_core.capaian import POLARITAS, SKALA_BAKU, hitung_capaian, kategori, validasi_skala

INF = float("inf")


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "target_atas", "harapan"),
    [
        # positif
        (100, 96.4712, "positif", None, 96.4712),
        (100, 120, "positif", None, 120.0),  # no upper cap
        (80, 80, "positif", None, 100.0),
        (50, 0, "positif", None, 0.0),
        (50, -10, "positif", None, 0.0),  # clamped, would be -20
        (-10, -5, "positif", None, 150.0),  # negative target: higher is still better
        (-10, -20, "positif", None, 0.0),
        (-10, -15, "positif", None, 50.0),
        # negatif
        (7, 6.5, "negatif", None, 107.142857142857),
        (8, 9, "negatif", None, 87.5),
        (10, 5, "negatif", None, 150.0),
        (10, 25, "negatif", None, 0.0),  # clamped, would be -50
        (-10, -15, "negatif", None, 150.0),  # negative target: lower is still better
        (-10, -5, "negatif", None, 50.0),
        # target 0
        (0, 0, "positif", None, 100.0),
        (0, 3, "positif", None, 100.0),
        (0, -1, "positif", None, 0.0),
        (0, 0, "negatif", None, 100.0),
        (0, -2, "negatif", None, 100.0),
        (0, 0.5, "negatif", None, 0.0),
        # rentang: lower bound is target, upper bound is target_atas
        (10, 15, "rentang", 20, 100.0),
        (10, 10, "rentang", 20, 100.0),
        (10, 20, "rentang", 20, 100.0),
        (10, 22, "rentang", 20, 90.0),  # above: negatif against 20
        (10, 8, "rentang", 20, 80.0),  # below: positif against 10
        (10, 60, "rentang", 20, 0.0),
        (10, -5, "rentang", 20, 0.0),
        (5, 5, "rentang", 5, 100.0),
        (0, 0, "rentang", 0, 100.0),
        (0, 1, "rentang", 0, 0.0),  # upper bound 0 uses the target-0 negatif rule
        (0, -1, "rentang", 5, 0.0),  # lower bound 0 uses the target-0 positif rule
        (-5, 0, "rentang", 0, 100.0),
        # n/a
        (100, None, "positif", None, None),
        (100, None, "negatif", None, None),
        (None, 50, "positif", None, None),
        (None, 50, "negatif", None, None),
        (None, None, "positif", None, None),
        (10, None, "rentang", 20, None),
        (None, 15, "rentang", None, None),
        (None, 15, "rentang", 20, None),
    ],
)
def test_hitung_capaian(target, realisasi, polaritas, target_atas, harapan):
    hasil = hitung_capaian(target, realisasi, polaritas, target_atas)
    if harapan is None:
        assert hasil is None
    else:
        assert hasil == pytest.approx(harapan)


def test_contoh_negatif_dari_brief():
    assert hitung_capaian(7, 6.5, "negatif") == pytest.approx(107.142857, abs=1e-6)
    assert hitung_capaian(8, 9, "negatif") == pytest.approx(87.5)


def test_realisasi_nol_bukan_na():
    assert hitung_capaian(100, 0, "positif") == 0.0
    assert hitung_capaian(100, None, "positif") is None


def test_hasil_tidak_dibulatkan():
    assert hitung_capaian(3, 1, "positif") == pytest.approx(100 / 3, rel=1e-12)


def test_polaritas_toleran_spasi_dan_huruf():
    assert hitung_capaian(8, 9, " Negatif ") == pytest.approx(87.5)


@pytest.mark.parametrize(
    ("args", "kwargs", "pesan"),
    [
        ((100, 90, "naik"), {}, "Polaritas"),
        ((100, 90, None), {}, "Polaritas"),
        ((100, 90, "positif"), {"target_atas": 120}, "rentang"),
        ((100, 90, "negatif"), {"target_atas": 120}, "rentang"),
        ((10, 15, "rentang"), {}, "target atas"),
        ((10, None, "rentang"), {}, "target atas"),
        ((20, 15, "rentang"), {"target_atas": 10}, "lebih kecil"),
        ((float("nan"), 1, "positif"), {}, "Target"),
        ((INF, 1, "positif"), {}, "Target"),
        ((1, float("nan"), "positif"), {}, "Realisasi"),
        ((1, -INF, "negatif"), {}, "Realisasi"),
        ((1, 2, "rentang"), {"target_atas": INF}, "Target atas"),
        ((True, 1, "positif"), {}, "Target"),
        ((1, False, "positif"), {}, "Realisasi"),
        (("100", 1, "positif"), {}, "Target"),
    ],
)
def test_hitung_capaian_ditolak(args, kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        hitung_capaian(*args, **kwargs)


# Hypothesis properties -------------------------------------------------------

angka = st.floats(allow_nan=False, allow_infinity=False)
wajar = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(angka, angka, angka)
def test_positif_tidak_turun_saat_realisasi_naik(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert hitung_capaian(t, lo, "positif") <= hitung_capaian(t, hi, "positif")


@given(angka, angka, angka)
def test_negatif_tidak_naik_saat_realisasi_naik(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert hitung_capaian(t, lo, "negatif") >= hitung_capaian(t, hi, "negatif")


@given(angka, st.sampled_from(["positif", "negatif"]))
def test_realisasi_sama_target_selalu_100(t, pol):
    assert hitung_capaian(t, t, pol) == 100.0


@given(angka)
def test_rentang_titik_tunggal_sama_target_100(t):
    assert hitung_capaian(t, t, "rentang", t) == 100.0


@given(wajar, wajar, st.floats(min_value=0, max_value=1))
def test_rentang_di_dalam_batas_100(a, b, posisi):
    a, b = sorted((a, b))
    r = min(max(a + (b - a) * posisi, a), b)
    assert hitung_capaian(a, r, "rentang", b) == 100.0


@given(wajar, wajar, wajar)
def test_rentang_di_luar_batas_di_bawah_100(a, b, r):
    a, b = sorted((a, b))
    # A margin keeps float rounding of 1 + tiny from landing back on exactly 100.
    assume(r < a - 1e-6 * max(1.0, abs(a)) or r > b + 1e-6 * max(1.0, abs(b)))
    assert hitung_capaian(a, r, "rentang", b) < 100.0


@given(angka, angka, st.sampled_from(["positif", "negatif"]))
def test_capaian_tidak_pernah_negatif(t, r, pol):
    hasil = hitung_capaian(t, r, pol)
    assert hasil >= 0.0
    assert not math.isnan(hasil)


@given(angka, angka, angka)
def test_capaian_rentang_tidak_pernah_negatif(a, b, r):
    a, b = sorted((a, b))
    hasil = hitung_capaian(a, r, "rentang", b)
    assert 0.0 <= hasil <= 100.0


# Categories ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "harapan"),
    [
        (150, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.995, "Sangat Tinggi"),  # shows as "91,00 %"
        (90.999, "Sangat Tinggi"),
        (90.99, "Tinggi"),
        (90.994, "Tinggi"),
        (76, "Tinggi"),
        (75.99, "Sedang"),
        (66, "Sedang"),
        (65.999, "Sedang"),
        (65.99, "Rendah"),
        (51, "Rendah"),
        (50.995, "Rendah"),  # binary value is just below .995; users still see "51,00 %"
        (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (-5, "Sangat Rendah"),
        (INF, "Sangat Tinggi"),
        (None, None),
    ],
)
def test_kategori_batas(capaian, harapan):
    assert kategori(capaian) == harapan


def test_kategori_dengan_skala_dari_json():
    skala = [[80, "Baik"], [None, "Kurang"]]
    assert kategori(79.995, skala) == "Baik"
    assert kategori(79.99, skala) == "Kurang"


@pytest.mark.parametrize("nilai", [float("nan"), True, "91"])
def test_kategori_menolak_bukan_angka(nilai):
    with pytest.raises(ValueError):
        kategori(nilai)


skala_acak = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=0, max_size=6, unique=True
).map(lambda batas: [[b, f"K{i}"] for i, b in enumerate(sorted(batas, reverse=True))] + [[None, "Bawah"]])


@given(angka, st.one_of(st.none(), skala_acak))
@example(50.995, None)
@example(90.995, None)
def test_kategori_tepat_satu_pita(x, skala):
    pita = validasi_skala(SKALA_BAKU if skala is None else skala)
    label = kategori(x, skala)
    assert label is not None
    with localcontext() as ctx:
        ctx.prec = 400
        nilai = float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    # Exactly one band contains the shown value: lower <= v < the lower bound of the band above.
    atas = [INF] + [b for b, _ in pita[:-1]]
    cocok = [lbl for (b, lbl), batas_atas in zip(pita, atas) if b <= nilai < batas_atas]
    assert cocok == [label]


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
@example(50.995)
@example(65.995)
def test_kategori_sesuai_angka_yang_ditampilkan(x):
    assert kategori(x) == kategori(parse_angka(format_persen(x)))


@given(angka, angka, st.one_of(st.none(), skala_acak))
def test_kategori_monoton(x, y, skala):
    pita = validasi_skala(SKALA_BAKU if skala is None else skala)
    urutan = {lbl: i for i, (_, lbl) in enumerate(pita)}
    lo, hi = sorted((x, y))
    # A higher capaian never lands in a lower band (lower index = higher band).
    assert urutan[kategori(hi, skala)] <= urutan[kategori(lo, skala)]


def test_skala_baku_valid_dan_bebas_celah():
    assert validasi_skala(SKALA_BAKU) == SKALA_BAKU
    assert [lbl for _, lbl in SKALA_BAKU] == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    assert SKALA_BAKU[-1][0] == -INF
    assert POLARITAS == ("positif", "negatif", "rentang")


def test_validasi_skala_menormalkan_json():
    hasil = validasi_skala([[90, " A "], [50, "B"], [None, "C"]])
    assert hasil == ((90.0, "A"), (50.0, "B"), (-INF, "C"))
    assert isinstance(hasil, tuple) and all(isinstance(p, tuple) for p in hasil)


def test_validasi_skala_satu_pita():
    assert validasi_skala([[None, "Semua"]]) == ((-INF, "Semua"),)


@pytest.mark.parametrize(
    ("skala", "pesan"),
    [
        ([], "kosong"),
        (None, "daftar"),
        ("91 Sangat Tinggi", "daftar"),
        ([[50, "A"], [90, "B"], [None, "C"]], "menurun"),
        ([[90, "A"], [90, "B"], [None, "C"]], "menurun"),
        ([[90, "A"], [50, "B"]], "terakhir"),
        ([[90, "A"], [0, "B"]], "terakhir"),
        ([[90, "A"], [None, "B"], [None, "C"]], "angka"),
        ([[90, ""], [None, "B"]], "Label"),
        ([[90, "  "], [None, "B"]], "Label"),
        ([[90, None], [None, "B"]], "Label"),
        ([[90, "A", "x"], [None, "B"]], "dua"),
        ([[90], [None, "B"]], "dua"),
        ([["90", "A"], [None, "B"]], "angka"),
        ([[INF, "A"], [None, "B"]], "tidak valid"),
        ([[float("nan"), "A"], [None, "B"]], "tidak valid"),
        ([[90, "A"], [-INF, "B"], [None, "C"]], "tidak valid"),
    ],
)
def test_validasi_skala_ditolak(skala, pesan):
    with pytest.raises(ValueError, match=pesan):
        validasi_skala(skala)
