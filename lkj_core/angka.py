"""Indonesian number parsing and formatting, kept in one place.

Users type numbers the Indonesian way ("1.234,5") but data pasted from
spreadsheets often arrives the English way ("1,234.5"). Parsing accepts both
when the reading is unambiguous and refuses to guess otherwise; formatting
always produces the Indonesian form.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Real

# Indonesian month names: dates in the UI, the PDF, messages ("4 Desember 2026").
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def format_tanggal(tanggal) -> str:
    """A date (or datetime, or anything pandas reads as one) the Indonesian way:
    '20 Januari 2026'."""
    import pandas as pd

    t = pd.Timestamp(tanggal)
    return f"{t.day} {BULAN[t.month - 1]} {t.year}"

__all__ = [
    "AngkaTidakValid",
    "parse_angka",
    "bulatkan",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "format_nilai",
    "format_isian",
]

N_A = "n/a"

# Copy-paste from Excel or Word often carries these instead of plain spaces.
_SPASI_KHUSUS = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}
_MINUS = "-\u2212"

# The percent sign is split off before matching: a lazy body followed by optional trailing
# whitespace made the pattern backtrack quadratically (a pasted 32 000-character cell took
# 20 s and held the interpreter lock the whole time).
_POLA_LUAR = re.compile(
    r"^(?P<s1>[-\u2212+])?\s*(?P<rp>rp\.?)?\s*(?P<s2>[-\u2212+])?\s*(?P<isi>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_POLA_ISI = re.compile(r"^[0-9.,]+$")


class AngkaTidakValid(ValueError):
    """Raised when text cannot be read as a number; str() is a user-facing message."""

    def __init__(self, teks: object, alasan: str) -> None:
        self.teks = teks
        self.alasan = alasan
        super().__init__(alasan)

    def __str__(self) -> str:
        return self.alasan


def _tidak_valid(teks: object, detail: str = "") -> AngkaTidakValid:
    pesan = f"'{teks}' bukan angka yang valid"
    pesan += f": {detail}" if detail else ". Contoh penulisan: 1234,5 atau 1.234,5."
    return AngkaTidakValid(teks, pesan)


def _kelompok_ribuan_sah(bagian: str, pemisah: str) -> bool:
    # A leading zero group ("0.123") cannot be a thousands grouping.
    pola = r"[1-9]\d{0,2}(?:" + re.escape(pemisah) + r"\d{3})+"
    return re.fullmatch(pola, bagian) is not None


def _dari_angka(teks: object) -> float:
    if isinstance(teks, bool) or not isinstance(teks, Real):
        raise _tidak_valid(teks, "jenis data tidak didukung.")
    try:
        nilai = float(teks)
    except (OverflowError, ValueError):
        raise _tidak_valid(teks, "nilainya terlalu besar.") from None
    if not math.isfinite(nilai):
        raise _tidak_valid(teks, "nilai harus berupa bilangan terhingga.")
    return nilai if nilai != 0 else 0.0


def parse_angka(teks: object, boleh_kosong: bool = False) -> float | None:
    """Parse an Indonesian- or English-formatted number, refusing ambiguous input."""
    if teks is None:
        if boleh_kosong:
            return None
        raise AngkaTidakValid(teks, "Nilai wajib diisi.")
    if not isinstance(teks, str):
        return _dari_angka(teks)

    asli = teks
    for khusus, biasa in _SPASI_KHUSUS.items():
        teks = teks.replace(khusus, biasa)
    teks = teks.strip()
    if not teks:
        if boleh_kosong:
            return None
        raise AngkaTidakValid(asli, "Nilai wajib diisi.")

    persen = teks.endswith("%")
    if persen:
        teks = teks[:-1].rstrip()
    cocok = _POLA_LUAR.match(teks)
    if cocok is None:
        raise _tidak_valid(asli)
    s1, s2, rp = cocok["s1"], cocok["s2"], cocok["rp"]
    isi = cocok["isi"]
    if s1 and s2:
        raise _tidak_valid(asli, "tanda minus/plus hanya boleh satu.")
    if rp and persen:
        raise _tidak_valid(asli, "tidak bisa sekaligus rupiah dan persen.")
    if not isi or _POLA_ISI.match(isi) is None or not any(c.isdigit() for c in isi):
        raise _tidak_valid(asli)
    tanda = s1 or s2
    negatif = bool(tanda) and tanda in _MINUS

    bulat, pecahan = _pisah_pemisah(asli, isi, rupiah=bool(rp))
    try:
        nilai = float(f"{bulat or '0'}.{pecahan or '0'}")
    except ValueError:
        raise _tidak_valid(asli) from None
    if not math.isfinite(nilai):
        raise _tidak_valid(asli, "nilainya terlalu besar.")
    if negatif:
        nilai = -nilai
    # Avoid handing "-0.0" to callers; it would later print as "-0".
    return nilai if nilai != 0 else 0.0


def _pisah_pemisah(asli: str, isi: str, rupiah: bool) -> tuple[str, str]:
    """Split the digit body into (integer digits, fraction digits)."""
    jumlah_titik = isi.count(".")
    jumlah_koma = isi.count(",")

    if jumlah_titik == 0 and jumlah_koma == 0:
        return isi, ""

    if jumlah_titik and jumlah_koma:
        # Whichever comes last is the decimal separator; the other groups thousands.
        desimal = "," if isi.rfind(",") > isi.rfind(".") else "."
        ribuan = "." if desimal == "," else ","
        if isi.count(desimal) != 1:
            raise _tidak_valid(asli, "pemisah desimal muncul lebih dari sekali.")
        bulat, pecahan = isi.split(desimal)
        if not pecahan or not _kelompok_ribuan_sah(bulat, ribuan):
            raise _tidak_valid(asli, "pemisah ribuan harus mengelompokkan tiga angka (mis. 1.234.567,89).")
        return bulat.replace(ribuan, ""), pecahan

    pemisah = "." if jumlah_titik else ","
    if isi.count(pemisah) > 1:
        if not _kelompok_ribuan_sah(isi, pemisah):
            raise _tidak_valid(asli, "pemisah ribuan harus mengelompokkan tiga angka (mis. 1.234.567).")
        return isi.replace(pemisah, ""), ""

    kiri, kanan = isi.split(pemisah)
    if not kanan:
        raise _tidak_valid(asli, "tidak ada angka setelah pemisah desimal.")
    bisa_ribuan = len(kanan) == 3 and 1 <= len(kiri) <= 3 and not kiri.startswith("0")
    if bisa_ribuan:
        # Rupiah amounts never carry three decimals, so "Rp 1.234" can only be thousands.
        if rupiah:
            return kiri + kanan, ""
        # Suggest a decimal spelling that is no longer three digits after the separator.
        desimal = kanan.rstrip("0") or "0"
        if len(desimal) == 3:
            desimal += "0"
        raise AngkaTidakValid(
            asli,
            f"'{asli}' ambigu: ribuan ({kiri}{kanan}) atau desimal? "
            f"Tulis {kiri}{kanan} tanpa pemisah ribuan, atau {kiri},{desimal} bila maksudnya desimal.",
        )
    return kiri, kanan


def bulatkan(x: float, desimal: int = 2) -> float:
    """Round half-up on the decimal value users see (90.995 -> 91.0), unlike round()."""
    return float(_bulatkan_decimal(x, desimal))


def _bulatkan_decimal(x: object, desimal: int) -> Decimal:
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(f"Nilai {x!r} bukan angka.")
    if isinstance(desimal, bool) or not isinstance(desimal, int) or desimal < 0:
        raise ValueError(f"Jumlah desimal harus bilangan bulat >= 0, bukan {desimal!r}.")
    if isinstance(x, int):
        d = Decimal(x)
    else:
        f = float(x)
        if not math.isfinite(f):
            raise ValueError(f"Nilai {x!r} tidak dapat diformat (bukan bilangan terhingga).")
        # repr() is the shortest text that round-trips, i.e. the number as the user
        # entered it; rounding the exact binary value would turn 90.995 into 90.99.
        d = Decimal(repr(f))
    with localcontext() as ctx:
        # Enough precision for any float (exponent <= 308) or any big int.
        ctx.prec = max(400, len(str(abs(int(d)))) + desimal + 10)
        hasil = d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return hasil.copy_abs() if hasil == 0 else hasil


def format_angka(x: float | None, desimal: int = 2) -> str:
    """Format a number Indonesian-style ("1.234.567,89"); None gives "n/a"."""
    if x is None:
        return N_A
    teks = f"{_bulatkan_decimal(x, desimal):,.{desimal}f}"
    return teks.translate(str.maketrans({",": ".", ".": ","}))


def format_persen(x: float | None, desimal: int = 2) -> str:
    """Format a percentage Indonesian-style ("96,47 %"); None gives "n/a"."""
    if x is None:
        return N_A
    return f"{format_angka(x, desimal)} %"


def format_rupiah(x: float | None) -> str:
    """Format a rupiah amount without decimals ("Rp 1.234.568"); None gives "n/a"."""
    if x is None:
        return N_A
    teks = format_angka(x, 0)
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


def format_nilai(x: float | None) -> str:
    """Format an indicator value with up to 2 decimals, dropping trailing zeros."""
    if x is None:
        return N_A
    teks = format_angka(x, 2)
    bulat, _, pecahan = teks.partition(",")
    pecahan = pecahan.rstrip("0")
    return f"{bulat},{pecahan}" if pecahan else bulat


def format_isian(x: float | None) -> str:
    """A stored value as a form field's text: like `format_nilai` but without thousands dots
    (a field prefilled with "1.234" would be refused as ambiguous when saved unchanged), and
    empty for no value."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return format_nilai(x).replace(".", "")
