"""Every chart of LKj, for the Dasbor and for the PDF report: DataFrame in, Altair chart out.

No Streamlit here, so tests can inspect ``chart.to_dict()`` and render it. The Dasbor's
charts come first; the report's (``*_laporan``) are sized for an A4 page and rendered for
print by ``lkj_core.grafik_cetak``.

Number formatting: every chart carries a Vega format locale (``config.locale``,
built from ``LOKAL_ID`` and ``LOKAL_WAKTU_ID``), so axis labels read "1.250" and
"Mar" the Indonesian way in the browser and in vl-convert alike. Tooltips do not
rely on it: they show text columns precomputed with ``lkj_core.angka`` (e.g.
"96,47 %"), so they round half-up exactly like every table in the app.

Colours: an explicit palette whose neighbours differ clearly in lightness (readable
for colour-blind users and in greyscale print). Category colours are assigned by
position in the configured scale (``skala``), so a custom scale also gets an
ordered dark-blue-to-dark-red palette; "n/a" is grey. The report uses the same ones.

Outliers: a mistyped realisasi (an index of 3 typed as 300000) gives a capaian of
millions of percent. Plotted capaian is clipped to 0–200 % (``BATAS_CAPAIAN``) and a
clipped bar or point is marked "> 200 %" in red; tooltips and the companion tables keep the
real value. Without the clip one such value flattens every other bar, and a fixed axis
made the renderer try to allocate a canvas of 100+ GB.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

import altair as alt
import pandas as pd

from lkj_core.angka import format_angka, format_nilai, format_persen, format_rupiah
from lkj_core.capaian import SKALA_BAKU
from lkj_core.capaian import kategori as _kategori_dari_capaian
from lkj_core.grafik_cetak import FOLDER_FONT, FONT, LEBAR_CETAK_MM
from lkj_core.perencanaan import format_target

__all__ = [
    "BATAS_CAPAIAN",
    "FOLDER_FONT",
    "FONT",
    "LEBAR_CETAK_MM",
    "LOKAL_ID",
    "LOKAL_WAKTU_ID",
    "N_A",
    "BELUM_ADA_DATA",
    "palet_kategori",
    "target_vs_realisasi",
    "tabel_target_vs_realisasi",
    "capaian_indikator",
    "tabel_capaian_indikator",
    "capaian_sasaran",
    "tabel_capaian_sasaran",
    "tren",
    "tabel_tren",
    "anggaran",
    "tabel_anggaran",
    "gantt_sop",
    "tabel_gantt_sop",
    "sop_per_tahun",
    "tabel_sop_per_tahun",
    "progres_unit",
    "tabel_progres_unit",
    "STATUS_ISIAN",
    "tren_laporan",
    "anggaran_laporan",
    "kategori_laporan",
    "target_realisasi_laporan",
]

LOKAL_ID = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp ", ""]}

_BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
          "Agustus", "September", "Oktober", "November", "Desember"]
_BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
_HARI = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]

LOKAL_WAKTU_ID = {
    "dateTime": "%A, %e %B %Y %H.%M",
    "date": "%d/%m/%Y",
    "time": "%H.%M.%S",
    "periods": ["AM", "PM"],
    "days": _HARI,
    "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    "months": _BULAN,
    "shortMonths": _BULAN_PENDEK,
}

N_A = "n/a"
BELUM_ADA_DATA = "Belum ada data"

# Dark blue (best) ... dark red (worst); the five defaults are used as-is for a
# five-band scale, other lengths are sampled evenly so order stays monotone.
_PALET_5 = ["#1a4e8a", "#4a89c8", "#9cc3e6", "#f0a04b", "#b2182b"]
_PALET_9 = ["#0b2f5c", "#1a4e8a", "#4a89c8", "#9cc3e6", "#f6d3a8",
            "#f0a04b", "#d6604d", "#b2182b", "#67001f"]
_ABU_NA = "#9e9e9e"
_ABU_TERANG = "#d9d9d9"
_BIRU_TUA, _BIRU, _BIRU_MUDA = "#1a4e8a", "#4a89c8", "#9cc3e6"
_JINGGA, _MERAH = "#f0a04b", "#b2182b"

_LEBAR = 420
_LANGKAH = 24  # px per bar row: fits ~20 indicators on a laptop screen without scrolling
_BATAS_LABEL = 60

# Plotted capaian (and realisasi as % of target) lives in [0, BATAS_CAPAIAN]; beyond it a
# value is drawn at the edge and marked. 200 % is twice the target: a real result rarely
# gets there, a typo (3 typed as 300000) always does.
BATAS_CAPAIAN = 200.0
_LEWAT = {"atas": f"> {BATAS_CAPAIAN:.0f} %", "bawah": "< 0 %"}
_SEGITIGA = {"atas": "triangle-up", "bawah": "triangle-down"}


# ---------------------------------------------------------------- helpers


def _kosong(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def _float(x: object) -> float | None:
    if _kosong(x):
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _teks_persen(x: object) -> str:
    f = _float(x)
    if f is not None and math.isinf(f):
        # hitung_capaian overflows to inf for a vanishingly small target; format_persen refuses it.
        return "> 1.000.000 %" if f > 0 else "< -1.000.000 %"
    return N_A if f is None else format_persen(f)


def _teks_nilai(x: object) -> str:
    f = _float(x)
    return N_A if f is None else format_nilai(f)


def _teks_rupiah(x: object) -> str:
    f = _float(x)
    return N_A if f is None else format_rupiah(f)


def _teks_tanggal(x: object) -> str:
    if _kosong(x):
        return "-"
    t = pd.Timestamp(x)
    # Indonesian convention writes the time with a dot: 10.30.
    return f"{t.day:02d} {_BULAN_PENDEK[t.month - 1]} {t.year} {t.hour:02d}.{t.minute:02d}"


def _potong(teks: str, batas: int = _BATAS_LABEL) -> str:
    teks = " ".join(str(teks).split())
    return teks if len(teks) <= batas else teks[: batas - 1].rstrip() + "…"


def _kunci_alami(teks: object) -> tuple:
    # "IK.1.10" must come after "IK.1.2", which plain string sorting gets wrong.
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b.lower())
                 for b in re.split(r"(\d+)", str(teks or "")) if b)


def _urutkan(df: pd.DataFrame, kolom: list[str]) -> pd.DataFrame:
    ada = [k for k in kolom if k in df.columns]
    if not ada:
        return df.reset_index(drop=True)
    kunci = df[ada].apply(lambda r: tuple(_kunci_alami(v) for v in r), axis=1)
    return df.assign(_kunci=kunci).sort_values("_kunci", kind="stable").drop(
        columns="_kunci").reset_index(drop=True)


def _kosong_df(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0


def _pangkas(x: object, atas: float = BATAS_CAPAIAN, bawah: float = 0.0) -> tuple[float | None, str]:
    """The value to plot, clipped into [bawah, atas], and "atas"/"bawah" when it was clipped."""
    f = _float(x)
    if f is None:
        return None, ""
    if f > atas:  # +inf included
        return atas, "atas"
    if f < bawah:
        return bawah, "bawah"
    return f, ""


def _pangkas_kolom(d: pd.DataFrame, kolom: str, **batas) -> pd.Series:
    """Clip `kolom` in place; return per row "atas", "bawah" or "" (not clipped)."""
    hasil = [_pangkas(x, **batas) for x in d[kolom]]
    d[kolom] = [v for v, _ in hasil]
    return pd.Series([t for _, t in hasil], index=d.index, dtype=object)


def _batas_sumbu(nilai, minimum: float = 100.0, ruang: float = 1.15) -> float:
    """Axis end: past the longest (already clipped) bar, with room for its label."""
    ada = [float(v) for v in nilai if _float(v) is not None]
    # round(): 200 * 1.1 / 10 is 22.000000000000004 in floating point, not a reason for 230.
    return math.ceil(round(max([minimum] + ada) * ruang / 10, 6)) * 10


def _terapkan_lokal(chart):
    # Locale lives in the spec itself so the browser and vl-convert format alike.
    return chart.configure(locale={"number": LOKAL_ID, "time": LOKAL_WAKTU_ID})


def _belum_ada_data() -> alt.Chart:
    chart = alt.Chart(pd.DataFrame({"pesan": [BELUM_ADA_DATA]})).mark_text(
        fontSize=14, color="#616161").encode(
        text=alt.Text("pesan:N", title="Keterangan")).properties(width=_LEBAR, height=60)
    return _terapkan_lokal(chart)


def palet_kategori(skala=SKALA_BAKU) -> tuple[list[str], list[str]]:
    """Return (domain, range) for kategori colours: scale labels in order plus "n/a"."""
    label = [lb for _, lb in skala]
    n = len(label)
    if n == len(_PALET_5):
        warna = list(_PALET_5)
    else:
        sumber = _PALET_5 if n < len(_PALET_5) else _PALET_9
        terakhir = len(sumber) - 1
        warna = [sumber[round(i * terakhir / (n - 1))] if n > 1 else sumber[0] for i in range(n)]
    return label + [N_A], warna + [_ABU_NA]


def _label_indikator(df: pd.DataFrame) -> pd.Series:
    return (df["kode"].astype(str) + " — " + df["nama"].astype(str)).map(_potong)


def _y(urutan: list[str], judul: str) -> alt.Y:
    # An explicit domain keeps n/a rows (text layer only) in place and aligns hconcat panels.
    # No axis title: the long labels would run into it, and the section heading says it.
    return alt.Y("label:N", title=None, sort=urutan, scale=alt.Scale(domain=urutan),
                 axis=alt.Axis(labelLimit=380))


def _rule_100(judul: str = "Target 100 %", ukuran: float = 11) -> alt.LayerChart:
    aturan = alt.Chart().mark_rule(color="#424242", strokeDash=[4, 3], strokeWidth=1.5).encode(
        x=alt.datum(100), tooltip=alt.value(judul))
    # Label sits just above the plot, left of the rule, so it covers neither bars nor legend.
    teks = alt.Chart().mark_text(align="right", baseline="bottom", dx=-3, dy=-3,
                                 fontSize=ukuran, color="#424242").encode(
        x=alt.datum(100), y=alt.value(0), text=alt.datum(judul))
    return alt.layer(aturan, teks)


def _teks_lewat(data: pd.DataFrame, x, y, tooltip: list, ukuran: float = 10,
                teks: dict[str, str] = _LEWAT, **posisi) -> alt.Chart:
    """Red "> 200 %" / "< 0 %" beside each clipped bar or point (rows with `lewat` set)."""
    d = data[data["lewat"] != ""].assign(lewat_teks=lambda t: t["lewat"].map(teks))
    letak = {"align": "left", "dx": 3, **posisi}
    return alt.Chart(d).mark_text(fontSize=ukuran, fontWeight="bold", color=_MERAH, **letak).encode(
        x=x, y=y, text=alt.Text("lewat_teks:N", title="Keterangan"), tooltip=tooltip)


def _teks_na(data: pd.DataFrame, x, tooltip: list, ukuran: float = 11) -> alt.Chart:
    return alt.Chart(data).mark_text(align="left", dx=4, fontSize=ukuran, color="#616161",
                                     fontStyle="italic").encode(
        x=x, y=alt.Y("label:N"), text=alt.Text("keterangan:N", title="Keterangan"), tooltip=tooltip)


# ------------------------------------------------------ 1. target vs realisasi

_POLARITAS = {"positif": "Positif (makin tinggi makin baik)",
              "negatif": "Negatif (makin rendah makin baik)",
              "rentang": "Rentang (dalam batas target)"}


def _siapkan_tvr(df: pd.DataFrame) -> pd.DataFrame:
    d = _urutkan(df, ["kode_sasaran", "kode"])
    d["label"] = _label_indikator(d)
    d["polaritas_teks"] = d["polaritas"].map(lambda p: _POLARITAS.get(p, str(p)))
    d["target_teks"] = [format_target(_float(t), _float(a), p) for t, a, p in
                        zip(d["target"], d["target_atas"], d["polaritas"])]
    d["realisasi_teks"] = d["realisasi"].map(_teks_nilai)
    d["capaian_teks"] = d["capaian"].map(_teks_persen)

    persen, atas, ket = [], [], []
    for t, a, r, p in zip(d["target"], d["target_atas"], d["realisasi"], d["polaritas"]):
        t, a, r = _float(t), _float(a), _float(r)
        # Normalising needs a positive target; anything else would draw a misleading bar.
        if r is None:
            persen.append(None), atas.append(None), ket.append(N_A)
        elif t is None:
            persen.append(None), atas.append(None), ket.append("n/a (target belum ada)")
        elif t <= 0:
            persen.append(None), atas.append(None), ket.append("n/a (target ≤ 0)")
        else:
            persen.append(r / t * 100)
            atas.append(a / t * 100 if p == "rentang" and a is not None else None)
            ket.append("")
    d["realisasi_persen"] = persen
    d["target_atas_persen"] = atas
    # A field, not a datum: Vega-Lite cannot pair a datum x with a field x2.
    d["target_persen"] = 100.0
    d["keterangan"] = ket
    d["status"] = [
        ("Memenuhi target" if _float(c) is not None and round(float(c), 2) >= 100
         else "Di bawah target") for c in d["capaian"]]
    return d


def target_vs_realisasi(df: pd.DataFrame) -> alt.LayerChart | alt.Chart:
    """Bullet chart: realisasi as % of target per indicator, tick at the target (100 %)."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = _siapkan_tvr(df)
    # Plotted values are clipped; the tooltip's texts keep the real ones.
    d["lewat"] = _pangkas_kolom(d, "realisasi_persen")
    _pangkas_kolom(d, "target_atas_persen")
    urutan = d["label"].tolist()
    tooltip = [
        alt.Tooltip("kode:N", title="Kode"),
        alt.Tooltip("nama:N", title="Indikator"),
        alt.Tooltip("sasaran:N", title="Sasaran"),
        alt.Tooltip("satuan:N", title="Satuan"),
        alt.Tooltip("polaritas_teks:N", title="Polaritas"),
        alt.Tooltip("target_teks:N", title="Target"),
        alt.Tooltip("realisasi_teks:N", title="Realisasi"),
        alt.Tooltip("capaian_teks:N", title="Capaian"),
    ]
    kolom = ["label", "kode", "nama", "sasaran", "satuan", "polaritas_teks", "target_teks",
             "realisasi_teks", "capaian_teks", "realisasi_persen", "target_persen", "target_atas_persen",
             "keterangan", "status", "lewat"]
    ada = d.loc[d["keterangan"] == "", kolom]
    tiada = d.loc[d["keterangan"] != "", kolom]

    lapisan = []
    pita = ada[ada["target_atas_persen"].notna()]
    if len(pita):
        # The acceptable band of a rentang target, drawn behind the bar.
        lapisan.append(alt.Chart(pita).mark_bar(color=_ABU_TERANG, size=_LANGKAH - 4).encode(
            x="target_persen:Q", x2="target_atas_persen:Q", y=alt.Y("label:N"), tooltip=tooltip))
    if len(ada):
        lapisan.append(alt.Chart(ada).mark_bar(size=_LANGKAH - 12).encode(
            x=alt.X("realisasi_persen:Q", title="Realisasi terhadap target (%)",
                    axis=alt.Axis(format=",.0f"),
                    scale=alt.Scale(domain=[0, _batas_sumbu(pd.concat(
                        [ada["realisasi_persen"], ada["target_atas_persen"]]))])),
            y=_y(urutan, "Indikator kinerja"),
            color=alt.Color("status:N", title="Status",
                            scale=alt.Scale(domain=["Memenuhi target", "Di bawah target"],
                                            range=[_BIRU_TUA, _JINGGA])),
            tooltip=tooltip))
        # Bullet-style target tick on each row.
        lapisan.append(alt.Chart(ada).mark_tick(color="#212121", thickness=2, size=_LANGKAH - 6)
                       .encode(x=alt.datum(100), y=alt.Y("label:N"), tooltip=tooltip))
        if (ada["lewat"] != "").any():
            lapisan.append(_teks_lewat(ada, "realisasi_persen:Q", alt.Y("label:N"), tooltip))
    if len(tiada):
        lapisan.append(_teks_na(tiada, alt.datum(0), tooltip).encode(y=_y(urutan, "Indikator kinerja")))
    lapisan.append(_rule_100("Target (100 %)"))
    chart = alt.layer(*lapisan).properties(width=_LEBAR, height=alt.Step(_LANGKAH))
    return _terapkan_lokal(chart)


def tabel_target_vs_realisasi(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind target_vs_realisasi, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _siapkan_tvr(df)
    return pd.DataFrame({
        "Sasaran": d["kode_sasaran"], "Kode": d["kode"], "Indikator Kinerja": d["nama"],
        "Satuan": d["satuan"], "Polaritas": d["polaritas_teks"], "Target": d["target_teks"],
        "Realisasi": d["realisasi_teks"],
        "Realisasi thd Target": d["realisasi_persen"].map(_teks_persen),
        "Capaian": d["capaian_teks"],
    })


def tabel_dalam_proses(df: pd.DataFrame) -> pd.DataFrame:
    """Entries whose figures are not official yet, each with its status (Dasbor switch)."""
    from lkj_core.isian import LABEL_STATUS

    return pd.DataFrame({
        "Kode": df["kode"], "Indikator Kinerja": df["nama"], "Unit": df["unit"],
        "Realisasi": df["realisasi"].map(_teks_nilai),
        "Capaian": df["capaian"].map(_teks_persen),
        "Status": df["status"].map(lambda s: LABEL_STATUS.get(s, s)),
    })


# -------------------------------------------------- 2./3. capaian (bar chart)


def _kategori_baris(capaian: object, kat: object, label: list[str], skala) -> str:
    c = _float(capaian)
    if c is None:
        return N_A
    if isinstance(kat, str) and kat in label:
        return kat
    # A missing or stale label (scale changed since) is recomputed so the colour is right.
    return _kategori_dari_capaian(c, skala) or N_A


def _lapisan_capaian(d: pd.DataFrame, skala, tooltip: list, langkah: int, legenda: alt.Legend,
                     ukuran_teks: float = 10) -> list:
    """Layers of a horizontal capaian bar chart (rows in column `label`), clipped at 200 %."""
    domain, warna = palet_kategori(skala)
    label_skala = domain[:-1]
    d = d.copy()
    d["kategori"] = [_kategori_baris(c, k, label_skala, skala)
                     for c, k in zip(d["capaian"], d["kategori"])]
    d["capaian_teks"] = d["capaian"].map(_teks_persen)
    d["keterangan"] = N_A
    d["lewat"] = _pangkas_kolom(d, "capaian")
    urutan = d["label"].tolist()
    berdata = d["capaian"].map(_float).notna()
    ada, tiada = d[berdata], d[~berdata]

    # Headroom past the longest bar so its value label is not clipped.
    x = alt.X("capaian:Q", title="Capaian (%)", axis=alt.Axis(format=",.0f"),
              scale=alt.Scale(domain=[0, _batas_sumbu(ada["capaian"])]))
    lapisan = []
    if len(ada):
        batang = alt.Chart(ada).mark_bar(size=langkah - 8).encode(
            x=x, y=_y(urutan, ""),
            # The explicit domain keeps every category (and n/a) in the legend, in scale order.
            color=alt.Color("kategori:N", title="Kategori",
                            scale=alt.Scale(domain=domain, range=warna), legend=legenda),
            tooltip=tooltip)
        # Value labels keep the chart readable when printed in greyscale.
        nilai = alt.Chart(ada[ada["lewat"] == ""]).mark_text(
            align="left", dx=3, fontSize=ukuran_teks, color="#212121").encode(
            x="capaian:Q", y=alt.Y("label:N"), text=alt.Text("capaian_teks:N", title="Capaian"),
            tooltip=tooltip)
        lapisan += [batang, nilai]
        if (ada["lewat"] != "").any():
            lapisan.append(_teks_lewat(ada, "capaian:Q", alt.Y("label:N"), tooltip, ukuran_teks))
    if len(tiada):
        lapisan.append(_teks_na(tiada, alt.datum(0), tooltip, ukuran_teks + 1).encode(
            y=_y(urutan, "")))
    lapisan.append(_rule_100(ukuran=ukuran_teks + 1))
    return lapisan


def _batang_capaian(d: pd.DataFrame, skala, tooltip: list) -> alt.LayerChart:
    lapisan = _lapisan_capaian(d, skala, tooltip, _LANGKAH, alt.Legend(symbolType="square"))
    return _terapkan_lokal(alt.layer(*lapisan).properties(width=_LEBAR, height=alt.Step(_LANGKAH)))


def capaian_indikator(df: pd.DataFrame, skala=SKALA_BAKU) -> alt.LayerChart | alt.Chart:
    """Horizontal capaian bars per indicator coloured by kategori, with a 100 % rule."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = _urutkan(df, ["kode_sasaran", "kode"])
    d["label"] = _label_indikator(d)
    kolom = ["label", "kode", "nama", "capaian", "kategori", "kode_sasaran"]
    if "sasaran" in d.columns:
        kolom.append("sasaran")
    d = d[kolom]
    tooltip = [alt.Tooltip("kode:N", title="Kode"), alt.Tooltip("nama:N", title="Indikator")]
    if "sasaran" in d.columns:
        tooltip.append(alt.Tooltip("sasaran:N", title="Sasaran"))
    tooltip += [alt.Tooltip("capaian_teks:N", title="Capaian"),
                alt.Tooltip("kategori:N", title="Kategori")]
    return _batang_capaian(d, skala, tooltip)


def tabel_capaian_indikator(df: pd.DataFrame, skala=SKALA_BAKU) -> pd.DataFrame:
    """The table behind capaian_indikator, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _urutkan(df, ["kode_sasaran", "kode"])
    label = [lb for _, lb in skala]
    return pd.DataFrame({
        "Sasaran": d["kode_sasaran"], "Kode": d["kode"], "Indikator Kinerja": d["nama"],
        "Capaian": d["capaian"].map(_teks_persen),
        "Kategori": [_kategori_baris(c, k, label, skala) for c, k in zip(d["capaian"], d["kategori"])],
    })


def capaian_sasaran(df: pd.DataFrame, skala=SKALA_BAKU) -> alt.LayerChart | alt.Chart:
    """Horizontal bars of mean capaian per sasaran coloured by kategori, with a 100 % rule."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = _urutkan(df, ["kode_sasaran"])
    d["label"] = (d["kode_sasaran"].astype(str) + " — " + d["sasaran"].astype(str)).map(_potong)
    d["jumlah_teks"] = d["jumlah"].map(lambda j: "0" if _float(j) is None else format_angka(_float(j), 0))
    d = d[["label", "kode_sasaran", "sasaran", "capaian", "kategori", "jumlah_teks"]]
    tooltip = [alt.Tooltip("kode_sasaran:N", title="Kode"),
               alt.Tooltip("sasaran:N", title="Sasaran"),
               alt.Tooltip("capaian_teks:N", title="Rata-rata capaian"),
               alt.Tooltip("jumlah_teks:N", title="Indikator berdata"),
               alt.Tooltip("kategori:N", title="Kategori")]
    return _batang_capaian(d, skala, tooltip)


def tabel_capaian_sasaran(df: pd.DataFrame, skala=SKALA_BAKU) -> pd.DataFrame:
    """The table behind capaian_sasaran, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _urutkan(df, ["kode_sasaran"])
    label = [lb for _, lb in skala]
    return pd.DataFrame({
        "Kode": d["kode_sasaran"], "Sasaran": d["sasaran"],
        "Rata-rata Capaian": d["capaian"].map(_teks_persen),
        "Indikator Berdata": d["jumlah"].fillna(0).astype(int),
        "Kategori": [_kategori_baris(c, k, label, skala) for c, k in zip(d["capaian"], d["kategori"])],
    })


# ------------------------------------------------------------------ 4. tren

_SERI = {  # series -> (colour, dash); dashes keep series apart in greyscale too
    "Realisasi": (_BIRU_TUA, [1, 0]),
    "Target": (_JINGGA, [6, 3]),
    "Target atas": (_JINGGA, [2, 2]),
    "Target akhir Renstra": (_MERAH, [10, 4]),
    "Standar nasional": ("#616161", [3, 3]),
}
_SERI_GARIS = ["Realisasi", "Target", "Target atas"]
_SERI_ACUAN = ["Target akhir Renstra", "Standar nasional"]


def _panjang_tren(df: pd.DataFrame) -> pd.DataFrame:
    d = _urutkan(df, ["kode", "tahun"])
    d["label"] = _label_indikator(d).map(lambda s: _potong(s, 45))
    baris = []
    for r in d.itertuples(index=False):
        umum = {"kode": r.kode, "nama": r.nama, "label": r.label}
        # Missing years are kept as null rows: the line then breaks instead of bridging.
        baris.append({**umum, "tahun": int(r.tahun), "seri": "Realisasi", "nilai": _float(r.realisasi),
                      "nilai_teks": _teks_nilai(r.realisasi), "capaian_teks": _teks_persen(r.capaian)})
        baris.append({**umum, "tahun": int(r.tahun), "seri": "Target", "nilai": _float(r.target),
                      "nilai_teks": _teks_nilai(r.target), "capaian_teks": ""})
        if _float(getattr(r, "target_atas", None)) is not None:
            baris.append({**umum, "tahun": int(r.tahun), "seri": "Target atas",
                          "nilai": _float(r.target_atas), "nilai_teks": _teks_nilai(r.target_atas),
                          "capaian_teks": ""})
    for kode, g in d.groupby("kode", sort=False):
        umum = {"kode": kode, "nama": g["nama"].iloc[0], "label": g["label"].iloc[0],
                "tahun": None, "capaian_teks": ""}
        # One reference row per indicator, so each facet gets exactly one rule.
        for seri, kolom in (("Target akhir Renstra", "target_akhir"),
                            ("Standar nasional", "standar_nasional")):
            nilai = _float(g[kolom].dropna().iloc[0]) if kolom in g and g[kolom].notna().any() else None
            if nilai is not None:
                baris.append({**umum, "seri": seri, "nilai": nilai, "nilai_teks": format_nilai(nilai)})
    hasil = pd.DataFrame(baris, columns=["kode", "nama", "label", "tahun", "seri", "nilai",
                                         "nilai_teks", "capaian_teks"])
    # Nullable ints: the reference rows' missing year must not turn 2024 into 2024.0.
    return hasil.astype({"tahun": "Int64"})


def _pangkas_tren(p: pd.DataFrame) -> pd.Series:
    """Clip each indicator's realisasi in `p` (in place) to twice its largest reference value
    (target, target atas, end target, national standard): the raw-value counterpart of the
    200 % capaian clip. Returns "atas"/"bawah"/"" per row."""
    lewat = pd.Series("", index=p.index, dtype=object)
    for _, g in p.groupby("kode", sort=False):
        acuan = g.loc[g["seri"] != "Realisasi", "nilai"].map(_float).dropna().abs()
        if acuan.empty or acuan.max() == 0:
            continue
        batas = float(acuan.max()) * BATAS_CAPAIAN / 100
        for i in g.index[g["seri"] == "Realisasi"]:
            nilai, tanda = _pangkas(p.at[i, "nilai"], atas=batas, bawah=-batas)
            p.at[i, "nilai"], lewat[i] = nilai, tanda
    return lewat


def tren(df: pd.DataFrame) -> alt.FacetChart | alt.Chart:
    """Small multiples per indicator: realisasi and target over the years plus reference rules."""
    if _kosong_df(df):
        return _belum_ada_data()
    p = _panjang_tren(df)
    p["lewat"] = _pangkas_tren(p)
    hadir = [s for s in _SERI if (p["seri"] == s).any()]
    warna = alt.Color("seri:N", title="Seri", scale=alt.Scale(
        domain=hadir, range=[_SERI[s][0] for s in hadir]),
        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2))
    garis_putus = alt.StrokeDash("seri:N", title="Seri", scale=alt.Scale(
        domain=hadir, range=[_SERI[s][1] for s in hadir]))
    tooltip = [alt.Tooltip("nama:N", title="Indikator"), alt.Tooltip("tahun:O", title="Tahun"),
               alt.Tooltip("seri:N", title="Seri"), alt.Tooltip("nilai_teks:N", title="Nilai"),
               alt.Tooltip("capaian_teks:N", title="Capaian")]
    # Ordinal years: a quantitative 2024 would print as "2.024" under the Indonesian locale.
    x = alt.X("tahun:O", title="Tahun", axis=alt.Axis(labelAngle=0))
    y = alt.Y("nilai:Q", title="Nilai", axis=alt.Axis(format=",~r"), scale=alt.Scale(zero=False))
    garis = alt.Chart().mark_line(strokeWidth=2).encode(
        x=x, y=y, color=warna, strokeDash=garis_putus, detail="seri:N", tooltip=tooltip
    ).transform_filter(alt.FieldOneOfPredicate(field="seri", oneOf=_SERI_GARIS))
    titik = alt.Chart().mark_point(filled=True, size=45).encode(
        x=x, y=y, color=warna, tooltip=tooltip
    ).transform_filter(alt.FieldEqualPredicate(field="seri", equal="Realisasi")
                       # "!": Vega-Lite parses `lewat` with toString, which turns "" into null.
                       ).transform_filter("isValid(datum.nilai) && !datum.lewat")
    # A clipped realisasi: a red triangle at the edge, pointing where the real value lies.
    lewat = [alt.Chart().mark_point(filled=True, size=90, color=_MERAH, opacity=1, shape=bentuk)
             .encode(x=x, y=y, tooltip=tooltip)
             .transform_filter(alt.FieldEqualPredicate(field="lewat", equal=arah))
             for arah, bentuk in _SEGITIGA.items() if (p["lewat"] == arah).any()]
    acuan = alt.Chart().mark_rule(strokeWidth=1.5).encode(
        y=y, color=warna, strokeDash=garis_putus,
        tooltip=[alt.Tooltip("nama:N", title="Indikator"), alt.Tooltip("seri:N", title="Seri"),
                 alt.Tooltip("nilai_teks:N", title="Nilai")]
    ).transform_filter(alt.FieldOneOfPredicate(field="seri", oneOf=_SERI_ACUAN))
    urutan = list(dict.fromkeys(p["label"]))
    chart = alt.layer(garis, titik, acuan, *lewat, data=p).properties(width=200, height=130).facet(
        facet=alt.Facet("label:N", title=None, sort=urutan,
                        header=alt.Header(labelLimit=230, labelFontSize=11)),
        columns=3,
    ).resolve_scale(y="independent")
    return _terapkan_lokal(chart)


def tabel_tren(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind tren, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _urutkan(df, ["kode", "tahun"])
    return pd.DataFrame({
        "Kode": d["kode"], "Indikator Kinerja": d["nama"], "Tahun": d["tahun"].astype(int),
        # format_target only reads polaritas to decide whether to show the upper bound.
        "Target": [format_target(_float(t), _float(a), "rentang" if _float(a) is not None else "positif")
                   for t, a in zip(d["target"], d["target_atas"])],
        "Realisasi": d["realisasi"].map(_teks_nilai),
        "Capaian": d["capaian"].map(_teks_persen),
        "Target Akhir Renstra": d["target_akhir"].map(_teks_nilai),
        "Standar Nasional": d["standar_nasional"].map(
            lambda x: "—" if _float(x) is None else _teks_nilai(x)),
    })


# --------------------------------------------------------------- 5. anggaran


def _siapkan_anggaran(df: pd.DataFrame) -> pd.DataFrame:
    d = _urutkan(df, ["kode"])
    d["label"] = (d["kode"].astype(str) + " — " + d["uraian"].astype(str)).map(lambda s: _potong(s, 50))
    d["unit"] = d["unit"].fillna("-")
    return d


def anggaran(df: pd.DataFrame) -> alt.HConcatChart | alt.Chart:
    """Pagu vs realisasi per program (left) next to serapan vs capaian of its unit (right)."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = _siapkan_anggaran(df)
    urutan = d["label"].tolist()
    umum = {"label": d["label"], "kode": d["kode"], "uraian": d["uraian"], "unit": d["unit"]}

    # A realisasi over twice its pagu (serapan > 200 %) is drawn at 2x pagu and marked.
    real = [_pangkas(r, atas=2 * _float(pg)) if (_float(pg) or 0) > 0 else (_float(r), "")
            for r, pg in zip(d["realisasi"], d["pagu"])]
    rp = pd.concat([
        pd.DataFrame({**umum, "jenis": "Pagu", "nilai": d["pagu"].map(_float),
                      "nilai_teks": d["pagu"].map(_teks_rupiah), "lewat": ""}),
        pd.DataFrame({**umum, "jenis": "Realisasi", "nilai": [v for v, _ in real],
                      "nilai_teks": d["realisasi"].map(_teks_rupiah), "lewat": [t for _, t in real]}),
    ], ignore_index=True)
    # Millions keep axis labels short ("1.250") for budgets from tens of millions to billions.
    rp["juta"] = rp["nilai"] / 1e6
    persen = pd.concat([
        pd.DataFrame({**umum, "jenis": "Serapan anggaran", "nilai": d["serapan"].map(_float),
                      "nilai_teks": d["serapan"].map(_teks_persen)}),
        pd.DataFrame({**umum, "jenis": "Capaian kinerja unit", "nilai": d["capaian_unit"].map(_float),
                      "nilai_teks": d["capaian_unit"].map(_teks_persen)}),
    ], ignore_index=True)
    persen["lewat"] = _pangkas_kolom(persen, "nilai")

    tooltip = [alt.Tooltip("kode:N", title="Kode"), alt.Tooltip("uraian:N", title="Program / Kegiatan"),
               alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("jenis:N", title="Jenis"),
               alt.Tooltip("nilai_teks:N", title="Nilai")]

    def panel(data: pd.DataFrame, x: alt.X, domain: list[str], warna: list[str], judul_warna: str,
              judul_y: str | None, aturan_100: bool, teks_lewat: dict[str, str]):
        ada = data[data["nilai"].notna()]
        # A program without any value in this panel still gets an "n/a" at its row.
        tiada = data.groupby("label", sort=False).filter(lambda g: g["nilai"].isna().all())
        tiada = tiada.drop_duplicates("label").assign(keterangan=N_A)
        sebagian = data[data["nilai"].isna() & ~data["label"].isin(tiada["label"])]
        y = alt.Y("label:N", title=judul_y, sort=urutan, scale=alt.Scale(domain=urutan),
                  axis=alt.Axis(labelLimit=300) if judul_y else None)
        lapisan = []
        if len(ada):
            lapisan.append(alt.Chart(ada).mark_bar().encode(
                x=x, y=y, yOffset=alt.YOffset("jenis:N", sort=domain, scale=alt.Scale(domain=domain)),
                color=alt.Color("jenis:N", title=judul_warna,
                                scale=alt.Scale(domain=domain, range=warna),
                                legend=alt.Legend(orient="bottom")),  # keeps the width in view
                tooltip=tooltip))
        if len(sebagian):
            # Only one of the two values missing: mark it n/a next to the drawn bar.
            lapisan.append(alt.Chart(sebagian.assign(keterangan=sebagian["jenis"] + ": n/a"))
                           .mark_text(align="left", dx=4, fontSize=10, color="#616161",
                                      fontStyle="italic")
                           .encode(x=alt.datum(0), y=y, yOffset=alt.YOffset(
                               "jenis:N", sort=domain, scale=alt.Scale(domain=domain)),
                               text=alt.Text("keterangan:N", title="Keterangan"), tooltip=tooltip))
        if len(tiada):
            lapisan.append(_teks_na(tiada, alt.datum(0), tooltip).encode(y=y))
        if (ada["lewat"] != "").any():
            lapisan.append(_teks_lewat(ada, x, y, tooltip, teks=teks_lewat).encode(
                yOffset=alt.YOffset("jenis:N", sort=domain, scale=alt.Scale(domain=domain))))
        if aturan_100:
            lapisan.append(_rule_100("100 %"))
        # Fixed height per program: a Step would size each Pagu/Realisasi sub-band instead.
        return alt.layer(*lapisan).properties(width=260, height=44 * len(urutan))

    # Room on the right for a clipped bar's marker.
    ruang_rp = (alt.Scale(domain=[0, float(rp["juta"].max()) * 1.3])
                if (rp["lewat"] != "").any() else alt.Undefined)
    kiri = panel(rp, alt.X("juta:Q", title="Rupiah (juta)", axis=alt.Axis(format=",.0f"), scale=ruang_rp),
                 ["Pagu", "Realisasi"], [_BIRU_MUDA, _BIRU_TUA], "Anggaran", "Program / kegiatan", False,
                 {"atas": "> 2× pagu", "bawah": "< 0"})
    kanan = panel(persen, alt.X("nilai:Q", title="Persen (%)", axis=alt.Axis(format=",.0f"),
                                scale=alt.Scale(domain=[0, _batas_sumbu(persen["nilai"], ruang=1.3)])),
                  ["Serapan anggaran", "Capaian kinerja unit"], [_JINGGA, _BIRU_TUA],
                  "Serapan vs capaian", None, True, _LEWAT)
    # Two legends with independent colour scales: one per panel.
    chart = alt.hconcat(kiri, kanan, spacing=15).resolve_scale(color="independent")
    return _terapkan_lokal(chart)


def tabel_anggaran(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind anggaran, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _siapkan_anggaran(df)
    return pd.DataFrame({
        "Kode": d["kode"], "Program / Kegiatan": d["uraian"], "Unit": d["unit"],
        "Pagu": d["pagu"].map(_teks_rupiah), "Realisasi": d["realisasi"].map(_teks_rupiah),
        "Serapan": d["serapan"].map(_teks_persen),
        "Capaian Kinerja Unit": d["capaian_unit"].map(_teks_persen),
    })


# --------------------------------------------------------------- 6. gantt SOP

_STATUS_SOP = {"belum": "Belum dimulai", "berjalan": "Berjalan", "selesai": "Selesai"}


def _naif(s: pd.Series) -> pd.Series:
    s = pd.to_datetime(s)
    # Vega reads zone-less ISO strings as local time; zone-aware ones would shift by the offset.
    return s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s


def _kini(hari_ini: datetime) -> pd.Timestamp:
    kini = pd.Timestamp(hari_ini)
    # Same wall-clock convention as _naif, so the "Hari ini" rule lines up with the bars.
    return kini.tz_localize(None) if kini.tzinfo is not None else kini


def _siapkan_gantt(df: pd.DataFrame, hari_ini: datetime) -> pd.DataFrame:
    d = df.sort_values("no", kind="stable").reset_index(drop=True)
    for k in ("mulai", "selesai", "tenggat"):
        d[k] = _naif(d[k])
    kini = _kini(hari_ini)
    d["label"] = (d["no"].astype(str) + ". " + d["uraian"].astype(str)).map(lambda s: _potong(s, 50))
    d["akhir"] = [s if not _kosong(s) else (kini if st == "berjalan" and not _kosong(m) else pd.NaT)
                  for s, st, m in zip(d["selesai"], d["status"], d["mulai"])]
    ket = []
    for t, tg, akhir in zip(d["terlambat"], d["tenggat"], d["akhir"]):
        if isinstance(t, bool) or (t is not None and not _kosong(t)):
            ket.append("Terlambat" if bool(t) else "Tepat waktu")
        else:
            # Running step without a verdict yet: judge it against its deadline so far.
            late = not _kosong(tg) and not _kosong(akhir) and akhir > tg
            ket.append("Terlambat" if late else "Tepat waktu")
    d["ketepatan_warna"] = ket
    d["status_teks"] = d["status"].map(lambda s: _STATUS_SOP.get(s, str(s)))
    d["mulai_teks"] = d["mulai"].map(_teks_tanggal)
    d["selesai_teks"] = d["selesai"].map(_teks_tanggal)
    d["tenggat_teks"] = d["tenggat"].map(_teks_tanggal)
    d["ketepatan"] = d["ketepatan"].fillna("-").astype(str)
    return d


def gantt_sop(df: pd.DataFrame, hari_ini: datetime) -> alt.LayerChart | alt.Chart:
    """Gantt of SOP steps: standard time (grey) under actual time (late red / on-time blue)."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = _siapkan_gantt(df, hari_ini)
    kini = _kini(hari_ini)
    urutan = d["label"].tolist()
    kolom = ["label", "no", "uraian", "pelaksana_label", "mulai", "tenggat", "akhir",
             "status_teks", "mulai_teks", "selesai_teks", "tenggat_teks", "ketepatan", "ketepatan_warna"]
    tooltip = [alt.Tooltip("no:O", title="No."), alt.Tooltip("uraian:N", title="Langkah"),
               alt.Tooltip("pelaksana_label:N", title="Pelaksana"),
               alt.Tooltip("status_teks:N", title="Status"),
               alt.Tooltip("mulai_teks:N", title="Mulai"),
               alt.Tooltip("tenggat_teks:N", title="Batas waktu baku"),
               alt.Tooltip("selesai_teks:N", title="Selesai"),
               alt.Tooltip("ketepatan:N", title="Ketepatan")]
    y = alt.Y("label:N", title="Langkah SOP", sort=urutan, scale=alt.Scale(domain=urutan),
              axis=alt.Axis(labelLimit=320))
    warna = alt.Color("ketepatan_warna:N", title="Keterangan", scale=alt.Scale(
        domain=["Waktu baku", "Tepat waktu", "Terlambat"], range=[_ABU_TERANG, _BIRU_TUA, _MERAH]))
    x = alt.X("mulai:T", title="Tanggal", axis=alt.Axis(format="%d %b", labelAngle=0))

    baku = d.loc[d["mulai"].notna() & d["tenggat"].notna(), kolom].assign(ketepatan_warna="Waktu baku")
    aktual = d.loc[d["mulai"].notna() & d["akhir"].notna(), kolom]
    belum = d.loc[d["mulai"].isna(), kolom].assign(keterangan="Belum dimulai")

    lapisan = []
    if len(baku):
        lapisan.append(alt.Chart(baku).mark_bar(size=_LANGKAH - 4).encode(
            x=x, x2="tenggat:T", y=y, color=warna, tooltip=tooltip))
    if len(aktual):
        lapisan.append(alt.Chart(aktual).mark_bar(size=_LANGKAH - 14).encode(
            x=x, x2="akhir:T", y=y, color=warna, tooltip=tooltip))
    if len(belum):
        # Not-started steps have no dates: a label at the left edge keeps them listed.
        lapisan.append(alt.Chart(belum).mark_text(align="left", dx=4, color="#616161",
                                                  fontStyle="italic").encode(
            x=alt.value(0), y=y, text=alt.Text("keterangan:N", title="Keterangan"), tooltip=tooltip))
    # A DateTime object, not an ISO string: Vega-Lite does not parse string datums as dates.
    saat = alt.DateTime(year=kini.year, month=kini.month, date=kini.day,
                        hours=kini.hour, minutes=kini.minute, seconds=kini.second)
    lapisan.append(alt.Chart().mark_rule(color="#212121", strokeDash=[4, 3], strokeWidth=1.5).encode(
        x=alt.X(datum=saat, type="temporal"), tooltip=alt.value(f"Hari ini: {_teks_tanggal(kini)}")))
    lapisan.append(alt.Chart().mark_text(align="left", baseline="bottom", dx=3, dy=-3, fontSize=11,
                                         color="#212121").encode(
        x=alt.X(datum=saat, type="temporal"), y=alt.value(0), text=alt.datum("Hari ini")))
    chart = alt.layer(*lapisan).properties(width=_LEBAR + 60, height=alt.Step(_LANGKAH))
    return _terapkan_lokal(chart)


def tabel_gantt_sop(df: pd.DataFrame, hari_ini: datetime) -> pd.DataFrame:
    """The table behind gantt_sop, Indonesian headers and dates."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = _siapkan_gantt(df, hari_ini)
    return pd.DataFrame({
        "No.": d["no"], "Langkah": d["uraian"], "Pelaksana": d["pelaksana_label"],
        "Status": d["status_teks"], "Mulai": d["mulai_teks"], "Batas Waktu Baku": d["tenggat_teks"],
        "Selesai": d["selesai_teks"], "Ketepatan": d["ketepatan"],
    })


# ------------------------------------------------------------ 7. SOP per tahun


def sop_per_tahun(df: pd.DataFrame) -> alt.HConcatChart | alt.Chart:
    """Standard vs actual SOP time per year, in minutes and in working days (two panels)."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = df.sort_values("tahun").reset_index(drop=True)
    d["tahun"] = d["tahun"].astype(int)
    d["terlambat_teks"] = d["terlambat"].map(
        lambda x: "0" if _float(x) is None else format_angka(_float(x), 0))

    def panjang(baku: str, aktual: str, fmt) -> pd.DataFrame:
        umum = {"tahun": d["tahun"], "terlambat_teks": d["terlambat_teks"]}
        return pd.concat([
            pd.DataFrame({**umum, "jenis": "Waktu baku", "nilai": d[baku].map(_float),
                          "nilai_teks": d[baku].map(fmt)}),
            pd.DataFrame({**umum, "jenis": "Waktu aktual", "nilai": d[aktual].map(_float),
                          "nilai_teks": d[aktual].map(fmt)}),
        ], ignore_index=True)

    domain = ["Waktu baku", "Waktu aktual"]
    warna = alt.Color("jenis:N", title="Jenis waktu",
                      scale=alt.Scale(domain=domain, range=[_BIRU_MUDA, _BIRU_TUA]))

    tahun = d["tahun"].tolist()

    def panel(data: pd.DataFrame, judul_y: str) -> alt.LayerChart:
        x = alt.X("tahun:O", title="Tahun", axis=alt.Axis(labelAngle=0), scale=alt.Scale(domain=tahun))
        x_geser = alt.XOffset("jenis:N", sort=domain, scale=alt.Scale(domain=domain))
        tooltip = [alt.Tooltip("tahun:O", title="Tahun"), alt.Tooltip("jenis:N", title="Jenis waktu"),
                   alt.Tooltip("nilai_teks:N", title="Nilai"),
                   alt.Tooltip("terlambat_teks:N", title="Langkah terlambat")]
        ada, tiada = data[data["nilai"].notna()], data[data["nilai"].isna()]
        lapisan = []
        if len(ada):
            lapisan.append(alt.Chart(ada).mark_bar().encode(
                x=x, xOffset=x_geser, y=alt.Y("nilai:Q", title=judul_y, axis=alt.Axis(format=",~r")),
                color=warna, tooltip=tooltip))
        if len(tiada):
            # A year without measurements shows "n/a" where its bar would be, never a zero bar.
            lapisan.append(alt.Chart(tiada).mark_text(angle=270, align="left", dx=4, fontSize=10,
                                                      color="#616161", fontStyle="italic").encode(
                x=x, xOffset=x_geser, y=alt.value(200), text=alt.Text("nilai_teks:N", title="Nilai"),
                tooltip=tooltip))
        return alt.layer(*lapisan).properties(width=260, height=200)

    menit = panel(panjang("baku_menit", "aktual_menit", lambda x: _teks_fmt(x, 0, "menit")), "Menit")
    hari = panel(panjang("baku_hari", "aktual_hari", lambda x: _teks_fmt(x, 2, "hari kerja")), "Hari kerja")
    return _terapkan_lokal(alt.hconcat(menit, hari, spacing=25))


def _teks_fmt(x: object, desimal: int, satuan: str) -> str:
    f = _float(x)
    if f is None:
        return N_A
    teks = format_angka(f, 0) if desimal == 0 else format_nilai(f)
    return f"{teks} {satuan}"


def tabel_sop_per_tahun(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind sop_per_tahun, Indonesian headers and numbers."""
    if _kosong_df(df):
        return pd.DataFrame()
    d = df.sort_values("tahun").reset_index(drop=True)
    return pd.DataFrame({
        "Tahun": d["tahun"].astype(int),
        "Baku (menit)": d["baku_menit"].map(lambda x: _teks_fmt(x, 0, "").strip()),
        "Aktual (menit)": d["aktual_menit"].map(lambda x: _teks_fmt(x, 0, "").strip()),
        "Baku (hari kerja)": d["baku_hari"].map(_teks_nilai),
        "Aktual (hari kerja)": d["aktual_hari"].map(_teks_nilai),
        "Langkah Terlambat": d["terlambat"].fillna(0).astype(int),
    })


# ------------------------------------------------------------- 8. progres unit

STATUS_ISIAN = (  # fixed workflow order, label, colour (neighbours differ in lightness)
    ("belum", "Belum diisi", _ABU_TERANG),
    ("draft", "Draf", _BIRU_MUDA),
    ("diajukan", "Diajukan", _BIRU),
    ("dikembalikan", "Dikembalikan", _JINGGA),
    ("diverifikasi", "Terverifikasi", _BIRU_TUA),
)


def progres_unit(df: pd.DataFrame) -> alt.Chart:
    """Stacked horizontal bars of isian status counts per unit, in workflow order."""
    if _kosong_df(df):
        return _belum_ada_data()
    d = df.reset_index(drop=True)
    total = d[[k for k, _, _ in STATUS_ISIAN]].fillna(0).sum(axis=1)
    bagian = []
    for urut, (kolom, label, _) in enumerate(STATUS_ISIAN):
        jumlah = d[kolom].fillna(0).astype(int)
        bagian.append(pd.DataFrame({
            "unit": d["unit"], "status": label, "urut": urut, "jumlah": jumlah,
            "jumlah_teks": jumlah.map(lambda j: format_angka(j, 0)),
            "persen_teks": [format_persen(j / t * 100, 1) if t else N_A for j, t in zip(jumlah, total)],
        }))
    p = pd.concat(bagian, ignore_index=True)
    p = p[p["jumlah"] > 0]  # zero-width segments only clutter tooltips
    domain = [lb for _, lb, _ in STATUS_ISIAN]
    chart = alt.Chart(p).mark_bar(size=_LANGKAH - 6).encode(
        x=alt.X("jumlah:Q", title="Jumlah indikator", stack="zero",
                axis=alt.Axis(format=",d", tickMinStep=1)),
        # Domain keeps a unit with no indicators at all as an (empty) row.
        y=alt.Y("unit:N", title="Unit", sort=d["unit"].tolist(), scale=alt.Scale(domain=d["unit"].tolist()),
                axis=alt.Axis(labelLimit=260)),
        color=alt.Color("status:N", title="Status isian", sort=domain,
                        scale=alt.Scale(domain=domain, range=[w for _, _, w in STATUS_ISIAN])),
        order=alt.Order("urut:Q", sort="ascending"),
        tooltip=[alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("status:N", title="Status isian"),
                 alt.Tooltip("jumlah_teks:N", title="Jumlah"),
                 alt.Tooltip("persen_teks:N", title="Persentase")],
    ).properties(width=_LEBAR, height=alt.Step(_LANGKAH))
    return _terapkan_lokal(chart)


def tabel_progres_unit(df: pd.DataFrame) -> pd.DataFrame:
    """The table behind progres_unit with Indonesian status headers."""
    if _kosong_df(df):
        return pd.DataFrame()
    return df[["unit"] + [k for k, _, _ in STATUS_ISIAN]].rename(
        columns={"unit": "Unit", **{k: lb for k, lb, _ in STATUS_ISIAN}})


# ------------------------------------------------------------ report (PDF) charts
#
# Sized for an A4 page: a chart built for `lebar_mm` is exactly `lebar_mm * 72 / 25.4` px wide
# (autosize "fit-x" counts axes and legend in), so printed at that width 1 px = 1 pt and the
# font sizes below are point sizes on paper. Render with lkj_core.grafik_cetak.gambar_laporan.

_PT_LABEL = 9.5     # axis and legend labels, value labels
_PT_JUDUL = 10.5    # axis and legend titles (the body text's size)
_PT_PER_MM = 72 / 25.4
# Indicator lines of one sasaran: dark blue and orange first as on the Dasbor; shapes keep
# them apart in greyscale. Red and the up/down triangles are left for clipped values.
_PALET_GARIS = [_BIRU_TUA, _JINGGA, _BIRU, "#616161", _BIRU_MUDA, "#8c510a", "#35978f", "#762a83"]
_BENTUK_GARIS = ["circle", "square", "diamond", "cross", "triangle-right", "triangle-left"]


def _gaya_cetak(chart, lebar_mm: float):
    """Print size and style: bundled font, Indonesian locale, point-sized text, no frame."""
    lebar_px = round(lebar_mm * _PT_PER_MM)
    teks = {"labelFontSize": _PT_LABEL, "titleFontSize": _PT_JUDUL, "labelColor": "#333333",
            "titleColor": "#333333"}
    return chart.properties(
        width=lebar_px, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    ).configure(
        font=FONT, locale={"number": LOKAL_ID, "time": LOKAL_WAKTU_ID},
        axis=teks, legend={**teks, "labelLimit": 400}, header=teks,
        # Transparent: the DRAFT watermark under the chart stays visible.
        view={"stroke": None}, background="transparent", padding=4)


def _belum_ada_data_cetak(lebar_mm: float) -> alt.Chart:
    chart = alt.Chart(pd.DataFrame({"pesan": [BELUM_ADA_DATA]})).mark_text(
        fontSize=_PT_JUDUL, color="#616161").encode(text=alt.Text("pesan:N", title="Keterangan"))
    return _gaya_cetak(chart.properties(height=40), lebar_mm)


def tren_laporan(tren: pd.DataFrame, lebar_mm: float = LEBAR_CETAK_MM) -> alt.LayerChart | alt.Chart:
    """Capaian (%) of each indicator over the years, one line per code, dashed 100 % rule."""
    if _kosong_df(tren):
        return _belum_ada_data_cetak(lebar_mm)
    d = _urutkan(tren, ["kode", "tahun"])
    d = pd.DataFrame({"tahun": d["tahun"].astype(int), "kode": d["kode"].astype(str),
                      "capaian": d["capaian"].map(_float),
                      "capaian_teks": d["capaian"].map(_teks_persen)})
    d["lewat"] = _pangkas_kolom(d, "capaian")
    kode = list(dict.fromkeys(d["kode"]))
    tahun = sorted(set(d["tahun"]))
    n = len(kode)
    warna = alt.Color("kode:N", title="Indikator", sort=kode, scale=alt.Scale(
        domain=kode, range=[_PALET_GARIS[i % len(_PALET_GARIS)] for i in range(n)]),
        legend=alt.Legend(orient="bottom", direction="horizontal", columns=min(n, 6),
                          symbolStrokeWidth=2))
    bentuk = alt.Shape("kode:N", title="Indikator", sort=kode, scale=alt.Scale(
        domain=kode, range=[_BENTUK_GARIS[i % len(_BENTUK_GARIS)] for i in range(n)]))
    # Ordinal years: a quantitative 2024 would print as "2.024" under the Indonesian locale.
    x = alt.X("tahun:O", title="Tahun", scale=alt.Scale(domain=tahun), axis=alt.Axis(labelAngle=0))
    y = alt.Y("capaian:Q", title="Capaian (%)", axis=alt.Axis(format=",.0f"),
              scale=alt.Scale(zero=False))
    ada = d[d["capaian"].notna()]
    lapisan = [
        # Missing years stay null rows: the line breaks there instead of bridging the gap.
        alt.Chart(d).mark_line(strokeWidth=2).encode(x=x, y=y, color=warna, detail="kode:N"),
        alt.Chart(ada[ada["lewat"] == ""]).mark_point(filled=True, size=45, opacity=1).encode(
            x=x, y=y, color=warna, shape=bentuk),
    ]
    for arah, segitiga in _SEGITIGA.items():
        terpangkas = ada[ada["lewat"] == arah]
        if len(terpangkas):
            # A red triangle at the edge points to where the real value lies.
            lapisan.append(alt.Chart(terpangkas).mark_point(
                filled=True, size=80, opacity=1, color=_MERAH, shape=segitiga).encode(x=x, y=y))
            lapisan.append(_teks_lewat(terpangkas, x, y, [], _PT_LABEL, dx=7, baseline="middle"))
    lapisan.append(_rule_100_cetak("y"))
    return _gaya_cetak(alt.layer(*lapisan).properties(height=170), lebar_mm)


def _rule_100_cetak(sumbu: str) -> alt.LayerChart:
    """The dashed 100 % line with its label at the far end, for a horizontal or vertical axis."""
    posisi = {sumbu: alt.datum(100)}
    aturan = alt.Chart().mark_rule(color="#424242", strokeDash=[5, 4], strokeWidth=1.2).encode(
        **posisi)
    if sumbu == "y":
        teks = alt.Chart().mark_text(align="right", baseline="bottom", dy=-2, fontSize=_PT_LABEL,
                                     color="#424242").encode(
            y=alt.datum(100), x=alt.value("width"), text=alt.datum("100 %"))
    else:
        teks = alt.Chart().mark_text(align="right", baseline="bottom", dx=-3, dy=-3,
                                     fontSize=_PT_LABEL, color="#424242").encode(
            x=alt.datum(100), y=alt.value(0), text=alt.datum("Target 100 %"))
    return alt.layer(aturan, teks)


def anggaran_laporan(anggaran: pd.DataFrame, lebar_mm: float = LEBAR_CETAK_MM
                     ) -> alt.LayerChart | alt.Chart:
    """Per program line: budget absorption (serapan) beside its unit's capaian, 100 % rule."""
    if _kosong_df(anggaran):
        return _belum_ada_data_cetak(lebar_mm)
    d = _urutkan(anggaran, ["kode"])
    kode = d["kode"].astype(str).tolist()
    jenis = ["Serapan anggaran", "Capaian kinerja unit"]
    p = pd.concat([pd.DataFrame({"kode": kode, "jenis": j, "persen": d[k].map(_float)})
                   for j, k in zip(jenis, ("serapan", "capaian_unit"))], ignore_index=True)
    p["lewat"] = _pangkas_kolom(p, "persen")
    p["keterangan"] = N_A
    x = alt.X("kode:N", title="Program / kegiatan (kode)", sort=kode, scale=alt.Scale(domain=kode),
              axis=alt.Axis(labelAngle=0 if len(kode) <= 8 else -45))
    geser = alt.XOffset("jenis:N", sort=jenis, scale=alt.Scale(domain=jenis))
    y = alt.Y("persen:Q", title="Persen (%)", axis=alt.Axis(format=",.0f"),
              scale=alt.Scale(domain=[0, _batas_sumbu(p["persen"], minimum=110, ruang=1.1)]))
    ada, tiada = p[p["persen"].notna()], p[p["persen"].isna()]
    lapisan = []
    if len(ada):
        lapisan.append(alt.Chart(ada).mark_bar().encode(
            x=x, xOffset=geser, y=y,
            color=alt.Color("jenis:N", title="Ukuran", sort=jenis,
                            scale=alt.Scale(domain=jenis, range=[_JINGGA, _BIRU_TUA]),
                            legend=alt.Legend(orient="bottom", title=None))))
        if (ada["lewat"] != "").any():
            lapisan.append(_teks_lewat(ada, x, y, [], _PT_LABEL, align="center", dx=0, dy=-2,
                                       baseline="bottom").encode(xOffset=geser))
    if len(tiada):
        # A missing value is "n/a" where its bar would stand, never a zero bar.
        lapisan.append(alt.Chart(tiada).mark_text(baseline="bottom", dy=-2, fontSize=_PT_LABEL - 1,
                                                  color="#616161", fontStyle="italic").encode(
            x=x, xOffset=geser, y=alt.datum(0), text=alt.Text("keterangan:N", title="Keterangan")))
    lapisan.append(_rule_100_cetak("y"))
    return _gaya_cetak(alt.layer(*lapisan).properties(height=170), lebar_mm)


def kategori_laporan(ringkasan_per_kategori: dict[str, int], skala=SKALA_BAKU,
                     lebar_mm: float = LEBAR_CETAK_MM) -> alt.LayerChart:
    """Number of indicators per capaian category (infographic), in the Dasbor's colours."""
    domain, warna = palet_kategori(skala)
    # Every category of the scale gets a row, in scale order; n/a only when counted.
    label = domain[:-1] + ([N_A] if ringkasan_per_kategori.get(N_A) else [])
    jumlah = [int(ringkasan_per_kategori.get(lb) or 0) for lb in label]
    d = pd.DataFrame({"kategori": label, "jumlah": jumlah,
                      "jumlah_teks": [format_angka(j, 0) for j in jumlah]})
    y = alt.Y("kategori:N", title=None, sort=label, scale=alt.Scale(domain=label),
              axis=alt.Axis(labelLimit=200))
    # A whole-number axis end with room for the count beside the longest bar; few indicators
    # get one tick each (Vega would otherwise tick at 0.5 and print "1" twice).
    ujung = math.ceil(max([1] + jumlah) * 1.15)
    x = alt.X("jumlah:Q", title="Jumlah indikator", scale=alt.Scale(domain=[0, ujung], nice=False),
              axis=alt.Axis(format=",d", tickMinStep=1,
                            values=list(range(ujung + 1)) if ujung <= 10 else alt.Undefined))
    batang = alt.Chart(d).mark_bar(size=16).encode(
        x=x, y=y, color=alt.Color("kategori:N", title="Kategori", legend=None,
                                  scale=alt.Scale(domain=domain, range=warna)))
    nilai = alt.Chart(d).mark_text(align="left", dx=3, fontSize=_PT_LABEL, color="#212121").encode(
        x=x, y=y, text=alt.Text("jumlah_teks:N", title="Jumlah"))
    return _gaya_cetak(alt.layer(batang, nilai).properties(height=alt.Step(22)), lebar_mm)


def target_realisasi_laporan(df: pd.DataFrame, skala=SKALA_BAKU, lebar_mm: float = LEBAR_CETAK_MM
                             ) -> alt.LayerChart | alt.Chart:
    """Capaian bars of one sasaran's indicators (rows by code) coloured by category, 100 % rule."""
    if _kosong_df(df):
        return _belum_ada_data_cetak(lebar_mm)
    d = _urutkan(df, ["kode"])
    d = pd.DataFrame({"label": d["kode"].astype(str), "kode": d["kode"].astype(str),
                      "capaian": d["capaian"], "kategori": d["kategori"]})
    lapisan = _lapisan_capaian(d, skala, [], 24, alt.Legend(
        orient="bottom", direction="horizontal", symbolType="square", columns=6), _PT_LABEL)
    return _gaya_cetak(alt.layer(*lapisan).properties(height=alt.Step(24)), lebar_mm)
