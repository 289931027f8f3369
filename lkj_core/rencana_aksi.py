"""Rencana Aksi: each indicator's yearly target broken down per triwulan, with the planned
action, so the triwulan realisations (realisasi.tw1..tw4) can be compared with the plan during
the year.

The rule for the four values, the same as for the triwulan realisations: each is the position
planned at the END of that triwulan, counted from the start of the year ("s.d. triwulan",
cumulative). A count or a progress percentage is the total reached so far; a level or an index
is the level expected by then (often last year's until the yearly assessment). TW IV is
therefore the year's target (for a rentang indicator: its lower bound).
"""

from __future__ import annotations

import math

import pandas as pd

from lkj_core import audit, penguncian, perencanaan
from lkj_core.angka import AngkaTidakValid, parse_angka
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import Pelaku, wajib

TRIWULAN = ("tw1", "tw2", "tw3", "tw4")
LABEL_TW = {t: f"TW {r}" for t, r in zip(TRIWULAN, ("I", "II", "III", "IV"))}
KEGIATAN_MAKS = 2000
NILAI_MAKS = 1e15
KOLOM = ["indikator_id", "kode", "nama", "satuan", "polaritas", "target", "target_atas",
         *TRIWULAN, "kegiatan", "ada_rencana"]


def rencana_aksi(con: Con, instansi_id: int, tahun: int) -> pd.DataFrame:
    """Every active indicator in force in `tahun` with its plan: indikator_id, kode, nama,
    satuan, polaritas, target, target_atas, tw1..tw4 (cumulative to the end of each triwulan),
    kegiatan, and ada_rencana (False: no plan stored; the values are then missing)."""
    indikator = perencanaan.tabel_target(con, instansi_id, tahun).rename(
        columns={"id": "indikator_id"})
    rencana = con.execute(
        "SELECT ra.indikator_id, ra.tw1, ra.tw2, ra.tw3, ra.tw4, ra.kegiatan"
        " FROM rencana_aksi ra JOIN indikator i ON i.id = ra.indikator_id"
        " WHERE i.instansi_id = ? AND ra.tahun = ?", [instansi_id, tahun]).df()
    df = indikator.merge(rencana, on="indikator_id", how="left")
    df["ada_rencana"] = df["indikator_id"].isin(rencana["indikator_id"])
    return df[KOLOM].reset_index(drop=True)


def _kosong(x) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    if isinstance(x, str) and not x.strip():
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def validasi(tw: dict, kegiatan) -> tuple[dict, str | None]:
    """The plan's values parsed and checked (pure): ({tw1..tw4: float | None}, kegiatan or
    None), or DataTidakValid naming every problem."""
    kesalahan: dict[str, str] = {}
    asing = sorted(str(k) for k in (tw or {}) if k not in TRIWULAN)
    if asing:
        kesalahan["_"] = f"Triwulan tidak dikenal: {', '.join(asing)} (pakai tw1 sampai tw4)."
    nilai: dict[str, float | None] = {}
    for t in TRIWULAN:
        teks = (tw or {}).get(t)
        if _kosong(teks):
            nilai[t] = None
            continue
        try:
            nilai[t] = parse_angka(teks)
        except AngkaTidakValid as exc:
            kesalahan[t] = f"Target {LABEL_TW[t]}: {exc}"
            continue
        if nilai[t] < 0:
            kesalahan[t] = f"Target {LABEL_TW[t]} tidak boleh negatif."
        elif nilai[t] >= NILAI_MAKS:
            kesalahan[t] = f"Target {LABEL_TW[t]} terlalu besar (paling banyak 15 angka)."
    kegiatan = "" if _kosong(kegiatan) else str(kegiatan).strip()
    if len(kegiatan) > KEGIATAN_MAKS:
        kesalahan["kegiatan"] = (f"Rencana aksi terlalu panjang (maksimal {KEGIATAN_MAKS} "
                                 "karakter).")
    elif not kegiatan and any(v is not None for v in nilai.values()):
        kesalahan["kegiatan"] = ("Rencana aksi (kegiatan yang direncanakan) wajib diisi bila "
                                 "target triwulan diisi.")
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return nilai, kegiatan or None


def _indikator(con: Con, pelaku: Pelaku, ids: list,
               tahun: int) -> tuple[dict[int, dict], dict[str, str]]:
    """(indikator_id -> its code and the year's stored plan or None, for those of `ids` in the
    actor's instansi whose Renstra covers `tahun`; errors keyed "<id>:_" for the others)."""
    rows = con.execute(
        "SELECT i.id, i.kode, r.tahun_awal, r.tahun_akhir, ra.tw1, ra.tw2, ra.tw3, ra.tw4,"
        " ra.kegiatan, ra.indikator_id IS NOT NULL AS ada FROM indikator i"
        " JOIN sasaran s ON s.id = i.sasaran_id JOIN tujuan t ON t.id = s.tujuan_id"
        " JOIN renstra r ON r.id = t.renstra_id"
        " LEFT JOIN rencana_aksi ra ON ra.indikator_id = i.id AND ra.tahun = ?"
        " WHERE i.instansi_id = ? AND list_contains(?, i.id)",
        [tahun, pelaku.instansi_id, [int(x) for x in ids]]).fetchall()
    hasil = {r[0]: {"kode": r[1], "lama": dict(zip((*TRIWULAN, "kegiatan"), r[4:9]))
                    if r[9] else None} for r in rows if r[2] <= tahun <= r[3]}
    kesalahan = {}
    for ik in ids:
        if ik not in hasil:
            luar = next((r for r in rows if r[0] == ik), None)
            kesalahan[f"{ik}:_"] = ("Indikator tidak ditemukan." if luar is None else
                                    f"Tahun {tahun} di luar periode Renstra indikator {luar[1]}.")
    return hasil, kesalahan


def _tulis(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, ind: dict,
           nilai: dict, kegiatan: str | None) -> bool:
    """Write one plan (inside the caller's transaction); False when nothing changed."""
    lama = ind["lama"]
    kosong = kegiatan is None and all(v is None for v in nilai.values())
    baru = None if kosong else {**nilai, "kegiatan": kegiatan}
    if lama == baru:
        return False
    if lama is not None:
        con.execute("DELETE FROM rencana_aksi WHERE indikator_id = ? AND tahun = ?",
                    [indikator_id, tahun])
    if baru is not None:
        con.execute("INSERT INTO rencana_aksi (indikator_id, tahun, tw1, tw2, tw3, tw4,"
                    " kegiatan, diubah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [indikator_id, tahun, *(nilai[t] for t in TRIWULAN), kegiatan,
                     pelaku.username])
    aksi = "hapus" if baru is None else "tambah" if lama is None else "ubah"
    audit.catat(con, pelaku.username, pelaku.instansi_id, aksi, "rencana_aksi",
                f"{indikator_id}/{tahun}", lama,
                None if baru is None else {"kode": ind["kode"], **baru})
    return True


def simpan_rencana_aksi(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, tw: dict,
                        kegiatan: str) -> None:
    """Store an indicator's plan for a year: `tw` maps "tw1".."tw4" to a number or the text
    as typed ("3,25"; empty: no value). Everything empty removes the plan."""
    wajib(pelaku, "kelola_perencanaan")
    tahun = perencanaan.tahun_valid(tahun)
    semua, kesalahan = _indikator(con, pelaku, [indikator_id], tahun)
    if kesalahan:
        raise DataTidakValid(next(iter(kesalahan.values())), "indikator_id")
    ind = semua[indikator_id]
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    nilai, kegiatan = validasi(tw, kegiatan)
    with transaksi(con):
        _tulis(con, pelaku, indikator_id, tahun, ind, nilai, kegiatan)


def simpan_rencana_aksi_tahun(con: Con, pelaku: Pelaku, tahun: int,
                              baris: dict[int, tuple[dict, str]]) -> int:
    """Store the plans of several indicators of one year at once, all or nothing:
    indikator_id -> (tw, kegiatan) as for `simpan_rencana_aksi`. Errors are keyed
    "<indikator_id>:<field>". Returns how many plans changed."""
    wajib(pelaku, "kelola_perencanaan")
    tahun = perencanaan.tahun_valid(tahun)
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    ind, kesalahan = _indikator(con, pelaku, list(baris), tahun)
    siap = []
    for indikator_id, (tw, kegiatan) in baris.items():
        if indikator_id not in ind:
            continue
        try:
            siap.append((indikator_id, *validasi(tw, kegiatan)))
        except DataTidakValid as exc:
            for kolom, pesan in exc.kesalahan.items():
                kesalahan[f"{indikator_id}:{kolom}"] = f"{ind[indikator_id]['kode']}: {pesan}"
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    with transaksi(con):
        return sum(_tulis(con, pelaku, ik, tahun, ind[ik], nilai, kegiatan)
                   for ik, nilai, kegiatan in siap)
