"""Capaian and category of every indicator-year in SQL, and cross-instansi aggregates (#8).

`capaian_sql` is `lkj_core.capaian.hitung_capaian` written as one DuckDB expression, operation
for operation in the same order on DOUBLEs, so it gives the very same float (tested against
the Python function on the demo, on generated values and on an edge-case table). Where
`hitung_capaian` refuses its input instead of answering — a rentang row without target_atas
or with target_atas below target, a polarity it does not know, a non-finite number — the SQL
gives NULL (n/a): the schema's CHECKs and lkj_core's validation keep such rows out anyway.
For positif/negatif indicators target_atas is ignored, as every caller in lkj_core does.

The category is judged, like `capaian.kategori`, on the capaian rounded half-up to two
decimals of the number as it is displayed (its shortest decimal form: 90.995 → 91.00, where
binary rounding would give 90.99); see `bulat_sql`. Each instansi's scale is the one stored in
`pengaturan` (validated by `capaian.validasi_skala`), the default scale where none is stored.
"""

from __future__ import annotations

import json
import re

from lkj_core.capaian import SKALA_BAKU, validasi_skala
from lkj_core.db import Con

# Where the inputs live in `_SQL_DASAR` (code constants, never user input).
KOLOM_TARGET = "target"
KOLOM_TARGET_ATAS = "target_atas"
KOLOM_REALISASI = "realisasi"
KOLOM_POLARITAS = "polaritas"

_NAMA_KOLOM = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?")

# A double this large has at most two decimals in its shortest decimal form (its neighbours
# are 1/64 apart, so some two-decimal number always lies among those that round to it):
# rounding it to two decimals gives itself back.
_BATAS_TANPA_PEMBULATAN = 2.0 ** 46


def _kolom(nama: str) -> str:
    if not isinstance(nama, str) or not _NAMA_KOLOM.fullmatch(nama):
        raise ValueError(f"Nama kolom tidak sah: {nama!r}.")
    return nama


def _positif_sql(t: str, r: str) -> str:
    return (f"CASE WHEN {t} = 0 THEN CASE WHEN {r} >= 0 THEN 100.0 ELSE 0.0 END"
            f" ELSE (1 + ({r} - {t}) / abs({t})) * 100 END")


def _negatif_sql(t: str, r: str) -> str:
    return (f"CASE WHEN {t} = 0 THEN CASE WHEN {r} <= 0 THEN 100.0 ELSE 0.0 END"
            f" ELSE (1 - ({r} - {t}) / abs({t})) * 100 END")


def capaian_sql(target: str = KOLOM_TARGET, target_atas: str = KOLOM_TARGET_ATAS,
                realisasi: str = KOLOM_REALISASI, polaritas: str = KOLOM_POLARITAS) -> str:
    """The capaian (unrounded, >= 0, NULL for n/a) as a DuckDB expression over four columns."""
    t, b, r, p = (_kolom(k) for k in (target, target_atas, realisasi, polaritas))
    return f"""(CASE
  WHEN {p} = 'rentang' THEN CASE
    WHEN {t} IS NULL THEN NULL
    WHEN {b} IS NULL OR NOT isfinite({t}) OR NOT isfinite({b}) OR {b} < {t} THEN NULL
    WHEN {r} IS NULL OR NOT isfinite({r}) THEN NULL
    WHEN {t} <= {r} AND {r} <= {b} THEN 100.0
    WHEN {r} > {b} THEN greatest(0.0, {_negatif_sql(b, r)})
    ELSE greatest(0.0, {_positif_sql(t, r)}) END
  WHEN {p} NOT IN ('positif', 'negatif') THEN NULL
  WHEN {t} IS NULL OR {r} IS NULL OR NOT isfinite({t}) OR NOT isfinite({r}) THEN NULL
  WHEN {p} = 'positif' THEN greatest(0.0, {_positif_sql(t, r)})
  ELSE greatest(0.0, {_negatif_sql(t, r)}) END)"""


def bulat_sql(capaian: str = "capaian") -> str:
    """The capaian (>= 0 or NULL) rounded half-up to two decimals as `angka.bulatkan` does.

    `bulatkan` rounds the shortest decimal form of the float (Python's repr). DuckDB prints a
    DOUBLE in the same shortest form, but parsing that text back as DECIMAL costs about a
    microsecond a row, so it is done only where it can matter: when capaian × 100 lies within
    a relative 1e-9 of a half (x.5), where the binary product may sit on the wrong side of the
    tie. Elsewhere the binary product is off by at most ~1.3 units in its last place (far less
    than its distance to the half) and plain rounding of it gives the same integer.
    """
    c = _kolom(capaian)
    return f"""(CASE
  WHEN {c} IS NULL THEN NULL
  WHEN {c} >= {_BATAS_TANPA_PEMBULATAN!r} THEN {c}
  WHEN abs({c} * 100 - floor({c} * 100) - 0.5) > 1e-9 * greatest({c} * 100, 1.0)
    THEN floor({c} * 100 + 0.5) / 100.0
  ELSE CAST(round(CAST(CAST({c} AS VARCHAR) AS DECIMAL(38, 20)), 2) * 100 AS BIGINT) / 100.0
  END)"""


def kategori_no_sql(bulat: str, batas: str) -> str:
    """The band number (1 = highest) of a rounded capaian in a scale given as the list of its
    lower bounds, highest first: the bounds strictly decrease and the last is -inf, so the
    band is the first whose bound the value reaches — one more than the bounds above it
    (as `capaian.kategori` walks the bands). `batas` is a list column or a $parameter."""
    if not (isinstance(batas, str) and re.fullmatch(r"\$[a-z_]+", batas)):
        batas = _kolom(batas)
    return f"(len(list_filter({batas}, lambda b: b > {_kolom(bulat)})) + 1)"


CAPAIAN_SQL = capaian_sql()


def _skala_param(con: Con) -> list[dict]:
    """Every scale in use, numbered: no 0 is the default scale, each other one a distinct JSON
    text stored in pengaturan (instansi storing equal texts share it), with its lower bounds
    and labels highest band first."""
    baris = [{"no": 0, "kunci": "", "batas": [b for b, _ in SKALA_BAKU],
              "label": [l for _, l in SKALA_BAKU]}]
    for no, (teks,) in enumerate(con.execute(
            "SELECT DISTINCT nilai FROM pengaturan WHERE kunci = 'skala_kategori'"
            " ORDER BY nilai").fetchall(), start=1):
        # Same reading as pengaturan.skala_kategori: an invalid stored scale raises there too.
        skala = validasi_skala(json.loads(teks))
        baris.append({"no": no, "kunci": teks, "batas": [b for b, _ in skala],
                      "label": [l for _, l in skala]})
    return baris


# Every indicator-year: each active indicator over the years of its Renstra (as the Dasbor's
# trend and the intake list see it), with its target and realisasi where present. Keys stay
# integers until the end (Pemda and scale numbered in `ins`), which keeps the 3.7 M-row joins
# and the grouping cheap. kategori_no is the band's position in the instansi's scale: the
# number of lower bounds above the rounded capaian, plus one (the bounds strictly decrease and
# the last is -inf, so exactly one band matches, as in capaian.kategori).
_CTE = f"""
WITH skala AS (
  SELECT unnest($skala, recursive := true)
), ins AS (
  SELECT i.id, i.nama, i.pemda, dense_rank() OVER (ORDER BY i.pemda) AS pemda_no,
         coalesce(s.no, 0) AS skala_no
  FROM instansi i
  LEFT JOIN pengaturan p ON p.instansi_id = i.id AND p.kunci = 'skala_kategori'
  LEFT JOIN skala s ON s.kunci = p.nilai
), ind AS (
  SELECT i.id, i.instansi_id, i.kode, i.unit_id, i.polaritas, rs.tahun_awal, rs.tahun_akhir
  FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id JOIN tujuan t ON t.id = s.tujuan_id
  JOIN renstra rs ON rs.id = t.renstra_id
  WHERE i.aktif AND ($instansi IS NULL OR i.instansi_id = $instansi)
), baris AS (
  SELECT ind.instansi_id, ins.pemda_no, ins.skala_no, ind.id AS indikator_id, ind.kode,
         ind.unit_id, ind.polaritas, y.tahun, tt.target, tt.target_atas, r.nilai AS realisasi
  FROM ind JOIN ins ON ins.id = ind.instansi_id
  CROSS JOIN (SELECT unnest(range(ind.tahun_awal, ind.tahun_akhir + 1))::INTEGER AS tahun) y
  LEFT JOIN (SELECT indikator_id, tahun, target, target_atas FROM target_tahunan
             WHERE $tahun IS NULL OR tahun = $tahun) tt
    ON tt.indikator_id = ind.id AND tt.tahun = y.tahun
  LEFT JOIN (SELECT indikator_id, tahun, nilai FROM realisasi_resmi
             WHERE $tahun IS NULL OR tahun = $tahun) r
    ON r.indikator_id = ind.id AND r.tahun = y.tahun
  WHERE $tahun IS NULL OR y.tahun = $tahun
), dihitung AS (
  SELECT *, {CAPAIAN_SQL} AS capaian FROM baris
), dibulatkan AS (
  SELECT *, {bulat_sql("capaian")} AS capaian_bulat FROM dihitung
), berkategori AS (
  SELECT d.*, CASE WHEN d.capaian_bulat IS NOT NULL
    THEN {kategori_no_sql("d.capaian_bulat", "s.batas")} END AS kategori_no
  FROM dibulatkan d JOIN skala s ON s.no = d.skala_no
)"""

_SQL_SEMUA = _CTE + """
SELECT ins.pemda, b.instansi_id, ins.nama AS instansi, b.indikator_id, b.kode, b.unit_id,
       b.polaritas, b.tahun, b.target, b.target_atas, b.realisasi, b.capaian, b.capaian_bulat,
       s.label[b.kategori_no] AS kategori, b.kategori_no AS urut_kategori
FROM berkategori b JOIN ins ON ins.id = b.instansi_id JOIN skala s ON s.no = b.skala_no
"""

# Counted on integer keys first; names and labels are joined to the few thousand groups.
# Instansi of one Pemda may use different scales: their labels are then listed side by side.
_SQL_SEBARAN = _CTE + """, hitung AS (
  SELECT pemda_no, tahun, skala_no, kategori_no, count(*) AS jumlah
  FROM berkategori GROUP BY pemda_no, tahun, skala_no, kategori_no
)
SELECT p.pemda, h.tahun, s.label[h.kategori_no] AS kategori, sum(h.jumlah)::BIGINT AS jumlah
FROM hitung h JOIN (SELECT DISTINCT pemda_no, pemda FROM ins) p ON p.pemda_no = h.pemda_no
JOIN skala s ON s.no = h.skala_no
GROUP BY p.pemda, h.tahun, kategori
ORDER BY p.pemda, h.tahun, min(h.kategori_no) NULLS LAST, kategori
"""


def capaian_semua(con: Con, tahun: int | None = None, instansi_id: int | None = None):
    """Every indicator-year of the database (or of one year / one instansi) with capaian,
    capaian_bulat (what the category judges) and kategori (None: n/a), as a lazy, unordered
    DuckDB relation: `.df()`, `.aggregate(...)`, or query it further."""
    return con.sql(_SQL_SEMUA, params={"tahun": tahun, "instansi": instansi_id,
                                       "skala": _skala_param(con)})


def sebaran_kategori(con: Con, tahun: int | None = None):
    """Per Pemda and year: how many indicator-years fall in each category (kategori None:
    n/a, no capaian), best band first, as a DataFrame (pemda, tahun, kategori, jumlah)."""
    return con.execute(_SQL_SEBARAN, {"tahun": tahun, "instansi": None,
                                      "skala": _skala_param(con)}).df()
