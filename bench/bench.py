"""`make bench`: timings that must not be measured by unit tests. Prints a table and writes
bench/results.json (machine, versions, each measure: median of >= 5 runs, min, max).

Measures, on a fresh demo database in a temporary folder:
- laporan_pdf: the full LKjIP PDF of the demo year (data + charts + PDF), target < 3 s;
- dasbor_data: every query the Dasbor runs for one instansi-year, target < 50 ms;
- peak memory of the report: the building process plus its chart child, summed (an upper
  bound of both together; target < 400 MB), and of this bench process.
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


# Peak memory is read from /proc's VmHWM, which starts afresh at exec. (ru_maxrss does not:
# it keeps the forking parent's size, which made an earlier bench report the bench process's
# own 328 MB as the report's.)
_HWM = ("\nsys.stderr.write('VmHWM ' + [l.split()[1] for l in open('/proc/self/status')"
        " if l.startswith('VmHWM')][0] + '\\n')\n")

# A fresh process that builds the report once; it records the specs its chart child drew.
_ANAK = """
import json, sys
from lkj_core import laporan
from lkj_core.db import buka
from lkj_core.peran import Pelaku
specs = []
_asli = laporan._png_semua
def _catat(s):
    specs.extend(s)
    return _asli(s)
laporan._png_semua = _catat
con = buka(sys.argv[1])
iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
laporan.buat_laporan(laporan.kumpulkan_data(con, Pelaku("bench", "inspektur", iid), tahun))
json.dump(specs, open(sys.argv[2], "w"))
""" + _HWM


def _hwm_mb(stderr: str) -> float:
    return int(stderr.rsplit("VmHWM ", 1)[1].split()[0]) / 1024


def memori_laporan(db: Path, tmp: str) -> tuple[float, float]:
    """Peak MB of the process that builds the report, and of its chart child (same code, same
    specs, run again on its own so its peak can be read)."""
    from lkj_core import laporan

    f_specs = Path(tmp) / "specs.json"
    anak = subprocess.run([sys.executable, "-c", _ANAK, str(db), str(f_specs)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    specs = json.loads(f_specs.read_text())
    grafik = subprocess.run(
        [sys.executable, "-c", laporan._ANAK_GRAFIK + _HWM, str(laporan.FOLDER_FONT)],
        input="[" + ",".join(specs) + "]", capture_output=True, text=True, check=True)
    return _hwm_mb(anak.stderr), _hwm_mb(grafik.stderr)


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
        pdf_mb, grafik_mb = memori_laporan(Path(tmp) / "bench.duckdb", tmp)
    puncak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keluaran = {
        "mesin": {"platform": platform.platform(), "python": platform.python_version(),
                  "cpu": os.cpu_count()},
        "versi": {"duckdb": duckdb.__version__, "fpdf2": fpdf.__version__,
                  "streamlit": streamlit.__version__},
        "ukuran": hasil, "memori_puncak_mb": round(puncak_mb, 1),
        "memori_laporan_pdf_mb": round(pdf_mb, 1),
        "memori_penggambar_grafik_mb": round(grafik_mb, 1),
        "memori_laporan_total_mb": round(pdf_mb + grafik_mb, 1),
        "target": {"laporan_pdf_s": 3.0, "dasbor_data_s": 0.05, "memori_mb": 400},
    }
    print(f"{'ukuran':<14}{'median':>10}{'min':>10}{'max':>10}")
    for h in hasil:
        print(f"{h['ukuran']:<14}{h['median_s']:>9.3f}s{h['min_s']:>9.3f}s{h['max_s']:>9.3f}s")
    print(f"memori puncak laporan PDF: proses pembuat {pdf_mb:.0f} MB + proses anak penggambar "
          f"grafik {grafik_mb:.0f} MB = paling banyak {pdf_mb + grafik_mb:.0f} MB bersamaan "
          f"(target < 400 MB)")
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
