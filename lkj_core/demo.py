"""Demo data: an Inspektorat Kabupaten with a Renstra 2021–2026, clearly labelled as demo."""

from __future__ import annotations

import datetime as dt

from lkj_core import audit, config, demo_lkjip, organisasi, pengaturan, pengguna, sop
from lkj_core.angka import format_nilai
from lkj_core.capaian import SKALA_BAKU
from lkj_core.db import Con, transaksi
from lkj_core.peran import Pelaku

PELAKU_SEED = "sistem:seed-demo"
TAHUN = list(range(2021, 2027))
TAHUN_LAPORAN = 2025

UNIT = [
    ("SEKRETARIAT", "Sekretariat"),
    ("IRBAN1", "Inspektur Pembantu Wilayah I"),
    ("IRBAN2", "Inspektur Pembantu Wilayah II"),
    ("IRBAN3", "Inspektur Pembantu Wilayah III"),
    ("IRBAN4", "Inspektur Pembantu Wilayah IV"),
]

# username, name, role, unit code; every demo password is "<username>-demo".
PENGGUNA = [
    ("admin", "Administrator Sistem (Demo)", "admin", None),
    ("inspektur", "Inspektur Daerah (Demo)", "inspektur", None),
    ("sekretaris", "Sekretaris Inspektorat (Demo)", "sekretaris", "SEKRETARIAT"),
    ("kasubag", "Kasubag Perencanaan, Analis dan Evaluasi (Demo)", "kasubag", "SEKRETARIAT"),
    ("staf", "Staf Perencanaan (Demo)", "staf", "SEKRETARIAT"),
    ("sekretariat", "Pengisi Data Sekretariat (Demo)", "bidang", "SEKRETARIAT"),
    ("irban1", "Pengisi Data Irban I (Demo)", "bidang", "IRBAN1"),
    ("irban2", "Pengisi Data Irban II (Demo)", "bidang", "IRBAN2"),
    ("irban3", "Pengisi Data Irban III (Demo)", "bidang", "IRBAN3"),
    ("irban4", "Pengisi Data Irban IV (Demo)", "bidang", "IRBAN4"),
    ("auditor1", "Auditor Ahli Madya Satu (Demo)", "reviewer", None),
    ("auditor2", "Auditor Ahli Muda Dua (Demo)", "reviewer", None),
]
# NIP, pangkat/golongan and jabatan of the demo users who sign something (made-up NIPs).
PROFIL = {
    "inspektur": ("196905121994031007", "Pembina Utama Muda (IV/c)", "Inspektur"),
    "sekretaris": ("197203151998032004", "Pembina Tingkat I (IV/b)", "Sekretaris"),
    "kasubag": ("198107242006042011", "Penata Tingkat I (III/d)",
                "Kepala Subbagian Perencanaan, Analis dan Evaluasi"),
    "auditor1": ("197808192003121002", "Pembina (IV/a)", "Auditor Ahli Madya"),
    "auditor2": ("198804022011012008", "Penata (III/c)", "Auditor Ahli Muda"),
}


def sandi_demo(username: str) -> str:
    """The demo password of a demo user (documented in the README)."""
    return pengguna.sandi_demo(username)


TUJUAN = ("T1", "Meningkatnya akuntabilitas dan integritas penyelenggaraan pemerintahan daerah")
SASARAN = [
    ("SS1", "Meningkatnya kapabilitas APIP dan maturitas penyelenggaraan SPIP"),
    ("SS2", "Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah"),
    ("SS3", "Meningkatnya integritas dan efektivitas pencegahan korupsi"),
]

# kode, sasaran, nama, satuan, polaritas, unit, standar nasional,
# targets 2021..2026 (number, or (lower, upper) for rentang), realisasi 2021..2025
INDIKATOR = [
    ("IK-01", "SS1", "Level Kapabilitas APIP (IACM)", "Level", "positif", "IRBAN1", 3.0,
     [2, 3, 3, 3, 3, 4], [2, 3, 3, 3, 3]),
    ("IK-02", "SS1", "Tingkat Maturitas Penyelenggaraan SPIP", "Level", "positif", "IRBAN1",
     3.0, [3.0, 3.0, 3.2, 3.3, 3.5, 3.6], [3.0, 3.05, 3.15, 3.31, 3.42]),
    ("IK-03", "SS2", "Nilai Evaluasi SAKIP Pemerintah Kabupaten", "Nilai", "positif",
     "SEKRETARIAT", None, [65, 66, 67, 68, 70, 72], [64.12, 65.4, 66.71, 67.9, 68.55]),
    ("IK-04", "SS2", "Persentase perangkat daerah dengan predikat SAKIP minimal CC", "%",
     "positif", "IRBAN2", None, [70, 75, 80, 85, 90, 95], [68.29, 73.17, 80.49, 85.37, 87.8]),
    ("IK-05", "SS2", "Persentase penyelesaian tindak lanjut hasil pemeriksaan (TLHP)", "%",
     "positif", "IRBAN2", None, [80, 82, 85, 87, 90, 92], [78.5, 83.1, 86.2, 88.4, 89.1]),
    ("IK-06", "SS2", "Jumlah temuan berulang hasil pemeriksaan", "Temuan", "negatif",
     "IRBAN3", None, [12, 10, 9, 8, 7, 6], [14, 11, 8, 7, 9]),
    ("IK-07", "SS2", "Persentase realisasi Program Kerja Pengawasan Tahunan (PKPT)", "%",
     "rentang", "SEKRETARIAT", None, [(90, 100)] * 6, [95.2, 88.0, 97.5, 100.0, 96.4]),
    ("IK-08", "SS3", "Indeks Integritas (Survei Penilaian Integritas KPK)", "Indeks",
     "positif", "IRBAN4", 74.0, [70, 71, 72, 73, 74, 75], [71.2, 70.4, 72.9, 73.6, 72.1]),
    ("IK-09", "SS3", "Indeks Efektivitas Pengendalian Korupsi (IEPK)", "Indeks", "positif",
     "IRBAN4", None, [2.5, 2.75, 3.0, 3.25, 3.5, 3.75], [2.61, 2.8, 3.1, 3.22, 3.58]),
    ("IK-10", "SS3", "Nilai Manajemen Risiko Indeks (MRI)", "Level", "positif", "IRBAN3", None,
     [2.5, 2.75, 3.0, 3.0, 3.25, 3.5], [2.6, 2.8, 3.0, 3.1, 3.05]),
]

# Definisi operasional, formula and sumber data of every indicator: demo_lkjip.MANUAL.

# Statuses of the 2025 entries: the intake of the reported year is still under way.
STATUS_2025 = {"IK-03": "diajukan", "IK-06": "draft", "IK-09": "diajukan"}

# Bab III narratives of the reported year (analisis penyebab, solusi) per indicator.
NARASI_2025 = {
    "IK-01": ("Level 3 dipertahankan berkat penjaminan kualitas berjenjang dan pemenuhan "
              "seluruh key process area level 3 hasil penilaian BPKP.",
              "Menyusun rencana aksi menuju level 4: pengukuran kinerja pengawasan berbasis "
              "risiko dan reviu sejawat."),
    "IK-02": ("Maturitas naik dari 3,31 menjadi 3,42 karena penilaian risiko di 12 OPD telah "
              "terdokumentasi, namun pemantauan pengendalian belum merata.",
              "Pendampingan penyusunan register risiko dan rencana tindak pengendalian di OPD "
              "dengan skor terendah."),
    "IK-03": ("Nilai SAKIP naik 0,65 poin; komponen evaluasi internal dan capaian kinerja "
              "masih di bawah harapan.", "Asistensi cascading kinerja ke seluruh OPD."),
    "IK-04": ("36 dari 41 OPD memperoleh predikat minimal CC; lima OPD baru belum memiliki "
              "dokumen perencanaan kinerja yang lengkap.",
              "Klinik SAKIP bulanan bagi OPD dengan predikat C."),
    "IK-05": ("Penyelesaian TLHP mencapai 89,1 %; rekomendasi pengembalian kerugian daerah "
              "lambat diselesaikan.", "Rapat koordinasi TLHP triwulanan bersama OPD dan "
              "Majelis TP-TGR."),
    "IK-06": ("Temuan berulang naik menjadi 9 karena rotasi bendahara di beberapa OPD.",
              "Bimbingan teknis pengelolaan keuangan bagi bendahara baru."),
    "IK-07": ("96,4 % penugasan PKPT terlaksana; dua audit ditunda karena pemeriksaan khusus.",
              "Cadangan waktu penugasan dalam PKPT tahun berikutnya."),
    "IK-08": ("Indeks Integritas turun 1,5 poin; persepsi gratifikasi layanan perizinan "
              "masih tinggi.", "Sosialisasi pengendalian gratifikasi dan survei internal."),
    "IK-09": ("IEPK 3,58 melampaui target berkat penguatan fungsi UPG dan whistleblowing "
              "system.", "Mempertahankan pelaporan UPG berkala."),
    "IK-10": ("MRI 3,05 sedikit di bawah target karena penerapan manajemen risiko di tingkat "
              "kegiatan belum konsisten.", "Pelatihan manajemen risiko bagi pejabat pengawas."),
}

# kode, uraian, unit, pagu 2021 (grows 4% a year), serapan % 2021..2025
PROGRAM = [
    ("5.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "SEKRETARIAT",
     4_215_000_000, [93.4, 95.1, 96.2, 95.8, 94.7]),
    ("5.02.01", "Program Penyelenggaraan Pengawasan — Kegiatan Penyelenggaraan Pengawasan "
     "Internal", "IRBAN1", 1_120_000_000, [91.2, 94.8, 95.5, 97.1, 96.3]),
    ("5.02.02", "Program Penyelenggaraan Pengawasan — Kegiatan Penyelenggaraan Pengawasan "
     "dengan Tujuan Tertentu", "IRBAN2", 485_000_000, [88.7, 92.3, 94.0, 95.2, 93.8]),
    ("5.03.01", "Program Perumusan Kebijakan, Pendampingan dan Asistensi — Kegiatan "
     "Pendampingan dan Asistensi", "IRBAN3", 362_500_000, [90.1, 93.5, 96.8, 94.9, 95.6]),
    ("5.03.02", "Program Perumusan Kebijakan, Pendampingan dan Asistensi — Kegiatan Perumusan "
     "Kebijakan Teknis dan Fasilitasi Pengawasan", "IRBAN4", 298_750_000,
     [89.5, 91.7, 95.3, 96.1, 92.4]),
]


PESAN_PRODUKSI = ("Mode produksi (LKJ_MODE=produksi): data demo tidak dimuat. Data demo dan "
                  "kata sandi demonya hanya untuk mencoba aplikasi (LKJ_MODE=demo).")


def seed_demo(con: Con, opd: bool = True) -> int:
    """Fill an empty database with the demo instansi (and, with `opd`, a second perangkat
    daerah of the same Pemda whose report the Inspektorat reviews); refuses when any instansi
    exists, and always in produksi mode (LKJ_MODE=produksi)."""
    if config.mode_produksi():
        raise RuntimeError(PESAN_PRODUKSI)
    if organisasi.jumlah_instansi(con):
        raise RuntimeError("Basis data sudah berisi data; data demo tidak dimuat ulang.")
    iid = organisasi.buat_instansi(
        con, PELAKU_SEED, "INSPEKTORAT-WSB", "Inspektorat Daerah Kabupaten Wonosobo",
        "Pemerintah Kabupaten Wonosobo", demo=True, tahun_laporan=TAHUN_LAPORAN)
    unit_id = {}
    with transaksi(con):
        for kode, nama in UNIT:
            unit_id[kode] = con.execute(
                "INSERT INTO unit_kerja (instansi_id, kode, nama) VALUES (?, ?, ?) RETURNING id",
                [iid, kode, nama]).fetchone()[0]
            audit.catat(con, PELAKU_SEED, iid, "tambah", "unit_kerja", unit_id[kode], None,
                        {"kode": kode, "nama": nama})
        con.execute("INSERT INTO pengaturan VALUES (?, 'skala_kategori', ?)",
                    [iid, pengaturan.skala_ke_json(SKALA_BAKU)])
        audit.catat(con, PELAKU_SEED, iid, "tambah", "pengaturan", "skala_kategori")
    for username, nama, peran, unit in PENGGUNA:
        nip, pangkat, jabatan = PROFIL.get(username, (None, None, None))
        pengguna.buat_pengguna(con, PELAKU_SEED, iid, username, nama, peran,
                               sandi_demo(username), unit_id.get(unit), nip, pangkat, jabatan)
    _seed_perencanaan(con, iid, unit_id)
    # Before the signing of 2023 and 2024 below: a signed year takes no more data.
    indikator = dict(con.execute("SELECT kode, id FROM indikator WHERE instansi_id = ?",
                                 [iid]).fetchall())
    demo_lkjip.muat(con, Pelaku(PELAKU_SEED, "admin", iid), indikator,
                    {r[0]: r[7] for r in INDIKATOR}, {r[0]: r[8] for r in INDIKATOR}, TAHUN)
    sop.buat_revisi(con, PELAKU_SEED, iid, "SOP Penyusunan Laporan Kinerja",
                    dt.date(2023, 1, 2), sop.baca_csv(), sop.INFO_SOP_WONOSOBO)
    orang = {r[0]: Pelaku(*r) for r in con.execute(
        "SELECT username, peran, instansi_id, unit_id FROM pengguna WHERE instansi_id = ?"
        " ORDER BY username", [iid]).fetchall()}
    _seed_pejabat(con, orang["inspektur"])
    _seed_sertifikat(con, orang["inspektur"])
    folder = _folder_bukti(con)
    for tahun in (*SIKLUS_LALU, TAHUN_LAPORAN):
        _seed_bukti(con, iid, tahun, folder)
    for tahun, (mulai, faktor) in SIKLUS_LALU.items():
        _seed_reviu(con, orang, iid, tahun, mulai, selesai=True)
        _seed_siklus(con, iid, tahun, mulai, faktor)
    _seed_reviu(con, orang, iid, TAHUN_LAPORAN, dt.datetime(2026, 3, 2, 9, 0), selesai=False)
    if opd:
        _seed_opd(con)
    return iid


# Completed cycles of earlier years (the year reported -> first disposisi, and each step's
# actual time as a multiple of its standard time), so the cycle history shows a trend.
SIKLUS_LALU = {
    2023: (dt.datetime(2024, 1, 8, 8, 0),
           [1.5, 0.8, 1.2, 0.5, 1.0, 1.6, 1.25, 1.0, 2.0, 0.5, 1.0, 0.6, 1.1]),
    2024: (dt.datetime(2025, 1, 6, 8, 0),
           [0.8, 0.9, 1.0, 0.5, 0.9, 1.2, 1.0, 1.0, 1.0, 0.5, 1.0, 0.6, 0.9]),
}


def _seed_siklus(con: Con, iid: int, tahun: int, mulai: dt.datetime,
                 faktor: list[float]) -> None:
    from lkj_core import arsip, siklus, waktu_kerja

    kal = waktu_kerja.Kalender.baku()
    orang = {r[1]: Pelaku(*r) for r in con.execute(
        "SELECT username, peran, instansi_id, unit_id FROM pengguna WHERE instansi_id = ? AND"
        " peran IN ('inspektur', 'sekretaris', 'kasubag', 'staf')", [iid]).fetchall()}
    data = {
        4: {"tanggal_rapat": (mulai + dt.timedelta(days=2)).date(), "tempat": "Ruang rapat "
            "Inspektorat", "undangan": "Inspektur; Sekretaris; Inspektur Pembantu I–IV"},
        5: {"notulen": f"Pembahasan pengukuran kinerja {tahun}.",
            "kesepakatan": "Data bidang dihimpun paling lambat satu minggu."},
        11: {"tanggal_tandatangan": None}, 12: {"nomor_surat": f"050/{tahun}/LKjIP/{tahun + 1}",
                                                "tanggal_surat": None},
        13: {"tanggal_unggah": None,
             "url_publikasi": f"https://inspektorat.wonosobokab.go.id/lkjip-{tahun}"},
    }
    w = mulai
    sid = siklus.buka_siklus(con, orang["inspektur"], tahun, "", w)
    for no, (pelaksana, waktu, satuan) in enumerate(con.execute(
            "SELECT pelaksana, waktu, satuan_waktu FROM siklus_langkah WHERE siklus_id = ?"
            " ORDER BY no", [sid]).fetchall(), start=1):
        p = orang[pelaksana]
        if no > 1:
            w = waktu_kerja.tenggat(w, 10, "menit", kal)
            siklus.mulai_langkah(con, p, sid, no, w)
        # Actual time as office minutes (a working day counted as 8.5 office hours).
        menit = waktu * (1 if satuan == "menit" else 510) * faktor[no - 1]
        w = waktu_kerja.tenggat(w, max(1, round(menit)), "menit", kal)
        isi = {k: (v if v is not None else w.date()) for k, v in data.get(no, {}).items()}
        if no == siklus.LANGKAH_TANDATANGAN:
            # Signed as a user would: the gate, the report built from verified data, the
            # PAdES signature (made now, with the demo certificate) and the frozen copy.
            arsip.tandatangani(con, p, sid, f"Dokumen langkah {no} ({tahun})", "Data demo",
                               isi, SANDI_TTD_DEMO, w)
            continue
        siklus.selesaikan_langkah(con, p, sid, no, f"Dokumen langkah {no} ({tahun})",
                                  "Data demo", isi, w)


def _seed_perencanaan(con: Con, iid: int, unit_id: dict[str, int]) -> None:
    with transaksi(con):
        rid = con.execute(
            "INSERT INTO renstra (instansi_id, nama, tahun_awal, tahun_akhir)"
            " VALUES (?, 'Renstra Inspektorat Daerah 2021–2026', 2021, 2026) RETURNING id",
            [iid]).fetchone()[0]
        tid = con.execute("INSERT INTO tujuan (renstra_id, kode, uraian) VALUES (?, ?, ?)"
                          " RETURNING id", [rid, *TUJUAN]).fetchone()[0]
        sasaran_id = {
            kode: con.execute("INSERT INTO sasaran (tujuan_id, kode, uraian) VALUES (?, ?, ?)"
                              " RETURNING id", [tid, kode, uraian]).fetchone()[0]
            for kode, uraian in SASARAN}
        for (kode, ss, nama, satuan, pol, unit, standar, targets, reals) in INDIKATOR:
            akhir = targets[-1] if pol != "rentang" else targets[-1]
            bawah, atas = akhir if isinstance(akhir, tuple) else (akhir, None)
            ind = con.execute(
                "INSERT INTO indikator (instansi_id, sasaran_id, kode, nama, definisi, formula,"
                " sumber_data, satuan, polaritas, unit_id, target_akhir, target_akhir_atas,"
                " standar_nasional) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [iid, sasaran_id[ss], kode, nama, *demo_lkjip.MANUAL[kode], satuan, pol,
                 unit_id[unit], bawah, atas, standar]).fetchone()[0]
            for tahun, t in zip(TAHUN, targets):
                lo, hi = t if isinstance(t, tuple) else (t, None)
                con.execute("INSERT INTO target_tahunan VALUES (?, ?, ?, ?)",
                            [ind, tahun, lo, hi])
            for i, (tahun, r) in enumerate(zip(TAHUN, reals)):
                status = STATUS_2025.get(kode, "diverifikasi") if tahun == TAHUN_LAPORAN \
                    else "diverifikasi"
                narasi = _narasi(kode, nama, tahun, r, targets[TAHUN.index(tahun)])
                # Triwulan values as the Rencana Aksi plans them (position at the end of each
                # triwulan, TW IV = the year's value); a draft has none yet.
                tw = (None,) * 4 if status == "draft" else demo_lkjip.triwulan(
                    kode, reals[i - 1] if i else demo_lkjip.AWAL_2020.get(kode), r)
                con.execute(
                    "INSERT INTO realisasi (indikator_id, tahun, nilai, status, diubah_oleh,"
                    " diubah_pada, analisis_penyebab, solusi, efisiensi, program_pendukung,"
                    " tw1, tw2, tw3, tw4) VALUES (?, ?, ?, ?, ?, current_localtimestamp(), ?, ?,"
                    " ?, ?, ?, ?, ?, ?)", [ind, tahun, r, status, PELAKU_SEED, *narasi, *tw])
                # The workflow history the entry would have had to reach its status.
                jalan = {"draft": ["draft"], "diajukan": ["draft", "diajukan"],
                         "diverifikasi": ["draft", "diajukan", "diverifikasi"]}[status]
                for dari, ke in zip([None, *jalan], jalan):
                    con.execute("INSERT INTO riwayat_isian (indikator_id, tahun, pelaku, dari,"
                                " ke, catatan) VALUES (?, ?, ?, ?, ?, 'Data demo')",
                                [ind, tahun, PELAKU_SEED, dari, ke])
        for kode, uraian, unit, pagu0, serapan in PROGRAM:
            for i, tahun in enumerate(TAHUN):
                pagu = round(pagu0 * 1.04 ** i, -3)
                real = round(pagu * serapan[i] / 100) if i < len(serapan) else None
                con.execute(
                    "INSERT INTO pk_program (instansi_id, tahun, kode, uraian, unit_id, pagu,"
                    " realisasi) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [iid, tahun, kode, uraian, unit_id[unit], pagu, real])
        # One audit row per bulk step keeps the trail honest without 200 near-identical rows.
        audit.catat(con, PELAKU_SEED, iid, "muat_demo", "perencanaan", rid, None,
                    {"indikator": len(INDIKATOR), "program": len(PROGRAM), "tahun": TAHUN})


def _narasi(kode: str, nama: str, tahun: int, realisasi, target) -> tuple[str, ...]:
    """The four Bab III narratives of a demo entry (the reported year's are hand-written)."""
    if tahun == TAHUN_LAPORAN and kode in NARASI_2025:
        analisis, solusi = NARASI_2025[kode]
    else:
        target_teks = "–".join(map(format_nilai, target if isinstance(target, tuple)
                                   else (target,)))
        analisis = (f"Realisasi indikator {nama} tahun {tahun} sebesar "
                    f"{format_nilai(realisasi)} dibandingkan target {target_teks} dipengaruhi "
                    "oleh pelaksanaan rencana aksi dan dukungan perangkat daerah.")
        solusi = "Rencana aksi dievaluasi setiap triwulan dan hasilnya dibahas dalam rapat pimpinan."
    program = next((u for k, u, unit, *_ in PROGRAM if unit == _UNIT_INDIKATOR[kode]),
                   PROGRAM[0][1])
    efisiensi = (f"Capaian {kode} didukung anggaran program unit penanggung jawab; penggunaan "
                 "sumber daya dinilai wajar karena kegiatan dilaksanakan sesuai rencana tanpa "
                 "penambahan anggaran.")
    return analisis, solusi, efisiensi, f"{program}."


_UNIT_INDIKATOR = {r[0]: r[5] for r in INDIKATOR}

# Who held each signing office in the demo years, and the certificate's demo passphrase.
PEJABAT = {
    "sekretaris": ("Dra. Sri Lestari, M.Si. (Demo)", "197203151998032004",
                   "Pembina Tingkat I (IV/b)", "Sekretaris Inspektorat Daerah"),
    "kepala_daerah": ("H. Bupati Wonosobo (Demo)", None, None, "Bupati Wonosobo"),
}
NAMA_INSPEKTUR = "Drs. Bambang Setiawan, M.M. (Demo)"
SANDI_TTD_DEMO = "ttd-inspektur-demo"


def _seed_pejabat(con: Con, inspektur: "Pelaku") -> None:
    from lkj_core import pejabat

    nip, pangkat, _ = PROFIL["inspektur"]
    for tahun in TAHUN:
        pejabat.atur(con, inspektur, tahun, "inspektur", NAMA_INSPEKTUR, nip, pangkat,
                     "Inspektur Daerah Kabupaten Wonosobo")
        for kedudukan, (nama, nip_, pangkat_, jabatan) in PEJABAT.items():
            pejabat.atur(con, inspektur, tahun, kedudukan, nama, nip_, pangkat_, jabatan)


def _folder_data(con: Con):
    """The folder of the database file being seeded (None: in memory)."""
    from pathlib import Path

    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name ="
                      " current_database()").fetchone()
    return Path(row[0]).parent if row and row[0] else None


def _folder_bukti(con: Con):
    from lkj_core import config

    d = _folder_data(con)
    return d / "bukti" if d is not None else config.bukti_dir()


def _seed_sertifikat(con: Con, inspektur: "Pelaku") -> None:
    """A locally made demo CA beside the database and the Inspektur's certificate from it."""
    import tempfile
    from pathlib import Path

    from lkj_core import arsip, ttd_elektronik

    d = _folder_data(con)
    folder = d / "ttd-demo" if d is not None else Path(tempfile.mkdtemp(prefix="lkj-ca-"))
    ca_pem, _ = ttd_elektronik.buat_ca_demo(folder)
    nip, _, jabatan = PROFIL["inspektur"]
    p12 = ttd_elektronik.buat_p12_demo(folder, NAMA_INSPEKTUR, nip, jabatan, SANDI_TTD_DEMO)
    arsip.impor_sertifikat(con, inspektur, p12, SANDI_TTD_DEMO, [ca_pem])


def _pdf_bukti(judul: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, f"DATA DEMO - bukti dukung\n{judul}")
    return bytes(pdf.output())


def _seed_bukti(con: Con, iid: int, tahun: int, folder) -> None:
    """One evidence PDF per verified entry of the year (the reported year: per entry that is
    not a draft), stored as uploads are."""
    from lkj_core import bukti

    rows = con.execute(
        "SELECT i.id, i.kode, i.nama FROM indikator i JOIN realisasi r ON r.indikator_id = i.id"
        " AND r.tahun = ? WHERE i.instansi_id = ? AND r.status IN ('diverifikasi', 'diajukan')"
        " ORDER BY i.kode", [tahun, iid]).fetchall()
    with transaksi(con):
        for ind, kode, nama in rows:
            berkas = bukti.simpan_isi(_pdf_bukti(f"{kode} {nama} tahun {tahun}"),
                                      f"Bukti {kode} {tahun}.pdf", folder)
            con.execute("INSERT INTO bukti_dukung (indikator_id, tahun, nama_berkas, jenis,"
                        " ukuran, sha256, diunggah_oleh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [ind, tahun, berkas["nama_berkas"], berkas["jenis"], berkas["ukuran"],
                         berkas["sha256"], PELAKU_SEED])
        audit.catat(con, PELAKU_SEED, iid, "muat_demo", "bukti_dukung", tahun, None,
                    {"berkas": len(rows)})


def _seed_reviu(con: Con, orang: dict, iid: int, tahun: int, mulai: dt.datetime,
                selesai: bool) -> None:
    """The APIP reviu of a year's report, as the team would work it: every item answered,
    one finding answered by the Kasubag (and closed, when the reviu is finished)."""
    from lkj_core import reviu

    rid = reviu.tugaskan(con, orang["inspektur"], iid, tahun, f"700/{tahun}/ST-REVIU",
                         reviu.ruang_lingkup_baku(
                             organisasi.instansi(con, iid)["nama"], tahun),
                         "auditor1", ["auditor2"])
    ketua = orang["auditor1"]
    butir = reviu.butir(con, ketua, rid)
    for no in butir["no"]:
        if selesai or int(no) <= 3:
            reviu.isi_butir(con, ketua, rid, int(no), "ya", "Sesuai.",
                            "Kertas kerja dan bukti dukung (data demo)")
    tid = reviu.tambah_temuan(con, ketua, rid, "Narasi analisis efisiensi belum menyebut "
                              "biaya per keluaran.", "Lengkapi analisis efisiensi.")
    versi = reviu.jawab_temuan(con, orang["kasubag"], tid, "Analisis efisiensi telah "
                               "dilengkapi pada Bab III.", 1)
    if selesai:
        reviu.tutup_temuan(con, ketua, tid, versi)
        reviu.selesaikan(con, ketua, rid, "Berdasarkan reviu kami, tidak terdapat kondisi atau "
                         "hal-hal yang menimbulkan perbedaan dalam meyakini keandalan informasi "
                         "yang disajikan di dalam Laporan Kinerja ini.")
    # The demo's history: the reviu happened in the weeks after the year ended.
    with transaksi(con):
        con.execute("UPDATE reviu SET ditugaskan_pada = ?, selesai_pada = CASE WHEN status ="
                    " 'selesai' THEN ? END WHERE id = ?",
                    [mulai - dt.timedelta(days=3), mulai + dt.timedelta(days=14), rid])


# A second perangkat daerah of the same Pemda, whose report the Inspektorat also reviews.
OPD = ("DISKOMINFO-WSB", "Dinas Komunikasi dan Informatika Kabupaten Wonosobo")
OPD_INDIKATOR = [
    ("IKD-01", "Indeks SPBE Pemerintah Kabupaten", "Indeks", "positif",
     [2.4, 2.6, 2.8, 3.0, 3.2, 3.4], [2.35, 2.71, 2.84, 2.96, 3.25]),
    ("IKD-02", "Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "%",
     "positif", [60, 70, 80, 85, 90, 95], [62.5, 71.0, 78.4, 86.2, 91.0]),
    ("IKD-03", "Jumlah aduan layanan informasi publik yang tidak terselesaikan", "Aduan",
     "negatif", [40, 35, 30, 25, 20, 15], [44, 33, 29, 22, 21]),
]


def _seed_opd(con: Con) -> None:
    iid = organisasi.buat_instansi(con, PELAKU_SEED, OPD[0], OPD[1],
                                   "Pemerintah Kabupaten Wonosobo", demo=True,
                                   tahun_laporan=TAHUN_LAPORAN)
    with transaksi(con):
        uid = con.execute("INSERT INTO unit_kerja (instansi_id, kode, nama) VALUES (?,"
                          " 'SEKRETARIAT', 'Sekretariat') RETURNING id", [iid]).fetchone()[0]
        rid = con.execute(
            "INSERT INTO renstra (instansi_id, nama, tahun_awal, tahun_akhir) VALUES (?,"
            " 'Renstra Diskominfo 2021–2026', 2021, 2026) RETURNING id", [iid]).fetchone()[0]
        tid = con.execute("INSERT INTO tujuan (renstra_id, kode, uraian) VALUES (?, 'T1',"
                          " 'Terwujudnya pemerintahan digital yang terpadu') RETURNING id",
                          [rid]).fetchone()[0]
        sid = con.execute("INSERT INTO sasaran (tujuan_id, kode, uraian) VALUES (?, 'SS1',"
                          " 'Meningkatnya kualitas layanan SPBE dan informasi publik')"
                          " RETURNING id", [tid]).fetchone()[0]
        for kode, nama, satuan, pol, targets, reals in OPD_INDIKATOR:
            ind = con.execute(
                "INSERT INTO indikator (instansi_id, sasaran_id, kode, nama, definisi, formula,"
                " sumber_data, satuan, polaritas, unit_id, target_akhir) VALUES (?, ?, ?, ?, ?,"
                " ?, ?, ?, ?, ?, ?) RETURNING id",
                [iid, sid, kode, nama, *demo_lkjip.MANUAL[kode], satuan, pol, uid,
                 targets[-1]]).fetchone()[0]
            for tahun, t in zip(TAHUN, targets):
                con.execute("INSERT INTO target_tahunan VALUES (?, ?, ?, NULL)", [ind, tahun, t])
            for tahun, r in zip(TAHUN, reals):
                con.execute(
                    "INSERT INTO realisasi (indikator_id, tahun, nilai, status, diubah_oleh,"
                    " diubah_pada, analisis_penyebab, solusi) VALUES (?, ?, ?, 'diverifikasi',"
                    " ?, current_localtimestamp(), 'Data demo Diskominfo.', 'Data demo.')",
                    [ind, tahun, r, PELAKU_SEED])
        for i, tahun in enumerate(TAHUN):
            con.execute("INSERT INTO pk_program (instansi_id, tahun, kode, uraian, unit_id,"
                        " pagu, realisasi) VALUES (?, ?, '2.16.02', 'Program Pengelolaan"
                        " Aplikasi Informatika', ?, ?, ?)",
                        [iid, tahun, uid, round(2_150_000_000 * 1.05 ** i, -3),
                         round(2_150_000_000 * 1.05 ** i * 0.93, -3) if tahun < 2026 else None])
        con.execute("INSERT INTO pengaturan VALUES (?, 'skala_kategori', ?)",
                    [iid, pengaturan.skala_ke_json(SKALA_BAKU)])
        audit.catat(con, PELAKU_SEED, iid, "muat_demo", "perencanaan", rid, None,
                    {"indikator": len(OPD_INDIKATOR)})
    pengguna.buat_pengguna(con, PELAKU_SEED, iid, "kasubag.kominfo",
                           "Kasubag Perencanaan Diskominfo (Demo)", "kasubag",
                           sandi_demo("kasubag.kominfo"), uid)


def siapkan_basis_data(path, muat_demo: bool = True) -> Con:
    """Open the database, apply migrations and, only when it holds no instansi, load the demo
    (never with LKJ_TANPA_DEMO=1 or in produksi mode)."""
    from lkj_core.db import buka

    con = buka(path)
    if muat_demo and not config.tanpa_demo() and organisasi.jumlah_instansi(con) == 0:
        seed_demo(con)
    return con
