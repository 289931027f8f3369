"""Command line: `python -m lkj_core <perintah>` (help in Indonesian)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from lkj_core import angka, config, demo, kesiapan, organisasi, pengguna
from lkj_core.db import DatabaseTerkunci, buka
from lkj_core.organisasi import DataTidakValid


def _mode_produksi() -> bool:
    try:
        return config.mode_produksi()
    except ValueError as exc:   # an unknown LKJ_MODE: a message, not a traceback
        raise DataTidakValid(str(exc)) from None


def _init_db(args) -> int:
    produksi = _mode_produksi()
    con = buka(args.db)
    if args.seed_demo_if_empty and organisasi.jumlah_instansi(con) == 0:
        if config.tanpa_demo():
            alasan = "Mode produksi (LKJ_MODE=produksi)" if produksi else "LKJ_TANPA_DEMO=1"
            print(f"{alasan}: data demo tidak dimuat. Buat admin pertama dengan "
                  "`python -m lkj_core create-admin`.")
        else:
            demo.seed_demo(con)
            print("Basis data baru: data demo dimuat (lihat README untuk akun demo).")
    print(f"Basis data siap: {args.db}")
    if produksi and (masalah := kesiapan.masalah_produksi(con, args.db)):
        print("Peringatan: aplikasi tidak akan mau berjalan dalam mode produksi sampai hal "
              "berikut dibereskan:", file=sys.stderr)
        print("\n".join(kesiapan.teks_masalah(masalah)), file=sys.stderr)
    con.close()
    return 0


def _seed_demo(args) -> int:
    if _mode_produksi():
        print(demo.PESAN_PRODUKSI, file=sys.stderr)
        return 1
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


def _reset_sandi(args) -> int:
    """Set a user's password (e.g. to replace a demo password before produksi)."""
    from lkj_core.peran import Pelaku

    con = buka(args.db)
    row = pengguna.pengguna(con, args.username)
    if row is None:
        raise DataTidakValid(f"Pengguna '{args.username.strip().lower()}' tidak ditemukan.")
    sandi = os.environ.get("LKJ_SANDI_BARU")
    if not sandi:
        sandi = getpass.getpass(f"Kata sandi baru untuk {row['username']}: ")
        if getpass.getpass("Ulangi kata sandi baru: ") != sandi:
            raise DataTidakValid("Kata sandi baru dan ulangannya tidak sama; tidak ada yang "
                                 "diubah.")
    pengguna.validasi_sandi(sandi)
    # As an admin of the user's own instansi; the audit row names "sistem:cli". Like the admin
    # page's reset, it lifts a lockout and voids every earlier session and cookie of the user.
    pengguna.reset_sandi(con, Pelaku("sistem:cli", "admin", row["instansi_id"]), row["id"],
                         sandi)
    print(f"Kata sandi '{row['username']}' diganti; semua sesi lamanya berakhir.")
    con.close()
    return 0


def _pelaku_sistem(con, kode: str | None):
    """The command line acts as an admin of the named instansi, or of the first one (the
    install's own Inspektorat; others are the OPDs it reviews) when none is named."""
    from lkj_core.peran import Pelaku

    if kode:
        row = con.execute("SELECT id FROM instansi WHERE kode = ?", [kode]).fetchone()
    else:
        row = con.execute("SELECT id FROM instansi ORDER BY id LIMIT 1").fetchone()
    if row is None:
        raise DataTidakValid("Instansi tidak ditemukan.")
    return Pelaku("sistem:cli", "admin", row[0])


def _laporan(args) -> int:
    from lkj_core import arsip, laporan

    con = buka(args.db)
    p = _pelaku_sistem(con, args.instansi)
    # A signed year is always the stored signed copy, byte for byte; otherwise a draft.
    pdf = arsip.unduh(con, p, args.tahun)
    if pdf is not None:
        a = arsip.berlaku(con, p.instansi_id, args.tahun)
        jenis = f"salinan bertanda tangan versi {a['versi']}, SHA-256 {a['sha256']}"
    else:
        pdf = laporan.buat_laporan(laporan.kumpulkan_data(con, p, args.tahun))
        jenis = "DRAF, belum ditandatangani"
    with open(args.keluar, "wb") as fh:
        fh.write(pdf)
    print(f"Laporan Kinerja {args.tahun} ({jenis}) ditulis ke {args.keluar} "
          f"({angka.format_nilai(len(pdf))} byte).")
    return 0


def _verifikasi(args) -> int:
    from lkj_core import arsip

    try:
        with open(args.berkas, "rb") as fh:
            pdf = fh.read()
    except OSError as exc:
        raise DataTidakValid(f"Berkas {args.berkas} tidak dapat dibaca: {exc.strerror}.") \
            from None
    con = buka(args.db)
    h = arsip.verifikasi(con, _pelaku_sistem(con, args.instansi), pdf)
    print(h["pesan"])
    print(h["pesan_arsip"])
    print(f"SHA-256: {h['sha256']}")
    return 0 if h["bertanda_tangan"] and h["utuh"] and h["tepercaya"] and h["arsip"] else 1


def _tanggal(teks: str | None):
    """The --tanggal argument as a date, or DataTidakValid (never a traceback)."""
    import datetime as dt

    if not teks:
        return None
    try:
        return dt.date.fromisoformat(teks.strip())
    except ValueError:
        raise DataTidakValid(f"Tanggal '{teks}' tidak valid: tulis TTTT-BB-HH, mis. "
                             "2026-01-15.", "tanggal") from None


def _surat(args) -> int:
    from lkj_core import laporan

    tanggal = _tanggal(args.tanggal)
    con = buka(args.db)
    p = _pelaku_sistem(con, args.instansi)
    surat = laporan.data_surat(con, p, args.tahun, args.nomor, tanggal, args.kepada)
    with open(args.keluar, "wb") as fh:
        fh.write(laporan.buat_surat_pengantar(surat))
    print(f"Surat pengantar ditulis ke {args.keluar}.")
    return 0


def _backup(args) -> int:
    from pathlib import Path

    from lkj_core import cadangan
    from lkj_core.peran import Pelaku

    if not Path(args.db).is_file():
        raise DataTidakValid(f"Basis data {args.db} tidak ada; tidak ada yang dicadangkan.")
    try:
        con = buka(args.db)
    except DatabaseTerkunci:
        print(f"Cadangan tidak dapat dibuat: basis data {args.db} sedang dipakai oleh aplikasi "
              "LKj yang sedang berjalan (DuckDB hanya mengizinkan satu proses). Selama "
              "aplikasi berjalan, buat cadangan dari aplikasinya: masuk sebagai admin, buka "
              "menu Pengaturan, bagian \"Cadangan data\", lalu klik tombol \"Cadangkan "
              "sekarang\". Atau hentikan aplikasi dulu, lalu ulangi `make backup`.",
              file=sys.stderr)
        return 2
    try:
        iid = [r[0] for r in con.execute("SELECT id FROM instansi ORDER BY id").fetchall()]
        # The server's operator: the whole database, audited under the only instansi (or none).
        p = Pelaku("sistem:cli", "admin", iid[0] if len(iid) == 1 else None)
        arsip = cadangan.buat_cadangan(con, p, Path(args.keluar) if args.keluar else None,
                                       folder_bukti=Path(args.db).parent / "bukti",
                                       semua_instansi=True)
    finally:
        con.close()
    m = cadangan.baca_manifest(arsip)
    print(f"Cadangan dibuat: {arsip} ({arsip.stat().st_size:,} byte; {len(m['tabel'])} tabel, "
          f"{sum(m['tabel'].values()):,} baris, "
          f"{sum(b['path'].startswith('bukti/') for b in m['berkas'])} berkas bukti).")
    if m["bukti_bermasalah"]:
        print(f"Peringatan: {len(m['bukti_bermasalah'])} berkas bukti hilang atau rusak di "
              "folder bukti dan tidak ikut dicadangkan.", file=sys.stderr)
    return 0


def _restore(args) -> int:
    from pathlib import Path

    from lkj_core import cadangan

    db = Path(args.db_tujuan or args.db)
    folder = Path(args.folder_bukti) if args.folder_bukti else db.parent / "bukti"
    m = cadangan.pulihkan_cadangan(Path(args.arsip), db, folder)
    print(f"Cadangan {Path(args.arsip).name} (dibuat {m['dibuat_pada']}) dipulihkan ke {db}: "
          f"{len(m['tabel'])} tabel, {sum(m['tabel'].values()):,} baris, "
          f"{sum(b['path'].startswith('bukti/') for b in m['berkas'])} berkas bukti di "
          f"{folder}. Semua checksum dan jumlah baris cocok.")
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
    s = sub.add_parser("reset-sandi", help="mengganti kata sandi seorang pengguna (sandi dari "
                       "LKJ_SANDI_BARU atau ditanyakan dua kali); sesi lamanya berakhir")
    s.add_argument("--username", required=True, help="nama pengguna")
    s.set_defaults(fungsi=_reset_sandi)
    s = sub.add_parser("laporan", help="membuat PDF Laporan Kinerja (LKjIP) satu tahun")
    s.add_argument("--tahun", type=int, required=True, help="tahun yang dilaporkan")
    s.add_argument("--keluar", required=True, help="berkas PDF tujuan")
    s.add_argument("--instansi", help="kode instansi (bila ada lebih dari satu)")
    s.set_defaults(fungsi=_laporan)
    s = sub.add_parser("verifikasi", help="memeriksa PDF laporan terhadap arsip bertanda tangan "
                       "dan tanda tangan elektroniknya (keluar 0 bila sah dan sama dengan arsip)")
    s.add_argument("--berkas", required=True, help="PDF yang diperiksa")
    s.add_argument("--instansi", help="kode instansi (bawaan: instansi pertama)")
    s.set_defaults(fungsi=_verifikasi)
    s = sub.add_parser("surat-pengantar", help="membuat PDF surat pengantar laporan (langkah 12)")
    s.add_argument("--tahun", type=int, required=True, help="tahun yang dilaporkan")
    s.add_argument("--keluar", required=True, help="berkas PDF tujuan")
    s.add_argument("--nomor", help="nomor surat (bawaan: catatan langkah 12)")
    s.add_argument("--tanggal", help="tanggal surat, format TTTT-BB-HH")
    s.add_argument("--kepada", help="alamat tujuan surat")
    s.add_argument("--instansi", help="kode instansi (bila ada lebih dari satu)")
    s.set_defaults(fungsi=_surat)
    s = sub.add_parser("backup", help="membuat arsip cadangan bertanggal (ekspor basis data, "
                       "berkas bukti, manifest checksum)")
    s.add_argument("--keluar", help="folder tujuan arsip (bawaan: folder cadangan/ di samping "
                   "basis data)")
    s.set_defaults(fungsi=_backup)
    s = sub.add_parser("restore", help="memulihkan arsip cadangan ke folder data yang baru "
                       "(menolak bila basis data tujuan sudah ada)")
    s.add_argument("--arsip", required=True, help="berkas arsip cadangan (.zip)")
    s.add_argument("--db", dest="db_tujuan", help="basis data tujuan (bawaan: --db/LKJ_DB)")
    s.add_argument("--folder-bukti", help="folder bukti tujuan (bawaan: bukti/ di samping "
                   "basis data tujuan)")
    s.set_defaults(fungsi=_restore)
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
