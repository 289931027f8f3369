"""The report's charts rendered to images in a short-lived child process.
"""

from __future__ import annotations

import functools
import json

import pandas as pd

from lkj_core.laporan.data import _nilai
from lkj_core.laporan.dokumen import FOLDER_FONT, FONT

# --- charts (Altair -> PNG via vl-convert) ---

# The charts are rendered in a short-lived child process: vl-convert's JavaScript engine takes
# about 100 MB that would otherwise stay in the (long-running) app or CLI process and push a
# report build past its memory budget.
_ANAK_GRAFIK = """
import base64, json, sys
import vl_convert
vl_convert.register_font_directory(sys.argv[1])
specs = json.load(sys.stdin)
json.dump([base64.b64encode(vl_convert.vegalite_to_png(s, scale=2)).decode() for s in specs],
          sys.stdout)
"""


@functools.lru_cache(maxsize=8)
def _png_semua(specs_json: tuple[str, ...]) -> tuple[bytes, ...]:
    import base64
    import subprocess
    import sys

    if not specs_json:
        return ()
    # The bundled font folder makes chart text work where DejaVu is not installed (Windows).
    hasil = subprocess.run(
        [sys.executable, "-c", _ANAK_GRAFIK, str(FOLDER_FONT)],
        input="[" + ",".join(specs_json) + "]", capture_output=True, text=True, timeout=120)
    if hasil.returncode != 0:
        raise RuntimeError("Grafik laporan gagal digambar: " + hasil.stderr[-500:])
    return tuple(base64.b64decode(x) for x in json.loads(hasil.stdout))


def _spec(chart) -> str:
    # Keyed by the spec's JSON: rebuilding an unchanged report reuses the rendered PNGs.
    return json.dumps(chart.to_dict(validate=False), sort_keys=True, default=str)


def _ke_png(chart) -> bytes:
    """One chart as PNG (2x), rendered in the child process."""
    return _png_semua((_spec(chart),))[0]


def _gaya(chart):
    return chart.configure(
        font=FONT, locale={"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                                      "currency": ["Rp ", ""]}},
        axis={"labelFontSize": 11, "titleFontSize": 11, "labelColor": "#333333",
              "titleColor": "#333333"},
        legend={"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 560},
        view={"stroke": None}, background="transparent")


def grafik_tren(tren: pd.DataFrame):
    """Line chart of each indicator's capaian (%) over the years, with the 100 % line."""
    import altair as alt

    df = tren.dropna(subset=["capaian"])
    # Codes only in the legend: the table just above names each indicator, and vl-convert's
    # time grows with every character of chart text (full names tripled it).
    df = pd.DataFrame({"tahun": df["tahun"].astype(int).astype(str),
                       "capaian": df["capaian"].astype(float), "indikator": df["kode"]})
    garis = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=50), strokeWidth=2).encode(
        x=alt.X("tahun:O", title="Tahun", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("capaian:Q", title="Capaian (%)", scale=alt.Scale(zero=False)),
        color=alt.Color("indikator:N", title="Indikator", scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="right")))
    seratus = alt.Chart(pd.DataFrame({"y": [100.0]})).mark_rule(
        color="#616161", strokeDash=[5, 4]).encode(y="y:Q")
    return _gaya((seratus + garis).properties(width=440, height=190))


def grafik_anggaran(anggaran: pd.DataFrame):
    """Grouped bars per program line: budget absorption beside its unit's mean capaian."""
    import altair as alt

    baris = []
    for r in anggaran.itertuples():
        for ukuran, v in (("Serapan anggaran", r.serapan), ("Capaian kinerja unit",
                                                            r.capaian_unit)):
            if _nilai(v) is not None:
                baris.append({"kode": r.kode, "ukuran": ukuran, "persen": float(v)})
    df = pd.DataFrame(baris, columns=["kode", "ukuran", "persen"])
    urutan = ["Serapan anggaran", "Capaian kinerja unit"]
    batang = alt.Chart(df).mark_bar().encode(
        x=alt.X("kode:N", title="Program/kegiatan (kode)", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("ukuran:N", sort=urutan),
        y=alt.Y("persen:Q", title="Persen (%)", scale=alt.Scale(domain=[0, 110])),
        color=alt.Color("ukuran:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=urutan, range=["#1a4e8a", "#f0a04b"])))
    seratus = alt.Chart(pd.DataFrame({"y": [100.0]})).mark_rule(
        color="#616161", strokeDash=[5, 4]).encode(y="y:Q")
    return _gaya((batang + seratus).properties(width=460, height=170))
