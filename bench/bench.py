"""`make bench`: timings that must not be measured by unit tests. Prints a table and writes
bench/results.json (machine, versions, each measure: median of >= 5 runs, min, max).

Measures, on a fresh demo database in a temporary folder:
- laporan_pdf: the full LKjIP PDF of the demo year (data + charts + PDF), target < 3 s;
- dasbor_data: every query the Dasbor runs for one instansi-year, target < 50 ms;
- peak memory of this process (the report's target is < 400 MB).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LKJ_BCRYPT_ROUNDS", "4")


_ANAK = """
import resource, sys
from lkj_core import laporan
from lkj_core.db import buka
from lkj_core.peran import Pelaku
con = buka(sys.argv[1])
iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
laporan.buat_laporan(laporan.kumpulkan_data(con, Pelaku("bench", "inspektur", iid), tahun))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def ukur(nama: str, fungsi, n: int = 5) -> dict:
    fungsi()  # warm-up: imports, caches
    waktu = []
    for _ in range(n):
        t = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - t)
    return {"ukuran": nama, "median_s": statistics.median(waktu), "min_s": min(waktu),
            "max_s": max(waktu), "n": n}


def main() -> int:
    import duckdb
    import fpdf
    import streamlit

    from lkj_core import dasbor, demo, isian, laporan, pengaturan, siklus
    from lkj_core.peran import Pelaku

    with tempfile.TemporaryDirectory() as tmp:
        con = demo.siapkan_basis_data(Path(tmp) / "bench.duckdb")
        iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
        p = Pelaku("bench", "inspektur", iid)

        def pdf():
            laporan._png_semua.cache_clear()  # count the chart rendering every time
            laporan.buat_laporan(laporan.kumpulkan_data(con, p, tahun))

        def data_dasbor():
            skala = pengaturan.skala_kategori(con, iid)
            kal = pengaturan.kalender(con, iid)
            df = isian.daftar_isian(con, p, tahun, None, skala)
            ang = dasbor.anggaran(con, p, tahun, None, df)
            dasbor.ringkasan(df, ang, skala), dasbor.per_sasaran(df, skala)
            dasbor.tren(con, p, tahun), dasbor.progres(con, p, tahun)
            dasbor.gantt(con, p, tahun - 1, kal), siklus.rekap_siklus(con, iid, kal)

        hasil = [ukur("laporan_pdf", pdf), ukur("dasbor_data", data_dasbor, n=10)]
        con.close()
        # The report's memory alone: a fresh process that builds it once.
        anak = subprocess.run(
            [sys.executable, "-c", _ANAK, str(Path(tmp) / "bench.duckdb")], cwd=ROOT,
            capture_output=True, text=True, check=True)
        grafik_mb, pdf_mb = map(float, anak.stdout.strip().splitlines()[-2:])
    puncak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keluaran = {
        "mesin": {"platform": platform.platform(), "python": platform.python_version(),
                  "cpu": os.cpu_count()},
        "versi": {"duckdb": duckdb.__version__, "fpdf2": fpdf.__version__,
                  "streamlit": streamlit.__version__},
        "ukuran": hasil, "memori_puncak_mb": round(puncak_mb, 1),
        "memori_laporan_pdf_mb": round(pdf_mb, 1),
        "memori_penggambar_grafik_mb": round(grafik_mb, 1),
        "target": {"laporan_pdf_s": 3.0, "dasbor_data_s": 0.05, "memori_mb": 400},
    }
    print(f"{'ukuran':<14}{'median':>10}{'min':>10}{'max':>10}")
    for h in hasil:
        print(f"{h['ukuran']:<14}{h['median_s']:>9.3f}s{h['min_s']:>9.3f}s{h['max_s']:>9.3f}s")
    print(f"memori puncak proses yang hanya membuat laporan PDF: {pdf_mb:.0f} MB "
          f"(proses anak penggambar grafik, berakhir setelahnya: {grafik_mb:.0f} MB)")
    print(f"memori puncak proses bench (semua ukuran): {puncak_mb:.0f} MB")
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(keluaran, indent=2))
    gagal = [h["ukuran"] for h in hasil
             if h["median_s"] > keluaran["target"][h["ukuran"] + "_s"]]
    if gagal:
        print("Melewati target: " + ", ".join(gagal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
