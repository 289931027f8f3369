"""Angka pembanding: figures of other governments for an indicator and year — the national
standard or achievement, the province's, a peer region's — each with its source, for the
comparison Bab III of the LKjIP asks for (PermenPANRB 53/2014: "vs a national standard, where
one exists"). An indicator without any figure has none: the report says so plainly."""

from __future__ import annotations

import pandas as pd

from lkj_core import audit, penguncian
from lkj_core.angka import AngkaTidakValid, parse_angka
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib
from lkj_core.perencanaan import tahun_valid

JENIS = {"nasional": "Standar/capaian nasional", "provinsi": "Capaian provinsi",
         "daerah_lain": "Daerah lain"}
WILAYAH_MAKS = 200
SUMBER_MAKS = 500
NILAI_MAKS = 1e15


def daftar(con: Con, instansi_id: int, tahun: int) -> pd.DataFrame:
    """The comparison figures of a year: id, indikator_id, kode, jenis, wilayah, nilai, sumber,
    tahun; by indicator code, then national, provincial, other regions."""
    return con.execute(
        "SELECT p.id, p.indikator_id, i.kode, p.jenis, p.wilayah, p.nilai, p.sumber, p.tahun"
        " FROM angka_pembanding p JOIN indikator i ON i.id = p.indikator_id"
        " WHERE i.instansi_id = ? AND p.tahun = ?"
        " ORDER BY i.kode, CASE p.jenis WHEN 'nasional' THEN 1 WHEN 'provinsi' THEN 2"
        " ELSE 3 END, p.wilayah", [instansi_id, tahun]).df()


def _indikator(con: Con, pelaku: Pelaku, indikator_id) -> dict:
    """The indicator with its Renstra period, within the actor's instansi."""
    row = audit.baris(
        con, "SELECT i.id, i.kode, r.tahun_awal, r.tahun_akhir FROM indikator i"
        " JOIN sasaran s ON s.id = i.sasaran_id JOIN tujuan t ON t.id = s.tujuan_id"
        " JOIN renstra r ON r.id = t.renstra_id WHERE i.id = ? AND i.instansi_id = ?",
        [indikator_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid("Indikator tidak ditemukan.", "indikator_id")
    return row


def validasi(jenis, wilayah, nilai, sumber) -> dict:
    """The figure's fields parsed and checked (pure), or DataTidakValid naming every problem."""
    kesalahan: dict[str, str] = {}
    jenis = jenis.strip() if isinstance(jenis, str) else ""
    if jenis not in JENIS:
        kesalahan["jenis"] = ("Pilih jenis pembanding: " + ", ".join(JENIS.values()) + ".")
    wilayah = (wilayah or "").strip()
    if not wilayah and jenis == "nasional":
        wilayah = "Nasional"
    if not wilayah:
        kesalahan["wilayah"] = ("Wilayah pembanding wajib diisi (mis. Provinsi Jawa Tengah, "
                                "Kabupaten Temanggung).")
    elif len(wilayah) > WILAYAH_MAKS:
        kesalahan["wilayah"] = f"Wilayah terlalu panjang (maksimal {WILAYAH_MAKS} karakter)."
    angka = None
    try:
        angka = parse_angka(nilai)
    except AngkaTidakValid as exc:
        kesalahan["nilai"] = f"Nilai pembanding: {exc}"
    else:
        if abs(angka) >= NILAI_MAKS:
            kesalahan["nilai"] = "Nilai pembanding terlalu besar (paling banyak 15 angka)."
    sumber = (sumber or "").strip()
    if not sumber:
        kesalahan["sumber"] = ("Sumber data wajib diisi (mis. Laporan Hasil Evaluasi SAKIP "
                               "KemenPANRB 2024).")
    elif len(sumber) > SUMBER_MAKS:
        kesalahan["sumber"] = f"Sumber terlalu panjang (maksimal {SUMBER_MAKS} karakter)."
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return {"jenis": jenis, "wilayah": wilayah, "nilai": angka, "sumber": sumber}


def simpan(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, jenis: str, wilayah: str,
           nilai, sumber: str) -> int:
    """Store one figure (nilai as a number or as typed, "72,5"); the same indicator, year,
    jenis and wilayah again replaces its value and source. Returns the figure's id."""
    wajib(pelaku, "kelola_perencanaan")
    ind = _indikator(con, pelaku, indikator_id)
    tahun = tahun_valid(tahun)
    if not ind["tahun_awal"] <= tahun <= ind["tahun_akhir"]:
        raise DataTidakValid(f"Tahun {tahun} di luar periode Renstra indikator {ind['kode']}.",
                             "tahun")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    data = validasi(jenis, wilayah, nilai, sumber)
    lama = audit.baris(con, "SELECT id, indikator_id, tahun, jenis, wilayah, nilai, sumber"
                            " FROM angka_pembanding WHERE indikator_id = ? AND tahun = ?"
                            " AND jenis = ? AND wilayah = ?",
                       [indikator_id, tahun, data["jenis"], data["wilayah"]])
    baru = {"indikator_id": indikator_id, "kode": ind["kode"], "tahun": tahun, **data}
    if lama is not None and (lama["nilai"], lama["sumber"]) == (data["nilai"], data["sumber"]):
        return lama["id"]
    with transaksi(con):
        if lama is None:
            pid = con.execute(
                "INSERT INTO angka_pembanding (indikator_id, tahun, jenis, wilayah, nilai,"
                " sumber, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [indikator_id, tahun, data["jenis"], data["wilayah"], data["nilai"],
                 data["sumber"], pelaku.username]).fetchone()[0]
        else:
            pid = lama["id"]
            con.execute("UPDATE angka_pembanding SET nilai = ?, sumber = ?, diubah_oleh = ?,"
                        " diubah_pada = current_localtimestamp() WHERE id = ?",
                        [data["nilai"], data["sumber"], pelaku.username, pid])
        audit.catat(con, pelaku.username, pelaku.instansi_id,
                    "tambah" if lama is None else "ubah", "angka_pembanding", pid, lama, baru)
    return pid


def hapus(con: Con, pelaku: Pelaku, id: int) -> None:  # noqa: A002 - the agreed interface
    """Delete one figure of the actor's instansi."""
    wajib(pelaku, "kelola_perencanaan")
    lama = audit.baris(
        con, "SELECT p.id, p.indikator_id, i.kode, p.tahun, p.jenis, p.wilayah, p.nilai,"
        " p.sumber FROM angka_pembanding p JOIN indikator i ON i.id = p.indikator_id"
        " WHERE p.id = ? AND i.instansi_id = ?", [id, pelaku.instansi_id])
    if lama is None:
        raise DataTidakValid("Angka pembanding tidak ditemukan.")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, lama["tahun"])
    with transaksi(con):
        con.execute("DELETE FROM angka_pembanding WHERE id = ?", [id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "hapus", "angka_pembanding", id,
                    lama, None)
