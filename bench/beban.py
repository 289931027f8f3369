"""Load test (`make bench`): many bidang sessions saving drafts at once against one server.

    python bench/beban.py [--sesi 30] [--detik 60]

"One server" is one process, as `streamlit run` is: every session is an AppTest instance on
its own thread, all sharing Streamlit's cache_resource DuckDB connection (lkj_app.state).
Each session logs in through the real login form as a bidang user (sekretariat, irban1..4 in
turn) and repeats the Isian Kinerja flow until the time is up: open the page, choose its own
indicator, type a realisasi (a rerun, as the browser does on leaving the field), type the
analysis narrative and click "Simpan draf". Every session has its own indicator (created for
the run in its user's unit), so a version conflict is never expected and counts as an error.

A pass (putaran) is those four requests; the process's CPU time per successful pass is
reported too, as it depends less than the latencies on what else the machine runs.
Per save it measures the time from the click until the rerun has finished, and checks the
result: no exception, no error message, the "Draf disimpan." toast, the form reloaded from
the database showing the typed values, the session's own name in the sidebar. At the end the
database must hold every session's last value, with exactly as many versions and audit rows
as saves (no lost writes). Prints a table and writes bench/beban.json; exits 1 when any
error or lost write is seen.

AppTest is used from several threads, which it was not written for: each session's state,
runner and element tree are its own, but every run also changes process-wide things. This
harness (not the app) replaces those with what a server has once for all sessions:
- the mock Runtime AppTest installs at the start of a run and removes at its end (runs still
  going on other threads lost it: "Runtime hasn't been created!") -> one shared runtime;
- the script cache it creates per run, so every run compiles the page again (CPython 3.11's
  ast.parse is not thread-safe: "AST constructor recursion depth mismatch") -> one cache;
- its patch of `config.get_option` around each run (with threads the patches unwind out of
  order and a run may see "global.appTest" unset) -> the option is set once;
- its wait for the end of a run, which polls the run's event list every millisecond (30
  threads waking 30 000 times a second for the interpreter lock) -> it joins the run's thread
  (hygiene: at 15 sessions the CPU time per save was the same within the noise).
Every run still parses its messages into an element tree in this process, work a browser
would do: about 1 % of the CPU time in a one-session profile, so the numbers are the server's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # also keeps Streamlit from editing sys.path on every run
sys.path.insert(1, str(ROOT / "tests"))  # the tests' AppTest helpers (apptest_util)
APP = str(ROOT / "app.py")
MAKS_CATATAN = 10       # error messages kept per session (all are counted)
BATAS_RUN_S = 300        # AppTest timeout of one script run under full load

PENGGUNA_BIDANG = ("sekretariat", "irban1", "irban2", "irban3", "irban4")


@dataclass
class Sesi:
    """One simulated browser session and what it saw."""
    no: int
    username: str
    nama: str = ""
    indikator_id: int = 0
    kode: str = ""
    latensi: list[float] = field(default_factory=list)
    konflik: int = 0
    galat: int = 0
    catatan: list[str] = field(default_factory=list)
    terakhir: tuple[float, str] | None = None   # the last saved (realisasi, narrative)

    def salah(self, pesan: str) -> None:
        self.galat += 1
        if len(self.catatan) < MAKS_CATATAN:
            self.catatan.append(pesan[:300])


def _memori_mb() -> dict[str, float]:
    """VmHWM (peak) and VmRSS (now) of this process, in MB."""
    nilai = {}
    for baris in Path("/proc/self/status").read_text().splitlines():
        if baris.startswith(("VmHWM", "VmRSS")):
            nilai[baris.split(":")[0]] = int(baris.split()[1]) / 1024
    return {"puncak": nilai["VmHWM"], "akhir": nilai["VmRSS"]}


def _siapkan_apptest_untuk_thread() -> None:
    """Make AppTest's process-wide side effects safe with many threads (see module doc)."""
    from unittest.mock import MagicMock

    from streamlit import config
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.runtime import Runtime
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    config.set_option("global.appTest", True)
    app_test.patch_config_options = lambda _overrides: contextlib.nullcontext()

    def tunggu(runner, timeout: float = 3) -> None:
        if runner._script_thread is not None:
            runner._script_thread.join(timeout)
        if not runner.script_stopped():
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = tunggu

    # One runtime for every session, as in a server: AppTest installs a fresh mock Runtime at
    # the start of each run and removes it at the end, which pulls it away from runs still
    # going on other threads ("Runtime hasn't been created!").
    bersama = MagicMock(spec=Runtime)
    bersama.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    bersama.dataframe_source_mgr = DataframeSourceManager()
    bersama.cache_storage_manager = MemoryCacheStorageManager()
    komponen = BidiComponentManager()
    komponen.discover_and_register_components(start_file_watching=False)
    bersama.bidi_component_registry = komponen
    Runtime.instance = classmethod(lambda cls: bersama)
    Runtime.exists = classmethod(lambda cls: True)

    # One script cache too, as the server's Runtime has: AppTest compiles the page afresh on
    # every run, and CPython 3.11's ast.parse is not safe in concurrent threads (gh-106905:
    # "SystemError: AST constructor recursion depth mismatch"). The cache compiles under a lock.
    cache = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: cache


def _siapkan_data(db: Path, sesi: list[Sesi]) -> int:
    """Demo database plus one indicator (target 100 %) per session in its user's unit."""
    from lkj_core import demo, perencanaan
    from lkj_core.peran import Pelaku

    con = demo.siapkan_basis_data(db)
    try:
        iid, tahun = con.execute("SELECT id, tahun_laporan FROM instansi").fetchone()
        admin = Pelaku("admin", "admin", iid)
        renstra = perencanaan.renstra_untuk_tahun(con, iid, tahun)
        sasaran_id = int(perencanaan.pohon_kinerja(con, renstra["id"])["sasaran_id"].iloc[0])
        for s in sesi:
            unit_id, s.nama = con.execute("SELECT unit_id, nama FROM pengguna WHERE username"
                                          " = ?", [s.username]).fetchone()
            s.kode = f"BEBAN-{s.no:02d}"
            s.indikator_id = perencanaan.simpan_indikator(con, admin, perencanaan.IsianIndikator(
                sasaran_id=sasaran_id, kode=s.kode, nama=f"Indikator uji beban {s.no}",
                satuan="%", polaritas="positif", unit_id=unit_id, target={tahun: ("100", "")}))
    finally:
        con.close()
    return tahun


def _teks_halaman(at) -> str:
    return "\n".join(str(e.value) for coll in (at.markdown, at.caption, at.error, at.warning,
                                               at.info, at.success, at.toast) for e in coll)


def _tombol(at, label: str):
    return next(b for b in at.button if b.label == label)


def _masuk(at, s: Sesi) -> None:
    """Log in through the real login form and open Isian Kinerja."""
    at.run()
    next(t for t in at.text_input if t.label == "Nama pengguna").input(s.username)
    next(t for t in at.text_input if t.label == "Kata sandi").input(f"{s.username}-demo")
    _tombol(at, "Masuk").click()
    at.run()
    if at.exception or not at.session_state["authentication_status"]:
        raise RuntimeError("login gagal: " + _teks_halaman(at)[:200])


def _sekali_simpan(at, s: Sesi, n: int) -> None:
    """One pass of the flow; records the save's latency or what went wrong."""
    from apptest_util import kotak_isian
    ik = s.indikator_id
    nilai, narasi = f"{s.no}{n:05d}", f"Sesi {s.no} ({s.username}), simpanan ke-{n}."
    at.switch_page("pages/isian_kinerja.py").run()
    if at.exception:
        return s.salah(f"buka halaman: {at.exception[0].value}")
    at.selectbox(key="isi_pilih").set_value(ik).run()
    kotak_isian(at, ik, "nilai").input(nilai).run()   # live capaian, as on blur
    kotak_isian(at, ik, "analisis_penyebab").input(narasi)
    _tombol(at, "Simpan draf").click()
    t0 = time.perf_counter()
    at.run()
    lama = time.perf_counter() - t0
    if at.exception:
        return s.salah(f"simpan ke-{n}: {at.exception[0].value}")
    pesan_salah = [str(e.value) for e in at.error]
    if any("sudah disimpan oleh" in p for p in pesan_salah):
        s.konflik += 1
        return s.salah(f"simpan ke-{n}: konflik versi tak terduga: {pesan_salah}")
    if pesan_salah:
        return s.salah(f"simpan ke-{n}: {pesan_salah}")
    if not any(t.value == "Draf disimpan." for t in at.toast):
        return s.salah(f"simpan ke-{n}: pesan 'Draf disimpan.' tidak muncul")
    # The form is reloaded from the database after a save: it must show what was typed,
    # and the page must be this session's (its user's name in the sidebar).
    dibaca = (kotak_isian(at, ik, "nilai").value,
              kotak_isian(at, ik, "analisis_penyebab").value)
    if dibaca != (nilai, narasi):
        return s.salah(f"simpan ke-{n}: formulir memuat {dibaca!r}, diharapkan "
                       f"{(nilai, narasi)!r}")
    if not any(s.nama in str(c.value) for c in at.sidebar.caption):
        return s.salah(f"simpan ke-{n}: sidebar bukan milik {s.nama}")
    s.latensi.append(lama)
    s.terakhir = (float(nilai), narasi)


def _jalankan(s: Sesi, siap: threading.Barrier, selesai_pada: list[float]) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=BATAS_RUN_S)
    try:
        _masuk(at, s)
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none may stop the run
        s.salah(f"login: {exc!r}")
        at = None
    siap.wait()
    n = 0
    while at is not None and time.monotonic() < selesai_pada[0]:
        n += 1
        try:
            _sekali_simpan(at, s, n)
        except Exception as exc:  # noqa: BLE001
            s.salah(f"simpan ke-{n}: {exc!r}")


def _periksa_basis_data(db: Path, tahun: int, sesi: list[Sesi]) -> list[str]:
    """Lost writes: sessions whose last save is not what the database holds, or whose entry
    has a different number of versions or audit rows than saves."""
    from lkj_app.state import _koneksi

    hilang = []
    with _koneksi(str(db)).cursor() as cur:
        for s in sesi:
            row = cur.execute("SELECT nilai, analisis_penyebab, coalesce(versi, 0) FROM"
                              " realisasi WHERE indikator_id = ? AND tahun = ?",
                              [s.indikator_id, tahun]).fetchone() or (None, None, 0)
            audit = cur.execute("SELECT count(*) FROM audit_log WHERE tabel = 'realisasi'"
                                " AND aksi = 'simpan' AND kunci = ?",
                                [f"{s.indikator_id}/{tahun}"]).fetchone()[0]
            n = len(s.latensi)
            if (row[0], row[1]) != (s.terakhir or (None, None)) or row[2] != n or audit != n:
                hilang.append(f"sesi {s.no} ({s.kode}): disimpan {n}x, terakhir "
                              f"{s.terakhir!r}; basis data {row[:2]!r}, versi {row[2]}, "
                              f"{audit} baris audit")
    return hilang


def _persen(data: list[float], p: int) -> float | None:
    if len(data) < 2:
        return data[0] if data else None
    return statistics.quantiles(data, n=100, method="inclusive")[p - 1]


def _bulat(x: float | None, digit: int = 3) -> float | None:
    return None if x is None else round(x, digit)


def _angka(x: float | None, digit: int = 3) -> str:
    if x is None:
        return "n/a"
    return f"{x:,.{digit}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Uji beban: sesi bidang menyimpan draf isian "
                                             "bersamaan pada satu server (satu proses).")
    ap.add_argument("--sesi", type=int, default=30, help="jumlah sesi bersamaan (bawaan 30)")
    ap.add_argument("--detik", type=float, default=60, help="lama beban dalam detik (bawaan 60)")
    ap.add_argument("--keluar", type=Path, default=ROOT / "bench" / "beban.json",
                    help="berkas hasil JSON (bawaan bench/beban.json)")
    arg = ap.parse_args(argv)
    if arg.sesi < 1 or arg.detik <= 0:
        ap.error("--sesi minimal 1 dan --detik harus lebih dari 0")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "beban.duckdb"
        # Before the app is imported: its config reads these.
        os.environ["LKJ_DB"] = str(db)
        os.environ["LKJ_BCRYPT_ROUNDS"] = "4"
        os.environ["LKJ_COOKIE_KEY"] = "beban-" + "k" * 58
        os.environ.pop("LKJ_TANPA_DEMO", None)

        import duckdb
        import streamlit
        from streamlit import logger as st_logger

        import lkj_app.state  # noqa: F401 - imported once here, not by 30 threads at once

        _siapkan_apptest_untuk_thread()
        # After the config is read (it sets the level too). Errors inside a run are still
        # logged with their traceback: the page shows them redacted.
        st_logger.set_log_level("error")
        sesi = [Sesi(i + 1, PENGGUNA_BIDANG[i % len(PENGGUNA_BIDANG)]) for i in range(arg.sesi)]
        tahun = _siapkan_data(db, sesi)

        siap = threading.Barrier(arg.sesi + 1)
        selesai_pada = [float("inf")]
        thread = [threading.Thread(target=_jalankan, args=(s, siap, selesai_pada),
                                   name=f"sesi-{s.no}") for s in sesi]
        print(f"Uji beban: {arg.sesi} sesi masuk dan menyimpan selama {arg.detik:g} s …",
              flush=True)
        # streamlit-authenticator prints every unreadable cookie; under AppTest the cookie is
        # a mock, so it would print on every run.
        rss_awal, load_awal = _memori_mb()["akhir"], os.getloadavg()[0]
        with open(os.devnull, "w") as senyap, contextlib.redirect_stdout(senyap):
            t_login = time.perf_counter()
            for t in thread:
                t.start()
            siap.wait()                      # every session logged in (or failed to)
            login_s = time.perf_counter() - t_login
            mulai, cpu_mulai = time.perf_counter(), time.process_time()
            selesai_pada[0] = time.monotonic() + arg.detik
            for t in thread:
                t.join()
            durasi, cpu = time.perf_counter() - mulai, time.process_time() - cpu_mulai
        memori, load_akhir = _memori_mb(), os.getloadavg()[0]
        hilang = _periksa_basis_data(db, tahun, sesi)

    semua = sorted(x for s in sesi for x in s.latensi)
    galat = sum(s.galat for s in sesi)
    hasil = {
        "sesi": arg.sesi, "detik_diminta": arg.detik, "durasi_s": round(durasi, 2),
        "login_semua_sesi_s": round(login_s, 2),
        "simpan_berhasil": len(semua),
        "throughput_simpan_per_s": round(len(semua) / durasi, 2),
        "latensi_p50_s": _bulat(_persen(semua, 50)),
        "latensi_p95_s": _bulat(_persen(semua, 95)),
        "latensi_maks_s": _bulat(max(semua, default=None)),
        "cpu_proses_s": round(cpu, 1),
        "cpu_per_putaran_s": _bulat(cpu / len(semua) if semua else None),
        "simpan_per_sesi_min": min(len(s.latensi) for s in sesi),
        "simpan_per_sesi_maks": max(len(s.latensi) for s in sesi),
        "galat": galat, "konflik_versi": sum(s.konflik for s in sesi),
        "simpanan_hilang": len(hilang),
        "memori_sebelum_beban_mb": round(rss_awal, 1),
        "memori_puncak_mb": round(memori["puncak"], 1),
        "memori_akhir_mb": round(memori["akhir"], 1),
        "load_average_1_menit": {"awal": round(load_awal, 2), "akhir": round(load_akhir, 2)},
    }
    keluaran = {
        "mesin": {"platform": platform.platform(), "python": platform.python_version(),
                  "cpu": os.cpu_count()},
        "versi": {"duckdb": duckdb.__version__, "streamlit": streamlit.__version__},
        "model": "satu proses: AppTest per sesi di thread sendiri, koneksi DuckDB bersama "
                 "(st.cache_resource)",
        "hasil": hasil,
        "catatan_galat": [f"sesi {s.no}: {c}" for s in sesi for c in s.catatan],
        "simpanan_hilang": hilang,
    }

    baris = [
        ("sesi bersamaan / concurrent sessions", str(arg.sesi)),
        ("durasi / duration", f"{_angka(durasi, 1)} s"),
        ("login semua sesi / all logins", f"{_angka(login_s, 1)} s"),
        ("simpan berhasil / successful saves", str(len(semua))),
        ("throughput (simpan/s, saves/s)", _angka(hasil["throughput_simpan_per_s"], 2)),
        ("latensi p50 / latency p50", f"{_angka(hasil['latensi_p50_s'])} s"),
        ("latensi p95 / latency p95", f"{_angka(hasil['latensi_p95_s'])} s"),
        ("latensi maks / latency max", f"{_angka(hasil['latensi_maks_s'])} s"),
        ("CPU proses per putaran / process CPU per pass",
         f"{_angka(hasil['cpu_per_putaran_s'])} s"),
        ("simpan per sesi (min–maks) / saves per session",
         f"{hasil['simpan_per_sesi_min']}–{hasil['simpan_per_sesi_maks']}"),
        ("galat / errors (harus 0)", str(galat)),
        ("  di antaranya konflik versi tak terduga / unexpected conflicts",
         str(hasil["konflik_versi"])),
        ("simpanan hilang / lost writes (harus 0)", str(len(hilang))),
        ("memori sebelum beban / RSS before the load", f"{_angka(rss_awal, 0)} MB"),
        ("memori puncak proses / peak memory (VmHWM)", f"{_angka(memori['puncak'], 0)} MB"),
        ("memori akhir / RSS at the end", f"{_angka(memori['akhir'], 0)} MB"),
        ("load average mesin awal → akhir / machine load",
         f"{_angka(load_awal, 1)} → {_angka(load_akhir, 1)}"),
    ]
    print(f"Uji beban: {arg.sesi} sesi bidang × {_angka(arg.detik, 0)} s, satu proses server "
          "(AppTest per sesi, satu koneksi DuckDB bersama)")
    lebar = max(len(b[0]) for b in baris) + 2
    for label, nilai in baris:
        print(f"{label:<{lebar}}{nilai:>12}")
    for c in keluaran["catatan_galat"][:20] + hilang[:20]:
        print("  " + c)
    arg.keluar.parent.mkdir(parents=True, exist_ok=True)
    arg.keluar.write_text(json.dumps(keluaran, indent=2, ensure_ascii=False))
    if galat or hilang:
        print("GAGAL: ada galat atau simpanan yang hilang.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
