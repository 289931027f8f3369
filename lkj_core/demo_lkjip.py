"""Demo data for the full LKjIP (issue 15), beside lkj_core.demo: the indicator manual
(definisi operasional, formula, sumber data), the triwulan pattern of each demo indicator
(shared by its realisations and its Rencana Aksi), comparison figures, the instansi profile,
the staff composition and the follow-up of the SAKIP evaluations. `muat` writes them through
the real module functions, as an admin would."""

from __future__ import annotations

from lkj_core import pembanding, profil, rencana_aksi
from lkj_core.db import Con
from lkj_core.peran import Pelaku

# kode -> (definisi operasional, formula, sumber data)
MANUAL = {
    "IK-01": (
        "Tingkat kapabilitas Inspektorat sebagai APIP menurut Internal Audit Capability Model "
        "(IA-CM), level 1 (initial) sampai 5 (optimizing), hasil penilaian mandiri yang "
        "dijaminkan kualitasnya oleh BPKP.",
        "Level tertinggi yang seluruh key process area (KPA)-nya terpenuhi pada enam elemen "
        "IA-CM: peran dan layanan, pengelolaan SDM, praktik profesional, akuntabilitas dan "
        "manajemen kinerja, budaya dan hubungan organisasi, serta struktur tata kelola.",
        "Laporan Hasil Penjaminan Kualitas Kapabilitas APIP, BPKP Perwakilan Provinsi Jawa "
        "Tengah"),
    "IK-02": (
        "Tingkat kematangan penyelenggaraan Sistem Pengendalian Intern Pemerintah (SPIP) "
        "Pemerintah Kabupaten Wonosobo, skala 0–5, hasil penilaian mandiri yang dijaminkan "
        "kualitasnya oleh BPKP.",
        "Nilai tertimbang unsur penetapan tujuan, struktur dan proses (lingkungan pengendalian, "
        "penilaian risiko, kegiatan pengendalian, informasi dan komunikasi, pemantauan) serta "
        "pencapaian tujuan SPIP, sesuai Peraturan BPKP Nomor 5 Tahun 2021.",
        "Laporan Hasil Penjaminan Kualitas Penilaian Maturitas SPIP Terintegrasi, BPKP "
        "Perwakilan Provinsi Jawa Tengah"),
    "IK-03": (
        "Nilai hasil evaluasi atas implementasi Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah (SAKIP) Pemerintah Kabupaten Wonosobo oleh Kementerian PANRB, skala 0–100.",
        "Jumlah nilai tertimbang komponen perencanaan kinerja (bobot 30), pengukuran kinerja "
        "(30), pelaporan kinerja (15) dan evaluasi akuntabilitas kinerja internal (25), sesuai "
        "PermenPANRB Nomor 88 Tahun 2021.",
        "Laporan Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (LHE AKIP), "
        "Kementerian PANRB"),
    "IK-04": (
        "Persentase perangkat daerah yang memperoleh predikat minimal CC (nilai di atas 50) "
        "pada evaluasi internal SAKIP yang dilaksanakan Inspektorat.",
        "Jumlah perangkat daerah berpredikat minimal CC dibagi jumlah seluruh perangkat daerah "
        "yang dievaluasi × 100%.",
        "Laporan Hasil Evaluasi Internal SAKIP Perangkat Daerah, Inspektorat Daerah Kabupaten "
        "Wonosobo"),
    "IK-05": (
        "Persentase rekomendasi hasil pemeriksaan BPK, BPKP dan Inspektorat yang telah "
        "ditindaklanjuti sesuai rekomendasi sampai dengan akhir tahun.",
        "Jumlah rekomendasi yang telah ditindaklanjuti sesuai rekomendasi dibagi jumlah seluruh "
        "rekomendasi × 100%.",
        "Sistem Informasi Pemantauan Tindak Lanjut (SIPTL) dan Laporan Pemantauan Tindak Lanjut "
        "Hasil Pemeriksaan Inspektorat"),
    "IK-06": (
        "Jumlah temuan pemeriksaan tahun berjalan yang kondisi dan penyebabnya sama dengan "
        "temuan pada perangkat daerah yang sama tahun sebelumnya; makin sedikit makin baik.",
        "Jumlah temuan tahun berjalan yang dalam basis data temuan berkode dan berpenyebab sama "
        "dengan temuan tahun sebelumnya (dihitung kumulatif sejak awal tahun).",
        "Laporan Hasil Pemeriksaan reguler dan basis data temuan Inspektorat"),
    "IK-07": (
        "Tingkat keterlaksanaan penugasan pengawasan yang direncanakan dalam Program Kerja "
        "Pengawasan Tahunan (PKPT); realisasi di luar rentang 90–100% menunjukkan perencanaan "
        "yang kurang tepat.",
        "Jumlah penugasan PKPT yang terlaksana (laporannya terbit) dibagi jumlah penugasan yang "
        "direncanakan dalam PKPT × 100%.",
        "PKPT yang ditetapkan Bupati dan register laporan hasil pengawasan Inspektorat"),
    "IK-08": (
        "Indeks hasil Survei Penilaian Integritas (SPI) Komisi Pemberantasan Korupsi atas "
        "Pemerintah Kabupaten Wonosobo, skala 0–100, dari penilaian responden internal, "
        "eksternal dan eksper.",
        "Rata-rata tertimbang skor responden internal, eksternal dan eksper menurut metodologi "
        "SPI KPK, dikurangi faktor koreksi bila terdapat kasus korupsi.",
        "Laporan Hasil Survei Penilaian Integritas, Komisi Pemberantasan Korupsi"),
    "IK-09": (
        "Indeks Efektivitas Pengendalian Korupsi: ukuran efektivitas pengendalian korupsi di "
        "lingkungan Pemerintah Kabupaten yang dinilai BPKP, skala 0–5.",
        "Nilai tertimbang desain dan implementasi pengendalian korupsi serta dampaknya, sesuai "
        "pedoman penilaian IEPK BPKP.",
        "Laporan Hasil Penilaian IEPK, BPKP Perwakilan Provinsi Jawa Tengah"),
    "IK-10": (
        "Management Risk Index: tingkat kematangan penerapan manajemen risiko Pemerintah "
        "Kabupaten, skala 1–5, hasil penilaian BPKP.",
        "Nilai tertimbang kapabilitas manajemen risiko (kepemimpinan, kebijakan, sumber daya "
        "manusia, kemitraan, proses) dan hasil penerapannya, sesuai pedoman penilaian MRI BPKP.",
        "Laporan Hasil Penilaian Manajemen Risiko Indeks, BPKP Perwakilan Provinsi Jawa Tengah"),
    # The reviewed OPD (Diskominfo).
    "IKD-01": (
        "Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE) Pemerintah Kabupaten Wonosobo "
        "hasil evaluasi SPBE Kementerian PANRB, skala 0–5.",
        "Nilai tertimbang domain kebijakan internal, tata kelola, manajemen dan layanan SPBE "
        "sesuai PermenPANRB Nomor 59 Tahun 2020.",
        "Laporan Hasil Evaluasi SPBE, Kementerian PANRB"),
    "IKD-02": (
        "Persentase perangkat daerah yang kantornya terhubung jaringan intra pemerintah daerah.",
        "Jumlah perangkat daerah terhubung jaringan intra dibagi jumlah perangkat daerah × 100%.",
        "Data inventaris jaringan Bidang Aplikasi Informatika, Diskominfo"),
    "IKD-03": (
        "Jumlah aduan layanan informasi publik yang belum selesai ditangani pada akhir tahun.",
        "Jumlah aduan melalui SP4N-LAPOR! dan kanal pengaduan daerah yang berstatus belum "
        "selesai pada 31 Desember.",
        "Rekapitulasi SP4N-LAPOR! Kabupaten Wonosobo"),
}

# --- triwulan pattern: the position at the end of each triwulan (see lkj_core.rencana_aksi) ---

# Share of the year's change reached by the end of each triwulan, counted from `awal`:
# "posisi" — a level or index set by a yearly assessment (last year's until TW IV);
# "bertahap" — a stock or self-assessed level that moves through the year;
# "hitung" — a count or a share of a yearly programme, from zero.
POLA = {"posisi": (0, 0, 0, 1), "bertahap": (0.25, 0.5, 0.75, 1),
        "hitung": (0.25, 0.5, 0.75, 1), "hitung_persen": (0.2, 0.45, 0.7, 1)}
POLA_INDIKATOR = {"IK-01": "posisi", "IK-02": "bertahap", "IK-03": "posisi",
                  "IK-04": "posisi", "IK-05": "bertahap", "IK-06": "hitung",
                  "IK-07": "hitung_persen", "IK-08": "posisi", "IK-09": "posisi",
                  "IK-10": "posisi"}
BULAT = {"IK-01", "IK-06"}      # whole levels, counts
# The level before the Renstra (2020), the starting point of 2021's triwulan values.
AWAL_2020 = {"IK-01": 2, "IK-02": 2.85, "IK-03": 62.9, "IK-04": 63.41, "IK-05": 76.8,
             "IK-08": 69.5, "IK-09": 2.4, "IK-10": 2.4}


def triwulan(kode: str, awal: float | None, akhir: float) -> tuple[float, ...]:
    """The four end-of-triwulan positions from `awal` (last year's level; ignored for counts)
    to `akhir` (the year's value); TW IV is `akhir` exactly."""
    pola = POLA_INDIKATOR[kode]
    dasar = 0 if pola.startswith("hitung") or awal is None else awal
    nilai = []
    for f in POLA[pola][:3]:
        x = dasar + (akhir - dasar) * f
        nilai.append(float(round(x)) if kode in BULAT else round(x, 2))
    return (*nilai, akhir)


KEGIATAN = {
    "IK-01": "Pemenuhan key process area IA-CM, penjaminan kualitas berjenjang dan penilaian "
             "mandiri kapabilitas APIP bersama BPKP.",
    "IK-02": "Pendampingan penilaian risiko dan register risiko OPD, pemantauan rencana tindak "
             "pengendalian setiap triwulan, penilaian mandiri maturitas SPIP.",
    "IK-03": "Asistensi dokumen perencanaan kinerja, cascading kinerja OPD dan reviu LKjIP "
             "Pemerintah Kabupaten sebelum evaluasi KemenPANRB.",
    "IK-04": "Evaluasi internal SAKIP seluruh OPD, klinik SAKIP bulanan dan pemantauan tindak "
             "lanjut rekomendasi evaluasi.",
    "IK-05": "Pemutakhiran data tindak lanjut bersama OPD, rapat koordinasi TLHP triwulanan dan "
             "percepatan penyelesaian kerugian daerah melalui Majelis TP-TGR.",
    "IK-06": "Bimbingan teknis pengelolaan keuangan bagi bendahara, reviu pengendalian atas "
             "penyebab temuan berulang dan pemantauan rencana aksi OPD.",
    "IK-07": "Pelaksanaan penugasan PKPT sesuai jadwal triwulanan, pemantauan kartu penugasan "
             "dan penyesuaian jadwal bila ada pemeriksaan khusus.",
    "IK-08": "Sosialisasi pengendalian gratifikasi, pembangunan zona integritas dan survei "
             "integritas internal menjelang SPI KPK.",
    "IK-09": "Penguatan Unit Pengendalian Gratifikasi, pengelolaan whistleblowing system dan "
             "pemenuhan dokumen penilaian IEPK.",
    "IK-10": "Pelatihan manajemen risiko bagi pejabat pengawas, pendampingan register risiko "
             "kegiatan dan pemantauan penerapan manajemen risiko.",
}

# --- comparison figures: the signed years and the year being reported ---

# kode -> [(jenis, wilayah, {tahun: nilai}, source with {tahun})]; about half the indicators
# have figures, the others none (the report says so).
PEMBANDING = {
    "IK-01": [
        ("nasional", "Nasional", {2023: 3, 2024: 3, 2025: 3},
         "Target kapabilitas APIP level 3, RPJMN 2020–2024 (Perpres Nomor 18 Tahun 2020)"),
        ("daerah_lain", "Kabupaten Temanggung", {2023: 3, 2024: 3, 2025: 3},
         "Laporan Hasil Penjaminan Kualitas Kapabilitas APIP BPKP Perwakilan Jawa Tengah "
         "{tahun}"),
    ],
    "IK-02": [
        ("nasional", "Nasional", {2023: 3, 2024: 3, 2025: 3},
         "Standar maturitas SPIP level 3 (terdefinisi), Peraturan BPKP Nomor 5 Tahun 2021"),
        ("daerah_lain", "Kabupaten Banjarnegara", {2023: 3.12, 2024: 3.25, 2025: 3.38},
         "Laporan Hasil Penjaminan Kualitas Maturitas SPIP BPKP Perwakilan Jawa Tengah "
         "{tahun}"),
    ],
    "IK-03": [
        ("provinsi", "Provinsi Jawa Tengah (rata-rata kabupaten/kota)",
         {2023: 68.42, 2024: 69.15, 2025: 70.23},
         "Laporan Hasil Evaluasi SAKIP KemenPANRB {tahun}"),
        ("daerah_lain", "Kabupaten Temanggung", {2023: 66.51, 2024: 67.84, 2025: 68.93},
         "Laporan Hasil Evaluasi SAKIP KemenPANRB {tahun}"),
    ],
    "IK-08": [
        ("nasional", "Nasional", {2023: 70.97, 2024: 71.53, 2025: 72.1},
         "Laporan Hasil Survei Penilaian Integritas KPK {tahun}"),
        ("provinsi", "Provinsi Jawa Tengah", {2023: 75.86, 2024: 76.42, 2025: 77.05},
         "Laporan Hasil Survei Penilaian Integritas KPK {tahun}"),
        ("daerah_lain", "Kabupaten Temanggung", {2023: 72.4, 2024: 73.05, 2025: 73.8},
         "Laporan Hasil Survei Penilaian Integritas KPK {tahun}"),
    ],
    "IK-09": [
        ("provinsi", "Provinsi Jawa Tengah (rata-rata kabupaten/kota)",
         {2023: 3.05, 2024: 3.18, 2025: 3.31},
         "Laporan Hasil Penilaian IEPK BPKP Perwakilan Jawa Tengah {tahun}"),
        ("daerah_lain", "Kabupaten Banjarnegara", {2023: 2.95, 2024: 3.12, 2025: 3.4},
         "Laporan Hasil Penilaian IEPK BPKP Perwakilan Jawa Tengah {tahun}"),
    ],
}

# --- the instansi profile (letterhead, Bab I) ---

PROFIL = {
    "alamat": "Jl. Sabuk Alu No. 2, Wonosobo, Jawa Tengah 56311",
    "telepon": "(0286) 321045",
    "email": "inspektorat@wonosobokab.go.id",
    "laman": "https://inspektorat.wonosobokab.go.id",
    "dasar_hukum": "Peraturan Bupati Wonosobo Nomor 54 Tahun 2021 tentang Kedudukan, Susunan "
                   "Organisasi, Tugas dan Fungsi serta Tata Kerja Inspektorat Daerah",
    "tugas": "Inspektorat Daerah mempunyai tugas membantu Bupati membina dan mengawasi "
             "pelaksanaan urusan pemerintahan yang menjadi kewenangan Daerah dan tugas "
             "pembantuan oleh Perangkat Daerah.",
    "fungsi": [
        "perumusan kebijakan teknis di bidang pengawasan dan fasilitasi pengawasan;",
        "pelaksanaan pengawasan internal terhadap kinerja dan keuangan melalui audit, reviu, "
        "evaluasi, pemantauan, dan kegiatan pengawasan lainnya;",
        "pelaksanaan pengawasan untuk tujuan tertentu atas penugasan Bupati;",
        "penyusunan laporan hasil pengawasan;",
        "pelaksanaan administrasi Inspektorat Daerah; dan",
        "pelaksanaan fungsi lain yang diberikan oleh Bupati terkait dengan tugas dan fungsinya.",
    ],
}

# --- staff: 45 people in 2025; other years differ in auditors, golongan III and S1 ---

KOMPOSISI_2025 = {
    "jabatan": [("Inspektur", 1), ("Sekretaris", 1), ("Inspektur Pembantu", 4),
                ("Kepala Subbagian", 2), ("Auditor", 16),
                ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah (PPUPD)", 9),
                ("Jabatan fungsional lainnya", 3), ("Pelaksana", 9)],
    "golongan": [("Golongan IV", 12), ("Golongan III", 28), ("Golongan II", 5)],
    "pendidikan": [("S2", 14), ("S1/D4", 24), ("D3", 3), ("SMA/sederajat", 4)],
}
SELISIH_PEGAWAI = {2021: -3, 2022: -2, 2023: -1, 2024: 1, 2025: 0, 2026: 1}
_BERUBAH = {"jabatan": "Auditor", "golongan": "Golongan III", "pendidikan": "S1/D4"}


def komposisi(tahun: int) -> dict[str, list[tuple[str, int]]]:
    """The demo staff of a year per dimension (each dimension sums to the same headcount)."""
    d = SELISIH_PEGAWAI[tahun]
    return {dim: [(k, j + d if k == _BERUBAH[dim] else j) for k, j in rows]
            for dim, rows in KOMPOSISI_2025.items()}


# --- follow-up of the SAKIP evaluation reported in each year's LKjIP ---

S, P, B = "selesai", "dalam proses", "belum ditindaklanjuti"
TINDAK_LANJUT = {
    2021: [
        ("Menyelaraskan indikator kinerja sasaran pada Renstra dengan Perjanjian Kinerja dan "
         "Indikator Kinerja Utama.", "Renstra 2021–2026 memakai indikator sasaran yang sama "
         "dengan IKU dan Perjanjian Kinerja 2021.", S),
        ("Menyusun rencana aksi triwulanan atas target Perjanjian Kinerja.",
         "Rencana aksi 2021 ditetapkan Inspektur bersama Perjanjian Kinerja dan dipantau "
         "setiap triwulan.", S),
        ("Melengkapi manual indikator kinerja dengan definisi operasional, formula dan sumber "
         "data.", "Manual IKU disusun untuk 7 dari 10 indikator; sisanya menunggu pedoman "
         "penilaian BPKP.", P),
    ],
    2022: [
        ("Melengkapi manual indikator kinerja untuk seluruh indikator.",
         "Manual IKU seluruh indikator ditetapkan dengan Keputusan Inspektur.", S),
        ("Menyajikan perbandingan capaian kinerja dengan standar nasional dan daerah lain "
         "dalam LKjIP.", "Bab III memuat perbandingan dengan capaian nasional dan kabupaten "
         "sekitar untuk indikator yang datanya tersedia.", S),
        ("Melakukan cascading kinerja hingga pejabat pengawas dan jabatan fungsional.",
         "Pohon kinerja dan cascading sampai Inspektur Pembantu telah disusun; tingkat auditor "
         "masih disusun.", P),
        ("Memanfaatkan hasil pengukuran kinerja sebagai dasar pemberian penghargaan dan "
         "sanksi.", "", B),
    ],
    2023: [
        ("Menyelesaikan cascading kinerja sampai jabatan fungsional auditor dan PPUPD.",
         "Sasaran kinerja pegawai auditor dan PPUPD diturunkan dari pohon kinerja "
         "Inspektorat.", S),
        ("Memanfaatkan hasil pengukuran kinerja sebagai dasar penghargaan dan sanksi.",
         "Capaian kinerja triwulanan menjadi dasar pemilihan auditor berprestasi; pengaturan "
         "sanksi masih dibahas.", P),
        ("Mengintegrasikan data kinerja dengan aplikasi perencanaan dan penganggaran (SIPD).",
         "Kode program dan kegiatan Perjanjian Kinerja diselaraskan dengan SIPD; data realisasi "
         "kinerja belum terhubung.", P),
        ("Menyusun analisis efisiensi penggunaan sumber daya per sasaran strategis.",
         "Analisis efisiensi per sasaran disajikan pada Bab III LKjIP.", S),
    ],
    2024: [
        ("Menetapkan pedoman penghargaan dan sanksi berbasis capaian kinerja.",
         "Keputusan Inspektur tentang pedoman penghargaan dan sanksi berbasis kinerja "
         "ditetapkan pada Maret 2024.", S),
        ("Menghubungkan data realisasi kinerja dengan aplikasi perencanaan dan penganggaran.",
         "Isian kinerja bidang dihimpun dalam aplikasi LKj dan diekspor ke format SIPD.", P),
        ("Mengevaluasi capaian rencana aksi setiap triwulan dan mendokumentasikan hasilnya.",
         "Rapat evaluasi rencana aksi dilaksanakan empat kali dengan notulen.", S),
        ("Menyajikan analisis penyebab dan alternatif solusi untuk indikator yang tidak "
         "mencapai target.", "Analisis penyebab dan solusi disajikan per indikator pada "
         "Bab III.", S),
    ],
    2025: [
        ("Menyajikan analisis efisiensi dengan membandingkan biaya per keluaran.",
         "Biaya per penugasan pengawasan dihitung untuk program pengawasan; program penunjang "
         "menyusul.", P),
        ("Memperluas perbandingan capaian dengan daerah lain yang setara.",
         "Angka pembanding Kabupaten Temanggung dan Kabupaten Banjarnegara dihimpun untuk lima "
         "indikator.", P),
        ("Mempercepat integrasi data realisasi kinerja dengan SIPD.",
         "Ekspor data isian kinerja telah diuji coba; integrasi menunggu fasilitas antarmuka "
         "SIPD.", P),
        ("Menindaklanjuti catatan reviu LKjIP oleh APIP sebelum laporan ditandatangani.",
         "Seluruh catatan reviu LKjIP 2024 dijawab dan ditutup sebelum penandatanganan.", S),
    ],
    2026: [
        ("Menyusun target kinerja Renstra periode berikutnya berdasarkan tren capaian "
         "2021–2025.", "", B),
        ("Menetapkan standar biaya per keluaran pengawasan.",
         "Rancangan standar biaya disusun Sekretariat.", P),
        ("Memanfaatkan angka pembanding daerah lain dalam penetapan target tahunan.", "", B),
    ],
}


def muat(con: Con, pelaku: Pelaku, indikator: dict[str, int],
         target: dict[str, list], realisasi: dict[str, list], tahun: list[int]) -> None:
    """Write the demo's LKjIP data for the instansi of `pelaku` (the seed's admin actor):
    `indikator` kode -> id, `target` / `realisasi` kode -> values per year of `tahun`
    (a rentang target is a (lower, upper) pair)."""
    profil.simpan_profil(con, pelaku, **PROFIL)
    for th in tahun:
        for dimensi, baris in komposisi(th).items():
            profil.simpan_komposisi(con, pelaku, th, dimensi, baris)
        profil.simpan_tindak_lanjut(con, pelaku, th, [
            {"rekomendasi": r, "tindak_lanjut": t, "status": s}
            for r, t, s in TINDAK_LANJUT[th]])
        rencana = {}
        for kode, ik in indikator.items():
            i = tahun.index(th)
            t = target[kode][i]
            lalu = realisasi[kode][i - 1] if 0 < i <= len(realisasi[kode]) else AWAL_2020.get(kode)
            nilai = triwulan(kode, lalu, t[0] if isinstance(t, tuple) else t)
            rencana[ik] = (dict(zip(rencana_aksi.TRIWULAN, nilai)), KEGIATAN[kode])
        rencana_aksi.simpan_rencana_aksi_tahun(con, pelaku, th, rencana)
    for kode, daftar in PEMBANDING.items():
        for jenis, wilayah, nilai, sumber in daftar:
            for th, v in nilai.items():
                pembanding.simpan(con, pelaku, indikator[kode], th, jenis, wilayah, v,
                                  sumber.format(tahun=th))
