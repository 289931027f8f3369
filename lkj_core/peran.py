"""Roles (peran) of the SOP and what each may do; the single source for UI and query checks."""

from __future__ import annotations

from dataclasses import dataclass

# The roles of the SOP (its actors and the data providers); the schema's first CHECK lists
# exactly these, and SOP steps may be assigned only to them.
PERAN_SOP = ("admin", "inspektur", "sekretaris", "kasubag", "staf", "bidang")
# Reviewer: an auditor of the Inspektorat (APIP) who reviews a report before it is signed.
PERAN = (*PERAN_SOP, "reviewer")

LABEL_PERAN = {
    "admin": "Administrator",
    "inspektur": "Inspektur",
    "sekretaris": "Sekretaris",
    "kasubag": "Kasubag Perencanaan, Analis dan Evaluasi",
    "staf": "Staf / Jabatan Fungsional Umum",
    "bidang": "Pengisi data bidang (Sekretariat / Irban)",
    "reviewer": "Pereviu (auditor APIP)",
}

# Action -> roles allowed. Pages and write functions both ask `boleh`, so hiding a menu entry
# is never the only barrier.
IZIN: dict[str, frozenset[str]] = {
    "lihat_sop": frozenset(PERAN),
    "lihat_perencanaan": frozenset({"admin", "kasubag", "inspektur", "sekretaris", "reviewer"}),
    "kelola_perencanaan": frozenset({"admin", "kasubag"}),
    "kelola_pengguna": frozenset({"admin"}),
    "lihat_audit": frozenset({"admin"}),
    "kelola_pengaturan": frozenset({"admin"}),
    # A backup holds every table (password hashes included) and every evidence file.
    "cadangkan": frozenset({"admin"}),
    # Bidang data intake: a bidang user fills only their own unit's entries (checked per row).
    "isi_kinerja": frozenset({"bidang", "admin"}),
    "verifikasi_isian": frozenset({"kasubag", "admin"}),
    "lihat_isian": frozenset({"admin", "kasubag", "inspektur", "sekretaris", "bidang",
                              "reviewer"}),
    # The SOP cycle: everyone in the SOP sees it; each step is acted on by its own actor role
    # (checked per step), admin may act for any role with a recorded reason.
    "lihat_siklus": frozenset({"admin", "inspektur", "sekretaris", "kasubag", "staf",
                               "reviewer"}),
    "buka_siklus": frozenset({"inspektur", "admin"}),
    "batal_langkah": frozenset({"kasubag", "admin"}),
    "kelola_sop": frozenset({"admin"}),
    # The dashboard: bidang users see their own unit, staf the SOP part only.
    "lihat_dasbor": frozenset(PERAN),
    # The report: its texts are written by the Kasubag (and admin); those who sign, check,
    # send or upload it can export it.
    "kelola_naskah": frozenset({"kasubag", "admin"}),
    "ekspor_laporan": frozenset({"admin", "inspektur", "sekretaris", "kasubag", "staf",
                                 "reviewer"}),
    # The reviu by APIP: the Inspektur assigns a team for any instansi of the Pemda; its
    # reviewers fill the worksheet and raise findings; the drafter (kasubag) answers them.
    "lihat_reviu": frozenset({"admin", "inspektur", "kasubag", "reviewer"}),
    "tugaskan_reviu": frozenset({"inspektur", "admin"}),
    "kerjakan_reviu": frozenset({"reviewer"}),
    "jawab_temuan": frozenset({"kasubag", "admin"}),
    # Officials who sign (name, NIP, pangkat per year) and the signing certificate.
    "kelola_pejabat": frozenset({"admin", "inspektur"}),
    # Reopening a signed year (its frozen copy becomes superseded) is the Inspektur's call.
    "buka_tahun_ditandatangani": frozenset({"inspektur", "admin"}),
}


class AksesDitolak(PermissionError):
    """The acting user's role may not do this."""


@dataclass(frozen=True)
class Pelaku:
    """Who performs an action: every write function takes one, for checks and the audit log."""

    username: str
    peran: str
    instansi_id: int
    unit_id: int | None = None


def boleh(peran: str | None, aksi: str) -> bool:
    """Whether `peran` may perform `aksi` (unknown actions are refused)."""
    return peran in IZIN.get(aksi, frozenset())


def wajib(pelaku: Pelaku, aksi: str, instansi_id: int | None = None) -> None:
    """Raise AksesDitolak unless the actor may do `aksi` (within `instansi_id` when given)."""
    if not boleh(pelaku.peran, aksi):
        raise AksesDitolak(f"Peran {LABEL_PERAN.get(pelaku.peran, pelaku.peran)} tidak berwenang.")
    if instansi_id is not None and instansi_id != pelaku.instansi_id:
        raise AksesDitolak("Data ini milik instansi lain.")
