"""Whether a database may be served in produksi mode (LKJ_MODE=produksi): no active account
still has its demo password and no instansi is demo data. The checks only read; the app and
the command line decide what to do with the problems found."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from lkj_core import pengguna
from lkj_core.db import Con


@dataclass(frozen=True)
class Masalah:
    """One reason the app may not start in produksi mode (texts in Indonesian)."""
    jenis: str                    # "sandi_demo" or "data_demo"
    judul: str
    penjelasan: str
    rincian: tuple[str, ...]      # the accounts or instansi concerned
    perbaikan: tuple[str, ...]    # shell commands that fix it (run while the app is stopped)


def akun_sandi_demo(con: Con) -> list[str]:
    """Active usernames whose password still verifies as "<username>-demo" (one bcrypt check
    per account; inactive accounts cannot log in and are not listed)."""
    rows = con.execute("SELECT username, password_hash FROM pengguna WHERE aktif"
                       " ORDER BY username").fetchall()
    return [u for u, hash_ in rows if pengguna.cocok_sandi(pengguna.sandi_demo(u), hash_)]


def instansi_demo(con: Con) -> list[str]:
    """Names of the instansi marked as demo data."""
    return [r[0] for r in con.execute("SELECT nama FROM instansi WHERE demo ORDER BY id")
            .fetchall()]


def masalah_produksi(con: Con, db: str | None = None) -> list[Masalah]:
    """Everything that forbids serving this database in produksi mode (empty list: ready);
    `db`, the database path, goes into the fixing commands."""
    opsi_db = f" --db {shlex.quote(str(db))}" if db else ""
    masalah = []
    akun = akun_sandi_demo(con)
    if akun:
        masalah.append(Masalah(
            "sandi_demo", "Akun aktif yang masih memakai kata sandi demo",
            "Kata sandi demo (`<nama pengguna>-demo`) tercantum di README, jadi siapa pun dapat "
            "masuk dengan akun-akun ini. Ganti kata sandi setiap akun berikut:",
            tuple(akun),
            tuple(f"python -m lkj_core{opsi_db} reset-sandi --username {u}" for u in akun)))
    inst = instansi_demo(con)
    if inst:
        masalah.append(Masalah(
            "data_demo", "Basis data berisi data demo",
            "Instansi berikut adalah data contoh (DATA DEMO), bukan data resmi, dan tidak "
            "dapat dijadikan data resmi. Untuk produksi, mulai dengan basis data baru tanpa "
            "demo: buat berkas baru, buat admin pertamanya, lalu jalankan aplikasi dengan "
            "`LKJ_DB` menunjuk berkas baru itu:",
            tuple(inst),
            ("export LKJ_MODE=produksi LKJ_DB=data/lkj-produksi.duckdb",
             "python -m lkj_core init-db",
             "python -m lkj_core create-admin --username U --nama \"Nama Lengkap\" "
             "--instansi \"Nama Instansi\" --pemda \"Nama Pemda\"")))
    return masalah


def teks_masalah(masalah: list[Masalah]) -> list[str]:
    """The problems as plain text lines (for the command line)."""
    baris = []
    for m in masalah:
        baris.append(f"- {m.judul}: {', '.join(m.rincian)}")
        baris.extend(f"    {p}" for p in m.perbaikan)
    return baris
