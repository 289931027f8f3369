"""Charts for print: Altair charts in, SVG (or PNG at >= 300 ppi) for fpdf2 out.

Rendering happens in one short-lived child process per report: vl-convert's JavaScript
engine takes about 100 MB that would otherwise stay in the long-running app or CLI process.
This module imports only the standard library at the top, so the child that runs
`_anak()` loads nothing but vl-convert (see `_PERINTAH_ANAK`).

The child works beside the report's layout, on the other core: a `Penggambar` is started
when the report build begins, warms the engine up (about 0.45 s) while the parent builds the
specs, and hands each chart over as soon as it is drawn (`pesan_gambar`), so the layout waits
only for the chart it places next (in the demo LKjIP: about 0.1 s, for the first one).

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
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Iterator, Literal

__all__ = ["FOLDER_FONT", "FONT", "LEBAR_CETAK_MM", "PPI_MINIMUM", "Gambar", "GambarLaporan",
           "Penggambar", "gambar_laporan", "pesan_gambar", "svg_untuk_fpdf"]

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
                   jenis: Jenis = "svg", penggambar: Penggambar | None = None
                   ) -> dict[str, Gambar]:
    """Render every chart of a report in one child process; same specs come from the cache.

    `lebar_mm` is the printed width (one for all, or per chart name); for PNG it sets the
    pixel width (>= 300 ppi). The PDF code needs `FONT` registered for styles "", "B", "I".
    Waits for every chart; `pesan_gambar` hands each over as soon as it is drawn (and says
    what `penggambar` is).
    """
    return dict(pesan_gambar(charts, lebar_mm, jenis, penggambar))


def pesan_gambar(charts: dict, lebar_mm: dict[str, float] | float = LEBAR_CETAK_MM,
                 jenis: Jenis = "svg", penggambar: Penggambar | None = None) -> GambarLaporan:
    """Like `gambar_laporan`, but returns at once: the charts are drawn in the background (by
    `penggambar` when given, a child already started and warmed up, else by a new child) and
    `hasil[nama]` waits only until that chart is drawn. The child draws them in the order of
    `charts`, so list first the chart the layout places first."""
    if jenis not in ("svg", "png"):
        raise ValueError(f"Jenis gambar {jenis!r} tidak dikenal; gunakan 'svg' atau 'png'.")
    lebar = {nama: float(lebar_mm[nama] if isinstance(lebar_mm, dict) else lebar_mm)
             for nama in charts}
    tugas = tuple((_spec(chart), jenis, _px_minimum(lebar[nama]) if jenis == "png" else 0)
                  for nama, chart in charts.items())
    gambaran = _gambar_semua(tugas)
    gambaran.mulai(penggambar)
    return GambarLaporan(lebar, jenis, gambaran)


class GambarLaporan(Mapping):
    """Chart name → `Gambar`; looking one up waits until the child has drawn it (a failed
    chart raises RuntimeError there)."""

    def __init__(self, lebar_mm: dict[str, float], jenis: Jenis, gambaran: _Gambaran):
        self._lebar, self._jenis, self._gambaran = lebar_mm, jenis, gambaran
        self._urutan = {nama: i for i, nama in enumerate(lebar_mm)}
        self._siap: dict[str, Gambar] = {}

    def __getitem__(self, nama: str) -> Gambar:
        if nama not in self._siap:
            data, w_px, h_px = self._gambaran.gambar(self._urutan[nama])  # KeyError if absent
            lebar_pt = self._lebar[nama] * _PT_PER_MM
            self._siap[nama] = Gambar(data, self._jenis, lebar_pt, lebar_pt * h_px / w_px,
                                      w_px, h_px)
        return self._siap[nama]

    def __iter__(self) -> Iterator[str]:
        return iter(self._urutan)

    def __len__(self) -> int:
        return len(self._urutan)


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

# One chart child at a time per process: two sessions exporting at once would otherwise hold
# two JavaScript engines (~110 MB each). Taken when a child starts, given back when it ends.
_SATU_ANAK = threading.BoundedSemaphore(1)

# The smallest chart: drawing it starts vl-convert's engine before the real charts arrive.
_SPEC_PEMANASAN = '{"data": {"values": [{"a": 1}]}, "mark": "point"}'


class Penggambar:
    """One chart child, started before its charts are known.

    Starting vl-convert's JavaScript engine takes about half a second. Started at the
    beginning of a report build, the child warms the engine up on another core while the
    parent builds the chart specs; given its tasks (`kirim`), it answers one line per chart as
    soon as that chart is drawn, so the parent's layout waits only for the chart it places
    next. Use it as a context manager: leaving it ends a child that was never given work (its
    charts all came from the cache), while a child at work finishes its charts on its own.
    While another report's child is at work, the child starts only once given its tasks, so
    a report whose charts are all cached never waits for it.
    """

    def __init__(self) -> None:
        self._proses: subprocess.Popen | None = None
        self._kondisi = threading.Condition()
        self._hasil: list[tuple[bytes, float, float]] = []
        self._puncak_kb = 0
        self._berakhir = False
        self._galat: str | None = None
        self._batas: float | None = None      # deadline, from the moment it has work
        self._dikirim = False
        if _SATU_ANAK.acquire(blocking=False):
            self._mulai_proses()

    def __enter__(self) -> Penggambar:
        return self

    def __exit__(self, *_) -> None:
        self.tutup()

    def _mulai_proses(self) -> None:
        """Start the child; the caller holds `_SATU_ANAK`, which `_baca` gives back."""
        try:
            # stderr goes to a file: a chatty child must never block on a full pipe
            self._stderr = tempfile.TemporaryFile()
            self._proses = subprocess.Popen(
                [sys.executable, "-c", _PERINTAH_ANAK, str(Path(__file__).parent.parent),
                 str(FOLDER_FONT)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        except BaseException:
            _SATU_ANAK.release()
            raise
        threading.Thread(target=self._baca, name="grafik-cetak-baca", daemon=True).start()

    def kirim(self, tugas: tuple[tuple[str, str, int], ...]) -> None:
        """Give the child its tasks (once); it ends after the last one. Never blocks."""
        assert not self._dikirim, "a chart child takes one set of tasks"
        self._dikirim = True
        self._batas = time.monotonic() + _WAKTU_ANAK_DETIK
        data = b"".join(json.dumps(t).encode() + b"\n" for t in tugas)
        # Written by a thread: the child reads only once its engine is up (or has still to
        # wait for another report's child), and a pipe holds just 64 kB.
        threading.Thread(target=self._tulis, args=(data,), name="grafik-cetak-tulis",
                         daemon=True).start()

    def _tulis(self, data: bytes) -> None:
        try:
            if self._proses is None:
                _SATU_ANAK.acquire()
                self._mulai_proses()
            self._proses.stdin.write(data)
            self._proses.stdin.close()
        except OSError as e:
            if self._proses is None:  # could not start: say so to whoever waits
                self._akhiri(f"proses tidak dapat dimulai: {e}")
            # else the child died: `_baca` reports why

    def tutup(self) -> None:
        """End the child now unless it has work."""
        if self._dikirim:
            return
        self._dikirim = True
        if self._proses is None:
            self._akhiri("tidak diberi tugas.")
        else:
            self._proses.kill()
            self._proses.stdin.close()

    def _baca(self) -> None:
        try:
            for baris in self._proses.stdout:
                pesan = json.loads(baris)
                with self._kondisi:
                    if "gambar" in pesan:
                        data, w, h = pesan["gambar"]
                        self._hasil.append((base64.b64decode(data), w, h))
                    else:
                        self._puncak_kb = pesan["vmhwm_kb"]
                    self._kondisi.notify_all()
        finally:
            self._proses.stdout.close()
            kode = self._proses.wait()
            self._stderr.seek(0)
            galat = self._stderr.read()[-500:].decode(errors="replace")
            self._stderr.close()
            self._akhiri((galat or f"proses berakhir dengan kode {kode}.") if kode else None)
            _SATU_ANAK.release()

    def _akhiri(self, galat: str | None) -> None:
        with self._kondisi:
            self._berakhir, self._galat = True, galat
            self._kondisi.notify_all()

    def ambil(self, i: int) -> tuple[bytes, float, float]:
        """The `i`-th chart (data, width px, height px), once drawn."""
        with self._kondisi:
            while len(self._hasil) <= i and not self._berakhir:
                sisa = self._batas - time.monotonic() if self._batas else _WAKTU_ANAK_DETIK
                if sisa <= 0:
                    if self._proses is not None:
                        self._proses.kill()
                    raise RuntimeError("Grafik laporan gagal digambar: lebih dari "
                                       f"{_WAKTU_ANAK_DETIK} detik.")
                self._kondisi.wait(sisa)
            if len(self._hasil) > i:
                return self._hasil[i]
            raise RuntimeError("Grafik laporan gagal digambar: "
                               + (self._galat or "gambar tidak dikirim."))

    def puncak_kb(self) -> int:
        """The child's VmHWM in kB once it has ended (0 where /proc is missing)."""
        with self._kondisi:
            while not self._berakhir:
                self._kondisi.wait()
            return self._puncak_kb


class _Gambaran:
    """The rendering of one report's tasks by one child, kept by `_gambar_semua`."""

    def __init__(self, tugas: tuple[tuple[str, str, int], ...]) -> None:
        self.tugas = tugas
        self._penggambar: Penggambar | None = None
        self._kunci = threading.Lock()

    def mulai(self, penggambar: Penggambar | None = None) -> None:
        """Start drawing, with `penggambar` if given (a child started earlier), else with a
        new child. Already started (a cached rendering) or nothing to draw: the given child
        is ended unused."""
        with self._kunci:
            if self._penggambar is None and self.tugas:
                self._penggambar = penggambar or Penggambar()
                self._penggambar.kirim(self.tugas)
                return
        if penggambar is not None:
            penggambar.tutup()

    def gambar(self, i: int) -> tuple[bytes, float, float]:
        self.mulai()
        try:
            return self._penggambar.ambil(i)
        except RuntimeError:
            # a failed rendering must not be served again from the cache (failures are rare:
            # forgetting the other cached reports too is simpler than picking this one out)
            _gambar_semua.cache_clear()
            raise

    def puncak_kb(self) -> int:
        """The VmHWM (kB) of the child that drew these charts (0: none was needed)."""
        return self._penggambar.puncak_kb() if self._penggambar else 0


@functools.lru_cache(maxsize=4)
def _gambar_semua(tugas: tuple[tuple[str, str, int], ...]) -> _Gambaran:
    """The rendering of these (spec, kind, minimum px) tasks: the last four are remembered, so
    rebuilding an unchanged report draws nothing."""
    return _Gambaran(tugas)


def _anak() -> None:
    """Child entry point: warms vl-convert's engine up, then reads JSON tasks from stdin (one
    a line) and answers each on stdout as soon as it is drawn; the last line is its VmHWM."""
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        resource.setrlimit(resource.RLIMIT_DATA, (_BATAS_MEMORI_ANAK, _BATAS_MEMORI_ANAK))
    import vl_convert

    # The bundled folder makes chart text work where DejaVu is not installed (Windows).
    vl_convert.register_font_directory(sys.argv[2])
    vl_convert.vegalite_to_svg(_SPEC_PEMANASAN)
    for baris in sys.stdin:
        spec, jenis, px_minimum = json.loads(baris)
        svg = vl_convert.vegalite_to_svg(spec)
        w, h = _ukuran_svg(svg)
        if jenis == "svg":
            data = svg_untuk_fpdf(svg).encode()
        else:
            # Rasterise the SVG already drawn (no second Vega run), wide enough for >= 300 ppi.
            skala = max(1.0, math.ceil(px_minimum / w * 1000) / 1000)
            data = vl_convert.svg_to_png(svg, scale=skala)
            w, h = _ukuran_png(data)
        sys.stdout.write(json.dumps({"gambar": (base64.b64encode(data).decode(), w, h)}) + "\n")
        sys.stdout.flush()
    sys.stdout.write(json.dumps({"vmhwm_kb": _vmhwm_kb()}) + "\n")


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
