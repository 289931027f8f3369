"""Synthetic data at three sizes for measuring LKj at scale (issue #8), seeded and reproducible.

Sizes (`UKURAN`):

- ``instansi``: one Pemda, one Inspektorat, 10 years (2016–2025), 15 indicators, realisasi
  with triwulan values, SOP cycles for every past year plus the reported year's running cycle;
- ``kabupaten``: one Pemda, 45 instansi (every perangkat daerah) × 30 indicators × 10 years;
- ``nasional``: 548 Pemda × 45 instansi × 30 indicators × 5 years (2021–2025): 739 800
  indicators, 3 699 000 indicator-years, i.e. 3.7 M `target_tahunan` and 3.64 M `realisasi`
  rows (about 8 % of the reported year's entries are not filled in yet). The triwulan values
  are the columns tw1..tw4 of `realisasi`, not rows of their own: the issue's "≈ 15 M
  triwulan rows" are those 3.64 M rows × 4 columns (14.6 M values).

The bulk path (documented here because it bypasses the lkj_core write functions): the schema
comes from the normal migrations (`lkj_core.db.buka`); every table is then filled with DuckDB
``INSERT … SELECT`` over ``range()``. Every "random" choice is ``hash(benih, key, …)`` scaled
to [0, 1) — never ``random()`` — so the same seed gives identical rows (`sidik` checksums each
table). Ids are computed (instansi 1..n, indicator ``(instansi - 1) × n_indikator + j``, …), so
parents and children agree without lookups; afterwards every sequence is advanced past the
largest id (DuckDB has no ``setval``/``ALTER SEQUENCE … RESTART``: `_majukan_urutan` calls
``nextval`` that many times), so rows added later through the app get fresh ids. Rows are
inserted ordered by instansi, then indicator, then year, so DuckDB's per-row-group min/max
(zone maps) let a query for one instansi skip the row groups of the others. Large sizes are
built per batch of Pemda (one transaction each) to keep memory flat; a build that fails
half-way leaves the batches already committed, so build into a new file. The data depend on
DuckDB's `hash`, so identical only under the same DuckDB version. Measured on the 2-core
development machine (busy with other work): instansi 1.5 s / 16 MB, kabupaten 1.3 s / 17 MB,
nasional 44 s / 624 MB (peak memory 660 MB).

Every instansi gets units, users (one per role, plus one bidang user per unit, all sharing
ONE precomputed bcrypt hash of `SANDI`), one Renstra with tujuan/sasaran, indicators of the
three polarities (rentang with target_atas; some targets 0; some realisasi missing or empty),
statuses and short narratives, PK program lines with pagu and realisasi, and the SOP
revision. SOP cycles (siklus) are generated for ONE instansi only — the Inspektorat of the
first Pemda (at size ``instansi`` that is the only one): completed cycles for every past year
and the reported year's cycle running at step 6, timed with the office calendar of
`lkj_core.waktu_kerja`. The workflow history (riwayat_isian) is written for the reported
year's entries only. Everything is marked as demo data (``instansi.demo``).

Command line: ``python -m lkj_core.sintetis --ukuran kabupaten --db PATH [--benih N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from lkj_core import audit, config, sop, waktu_kerja
from lkj_core.capaian import SKALA_BAKU
from lkj_core.db import Con, DatabaseTerkunci, buka, transaksi
from lkj_core.pengaturan import skala_ke_json
from lkj_core.peran import LABEL_PERAN

PELAKU = "sistem:sintetis"
BENIH_BAKU = 2026
# Every synthetic account's password; the hash below is bcrypt (cost 12) of exactly this text,
# computed once, so generating 250 000 accounts costs no hashing at all.
SANDI = "sintetis-lkj"
HASH_SANDI = "$2b$12$P.5RpTAcottVJOA87hha6.csBTO5QBFwPrUaUCMJSkGDSHh4w2L8u"
# Fixed instants instead of "now", so that the same seed gives the same rows.
DIBUAT_PADA = dt.datetime(2015, 12, 1, 8, 0)


@dataclass(frozen=True)
class Ukuran:
    """How much data one size holds."""

    pemda: int
    instansi: int          # per Pemda
    indikator: int         # per instansi
    tahun_awal: int
    tahun_akhir: int       # also the year being reported
    unit: int = 5          # per instansi
    sasaran: int = 5       # per instansi (spread over two tujuan)
    pemda_per_batch: int = 40

    @property
    def tahun(self) -> int:
        """Number of years (of the Renstra and of the data)."""
        return self.tahun_akhir - self.tahun_awal + 1


UKURAN: dict[str, Ukuran] = {
    "instansi": Ukuran(pemda=1, instansi=1, indikator=15, tahun_awal=2016, tahun_akhir=2025,
                       sasaran=3),
    "kabupaten": Ukuran(pemda=1, instansi=45, indikator=30, tahun_awal=2016, tahun_akhir=2025),
    "nasional": Ukuran(pemda=548, instansi=45, indikator=30, tahun_awal=2021,
                       tahun_akhir=2025),
}

# The perangkat daerah of a Kabupaten; the first is the Inspektorat (the app's own user).
NAMA_OPD = [
    "Inspektorat Daerah", "Sekretariat Daerah", "Sekretariat DPRD",
    "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik",
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman", "Satuan Polisi Pamong Praja", "Dinas Sosial",
    "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana", "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika", "Dinas Koperasi, Usaha Kecil dan Menengah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga", "Dinas Kebudayaan dan Pariwisata",
    "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan", "Dinas Pertanian",
    "Dinas Perdagangan", "Dinas Perindustrian", "Rumah Sakit Umum Daerah",
    *[f"Kecamatan Wilayah {i:02d}" for i in range(1, 12)],
]

# Indicator templates: name, satuan, polaritas, base range of the first year's target, change
# per year (up for positif, down for negatif), decimals, whether the target may be 0 (counts),
# width of the band (rentang), national standard. Polarities are interleaved so that any 15
# consecutive templates mix all three.
TEMPLAT = [
    ("Persentase capaian sasaran kinerja perangkat daerah",
     "%", "positif", 70, 85, 2, 2, False, None, None),
    ("Indeks Kepuasan Masyarakat atas layanan",
     "Indeks", "positif", 75, 82, 0.5, 2, False, None, 76.61),
    ("Jumlah temuan berulang hasil pemeriksaan",
     "Temuan", "negatif", 4, 12, 1, 0, True, None, None),
    ("Nilai evaluasi SAKIP perangkat daerah",
     "Nilai", "positif", 60, 72, 1.5, 2, False, None, None),
    ("Persentase realisasi kegiatan sesuai jadwal", "%", "rentang", 85, 90, 0, 2, False, 10, None),
    ("Level maturitas penyelenggaraan SPIP",
     "Level", "positif", 2.5, 3.2, 0.1, 2, False, None, 3.0),
    ("Rata-rata waktu penyelesaian layanan", "Hari", "negatif", 5, 10, 0.3, 2, False, None, None),
    ("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti",
     "%", "positif", 70, 85, 2, 2, False, None, None),
    ("Jumlah inovasi daerah yang diterapkan", "Inovasi", "positif", 2, 6, 1, 0, False, None, None),
    ("Jumlah pengaduan masyarakat yang tidak terselesaikan",
     "Pengaduan", "negatif", 2, 8, 1, 0, True, None, None),
    ("Indeks Reformasi Birokrasi", "Indeks", "positif", 60, 70, 1.5, 2, False, None, None),
    ("Persentase serapan anggaran sesuai rencana kas",
     "%", "rentang", 80, 88, 0, 2, False, 12, None),
    ("Cakupan pelayanan sesuai Standar Pelayanan Minimal",
     "%", "positif", 75, 90, 2, 2, False, None, 100.0),
    ("Persentase kasus yang berulang", "%", "negatif", 5, 15, 1, 2, False, None, None),
    ("Indeks Profesionalitas ASN", "Indeks", "positif", 60, 75, 1, 2, False, None, 71.0),
    ("Persentase dokumen perencanaan tepat waktu", "%", "positif", 80, 95, 1, 2, False, None, None),
    ("Jumlah kegiatan yang melampaui pagu", "Kegiatan", "negatif", 1, 5, 0.5, 0, True, None, None),
    ("Indeks Sistem Pemerintahan Berbasis Elektronik",
     "Indeks", "positif", 2.0, 3.0, 0.15, 2, False, None, 2.6),
    ("Persentase capaian output kegiatan", "%", "positif", 80, 92, 1, 2, False, None, None),
    ("Rasio belanja pegawai terhadap total belanja", "%", "rentang", 25, 30, 0, 2, False, 5, None),
    ("Persentase aset yang tersertifikasi", "%", "positif", 50, 70, 4, 2, False, None, None),
    ("Nilai Indeks Pelayanan Publik", "Nilai", "positif", 3.0, 3.8, 0.1, 2, False, None, 3.5),
    ("Jumlah keluhan layanan yang berulang", "Keluhan", "negatif", 5, 20, 2, 0, True, None, None),
    ("Persentase pegawai yang memenuhi standar kompetensi",
     "%", "positif", 55, 75, 3, 2, False, None, None),
    ("Indeks Kualitas Kebijakan", "Indeks", "positif", 55, 70, 2, 2, False, None, None),
    ("Persentase rencana aksi yang terlaksana", "%", "positif", 75, 90, 2, 2, False, None, None),
    ("Angka kesalahan data kinerja yang dilaporkan",
     "%", "negatif", 3, 10, 0.5, 2, False, None, None),
    ("Indeks kepuasan pegawai", "Indeks", "positif", 70, 80, 0.5, 2, False, None, None),
    ("Persentase penyelesaian dokumen pelaksanaan anggaran",
     "%", "rentang", 90, 95, 0, 2, False, 5, None),
    ("Persentase laporan keuangan tepat waktu", "%", "positif", 85, 95, 1, 2, False, None, None),
]

TUJUAN = ["Meningkatnya kualitas tata kelola dan akuntabilitas perangkat daerah",
          "Meningkatnya kualitas pelayanan kepada masyarakat"]
SASARAN = ["Meningkatnya akuntabilitas kinerja perangkat daerah",
           "Meningkatnya kualitas pengelolaan keuangan",
           "Meningkatnya kualitas layanan publik",
           "Meningkatnya kapasitas sumber daya aparatur",
           "Meningkatnya efektivitas pengendalian intern"]
UNIT_INSPEKTORAT = [("SEKRETARIAT", "Sekretariat"), ("IRBAN1", "Inspektur Pembantu Wilayah I"),
                    ("IRBAN2", "Inspektur Pembantu Wilayah II"),
                    ("IRBAN3", "Inspektur Pembantu Wilayah III"),
                    ("IRBAN4", "Inspektur Pembantu Wilayah IV")]
UNIT_OPD = [("SEKRETARIAT", "Sekretariat"), ("BIDANG1", "Bidang I"), ("BIDANG2", "Bidang II"),
            ("BIDANG3", "Bidang III"), ("BIDANG4", "Bidang IV")]
PROGRAM = ["Program Penunjang Urusan Pemerintahan Daerah",
           "Program Peningkatan Kualitas Layanan",
           "Program Pengawasan dan Pengendalian",
           "Program Perencanaan dan Evaluasi Kinerja",
           "Program Peningkatan Kapasitas Aparatur"]
NARASI_BERHASIL = [
    "Target tercapai berkat koordinasi rutin antarbidang.",
    "Capaian naik karena monitoring bulanan berjalan konsisten.",
    "Dukungan anggaran dan SDM memadai sepanjang tahun.",
    "Penerapan aplikasi pelaporan mempercepat pengumpulan data.",
]
NARASI_KURANG = [
    "Capaian di bawah target karena keterlambatan pengadaan.",
    "Rotasi pegawai menghambat pelaksanaan kegiatan.",
    "Refocusing anggaran menunda sebagian kegiatan.",
    "Data pendukung dari unit lain terlambat diterima.",
]
SOLUSI = ["Menyusun jadwal pelaksanaan yang lebih ketat.",
          "Pendampingan teknis bagi pengelola kegiatan.",
          "Evaluasi triwulanan bersama pimpinan.",
          "Penguatan koordinasi dengan perangkat daerah terkait."]
NARASI_LAIN = {
    "efisiensi": "Belanja kegiatan lebih hemat dari pagu tanpa mengurangi keluaran.",
    "program_pendukung": "Program penunjang dan program teknis perangkat daerah.",
    "kendala": "Keterbatasan SDM dan waktu pelaksanaan.",
    "tindak_lanjut": "Perbaikan perencanaan kegiatan tahun berikutnya.",
}
# Some instansi keep their own category scale (stored in pengaturan like any admin's change).
SKALA_LAIN = ((90.0, "Sangat Baik"), (75.0, "Baik"), (60.0, "Cukup"), (float("-inf"), "Kurang"))


def _u(*kunci: str) -> str:
    """SQL for a uniform number in [0, 1) derived from the seed and the given key columns."""
    return f"(hash($benih, {', '.join(kunci)})::DOUBLE / 18446744073709551616.0)"


def _jalankan(con: Con, sql: str, param: dict) -> None:
    # DuckDB refuses named parameters the statement does not use: pass only those it names.
    nama = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    con.execute(sql, {k: v for k, v in param.items() if k in nama})


# --- the statements (values only through $parameters) ---

_SQL_INSTANSI = """
INSERT INTO instansi (id, kode, nama, pemda, demo, tahun_laporan)
SELECT iid, printf('P%03d-I%02d', p, k), $opd[k] || ' ' || $wilayah[p], $pemda[p], TRUE, $y1
FROM (SELECT range AS iid, (range - 1) // $n_ins + 1 AS p, (range - 1) % $n_ins + 1 AS k
      FROM range($i0, $i1))
ORDER BY iid
"""

_SQL_UNIT = """
INSERT INTO unit_kerja (id, instansi_id, kode, nama)
SELECT (iid - 1) * $n_unit + u, iid,
       CASE WHEN k = 1 THEN $unit_insp[u].kode ELSE $unit_opd[u].kode END,
       CASE WHEN k = 1 THEN $unit_insp[u].nama ELSE $unit_opd[u].nama END
FROM (SELECT range AS iid, (range - 1) % $n_ins + 1 AS k FROM range($i0, $i1)),
     range(1, $n_unit + 1) t(u)
ORDER BY iid, u
"""

# admin, inspektur, sekretaris, kasubag, staf, then one bidang user per unit.
_SQL_PENGGUNA = """
INSERT INTO pengguna (id, instansi_id, username, nama, peran, unit_id, password_hash,
                      dibuat_pada)
SELECT (iid - 1) * ($n_unit + 5) + n, iid,
       CASE WHEN n <= 5 THEN $peran[n] ELSE 'bidang' || (n - 5) END || '.' || lower(kode),
       CASE WHEN n <= 5 THEN $label_peran[n] ELSE 'Pengisi Data ' || unit END
         || ' ' || kode || ' (Sintetis)',
       CASE WHEN n <= 5 THEN $peran[n] ELSE 'bidang' END,
       CASE WHEN n <= 2 THEN NULL WHEN n <= 5 THEN (iid - 1) * $n_unit + 1
            ELSE (iid - 1) * $n_unit + n - 5 END,
       $hash, $dibuat
FROM (SELECT i.id AS iid, i.kode, n, u.nama AS unit
      FROM instansi i CROSS JOIN range(1, $n_unit + 6) t(n)
      LEFT JOIN unit_kerja u ON u.id = (i.id - 1) * $n_unit + n - 5 AND n > 5
      WHERE i.id >= $i0 AND i.id < $i1)
ORDER BY iid, n
"""

_SQL_PENGATURAN = """
INSERT INTO pengaturan (instansi_id, kunci, nilai)
SELECT iid, 'skala_kategori', CASE WHEN k % 8 = 2 THEN $skala_lain ELSE $skala_baku END
FROM (SELECT range AS iid, (range - 1) % $n_ins + 1 AS k FROM range($i0, $i1))
WHERE k % 8 = 2 OR k % 4 = 1
ORDER BY iid
"""

_SQL_RENSTRA = """
INSERT INTO renstra (id, instansi_id, nama, tahun_awal, tahun_akhir)
SELECT id, id, 'Renstra ' || nama || ' ' || $y0 || '–' || $y1, $y0, $y1
FROM instansi WHERE id >= $i0 AND id < $i1 ORDER BY id
"""

_SQL_TUJUAN = """
INSERT INTO tujuan (id, renstra_id, kode, uraian)
SELECT (iid - 1) * 2 + t, iid, 'T' || t, $tujuan[t]
FROM range($i0, $i1) a(iid), range(1, 3) b(t) ORDER BY iid, t
"""

_SQL_SASARAN = """
INSERT INTO sasaran (id, tujuan_id, kode, uraian)
SELECT (iid - 1) * $n_sas + s, (iid - 1) * 2 + (s - 1) % 2 + 1, 'SS' || s, $sasaran[s]
FROM range($i0, $i1) a(iid), range(1, $n_sas + 1) b(s) ORDER BY iid, s
"""

# One row per indicator of the batch with its template's parameters (a temp table the
# indicator-year statement and the indikator insert both read).
_SQL_TEMP_IND = f"""
CREATE OR REPLACE TEMP TABLE _sintetis_ind AS
SELECT ind, iid, j, tpl.*, kode_ins,
       round(tpl.dasar_min + {_u('ind', '1')} * (tpl.dasar_maks - tpl.dasar_min),
             tpl.desimal) AS dasar,
       {_u('ind', '2')} >= 0.02 AS aktif
FROM (SELECT ind, iid, j, printf('P%03d-I%02d', (iid - 1) // $n_ins + 1,
                                 (iid - 1) % $n_ins + 1) AS kode_ins,
             (j - 1 + (hash($benih, iid, 3) % $n_tpl)::BIGINT) % $n_tpl + 1 AS no_tpl
      FROM (SELECT range AS ind, (range - 1) // $n_ind + 1 AS iid,
                   (range - 1) % $n_ind + 1 AS j
            FROM range(($i0 - 1) * $n_ind + 1, ($i1 - 1) * $n_ind + 1))) x,
     (SELECT unnest($templat, recursive := true)) tpl
WHERE tpl.no = x.no_tpl
"""

# One row per indicator-year: target, realisasi, status, narratives (read by three inserts).
_SQL_TEMP_IY = f"""
CREATE OR REPLACE TEMP TABLE _sintetis_iy AS
WITH a AS (
  SELECT i.*, $y0 + yi AS tahun, yi,
         CASE i.polaritas
           WHEN 'positif' THEN i.dasar + i.langkah * yi
           WHEN 'negatif' THEN greatest(0, i.dasar - i.langkah * yi)
           ELSE i.dasar END AS t0,
         {_u('ind', 'yi', '10')} AS u_nol, {_u('ind', 'yi', '11')} AS u_f1,
         {_u('ind', 'yi', '12')} AS u_f2, {_u('ind', 'yi', '13')} AS u_kosong,
         {_u('ind', 'yi', '14')} AS u_ada, {_u('ind', 'yi', '15')} AS u_status,
         {_u('ind', 'yi', '16')} AS u_waktu
  FROM _sintetis_ind i, range(0, $n_tahun) y(yi)
), b AS (
  SELECT a.*,
         CASE WHEN polaritas = 'negatif' AND boleh_nol AND u_nol < 0.3 THEN 0.0
              WHEN polaritas = 'positif' AND u_nol < 0.01 THEN 0.0
              ELSE round(CASE WHEN satuan = '%' THEN least(100, t0) ELSE t0 END, desimal)
         END AS target,
         CASE WHEN polaritas = 'rentang' THEN round(CASE WHEN satuan = '%'
              THEN least(100, dasar + lebar) ELSE dasar + lebar END, desimal) END AS target_atas,
         CASE WHEN u_f1 < 0.1 THEN 0.3 + 0.5 * u_f2 ELSE 0.8 + 0.35 * u_f2 END AS f
  FROM a
), c AS (
  SELECT b.*,
         CASE WHEN u_kosong < 0.03 THEN NULL ELSE round(CASE
           WHEN polaritas = 'positif' AND target = 0 THEN floor(u_f2 * 4)
           WHEN polaritas = 'positif' THEN
             CASE WHEN satuan = '%' THEN least(100, target * f) ELSE target * f END
           WHEN polaritas = 'negatif' AND target = 0 THEN
             CASE WHEN u_f1 < 0.6 THEN 0 ELSE 1 + floor(u_f2 * 3) END
           WHEN polaritas = 'negatif' THEN target * (2 - f)
           ELSE target + (target_atas - target) * (-0.5 + 2 * u_f2) END, desimal)
         END AS nilai,
         tahun < $y1 OR u_ada >= 0.08 AS ada
  FROM b
)
SELECT c.*,
       CASE WHEN nilai IS NULL THEN 'draft' WHEN tahun < $y1 THEN 'diverifikasi'
            WHEN u_status < 0.4 THEN 'diverifikasi' WHEN u_status < 0.7 THEN 'diajukan'
            WHEN u_status < 0.92 THEN 'draft' ELSE 'dikembalikan' END AS status,
       'bidang' || ((j - 1) % $n_unit + 1) || '.' || lower(kode_ins) AS pengisi,
       'kasubag.' || lower(kode_ins) AS pemeriksa,
       make_timestamp(tahun + 1, 1 + floor(u_waktu * 2)::INT,
                      2 + floor(u_waktu * 997 % 25)::INT, 8 + floor(u_waktu * 7919 % 8)::INT,
                      floor(u_waktu * 104729 % 60)::INT, 0) AS diubah_pada
FROM c
"""

_SQL_INDIKATOR = """
INSERT INTO indikator (id, instansi_id, sasaran_id, kode, nama, definisi, satuan, polaritas,
                       unit_id, target_akhir, target_akhir_atas, standar_nasional, aktif)
SELECT i.ind, i.iid, (i.iid - 1) * $n_sas + (i.j - 1) % $n_sas + 1, printf('IK-%02d', i.j),
       i.nama, NULL, i.satuan, i.polaritas, (i.iid - 1) * $n_unit + (i.j - 1) % $n_unit + 1,
       y.target, y.target_atas, i.standar, i.aktif
FROM _sintetis_ind i JOIN _sintetis_iy y ON y.ind = i.ind AND y.tahun = $y1
ORDER BY i.ind
"""

_SQL_TARGET = """
INSERT INTO target_tahunan (indikator_id, tahun, target, target_atas)
SELECT ind, tahun, target, target_atas FROM _sintetis_iy ORDER BY ind, tahun
"""

_SQL_REALISASI = f"""
INSERT INTO realisasi (indikator_id, tahun, nilai, status, versi, diubah_oleh, diubah_pada,
                       tw1, tw2, tw3, tw4, analisis_penyebab, solusi, efisiensi,
                       program_pendukung, kendala, tindak_lanjut)
SELECT ind, tahun, nilai, status,
       CASE status WHEN 'draft' THEN 1 WHEN 'diajukan' THEN 2 ELSE 3 END,
       pengisi, diubah_pada,
       round(nilai * (0.85 + 0.3 * {_u('ind', 'tahun', '21')}), desimal),
       round(nilai * (0.85 + 0.3 * {_u('ind', 'tahun', '22')}), desimal),
       round(nilai * (0.85 + 0.3 * {_u('ind', 'tahun', '23')}), desimal),
       nilai,
       CASE WHEN nilai IS NOT NULL THEN CASE WHEN f >= 0.95
            THEN $berhasil[1 + (hash($benih, ind, tahun, 24) % len($berhasil))::BIGINT]
            ELSE $kurang[1 + (hash($benih, ind, tahun, 24) % len($kurang))::BIGINT] END END,
       CASE WHEN nilai IS NOT NULL
            THEN $solusi[1 + (hash($benih, ind, tahun, 25) % len($solusi))::BIGINT] END,
       CASE WHEN tahun = $y1 AND status <> 'draft' THEN $efisiensi END,
       CASE WHEN tahun = $y1 AND status <> 'draft' THEN $program_pendukung END,
       CASE WHEN tahun = $y1 AND status <> 'draft' THEN $kendala END,
       CASE WHEN tahun = $y1 AND status <> 'draft' THEN $tindak_lanjut END
FROM _sintetis_iy WHERE ada ORDER BY ind, tahun
"""

# The workflow history of the reported year's entries (the path that led to their status);
# ids indikator × 4 + step keep them unique and in order without a sequence.
_SQL_RIWAYAT = """
INSERT INTO riwayat_isian (id, indikator_id, tahun, waktu, pelaku, dari, ke, catatan)
SELECT ind * 4 + n, ind, tahun, diubah_pada - to_days((len(jalan) - n)::INT),
       CASE WHEN jalan[n] IN ('diverifikasi', 'dikembalikan') THEN pemeriksa ELSE pengisi END,
       CASE WHEN n > 1 THEN jalan[n - 1] END, jalan[n],
       CASE WHEN jalan[n] = 'dikembalikan' THEN 'Mohon lengkapi analisis penyebab.'
            ELSE 'Data sintetis' END
FROM (SELECT *, CASE status WHEN 'draft' THEN ['draft']
                            WHEN 'diajukan' THEN ['draft', 'diajukan']
                            ELSE ['draft', 'diajukan', status] END AS jalan
      FROM _sintetis_iy WHERE ada AND tahun = $y1) y, range(1, 4) r(n)
WHERE n <= len(jalan)
ORDER BY ind, n
"""

_SQL_PROGRAM = f"""
INSERT INTO pk_program (id, instansi_id, tahun, kode, uraian, unit_id, pagu, realisasi)
SELECT ((iid - 1) * $n_tahun + yi) * $n_unit + u, iid, $y0 + yi, printf('5.%02d', u),
       $program[(u - 1) % len($program) + 1], (iid - 1) * $n_unit + u, pagu,
       CASE WHEN yi < $n_tahun - 1 OR {_u('iid', 'u', 'yi', '32')} >= 0.3
            THEN round(pagu * (0.82 + 0.17 * {_u('iid', 'u', 'yi', '33')})) END
FROM (SELECT iid, u, yi,
             round((2e8 + 3.8e9 * {_u('iid', 'u', '31')}) * pow(1.04, yi), -3) AS pagu
      FROM range($i0, $i1) a(iid), range(1, $n_unit + 1) b(u), range(0, $n_tahun) c(yi))
ORDER BY iid, yi, u
"""

_SQL_SOP_REVISI = """
INSERT INTO sop_revisi (id, instansi_id, nomor, judul, berlaku_mulai, info, dibuat_oleh,
                        dibuat_pada)
SELECT range, range, 1, 'SOP Penyusunan Laporan Kinerja', $berlaku, $info, $pelaku, $dibuat
FROM range($i0, $i1) ORDER BY range
"""

_SQL_SOP_LANGKAH = """
INSERT INTO sop_langkah (revisi_id, no, uraian, pelaksana, kelengkapan, waktu, satuan_waktu,
                         output, keterangan)
SELECT iid, l.no, l.uraian, l.pelaksana, l.kelengkapan, l.waktu, l.satuan_waktu, l.output,
       l.keterangan
FROM range($i0, $i1) a(iid), (SELECT unnest($langkah, recursive := true)) l
ORDER BY iid, l.no
"""


def _wilayah(ukuran: Ukuran) -> list[str]:
    """The region name of each Pemda (34 provinces, then kabupaten, then kota)."""
    if ukuran.pemda == 1:
        return ["Kabupaten Sintetis"]
    hasil = []
    for p in range(1, ukuran.pemda + 1):
        jenis = "Provinsi" if p <= 34 else "Kabupaten" if p <= 450 else "Kota"
        hasil.append(f"{jenis} Sintetis {p:03d}")
    return hasil


def _parameter(ukuran: Ukuran, benih: int) -> dict:
    wilayah = _wilayah(ukuran)
    langkah = [{"no": l["no"], "uraian": l["uraian"], "pelaksana": l["pelaksana"],
                "kelengkapan": l["kelengkapan"], "waktu": l["waktu"],
                "satuan_waktu": l["satuan_waktu"], "output": l["output"],
                "keterangan": l["keterangan"]} for l in sop.baca_csv()]
    peran = ["admin", "inspektur", "sekretaris", "kasubag", "staf"]
    return {
        "benih": benih, "n_ins": ukuran.instansi, "n_ind": ukuran.indikator,
        "n_unit": ukuran.unit, "n_sas": ukuran.sasaran, "n_tahun": ukuran.tahun,
        "y0": ukuran.tahun_awal, "y1": ukuran.tahun_akhir, "n_tpl": len(TEMPLAT),
        "opd": NAMA_OPD, "wilayah": wilayah, "pemda": [f"Pemerintah {w}" for w in wilayah],
        "unit_insp": [{"kode": k, "nama": n} for k, n in UNIT_INSPEKTORAT],
        "unit_opd": [{"kode": k, "nama": n} for k, n in UNIT_OPD],
        "peran": peran, "label_peran": [LABEL_PERAN[p] for p in peran],
        "hash": HASH_SANDI, "dibuat": DIBUAT_PADA,
        "skala_baku": skala_ke_json(SKALA_BAKU), "skala_lain": skala_ke_json(SKALA_LAIN),
        "tujuan": TUJUAN, "sasaran": SASARAN, "program": PROGRAM,
        "templat": [{"no": i, "nama": t[0], "satuan": t[1], "polaritas": t[2],
                     "dasar_min": float(t[3]), "dasar_maks": float(t[4]),
                     "langkah": float(t[5]), "desimal": t[6], "boleh_nol": t[7],
                     "lebar": None if t[8] is None else float(t[8]),
                     "standar": t[9]} for i, t in enumerate(TEMPLAT, start=1)],
        "berhasil": NARASI_BERHASIL, "kurang": NARASI_KURANG, "solusi": SOLUSI,
        **NARASI_LAIN,
        "berlaku": dt.date(ukuran.tahun_awal, 1, 2),
        "info": json.dumps(sop.INFO_SOP_WONOSOBO, ensure_ascii=False),
        "pelaku": PELAKU, "langkah": langkah,
    }


_URUTAN_BATCH = [_SQL_INSTANSI, _SQL_UNIT, _SQL_PENGGUNA, _SQL_PENGATURAN, _SQL_RENSTRA,
                 _SQL_TUJUAN, _SQL_SASARAN, _SQL_TEMP_IND, _SQL_TEMP_IY, _SQL_INDIKATOR,
                 _SQL_TARGET, _SQL_REALISASI, _SQL_RIWAYAT, _SQL_PROGRAM, _SQL_SOP_REVISI,
                 _SQL_SOP_LANGKAH]


# --- SOP cycles of one instansi (timed in Python with the office calendar) ---

def _faktor(benih: int, tahun: int, n: int) -> list[float]:
    # Actual time of each step as a multiple of its standard time: mostly on time, some late.
    acak = random.Random(f"{benih}:siklus:{tahun}")
    return [acak.choice([0.5, 0.6, 0.8, 0.9, 1.0, 1.0, 1.2, 1.5, 2.0]) for _ in range(n)]


def _isi_langkah(no: int, tahun: int, w: dt.datetime, kode: str) -> dict | None:
    """The step-specific record (same shape as siklus.validasi_data produces)."""
    isi = {
        4: {"tanggal_rapat": w.date().isoformat(), "tempat": "Ruang rapat",
            "undangan": "Pimpinan dan pejabat eselon III"},
        5: {"notulen": f"Pembahasan pengukuran kinerja {tahun}.",
            "kesepakatan": "Data bidang dihimpun paling lambat satu minggu."},
        11: {"tanggal_tandatangan": w.date().isoformat()},
        12: {"nomor_surat": f"050/{tahun}/LKjIP", "tanggal_surat": w.date().isoformat()},
        13: {"tanggal_unggah": w.date().isoformat(),
             "url_publikasi": f"https://sintetis.example/{kode.lower()}/lkjip-{tahun}"},
    }
    return isi.get(no)


def _bangun_siklus(con: Con, ukuran: Ukuran, benih: int, iid: int = 1) -> None:
    """Completed cycles for every past year and the reported year's cycle running at step 6."""
    kal = waktu_kerja.Kalender.baku()
    kode = con.execute("SELECT kode FROM instansi WHERE id = ?", [iid]).fetchone()[0]
    orang = {p: f"{p}.{kode.lower()}" for p in ("inspektur", "sekretaris", "kasubag", "staf")}
    langkah = con.execute("SELECT no, uraian, pelaksana, kelengkapan, waktu, satuan_waktu,"
                          " output, keterangan FROM sop_langkah WHERE revisi_id = ? ORDER BY no",
                          [iid]).fetchall()
    sid = 0
    siklus_rows, langkah_rows, kejadian_rows = [], [], []
    for tahun in range(ukuran.tahun_awal, ukuran.tahun_akhir + 1):
        sid += 1
        berjalan = tahun == ukuran.tahun_akhir
        sampai = 6 if berjalan else len(langkah)
        # The first working day on or after 5 January of the next year, 08:00.
        w = dt.datetime(tahun + 1, 1, 5, 8, 0)
        while not kal.hari_kerja(w.date()):
            w += dt.timedelta(days=1)
        dibuka = w
        faktor = _faktor(benih, tahun, len(langkah))
        selesai_semua = True
        for (no, uraian, pelaksana, kelengkapan, waktu, satuan, output, ket), fk in zip(
                langkah, faktor):
            mulai = selesai = None
            referensi = catatan = data = None
            if no <= sampai:
                if no > 1:
                    w = waktu_kerja.tenggat(w, 10, "menit", kal)
                mulai = w
                kejadian_rows.append([sid, no, mulai, mulai, orang[pelaksana], pelaksana,
                                      "mulai"])
                if not (berjalan and no == sampai):
                    menit = waktu * (1 if satuan == "menit" else 510) * fk
                    w = waktu_kerja.tenggat(w, max(1, round(menit)), "menit", kal)
                    selesai = w
                    referensi = f"Dokumen langkah {no} ({tahun})"
                    catatan = "Data sintetis"
                    isi = _isi_langkah(no, tahun, w, kode)
                    data = json.dumps(isi, ensure_ascii=False) if isi else None
                    kejadian_rows.append([sid, no, selesai, selesai, orang[pelaksana],
                                          pelaksana, "selesai"])
                else:
                    selesai_semua = False
            else:
                selesai_semua = False
            langkah_rows.append([sid, no, uraian, pelaksana, kelengkapan, waktu, satuan, output,
                                 ket, mulai, orang[pelaksana] if mulai else None, selesai,
                                 orang[pelaksana] if selesai else None, referensi, catatan,
                                 data])
        siklus_rows.append([sid, iid, tahun, iid, "disetujui" if selesai_semua else "draf",
                            orang["inspektur"], dibuka])
    con.executemany("INSERT INTO siklus (id, instansi_id, tahun, revisi_id, status_laporan,"
                    " dibuka_oleh, dibuka_pada) VALUES (?, ?, ?, ?, ?, ?, ?)", siklus_rows)
    con.executemany("INSERT INTO siklus_langkah (siklus_id, no, uraian, pelaksana, kelengkapan,"
                    " waktu, satuan_waktu, output, keterangan, mulai, dimulai_oleh, selesai,"
                    " diselesaikan_oleh, referensi, catatan, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", langkah_rows)
    con.executemany("INSERT INTO siklus_kejadian (id, siklus_id, no, waktu, dicatat_pada,"
                    " pelaku, peran, aksi) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [[i, *r] for i, r in enumerate(kejadian_rows, start=1)])


# --- sequences, summaries ---

def _majukan_urutan(con: Con) -> dict[str, int]:
    """Advance every sequence used as a column default past the largest id of its table.

    DuckDB has neither setval nor ALTER SEQUENCE … RESTART, so the sequence is simply drawn
    from until it passes the maximum (one query; cheap even for millions of values).
    """
    hasil = {}
    for tabel, kolom, bawaan in con.execute(
            "SELECT table_name, column_name, column_default FROM duckdb_columns()"
            " WHERE schema_name = 'main' AND column_default LIKE 'nextval(%'"
            " ORDER BY table_name").fetchall():
        urutan = re.fullmatch(r"nextval\('([a-z_0-9]+)'\)", bawaan)
        if urutan is None:
            continue
        nama = urutan.group(1)
        # Identifiers from the catalog, checked against a strict pattern: never user input.
        if not (re.fullmatch(r"[a-z_0-9]+", tabel) and re.fullmatch(r"[a-z_0-9]+", kolom)):
            continue
        maks = con.execute(f"SELECT coalesce(max({kolom}), 0) FROM {tabel}").fetchone()[0]
        sekarang = con.execute("SELECT nextval(?)", [nama]).fetchone()[0]
        if sekarang <= maks:
            con.execute("SELECT max(nextval(?)) FROM range(?)", [nama, maks - sekarang])
        hasil[nama] = maks
    return hasil


def _tabel(con: Con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary"
        " ORDER BY table_name").fetchall() if re.fullmatch(r"[a-z_0-9]+", r[0])]


def ringkasan(con: Con) -> dict[str, int]:
    """Row count of every table of the database, by table name."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _tabel(con)}


# Rows written with the wall clock (when the build ran), not derived from the seed.
TABEL_WAKTU_NYATA = ("audit_log", "schema_migrasi")


def sidik(con: Con) -> dict[str, tuple[int, int]]:
    """(row count, checksum of all rows) per table: equal seeds give equal fingerprints.

    The audit log and the migration log hold when things ran, so they are left out.
    """
    return {t: tuple(int(x) for x in con.execute(
        f"SELECT count(*), coalesce(sum(hash(x)::HUGEINT), 0) FROM {t} x").fetchone())
        for t in _tabel(con) if t not in TABEL_WAKTU_NYATA}


# --- building ---

class BasisDataTidakKosong(RuntimeError):
    """The database already holds instansi: synthetic data is loaded only into an empty one."""


def ukuran_dari(ukuran: str, jumlah: dict | None = None) -> Ukuran:
    """The size by name, with counts optionally overridden (tests use small ones)."""
    if ukuran not in UKURAN:
        raise ValueError(f"Ukuran '{ukuran}' tidak dikenal; pilih salah satu dari: "
                         f"{', '.join(UKURAN)}.")
    u = UKURAN[ukuran]
    if jumlah:
        u = replace(u, **jumlah)
    if not (1 <= u.instansi <= len(NAMA_OPD) and 1 <= u.unit <= len(UNIT_OPD)
            and 1 <= u.sasaran <= len(SASARAN) and 1 <= u.indikator <= 99 and 1 <= u.pemda <= 999
            and u.tahun_awal <= u.tahun_akhir and u.pemda_per_batch >= 1):
        raise ValueError(f"Ukuran tidak valid: {u}.")
    return u


def bangun(con_or_path, ukuran: str, benih: int = BENIH_BAKU, jumlah: dict | None = None,
           cetak=None) -> dict[str, int]:
    """Fill an empty database with synthetic data of a size; returns the row counts.

    `con_or_path`: a connection from `lkj_core.db.buka`, or a path (opened with the
    migrations, closed after).
    `jumlah` overrides counts of the size (e.g. ``{"instansi": 3}``; tests only).
    `cetak`, if given, receives progress lines.
    """
    u = ukuran_dari(ukuran, jumlah)
    if not isinstance(benih, int) or isinstance(benih, bool):
        raise ValueError("Benih harus bilangan bulat.")
    if config.mode_produksi():
        raise RuntimeError("Mode produksi (LKJ_MODE=produksi): data sintetis tidak dimuat.")
    tutup = not hasattr(con_or_path, "execute")
    con = buka(con_or_path) if tutup else con_or_path
    try:
        if con.execute("SELECT count(*) FROM instansi").fetchone()[0]:
            raise BasisDataTidakKosong("Basis data sudah berisi data; data sintetis hanya "
                                       "dimuat ke basis data kosong.")
        param = _parameter(u, benih)
        mulai = time.perf_counter()
        for p0 in range(1, u.pemda + 1, u.pemda_per_batch):
            p1 = min(p0 + u.pemda_per_batch, u.pemda + 1)
            param.update(i0=(p0 - 1) * u.instansi + 1, i1=(p1 - 1) * u.instansi + 1)
            with transaksi(con):
                for sql in _URUTAN_BATCH:
                    _jalankan(con, sql, param)
            con.execute("DROP TABLE IF EXISTS _sintetis_ind")
            con.execute("DROP TABLE IF EXISTS _sintetis_iy")
            if cetak:
                cetak(f"Pemda {p0}–{p1 - 1} dari {u.pemda} selesai "
                      f"({time.perf_counter() - mulai:.0f} dtk).")
        with transaksi(con):
            _bangun_siklus(con, u, benih)
            _majukan_urutan(con)
            audit.catat(con, PELAKU, None, "muat_sintetis", "basis_data", ukuran, None,
                        {"ukuran": ukuran, "benih": benih, "jumlah": jumlah,
                         "baris": ringkasan(con)})
        con.execute("CHECKPOINT")
        return ringkasan(con)
    finally:
        if tutup:
            con.close()


def main(argv: list[str] | None = None) -> int:
    """Command line: build synthetic data into a new database file."""
    ap = argparse.ArgumentParser(
        prog="python -m lkj_core.sintetis",
        description="Muat data sintetis (untuk uji kinerja) ke basis data kosong.")
    ap.add_argument("--ukuran", required=True, choices=list(UKURAN),
                    help="instansi, kabupaten, atau nasional")
    ap.add_argument("--db", required=True, help="berkas DuckDB tujuan (baru atau kosong)")
    ap.add_argument("--benih", type=int, default=BENIH_BAKU,
                    help=f"benih acak; benih sama = data sama (bawaan {BENIH_BAKU})")
    a = ap.parse_args(argv)
    mulai = time.perf_counter()
    try:
        hasil = bangun(a.db, a.ukuran, a.benih, cetak=print)
    except (BasisDataTidakKosong, DatabaseTerkunci, RuntimeError, ValueError) as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    lama = time.perf_counter() - mulai
    ukuran_berkas = Path(a.db).stat().st_size / 2 ** 20
    for tabel, n in hasil.items():
        print(f"{tabel:20} {n:>12,}".replace(",", "."))
    print(f"Selesai dalam {lama:.1f} dtk; berkas {ukuran_berkas:.0f} MB. Semua akun memakai "
          f"kata sandi '{SANDI}'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
