"""The LKjIP as a PDF (structure of PermenPANRB 53/2014) and its cover letter (SOP step 12).

Layers, each importing only those listed before it (tests/test_laporan_isi.py checks it):
  data      — `kumpulkan_data` / `data_surat`: everything read-only through the other lkj_core
              modules, gathered once into `DataLaporan` / `DataSurat`;
  dokumen   — the page layer: fonts, paragraphs, captioned tables and figures, signatures,
              headings kept with what follows, the DRAF mark;
  teks, analisis, bagan — generated sentences (the editable texts; Bab III's seven points
              per sasaran) and vector diagrams (pohon kinerja, organisation chart, tiles);
  bab3, then lampiran, then lkjip and surat — the report's layout and the cover letter.
Charts come from `lkj_core.grafik` (shared with the Dasbor), printed as vector SVG by
`lkj_core.grafik_cetak`.
`buat_laporan` and `buat_surat_pengantar` only lay out what they are given and return bytes.
Fonts are bundled (DejaVu Sans, `lkj_core/data/fonts/`) so the PDF and its chart text come
out the same on a fresh Linux or Windows install without network.
"""

from lkj_core.angka import format_tanggal
from lkj_core.laporan.data import (
    KEPADA_BAKU,
    DataLaporan,
    DataSurat,
    data_surat,
    judul_laporan,
    kumpulkan_data,
    penandatangan_tahun,
)
from lkj_core.laporan.dokumen import FOLDER_FONT, FONT
from lkj_core.laporan.lkjip import buat_laporan
from lkj_core.laporan.surat import buat_surat_pengantar
from lkj_core.laporan.teks import _BAWAAN, usulan
from lkj_core.peran import wajib

__all__ = [
    "FOLDER_FONT", "FONT", "KEPADA_BAKU", "DataLaporan", "DataSurat", "_BAWAAN",
    "buat_laporan", "buat_surat_pengantar", "data_surat", "format_tanggal", "judul_laporan",
    "kumpulkan_data", "penandatangan_tahun", "usulan_naskah",
]


def usulan_naskah(con, pelaku, tahun: int) -> dict[str, str]:
    """The generated proposal of every editable text of the year's report (from its data),
    for whoever writes those texts."""
    wajib(pelaku, "kelola_naskah")
    return usulan(kumpulkan_data(con, pelaku, tahun, naskah={}))
