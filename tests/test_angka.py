"""Tests for Indonesian number parsing and formatting."""

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lkj_core.angka import (
    AngkaTidakValid,
    bulatkan,
    format_angka,
    format_nilai,
    format_persen,
    format_rupiah,
    parse_angka,
)


@pytest.mark.parametrize(
    ("teks", "harapan"),
    [
        ("0", 0.0),
        ("42", 42.0),
        ("007", 7.0),
        ("  42  ", 42.0),
        ("96,47", 96.47),
        ("96.47", 96.47),
        ("7,5", 7.5),
        (",5", 0.5),
        (".5", 0.5),
        ("0,125", 0.125),
        ("0.125", 0.125),
        ("1234,567", 1234.567),  # four digits before: cannot be a thousands group
        ("1,2345", 1.2345),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-1.234,50", -1234.5),
        ("\u22125,5", -5.5),
        ("- 5", -5.0),
        ("+5", 5.0),
        ("96,47%", 96.47),
        ("96,47 %", 96.47),
        ("96,47\u00a0%", 96.47),
        ("\u00a012,5\u00a0", 12.5),
        ("Rp 1.234.568", 1234568.0),
        ("Rp1.234.568", 1234568.0),
        ("rp. 1.234.567,50", 1234567.5),
        ("RP 500", 500.0),
        ("Rp 1.234", 1234.0),  # rupiah never has three decimals: thousands
        ("Rp 12,500", 12500.0),
        ("Rp 0,125", 0.125),
        ("-Rp 1.234", -1234.0),
        ("Rp -1.234", -1234.0),
        ("-0", 0.0),
        ("-0,00", 0.0),
    ],
)
def test_parse_angka_diterima(teks, harapan):
    hasil = parse_angka(teks)
    assert hasil == pytest.approx(harapan, rel=1e-12, abs=0)
    assert math.copysign(1.0, hasil) == math.copysign(1.0, harapan)


@pytest.mark.parametrize(
    "teks",
    [
        "1.234",
        "12,500",
        "999.999",
        "-1.000",
        "12,500 %",
        "1.23.4,5",
        "1,23,4.5",
        "1.234,567,8",
        "1.234.56",
        "12.34.567",
        "0.123.456",
        "1.234,",
        "5,",
        "5.",
        ",",
        ".",
        "abc",
        "12a",
        "1e5",
        "1E-3",
        "--5",
        "-\u22125",
        "-Rp -5",
        "5-",
        "1 234",
        "Rp 5 %",
        "%",
        "Rp",
        "nan",
        "inf",
        "9" * 400,
    ],
)
def test_parse_angka_ditolak(teks):
    with pytest.raises(AngkaTidakValid) as info:
        parse_angka(teks)
    assert teks in str(info.value)
    assert info.value.teks == teks


@pytest.mark.parametrize(("teks", "saran"), [("1.234", "1234"), ("12,500", "12500")])
def test_pesan_ambigu_menyarankan_penulisan(teks, saran):
    with pytest.raises(AngkaTidakValid) as info:
        parse_angka(teks)
    pesan = str(info.value)
    assert "ambigu" in pesan
    assert f"Tulis {saran} tanpa pemisah ribuan" in pesan


def test_pesan_bukan_angka():
    with pytest.raises(AngkaTidakValid, match="'abc' bukan angka yang valid"):
        parse_angka("abc")


def test_angka_tidak_valid_adalah_valueerror():
    with pytest.raises(ValueError):
        parse_angka("abc")


@pytest.mark.parametrize("kosong", ["", "   ", "\u00a0", None])
def test_parse_kosong(kosong):
    assert parse_angka(kosong, boleh_kosong=True) is None
    with pytest.raises(AngkaTidakValid, match="wajib diisi"):
        parse_angka(kosong)


@pytest.mark.parametrize(("nilai", "harapan"), [(5, 5.0), (-2.5, -2.5), (0, 0.0), (1e11, 1e11)])
def test_parse_menerima_angka(nilai, harapan):
    hasil = parse_angka(nilai)
    assert hasil == harapan
    assert type(hasil) is float


@pytest.mark.parametrize("nilai", [float("nan"), float("inf"), float("-inf"), True, False, [1], b"1"])
def test_parse_menolak_bukan_angka(nilai):
    with pytest.raises(AngkaTidakValid):
        parse_angka(nilai)


@pytest.mark.parametrize(
    ("nilai", "desimal", "harapan"),
    [
        (1234567.891, 2, "1.234.567,89"),
        (-1234.5, 2, "-1.234,50"),
        (1234567.891, 0, "1.234.568"),
        (0, 2, "0,00"),
        (-0.001, 2, "0,00"),
        (-0.0, 2, "0,00"),
        (-0.004, 2, "0,00"),
        (-0.005, 2, "-0,01"),
        (999.995, 2, "1.000,00"),
        (90.995, 2, "91,00"),  # half-up on the written value, not the binary one
        (0.125, 2, "0,13"),
        (2.5, 0, "3"),
        (1234, 2, "1.234,00"),
        (12, 0, "12"),
        (1.5, 3, "1,500"),
        (None, 2, "n/a"),
    ],
)
def test_format_angka(nilai, desimal, harapan):
    assert format_angka(nilai, desimal) == harapan


@pytest.mark.parametrize("nilai", [float("nan"), float("inf")])
def test_format_angka_menolak_nonfinite(nilai):
    with pytest.raises(ValueError):
        format_angka(nilai)


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [(96.4712, "96,47 %"), (90.999, "91,00 %"), (100, "100,00 %"), (1234.5, "1.234,50 %"), (None, "n/a")],
)
def test_format_persen(nilai, harapan):
    assert format_persen(nilai) == harapan


def test_format_persen_desimal():
    assert format_persen(96.4712, 1) == "96,5 %"


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (1234567.5, "Rp 1.234.568"),
        (1234567.4, "Rp 1.234.567"),
        (0, "Rp 0"),
        (500, "Rp 500"),
        (-1234, "-Rp 1.234"),
        (None, "n/a"),
    ],
)
def test_format_rupiah(nilai, harapan):
    assert format_rupiah(nilai) == harapan


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (3.0, "3"),
        (3, "3"),
        (3.5, "3,5"),
        (3.25, "3,25"),
        (3.999, "4"),
        (1234.25, "1.234,25"),
        (1234567.1, "1.234.567,1"),
        (-0.5, "-0,5"),
        (-0.001, "0"),
        (0, "0"),
        (None, "n/a"),
    ],
)
def test_format_nilai(nilai, harapan):
    assert format_nilai(nilai) == harapan


@pytest.mark.parametrize(("nilai", "harapan"), [(90.995, 91.0), (0.125, 0.13), (-0.125, -0.13), (2.675, 2.68)])
def test_bulatkan_setengah_ke_atas(nilai, harapan):
    assert bulatkan(nilai, 2) == harapan


hingga_1e12 = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False).filter(
    lambda x: abs(x) < 1e12
)


@given(hingga_1e12)
@example(137438953472.995)
@example(0.125)
@example(-999.995)
def test_format_lalu_parse_kembali(x):
    hasil = parse_angka(format_angka(x, 2))
    # round() is banker's on the binary value, so ties may differ by one cent (plus float spacing).
    assert hasil == pytest.approx(round(x, 2), abs=0.01 + 4 * math.ulp(x))
    assert abs(hasil - x) <= 0.005 + 4 * math.ulp(x)
    harapan = float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert hasil == harapan


@given(hingga_1e12)
@example(1234567.5)
@example(-999.5)
def test_rupiah_lalu_parse_kembali(x):
    teks = format_rupiah(x)
    bulat = int(Decimal(repr(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert parse_angka(teks) == bulat
    tanpa_rp = teks.replace("Rp ", "")
    # Without the prefix a lone "1.234" is ambiguous and must be refused, not guessed.
    if 1000 <= abs(bulat) < 1_000_000:
        with pytest.raises(AngkaTidakValid, match="ambigu"):
            parse_angka(tanpa_rp)
    else:
        assert parse_angka(tanpa_rp) == bulat


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_nilai_tanpa_nol_di_belakang(x):
    teks = format_nilai(x)
    assert not teks.endswith(",")
    if "," in teks:
        assert not teks.endswith("0")
        assert len(teks.split(",")[1]) <= 2
    assert teks != "-0"


@given(st.floats(min_value=-1e14, max_value=1e14, allow_nan=False))
def test_format_isian_dibaca_kembali(x):
    # What a form field is prefilled with always reads back to the shown (2-decimal) value.
    from lkj_core.angka import format_isian

    assert "." not in format_isian(x)
    assert parse_angka(format_isian(x)) == bulatkan(x, 2)
