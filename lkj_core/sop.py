"""The SOP Penyusunan Laporan Kinerja as versioned data: revisions and their steps."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from lkj_core import audit
from lkj_core.angka import format_angka
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import PERAN_SOP

CSV_BAKU = Path(__file__).parent / "data" / "sop-steps.csv"
SATUAN_WAKTU = ("menit", "hari")
# sop_langkah.waktu is an INTEGER, and deadlines are found day by day: bound it well above any
# real step (about 196 working days in minutes; one and a half years in working days).
WAKTU_MAKS = {"menit": 100_000, "hari": 365}

# Header facts of the Wonosobo SOP (from its scanned text), shown in the app and the appendix.
INFO_SOP_WONOSOBO = {
    "dasar_hukum": [
        "Peraturan Pemerintah Nomor 24 Tahun 2005 tentang Standar Akuntansi Pemerintahan",
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional "
        "Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
        "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar "
        "Operasional Prosedur Administrasi Pemerintahan",
        "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian "
        "Kinerja, Pelaporan Kinerja, dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
        "Peraturan Bupati Wonosobo Nomor 42 Tahun 2022 tentang Pedoman Penyusunan Standar "
        "Operasional Prosedur Administrasi Pemerintahan di Lingkungan Pemerintah Kabupaten "
        "Wonosobo",
    ],
    "kualifikasi_pelaksana": [
        "Memahami rencana kerja dalam Renstra",
        "Memahami target kinerja per kegiatan",
        "Memiliki kemampuan mengoperasionalkan komputer",
    ],
    "keterkaitan": ["SOP Pengumpulan Data"],
    "peralatan": ["Komputer dan kelengkapannya", "ATK", "Aplikasi terkait perencanaan"],
    "peringatan": "Apabila Renja terlambat disusun maka target kinerja tidak dapat diukur.",
    "pencatatan": ["Indikator Kinerja", "Target", "Realisasi", "Persentase Capaian Kinerja"],
}

_KOLOM = ("no", "uraian_kegiatan", "pelaksana", "kelengkapan", "waktu", "satuan_waktu",
          "output", "keterangan")


def validasi_langkah(langkah: list[dict]) -> list[dict]:
    """Normalised steps, numbered 1..n in order, or DataTidakValid naming the bad step."""
    if not langkah:
        raise DataTidakValid("SOP harus memiliki minimal satu langkah.")
    hasil = []
    for urut, l in enumerate(langkah, start=1):
        label = f"Langkah {urut}"
        uraian = (l.get("uraian_kegiatan") or l.get("uraian") or "").strip()
        pelaksana = (l.get("pelaksana") or "").strip().lower()
        satuan = (l.get("satuan_waktu") or "").strip().lower()
        w = l.get("waktu", "")
        try:
            # The admin's table editor gives numbers as floats (120.0); text must be whole.
            waktu = int(w) if isinstance(w, float) and w.is_integer() else int(str(w).strip())
        except ValueError:
            raise DataTidakValid(f"{label}: waktu harus bilangan bulat.", "waktu") from None
        if not uraian:
            raise DataTidakValid(f"{label}: uraian kegiatan wajib diisi.", "uraian")
        if pelaksana not in PERAN_SOP:
            raise DataTidakValid(f"{label}: pelaksana '{pelaksana}' tidak dikenal.", "pelaksana")
        if satuan not in SATUAN_WAKTU or waktu <= 0:
            raise DataTidakValid(f"{label}: waktu harus > 0 menit atau hari.", "waktu")
        if waktu > WAKTU_MAKS[satuan]:
            raise DataTidakValid(f"{label}: waktu paling lama "
                                 f"{format_angka(WAKTU_MAKS[satuan], 0)} {satuan}.", "waktu")
        hasil.append({
            "no": urut, "uraian": uraian, "pelaksana": pelaksana,
            "kelengkapan": (l.get("kelengkapan") or "").strip() or "-",
            "waktu": waktu, "satuan_waktu": satuan,
            "output": (l.get("output") or "").strip() or "-",
            "keterangan": (l.get("keterangan") or "").strip() or None,
        })
    return hasil


def baca_csv(path: str | Path = CSV_BAKU) -> list[dict]:
    """Steps from a CSV with the columns of shared/domain/sop-steps.csv."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if set(_KOLOM) - set(reader.fieldnames or []):
            raise DataTidakValid("Kolom CSV SOP tidak lengkap: " + ", ".join(_KOLOM))
        return validasi_langkah(list(reader))


def buat_revisi(con: Con, pelaku: str, instansi_id: int, judul: str,
                berlaku_mulai: dt.date, langkah: list[dict], info: dict) -> int:
    """Store a new SOP revision (numbered after the last one) with its steps."""
    langkah = validasi_langkah(langkah)
    with transaksi(con):
        nomor = con.execute("SELECT coalesce(max(nomor), 0) + 1 FROM sop_revisi"
                            " WHERE instansi_id = ?", [instansi_id]).fetchone()[0]
        rid = con.execute(
            "INSERT INTO sop_revisi (instansi_id, nomor, judul, berlaku_mulai, info, dibuat_oleh)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [instansi_id, nomor, judul, berlaku_mulai, json.dumps(info, ensure_ascii=False),
             pelaku]).fetchone()[0]
        con.executemany(
            "INSERT INTO sop_langkah (revisi_id, no, uraian, pelaksana, kelengkapan, waktu,"
            " satuan_waktu, output, keterangan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[rid, l["no"], l["uraian"], l["pelaksana"], l["kelengkapan"], l["waktu"],
              l["satuan_waktu"], l["output"], l["keterangan"]] for l in langkah])
        audit.catat(con, pelaku, instansi_id, "tambah", "sop_revisi", rid, None,
                    {"nomor": nomor, "judul": judul, "berlaku_mulai": berlaku_mulai,
                     "jumlah_langkah": len(langkah)})
    return rid


def daftar_revisi(con: Con, instansi_id: int):
    """All SOP revisions of an instansi, newest first."""
    return con.execute(
        "SELECT id, nomor, judul, berlaku_mulai, dibuat_oleh, dibuat_pada FROM sop_revisi"
        " WHERE instansi_id = ? ORDER BY nomor DESC", [instansi_id]).df()


def revisi_berlaku(con: Con, instansi_id: int, tanggal: dt.date | None = None) -> dict | None:
    """The revision in force on `tanggal` (today by default), with its info decoded."""
    tanggal = tanggal or dt.date.today()
    row = audit.baris(con, "SELECT * FROM sop_revisi WHERE instansi_id = ? AND berlaku_mulai <= ?"
                      " ORDER BY berlaku_mulai DESC, nomor DESC LIMIT 1", [instansi_id, tanggal])
    if row:
        row["info"] = json.loads(row["info"])
    return row


def langkah_revisi(con: Con, revisi_id: int):
    """Steps of one revision in order, as a DataFrame."""
    return con.execute(
        "SELECT no, uraian, pelaksana, kelengkapan, waktu, satuan_waktu, output, keterangan"
        " FROM sop_langkah WHERE revisi_id = ? ORDER BY no", [revisi_id]).df()


def total_waktu_baku(langkah) -> tuple[int, int]:
    """(total minutes, total working days) of the standard times of a list/DataFrame of steps."""
    rows = langkah.to_dict("records") if hasattr(langkah, "to_dict") else langkah
    menit = sum(int(l["waktu"]) for l in rows if l["satuan_waktu"] == "menit")
    hari = sum(int(l["waktu"]) for l in rows if l["satuan_waktu"] == "hari")
    return menit, hari


def revisi(con: Con, instansi_id: int, revisi_id: int) -> dict | None:
    """One revision of the instansi with its info decoded, or None."""
    row = audit.baris(con, "SELECT * FROM sop_revisi WHERE id = ? AND instansi_id = ?",
                      [revisi_id, instansi_id])
    if row:
        row["info"] = json.loads(row["info"])
    return row


def simpan_revisi(con: Con, pelaku, judul: str, berlaku_mulai: dt.date,
                  langkah: list[dict], info: dict) -> int:
    """Admin stores edited steps as a new revision in force from `berlaku_mulai`; running
    cycles keep the steps they copied."""
    from lkj_core.peran import wajib

    wajib(pelaku, "kelola_sop")
    judul = (judul or "").strip()
    if not judul:
        raise DataTidakValid("Judul revisi wajib diisi.", "judul")
    if berlaku_mulai is None:
        raise DataTidakValid("Tanggal mulai berlaku wajib diisi.", "berlaku_mulai")
    return buat_revisi(con, pelaku.username, pelaku.instansi_id, judul, berlaku_mulai,
                       langkah, info)
