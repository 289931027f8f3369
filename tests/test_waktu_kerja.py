"""Tests for office minutes, working days, deadlines and on-time texts of SOP steps."""

from __future__ import annotations

import time as jam_dinding
from datetime import date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkj_core import waktu_kerja
from lkj_core.waktu_kerja import (
    Kalender,
    batas_laporan,
    cuti_bersama_resmi,
    durasi,
    format_menit,
    hari_kerja_antara,
    ketepatan,
    menit_kerja,
    sisa_hari_kalender,
    tenggat,
)

D = datetime
BAKU = Kalender.baku()
NATAL = Kalender.baku(cuti_bersama={date(2025, 12, 26)})
# Mon-Sat 08:00-14:00 with national holidays ignored: checks nothing is hard-coded.
KHUSUS = Kalender({h: (time(8), time(14)) for h in range(6)}, frozenset(), libur_nasional=False)

# July 2025 has no national holiday: 7 Jul is a Monday, 11 Jul a Friday.
SEN, JUM = date(2025, 7, 7), date(2025, 7, 11)


def pada(d: date, h: int, m: int = 0, s: int = 0) -> datetime:
    return datetime.combine(d, time(h, m, s))


def test_hari_libur_yang_dipakai_memang_libur_menurut_paket():
    libur = holidays.country_holidays("ID", years=2025)
    assert date(2025, 12, 25) in libur and date(2025, 12, 25).weekday() == 3
    assert date(2025, 5, 1) in libur and date(2025, 5, 1).weekday() == 3
    assert date(2026, 1, 1) in holidays.country_holidays("ID", years=2026)
    # 26 Dec 2025 is only a cuti bersama, so the default calendar must treat it as open.
    assert date(2025, 12, 26) not in libur
    assert not any(date(2025, 7, h) in libur for h in range(1, 32))


@pytest.mark.parametrize(
    ("mulai", "selesai", "kal", "harapan"),
    [
        # Within one day.
        (pada(SEN, 9), pada(SEN, 10, 15), BAKU, 75),
        # Before opening / after closing counts nothing.
        (pada(SEN, 6), pada(SEN, 8), BAKU, 30),
        (pada(SEN, 15), pada(SEN, 18), BAKU, 60),
        (pada(SEN, 5), pada(SEN, 20), BAKU, 510),
        (pada(SEN, 16), pada(SEN, 23), BAKU, 0),
        # Friday closes at 16:30.
        (pada(JUM, 6), pada(JUM, 20), BAKU, 540),
        (pada(JUM, 16), pada(JUM, 16, 30), BAKU, 30),
        # Across a weekend: Fri 15:00-16:30 is 90, Mon 07:30-08:30 is 60.
        (pada(JUM, 15), pada(date(2025, 7, 14), 8, 30), BAKU, 150),
        (pada(date(2025, 7, 12), 9), pada(date(2025, 7, 13), 15), BAKU, 0),
        # Several days: Mon 12:00-16:00, all Tuesday, Wed 07:30-10:00.
        (pada(SEN, 12), pada(date(2025, 7, 9), 10), BAKU, 240 + 510 + 150),
        # A whole week, midnight to midnight: four 8.5-hour days and a 9-hour Friday.
        (pada(SEN, 0), pada(date(2025, 7, 14), 0), BAKU, 4 * 510 + 540),
        # Across Natal (Thu 25 Dec): Wed 60 + Thu 0 + Fri 540 + weekend 0 + Mon 30.
        (pada(date(2025, 12, 24), 15), pada(date(2025, 12, 29), 8), BAKU, 630),
        # ... and with 26 Dec configured as cuti bersama, Friday counts nothing either.
        (pada(date(2025, 12, 24), 15), pada(date(2025, 12, 29), 8), NATAL, 90),
        # Across Hari Buruh (Thu 1 May 2025).
        (pada(date(2025, 4, 30), 15), pada(date(2025, 5, 2), 8), BAKU, 90),
        # Year boundary: 1 Jan 2026 is a holiday.
        (pada(date(2025, 12, 31), 15), pada(date(2026, 1, 2), 8), BAKU, 90),
        # Custom hours: Saturday is open, holidays are not observed.
        (pada(date(2025, 7, 12), 13), pada(date(2025, 7, 14), 9), KHUSUS, 120),
        (pada(date(2025, 12, 25), 7), pada(date(2025, 12, 25), 20), KHUSUS, 360),
        # Empty or reversed intervals.
        (pada(SEN, 10), pada(SEN, 10), BAKU, 0),
        (pada(SEN, 11), pada(SEN, 10), BAKU, 0),
    ],
)
def test_menit_kerja_tabel(mulai, selesai, kal, harapan):
    assert menit_kerja(mulai, selesai, kal) == harapan
    assert durasi(mulai, selesai, "menit", kal) == float(harapan)


def test_menit_parsial_dijumlah_dulu_baru_dibulatkan_ke_bawah():
    assert menit_kerja(pada(SEN, 9, 0, 30), pada(SEN, 9, 1, 29), BAKU) == 0
    assert menit_kerja(pada(SEN, 9), pada(SEN, 9, 1, 59), BAKU) == 1
    # 30 s before Monday's closing plus 30 s after Tuesday's opening make one minute.
    assert menit_kerja(pada(SEN, 15, 59, 30), pada(date(2025, 7, 8), 7, 30, 30), BAKU) == 1


def test_multi_tahun_cepat():
    mulai, selesai = pada(date(2020, 1, 1), 0), pada(date(2030, 1, 1), 0)
    awal = jam_dinding.perf_counter()
    total = menit_kerja(mulai, selesai, BAKU)
    lama = jam_dinding.perf_counter() - awal
    assert 2500 * 450 < total < 2600 * 540
    assert lama < 0.5


def test_satu_tahun_langkah_dalam_milidetik():
    mulai = pada(date(2025, 1, 6), 9)
    awal = jam_dinding.perf_counter()
    for minggu in range(52):
        for waktu, satuan in [(10, "menit"), (360, "menit"), (4, "hari"), (2, "hari"), (1, "hari")]:
            m = mulai + timedelta(weeks=minggu)
            t = tenggat(m, waktu, satuan, BAKU)
            ketepatan(m, t, waktu, satuan, BAKU)
    assert jam_dinding.perf_counter() - awal < 0.5


def test_libur_nasional_di_cache_per_tahun(monkeypatch):
    panggilan = []
    asli = holidays.country_holidays

    def hitung(*args, **kwargs):
        panggilan.append(kwargs.get("years"))
        return asli(*args, **kwargs)

    waktu_kerja._libur_nasional_tahun.cache_clear()
    monkeypatch.setattr(waktu_kerja.holidays, "country_holidays", hitung)
    try:
        menit_kerja(pada(date(2025, 1, 1), 0), pada(date(2026, 12, 31), 0), BAKU)
        menit_kerja(pada(date(2025, 1, 1), 0), pada(date(2026, 12, 31), 0), NATAL)
        assert sorted(panggilan) == [2025, 2026]
    finally:
        waktu_kerja._libur_nasional_tahun.cache_clear()


def test_kalender_hari_kerja_dan_nama_libur():
    assert BAKU.hari_kerja(SEN) and BAKU.libur(SEN) is None
    assert not BAKU.hari_kerja(date(2025, 7, 12))
    assert BAKU.libur(date(2025, 7, 12)) == "Akhir pekan"
    assert BAKU.libur(date(2025, 7, 13)) == "Akhir pekan"
    assert not BAKU.hari_kerja(date(2025, 12, 25))
    assert BAKU.libur(date(2025, 12, 25)) == "Hari Raya Natal"
    assert BAKU.libur(date(2025, 5, 1)) == "Hari Buruh Internasional"
    assert BAKU.hari_kerja(date(2025, 12, 26))
    assert not NATAL.hari_kerja(date(2025, 12, 26))
    assert NATAL.libur(date(2025, 12, 26)) == "Cuti bersama"
    assert KHUSUS.hari_kerja(date(2025, 7, 12)) and KHUSUS.hari_kerja(date(2025, 12, 25))
    assert KHUSUS.libur(date(2025, 7, 13)) == "Akhir pekan"
    tutup_rabu = Kalender({0: (time(8), time(12))}, frozenset())
    assert tutup_rabu.libur(date(2025, 7, 9)) == "Kantor tutup"


def test_kalender_baku_dan_validasi():
    assert BAKU.jam_kerja[0] == (time(7, 30), time(16, 0))
    assert BAKU.jam_kerja[4] == (time(7, 30), time(16, 30))
    assert 5 not in BAKU.jam_kerja and 6 not in BAKU.jam_kerja
    assert BAKU.libur_nasional and BAKU.cuti_bersama == frozenset()
    assert Kalender.baku() == BAKU and hash(Kalender.baku()) == hash(BAKU)
    assert NATAL != BAKU
    with pytest.raises(ValueError, match="jam mulai harus sebelum"):
        Kalender({0: (time(16), time(8))}, frozenset())
    with pytest.raises(ValueError, match="setidaknya satu hari kerja"):
        Kalender({}, frozenset())
    with pytest.raises(ValueError, match="0 \\(Senin\\) sampai 6"):
        Kalender({7: (time(8), time(9))}, frozenset())


def test_kalender_tidak_ikut_berubah_bila_dict_asal_diubah():
    jam = {0: (time(8), time(12))}
    kal = Kalender(jam, {date(2025, 7, 7)})
    jam[1] = (time(8), time(12))
    assert 1 not in kal.jam_kerja
    assert isinstance(kal.cuti_bersama, frozenset)


def test_cuti_bersama_resmi_dari_paket():
    resmi = cuti_bersama_resmi(2025)
    assert date(2025, 12, 26) in resmi and date(2025, 4, 7) in resmi
    assert date(2025, 12, 25) not in resmi
    kal = Kalender.baku(resmi)
    assert menit_kerja(pada(date(2025, 12, 24), 15), pada(date(2025, 12, 29), 8), kal) == 90


@pytest.mark.parametrize(
    ("mulai", "selesai", "kal", "harapan"),
    [
        (pada(SEN, 7, 30), pada(SEN, 16), BAKU, 1.0),
        (pada(SEN, 0), pada(SEN, 23, 59), BAKU, 1.0),
        (pada(SEN, 0), pada(date(2025, 7, 14), 0), BAKU, 5.0),
        # Monday and Tuesday are equally long, so noon to noon is exactly one day.
        (pada(SEN, 12), pada(date(2025, 7, 8), 12), BAKU, 1.0),
        # Thursday noon to Friday noon: 4/8.5 + 4.5/9.
        (pada(date(2025, 7, 10), 12), pada(JUM, 12), BAKU, 4 / 8.5 + 0.5),
        (pada(SEN, 7, 30), pada(date(2025, 7, 9), 11, 45), BAKU, 2.5),
        # Natal week: Mon, Tue, Wed, Fri; with cuti bersama Friday is off too.
        (pada(date(2025, 12, 22), 0), pada(date(2025, 12, 27), 0), BAKU, 4.0),
        (pada(date(2025, 12, 22), 0), pada(date(2025, 12, 27), 0), NATAL, 3.0),
        (pada(JUM, 12), pada(SEN, 12), BAKU, 0.0),
    ],
)
def test_hari_kerja_antara_tabel(mulai, selesai, kal, harapan):
    assert hari_kerja_antara(mulai, selesai, kal) == pytest.approx(harapan, abs=1e-12)
    assert durasi(mulai, selesai, "hari", kal) == pytest.approx(harapan, abs=1e-12)


def test_durasi_satuan_tidak_dikenal():
    with pytest.raises(ValueError, match="tidak dikenal"):
        durasi(pada(SEN, 8), pada(SEN, 9), "jam", BAKU)
    assert durasi(pada(SEN, 8), pada(SEN, 9), " Menit ", BAKU) == 60.0


@pytest.mark.parametrize(
    ("mulai", "waktu", "satuan", "kal", "harapan"),
    [
        (pada(SEN, 9), 75, "menit", BAKU, pada(SEN, 10, 15)),
        # A deadline landing on closing time stays on that day.
        (pada(SEN, 15, 30), 30, "menit", BAKU, pada(SEN, 16)),
        (pada(SEN, 15, 30), 31, "menit", BAKU, pada(date(2025, 7, 8), 7, 31)),
        (pada(SEN, 6), 10, "menit", BAKU, pada(SEN, 7, 40)),
        (pada(SEN, 17), 10, "menit", BAKU, pada(date(2025, 7, 8), 7, 40)),
        (pada(JUM, 15), 150, "menit", BAKU, pada(date(2025, 7, 14), 8, 30)),
        (pada(date(2025, 7, 12), 10), 30, "menit", BAKU, pada(date(2025, 7, 14), 8)),
        (pada(date(2025, 12, 24), 15), 630, "menit", BAKU, pada(date(2025, 12, 29), 8)),
        (pada(date(2025, 12, 24), 15), 90, "menit", NATAL, pada(date(2025, 12, 29), 8)),
        (pada(date(2025, 12, 31), 15), 90, "menit", BAKU, pada(date(2026, 1, 2), 8)),
        (pada(date(2025, 7, 12), 13), 120, "menit", KHUSUS, pada(date(2025, 7, 14), 9)),
        (pada(SEN, 7, 30), 1, "hari", BAKU, pada(SEN, 16)),
        (pada(SEN, 7, 30), 4, "hari", BAKU, pada(date(2025, 7, 10), 16)),
        # Thursday 10:00 + 2 hari: rest of Thu, all Fri, then Mon up to 10:00.
        (pada(date(2025, 7, 10), 10), 2, "hari", BAKU, pada(date(2025, 7, 14), 10)),
        # Friday 10:00 + 1 hari: 13/18 of Friday, 5/18 of Monday's 510 minutes (141m40s).
        (pada(JUM, 10), 1, "hari", BAKU, pada(date(2025, 7, 14), 9, 51, 40)),
        (pada(date(2025, 12, 24), 7, 30), 2, "hari", NATAL, pada(date(2025, 12, 29), 16)),
        (pada(date(2025, 12, 24), 7, 30), 2, "hari", BAKU, pada(date(2025, 12, 26), 16, 30)),
        (pada(SEN, 9), 0, "menit", BAKU, pada(SEN, 9)),
    ],
)
def test_tenggat_tabel(mulai, waktu, satuan, kal, harapan):
    assert tenggat(mulai, waktu, satuan, kal) == harapan


def test_tenggat_menolak_masukan_salah():
    with pytest.raises(ValueError, match="negatif"):
        tenggat(pada(SEN, 9), -1, "menit", BAKU)
    with pytest.raises(ValueError, match="tidak dikenal"):
        tenggat(pada(SEN, 9), 1, "minggu", BAKU)


def test_format_menit():
    assert format_menit(0) == "0 menit"
    assert format_menit(45) == "45 menit"
    assert format_menit(60) == "1 jam"
    assert format_menit(80) == "1 jam 20 menit"
    assert format_menit(125) == "2 jam 5 menit"
    assert format_menit(600) == "10 jam"
    with pytest.raises(ValueError):
        format_menit(-1)


def test_ketepatan_menit_selesai():
    awal = pada(SEN, 9)
    cepat = ketepatan(awal, pada(SEN, 9, 25), 60, "menit", BAKU)
    assert (cepat.aktual, cepat.baku, cepat.selisih) == (25.0, 60, -35.0)
    assert cepat.selesai and not cepat.terlambat
    assert cepat.teks == "tepat waktu (sisa 35 menit)"

    pas = ketepatan(awal, pada(SEN, 10), 60, "menit", BAKU)
    assert (pas.aktual, pas.selisih, pas.terlambat, pas.teks) == (60.0, 0.0, False, "tepat waktu")

    telat = ketepatan(awal, pada(SEN, 11, 20), 60, "menit", BAKU)
    assert (telat.aktual, telat.selisih, telat.terlambat) == (140.0, 80.0, True)
    assert telat.teks == "terlambat 1 jam 20 menit"

    # The weekend does not make a Friday-afternoon step late.
    akhir_pekan = ketepatan(pada(JUM, 16), pada(date(2025, 7, 14), 8), 60, "menit", BAKU)
    assert akhir_pekan.aktual == 60.0 and akhir_pekan.teks == "tepat waktu"


def test_ketepatan_menit_berjalan():
    awal = pada(SEN, 9)
    jalan = ketepatan(awal, None, 180, "menit", BAKU, sekarang=pada(SEN, 9, 55))
    assert (jalan.aktual, jalan.selesai, jalan.terlambat) == (55.0, False, False)
    assert jalan.teks == "berjalan, sisa 2 jam 5 menit"

    lewat = ketepatan(awal, None, 60, "menit", BAKU, sekarang=pada(SEN, 10, 15))
    assert (lewat.aktual, lewat.selisih, lewat.terlambat, lewat.selesai) == (75.0, 15.0, True, False)
    assert lewat.teks == "berjalan, melewati batas 15 menit"

    # Time after closing does not eat into the remaining standard time.
    malam = ketepatan(pada(SEN, 15), None, 120, "menit", BAKU, sekarang=pada(SEN, 22))
    assert malam.teks == "berjalan, sisa 1 jam"


def test_ketepatan_hari():
    awal = pada(SEN, 7, 30)
    telat = ketepatan(awal, pada(date(2025, 7, 9), 11, 45), 2, "hari", BAKU)
    assert telat.aktual == pytest.approx(2.5) and telat.terlambat
    assert telat.teks == "terlambat 0,5 hari kerja" and telat.satuan == "hari"

    cepat = ketepatan(awal, pada(date(2025, 7, 8), 16), 4, "hari", BAKU)
    assert cepat.teks == "tepat waktu (sisa 2 hari kerja)" and cepat.selisih == pytest.approx(-2)

    jalan = ketepatan(awal, None, 4, "hari", BAKU, sekarang=pada(date(2025, 7, 9), 11, 45))
    assert jalan.teks == "berjalan, sisa 1,5 hari kerja" and not jalan.selesai

    lewat = ketepatan(awal, None, 1, "hari", BAKU, sekarang=pada(date(2025, 7, 9), 11, 45))
    assert lewat.teks == "berjalan, melewati batas 1,5 hari kerja" and lewat.terlambat

    # Ending exactly at an odd deadline is on time despite microsecond rounding.
    batas = tenggat(pada(JUM, 10), 1, "hari", BAKU)
    pas = ketepatan(pada(JUM, 10), batas, 1, "hari", BAKU)
    assert (pas.aktual, pas.selisih, pas.terlambat, pas.teks) == (1.0, 0.0, False, "tepat waktu")
    # Thursday 07:30:07 + 1 hari ends at a rounded microsecond (7.411765 s past Friday's opening).
    mulai_ganjil = pada(date(2025, 7, 10), 7, 30, 7)
    batas = tenggat(mulai_ganjil, 1, "hari", BAKU)
    assert batas == pada(JUM, 7, 30, 7) + timedelta(microseconds=411765)
    pas = ketepatan(mulai_ganjil, batas, 1, "hari", BAKU)
    assert (pas.aktual, pas.selisih, pas.terlambat, pas.teks) == (1.0, 0.0, False, "tepat waktu")

    # Thursday 16:01 is after closing, so still exactly 4 days; Friday 07:31 is 1/540 late.
    tutup = ketepatan(awal, pada(date(2025, 7, 10), 16, 1), 4, "hari", BAKU)
    assert tutup.teks == "tepat waktu" and not tutup.terlambat
    sedikit = ketepatan(awal, pada(JUM, 7, 31), 4, "hari", BAKU)
    assert sedikit.selisih == pytest.approx(1 / 540)
    assert sedikit.terlambat and sedikit.teks == "terlambat kurang dari 0,01 hari kerja"


def test_ketepatan_validasi_dan_jam_default():
    with pytest.raises(ValueError, match="sebelum waktu mulai"):
        ketepatan(pada(SEN, 10), pada(SEN, 9), 60, "menit", BAKU)
    with pytest.raises(ValueError, match="tidak dikenal"):
        ketepatan(pada(SEN, 10), None, 60, "detik", BAKU, sekarang=pada(SEN, 11))
    # Without sekarang the clock is read; a step starting far in the future has used nothing.
    masa_depan = ketepatan(datetime(2999, 1, 7, 8), None, 60, "menit", BAKU)
    assert masa_depan.aktual == 0.0 and masa_depan.teks == "berjalan, sisa 1 jam"


def test_batas_laporan_dan_sisa_hari():
    assert batas_laporan(2025) == date(2026, 3, 31)
    assert batas_laporan(2025, (6, 30)) == date(2026, 6, 30)
    with pytest.raises(ValueError, match="tidak valid"):
        batas_laporan(2025, (2, 30))
    batas = batas_laporan(2025)
    assert sisa_hari_kalender(batas, date(2026, 3, 1)) == 30
    assert sisa_hari_kalender(batas, date(2026, 3, 31)) == 0
    assert sisa_hari_kalender(batas, date(2026, 4, 2)) == -2
    assert sisa_hari_kalender(batas, date(2025, 12, 31)) == 90


# --- properties -----------------------------------------------------------------

AWAL = datetime(2024, 12, 1)
RENTANG_MENIT = 60 * 24 * 430  # to early Feb 2026: Natal, year ends, Lebaran 2025

menit_bulat = st.integers(0, RENTANG_MENIT).map(lambda m: AWAL + timedelta(minutes=m))
detik = st.integers(0, RENTANG_MENIT * 60).map(lambda s: AWAL + timedelta(seconds=s))
jarak = st.integers(0, 60 * 24 * 21).map(lambda m: timedelta(minutes=m))
kalender = st.sampled_from([BAKU, NATAL, KHUSUS])
cepat = settings(max_examples=60, deadline=None)


@cepat
@given(detik, jarak, st.integers(0, 3000), kalender)
def test_tenggat_kebalikan_menit_kerja(mulai, _jarak, m, kal):
    akhir = tenggat(mulai, m, "menit", kal)
    assert akhir >= mulai
    assert menit_kerja(mulai, akhir, kal) == m
    if m:
        # It is the earliest such instant: one second earlier is short of m.
        assert menit_kerja(mulai, akhir - timedelta(seconds=1), kal) == m - 1


@cepat
@given(menit_bulat, st.integers(1, 6), kalender)
def test_tenggat_kebalikan_hari_kerja_antara(mulai, n, kal):
    akhir = tenggat(mulai, n, "hari", kal)
    assert hari_kerja_antara(mulai, akhir, kal) == pytest.approx(n, abs=1e-9)
    assert hari_kerja_antara(mulai, akhir - timedelta(minutes=1), kal) < n
    assert kal.hari_kerja(akhir.date())


@cepat
@given(detik, jarak, jarak, kalender)
def test_monoton(mulai, j1, j2, kal):
    a, b = mulai + j1, mulai + j1 + j2
    assert menit_kerja(mulai, a, kal) <= menit_kerja(mulai, b, kal)
    assert hari_kerja_antara(mulai, a, kal) <= hari_kerja_antara(mulai, b, kal)


@cepat
@given(menit_bulat, jarak, jarak, kalender)
def test_aditif(a, j1, j2, kal):
    b, c = a + j1, a + j1 + j2
    assert menit_kerja(a, c, kal) == menit_kerja(a, b, kal) + menit_kerja(b, c, kal)
    assert hari_kerja_antara(a, c, kal) == pytest.approx(
        hari_kerja_antara(a, b, kal) + hari_kerja_antara(b, c, kal), abs=1e-9
    )


@settings(max_examples=30, deadline=None)
@given(menit_bulat, st.integers(0, 60 * 24 * 3), kalender)
def test_menit_kerja_sama_dengan_hitung_per_menit(mulai, panjang, kal):
    jendela = {}
    hitung = 0
    for i in range(panjang):
        t = mulai + timedelta(minutes=i)
        if t.date() not in jendela:
            jendela[t.date()] = kal.jendela(t.date())
        j = jendela[t.date()]
        hitung += j is not None and j[0] <= t < j[1]
    assert menit_kerja(mulai, mulai + timedelta(minutes=panjang), kal) == hitung


@cepat
@given(st.dates(date(2024, 12, 1), date(2026, 2, 1)), st.integers(0, 40), kalender)
def test_hari_penuh_adalah_jumlah_hari_kerja(awal, n, kal):
    hari = [awal + timedelta(days=i) for i in range(n)]
    harapan = sum(kal.hari_kerja(d) for d in hari)
    hasil = hari_kerja_antara(pada(awal, 0), pada(awal + timedelta(days=n), 0), kal)
    assert hasil == harapan and float(hasil).is_integer()
    assert all(kal.hari_kerja(d) == (kal.libur(d) is None) for d in hari)
