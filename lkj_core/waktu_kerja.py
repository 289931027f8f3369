"""Office time as the SOP means it: office minutes and working days, not wall-clock time.

The SOP "Penyusunan Laporan Kinerja" gives each step a standard time (mutu baku
waktu) either in *menit* or in *hari*. A step's actual duration is measured the
same way: *menit* steps count only minutes inside office hours on working days,
*hari* steps count working days. Weekends (closed weekdays), Indonesian national
holidays and configured cuti bersama never count.

All datetimes are naive Asia/Jakarta wall-clock times. Everything here is a pure
function of its arguments; the only clock read is the default of ``sekarang``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Iterator
from zoneinfo import ZoneInfo

import holidays

from lkj_core.angka import format_nilai

__all__ = [
    "SATUAN",
    "Kalender",
    "Ketepatan",
    "batas_laporan",
    "cuti_bersama_resmi",
    "durasi",
    "format_menit",
    "hari_kerja_antara",
    "ketepatan",
    "menit_kerja",
    "sisa_hari_kalender",
    "tenggat",
]

SATUAN = ("menit", "hari")

ZONA = ZoneInfo("Asia/Jakarta")

_NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_SATU_HARI = timedelta(days=1)
_SATU_MENIT = timedelta(minutes=1)
_MIKRODETIK = timedelta(microseconds=1)
# A hari step that ends at its own tenggat must read as on time, even though the
# instant was rounded to a microsecond; 1e-9 day is far below anything a user sees.
_TOLERANSI_HARI = 1e-9

_JAM_KERJA_BAKU = {
    0: (time(7, 30), time(16, 0)),
    1: (time(7, 30), time(16, 0)),
    2: (time(7, 30), time(16, 0)),
    3: (time(7, 30), time(16, 0)),
    4: (time(7, 30), time(16, 30)),
}


@lru_cache(maxsize=None)
def _libur_nasional_tahun(tahun: int) -> dict[date, str]:
    # Building a holidays object costs far more than a dict lookup; one per year is
    # enough because every Kalender shares the same national holidays.
    return dict(holidays.country_holidays("ID", years=tahun, language="id"))


@lru_cache(maxsize=None)
def _cuti_bersama_tahun(tahun: int) -> frozenset[date]:
    return frozenset(
        holidays.country_holidays("ID", years=tahun, language="id", categories=("government",))
    )


def cuti_bersama_resmi(*tahun: int) -> frozenset[date]:
    """Cuti bersama dates the holidays package knows for the given years (a suggestion to confirm)."""
    hasil: set[date] = set()
    for t in tahun:
        hasil |= _cuti_bersama_tahun(t)
    return frozenset(hasil)


@dataclass(frozen=True)
class Kalender:
    """Office hours per weekday plus the days off that never count as office time."""

    # A dict cannot be hashed; equality still compares it, so hashing on the other
    # fields keeps equal calendars hashing equally.
    jam_kerja: dict[int, tuple[time, time]] = field(hash=False)
    cuti_bersama: frozenset[date] = frozenset()
    libur_nasional: bool = True

    def __post_init__(self) -> None:
        jam: dict[int, tuple[time, time]] = {}
        for hari, rentang in dict(self.jam_kerja).items():
            if isinstance(hari, bool) or not isinstance(hari, int) or not 0 <= hari <= 6:
                raise ValueError("Hari pada jam kerja harus 0 (Senin) sampai 6 (Minggu).")
            buka, tutup = rentang
            if not (isinstance(buka, time) and isinstance(tutup, time)):
                raise ValueError(f"Jam kerja hari {_NAMA_HARI[hari]} harus berupa jam.")
            if buka.tzinfo is not None or tutup.tzinfo is not None:
                raise ValueError(f"Jam kerja hari {_NAMA_HARI[hari]} tidak boleh memakai zona waktu.")
            if not buka < tutup:
                raise ValueError(
                    f"Jam kerja hari {_NAMA_HARI[hari]}: jam mulai harus sebelum jam selesai."
                )
            jam[hari] = (buka, tutup)
        if not jam:
            # Without a single open weekday no deadline could ever be reached.
            raise ValueError("Jam kerja harus memuat setidaknya satu hari kerja.")
        # Own copies, so a caller mutating its dict or set cannot change a frozen calendar.
        object.__setattr__(self, "jam_kerja", dict(sorted(jam.items())))
        object.__setattr__(self, "cuti_bersama", frozenset(self.cuti_bersama))

    @classmethod
    def baku(cls, cuti_bersama: Iterable[date] = ()) -> Kalender:
        """The default calendar: Mon-Thu 07:30-16:00, Fri 07:30-16:30, national holidays off."""
        return cls(dict(_JAM_KERJA_BAKU), frozenset(cuti_bersama), True)

    def libur(self, d: date) -> str | None:
        """Why d is not a working day (holiday name, "Cuti bersama", "Akhir pekan"), or None."""
        if self.libur_nasional:
            nama = _libur_nasional_tahun(d.year).get(d)
            if nama is not None:
                return nama
        if d in self.cuti_bersama:
            return "Cuti bersama"
        if d.weekday() not in self.jam_kerja:
            return "Akhir pekan" if d.weekday() >= 5 else "Kantor tutup"
        return None

    def hari_kerja(self, d: date) -> bool:
        """True when d is an open weekday that is neither a national holiday nor cuti bersama."""
        if d.weekday() not in self.jam_kerja or d in self.cuti_bersama:
            return False
        return not (self.libur_nasional and d in _libur_nasional_tahun(d.year))

    def jendela(self, d: date) -> tuple[datetime, datetime] | None:
        """Opening and closing instants of working day d, or None on a day off."""
        if not self.hari_kerja(d):
            return None
        buka, tutup = self.jam_kerja[d.weekday()]
        return datetime.combine(d, buka), datetime.combine(d, tutup)


def _naif(t: datetime) -> datetime:
    # Aware datetimes (e.g. from a database in UTC) are read as Jakarta wall clock,
    # so mixing them with naive ones cannot raise or shift by seven hours.
    if t.tzinfo is None:
        return t
    return t.astimezone(ZONA).replace(tzinfo=None)


def sekarang() -> datetime:
    """Now as Jakarta wall-clock time (the server may run in UTC; office hours are Jakarta's)."""
    return datetime.now(ZONA).replace(tzinfo=None, microsecond=0)


_sekarang = sekarang


def _potongan(mulai: datetime, selesai: datetime, kal: Kalender) -> Iterator[tuple[timedelta, timedelta]]:
    """Yield (office time inside [mulai, selesai], office-day length) per working day."""
    if selesai <= mulai:
        return
    d, akhir = mulai.date(), selesai.date()
    while d <= akhir:
        jendela = kal.jendela(d)
        if jendela is not None:
            buka, tutup = jendela
            a, b = max(mulai, buka), min(selesai, tutup)
            if b > a:
                yield b - a, tutup - buka
        d += _SATU_HARI


def menit_kerja(mulai: datetime, selesai: datetime, kal: Kalender) -> int:
    """Office minutes between two instants (seconds summed over days, then floored)."""
    mulai, selesai = _naif(mulai), _naif(selesai)
    total = sum((bagian for bagian, _ in _potongan(mulai, selesai, kal)), timedelta(0))
    return total // _SATU_MENIT


def _hari_kerja_pecahan(mulai: datetime, selesai: datetime, kal: Kalender) -> Fraction:
    # Exact fractions so that whole office days add up to an exact integer.
    return sum(
        (Fraction(bagian // _MIKRODETIK, panjang // _MIKRODETIK)
         for bagian, panjang in _potongan(mulai, selesai, kal)),
        Fraction(0),
    )


def hari_kerja_antara(mulai: datetime, selesai: datetime, kal: Kalender) -> float:
    """Working days elapsed: per working day, office time used divided by that day's office hours, summed.

    A full office day counts 1 whatever its length (Friday's 9 hours and Monday's
    8.5 hours are both one day), and a partial day counts its share. Measured this
    way "4 hari" means the same whether a step started at opening or after lunch:
    Monday 12:00 to Tuesday 12:00 is about one day, Monday 07:30 to 16:00 exactly 1.
    """
    return float(_hari_kerja_pecahan(_naif(mulai), _naif(selesai), kal))


def _satuan(satuan: str) -> str:
    s = str(satuan).strip().lower()
    if s not in SATUAN:
        raise ValueError(f"Satuan waktu '{satuan}' tidak dikenal; gunakan 'menit' atau 'hari'.")
    return s


def durasi(mulai: datetime, selesai: datetime, satuan: str, kal: Kalender) -> float:
    """A step's actual duration in its SOP unit: office minutes or working days."""
    if _satuan(satuan) == "menit":
        return float(menit_kerja(mulai, selesai, kal))
    return hari_kerja_antara(mulai, selesai, kal)


def tenggat(mulai: datetime, waktu: int, satuan: str, kal: Kalender) -> datetime:
    """The instant a step started at mulai uses up its standard time (inverse of durasi).

    Office time is consumed day by day from mulai (or the next opening when mulai
    falls outside office hours). For "hari" each working day contributes its share
    of that day's office hours, exactly as in hari_kerja_antara. A deadline that
    lands on closing time stays there rather than moving to the next opening.
    """
    s = _satuan(satuan)
    if waktu < 0:
        raise ValueError("Waktu baku tidak boleh negatif.")
    mulai = _naif(mulai)
    if waktu == 0:
        return mulai
    sisa = Fraction(waktu) if s == "hari" else Fraction(waktu * 60_000_000)
    d = mulai.date()
    while True:
        jendela = kal.jendela(d)
        if jendela is not None and jendela[1] > mulai:
            buka, tutup = jendela
            awal = max(mulai, buka)
            tersedia_us = (tutup - awal) // _MIKRODETIK
            panjang_us = (tutup - buka) // _MIKRODETIK
            # Both units are handled in microseconds of this day's office time.
            butuh_us = sisa * panjang_us if s == "hari" else sisa
            if butuh_us <= tersedia_us:
                return awal + timedelta(microseconds=round(butuh_us))
            sisa -= Fraction(tersedia_us, panjang_us) if s == "hari" else tersedia_us
        d += _SATU_HARI


@dataclass(frozen=True)
class Ketepatan:
    """How a step's actual duration compares with its standard time, in the step's unit."""

    aktual: float
    baku: int
    terlambat: bool
    selisih: float
    selesai: bool
    teks: str
    satuan: str = "menit"


def format_menit(m: int) -> str:
    """Minutes as Indonesian text: "1 jam 20 menit", "45 menit", "2 jam"."""
    m = int(m)
    if m < 0:
        raise ValueError("Jumlah menit tidak boleh negatif.")
    jam, menit = divmod(m, 60)
    if jam and menit:
        return f"{jam} jam {menit} menit"
    if jam:
        return f"{jam} jam"
    return f"{menit} menit"


def _format_hari(x: float) -> str:
    teks = format_nilai(x)
    # Lateness of a few minutes on a multi-day step would otherwise read "0 hari kerja".
    if teks == "0" and x > 0:
        return "kurang dari 0,01 hari kerja"
    return f"{teks} hari kerja"


def ketepatan(
    mulai: datetime,
    selesai: datetime | None,
    waktu: int,
    satuan: str,
    kal: Kalender,
    sekarang: datetime | None = None,
) -> Ketepatan:
    """Compare a step's duration (up to selesai, or up to sekarang while running) with its standard time."""
    s = _satuan(satuan)
    if waktu < 0:
        raise ValueError("Waktu baku tidak boleh negatif.")
    mulai = _naif(mulai)
    sudah = selesai is not None
    if sudah:
        akhir = _naif(selesai)
        if akhir < mulai:
            raise ValueError("Waktu selesai tidak boleh sebelum waktu mulai.")
    else:
        akhir = _naif(sekarang) if sekarang is not None else _sekarang()

    if s == "menit":
        aktual = float(menit_kerja(mulai, akhir, kal))
        selisih = aktual - waktu
        fmt = lambda x: format_menit(round(x))  # noqa: E731
    else:
        aktual = hari_kerja_antara(mulai, akhir, kal)
        selisih = aktual - waktu
        if abs(selisih) < _TOLERANSI_HARI:
            aktual, selisih = float(waktu), 0.0
        fmt = _format_hari
    terlambat = selisih > 0

    if sudah:
        if terlambat:
            teks = f"terlambat {fmt(selisih)}"
        elif selisih == 0:
            teks = "tepat waktu"
        else:
            teks = f"tepat waktu (sisa {fmt(-selisih)})"
    elif terlambat:
        teks = f"berjalan, melewati batas {fmt(selisih)}"
    else:
        teks = f"berjalan, sisa {fmt(-selisih)}"
    return Ketepatan(aktual, waktu, terlambat, selisih, sudah, teks, s)


def batas_laporan(tahun: int, bulan_hari: tuple[int, int] = (3, 31)) -> date:
    """Legal deadline of a year's report: by default 31 March of the following year."""
    bulan, hari = bulan_hari
    try:
        return date(tahun + 1, bulan, hari)
    except ValueError:
        raise ValueError(f"Tanggal batas laporan tidak valid: {hari}/{bulan}.") from None


def sisa_hari_kalender(batas: date, hari_ini: date) -> int:
    """Calendar days from hari_ini until batas (0 on the day itself, negative once past)."""
    if isinstance(batas, datetime):
        batas = batas.date()
    if isinstance(hari_ini, datetime):
        hari_ini = hari_ini.date()
    return (batas - hari_ini).days
