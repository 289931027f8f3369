"""The signing gate: everything that must be true before the Inspektur may sign a year's
report (step 11), as a list of gaps, each with the unit concerned and who must act. The same
list is the refusal message, the Beranda/Alur SOP checklist and the warning counter."""

from __future__ import annotations

from dataclasses import dataclass

from lkj_core import pejabat, resmi, reviu
from lkj_core.db import Con
from lkj_core.isian import KOLOM_NARASI, LABEL_STATUS

# The narratives Bab III needs per indicator: point 5 (causes and solutions), point 6
# (efficiency) and point 7 (supporting programmes). Kendala/tindak lanjut stay optional.
NARASI_WAJIB = ("analisis_penyebab", "solusi", "efisiensi", "program_pendukung")


@dataclass(frozen=True)
class Kekurangan:
    """One gap that blocks signing."""

    jenis: str              # realisasi | verifikasi | bukti | narasi | target | reviu | pejabat
    unit: str | None        # the unit concerned (None: the whole report)
    pelaku: str             # who must act: names (usernames) or the role
    pesan: str              # one Indonesian sentence

    def teks(self) -> str:
        """The gap as one line: what, where, who."""
        unit = f"{self.unit}: " if self.unit else ""
        return f"{unit}{self.pesan} — perlu tindakan: {self.pelaku}."


def orang_berperan(con: Con, instansi_id: int, peran: str, unit_id: int | None = None) -> str:
    """The active users of a role (of one unit), as 'Name (username), …'."""
    rows = con.execute("SELECT nama, username FROM pengguna WHERE instansi_id = ? AND peran = ?"
                       " AND aktif AND (? IS NULL OR unit_id = ?) ORDER BY username",
                       [instansi_id, peran, unit_id, unit_id]).fetchall()
    from lkj_core.peran import LABEL_PERAN

    if not rows:
        return LABEL_PERAN[peran] + " (belum ada akun aktif)"
    return ", ".join(f"{n} ({u})" for n, u in rows)


def kekurangan(con: Con, instansi_id: int, tahun: int) -> list[Kekurangan]:
    """Every gap that keeps the year's report from being signed (empty: it may be signed)."""
    rows = con.execute(
        "SELECT i.id, i.kode, i.nama, i.unit_id, u.nama AS unit, tt.target,"
        " coalesce(r.status, 'belum') AS status, r.nilai,"
        " r.analisis_penyebab, r.solusi, r.efisiensi, r.program_pendukung,"   # NARASI_WAJIB
        " (SELECT count(*) FROM bukti_dukung b WHERE b.indikator_id = i.id"
        "   AND b.tahun = ?) AS bukti"
        " FROM indikator i JOIN sasaran s ON s.id = i.sasaran_id"
        " JOIN tujuan t ON t.id = s.tujuan_id JOIN renstra rs ON rs.id = t.renstra_id"
        " JOIN unit_kerja u ON u.id = i.unit_id"
        " LEFT JOIN target_tahunan tt ON tt.indikator_id = i.id AND tt.tahun = ?"
        " LEFT JOIN realisasi r ON r.indikator_id = i.id AND r.tahun = ?"
        " WHERE i.instansi_id = ? AND i.aktif AND ? BETWEEN rs.tahun_awal AND rs.tahun_akhir"
        " ORDER BY u.nama, i.kode", [tahun, tahun, tahun, instansi_id, tahun]).fetchall()
    hasil: list[Kekurangan] = []
    kasubag = orang_berperan(con, instansi_id, "kasubag")
    bidang: dict[int, str] = {}
    for (_id, kode, nama, unit_id, unit, target, status, nilai, *narasi, bukti) in rows:
        ind = f"{kode} {nama}"
        if unit_id not in bidang:
            bidang[unit_id] = orang_berperan(con, instansi_id, "bidang", unit_id)
        if target is None:
            hasil.append(Kekurangan("target", unit, kasubag,
                                    f"{ind}: target {tahun} belum ditetapkan"))
        if status in ("belum", "draft", "dikembalikan"):
            hasil.append(Kekurangan(
                "realisasi", unit, bidang[unit_id],
                f"{ind}: realisasi berstatus '{LABEL_STATUS[status]}', belum diajukan"))
        elif status == "diajukan":
            hasil.append(Kekurangan("verifikasi", unit, kasubag,
                                    f"{ind}: realisasi diajukan, belum diverifikasi"))
        elif resmi.resmi(status) and nilai is None:
            hasil.append(Kekurangan("realisasi", unit, bidang[unit_id],
                                    f"{ind}: terverifikasi tanpa angka realisasi"))
        # Evidence and narratives belong to the entry: missing ones on a verified entry need
        # the Kasubag to re-open it first, so both are named.
        lewat_kasubag = (f"{bidang[unit_id]} (setelah isian dibuka kembali oleh {kasubag})"
                         if resmi.resmi(status) else bidang[unit_id])
        if not bukti:
            hasil.append(Kekurangan("bukti", unit, lewat_kasubag,
                                    f"{ind}: bukti dukung belum diunggah"))
        kosong = [KOLOM_NARASI[k] for k, v in zip(NARASI_WAJIB, narasi)
                  if not (v or "").strip()]
        if kosong:
            hasil.append(Kekurangan("narasi", unit, lewat_kasubag,
                                    f"{ind}: narasi Bab III belum diisi ({'; '.join(kosong)})"))
    r = reviu.status(con, instansi_id, tahun)
    inspektur = orang_berperan(con, instansi_id, "inspektur")
    if r["status"] == "belum":
        hasil.append(Kekurangan("reviu", None, inspektur,
                                "Reviu oleh APIP belum ditugaskan (menu Reviu LKjIP)"))
    elif r["status"] != "selesai":
        temuan = dict(con.execute("SELECT status, count(*) FROM reviu_temuan WHERE reviu_id = ?"
                                  " AND status <> 'ditutup' GROUP BY status",
                                  [r["reviu_id"]]).fetchall())
        tim = f"Tim reviu (ketua: {r['ketua'] or '-'})"
        if r["butir_kosong"]:
            hasil.append(Kekurangan("reviu", None, tim, f"Reviu oleh APIP belum selesai: "
                                    f"{r['butir_kosong']} butir kertas kerja belum dijawab"))
        if temuan.get("terbuka"):
            hasil.append(Kekurangan("reviu", None, kasubag, f"Reviu oleh APIP: "
                                    f"{temuan['terbuka']} catatan reviu menunggu jawaban "
                                    "penyusun laporan"))
        if temuan.get("dijawab"):
            hasil.append(Kekurangan("reviu", None, tim, f"Reviu oleh APIP: {temuan['dijawab']} "
                                    "catatan reviu sudah dijawab, menunggu ditutup tim"))
        if not (r["butir_kosong"] or temuan):
            hasil.append(Kekurangan("reviu", None, f"ketua tim reviu ({r['ketua'] or '-'})",
                                    "Reviu oleh APIP belum selesai: kertas kerja lengkap, "
                                    "tinggal diselesaikan dengan simpulan (tombol Selesaikan "
                                    "reviu)"))
    for pesan in pejabat.kekurangan(con, instansi_id, tahun):
        hasil.append(Kekurangan("pejabat", None, orang_berperan(con, instansi_id, "admin"),
                                pesan.rstrip(".")))
    return hasil


def kurang_isian(con: Con, indikator_id: int, tahun: int) -> list[str]:
    """What one entry still lacks for signing (evidence, Bab III narratives), for the Kasubag
    who is about to verify it (a verified entry must be re-opened to add them)."""
    row = con.execute("SELECT r.analisis_penyebab, r.solusi, r.efisiensi, r.program_pendukung,"
                      " (SELECT count(*) FROM bukti_dukung b WHERE b.indikator_id = ? AND"
                      " b.tahun = ?) FROM realisasi r WHERE r.indikator_id = ? AND r.tahun = ?",
                      [indikator_id, tahun, indikator_id, tahun]).fetchone()
    if row is None:
        return ["bukti dukung"] + [KOLOM_NARASI[k].lower() for k in NARASI_WAJIB]
    *narasi, bukti = row
    return ([] if bukti else ["bukti dukung"]) + [
        KOLOM_NARASI[k].lower() for k, v in zip(NARASI_WAJIB, narasi) if not (v or "").strip()]


def ringkas(daftar: list[Kekurangan]) -> str:
    """The refusal message: how many gaps, then one line each."""
    return (f"Laporan belum dapat ditandatangani: {len(daftar)} kekurangan.\n"
            + "\n".join(f"- {k.teks()}" for k in daftar))
