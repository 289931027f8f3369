"""The page registry: one list drives the router, the sidebar menu and the access checks."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lkj_core.peran import PERAN, boleh


@dataclass(frozen=True)
class Halaman:
    """A page: its slug (URL path; the first page is served at "/"), script, menu title, icon
    and the action it requires."""

    slug: str
    berkas: str
    judul: str
    ikon: str
    aksi: str | None  # None: every logged-in user

    def boleh_dibuka(self, peran: str | None) -> bool:
        """Whether a user with `peran` may open this page."""
        return peran in PERAN and (self.aksi is None or boleh(peran, self.aksi))


HALAMAN = [
    Halaman("beranda", "pages/beranda.py", "Beranda", ":material/home:", None),
    Halaman("dasbor", "pages/dasbor.py", "Dasbor", ":material/dashboard:", "lihat_dasbor"),
    Halaman("isian_kinerja", "pages/isian_kinerja.py", "Isian Kinerja", ":material/edit:",
            "isi_kinerja"),
    Halaman("realisasi_anggaran", "pages/realisasi_anggaran.py", "Realisasi Anggaran",
            ":material/payments:", "isi_kinerja"),
    Halaman("impor_excel", "pages/impor_excel.py", "Impor Excel", ":material/upload_file:",
            "isi_kinerja"),
    Halaman("rekap_isian", "pages/rekap_isian.py", "Rekap Isian", ":material/fact_check:",
            "verifikasi_isian"),
    Halaman("alur_sop", "pages/alur_sop.py", "Alur SOP", ":material/account_tree:",
            "lihat_siklus"),
    Halaman("riwayat_siklus", "pages/riwayat_siklus.py", "Riwayat Siklus SOP",
            ":material/timeline:", "lihat_siklus"),
    Halaman("naskah_laporan", "pages/naskah_laporan.py", "Naskah Laporan",
            ":material/description:", "kelola_naskah"),
    Halaman("reviu", "pages/reviu.py", "Reviu LKjIP (APIP)", ":material/rate_review:",
            "lihat_reviu"),
    Halaman("pejabat", "pages/pejabat.py", "Pejabat & Tanda Tangan", ":material/badge:",
            "kelola_pejabat"),
    Halaman("ekspor_laporan", "pages/ekspor_laporan.py", "Ekspor Laporan (PDF)",
            ":material/picture_as_pdf:", "ekspor_laporan"),
    Halaman("target", "pages/target.py", "Target Kinerja", ":material/flag:",
            "lihat_perencanaan"),
    Halaman("renstra", "pages/renstra.py", "Renstra & Sasaran", ":material/lan:",
            "lihat_perencanaan"),
    Halaman("indikator", "pages/indikator.py", "Kelola Indikator", ":material/edit_note:",
            "kelola_perencanaan"),
    Halaman("perjanjian_kinerja", "pages/perjanjian_kinerja.py", "Perjanjian Kinerja",
            ":material/handshake:", "lihat_perencanaan"),
    Halaman("sop", "pages/sop.py", "SOP Laporan Kinerja", ":material/checklist:", "lihat_sop"),
    Halaman("pengguna", "pages/pengguna.py", "Pengguna & Unit", ":material/group:",
            "kelola_pengguna"),
    Halaman("pengaturan", "pages/pengaturan.py", "Pengaturan", ":material/settings:",
            "kelola_pengaturan"),
    Halaman("audit", "pages/audit.py", "Log Audit", ":material/history:", "lihat_audit"),
    Halaman("akun", "pages/akun.py", "Akun Saya", ":material/person:", None),
]
PER_SLUG = {h.slug: h for h in HALAMAN}


def st_pages() -> list:
    """st.Page objects for st.navigation, in menu order, the first being the default."""
    return [st.Page(h.berkas, title=h.judul, icon=h.ikon, url_path=h.slug,
                    default=(i == 0)) for i, h in enumerate(HALAMAN)]


def menu(peran: str) -> None:
    """Sidebar links to the pages this role may open (and no others)."""
    for h in HALAMAN:
        if h.boleh_dibuka(peran):
            st.sidebar.page_link(h.berkas, label=h.judul, icon=h.ikon)
