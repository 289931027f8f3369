"""`make bench`: timings and memory that must never be measured by unit tests. Prints a table
and writes bench/results.json (machine, versions, every measure: median of >= 5 runs, min, max).

Two parts:
- demo: the demo database (what `make run` shows): the LKjIP PDF, the Dasbor's data, and the
  peak memory of building the report (the building process plus its chart child, summed).
- three synthetic sizes from `lkj_core.sintetis` (instansi, kabupaten, nasional), each measured
  in its own process so that its peak memory is its own:
  dasbor_data (every query the Dasbor runs for one instansi-year: the first instansi, the one
  with ten years of SOP cycles), capaian_semua (capaian + category of every indicator-year, in
  SQL), sebaran_kategori (categories per Pemda and year), laporan_pdf (one instansi-year),
  impor_1000 (reading and importing an Excel file of 1,000 rows), apptest_dasbor (a whole run of
  the Dasbor page in Streamlit's AppTest), the database size and the process's peak memory.

The synthetic databases are built once into bench/data/ (git-ignored; nasional ≈ 0,7 GB, under
a minute) and reused; `--bangun-ulang` rebuilds them. `--ukuran instansi kabupaten` limits sizes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # apptest_util: AppTest logged in by session state
os.environ.setdefault("LKJ_BCRYPT_ROUNDS", "4")
os.environ.setdefault("LKJ_COOKIE_KEY", "bench-" + "k" * 40)

UKURAN = ("instansi", "kabupaten", "nasional")
TARGET = {"dasbor_data": 0.05, "laporan_pdf": 2.0, "impor_1000": 3.0,
          "sebaran_kategori@nasional": 2.0, "memori_laporan_mb": 300}
N_IMPOR = 1000

# Peak memory is read from /proc's VmHWM, which starts afresh at exec. (ru_maxrss does not:
# it keeps the forking parent's size, which made an earlier bench report the bench process's
# own 328 MB as the report's.)
_HWM = ("\nsys.stderr.write('VmHWM ' + [l.split()[1] for l in open('/proc/self/status')"
        " if l.startswith('VmHWM')][0] + '\\n')\n")

# A fresh process that builds the report once; it records the peak of its chart child, which
# the chart module reads from the child's own /proc/self/status (the child reports it when it
# ends, after its last chart).
_ANAK = """
import json, sys
from lkj_core import grafik_cetak, laporan
from lkj_core.db import buka
from lkj_core.peran import Pelaku
gambaran = []
_asli = grafik_cetak._gambar_semua
def _catat(tugas):
    hasil = _asli(tugas)
    gambaran.append(hasil)
    return hasil
grafik_cetak._gambar_semua = _catat
con = buka(sys.argv[1])
iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
laporan.buat_laporan(laporan.kumpulkan_data(con, Pelaku("bench", "inspektur", iid), tahun))
json.dump([g.puncak_kb() for g in gambaran], open(sys.argv[2], "w"))
""" + _HWM


def _hwm_mb(stderr: str | None = None) -> float:
    if stderr is None:
        stderr = "VmHWM " + next(line.split()[1] for line in open("/proc/self/status")
                                 if line.startswith("VmHWM"))
    return int(stderr.rsplit("VmHWM ", 1)[1].split()[0]) / 1024


def ukur(nama: str, fungsi, n: int = 5, siapkan=None) -> dict:
    """Median/min/max of `n` timed runs after one warm-up (`siapkan` runs untimed before each)."""
    if siapkan:
        siapkan()
    fungsi()  # warm-up: imports, caches
    waktu = []
    for _ in range(n):
        if siapkan:
            siapkan()
        t = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - t)
    return {"ukuran": nama, "median_s": statistics.median(waktu), "min_s": min(waktu),
            "max_s": max(waktu), "n": n}


def data_dasbor(con, p, tahun: int):
    """Every query the Dasbor page runs for one instansi-year (pages/dasbor.py, all units)."""
    from lkj_core import dasbor, isian, pengaturan, siklus

    skala = pengaturan.skala_kategori(con, p.instansi_id)
    kal = pengaturan.kalender(con, p.instansi_id)
    df = isian.daftar_isian(con, p, tahun, None, skala)
    ang = dasbor.anggaran(con, p, tahun, None, df)
    dasbor.ringkasan(df, ang, skala), dasbor.per_sasaran(df, skala)
    dasbor.tren(con, p, tahun), dasbor.progres(con, p, tahun, indikator_df=df)
    dasbor.gantt(con, p, tahun - 1, kal), siklus.rekap_siklus(con, p.instansi_id, kal)


def memori_laporan(db: Path, tmp: str) -> tuple[float, float]:
    """Peak MB of the process that builds the report, and of its chart child."""
    f_puncak = Path(tmp) / "puncak.json"
    anak = subprocess.run([sys.executable, "-c", _ANAK, str(db), str(f_puncak)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return _hwm_mb(anak.stderr), max(json.loads(f_puncak.read_text()) or [0]) / 1024


def bagian_demo() -> dict:
    from lkj_core import demo, grafik_cetak, laporan
    from lkj_core.peran import Pelaku

    with tempfile.TemporaryDirectory() as tmp:
        con = demo.siapkan_basis_data(Path(tmp) / "bench.duckdb")
        iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
        p = Pelaku("bench", "inspektur", iid)

        def pdf():
            grafik_cetak._gambar_semua.cache_clear()  # count the chart rendering
            laporan.buat_laporan(laporan.kumpulkan_data(con, p, tahun))

        hasil = [ukur("laporan_pdf", pdf), ukur("dasbor_data", lambda: data_dasbor(con, p, tahun),
                                                 n=10)]
        con.close()
        pdf_mb, grafik_mb = memori_laporan(Path(tmp) / "bench.duckdb", tmp)
    return {"ukuran": hasil, "memori_laporan_pdf_mb": round(pdf_mb, 1),
            "memori_penggambar_grafik_mb": round(grafik_mb, 1),
            "memori_laporan_total_mb": round(pdf_mb + grafik_mb, 1)}


# --- one synthetic size (run in its own process) ---

def _siapkan_db(ukuran: str, bangun_ulang: bool) -> tuple[Path, float | None]:
    from lkj_core import sintetis

    DATA.mkdir(parents=True, exist_ok=True)
    db = DATA / f"{ukuran}.duckdb"
    if bangun_ulang or not db.exists():
        for f in (db, db.with_name(db.name + ".wal")):
            f.unlink(missing_ok=True)
        t = time.perf_counter()
        sintetis.bangun(db, ukuran)
        return db, time.perf_counter() - t
    return db, None


def _unit_impor(con, iid: int) -> int:
    """A unit of the measured instansi with N_IMPOR indicators that have a 2025 target and no
    entry yet, made once per bench database (bulk SQL, parameterised)."""
    from lkj_core.db import transaksi

    row = con.execute("SELECT id FROM unit_kerja WHERE instansi_id = ? AND kode = 'BENCH-IMPOR'",
                      [iid]).fetchone()
    if row:
        return row[0]
    sasaran = con.execute("SELECT min(sasaran_id) FROM indikator WHERE instansi_id = ?",
                          [iid]).fetchone()[0]
    with transaksi(con):
        uid = con.execute("INSERT INTO unit_kerja (instansi_id, kode, nama) VALUES (?,"
                          " 'BENCH-IMPOR', 'Unit uji impor 1.000 baris') RETURNING id",
                          [iid]).fetchone()[0]
        con.execute("INSERT INTO indikator (instansi_id, sasaran_id, kode, nama, satuan,"
                    " polaritas, unit_id) SELECT ?, ?, 'IMP-' || lpad(i::VARCHAR, 4, '0'),"
                    " 'Indikator uji impor ' || i, '%', 'positif', ? FROM range(?) t(i)",
                    [iid, sasaran, uid, N_IMPOR])
        con.execute("INSERT INTO target_tahunan (indikator_id, tahun, target) SELECT id, 2025,"
                    " 100 FROM indikator WHERE unit_id = ?", [uid])
    return uid


def _berkas_impor(con, p, tahun: int, uid: int, skala, nilai: int) -> tuple[bytes, object]:
    import openpyxl

    from lkj_core import excel, isian

    df = isian.daftar_isian(con, p, tahun, uid, skala)
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(df, tahun, "uji", "uji")))
    ws = wb["Isian"]
    kolom = {k: c for c, (_, k) in enumerate(excel.KOLOM, start=1)}
    for r in range(2, len(df) + 2):
        ws.cell(r, kolom["nilai"], nilai + r % 7)
        ws.cell(r, kolom["analisis_penyebab"], f"Analisis baris {r}, putaran {nilai}.")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), df


def ukur_ukuran(ukuran: str, bangun_ulang: bool) -> dict:
    from lkj_core import agregat, excel, grafik_cetak, isian, laporan, pengaturan
    from lkj_core.db import buka
    from lkj_core.peran import Pelaku

    db, lama_bangun = _siapkan_db(ukuran, bangun_ulang)
    os.environ["LKJ_DB"] = str(db)
    con = buka(db)
    iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi ORDER BY id LIMIT 1"
                             ).fetchone()
    p = Pelaku("bench", "inspektur", iid)
    baris = con.execute("SELECT count(*) FROM realisasi").fetchone()[0]
    hasil = [ukur("dasbor_data", lambda: data_dasbor(con, p, tahun), n=10)]
    hasil.append(ukur("capaian_semua", lambda: agregat.capaian_semua(con).aggregate(
        "kategori, count(*), sum(capaian)", "kategori").fetchall()))
    hasil.append(ukur("sebaran_kategori", lambda: agregat.sebaran_kategori(con)))

    def pdf():
        grafik_cetak._gambar_semua.cache_clear()
        laporan.buat_laporan(laporan.kumpulkan_data(con, p, tahun))

    hasil.append(ukur("laporan_pdf", pdf))
    con.close()

    # Import, into a copy (its extra unit of 1,000 indicators must not change the other
    # measures of later runs): every run writes other values, so each changes 1,000 entries.
    salinan = Path(tempfile.mkdtemp()) / db.name
    shutil.copyfile(db, salinan)
    con = buka(salinan)
    admin = Pelaku("bench", "admin", iid)
    uid = _unit_impor(con, iid)
    skala = pengaturan.skala_kategori(con, iid)
    putaran = iter(range(1, 100))
    siap: dict = {}

    def siapkan():
        siap["data"], siap["df"] = _berkas_impor(con, admin, tahun, uid, skala, next(putaran))

    def impor():
        h = excel.baca_isian_xlsx(siap["data"], siap["df"], tahun=tahun, skala=skala)
        assert h.ok and len(h.baris) == N_IMPOR, h.kesalahan[:3]
        assert isian.impor_isian(con, admin, tahun, h.baris) == N_IMPOR

    hasil.append(ukur("impor_1000", impor, siapkan=siapkan))
    con.close()
    shutil.rmtree(salinan.parent)

    from apptest_util import app

    user = buka(db).execute("SELECT username FROM pengguna WHERE instansi_id = ? AND"
                            " peran = 'inspektur' ORDER BY id LIMIT 1", [iid]).fetchone()[0]
    from lkj_app.state import _koneksi
    _koneksi.clear()

    def halaman():
        at = app(user, "dasbor")
        assert not at.exception, at.exception

    hasil.append(ukur("apptest_dasbor", halaman))
    return {"ukuran": ukuran, "baris_realisasi": baris, "ukuran_db_mb":
            round(db.stat().st_size / 2**20, 1), "bangun_s": lama_bangun,
            "memori_puncak_mb": round(_hwm_mb(), 1), "hasil": hasil}


# --- the whole run ---

def _cetak(judul: str, hasil: list[dict]) -> None:
    print(f"\n{judul}")
    print(f"  {'ukuran':<18}{'median':>10}{'min':>10}{'max':>10}{'n':>4}")
    for h in hasil:
        print(f"  {h['ukuran']:<18}{h['median_s']:>9.3f}s{h['min_s']:>9.3f}s"
              f"{h['max_s']:>9.3f}s{h['n']:>4}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ukuran", nargs="*", choices=UKURAN, default=list(UKURAN))
    ap.add_argument("--bangun-ulang", action="store_true")
    ap.add_argument("--satu", choices=UKURAN, help=argparse.SUPPRESS)  # the child process
    args = ap.parse_args(argv)
    if args.satu:
        json.dump(ukur_ukuran(args.satu, args.bangun_ulang), sys.stdout)
        return 0

    import duckdb
    import fpdf
    import streamlit

    demo = bagian_demo()
    _cetak("demo (data demo, 1 instansi)", demo["ukuran"])
    print(f"  memori laporan PDF: proses pembuat {demo['memori_laporan_pdf_mb']:.0f} MB + anak "
          f"penggambar grafik {demo['memori_penggambar_grafik_mb']:.0f} MB = paling banyak "
          f"{demo['memori_laporan_total_mb']:.0f} MB bersamaan (target < 300 MB)")
    per_ukuran = []
    for ukuran in args.ukuran:
        anak = subprocess.run(
            [sys.executable, __file__, "--satu", ukuran]
            + (["--bangun-ulang"] if args.bangun_ulang else []),
            cwd=ROOT, capture_output=True, text=True)
        if anak.returncode != 0:
            print(anak.stderr[-3000:], file=sys.stderr)
            return 1
        u = json.loads(anak.stdout.strip().splitlines()[-1])
        per_ukuran.append(u)
        _cetak(f"{ukuran}: {u['baris_realisasi']:,} baris realisasi, basis data "
               f"{u['ukuran_db_mb']:,.0f} MB, memori puncak proses {u['memori_puncak_mb']:.0f} MB"
               + (f", dibangun {u['bangun_s']:.0f} s" if u["bangun_s"] else ""), u["hasil"])

    def median(u, nama):
        return next(h["median_s"] for h in u["hasil"] if h["ukuran"] == nama)

    gagal = [f"demo {h['ukuran']}" for h in demo["ukuran"] if h["median_s"] > TARGET[h["ukuran"]]]
    if demo["memori_laporan_total_mb"] >= TARGET["memori_laporan_mb"]:
        gagal.append("demo memori laporan")
    for u in per_ukuran:
        for nama in ("dasbor_data", "laporan_pdf", "impor_1000"):
            if median(u, nama) > TARGET[nama]:
                gagal.append(f"{u['ukuran']} {nama}")
        if u["ukuran"] == "nasional" and median(u, "sebaran_kategori") > TARGET[
                "sebaran_kategori@nasional"]:
            gagal.append("nasional sebaran_kategori")
    kecil = next((u for u in per_ukuran if u["ukuran"] == "instansi"), None)
    besar = next((u for u in per_ukuran if u["ukuran"] == "nasional"), None)
    rasio = None
    if kecil and besar:
        rasio = median(besar, "dasbor_data") / median(kecil, "dasbor_data")
        print(f"\ndasbor_data nasional / instansi = {rasio:.2f}x (target <= 3x)")
        if rasio > 3:
            gagal.append("dasbor_data nasional > 3x instansi")

    keluaran = {
        "mesin": {"platform": platform.platform(), "python": platform.python_version(),
                  "cpu": os.cpu_count(), "prosesor": platform.processor() or platform.machine(),
                  "memori_mb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
                                     / 2**20)},
        "versi": {"duckdb": duckdb.__version__, "fpdf2": fpdf.__version__,
                  "streamlit": streamlit.__version__},
        "waktu": time.strftime("%Y-%m-%d %H:%M:%S"),
        "demo": demo, "per_ukuran": per_ukuran, "rasio_dasbor_nasional_instansi": rasio,
        "target": TARGET, "melewati_target": gagal,
    }
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(keluaran, indent=2))
    print("\nMelewati target: " + ", ".join(gagal) if gagal else "\nSemua target terpenuhi.")
    print("Hasil: bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
