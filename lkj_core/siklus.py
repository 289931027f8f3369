"""The SOP Penyusunan Laporan Kinerja as a live, recorded process: one cycle per year, its
13 steps acted on in order by their actor roles, timed against their mutu baku."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

import pandas as pd

from lkj_core import audit, sop, waktu_kerja
from lkj_core.db import Con, transaksi
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import LABEL_PERAN, AksesDitolak, Pelaku, wajib

STATUS_LANGKAH = {"belum": "Belum", "berjalan": "Berjalan", "selesai": "Selesai"}


@dataclass(frozen=True)
class Isian:
    """One field of a step-specific record."""

    kunci: str
    label: str
    jenis: str = "teks"          # teks | teks_panjang | tanggal | url
    wajib: bool = True


# Step-specific records (numbers as in the Wonosobo SOP). Every step also needs `referensi`:
# the kelengkapan on record (letter number, document name, ...), and takes a note.
ISIAN_LANGKAH: dict[int, tuple[Isian, ...]] = {
    4: (Isian("tanggal_rapat", "Tanggal rapat", "tanggal"),
        Isian("tempat", "Tempat rapat"),
        Isian("undangan", "Yang diundang (Inspektur dan pejabat eselon III)", "teks_panjang")),
    5: (Isian("notulen", "Notulen rapat", "teks_panjang"),
        Isian("kesepakatan", "Poin-poin yang disepakati", "teks_panjang")),
    11: (Isian("tanggal_tandatangan", "Tanggal penandatanganan laporan", "tanggal"),),
    12: (Isian("nomor_surat", "Nomor surat pengantar"),
         Isian("tanggal_surat", "Tanggal surat pengantar", "tanggal")),
    13: (Isian("tanggal_unggah", "Tanggal unggah ke ESR Kemenpan", "tanggal"),
         Isian("url_publikasi", "Alamat (URL) publikasi di situs web", "url")),
}
LABEL_REFERENSI = {
    1: "Nomor dan tanggal surat disposisi",
    5: "Nomor/berkas notulen rapat",
    9: "Catatan koreksi (nomor atau ringkasan)",
    13: "Tanda terima unggah ESR (nomor/referensi)",
}
LANGKAH_PENGHIMPUNAN = 6     # gathering the bidang data: checks the intake progress
LANGKAH_TANDATANGAN = 11     # signing: the report becomes "disetujui"


def label_referensi(no: int, kelengkapan: str) -> str:
    """The label of a step's kelengkapan reference field."""
    return LABEL_REFERENSI.get(no, f"Referensi kelengkapan: {kelengkapan}")


def status_langkah(mulai, selesai) -> str:
    """belum / berjalan / selesai from a step's start and finish times."""
    if ada(selesai):
        return "selesai"
    return "berjalan" if ada(mulai) else "belum"


def ada(x) -> bool:
    """Whether a nullable value from a DataFrame row is present (not None, NaN or NaT)."""
    return x is not None and not (isinstance(x, float) and x != x) and not pd.isna(x)


def _sekarang() -> dt.datetime:
    return waktu_kerja.sekarang()


def _waktu(waktu: dt.datetime | None, label: str) -> dt.datetime:
    w = waktu or _sekarang()
    if w > _sekarang() + dt.timedelta(minutes=1):
        raise DataTidakValid(f"{label} tidak boleh di masa depan.", "waktu")
    return w


def periksa_pelaku(pelaksana: str, pelaku: Pelaku, alasan: str | None) -> str | None:
    """Only the step's actor acts on it; admin may act for any role with a reason (returned)."""
    if pelaku.peran == pelaksana:
        return None
    if pelaku.peran == "admin":
        if not (alasan or "").strip():
            raise DataTidakValid(f"Admin bertindak atas nama {LABEL_PERAN[pelaksana]}: alasan "
                                 "wajib diisi.", "alasan")
        return alasan.strip()
    raise AksesDitolak(f"Langkah ini dilaksanakan oleh {LABEL_PERAN[pelaksana]}.")


# --- reading ---

def siklus_tahun(con: Con, instansi_id: int, tahun: int) -> dict | None:
    """The cycle of a year, or None."""
    return audit.baris(con, "SELECT * FROM siklus WHERE instansi_id = ? AND tahun = ?",
                       [instansi_id, tahun])


def sekarang_jakarta() -> dt.datetime:
    """Now, in office (Jakarta) time, as the cycle records it."""
    return _sekarang()


def siklus_tahun_id(con: Con, pelaku: Pelaku, siklus_id: int) -> dict:
    """The actor's instansi's cycle by id (DataTidakValid when not theirs or absent)."""
    return _siklus(con, pelaku, siklus_id)


def periksa_bisa_selesai(con: Con, pelaku: Pelaku, siklus_id: int, no: int,
                         alasan: str | None = None) -> None:
    """Raise unless the actor may finish step `no` now (started, not finished, their role)."""
    row = _baris_langkah(con, siklus_id, no)
    periksa_pelaku(row["pelaksana"], pelaku, alasan)
    if row["mulai"] is None:
        raise DataTidakValid(f"Langkah {no} belum dimulai.")
    if row["selesai"] is not None:
        raise DataTidakValid(f"Langkah {no} sudah selesai.")


def _siklus(con: Con, pelaku: Pelaku, siklus_id: int) -> dict:
    row = audit.baris(con, "SELECT * FROM siklus WHERE id = ? AND instansi_id = ?",
                      [siklus_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid("Siklus tidak ditemukan.")
    return row


def langkah(con: Con, siklus_id: int, kal: waktu_kerja.Kalender | None = None,
            sekarang: dt.datetime | None = None) -> pd.DataFrame:
    """The cycle's steps with status and timeliness (aktual, terlambat, selisih, teks)."""
    df = con.execute("SELECT * FROM siklus_langkah WHERE siklus_id = ? ORDER BY no",
                     [siklus_id]).df()
    kal = kal or waktu_kerja.Kalender.baku()
    sekarang = sekarang or _sekarang()
    status, aktual, terlambat, selisih, teks = [], [], [], [], []
    for r in df.itertuples():
        s = status_langkah(r.mulai, r.selesai)
        status.append(s)
        if s == "belum":
            aktual.append(None), terlambat.append(None), selisih.append(None), teks.append("")
            continue
        k = (_ketepatan_selesai(r.mulai.to_pydatetime(), r.selesai.to_pydatetime(),
                                int(r.waktu), r.satuan_waktu, kal) if s == "selesai" else
             waktu_kerja.ketepatan(r.mulai.to_pydatetime(), None, int(r.waktu),
                                   r.satuan_waktu, kal, sekarang))
        aktual.append(k.aktual), terlambat.append(k.terlambat)
        selisih.append(k.selisih), teks.append(k.teks)
    return df.assign(status=status, aktual=aktual, terlambat=terlambat, selisih=selisih,
                     ketepatan=teks)


@functools.lru_cache(maxsize=8192)
def _ketepatan_selesai(mulai: dt.datetime, selesai: dt.datetime, waktu: int, satuan: str,
                       kal: waktu_kerja.Kalender) -> waktu_kerja.Ketepatan:
    # A finished step's timeliness depends only on these (the calendar compares by value).
    return waktu_kerja.ketepatan(mulai, selesai, waktu, satuan, kal)


def langkah_aktif(df: pd.DataFrame) -> int | None:
    """Number of the first step not yet finished (None when the cycle is complete)."""
    belum = df[df["status"] != "selesai"]
    return None if belum.empty else int(belum["no"].iloc[0])


def kejadian(con: Con, siklus_id: int) -> pd.DataFrame:
    """Everything that happened in the cycle, in order."""
    return con.execute("SELECT no, waktu, dicatat_pada, pelaku, peran, aksi, alasan, catatan"
                       " FROM siklus_kejadian WHERE siklus_id = ? ORDER BY id", [siklus_id]).df()


# --- acting ---

def buka_siklus(con: Con, pelaku: Pelaku, tahun: int, referensi: str = "",
                waktu: dt.datetime | None = None, alasan: str | None = None) -> int:
    """The Inspektur opens the year's cycle: step 1 (disposisi) starts now, with a copy of the
    SOP revision in force."""
    wajib(pelaku, "buka_siklus")
    atas_nama = periksa_pelaku("inspektur", pelaku, alasan)
    w = _waktu(waktu, "Waktu disposisi")
    if siklus_tahun(con, pelaku.instansi_id, tahun):
        raise DataTidakValid(f"Siklus tahun {tahun} sudah dibuka.", "tahun")
    rev = sop.revisi_berlaku(con, pelaku.instansi_id, w.date())
    if rev is None:
        raise DataTidakValid("Belum ada revisi SOP yang berlaku.")
    with transaksi(con):
        sid = con.execute(
            "INSERT INTO siklus (instansi_id, tahun, revisi_id, dibuka_oleh, dibuka_pada)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [pelaku.instansi_id, tahun, rev["id"], pelaku.username, w]).fetchone()[0]
        con.execute(
            "INSERT INTO siklus_langkah (siklus_id, no, uraian, pelaksana, kelengkapan, waktu,"
            " satuan_waktu, output, keterangan) SELECT ?, no, uraian, pelaksana, kelengkapan,"
            " waktu, satuan_waktu, output, keterangan FROM sop_langkah WHERE revisi_id = ?",
            [sid, rev["id"]])
        _catat_mulai(con, pelaku, sid, 1, w, atas_nama, (referensi or "").strip() or None)
        audit.catat(con, pelaku.username, pelaku.instansi_id, "buka", "siklus", sid, None,
                    {"tahun": tahun, "revisi": rev["nomor"], "waktu": w,
                     "referensi": (referensi or "").strip() or None})
    return sid


def _catat_mulai(con, pelaku, sid, no, w, atas_nama, catatan=None):
    con.execute("UPDATE siklus_langkah SET mulai = ?, dimulai_oleh = ? WHERE siklus_id = ?"
                " AND no = ?", [w, pelaku.username, sid, no])
    con.execute("INSERT INTO siklus_kejadian (siklus_id, no, waktu, pelaku, peran, aksi,"
                " alasan, catatan) VALUES (?, ?, ?, ?, ?, 'mulai', ?, ?)",
                [sid, no, w, pelaku.username, pelaku.peran, atas_nama, catatan])


def _baris_langkah(con: Con, sid: int, no: int) -> dict:
    row = audit.baris(con, "SELECT * FROM siklus_langkah WHERE siklus_id = ? AND no = ?",
                      [sid, no])
    if row is None:
        raise DataTidakValid(f"Langkah {no} tidak ada.")
    return row


def mulai_langkah(con: Con, pelaku: Pelaku, siklus_id: int, no: int,
                  waktu: dt.datetime | None = None, alasan: str | None = None) -> None:
    """The step's actor starts it, after the previous step has finished."""
    _siklus(con, pelaku, siklus_id)
    with transaksi(con):
        row = _baris_langkah(con, siklus_id, no)
        atas_nama = periksa_pelaku(row["pelaksana"], pelaku, alasan)
        if row["mulai"] is not None:
            raise DataTidakValid(f"Langkah {no} sudah dimulai.")
        w = _waktu(waktu, "Waktu mulai")
        if no > 1:
            sebelum = _baris_langkah(con, siklus_id, no - 1)
            if sebelum["selesai"] is None:
                raise DataTidakValid(f"Langkah {no - 1} belum selesai: langkah berjalan "
                                     "berurutan.")
            if w < sebelum["selesai"]:
                raise DataTidakValid(f"Waktu mulai tidak boleh sebelum langkah {no - 1} selesai "
                                     f"({sebelum['selesai']:%d-%m-%Y %H:%M}).", "waktu")
        _catat_mulai(con, pelaku, siklus_id, no, w, atas_nama)
        audit.catat(con, pelaku.username, pelaku.instansi_id, "mulai", "siklus_langkah",
                    f"{siklus_id}/{no}", None, {"mulai": w, "atas_nama": atas_nama})


def validasi_data(no: int, data: dict) -> dict:
    """The step-specific record, checked; DataTidakValid names each missing/bad field."""
    hasil, kesalahan = {}, {}
    for f in ISIAN_LANGKAH.get(no, ()):
        v = data.get(f.kunci)
        if isinstance(v, str):
            v = v.strip()
        if v in (None, ""):
            if f.wajib:
                kesalahan[f.kunci] = f"{f.label} wajib diisi."
            continue
        if f.jenis == "tanggal":
            if not isinstance(v, dt.date):
                try:
                    v = dt.date.fromisoformat(str(v))
                except ValueError:
                    kesalahan[f.kunci] = f"{f.label}: tanggal tidak valid."
                    continue
            v = v.isoformat()
        if f.jenis == "url" and not str(v).lower().startswith(("https://", "http://")):
            kesalahan[f.kunci] = f"{f.label} harus diawali https:// atau http://."
            continue
        hasil[f.kunci] = v
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return hasil


def unit_belum_mengajukan(con: Con, pelaku: Pelaku, tahun: int) -> list[str]:
    """Units with entries of `tahun` not yet submitted or verified (for step 6)."""
    wajib(pelaku, "lihat_siklus")
    df = con.execute(
        "SELECT u.nama FROM indikator i JOIN unit_kerja u ON u.id = i.unit_id"
        " JOIN sasaran s ON s.id = i.sasaran_id JOIN tujuan t ON t.id = s.tujuan_id"
        " JOIN renstra rs ON rs.id = t.renstra_id"
        " LEFT JOIN realisasi r ON r.indikator_id = i.id AND r.tahun = ?"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN rs.tahun_awal AND rs.tahun_akhir"
        " AND coalesce(r.status, 'belum') NOT IN ('diajukan', 'diverifikasi')"
        " GROUP BY u.nama ORDER BY u.nama", [tahun, pelaku.instansi_id, tahun]).fetchall()
    return [r[0] for r in df]


def selesaikan_langkah(con: Con, pelaku: Pelaku, siklus_id: int, no: int, referensi: str,
                       catatan: str = "", data: dict | None = None,
                       waktu: dt.datetime | None = None, alasan: str | None = None,
                       tetap_selesai: bool = False, sebelum_selesai=None) -> None:
    """The step's actor finishes it with its kelengkapan on record (and step-specific data).

    Step 11 (signing) is finished only through `arsip.tandatangani`, which passes
    `sebelum_selesai`: it stores the signed copy in this same transaction."""
    sik = _siklus(con, pelaku, siklus_id)
    if no == LANGKAH_TANDATANGAN and sebelum_selesai is None:
        raise DataTidakValid("Langkah 11 diselesaikan dengan menandatangani laporan (tombol "
                             "Tandatangani laporan), yang memeriksa kelengkapan data, reviu "
                             "dan pejabat penandatangan lebih dulu.")
    with transaksi(con):
        row = _baris_langkah(con, siklus_id, no)
        atas_nama = periksa_pelaku(row["pelaksana"], pelaku, alasan)
        if row["mulai"] is None:
            raise DataTidakValid(f"Langkah {no} belum dimulai.")
        if row["selesai"] is not None:
            raise DataTidakValid(f"Langkah {no} sudah selesai.")
        w = _waktu(waktu, "Waktu selesai")
        if w < row["mulai"]:
            raise DataTidakValid("Waktu selesai tidak boleh sebelum waktu mulai "
                                 f"({row['mulai']:%d-%m-%Y %H:%M}).", "waktu")
        kesalahan = {}
        berkas = con.execute("SELECT count(*) FROM lampiran_langkah WHERE siklus_id = ? AND"
                             " no = ?", [siklus_id, no]).fetchone()[0]
        if not (referensi or "").strip() and not berkas:
            kesalahan["referensi"] = (f"Kelengkapan wajib dicatat — isi "
                                      f"{label_referensi(no, row['kelengkapan'])} atau "
                                      "lampirkan berkasnya.")
        try:
            isi = validasi_data(no, data or {})
        except DataTidakValid as exc:
            kesalahan.update(exc.kesalahan)
            isi = {}
        if kesalahan:
            raise DataTidakValid(kesalahan=kesalahan)
        catatan = (catatan or "").strip() or None
        if no == LANGKAH_PENGHIMPUNAN:
            kurang = unit_belum_mengajukan(con, pelaku, sik["tahun"])
            if kurang and not tetap_selesai:
                raise DataTidakValid("Unit yang belum mengajukan isian: " + ", ".join(kurang)
                                     + ". Centang konfirmasi untuk tetap menyelesaikan.",
                                     "unit_belum")
            if kurang:
                isi["unit_belum_mengajukan"] = kurang
        con.execute("UPDATE siklus_langkah SET selesai = ?, diselesaikan_oleh = ?, referensi = ?,"
                    " catatan = ?, data = ? WHERE siklus_id = ? AND no = ?",
                    [w, pelaku.username, (referensi or "").strip() or None, catatan,
                     json.dumps(isi, ensure_ascii=False) if isi else None, siklus_id, no])
        if no == LANGKAH_TANDATANGAN:
            con.execute("UPDATE siklus SET status_laporan = 'disetujui' WHERE id = ?",
                        [siklus_id])
            sebelum_selesai(con)
        con.execute("INSERT INTO siklus_kejadian (siklus_id, no, waktu, pelaku, peran, aksi,"
                    " alasan, catatan) VALUES (?, ?, ?, ?, ?, 'selesai', ?, ?)",
                    [siklus_id, no, w, pelaku.username, pelaku.peran, atas_nama, catatan])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "selesai", "siklus_langkah",
                    f"{siklus_id}/{no}", None, {"selesai": w, "referensi": referensi,
                                                "catatan": catatan, "data": isi,
                                                "atas_nama": atas_nama})


def batalkan_selesai(con: Con, pelaku: Pelaku, siklus_id: int, no: int, alasan: str) -> None:
    """Kasubag/admin reopen a finished step (before the next one started), with a reason."""
    wajib(pelaku, "batal_langkah")
    _siklus(con, pelaku, siklus_id)
    if not (alasan or "").strip():
        raise DataTidakValid("Alasan pembatalan wajib diisi.", "alasan")
    if no == LANGKAH_TANDATANGAN:
        raise DataTidakValid("Laporan yang sudah ditandatangani tidak dibatalkan dari sini: "
                             "Inspektur membukanya kembali dengan alasan di menu Ekspor "
                             "Laporan (salinan bertanda tangan tetap tersimpan).")
    with transaksi(con):
        row = _baris_langkah(con, siklus_id, no)
        if row["selesai"] is None:
            raise DataTidakValid(f"Langkah {no} belum selesai.")
        nxt = audit.baris(con, "SELECT mulai FROM siklus_langkah WHERE siklus_id = ? AND no = ?",
                          [siklus_id, no + 1])
        if nxt and nxt["mulai"] is not None:
            raise DataTidakValid(f"Langkah {no + 1} sudah dimulai; batalkan dari langkah "
                                 "terakhir.")
        con.execute("UPDATE siklus_langkah SET selesai = NULL, diselesaikan_oleh = NULL"
                    " WHERE siklus_id = ? AND no = ?", [siklus_id, no])
        if no == LANGKAH_TANDATANGAN:
            con.execute("UPDATE siklus SET status_laporan = 'draf' WHERE id = ?", [siklus_id])
        con.execute("INSERT INTO siklus_kejadian (siklus_id, no, waktu, pelaku, peran, aksi,"
                    " alasan) VALUES (?, ?, ?, ?, ?, 'batal_selesai', ?)",
                    [siklus_id, no, _sekarang(), pelaku.username, pelaku.peran, alasan.strip()])
        audit.catat(con, pelaku.username, pelaku.instansi_id, "batal_selesai", "siklus_langkah",
                    f"{siklus_id}/{no}", {"selesai": row["selesai"]},
                    {"selesai": None, "alasan": alasan.strip()})


def buka_kembali_penandatanganan(con: Con, pelaku: Pelaku, siklus_id: int, alasan: str,
                                 waktu: dt.datetime) -> None:
    """Within the caller's transaction (arsip.buka_kembali): the report is a draft again,
    step 11 is running again and steps 12–13 are undone, each undo recorded with the reason."""
    for no in range(LANGKAH_TANDATANGAN, 14):
        row = audit.baris(con, "SELECT mulai, selesai FROM siklus_langkah WHERE siklus_id = ?"
                               " AND no = ?", [siklus_id, no])
        if row is None or row["mulai"] is None:
            continue
        if no == LANGKAH_TANDATANGAN:
            con.execute("UPDATE siklus_langkah SET selesai = NULL, diselesaikan_oleh = NULL"
                        " WHERE siklus_id = ? AND no = ?", [siklus_id, no])
        else:
            con.execute("UPDATE siklus_langkah SET mulai = NULL, dimulai_oleh = NULL,"
                        " selesai = NULL, diselesaikan_oleh = NULL WHERE siklus_id = ? AND"
                        " no = ?", [siklus_id, no])
        con.execute("INSERT INTO siklus_kejadian (siklus_id, no, waktu, pelaku, peran, aksi,"
                    " alasan) VALUES (?, ?, ?, ?, ?, 'batal_selesai', ?)",
                    [siklus_id, no, waktu, pelaku.username, pelaku.peran, alasan])
    con.execute("UPDATE siklus SET status_laporan = 'draf' WHERE id = ?", [siklus_id])
    audit.catat(con, pelaku.username, pelaku.instansi_id, "buka_kembali", "siklus",
                siklus_id, {"status_laporan": "disetujui"},
                {"status_laporan": "draf", "alasan": alasan})


# --- attachments (a file as the step's kelengkapan) ---

def lampirkan(con: Con, pelaku: Pelaku, siklus_id: int, no: int, nama: str, data: bytes,
              alasan: str | None = None, folder=None) -> int:
    """The step's actor attaches a file (PDF, JPG, PNG, XLSX, DOCX) while the step runs."""
    from lkj_core import bukti

    _siklus(con, pelaku, siklus_id)
    row = _baris_langkah(con, siklus_id, no)
    periksa_pelaku(row["pelaksana"], pelaku, alasan)
    if row["mulai"] is None or row["selesai"] is not None:
        raise DataTidakValid("Berkas hanya dapat dilampirkan pada langkah yang sedang berjalan.")
    with bukti._KUNCI_BERKAS:
        isi = bukti.simpan_isi(data, nama, folder)
        try:
            with transaksi(con):
                lid = con.execute(
                    "INSERT INTO lampiran_langkah (siklus_id, no, nama_berkas, jenis, ukuran,"
                    " sha256, diunggah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    [siklus_id, no, isi["nama_berkas"], isi["jenis"], isi["ukuran"],
                     isi["sha256"], pelaku.username]).fetchone()[0]
                audit.catat(con, pelaku.username, pelaku.instansi_id, "unggah",
                            "lampiran_langkah", lid, None, {"siklus_id": siklus_id, "no": no,
                                                            **isi})
        except BaseException:
            bukti.buang_jika_yatim(con, isi["sha256"], folder)
            raise
    return lid


def daftar_lampiran(con: Con, pelaku: Pelaku, siklus_id: int) -> pd.DataFrame:
    """Files attached to the cycle's steps."""
    wajib(pelaku, "lihat_siklus")
    _siklus(con, pelaku, siklus_id)
    return con.execute("SELECT id, no, nama_berkas, jenis, ukuran, diunggah_oleh, diunggah_pada"
                       " FROM lampiran_langkah WHERE siklus_id = ? ORDER BY no, id",
                       [siklus_id]).df()


def baca_lampiran(con: Con, pelaku: Pelaku, lampiran_id: int, folder=None):
    """Download name, MIME type and verified bytes of an attachment of the actor's instansi."""
    from lkj_core import bukti

    wajib(pelaku, "lihat_siklus")
    row = audit.baris(con, "SELECT l.* FROM lampiran_langkah l JOIN siklus s ON s.id ="
                      " l.siklus_id WHERE l.id = ? AND s.instansi_id = ?",
                      [lampiran_id, pelaku.instansi_id])
    if row is None:
        raise DataTidakValid("Lampiran tidak ditemukan.")
    return bukti.baca_isi(row, folder)


# --- overview ---

def rekap_siklus(con: Con, instansi_id: int, kal=None, sekarang=None) -> pd.DataFrame:
    """Every cycle of the instansi: standard vs actual totals (minutes and working days) and
    the number of late steps, newest year first.

    One query for all steps, plain tuples, and finished steps' timeliness memoised (it never
    changes): the Dasbor shows this for every past year on each view (`make bench`)."""
    kal = kal or waktu_kerja.Kalender.baku()
    sekarang = sekarang or _sekarang()
    siklus_ = con.execute("SELECT id, tahun, status_laporan FROM siklus WHERE instansi_id = ?"
                          " ORDER BY tahun DESC", [instansi_id]).fetchall()
    per: dict[int, list] = {sid: [] for sid, _, _ in siklus_}
    for sid, mulai, selesai, waktu, satuan in con.execute(
            "SELECT siklus_id, mulai, selesai, waktu, satuan_waktu FROM siklus_langkah"
            " WHERE siklus_id IN (SELECT id FROM siklus WHERE instansi_id = ?)",
            [instansi_id]).fetchall():
        per[sid].append((mulai, selesai, int(waktu), satuan))
    rows = []
    for sid, tahun, status in siklus_:
        r = {"tahun": tahun, "status_laporan": status, "selesai": 0, "jumlah": len(per[sid]),
             "baku_menit": 0, "aktual_menit": 0.0, "baku_hari": 0, "aktual_hari": 0.0,
             "terlambat": 0}
        for mulai, selesai, waktu, satuan in per[sid]:
            r["baku_" + satuan] += waktu
            if mulai is None:
                continue
            if selesai is not None:
                r["selesai"] += 1
                k = _ketepatan_selesai(mulai, selesai, waktu, satuan, kal)
            else:
                k = waktu_kerja.ketepatan(mulai, None, waktu, satuan, kal, sekarang)
            r["aktual_" + satuan] += k.aktual
            r["terlambat"] += bool(k.terlambat)
        rows.append(r)
    return pd.DataFrame(rows, columns=["tahun", "status_laporan", "selesai", "jumlah",
                                       "baku_menit", "aktual_menit", "baku_hari", "aktual_hari",
                                       "terlambat"])
