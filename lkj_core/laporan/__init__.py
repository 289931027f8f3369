"""The LKjIP as a PDF (structure of PermenPANRB 53/2014) and its cover letter (SOP step 12).

Layers, each importing only those above it:
  data     — `kumpulkan_data` / `data_surat`: everything read-only through the other lkj_core
             modules, gathered once into `DataLaporan` / `DataSurat`;
  teks     — generated sentences (what the report says where a person wrote nothing);
  dokumen  — the page layer: fonts, paragraphs, captioned tables and figures, signatures;
  lkjip    — the report's layout; `surat` — the cover letter.
`buat_laporan` and `buat_surat_pengantar` only lay out what they are given and return bytes.
Fonts are bundled (DejaVu Sans, `lkj_core/data/fonts/`) so the PDF and its chart text come
out the same on a fresh Linux or Windows install without network.
"""

from lkj_core.angka import format_tanggal
from lkj_core.laporan.data import (KEPADA_BAKU, DataLaporan, DataSurat, data_surat,
                                   judul_laporan, kumpulkan_data, penandatangan_tahun)
from lkj_core.laporan.dokumen import FOLDER_FONT, FONT
from lkj_core.laporan.gambar import _ANAK_GRAFIK, _png_semua, grafik_anggaran, grafik_tren
from lkj_core.laporan.lkjip import buat_laporan
from lkj_core.laporan.surat import buat_surat_pengantar
from lkj_core.laporan.teks import _BAWAAN

__all__ = [
    "FOLDER_FONT", "FONT", "KEPADA_BAKU", "DataLaporan", "DataSurat", "buat_laporan",
    "buat_surat_pengantar", "data_surat", "format_tanggal", "grafik_anggaran", "grafik_tren",
    "judul_laporan", "kumpulkan_data", "penandatangan_tahun", "_ANAK_GRAFIK", "_BAWAAN",
    "_png_semua",
]
