"""The planning chain: Renstra -> Tujuan -> Sasaran Strategis -> Indikator -> yearly targets,
and the Perjanjian Kinerja program/anggaran lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkj_core import audit, penguncian
from lkj_core.angka import AngkaTidakValid, parse_angka
from lkj_core.capaian import POLARITAS
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid, teks_wajib
from lkj_core.peran import Pelaku, wajib

RUPIAH_MAKS = 1e16  # pk_program.pagu and .realisasi are DECIMAL(18, 2)
TEKS_MANUAL_MAKS = 2000  # formula and sumber data of an indicator

LABEL_POLARITAS = {
    "positif": "Positif (makin tinggi makin baik)",
    "negatif": "Negatif (makin rendah makin baik)",
    "rentang": "Rentang (target batas bawah–atas)",
}


def _tahun(nilai, label: str, kolom: str) -> int:
    try:
        tahun = int(str(nilai).strip())
    except ValueError:
        raise DataTidakValid(f"{label} harus berupa tahun, mis. 2025.", kolom) from None
    if not 2000 <= tahun <= 2100:
        raise DataTidakValid(f"{label} harus antara 2000 dan 2100.", kolom)
    return tahun


def tahun_valid(nilai) -> int:
    """A year as given (2025 or "2025"), or DataTidakValid in Indonesian."""
    return _tahun(nilai, "Tahun", "tahun")


def _angka(teks, label: str, kolom: str, kesalahan: dict, boleh_kosong=True):
    try:
        return parse_angka(teks, boleh_kosong=boleh_kosong)
    except AngkaTidakValid as exc:
        kesalahan[kolom] = f"{label}: {exc}"
        return None


def _pasangan_target(bawah, atas, polaritas: str, label: str, kolom: str, kesalahan: dict,
                     wajib_isi: bool = False):
    """Parse a (target, target_atas) pair by polarity; records errors under `kolom`."""
    t = _angka(bawah, label, kolom, kesalahan)
    ta = _angka(atas, f"{label} (batas atas)", kolom + "_atas", kesalahan)
    if kolom in kesalahan or kolom + "_atas" in kesalahan:
        return None, None
    if t is None:
        if ta is not None:
            kesalahan[kolom] = f"{label}: batas bawah wajib diisi bila batas atas diisi."
        elif wajib_isi:
            kesalahan[kolom] = f"{label} wajib diisi."
        return None, None
    if polaritas == "rentang":
        if ta is None:
            kesalahan[kolom + "_atas"] = f"{label}: indikator rentang wajib punya batas atas."
        elif ta < t:
            kesalahan[kolom + "_atas"] = (
                f"{label}: batas atas tidak boleh lebih kecil dari batas bawah.")
    elif ta is not None:
        kesalahan[kolom + "_atas"] = (
            f"{label}: batas atas hanya untuk polaritas rentang; kosongkan.")
    return t, ta


# --- Renstra, Tujuan, Sasaran ---

def daftar_renstra(con: Con, instansi_id: int):
    """Renstra periods of an instansi, newest first."""
    return con.execute(
        "SELECT id, nama, tahun_awal, tahun_akhir FROM renstra WHERE instansi_id = ?"
        " ORDER BY tahun_awal DESC", [instansi_id]).df()


def renstra_untuk_tahun(con: Con, instansi_id: int, tahun: int) -> dict | None:
    """The Renstra period covering `tahun`, or None."""
    return audit.baris(
        con, "SELECT * FROM renstra WHERE instansi_id = ? AND ? BETWEEN tahun_awal AND tahun_akhir"
        " ORDER BY tahun_awal DESC LIMIT 1", [instansi_id, tahun])


def buat_renstra(con: Con, pelaku: Pelaku, nama: str, tahun_awal, tahun_akhir) -> int:
    """Create a Renstra period that does not overlap an existing one."""
    wajib(pelaku, "kelola_perencanaan")
    nama = teks_wajib(nama, "Nama Renstra", "nama", 200)
    awal = _tahun(tahun_awal, "Tahun awal", "tahun_awal")
    akhir = _tahun(tahun_akhir, "Tahun akhir", "tahun_akhir")
    if akhir < awal:
        raise DataTidakValid("Tahun akhir tidak boleh sebelum tahun awal.", "tahun_akhir")
    if con.execute(
        "SELECT 1 FROM renstra WHERE instansi_id = ? AND tahun_awal <= ? AND tahun_akhir >= ?",
        [pelaku.instansi_id, akhir, awal]).fetchone():
        raise DataTidakValid("Periode ini tumpang tindih dengan Renstra yang sudah ada.",
                             "tahun_awal")
    with transaksi(con):
        rid = con.execute(
            "INSERT INTO renstra (instansi_id, nama, tahun_awal, tahun_akhir) VALUES (?, ?, ?, ?)"
            " RETURNING id", [pelaku.instansi_id, nama, awal, akhir]).fetchone()[0]
        audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah", "renstra", rid, None,
                    {"nama": nama, "tahun_awal": awal, "tahun_akhir": akhir})
    return rid


def _milik(con: Con, pelaku: Pelaku, sql: str, key, pesan: str) -> None:
    if not con.execute(sql, [key, pelaku.instansi_id]).fetchone():
        raise DataTidakValid(pesan)


def buat_tujuan(con: Con, pelaku: Pelaku, renstra_id: int, kode: str, uraian: str) -> int:
    """Add a Tujuan to a Renstra of the actor's instansi."""
    wajib(pelaku, "kelola_perencanaan")
    _milik(con, pelaku, "SELECT 1 FROM renstra WHERE id = ? AND instansi_id = ?", renstra_id,
           "Renstra tidak ditemukan.")
    kode = teks_wajib(kode, "Kode tujuan", "kode", 20)
    uraian = teks_wajib(uraian, "Uraian tujuan", "uraian", 1000)
    if con.execute("SELECT 1 FROM tujuan WHERE renstra_id = ? AND kode = ?",
                   [renstra_id, kode]).fetchone():
        raise DataTidakValid(f"Kode tujuan '{kode}' sudah dipakai di Renstra ini.", "kode")
    with transaksi(con):
        tid = con.execute("INSERT INTO tujuan (renstra_id, kode, uraian) VALUES (?, ?, ?)"
                          " RETURNING id", [renstra_id, kode, uraian]).fetchone()[0]
        audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah", "tujuan", tid, None,
                    {"renstra_id": renstra_id, "kode": kode, "uraian": uraian})
    return tid


def buat_sasaran(con: Con, pelaku: Pelaku, tujuan_id: int, kode: str, uraian: str) -> int:
    """Add a Sasaran Strategis under a Tujuan of the actor's instansi."""
    wajib(pelaku, "kelola_perencanaan")
    _milik(con, pelaku, "SELECT 1 FROM tujuan t JOIN renstra r ON r.id = t.renstra_id"
           " WHERE t.id = ? AND r.instansi_id = ?", tujuan_id, "Tujuan tidak ditemukan.")
    kode = teks_wajib(kode, "Kode sasaran", "kode", 20)
    uraian = teks_wajib(uraian, "Uraian sasaran", "uraian", 1000)
    if con.execute("SELECT 1 FROM sasaran WHERE tujuan_id = ? AND kode = ?",
                   [tujuan_id, kode]).fetchone():
        raise DataTidakValid(f"Kode sasaran '{kode}' sudah dipakai pada tujuan ini.", "kode")
    with transaksi(con):
        sid = con.execute("INSERT INTO sasaran (tujuan_id, kode, uraian) VALUES (?, ?, ?)"
                          " RETURNING id", [tujuan_id, kode, uraian]).fetchone()[0]
        audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah", "sasaran", sid, None,
                    {"tujuan_id": tujuan_id, "kode": kode, "uraian": uraian})
    return sid


def pohon_kinerja(con: Con, renstra_id: int):
    """Tujuan and their Sasaran of one Renstra, one row per sasaran (tujuan without any too)."""
    return con.execute(
        "SELECT t.id AS tujuan_id, t.kode AS kode_tujuan, t.uraian AS tujuan,"
        " s.id AS sasaran_id, s.kode AS kode_sasaran, s.uraian AS sasaran"
        " FROM tujuan t LEFT JOIN sasaran s ON s.tujuan_id = t.id"
        " WHERE t.renstra_id = ? ORDER BY t.kode, s.kode", [renstra_id]).df()


# --- Indikator and yearly targets ---

@dataclass
class IsianIndikator:
    """What the indicator form sends: texts as typed, so nothing typed is lost on an error."""

    sasaran_id: int | None
    kode: str
    nama: str
    satuan: str
    polaritas: str
    unit_id: int | None
    definisi: str = ""
    formula: str = ""
    sumber_data: str = ""
    target_akhir: str = ""
    target_akhir_atas: str = ""
    standar_nasional: str = ""
    # year -> (target, target_atas) as typed
    target: dict[int, tuple[str, str]] = field(default_factory=dict)


def _validasi_indikator(con: Con, pelaku: Pelaku, isi: IsianIndikator, indikator_id):
    kesalahan: dict[str, str] = {}

    def teks(nilai, label, kolom, maks):
        try:
            return teks_wajib(nilai, label, kolom, maks)
        except DataTidakValid as exc:
            kesalahan[kolom] = str(exc)
            return None

    def opsional(nilai, label, kolom):
        teks_ = (nilai or "").strip()
        if len(teks_) > TEKS_MANUAL_MAKS:
            kesalahan[kolom] = f"{label} terlalu panjang (maksimal {TEKS_MANUAL_MAKS} karakter)."
        return teks_ or None

    kode = teks(isi.kode, "Kode indikator", "kode", 30)
    nama = teks(isi.nama, "Nama indikator", "nama", 500)
    satuan = teks(isi.satuan, "Satuan", "satuan", 50)
    if isi.polaritas not in POLARITAS:
        kesalahan["polaritas"] = "Pilih polaritas: positif, negatif atau rentang."
    renstra = None
    if isi.sasaran_id is None:
        kesalahan["sasaran_id"] = "Pilih sasaran strategis."
    else:
        renstra = audit.baris(
            con, "SELECT r.* FROM sasaran s JOIN tujuan t ON t.id = s.tujuan_id"
            " JOIN renstra r ON r.id = t.renstra_id WHERE s.id = ? AND r.instansi_id = ?",
            [isi.sasaran_id, pelaku.instansi_id])
        if renstra is None:
            kesalahan["sasaran_id"] = "Sasaran strategis tidak ditemukan."
    if isi.unit_id is None or not con.execute(
        "SELECT 1 FROM unit_kerja WHERE id = ? AND instansi_id = ?",
        [isi.unit_id, pelaku.instansi_id]).fetchone():
        kesalahan["unit_id"] = "Pilih unit penanggung jawab."
    if kode and con.execute(
        "SELECT 1 FROM indikator WHERE instansi_id = ? AND kode = ? AND id IS DISTINCT FROM ?",
        [pelaku.instansi_id, kode, indikator_id]).fetchone():
        kesalahan["kode"] = f"Kode indikator '{kode}' sudah dipakai."
    formula = opsional(isi.formula, "Formula", "formula")
    sumber_data = opsional(isi.sumber_data, "Sumber data", "sumber_data")
    pol = isi.polaritas if isi.polaritas in POLARITAS else "positif"
    akhir = _pasangan_target(isi.target_akhir, isi.target_akhir_atas, pol,
                             "Target akhir Renstra", "target_akhir", kesalahan)
    standar = _angka(isi.standar_nasional, "Standar nasional", "standar_nasional", kesalahan)
    target = {}
    for tahun, (bawah, atas) in sorted(isi.target.items()):
        if renstra and not renstra["tahun_awal"] <= tahun <= renstra["tahun_akhir"]:
            kesalahan[f"target_{tahun}"] = f"Tahun {tahun} di luar periode Renstra."
            continue
        pasangan = _pasangan_target(bawah, atas, pol, f"Target {tahun}", f"target_{tahun}",
                                    kesalahan)
        if pasangan[0] is not None:
            target[tahun] = pasangan
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return {
        "sasaran_id": isi.sasaran_id, "kode": kode, "nama": nama, "satuan": satuan,
        "polaritas": isi.polaritas, "unit_id": isi.unit_id,
        "definisi": (isi.definisi or "").strip() or None,
        "formula": formula, "sumber_data": sumber_data,
        "target_akhir": akhir[0], "target_akhir_atas": akhir[1], "standar_nasional": standar,
    }, target


def simpan_indikator(con: Con, pelaku: Pelaku, isi: IsianIndikator,
                     indikator_id: int | None = None) -> int:
    """Create (or update) an indicator and its yearly targets, all or nothing.

    Years present in `isi.target` with an empty target lose their target; years absent are
    left as they are.
    """
    wajib(pelaku, "kelola_perencanaan")
    lama = None
    if indikator_id is not None:
        lama = audit.baris(con, "SELECT * FROM indikator WHERE id = ? AND instansi_id = ?",
                           [indikator_id, pelaku.instansi_id])
        if lama is None:
            raise DataTidakValid("Indikator tidak ditemukan.")
    data, target = _validasi_indikator(con, pelaku, isi, indikator_id)
    kolom = list(data)
    with transaksi(con):
        if lama is None:
            indikator_id = con.execute(
                f"INSERT INTO indikator (instansi_id, {', '.join(kolom)}) VALUES"
                f" (?, {', '.join('?' for _ in kolom)}) RETURNING id",
                [pelaku.instansi_id, *data.values()]).fetchone()[0]
            audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah", "indikator",
                        indikator_id, None, data)
        else:
            con.execute(
                f"UPDATE indikator SET {', '.join(f'{k} = ?' for k in kolom)} WHERE id = ?",
                [*data.values(), indikator_id])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "indikator",
                        indikator_id, lama, {**lama, **data})
        for tahun in isi.target:
            _simpan_target(con, pelaku, indikator_id, tahun, *target.get(tahun, (None, None)))
    return indikator_id


def _simpan_target(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, t, ta) -> None:
    lama = audit.baris(con, "SELECT target, target_atas FROM target_tahunan"
                       " WHERE indikator_id = ? AND tahun = ?", [indikator_id, tahun])
    baru = None if t is None else {"target": t, "target_atas": ta}
    if lama == baru:
        return
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    kunci = f"{indikator_id}/{tahun}"
    if baru is None:
        con.execute("DELETE FROM target_tahunan WHERE indikator_id = ? AND tahun = ?",
                    [indikator_id, tahun])
        aksi = "hapus"
    elif lama is None:
        con.execute("INSERT INTO target_tahunan VALUES (?, ?, ?, ?)", [indikator_id, tahun, t, ta])
        aksi = "tambah"
    else:
        con.execute("UPDATE target_tahunan SET target = ?, target_atas = ?"
                    " WHERE indikator_id = ? AND tahun = ?", [t, ta, indikator_id, tahun])
        aksi = "ubah"
    audit.catat(con, pelaku.username, pelaku.instansi_id, aksi, "target_tahunan", kunci,
                lama, baru)


def daftar_indikator(con: Con, instansi_id: int, renstra_id: int):
    """Indicators of one Renstra with sasaran and unit, in sasaran/code order; the indicator
    manual's definisi, formula and sumber_data are text or None."""
    return con.execute(
        "SELECT i.id, i.kode, i.nama, i.definisi, i.formula, i.sumber_data, i.satuan,"
        " i.polaritas, i.unit_id,"
        " u.nama AS unit, i.sasaran_id, s.kode AS kode_sasaran, s.uraian AS sasaran,"
        " i.target_akhir, i.target_akhir_atas, i.standar_nasional, i.aktif"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN unit_kerja u ON u.id = i.unit_id"
        " WHERE i.instansi_id = ? AND t.renstra_id = ? ORDER BY s.kode, i.kode",
        [instansi_id, renstra_id]).df()


def target_indikator(con: Con, indikator_id: int) -> dict[int, tuple[float, float | None]]:
    """Yearly targets of one indicator: year -> (target, target_atas)."""
    rows = con.execute("SELECT tahun, target, target_atas FROM target_tahunan"
                       " WHERE indikator_id = ? ORDER BY tahun", [indikator_id]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def tabel_target(con: Con, instansi_id: int, tahun: int):
    """Every active indicator of the Renstra covering `tahun` with that year's target.

    `ada_target` is False where the target is missing: the SOP's Peringatan.
    """
    return con.execute(
        "SELECT s.kode AS kode_sasaran, s.uraian AS sasaran, i.id, i.kode, i.nama, i.satuan,"
        " i.polaritas, u.nama AS unit, tt.target, tt.target_atas,"
        " tt.target IS NOT NULL AS ada_target"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN renstra r ON r.id = t.renstra_id"
        " JOIN unit_kerja u ON u.id = i.unit_id"
        " LEFT JOIN target_tahunan tt ON tt.indikator_id = i.id AND tt.tahun = ?"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN r.tahun_awal AND r.tahun_akhir"
        " ORDER BY s.kode, i.kode", [tahun, instansi_id, tahun]).df()


def indikator_tanpa_target(con: Con, instansi_id: int, tahun: int) -> list[str]:
    """'KODE — nama' of every active indicator with no target for `tahun`."""
    df = tabel_target(con, instansi_id, tahun)
    return [f"{r.kode} — {r.nama}" for r in df.itertuples() if not r.ada_target]


def tahun_tersedia(con: Con, instansi_id: int) -> list[int]:
    """All years covered by the instansi's Renstra periods, ascending."""
    rows = con.execute("SELECT tahun_awal, tahun_akhir FROM renstra WHERE instansi_id = ?",
                       [instansi_id]).fetchall()
    return sorted({y for a, b in rows for y in range(a, b + 1)})


# --- Perjanjian Kinerja: program / anggaran ---

def daftar_pk_program(con: Con, instansi_id: int, tahun: int):
    """PK program/anggaran lines of a year with serapan computed in SQL."""
    return con.execute(
        "SELECT p.id, p.kode, p.uraian, p.unit_id, u.nama AS unit, p.pagu::DOUBLE AS pagu,"
        " p.realisasi::DOUBLE AS realisasi,"
        " CASE WHEN p.pagu > 0 AND p.realisasi IS NOT NULL"
        "   THEN p.realisasi::DOUBLE / p.pagu::DOUBLE * 100 END AS serapan"
        " FROM pk_program p LEFT JOIN unit_kerja u ON u.id = p.unit_id"
        " WHERE p.instansi_id = ? AND p.tahun = ? ORDER BY p.kode", [instansi_id, tahun]).df()


def simpan_pk_program(con: Con, pelaku: Pelaku, tahun: int, kode: str, uraian: str,
                      unit_id: int | None, pagu: str, realisasi: str = "",
                      program_id: int | None = None) -> int:
    """Create or update one PK program/anggaran line (amounts in rupiah, as typed)."""
    wajib(pelaku, "kelola_perencanaan")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    kesalahan: dict[str, str] = {}
    try:
        kode = teks_wajib(kode, "Kode program", "kode", 40)
    except DataTidakValid as exc:
        kesalahan["kode"] = str(exc)
    try:
        uraian = teks_wajib(uraian, "Nama program/kegiatan", "uraian", 500)
    except DataTidakValid as exc:
        kesalahan["uraian"] = str(exc)
    nilai_pagu = _angka(pagu, "Pagu", "pagu", kesalahan, boleh_kosong=False)
    nilai_real = _angka(realisasi, "Realisasi", "realisasi", kesalahan)
    for kolom, nilai in (("pagu", nilai_pagu), ("realisasi", nilai_real)):
        if nilai is not None and nilai < 0:
            kesalahan[kolom] = "Nilai rupiah tidak boleh negatif."
        elif nilai is not None and nilai >= RUPIAH_MAKS:
            # The columns are DECIMAL(18, 2): a larger amount would fail inside DuckDB.
            kesalahan[kolom] = ("Nilai rupiah terlalu besar (paling banyak 16 angka sebelum "
                                "koma).")
    if unit_id is not None and not con.execute(
        "SELECT 1 FROM unit_kerja WHERE id = ? AND instansi_id = ?",
        [unit_id, pelaku.instansi_id]).fetchone():
        kesalahan["unit_id"] = "Unit tidak ditemukan."
    if "kode" not in kesalahan and con.execute(
        "SELECT 1 FROM pk_program WHERE instansi_id = ? AND tahun = ? AND kode = ?"
        " AND id IS DISTINCT FROM ?", [pelaku.instansi_id, tahun, kode, program_id]).fetchone():
        kesalahan["kode"] = f"Kode '{kode}' sudah dipakai pada tahun {tahun}."
    lama = None
    if program_id is not None:
        lama = audit.baris(con, "SELECT * FROM pk_program WHERE id = ? AND instansi_id = ?",
                           [program_id, pelaku.instansi_id])
        if lama is None:
            kesalahan["_"] = "Baris program tidak ditemukan."
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    baru = {"tahun": tahun, "kode": kode, "uraian": uraian, "unit_id": unit_id,
            "pagu": nilai_pagu, "realisasi": nilai_real}
    with transaksi(con):
        if lama is None:
            program_id = con.execute(
                "INSERT INTO pk_program (instansi_id, tahun, kode, uraian, unit_id, pagu,"
                " realisasi) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [pelaku.instansi_id, tahun, kode, uraian, unit_id, nilai_pagu, nilai_real],
            ).fetchone()[0]
        else:
            con.execute("UPDATE pk_program SET kode = ?, uraian = ?, unit_id = ?, pagu = ?,"
                        " realisasi = ? WHERE id = ?",
                        [kode, uraian, unit_id, nilai_pagu, nilai_real, program_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id,
                    "tambah" if lama is None else "ubah", "pk_program", program_id, lama, baru)
    return program_id


def hapus_pk_program(con: Con, pelaku: Pelaku, program_id: int) -> None:
    """Delete one PK line of the actor's instansi."""
    wajib(pelaku, "kelola_perencanaan")
    lama = audit.baris(con, "SELECT * FROM pk_program WHERE id = ? AND instansi_id = ?",
                       [program_id, pelaku.instansi_id])
    if lama is None:
        raise DataTidakValid("Baris program tidak ditemukan.")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, lama["tahun"])
    with transaksi(con):
        con.execute("DELETE FROM pk_program WHERE id = ?", [program_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "hapus", "pk_program", program_id,
                    lama, None)


def format_target(target, target_atas, polaritas: str) -> str:
    """A target as users read it: '3,5', or '90 – 100' for a rentang; 'BELUM ADA' if missing."""
    from lkj_core.angka import format_nilai

    if target is None or target != target:  # NaN from a LEFT JOIN
        return "BELUM ADA"
    if polaritas == "rentang" and target_atas is not None and target_atas == target_atas:
        return f"{format_nilai(target)} – {format_nilai(target_atas)}"
    return format_nilai(target)
