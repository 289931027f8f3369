"""Per-instansi settings: the year being reported and the capaian category scale."""

from __future__ import annotations

import json

from lkj_core import audit
from lkj_core.angka import AngkaTidakValid, parse_angka
from lkj_core.capaian import SKALA_BAKU, validasi_skala
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib


def baca_json(con: Con, instansi_id: int, kunci: str):
    """A stored setting's value (decoded JSON), or None when not set."""
    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci = ?",
                      [instansi_id, kunci]).fetchone()
    return json.loads(row[0]) if row else None


def skala_ke_json(skala) -> str:
    """A scale as JSON text (JSON has no -inf: the catch-all band's bound is stored as null)."""
    return json.dumps([[None if b == float("-inf") else b, l] for b, l in skala],
                      ensure_ascii=False)


def skala_kategori(con: Con, instansi_id: int) -> tuple[tuple[float, str], ...]:
    """The instansi's category scale, or the default five bands when none is stored."""
    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci ="
                      " 'skala_kategori'", [instansi_id]).fetchone()
    return SKALA_BAKU if row is None else validasi_skala(json.loads(row[0]))


def atur_skala_kategori(con: Con, pelaku: Pelaku, baris: list[tuple[str, str]]) -> None:
    """Store a new scale from (lower bound as typed, label) rows, highest band first.

    The last row's bound may be left empty: it catches everything below.
    """
    wajib(pelaku, "kelola_pengaturan")
    skala = []
    for i, (batas, label) in enumerate(baris, start=1):
        terakhir = i == len(baris)
        try:
            nilai = parse_angka(batas, boleh_kosong=terakhir)
        except AngkaTidakValid as exc:
            raise DataTidakValid(f"Baris {i}: {exc}", "skala") from None
        skala.append((float("-inf") if nilai is None else nilai, (label or "").strip()))
    if skala and skala[-1][0] != float("-inf"):
        raise DataTidakValid("Batas bawah baris terakhir harus dikosongkan: baris itu menampung "
                             "semua capaian di bawahnya.", "skala")
    try:
        skala = validasi_skala(skala)
    except ValueError as exc:
        raise DataTidakValid(str(exc), "skala") from None
    lama = skala_kategori(con, pelaku.instansi_id)
    with transaksi(con):
        con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, 'skala_kategori', ?)",
                    [pelaku.instansi_id, skala_ke_json(skala)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan",
                    "skala_kategori", {"skala": json.loads(skala_ke_json(lama))},
                    {"skala": json.loads(skala_ke_json(skala))})


def atur_tahun_laporan(con: Con, pelaku: Pelaku, tahun: int) -> None:
    """Set the year being reported (the default year of every page)."""
    wajib(pelaku, "kelola_pengaturan")
    if not con.execute("SELECT 1 FROM renstra WHERE instansi_id = ? AND ? BETWEEN tahun_awal"
                       " AND tahun_akhir", [pelaku.instansi_id, tahun]).fetchone():
        raise DataTidakValid(f"Tahun {tahun} tidak tercakup Renstra mana pun.", "tahun")
    lama = con.execute("SELECT tahun_laporan FROM instansi WHERE id = ?",
                       [pelaku.instansi_id]).fetchone()[0]
    with transaksi(con):
        con.execute("UPDATE instansi SET tahun_laporan = ? WHERE id = ?",
                    [tahun, pelaku.instansi_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "instansi",
                    pelaku.instansi_id, {"tahun_laporan": lama}, {"tahun_laporan": tahun})


def cuti_bersama(con: Con, instansi_id: int) -> list:
    """The configured cuti bersama dates (not counted as working days), sorted."""
    import datetime as dt

    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci ="
                      " 'cuti_bersama'", [instansi_id]).fetchone()
    return sorted(dt.date.fromisoformat(d) for d in json.loads(row[0])) if row else []


def atur_cuti_bersama(con: Con, pelaku: Pelaku, tanggal: list) -> None:
    """Replace the list of cuti bersama dates."""
    wajib(pelaku, "kelola_pengaturan")
    lama = [d.isoformat() for d in cuti_bersama(con, pelaku.instansi_id)]
    baru = sorted({d.isoformat() for d in tanggal})
    with transaksi(con):
        con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, 'cuti_bersama', ?)",
                    [pelaku.instansi_id, json.dumps(baru)])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan",
                    "cuti_bersama", {"tanggal": lama}, {"tanggal": baru})


def kalender(con: Con, instansi_id: int):
    """The working-time calendar of the instansi: default office hours, national holidays,
    and its cuti bersama."""
    from lkj_core.waktu_kerja import Kalender

    return Kalender.baku(cuti_bersama=cuti_bersama(con, instansi_id))
