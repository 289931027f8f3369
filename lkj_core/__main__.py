"""Command line: `python -m lkj_core <perintah>` (help in Indonesian)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from lkj_core import config, demo, organisasi, pengguna
from lkj_core.db import DatabaseTerkunci, buka
from lkj_core.organisasi import DataTidakValid


def _init_db(args) -> int:
    con = buka(args.db)
    if args.seed_demo_if_empty and organisasi.jumlah_instansi(con) == 0:
        demo.seed_demo(con)
        print("Basis data baru: data demo dimuat (lihat README untuk akun demo).")
    print(f"Basis data siap: {args.db}")
    con.close()
    return 0


def _seed_demo(args) -> int:
    con = buka(args.db)
    if organisasi.jumlah_instansi(con):
        print("Basis data sudah berisi data; data demo tidak dimuat ulang.", file=sys.stderr)
        return 1
    demo.seed_demo(con)
    print(f"Data demo dimuat ke {args.db}. Lihat README untuk daftar akun demo.")
    return 0


def _create_admin(args) -> int:
    con = buka(args.db)
    row = con.execute("SELECT id FROM instansi ORDER BY id LIMIT 1").fetchone()
    if row:
        iid = row[0]
    elif args.instansi and args.pemda:
        iid = organisasi.buat_instansi(con, "sistem:create-admin", args.kode_instansi,
                                       args.instansi, args.pemda)
    else:
        print("Belum ada instansi: sertakan --instansi dan --pemda.", file=sys.stderr)
        return 1
    sandi = os.environ.get("LKJ_ADMIN_SANDI") or getpass.getpass("Kata sandi admin baru: ")
    pengguna.buat_pengguna(con, "sistem:create-admin", iid, args.username, args.nama, "admin",
                           sandi)
    print(f"Admin '{args.username.lower()}' dibuat.")
    return 0


def _pelaku_sistem(con, kode: str | None):
    """The command line acts as an admin of the named (or the only) instansi."""
    from lkj_core.peran import Pelaku

    if kode:
        row = con.execute("SELECT id FROM instansi WHERE kode = ?", [kode]).fetchone()
    else:
        rows = con.execute("SELECT id FROM instansi ORDER BY id").fetchall()
        if len(rows) > 1:
            raise DataTidakValid("Ada lebih dari satu instansi: sebutkan --instansi KODE.")
        row = rows[0] if rows else None
    if row is None:
        raise DataTidakValid("Instansi tidak ditemukan.")
    return Pelaku("sistem:cli", "admin", row[0])


def _laporan(args) -> int:
    from lkj_core import laporan, naskah

    con = buka(args.db)
    p = _pelaku_sistem(con, args.instansi)
    data = laporan.kumpulkan_data(con, p, args.tahun, naskah.naskah(con, p.instansi_id,
                                                                    args.tahun),
                                  naskah.penandatangan(con, p.instansi_id))
    data.logo = naskah.logo(con, p.instansi_id)
    pdf = laporan.buat_laporan(data)
    with open(args.keluar, "wb") as fh:
        fh.write(pdf)
    print(f"Laporan Kinerja {args.tahun} ditulis ke {args.keluar} ({len(pdf):,} byte).")
    return 0


def _surat(args) -> int:
    import datetime as dt

    from lkj_core import laporan, naskah

    con = buka(args.db)
    p = _pelaku_sistem(con, args.instansi)
    tanggal = dt.date.fromisoformat(args.tanggal) if args.tanggal else None
    surat = laporan.data_surat(con, p, args.tahun, args.nomor, tanggal, args.kepada,
                               naskah.penandatangan(con, p.instansi_id))
    with open(args.keluar, "wb") as fh:
        fh.write(laporan.buat_surat_pengantar(surat))
    print(f"Surat pengantar ditulis ke {args.keluar}.")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (exposed so tests can check every command is documented)."""
    p = argparse.ArgumentParser(
        prog="python -m lkj_core",
        description="Perintah pengelolaan LKj (Laporan Kinerja Instansi Pemerintah).")
    p.add_argument("--db", default=str(config.db_path()),
                   help="berkas basis data DuckDB (bawaan: LKJ_DB atau data/lkj.duckdb)")
    sub = p.add_subparsers(dest="perintah", required=True, metavar="PERINTAH")
    s = sub.add_parser("init-db", help="membuat basis data dan menerapkan migrasi skema")
    s.add_argument("--seed-demo-if-empty", action="store_true",
                   help="muat data demo hanya bila basis data belum berisi instansi apa pun")
    s.set_defaults(fungsi=_init_db)
    s = sub.add_parser("seed-demo", help="memuat data demo ke basis data yang masih kosong")
    s.set_defaults(fungsi=_seed_demo)
    s = sub.add_parser("create-admin", help="membuat akun admin (sandi dari LKJ_ADMIN_SANDI"
                       " atau ditanyakan)")
    s.add_argument("--username", required=True, help="nama pengguna admin")
    s.add_argument("--nama", required=True, help="nama lengkap admin")
    s.add_argument("--instansi", help="nama instansi, bila basis data belum punya instansi")
    s.add_argument("--pemda", help="nama pemerintah daerah, bila belum ada instansi")
    s.add_argument("--kode-instansi", default="INSTANSI-1", help="kode singkat instansi baru")
    s.set_defaults(fungsi=_create_admin)
    s = sub.add_parser("laporan", help="membuat PDF Laporan Kinerja (LKjIP) satu tahun")
    s.add_argument("--tahun", type=int, required=True, help="tahun yang dilaporkan")
    s.add_argument("--keluar", required=True, help="berkas PDF tujuan")
    s.add_argument("--instansi", help="kode instansi (bila ada lebih dari satu)")
    s.set_defaults(fungsi=_laporan)
    s = sub.add_parser("surat-pengantar", help="membuat PDF surat pengantar laporan (langkah 12)")
    s.add_argument("--tahun", type=int, required=True, help="tahun yang dilaporkan")
    s.add_argument("--keluar", required=True, help="berkas PDF tujuan")
    s.add_argument("--nomor", help="nomor surat (bawaan: catatan langkah 12)")
    s.add_argument("--tanggal", help="tanggal surat, format TTTT-BB-HH")
    s.add_argument("--kepada", help="alamat tujuan surat")
    s.add_argument("--instansi", help="kode instansi (bila ada lebih dari satu)")
    s.set_defaults(fungsi=_surat)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.fungsi(args)
    except DatabaseTerkunci as exc:
        print(exc, file=sys.stderr)
        return 2
    except DataTidakValid as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
