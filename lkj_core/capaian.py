"""Achievement (capaian) of a performance indicator and its category band."""

from __future__ import annotations

import math
from numbers import Real

from .angka import bulatkan

__all__ = [
    "POLARITAS",
    "SKALA_BAKU",
    "hitung_capaian",
    "validasi_skala",
    "kategori",
]

POLARITAS = ("positif", "negatif", "rentang")

SKALA_BAKU: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"),
    (76.0, "Tinggi"),
    (66.0, "Sedang"),
    (51.0, "Rendah"),
    (float("-inf"), "Sangat Rendah"),
)


def _angka(nama: str, nilai: object) -> float | None:
    if nilai is None:
        return None
    # bool is an int subclass; True as a target is always a data-entry bug.
    if isinstance(nilai, bool) or not isinstance(nilai, Real):
        raise ValueError(f"{nama} harus berupa angka, bukan {nilai!r}.")
    try:
        hasil = float(nilai)
    except OverflowError:
        raise ValueError(f"{nama} terlalu besar: {nilai!r}.") from None
    if not math.isfinite(hasil):
        raise ValueError(f"{nama} harus bilangan terhingga, bukan {nilai!r}.")
    return hasil


def _positif(target: float, realisasi: float) -> float:
    if target == 0:
        # No regulation covers a zero target; reaching at least zero counts as met.
        return 100.0 if realisasi >= 0 else 0.0
    # Dividing by |t| keeps "more is better" true for negative targets too.
    return (1 + (realisasi - target) / abs(target)) * 100


def _negatif(target: float, realisasi: float) -> float:
    if target == 0:
        return 100.0 if realisasi <= 0 else 0.0
    return (1 - (realisasi - target) / abs(target)) * 100


def hitung_capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str,
    target_atas: float | None = None,
) -> float | None:
    """Return the achievement percentage (unrounded, >= 0) or None when not applicable."""
    pol = polaritas.strip().lower() if isinstance(polaritas, str) else polaritas
    if pol not in POLARITAS:
        raise ValueError(
            f"Polaritas {polaritas!r} tidak dikenal; gunakan salah satu dari: {', '.join(POLARITAS)}."
        )
    t = _angka("Target", target)
    r = _angka("Realisasi", realisasi)
    b = _angka("Target atas", target_atas)

    if pol != "rentang":
        if b is not None:
            raise ValueError(f"Target atas hanya dipakai untuk polaritas rentang, bukan {pol}.")
        if t is None or r is None:
            return None
        hasil = _positif(t, r) if pol == "positif" else _negatif(t, r)
        return max(0.0, hasil)

    # A range without its lower bound is simply an unset target, not an error.
    if t is None:
        return None
    if b is None:
        raise ValueError("Polaritas rentang memerlukan target atas (batas atas rentang).")
    if b < t:
        raise ValueError(f"Target atas ({b:g}) tidak boleh lebih kecil dari target bawah ({t:g}).")
    if r is None:
        return None
    if t <= r <= b:
        return 100.0
    hasil = _negatif(b, r) if r > b else _positif(t, r)
    return max(0.0, hasil)


def validasi_skala(skala: object) -> tuple[tuple[float, str], ...]:
    """Validate a category scale and return it as a normalised tuple of (lower_bound, label)."""
    if isinstance(skala, (str, bytes)) or not hasattr(skala, "__iter__"):
        raise ValueError("Skala kategori harus berupa daftar pasangan (batas bawah, label).")
    baris = list(skala)
    if not baris:
        raise ValueError("Skala kategori tidak boleh kosong.")

    hasil: list[tuple[float, str]] = []
    for i, pasangan in enumerate(baris, start=1):
        if isinstance(pasangan, (str, bytes)) or not hasattr(pasangan, "__len__") or len(pasangan) != 2:
            raise ValueError(f"Baris {i} skala kategori harus berisi tepat dua isian: batas bawah dan label.")
        batas, label = pasangan
        terakhir = i == len(baris)
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"Label pada baris {i} skala kategori tidak boleh kosong.")
        if batas is None and terakhir:
            # JSON has no -inf, so None stands for "everything below".
            batas = float("-inf")
        if batas is None or isinstance(batas, bool) or not isinstance(batas, Real):
            raise ValueError(f"Batas bawah pada baris {i} skala kategori harus berupa angka.")
        batas = float(batas)
        if math.isnan(batas) or (math.isinf(batas) and not (terakhir and batas < 0)):
            raise ValueError(f"Batas bawah pada baris {i} skala kategori tidak valid: {batas}.")
        if hasil and batas >= hasil[-1][0]:
            raise ValueError(
                f"Batas bawah skala kategori harus menurun tegas: baris {i} ({batas:g}) "
                f"tidak lebih kecil dari baris {i - 1} ({hasil[-1][0]:g})."
            )
        hasil.append((batas, label.strip()))

    if hasil[-1][0] != float("-inf"):
        raise ValueError(
            "Baris terakhir skala kategori harus menampung semua nilai di bawahnya "
            "(batas bawah kosong/-inf), agar tidak ada nilai tanpa kategori."
        )
    return tuple(hasil)


def kategori(capaian: float | None, skala: object = None) -> str | None:
    """Return the category label for a capaian (judged at 2 decimals), or None for n/a."""
    if capaian is None:
        return None
    pita = SKALA_BAKU if skala is None else validasi_skala(skala)
    if isinstance(capaian, float) and math.isinf(capaian):
        # hitung_capaian overflows to +inf for a vanishingly small target; still a band.
        nilai = capaian
    else:
        # Categorise what the user sees: 90.999 displays as "91,00 %", so it is Sangat Tinggi.
        nilai = bulatkan(_angka("Capaian", capaian), 2)
    for batas, label in pita:
        if nilai >= batas:
            return label
    raise AssertionError("unreachable: validated scale ends at -inf")
