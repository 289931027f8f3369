"""Bidang data intake: realisasi, triwulan values and Bab III narratives per indicator-year,
the submit / verify / return workflow, optimistic concurrency, and budget realisation."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lkj_core import audit, penguncian
from lkj_core import resmi as aturan_resmi
from lkj_core.angka import AngkaTidakValid, format_nilai, parse_angka
from lkj_core.capaian import hitung_capaian, kategori
from lkj_core.db import Con, TransaksiBentrok, transaksi, ulangi_bila_bentrok
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak, Pelaku, boleh, wajib

LABEL_STATUS = {
    "belum": "Belum diisi", "draft": "Draf", "diajukan": "Diajukan",
    "diverifikasi": "Terverifikasi", "dikembalikan": "Dikembalikan",
}
BISA_DIUBAH = ("belum", "draft", "dikembalikan")
TRIWULAN = ("tw1", "tw2", "tw3", "tw4")
KOLOM_NARASI = {
    "analisis_penyebab": "Analisis penyebab keberhasilan/kegagalan",
    "solusi": "Solusi yang telah dilakukan",
    "efisiensi": "Efisiensi penggunaan sumber daya",
    "program_pendukung": "Program/kegiatan yang menunjang",
    "kendala": "Kendala dan hambatan",
    "tindak_lanjut": "Tindak lanjut / rencana perbaikan",
}
LABEL_KOLOM = {"nilai": "Realisasi", **{t: f"Realisasi TW {t[-1]}" for t in TRIWULAN},
               **KOLOM_NARASI}
PANJANG_NARASI_MAKS = 5000
NILAI_MAKS = 1e15  # a realisasi or triwulan value; no indicator comes near it
# The realisasi columns an intake save writes. Column names in the SQL of `_tulis` come only
# from this tuple, never from the keys of a caller's dict (impor_isian takes rows from outside).
KOLOM_TULIS = ("nilai", *TRIWULAN, *KOLOM_NARASI)

# action -> (statuses it may start from, status it leads to, permission, reason required)
TRANSISI = {
    "ajukan": (("belum", "draft", "dikembalikan"), "diajukan", "isi_kinerja", False),
    "verifikasi": (("diajukan",), "diverifikasi", "verifikasi_isian", False),
    "kembalikan": (("diajukan",), "dikembalikan", "verifikasi_isian", True),
    "buka_kembali": (("diverifikasi",), "dikembalikan", "verifikasi_isian", True),
}
LABEL_AKSI = {"ajukan": "Ajukan", "verifikasi": "Verifikasi", "kembalikan": "Kembalikan",
              "buka_kembali": "Buka kembali"}


class KonflikIsian(DataTidakValid):
    """Someone else saved the entry after this user opened it (optimistic version check)."""


def _tanpa_bentrok(fungsi):
    """Run one intake transaction; when a concurrent transaction wrote the same entry first,
    DuckDB refuses the write, and the whole transaction is run again: it re-reads the entry,
    so the version and status checks see the winner's save (no lost write, no raw error)."""
    try:
        return ulangi_bila_bentrok(fungsi)
    except TransaksiBentrok:
        raise KonflikIsian("Isian ini sedang disimpan oleh pengguna lain pada saat yang sama, "
                           "jadi simpanan Anda belum masuk. Isian Anda masih di formulir: "
                           "simpan lagi sebentar lagi.", "_") from None


def transisi(status: str, aksi: str, peran: str, catatan: str = "") -> str:
    """The status after `aksi` from `status` by `peran`; raises when the move is not allowed."""
    if aksi not in TRANSISI:
        raise DataTidakValid(f"Aksi '{aksi}' tidak dikenal.")
    asal, tujuan, izin, perlu_alasan = TRANSISI[aksi]
    if not boleh(peran, izin):
        raise AksesDitolak(f"Peran ini tidak berwenang untuk '{LABEL_AKSI[aksi]}'.")
    if status not in asal:
        raise DataTidakValid(f"Isian berstatus '{LABEL_STATUS.get(status, status)}' tidak dapat "
                             f"di-{LABEL_AKSI[aksi].lower()}.", "status")
    if perlu_alasan and not (catatan or "").strip():
        raise DataTidakValid("Alasan wajib diisi.", "catatan")
    return tujuan


# --- access ---

def _indikator(con: Con, pelaku: Pelaku, indikator_id: int) -> dict:
    row = audit.baris(con, "SELECT * FROM indikator WHERE id = ? AND instansi_id = ?",
                      [indikator_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid(_TIDAK_DITEMUKAN)
    return row


_TIDAK_DITEMUKAN = "Indikator tidak ditemukan."


def _wajib_unit_sendiri(pelaku: Pelaku, unit_id: int) -> None:
    if pelaku.peran == "bidang" and unit_id != pelaku.unit_id:
        raise AksesDitolak("Indikator ini milik unit lain.")


def _wajib_bisa_diubah(status: str) -> None:
    if status not in BISA_DIUBAH:
        raise DataTidakValid(f"Isian berstatus '{LABEL_STATUS[status]}' dan terkunci; tidak "
                             "dapat diubah.", "status")


def _wajib_kolom_tulis(data: dict) -> None:
    asing = set(data) - set(KOLOM_TULIS)
    if asing:
        raise DataTidakValid("Kolom isian tidak dikenal: " + ", ".join(sorted(map(str, asing))))


def periksa_lihat(con: Con, pelaku: Pelaku, indikator_id: int) -> dict:
    """The indicator if the actor may see its entries (bidang: own unit only)."""
    wajib(pelaku, "lihat_isian")
    ind = _indikator(con, pelaku, indikator_id)
    _wajib_unit_sendiri(pelaku, ind["unit_id"])
    return ind


def _entri(con: Con, indikator_id: int, tahun: int) -> dict | None:
    return audit.baris(con, "SELECT * FROM realisasi WHERE indikator_id = ? AND tahun = ?",
                       [indikator_id, tahun])


def periksa_ubah(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int) -> dict | None:
    """The current entry (None if none yet) if the actor may edit it now; raises otherwise."""
    wajib(pelaku, "isi_kinerja")
    periksa_lihat(con, pelaku, indikator_id)
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    row = _entri(con, indikator_id, tahun)
    _wajib_bisa_diubah(row["status"] if row else "belum")
    return row


# --- reading ---

def _capaian(df: pd.DataFrame, skala=None) -> pd.DataFrame:
    def nilai(x):
        return None if x is None or pd.isna(x) else float(x)

    cap = [hitung_capaian(nilai(t), nilai(r), p, nilai(ta) if p == "rentang" else None)
           for t, ta, r, p in zip(df["target"], df["target_atas"], df["realisasi"],
                                  df["polaritas"])]
    return df.assign(capaian=pd.array(cap, dtype="Float64"),
                     kategori=[kategori(c, skala) for c in cap])


def daftar_isian(con: Con, pelaku: Pelaku, tahun: int, unit_id: int | None = None,
                 skala=None, resmi: bool = False) -> pd.DataFrame:
    """Indicator entries of a year with target, realisasi (and last year's official one),
    status, capaian.

    A bidang user always gets their own unit; others get `unit_id`, or every unit when None.
    With `resmi`, only verified figures (lkj_core.resmi) and a `keterangan` column.
    """
    wajib(pelaku, "lihat_isian")
    if pelaku.peran == "bidang":
        unit_id = pelaku.unit_id
    df = con.execute(
        "SELECT i.id, i.kode, i.nama, i.satuan, i.polaritas, i.unit_id, u.nama AS unit,"
        " s.kode AS kode_sasaran, s.uraian AS sasaran, tt.target, tt.target_atas,"
        " r.nilai AS realisasi, lalu.nilai AS realisasi_lalu,"
        " coalesce(r.status, 'belum') AS status, coalesce(r.versi, 0) AS versi,"
        " r.diubah_oleh, r.diubah_pada"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN renstra rs ON rs.id = t.renstra_id"
        " JOIN unit_kerja u ON u.id = i.unit_id"
        " LEFT JOIN target_tahunan tt ON tt.indikator_id = i.id AND tt.tahun = ?"
        " LEFT JOIN realisasi r ON r.indikator_id = i.id AND r.tahun = ?"
        " LEFT JOIN realisasi_resmi lalu ON lalu.indikator_id = i.id AND lalu.tahun = ? - 1"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN rs.tahun_awal AND rs.tahun_akhir"
        " AND (? IS NULL OR i.unit_id = ?) ORDER BY s.kode, i.kode",
        [tahun, tahun, tahun, pelaku.instansi_id, tahun, unit_id, unit_id]).df()
    df = _capaian(df, skala)
    return aturan_resmi.saring(df) if resmi else df


def isian(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int) -> dict:
    """One entry with its indicator, target and last year's realisasi (versi 0: not yet saved)."""
    ind = periksa_lihat(con, pelaku, indikator_id)
    row = _entri(con, indikator_id, tahun) or {"status": "belum", "versi": 0}
    tgt = con.execute("SELECT target, target_atas FROM target_tahunan WHERE indikator_id = ?"
                      " AND tahun = ?", [indikator_id, tahun]).fetchone() or (None, None)
    lalu = con.execute("SELECT nilai FROM realisasi_resmi WHERE indikator_id = ? AND tahun = ?",
                       [indikator_id, tahun - 1]).fetchone()
    return {**{k: row.get(k) for k in ("nilai", *TRIWULAN, *KOLOM_NARASI, "status", "versi",
                                       "diubah_oleh", "diubah_pada")},
            "indikator": ind, "target": tgt[0], "target_atas": tgt[1],
            "realisasi_lalu": lalu[0] if lalu else None}


def narasi_tahun(con: Con, pelaku: Pelaku, tahun: int, resmi: bool = False) -> dict[int, dict]:
    """indikator_id -> the Bab III narratives of a year, for every entry the actor may see
    (with `resmi`, of verified entries only)."""
    wajib(pelaku, "lihat_isian")
    unit = pelaku.unit_id if pelaku.peran == "bidang" else None
    kolom = ", ".join(f"r.{k}" for k in KOLOM_NARASI)
    sumber = "realisasi_resmi" if resmi else "realisasi"
    rows = con.execute(
        f"SELECT r.indikator_id, {kolom} FROM {sumber} r JOIN indikator i ON i.id ="
        " r.indikator_id WHERE i.instansi_id = ? AND r.tahun = ? AND (? IS NULL OR"
        " i.unit_id = ?)", [pelaku.instansi_id, tahun, unit, unit]).fetchall()
    return {r[0]: dict(zip(KOLOM_NARASI, r[1:])) for r in rows}


def riwayat(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int) -> pd.DataFrame:
    """The workflow history of an entry, oldest first."""
    periksa_lihat(con, pelaku, indikator_id)
    return con.execute("SELECT waktu, pelaku, dari, ke, catatan FROM riwayat_isian"
                       " WHERE indikator_id = ? AND tahun = ? ORDER BY id",
                       [indikator_id, tahun]).df()


def alasan_terakhir(con: Con, indikator_id: int, tahun: int) -> str | None:
    """The reason of the latest return/re-open, shown to the bidang user."""
    row = con.execute("SELECT catatan FROM riwayat_isian WHERE indikator_id = ? AND tahun = ?"
                      " AND ke = 'dikembalikan' ORDER BY id DESC LIMIT 1",
                      [indikator_id, tahun]).fetchone()
    return row[0] if row else None


def status_per_unit(con: Con, instansi_id: int, tahun: int,
                    unit_id: int | None = None) -> pd.DataFrame:
    """Per unit: how many entries are in each status (no access check: callers check)."""
    return con.execute(
        "SELECT u.id AS unit_id, u.nama AS unit, count(*) AS jumlah,"
        " count(*) FILTER (WHERE r.status IS NULL) AS belum,"
        " count(*) FILTER (WHERE r.status = 'draft') AS draft,"
        " count(*) FILTER (WHERE r.status = 'diajukan') AS diajukan,"
        " count(*) FILTER (WHERE r.status = 'diverifikasi') AS diverifikasi,"
        " count(*) FILTER (WHERE r.status = 'dikembalikan') AS dikembalikan"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN renstra rs ON rs.id = t.renstra_id"
        " JOIN unit_kerja u ON u.id = i.unit_id"
        " LEFT JOIN realisasi r ON r.indikator_id = i.id AND r.tahun = ?"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN rs.tahun_awal AND rs.tahun_akhir"
        " AND (? IS NULL OR i.unit_id = ?) GROUP BY u.id, u.nama ORDER BY u.nama",
        [tahun, instansi_id, tahun, unit_id, unit_id]).df()


def rekap(con: Con, pelaku: Pelaku, tahun: int) -> pd.DataFrame:
    """Per unit: how many entries are in each status, and the share verified (Kasubag)."""
    wajib(pelaku, "verifikasi_isian")
    df = status_per_unit(con, pelaku.instansi_id, tahun)
    return df.assign(selesai=(df["diverifikasi"] / df["jumlah"]).fillna(0.0))


# --- writing ---

@dataclass
class IsianKinerja:
    """What the form (or an Excel row) sends, texts as typed."""

    nilai: str = ""
    tw: dict[str, str] = field(default_factory=dict)      # "tw1".."tw4" -> text
    narasi: dict[str, str] = field(default_factory=dict)  # KOLOM_NARASI key -> text


def validasi_isian(isi: IsianKinerja, target: float | None) -> dict:
    """Parsed column values, or DataTidakValid with every field's problem."""
    kesalahan: dict[str, str] = {}
    nilai: dict = {}
    for kolom, teks in (("nilai", isi.nilai), *((t, isi.tw.get(t, "")) for t in TRIWULAN)):
        try:
            nilai[kolom] = parse_angka(teks, boleh_kosong=True)
        except AngkaTidakValid as exc:
            kesalahan[kolom] = f"{LABEL_KOLOM[kolom]}: {exc}"
            continue
        if nilai[kolom] is not None and abs(nilai[kolom]) >= NILAI_MAKS:
            # e.g. 1e308: finite, but its capaian overflows and breaks every page showing it.
            kesalahan[kolom] = f"{LABEL_KOLOM[kolom]} terlalu besar (paling banyak 15 angka)."
            continue
        # A negative achievement value only makes sense where the target itself is negative.
        if nilai[kolom] is not None and nilai[kolom] < 0 and not (target is not None
                                                                   and target < 0):
            kesalahan[kolom] = f"{LABEL_KOLOM[kolom]} tidak boleh negatif."
    for kolom in KOLOM_NARASI:
        teks = (isi.narasi.get(kolom) or "").strip()
        if len(teks) > PANJANG_NARASI_MAKS:
            kesalahan[kolom] = (f"{KOLOM_NARASI[kolom]} terlalu panjang (maksimal "
                                f"{PANJANG_NARASI_MAKS} karakter).")
        nilai[kolom] = teks or None
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return nilai


def _tampil(kolom: str, v) -> str:
    if v is None:
        return "(kosong)"
    if kolom in KOLOM_NARASI:
        return f"“{v[:60]}…”" if len(v) > 60 else f"“{v}”"
    return format_nilai(v)


def _tulis(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, data: dict,
           lama: dict | None) -> int:
    _wajib_kolom_tulis(data)
    kolom = [k for k in KOLOM_TULIS if k in data]
    nilai = [data[k] for k in kolom]
    if lama is None:
        con.execute(
            f"INSERT INTO realisasi (indikator_id, tahun, status, versi, diubah_oleh,"
            f" diubah_pada, {', '.join(kolom)}) VALUES (?, ?, 'draft', 1, ?,"
            f" current_localtimestamp(), {', '.join('?' for _ in kolom)})",
            [indikator_id, tahun, pelaku.username, *nilai])
        con.execute("INSERT INTO riwayat_isian (indikator_id, tahun, pelaku, dari, ke, catatan)"
                    " VALUES (?, ?, ?, NULL, 'draft', 'Isian dibuat')",
                    [indikator_id, tahun, pelaku.username])
        versi = 1
    else:
        versi = lama["versi"] + 1
        con.execute(
            f"UPDATE realisasi SET {', '.join(f'{k} = ?' for k in kolom)}, versi = ?,"
            f" diubah_oleh = ?, diubah_pada = current_localtimestamp()"
            f" WHERE indikator_id = ? AND tahun = ?",
            [*nilai, versi, pelaku.username, indikator_id, tahun])
    audit.catat(con, pelaku.username, pelaku.instansi_id, "simpan", "realisasi",
                f"{indikator_id}/{tahun}", None if lama is None else
                {k: lama.get(k) for k in data}, data)
    return versi


def simpan_isian(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, isi: IsianKinerja,
                 versi_dibaca: int, ajukan: bool = False) -> int:
    """Save a draft (and, with `ajukan`, submit it in the same transaction); returns the new
    version. Refuses (KonflikIsian) when the entry changed since the user read version
    `versi_dibaca`, naming what changed and who changed it."""
    # Rights first: a refused user is told so, not which of their values would be wrong.
    periksa_ubah(con, pelaku, indikator_id, tahun)
    target = con.execute("SELECT target FROM target_tahunan WHERE indikator_id = ? AND"
                         " tahun = ?", [indikator_id, tahun]).fetchone()
    data = validasi_isian(isi, target[0] if target else None)

    def tulis() -> int:
        with transaksi(con):
            lama = periksa_ubah(con, pelaku, indikator_id, tahun)
            versi_kini = lama["versi"] if lama else 0
            if versi_kini != versi_dibaca:
                beda = [f"{LABEL_KOLOM[k]}: {_tampil(k, lama.get(k))}" for k in data
                        if lama and lama.get(k) != data[k]]
                raise KonflikIsian(
                    f"Isian ini sudah disimpan oleh {lama['diubah_oleh']} pada "
                    f"{lama['diubah_pada']:%d-%m-%Y %H:%M} setelah Anda membukanya, jadi "
                    "simpanan Anda ditolak agar tidak menimpa. Nilai yang tersimpan sekarang — "
                    + ("; ".join(beda) if beda else "sama dengan isian Anda")
                    + ". Isian Anda masih di formulir: muat ulang versi terbaru lalu sesuaikan.",
                    "_")
            versi = _tulis(con, pelaku, indikator_id, tahun, data, lama)
            if ajukan:
                _ubah_status(con, pelaku, indikator_id, tahun, "ajukan")
                versi += 1
        return versi

    return _tanpa_bentrok(tulis)


def ubah_status(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, aksi: str,
                catatan: str = "") -> str:
    """Submit, verify, return or re-open an entry; recorded in its history and the audit log."""
    periksa_lihat(con, pelaku, indikator_id)

    def tulis() -> str:
        with transaksi(con):
            return _ubah_status(con, pelaku, indikator_id, tahun, aksi, catatan)

    return _tanpa_bentrok(tulis)


def _ubah_status(con: Con, pelaku: Pelaku, indikator_id: int, tahun: int, aksi: str,
                 catatan: str = "") -> str:
    lama = _entri(con, indikator_id, tahun)
    status = lama["status"] if lama else "belum"
    baru = transisi(status, aksi, pelaku.peran, catatan)
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    if aksi == "ajukan":
        periksa_ubah(con, pelaku, indikator_id, tahun)
        kurang = [LABEL_KOLOM[k] for k in ("nilai", "analisis_penyebab")
                  if not lama or lama.get(k) in (None, "")]
        if kurang:
            raise DataTidakValid("Belum lengkap untuk diajukan: " + ", ".join(kurang) + ".",
                                 "status")
    con.execute("UPDATE realisasi SET status = ?, versi = versi + 1, diubah_oleh = ?,"
                " diubah_pada = current_localtimestamp() WHERE indikator_id = ? AND tahun = ?",
                [baru, pelaku.username, indikator_id, tahun])
    con.execute("INSERT INTO riwayat_isian (indikator_id, tahun, pelaku, dari, ke, catatan)"
                " VALUES (?, ?, ?, ?, ?, ?)", [indikator_id, tahun, pelaku.username,
                                               status, baru, (catatan or "").strip() or None])
    audit.catat(con, pelaku.username, pelaku.instansi_id, aksi, "realisasi",
                f"{indikator_id}/{tahun}", {"status": status},
                {"status": baru, "catatan": (catatan or "").strip() or None})
    return baru


def impor_isian(con: Con, pelaku: Pelaku, tahun: int, baris: list) -> int:
    """Apply parsed Excel rows (objects with `indikator_id` and `nilai`, the validated values)
    all or nothing, in one transaction; empty cells leave stored values as they are.

    Returns how many entries changed. Any refused row (other unit, locked entry) rolls back
    everything and raises DataTidakValid naming the row.
    """
    wajib(pelaku, "isi_kinerja")

    # Retrying a lost import is what running it a moment later would do: rows are re-read
    # and re-checked (a row locked meanwhile refuses the whole import).
    def tulis() -> int:
        with transaksi(con):
            berubah = _impor_sekaligus(con, pelaku, tahun, baris)
            audit.catat(con, pelaku.username, pelaku.instansi_id, "impor_excel", "realisasi",
                        tahun, None, {"baris": len(baris), "berubah": berubah})
        return berubah

    return _tanpa_bentrok(tulis)


def _impor_sekaligus(con: Con, pelaku: Pelaku, tahun: int, baris: list) -> int:
    """The rows of an import as a few set-based statements (inside the caller's transaction):
    the same checks, writes, history and one audit row per entry as `_tulis`, without a
    round trip per row (1,000 rows: `make bench`)."""
    isi = [(b, {k: v for k, v in b.nilai.items() if v is not None}) for b in baris]
    isi = [(b, d) for b, d in isi if d]
    if not isi:
        return 0
    penguncian.wajib_terbuka(con, pelaku.instansi_id, tahun)
    for _, d in isi:
        _wajib_kolom_tulis(d)
    ids = [int(b.indikator_id) for b, _ in isi]
    ind = {r[0]: r[1] for r in con.execute(
        "SELECT id, unit_id FROM indikator WHERE instansi_id = ? AND id IN"
        " (SELECT unnest(?::INTEGER[]))", [pelaku.instansi_id, ids]).fetchall()}
    kolom_lama = ["indikator_id", "status", "versi", *KOLOM_TULIS]
    lama = {r[0]: dict(zip(kolom_lama, r)) for r in con.execute(
        f"SELECT {', '.join(kolom_lama)} FROM realisasi WHERE tahun = ? AND indikator_id IN"
        " (SELECT unnest(?::INTEGER[]))", [tahun, ids]).fetchall()}
    for b, _ in isi:   # the checks of periksa_ubah, on rows read in two queries
        try:
            if b.indikator_id not in ind:
                raise DataTidakValid(_TIDAK_DITEMUKAN)
            _wajib_unit_sendiri(pelaku, ind[b.indikator_id])
            _wajib_bisa_diubah((lama.get(b.indikator_id) or {}).get("status", "belum"))
        except (DataTidakValid, AksesDitolak) as exc:
            raise DataTidakValid(f"Baris {b.baris} ({b.kode}): {exc}", "_") from None
    if len(set(ids)) != len(ids):
        raise DataTidakValid("Satu indikator muncul di lebih dari satu baris.", "_")

    # Missing columns stay NULL in the frame and `coalesce` keeps the stored value: an empty
    # cell never erases (the rule of `_tulis`'s column list).
    angka = ("nilai", *TRIWULAN)
    df = pd.DataFrame({
        "indikator_id": pd.array(ids, dtype="Int64"),
        "baru": [b.indikator_id not in lama for b, _ in isi],
        **{k: pd.array([d.get(k) for _, d in isi], dtype="Float64") for k in angka},
        **{k: pd.Series([d.get(k) for _, d in isi], dtype=object) for k in KOLOM_NARASI},
    })
    # DuckDB reads the local frame `impor_df` by its name (a replacement scan): no
    # register/unregister, which would fail inside a transaction a conflict has aborted and
    # hide the conflict that the retry needs to see.
    impor_df = df  # noqa: F841 - read by name in the SQL below
    kolom = ", ".join(KOLOM_TULIS)
    con.execute(
        f"INSERT INTO realisasi (indikator_id, tahun, status, versi, diubah_oleh,"
        f" diubah_pada, {kolom}) SELECT indikator_id, ?, 'draft', 1, ?,"
        f" current_localtimestamp(), {kolom} FROM impor_df WHERE baru",
        [tahun, pelaku.username])
    con.execute(
        "INSERT INTO riwayat_isian (indikator_id, tahun, pelaku, dari, ke, catatan)"
        " SELECT indikator_id, ?, ?, NULL, 'draft', 'Isian dibuat' FROM impor_df WHERE baru",
        [tahun, pelaku.username])
    setel = ", ".join(f"{k} = coalesce(d.{k}, r.{k})" for k in KOLOM_TULIS)
    con.execute(
        f"UPDATE realisasi r SET {setel}, versi = r.versi + 1, diubah_oleh = ?,"
        f" diubah_pada = current_localtimestamp() FROM impor_df d"
        f" WHERE NOT d.baru AND r.indikator_id = d.indikator_id AND r.tahun = ?",
        [pelaku.username, tahun])
    jejak = pd.DataFrame({
        "instansi_id": pelaku.instansi_id, "pelaku": pelaku.username, "aksi": "simpan",
        "tabel": "realisasi", "kunci": [f"{b.indikator_id}/{tahun}" for b, _ in isi],
        "lama": [None if b.indikator_id not in lama else
                 audit.json_nilai({k: lama[b.indikator_id].get(k) for k in d}) for b, d in isi],
        "baru": [audit.json_nilai(d) for _, d in isi]})
    audit.catat_banyak(con, jejak)
    return len(isi)


# --- budget realisation of the unit's PK lines ---

def daftar_anggaran(con: Con, pelaku: Pelaku, tahun: int) -> pd.DataFrame:
    """PK program lines of the actor's unit (all units for non-bidang roles) with serapan."""
    wajib(pelaku, "lihat_isian")
    unit = pelaku.unit_id if pelaku.peran == "bidang" else None
    return con.execute(
        "SELECT p.id, p.kode, p.uraian, u.nama AS unit, p.pagu::DOUBLE AS pagu,"
        " p.realisasi::DOUBLE AS realisasi,"
        " CASE WHEN p.pagu > 0 AND p.realisasi IS NOT NULL"
        "   THEN p.realisasi::DOUBLE / p.pagu::DOUBLE * 100 END AS serapan"
        " FROM pk_program p LEFT JOIN unit_kerja u ON u.id = p.unit_id"
        " WHERE p.instansi_id = ? AND p.tahun = ? AND (? IS NULL OR p.unit_id = ?)"
        " ORDER BY p.kode", [pelaku.instansi_id, tahun, unit, unit]).df()


def simpan_realisasi_anggaran(con: Con, pelaku: Pelaku, program_id: int, teks: str) -> None:
    """A bidang user records the rupiah realisation of one of their unit's PK lines."""
    wajib(pelaku, "isi_kinerja")
    lama = audit.baris(con, "SELECT * FROM pk_program WHERE id = ? AND instansi_id = ?",
                       [program_id, pelaku.instansi_id])
    if lama is None:
        raise DataTidakValid("Baris program tidak ditemukan.")
    if pelaku.peran == "bidang" and lama["unit_id"] != pelaku.unit_id:
        raise AksesDitolak("Program ini milik unit lain.")
    penguncian.wajib_terbuka(con, pelaku.instansi_id, lama["tahun"])
    try:
        nilai = parse_angka(teks, boleh_kosong=True)
    except AngkaTidakValid as exc:
        raise DataTidakValid(f"Realisasi anggaran: {exc}", "realisasi") from None
    if nilai is not None and nilai < 0:
        raise DataTidakValid("Realisasi anggaran tidak boleh negatif.", "realisasi")
    if nilai is not None and nilai > float(lama["pagu"]):
        raise DataTidakValid("Realisasi anggaran melebihi pagu.", "realisasi")
    with transaksi(con):
        con.execute("UPDATE pk_program SET realisasi = ? WHERE id = ?", [nilai, program_id])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pk_program", program_id,
                    {"realisasi": lama["realisasi"]}, {"realisasi": nilai})
