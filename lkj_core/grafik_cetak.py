"""Charts for print: Altair charts in, SVG (or PNG at >= 300 ppi) for fpdf2 out.

Rendering happens in one short-lived child process per report: vl-convert's JavaScript
engine takes about 100 MB that would otherwise stay in the long-running app or CLI process.
This module imports only the standard library at the top, so the child that runs
`_anak()` loads nothing but vl-convert (see `_PERINTAH_ANAK`).

SVG is the default: fpdf2 2.8.9 draws vl-convert's SVG as vector paths and real text in the
document's own font, so charts stay sharp at any zoom and add little to the file. fpdf2
needs a few fixes on the way (`svg_untuk_fpdf`). PNG remains available (`jenis="png"`) at
>= 300 ppi of the printed width.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import re
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

__all__ = ["FOLDER_FONT", "FONT", "LEBAR_CETAK_MM", "PPI_MINIMUM", "Gambar", "gambar_laporan",
           "svg_untuk_fpdf"]

FOLDER_FONT = Path(__file__).parent / "data" / "fonts"
# The TTF's own family name: vl-convert finds chart fonts by it and fpdf2 draws SVG text with
# the font registered under it, so the chart config and `FPDF.add_font` use the very same name.
FONT = "DejaVu Sans"
LEBAR_CETAK_MM = 166.0       # A4 text width with the report's 22/20 mm margins
PPI_MINIMUM = 300
_PT_PER_MM = 72 / 25.4
_SVG = "http://www.w3.org/2000/svg"
# A spec that still asks for an absurd canvas must fail in the child, fast, not take the
# machine's memory with it (vl-convert's engine reserves address space, so RLIMIT_AS is no use;
# RLIMIT_DATA bounds what it actually allocates).
_BATAS_MEMORI_ANAK = 1536 * 1024 * 1024
_WAKTU_ANAK_DETIK = 120

Jenis = Literal["svg", "png"]


@dataclass(frozen=True)
class Gambar:
    """One rendered chart and the size it is meant to print at."""

    data: bytes
    jenis: Jenis
    lebar_pt: float      # printed width
    tinggi_pt: float     # printed height (lebar_pt * rasio)
    lebar_px: float      # SVG: the drawing's own width (px); PNG: pixel width
    tinggi_px: float

    @property
    def rasio(self) -> float:
        """Height over width: print at `w` mm, then `h = w * rasio`."""
        return self.tinggi_px / self.lebar_px

    @property
    def lebar_mm(self) -> float:
        """Printed width in millimetres."""
        return self.lebar_pt / _PT_PER_MM

    @property
    def tinggi_mm(self) -> float:
        """Printed height in millimetres."""
        return self.tinggi_pt / _PT_PER_MM

    @property
    def ppi(self) -> float | None:
        """Pixels per inch at the printed width (PNG only; SVG is vector)."""
        return self.lebar_px / (self.lebar_pt / 72) if self.jenis == "png" else None

    def berkas(self) -> BytesIO:
        """The bytes as a file object for `FPDF.image`."""
        return BytesIO(self.data)


def gambar_laporan(charts: dict, lebar_mm: dict[str, float] | float = LEBAR_CETAK_MM,
                   jenis: Jenis = "svg") -> dict[str, Gambar]:
    """Render every chart of a report in one child process; same specs come from the cache.

    `lebar_mm` is the printed width (one for all, or per chart name); for PNG it sets the
    pixel width (>= 300 ppi). The PDF code needs `FONT` registered for styles "", "B", "I".
    """
    if jenis not in ("svg", "png"):
        raise ValueError(f"Jenis gambar {jenis!r} tidak dikenal; gunakan 'svg' atau 'png'.")
    lebar = {nama: float(lebar_mm[nama] if isinstance(lebar_mm, dict) else lebar_mm)
             for nama in charts}
    tugas = tuple((_spec(chart), jenis, _px_minimum(lebar[nama]) if jenis == "png" else 0)
                  for nama, chart in charts.items())
    hasil, _ = _gambar_semua(tugas)
    gambar = {}
    for nama, (data, w_px, h_px) in zip(charts, hasil):
        lebar_pt = lebar[nama] * _PT_PER_MM
        gambar[nama] = Gambar(data, jenis, lebar_pt, lebar_pt * h_px / w_px, w_px, h_px)
    return gambar


def _spec(chart) -> str:
    # Keyed by the spec's JSON: rebuilding an unchanged report reuses the rendered images.
    d = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    return json.dumps(d, sort_keys=True, default=str)


def _px_minimum(lebar_mm: float) -> int:
    return math.ceil(lebar_mm / 25.4 * PPI_MINIMUM)


# --- the child process ---

# Imports only this module (stdlib) and vl-convert; the project root goes on sys.path so this
# works whatever the parent's working directory is.
_PERINTAH_ANAK = ("import sys; sys.path.insert(0, sys.argv[1]); "
                  "from lkj_core.grafik_cetak import _anak; _anak()")


_SATU_ANAK = threading.Lock()


@functools.lru_cache(maxsize=4)
def _gambar_semua(tugas: tuple[tuple[str, str, int], ...]
                  ) -> tuple[tuple[tuple[bytes, float, float], ...], int]:
    """((data, width px, height px) per (spec, kind, minimum px) task, the child's VmHWM in kB)."""
    if not tugas:
        return (), 0
    masukan = json.dumps({"font": str(FOLDER_FONT), "tugas": tugas})
    try:
        # One chart child at a time per process: two sessions exporting at once would
        # otherwise hold two JavaScript engines (~110 MB each).
        with _SATU_ANAK:
            hasil = subprocess.run(
                [sys.executable, "-c", _PERINTAH_ANAK, str(Path(__file__).parent.parent)],
                input=masukan, capture_output=True, text=True, timeout=_WAKTU_ANAK_DETIK)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"Grafik laporan gagal digambar: lebih dari {_WAKTU_ANAK_DETIK} detik."
                           ) from None
    if hasil.returncode != 0:
        raise RuntimeError("Grafik laporan gagal digambar: " + hasil.stderr[-500:])
    keluaran = json.loads(hasil.stdout)
    gambar = tuple((base64.b64decode(g), w, h) for g, w, h in keluaran["gambar"])
    return gambar, keluaran["vmhwm_kb"]


def _anak() -> None:
    """Child entry point: JSON tasks on stdin, base64 images and the peak RSS on stdout."""
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        resource.setrlimit(resource.RLIMIT_DATA, (_BATAS_MEMORI_ANAK, _BATAS_MEMORI_ANAK))
    import vl_convert

    masukan = json.load(sys.stdin)
    # The bundled folder makes chart text work where DejaVu is not installed (Windows).
    vl_convert.register_font_directory(masukan["font"])
    keluar = []
    for spec, jenis, px_minimum in masukan["tugas"]:
        svg = vl_convert.vegalite_to_svg(spec)
        w, h = _ukuran_svg(svg)
        if jenis == "svg":
            data = svg_untuk_fpdf(svg).encode()
        else:
            # Rasterise the SVG already drawn (no second Vega run), wide enough for >= 300 ppi.
            skala = max(1.0, math.ceil(px_minimum / w * 1000) / 1000)
            data = vl_convert.svg_to_png(svg, scale=skala)
            w, h = _ukuran_png(data)
        keluar.append((base64.b64encode(data).decode(), w, h))
    json.dump({"gambar": keluar, "vmhwm_kb": _vmhwm_kb()}, sys.stdout)


def _vmhwm_kb() -> int:
    try:
        with open("/proc/self/status") as f:
            return next(int(b.split()[1]) for b in f if b.startswith("VmHWM"))
    except (OSError, StopIteration):  # not Linux
        return 0


def _ukuran_svg(svg: str) -> tuple[float, float]:
    m = re.search(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"', svg)
    if not m:
        raise RuntimeError("SVG grafik tanpa ukuran.")
    return float(m.group(1)), float(m.group(2))


def _ukuran_png(png: bytes) -> tuple[int, int]:
    # Width and height sit in the IHDR chunk right after the 8-byte signature.
    return struct.unpack(">II", png[16:24])


# --- SVG cleanup for fpdf2 ---

def svg_untuk_fpdf(svg: str, font: str = FONT) -> str:
    """vl-convert's SVG made safe for fpdf2 2.8.9's SVG renderer (same picture).

    - `<line>` without x1/y1 (SVG default 0) raises KeyError in fpdf2: write the zeros;
    - `<path d="">` and hidden elements fail or draw nothing: drop them;
    - a shape with a stroke width but no stroke colour gets a black outline in fpdf2 (SVG
      says none): state `stroke="none"` at the root so it is inherited;
    - every text uses `font`: fpdf2 draws SVG text with the document's fonts, and a family
      the PDF did not register would fail (the layout was measured with that font anyway);
    - `font-size="11px"`: fpdf2 takes px as 0.75 of a user unit, so text came out a quarter
      smaller than Vega measured it (legend labels left gaps); a bare number is user units.
    """
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    akar = ET.fromstring(svg)
    akar.set("stroke", akar.get("stroke", "none"))
    for induk in list(akar.iter()):
        for el in list(induk):
            tag = el.tag.rsplit("}", 1)[-1]
            if el.get("display") == "none" or (tag == "path" and not (el.get("d") or "").strip()):
                induk.remove(el)
                continue
            if tag == "line":
                for a in ("x1", "y1", "x2", "y2"):
                    el.set(a, el.get(a, "0"))
            if el.get("font-family") is not None:
                el.set("font-family", font)
            ukuran = el.get("font-size")
            if ukuran and ukuran.endswith("px"):
                el.set("font-size", ukuran[:-2])
            if el.get("font-style") == "italic" and el.get("font-weight") == "bold":
                del el.attrib["font-style"]  # the report registers "", "B" and "I", not "BI"
    return ET.tostring(akar, encoding="unicode")
