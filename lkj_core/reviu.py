"""The reviu of a year's LKjIP by APIP (the Inspektorat's auditors) before it is signed:
assignment of an independent team, the worksheet (kertas kerja reviu), findings answered by
the drafter, and the finished reviu behind the report's "Pernyataan Telah Direviu".

The Inspektorat is the APIP of every perangkat daerah of its Pemda, so its Inspektur, admin
and reviewers reach every instansi whose `pemda` equals theirs; a Kasubag sees only the
reviu of their own instansi's report (to answer its findings)."""

from __future__ import annotations

import json

import pandas as pd

from lkj_core import audit, organisasi, waktu_kerja
from lkj_core.db import Con, TransaksiBentrok, transaksi, ulangi_bila_bentrok
from lkj_core.organisasi import DataTidakValid, teks_wajib
from lkj_core.pejabat import validasi_nip
from lkj_core.peran import AksesDitolak, Pelaku, boleh, wajib

KUNCI_DAFTAR_PERIKSA = "reviu_daftar_periksa"   # pengaturan.kunci of the APIP's checklist
# The default worksheet, after the APIP reviu guidance and PermenPANRB 53/2014.
DAFTAR_PERIKSA_BAKU = (
    "Data realisasi kinerja telah diuji petik terhadap bukti dukung (dokumen sumber) dan "
    "angkanya sesuai.",
    "Laporan Kinerja konsisten dengan Renstra, Indikator Kinerja Utama (IKU) dan Perjanjian "
    "Kinerja tahun berjalan (sasaran, indikator dan target sama).",
    "Rumus capaian kinerja benar untuk setiap polaritas indikator (positif, negatif, "
    "rentang).",
    "Struktur LKjIP lengkap sesuai PermenPANRB 53/2014: Pendahuluan, Perencanaan Kinerja, "
    "Akuntabilitas Kinerja, Penutup, dan lampiran Perjanjian Kinerja.",
    "Ketujuh poin analisis capaian Bab III tersedia untuk setiap sasaran strategis (target dan "
    "realisasi; perbandingan dengan tahun lalu, dengan target jangka menengah dan dengan "
    "standar nasional; penyebab dan solusi; efisiensi sumber daya; program pendukung).",
    "Angka realisasi anggaran (pagu, realisasi, persentase) sesuai dengan Laporan Realisasi "
    "Anggaran.",
    "Realisasi yang belum tersedia dinyatakan 'belum ada data' (tidak ditulis 0) dan indikator "
    "tanpa target tahun berjalan telah diungkapkan.",
    "Laporan Kinerja dapat disampaikan tepat waktu, paling lambat tiga bulan setelah tahun "
    "anggaran berakhir (31 Maret).",
)
BUTIR_MAKS = 500            # characters of one checklist item
JUMLAH_BUTIR_MAKS = 50
TEKS_MAKS = 5000            # notes, findings, answers, the conclusion
SURAT_TUGAS_MAKS = 100
RUANG_LINGKUP_MAKS = 2000

JAWABAN = {"ya": "Ya", "tidak": "Tidak", "tidak_berlaku": "Tidak berlaku"}
LABEL_STATUS = {"belum": "Belum ditugaskan", "berjalan": "Berjalan", "selesai": "Selesai"}
LABEL_TEMUAN = {"terbuka": "Terbuka", "dijawab": "Dijawab", "ditutup": "Ditutup"}
# SOP steps whose finisher drafted the report (7: analysing the data, 8: the draft itself).
LANGKAH_PENYUSUNAN = (7, 8)


class KonflikReviu(DataTidakValid):
    """Someone else changed the finding (or the reviu) after this user read it."""


def _tanpa_bentrok(fungsi):
    """Run one reviu transaction; when a concurrent one wrote the same rows first, run it
    again: it re-reads and re-checks versions and statuses, so it never overwrites blindly."""
    try:
        return ulangi_bila_bentrok(fungsi)
    except TransaksiBentrok:
        raise KonflikReviu("Reviu ini sedang diubah oleh pengguna lain pada saat yang sama, "
                           "jadi tindakan Anda belum tersimpan. Coba lagi sebentar lagi.",
                           "_") from None


# --- pure rules ---

def validasi_daftar_periksa(butir: list[str]) -> list[str]:
    """The checklist items, stripped and without blank lines; raises DataTidakValid when
    empty, too long or repeated."""
    hasil = [" ".join((b or "").split()) for b in butir or []]
    hasil = [b for b in hasil if b]
    if not hasil:
        raise DataTidakValid("Daftar periksa reviu wajib berisi paling sedikit satu butir.",
                             "butir")
    if len(hasil) > JUMLAH_BUTIR_MAKS:
        raise DataTidakValid(f"Daftar periksa paling banyak {JUMLAH_BUTIR_MAKS} butir.",
                             "butir")
    for i, b in enumerate(hasil, start=1):
        if len(b) > BUTIR_MAKS:
            raise DataTidakValid(f"Butir {i} terlalu panjang (maksimal {BUTIR_MAKS} "
                                 "karakter).", "butir")
    dilihat: dict[str, int] = {}
    for i, b in enumerate(hasil, start=1):
        if b.casefold() in dilihat:
            raise DataTidakValid(f"Butir {i} sama dengan butir {dilihat[b.casefold()]}: "
                                 f"“{b[:80]}”.", "butir")
        dilihat[b.casefold()] = i
    return hasil


def validasi_jawaban(jawaban: str | None, catatan: str | None,
                     bukti_diperiksa: str | None) -> dict:
    """A worksheet answer as stored; 'tidak' needs a note saying what does not comply."""
    kesalahan = {}
    if jawaban not in JAWABAN:
        kesalahan["jawaban"] = "Pilih jawaban: Ya, Tidak atau Tidak berlaku."
    catatan = (catatan or "").strip()
    bukti = (bukti_diperiksa or "").strip()
    if jawaban == "tidak" and not catatan:
        kesalahan["catatan"] = "Jawaban 'Tidak' wajib disertai catatan: apa yang tidak sesuai."
    for kolom, teks, label in (("catatan", catatan, "Catatan"),
                               ("bukti_diperiksa", bukti, "Bukti yang diperiksa")):
        if len(teks) > TEKS_MAKS:
            kesalahan[kolom] = f"{label} terlalu panjang (maksimal {TEKS_MAKS} karakter)."
    if kesalahan:
        raise DataTidakValid(kesalahan=kesalahan)
    return {"jawaban": jawaban, "catatan": catatan or None, "bukti_diperiksa": bukti or None}


def ruang_lingkup_baku(nama_instansi: str, tahun: int) -> str:
    """The scope text an assignment starts from."""
    return (f"Reviu atas Laporan Kinerja {nama_instansi} Tahun {tahun}: keandalan dan "
            "kelengkapan data kinerja serta bukti dukungnya, konsistensi dengan Renstra, IKU "
            "dan Perjanjian Kinerja, kebenaran perhitungan capaian, dan kesesuaian penyajian "
            "dengan PermenPANRB 53/2014.")


def _lihat_sepemda(peran: str) -> bool:
    # Who assigns or does reviews (APIP) sees every instansi of the Pemda; a Kasubag only
    # their own, to answer findings.
    return boleh(peran, "tugaskan_reviu") or boleh(peran, "kerjakan_reviu")


# --- access ---

def _sepemda(con: Con, pelaku: Pelaku, instansi_id: int) -> dict:
    """The instansi, if it belongs to the actor's Pemda; another Pemda's does not exist here."""
    ins = organisasi.instansi(con, instansi_id)
    sendiri = organisasi.instansi(con, pelaku.instansi_id)
    if ins is None or sendiri is None or ins["pemda"] != sendiri["pemda"]:
        raise DataTidakValid("Instansi tidak ditemukan.", "instansi")
    return ins


def _wajib_lihat(con: Con, pelaku: Pelaku, instansi_id: int) -> dict:
    wajib(pelaku, "lihat_reviu")
    ins = _sepemda(con, pelaku, instansi_id)
    if instansi_id != pelaku.instansi_id and not _lihat_sepemda(pelaku.peran):
        raise AksesDitolak("Reviu ini milik instansi lain: Anda hanya dapat melihat reviu "
                           "laporan instansi Anda sendiri.")
    return ins


def _baris_reviu(con: Con, reviu_id: int) -> dict | None:
    return audit.baris(con, "SELECT * FROM reviu WHERE id = ?", [reviu_id])


def _reviu_terlihat(con: Con, pelaku: Pelaku, reviu_id: int) -> dict:
    wajib(pelaku, "lihat_reviu")
    r = _baris_reviu(con, reviu_id)
    if r is None:
        raise DataTidakValid("Reviu tidak ditemukan.")
    try:
        _wajib_lihat(con, pelaku, r["instansi_id"])
    except DataTidakValid:
        raise DataTidakValid("Reviu tidak ditemukan.") from None
    return r


def tidak_independen(con: Con, instansi_id: int, tahun: int, username: str) -> str | None:
    """Why `username` may not review this instansi-year's report (they drafted it or entered
    its data), or None when they are independent of it."""
    rows = con.execute(
        "SELECT DISTINCT sumber FROM ("
        " SELECT 'isian' AS sumber FROM realisasi r JOIN indikator i ON i.id = r.indikator_id"
        "  WHERE i.instansi_id = ? AND r.tahun = ? AND r.diubah_oleh = ?"
        " UNION ALL SELECT 'isian' FROM riwayat_isian h JOIN indikator i"
        "  ON i.id = h.indikator_id WHERE i.instansi_id = ? AND h.tahun = ? AND h.pelaku = ?"
        " UNION ALL SELECT 'bukti' FROM bukti_dukung b JOIN indikator i"
        "  ON i.id = b.indikator_id WHERE i.instansi_id = ? AND b.tahun = ?"
        "  AND b.diunggah_oleh = ?"
        " UNION ALL SELECT 'naskah' FROM naskah_laporan WHERE instansi_id = ? AND tahun = ?"
        "  AND diubah_oleh = ?"
        " UNION ALL SELECT 'langkah' FROM siklus_langkah l JOIN siklus s ON s.id = l.siklus_id"
        "  WHERE s.instansi_id = ? AND s.tahun = ? AND l.no IN (?, ?)"
        "  AND l.diselesaikan_oleh = ?)",
        [instansi_id, tahun, username] * 4
        + [instansi_id, tahun, *LANGKAH_PENYUSUNAN, username]).fetchall()
    if not rows:
        return None
    sumber = {r[0] for r in rows}
    alasan = [teks for kunci, teks in (
        ("isian", f"mengisi atau mengolah data realisasi kinerja tahun {tahun}"),
        ("bukti", f"mengunggah bukti dukung tahun {tahun}"),
        ("naskah", f"menulis naskah laporan tahun {tahun}"),
        ("langkah", f"menyelesaikan langkah penyusunan laporan (langkah SOP "
                    f"{' dan '.join(map(str, LANGKAH_PENYUSUNAN))}) tahun {tahun}"),
    ) if kunci in sumber]
    row = con.execute("SELECT nama FROM pengguna WHERE username = ?", [username]).fetchone()
    siapa = f"{row[0]} ({username})" if row else username
    return (f"{siapa} tidak boleh mereviu laporan yang ikut disusunnya / datanya diisinya: "
            f"{'; '.join(alasan)}.")


def _kedudukan(con: Con, reviu_id: int, username: str) -> str | None:
    row = con.execute("SELECT kedudukan FROM reviu_tim WHERE reviu_id = ? AND username = ?",
                      [reviu_id, username]).fetchone()
    return row[0] if row else None


def _wajib_tim(con: Con, pelaku: Pelaku, r: dict) -> str:
    """The actor's place in the team ('ketua'/'anggota'), if they may work on this reviu now:
    assigned to it and still independent of the report (a reviewer who became a drafter after
    the assignment is refused too)."""
    kedudukan = _kedudukan(con, r["id"], pelaku.username)
    if kedudukan is None:
        raise AksesDitolak("Anda bukan anggota tim reviu ini; hanya tim yang ditugaskan yang "
                           "dapat mengerjakannya.")
    alasan = tidak_independen(con, r["instansi_id"], r["tahun"], pelaku.username)
    if alasan:
        raise AksesDitolak(alasan)
    return kedudukan


def _reviu_kerja(con: Con, pelaku: Pelaku, reviu_id: int) -> tuple[dict, str]:
    """The reviu and the actor's place in its team, for a write by the team."""
    wajib(pelaku, "kerjakan_reviu")
    r = _reviu_terlihat(con, pelaku, reviu_id)
    return r, _wajib_tim(con, pelaku, r)


def _wajib_berjalan(r: dict) -> None:
    if r["status"] != "berjalan":
        raise DataTidakValid("Reviu ini sudah selesai; kertas kerja dan catatan reviu tidak "
                             "dapat diubah lagi.", "status")


def _diubah(hasil) -> int:
    """How many rows an UPDATE changed. Never UPDATE … RETURNING here: DuckDB 2.0.1 does not
    detect a write-write conflict for it on a table with a primary key (both transactions
    commit, the later one silently wins); the plain UPDATE raises "Conflict on update"."""
    return hasil.fetchone()[0]


def _sentuh(con: Con, reviu_id: int) -> None:
    # Every write inside a reviu also moves the reviu row's version, in the same transaction:
    # DuckDB detects write-write conflicts per row only, so without this an answer or a new
    # finding could commit while the ketua finishes the reviu (each writing other rows).
    if not _diubah(con.execute("UPDATE reviu SET versi = versi + 1 WHERE id = ? AND status ="
                               " 'berjalan'", [reviu_id])):
        raise DataTidakValid("Reviu ini sudah selesai; kertas kerja dan catatan reviu tidak "
                             "dapat diubah lagi.", "status")


# --- reading ---

def status(con: Con, instansi_id: int, tahun: int) -> dict:
    """The reviu of an instansi-year for the report and the signing gate (no access check):
    status 'belum'|'berjalan'|'selesai', reviu_id, temuan_terbuka (findings not closed),
    butir_kosong (unanswered items), ketua (name)."""
    row = con.execute(
        "SELECT r.id, r.status,"
        " (SELECT count(*) FROM reviu_temuan t WHERE t.reviu_id = r.id"
        "  AND t.status <> 'ditutup'),"
        " (SELECT count(*) FROM reviu_butir b WHERE b.reviu_id = r.id AND b.jawaban IS NULL),"
        " (SELECT m.nama FROM reviu_tim m WHERE m.reviu_id = r.id AND m.kedudukan = 'ketua')"
        " FROM reviu r WHERE r.instansi_id = ? AND r.tahun = ?", [instansi_id, tahun]).fetchone()
    if row is None:
        return {"status": "belum", "reviu_id": None, "temuan_terbuka": 0, "butir_kosong": 0,
                "ketua": None}
    return {"status": row[1], "reviu_id": row[0], "temuan_terbuka": int(row[2]),
            "butir_kosong": int(row[3]), "ketua": row[4]}


def _tim(con: Con, reviu_id: int) -> pd.DataFrame:
    return con.execute(
        "SELECT kedudukan, username, nama, nip, pangkat, jabatan FROM reviu_tim"
        " WHERE reviu_id = ? ORDER BY kedudukan = 'ketua' DESC, nama, username",
        [reviu_id]).df()


def pernyataan(con: Con, instansi_id: int, tahun: int) -> dict | None:
    """What the report's 'Pernyataan Telah Direviu' states, from the finished reviu on record
    (None unless the reviu is finished): surat tugas, scope, conclusion, date, team (ketua
    first)."""
    r = audit.baris(con, "SELECT * FROM reviu WHERE instansi_id = ? AND tahun = ?",
                    [instansi_id, tahun])
    if r is None or r["status"] != "selesai":
        return None
    tim_df = _tim(con, r["id"])
    return {
        "nomor_surat_tugas": r["nomor_surat_tugas"], "ruang_lingkup": r["ruang_lingkup"],
        "kesimpulan": r["kesimpulan"], "tanggal": r["selesai_pada"].date(),
        "tim": [{"kedudukan": t.kedudukan, "nama": t.nama, "nip": t.nip,
                 "pangkat": None if pd.isna(t.pangkat) else t.pangkat,
                 "jabatan": None if pd.isna(t.jabatan) else t.jabatan}
                for t in tim_df.itertuples()],
    }


def daftar_laporan(con: Con, pelaku: Pelaku, tahun: int) -> pd.DataFrame:
    """Every instansi of the actor's Pemda (a Kasubag: their own) with its reviu of `tahun`:
    status ('belum ditugaskan'/'berjalan'/'selesai'), team chief, open findings and whether
    the report is signed. The actor's own instansi comes first."""
    wajib(pelaku, "lihat_reviu")
    semua = _lihat_sepemda(pelaku.peran)
    return con.execute(
        "SELECT i.id AS instansi_id, i.nama AS instansi, r.id AS reviu_id,"
        " CASE WHEN r.id IS NULL THEN 'belum ditugaskan' ELSE r.status END AS status,"
        " r.nomor_surat_tugas,"
        " (SELECT m.nama FROM reviu_tim m WHERE m.reviu_id = r.id"
        "  AND m.kedudukan = 'ketua') AS ketua,"
        " (SELECT count(*) FROM reviu_temuan t WHERE t.reviu_id = r.id"
        "  AND t.status <> 'ditutup')::INTEGER AS temuan_terbuka,"
        " coalesce(s.status_laporan = 'disetujui', FALSE) AS ditandatangani"
        " FROM instansi i"
        " LEFT JOIN reviu r ON r.instansi_id = i.id AND r.tahun = ?"
        " LEFT JOIN siklus s ON s.instansi_id = i.id AND s.tahun = ?"
        " WHERE i.pemda = (SELECT pemda FROM instansi WHERE id = ?) AND (? OR i.id = ?)"
        " ORDER BY i.id = ? DESC, i.nama",
        [tahun, tahun, pelaku.instansi_id, semua, pelaku.instansi_id,
         pelaku.instansi_id]).df()


def reviu(con: Con, pelaku: Pelaku, reviu_id: int) -> dict:
    """One reviu with the reviewed instansi's name and Pemda and the APIP's name."""
    r = _reviu_terlihat(con, pelaku, reviu_id)
    ins = organisasi.instansi(con, r["instansi_id"])
    apip = organisasi.instansi(con, r["apip_instansi_id"])
    return {**r, "instansi": ins["nama"], "pemda": ins["pemda"],
            "apip": apip["nama"] if apip else None}


def tim(con: Con, pelaku: Pelaku, reviu_id: int) -> pd.DataFrame:
    """The team as assigned (ketua first): kedudukan, username, nama, nip, pangkat, jabatan."""
    _reviu_terlihat(con, pelaku, reviu_id)
    return _tim(con, reviu_id)


def butir(con: Con, pelaku: Pelaku, reviu_id: int) -> pd.DataFrame:
    """The worksheet items in order, with their answers (jawaban None: not answered yet)."""
    _reviu_terlihat(con, pelaku, reviu_id)
    return con.execute(
        "SELECT no, uraian, jawaban, catatan, bukti_diperiksa, diisi_oleh, diisi_pada"
        " FROM reviu_butir WHERE reviu_id = ? ORDER BY no", [reviu_id]).df()


def temuan(con: Con, pelaku: Pelaku, reviu_id: int) -> pd.DataFrame:
    """The findings, oldest first, with their answers, versions and, for a finding sent
    back, the reviewer's latest note (`catatan_kembali`)."""
    _reviu_terlihat(con, pelaku, reviu_id)
    df = con.execute(
        "SELECT id, butir_no, uraian, rekomendasi, status, dibuat_oleh, dibuat_pada, jawaban,"
        " dijawab_oleh, dijawab_pada, ditutup_oleh, ditutup_pada, versi FROM reviu_temuan"
        " WHERE reviu_id = ? ORDER BY id", [reviu_id]).df()
    # The note of a return lives in the audit row of that return (the table has no column
    # for it); the latest one per finding is what the drafter must answer.
    catatan: dict[str, str] = {}
    for kunci, baru in con.execute(
            "SELECT kunci, baru FROM audit_log WHERE tabel = 'reviu_temuan'"
            " AND aksi = 'kembalikan' AND kunci IN (SELECT id::VARCHAR FROM reviu_temuan"
            " WHERE reviu_id = ?) ORDER BY id", [reviu_id]).fetchall():
        catatan[kunci] = json.loads(baru).get("catatan")
    return df.assign(catatan_kembali=pd.Series([catatan.get(str(i)) for i in df["id"]],
                                               index=df.index, dtype=object))


def daftar_periksa(con: Con, instansi_id: int) -> list[str]:
    """The APIP instansi's worksheet checklist (the default until it sets its own)."""
    row = con.execute("SELECT nilai FROM pengaturan WHERE instansi_id = ? AND kunci = ?",
                      [instansi_id, KUNCI_DAFTAR_PERIKSA]).fetchone()
    return list(json.loads(row[0])) if row else list(DAFTAR_PERIKSA_BAKU)


def daftar_pereviu(con: Con, pelaku: Pelaku, instansi_id: int, tahun: int) -> pd.DataFrame:
    """Active reviewers of the actor's instansi who may be assigned, with `tidak_independen`
    (why one may not review this instansi-year's report, or None)."""
    wajib(pelaku, "tugaskan_reviu")
    _sepemda(con, pelaku, instansi_id)
    df = con.execute(
        "SELECT username, nama, nip, pangkat, jabatan FROM pengguna WHERE instansi_id = ?"
        " AND peran = 'reviewer' AND aktif ORDER BY nama, username",
        [pelaku.instansi_id]).df()
    return df.assign(tidak_independen=pd.Series(
        [tidak_independen(con, instansi_id, tahun, u) for u in df["username"]],
        index=df.index, dtype=object))


def pembaca(con: Con, pelaku: Pelaku, instansi_id: int) -> Pelaku:
    """An instansi-wide reader of another instansi of the same Pemda, for an APIP user
    (reviewer, Inspektur, admin) to build that instansi's draft report
    (`laporan.kumpulkan_data`). For reading only: never pass it to a write function."""
    wajib(pelaku, "lihat_reviu")
    if not _lihat_sepemda(pelaku.peran):
        raise AksesDitolak("Draf laporan instansi yang direviu hanya dibuka oleh tim APIP "
                           "(pereviu, Inspektur, admin).")
    _sepemda(con, pelaku, instansi_id)
    return Pelaku(pelaku.username, "inspektur", instansi_id, None)


# --- writing ---

def atur_daftar_periksa(con: Con, pelaku: Pelaku, butir: list[str]) -> None:
    """Set the actor's instansi's worksheet checklist (a running reviu keeps its own copy)."""
    wajib(pelaku, "tugaskan_reviu")
    baru = validasi_daftar_periksa(butir)
    lama = daftar_periksa(con, pelaku.instansi_id)

    def tulis() -> None:
        with transaksi(con):
            con.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, ?)",
                        [pelaku.instansi_id, KUNCI_DAFTAR_PERIKSA,
                         json.dumps(baru, ensure_ascii=False)])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "ubah", "pengaturan",
                        KUNCI_DAFTAR_PERIKSA, {"butir": lama}, {"butir": baru})

    _tanpa_bentrok(tulis)


def _anggota_tim(con: Con, pelaku: Pelaku, username: str) -> tuple[dict | None, str | None]:
    """(the user's team row, None) when they may be assigned, else (None, why not)."""
    u = audit.baris(con, "SELECT username, nama, nip, pangkat, jabatan, peran, aktif,"
                    " instansi_id FROM pengguna WHERE username = ?", [username])
    if u is None or u["instansi_id"] != pelaku.instansi_id:
        return None, f"Pengguna '{username}' tidak ditemukan di instansi Anda."
    siapa = f"{u['nama']} ({username})"
    if not u["aktif"]:
        return None, f"{siapa} tidak aktif."
    if u["peran"] != "reviewer":
        return None, f"{siapa} bukan pereviu; hanya pengguna berperan Pereviu yang dapat " \
                     "ditugaskan."
    try:
        nip = validasi_nip(u["nip"], wajib_ada=True)
    except DataTidakValid as exc:
        return None, (f"{siapa} belum dapat ditugaskan: {exc} Minta admin melengkapi NIP "
                      "di data penggunanya.")
    return {**u, "nip": nip}, None


def tugaskan(con: Con, pelaku: Pelaku, instansi_id: int, tahun: int, nomor_surat_tugas: str,
             ruang_lingkup: str, ketua: str, anggota: list[str]) -> int:
    """Assign a reviu team (reviewers of the actor's instansi, the APIP) to an instansi's
    report of `tahun`; copies the team's names and the current checklist. Returns its id."""
    wajib(pelaku, "tugaskan_reviu")
    ins = _sepemda(con, pelaku, instansi_id)
    kesalahan: dict[str, list[str]] = {}

    def salah(kolom: str, pesan: str) -> None:
        kesalahan.setdefault(kolom, []).append(pesan)

    nilai = {}
    for kolom, label, maks, teks in (
            ("nomor_surat_tugas", "Nomor surat tugas", SURAT_TUGAS_MAKS, nomor_surat_tugas),
            ("ruang_lingkup", "Ruang lingkup", RUANG_LINGKUP_MAKS, ruang_lingkup)):
        try:
            nilai[kolom] = teks_wajib(teks, label, kolom, maks)
        except DataTidakValid as exc:
            salah(kolom, str(exc))
    ketua = (ketua or "").strip().lower()
    anggota = list(dict.fromkeys(a.strip().lower() for a in anggota or [] if (a or "").strip()))
    tim_baru: list[tuple[str, dict]] = []
    if not ketua:
        salah("ketua", "Ketua tim wajib dipilih.")
    elif ketua in anggota:
        salah("anggota", f"'{ketua}' dipilih sebagai ketua sekaligus anggota; pilih salah "
                         "satu.")
    calon = ([("ketua", ketua)] if ketua else []) + [("anggota", a) for a in anggota
                                                     if a != ketua]
    for kedudukan, username in calon:
        u, pesan = _anggota_tim(con, pelaku, username)
        pesan = pesan or tidak_independen(con, instansi_id, tahun, username)
        if pesan:
            salah(kedudukan, pesan)
        else:
            tim_baru.append((kedudukan, u))
    if kesalahan:
        raise DataTidakValid(kesalahan={k: " ".join(v) for k, v in kesalahan.items()})
    if not con.execute("SELECT count(*) FROM target_tahunan tt JOIN indikator i"
                       " ON i.id = tt.indikator_id WHERE i.instansi_id = ? AND tt.tahun = ?",
                       [instansi_id, tahun]).fetchone()[0]:
        raise DataTidakValid(f"Tahun {tahun} belum memiliki Perjanjian Kinerja/target; reviu "
                             "belum dapat ditugaskan.", "tahun")
    butir_baru = daftar_periksa(con, pelaku.instansi_id)

    def tulis() -> int:
        with transaksi(con):
            ada = audit.baris(con, "SELECT id, nomor_surat_tugas FROM reviu WHERE"
                              " instansi_id = ? AND tahun = ?", [instansi_id, tahun])
            if ada:
                raise DataTidakValid(f"Reviu laporan {ins['nama']} tahun {tahun} sudah "
                                     f"ditugaskan (surat tugas {ada['nomor_surat_tugas']}).",
                                     "tahun")
            rid = con.execute(
                "INSERT INTO reviu (instansi_id, tahun, apip_instansi_id, nomor_surat_tugas,"
                " ruang_lingkup, ditugaskan_oleh, ditugaskan_pada) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                [instansi_id, tahun, pelaku.instansi_id, nilai["nomor_surat_tugas"],
                 nilai["ruang_lingkup"], pelaku.username, waktu_kerja.sekarang()]).fetchone()[0]
            for kedudukan, u in tim_baru:
                con.execute("INSERT INTO reviu_tim (reviu_id, username, kedudukan, nama, nip,"
                            " pangkat, jabatan) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [rid, u["username"], kedudukan, u["nama"], u["nip"],
                             u["pangkat"], u["jabatan"]])
            for no, uraian in enumerate(butir_baru, start=1):
                con.execute("INSERT INTO reviu_butir (reviu_id, no, uraian) VALUES (?, ?, ?)",
                            [rid, no, uraian])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "tugaskan", "reviu", rid,
                        None, {"instansi_id": instansi_id, "tahun": tahun, **nilai,
                               "ketua": ketua, "anggota": [u["username"] for k, u in tim_baru
                                                           if k == "anggota"],
                               "butir": len(butir_baru)})
        return rid

    return _tanpa_bentrok(tulis)


def isi_butir(con: Con, pelaku: Pelaku, reviu_id: int, no: int, jawaban: str,
              catatan: str | None, bukti_diperiksa: str | None) -> None:
    """A team member answers one worksheet item (ya / tidak / tidak_berlaku)."""
    # Rights first: a refused user is told so, not which of their values would be wrong.
    _reviu_kerja(con, pelaku, reviu_id)
    data = validasi_jawaban(jawaban, catatan, bukti_diperiksa)

    def tulis() -> None:
        with transaksi(con):
            r, _ = _reviu_kerja(con, pelaku, reviu_id)
            _wajib_berjalan(r)
            lama = audit.baris(con, "SELECT jawaban, catatan, bukti_diperiksa FROM reviu_butir"
                               " WHERE reviu_id = ? AND no = ?", [reviu_id, no])
            if lama is None:
                raise DataTidakValid("Butir kertas kerja tidak ditemukan.", "no")
            con.execute("UPDATE reviu_butir SET jawaban = ?, catatan = ?, bukti_diperiksa = ?,"
                        " diisi_oleh = ?, diisi_pada = ? WHERE reviu_id = ? AND no = ?",
                        [data["jawaban"], data["catatan"], data["bukti_diperiksa"],
                         pelaku.username, waktu_kerja.sekarang(), reviu_id, no])
            _sentuh(con, reviu_id)
            audit.catat(con, pelaku.username, pelaku.instansi_id, "isi_butir", "reviu_butir",
                        f"{reviu_id}/{no}", lama, data)

    _tanpa_bentrok(tulis)


def tambah_temuan(con: Con, pelaku: Pelaku, reviu_id: int, uraian: str,
                  rekomendasi: str | None, butir_no: int | None = None) -> int:
    """A team member raises a finding (catatan reviu) for the drafter to answer; its id."""
    _reviu_kerja(con, pelaku, reviu_id)
    uraian = teks_wajib(uraian, "Uraian catatan reviu", "uraian", TEKS_MAKS)
    rekomendasi = (rekomendasi or "").strip() or None
    if rekomendasi and len(rekomendasi) > TEKS_MAKS:
        raise DataTidakValid(f"Rekomendasi terlalu panjang (maksimal {TEKS_MAKS} karakter).",
                             "rekomendasi")

    def tulis() -> int:
        with transaksi(con):
            r, _ = _reviu_kerja(con, pelaku, reviu_id)
            _wajib_berjalan(r)
            if butir_no is not None and not con.execute(
                    "SELECT 1 FROM reviu_butir WHERE reviu_id = ? AND no = ?",
                    [reviu_id, butir_no]).fetchone():
                raise DataTidakValid("Butir kertas kerja tidak ditemukan.", "butir_no")
            tid = con.execute(
                "INSERT INTO reviu_temuan (reviu_id, butir_no, uraian, rekomendasi,"
                " dibuat_oleh, dibuat_pada) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [reviu_id, butir_no, uraian, rekomendasi, pelaku.username,
                 waktu_kerja.sekarang()]).fetchone()[0]
            _sentuh(con, reviu_id)
            audit.catat(con, pelaku.username, pelaku.instansi_id, "tambah_temuan",
                        "reviu_temuan", tid, None,
                        {"reviu_id": reviu_id, "butir_no": butir_no, "uraian": uraian,
                         "rekomendasi": rekomendasi})
        return tid

    return _tanpa_bentrok(tulis)


def _temuan_terlihat(con: Con, pelaku: Pelaku, temuan_id: int) -> tuple[dict, dict]:
    t = audit.baris(con, "SELECT * FROM reviu_temuan WHERE id = ?", [temuan_id])
    if t is None:
        raise DataTidakValid("Catatan reviu tidak ditemukan.")
    try:
        r = _reviu_terlihat(con, pelaku, t["reviu_id"])
    except DataTidakValid:
        raise DataTidakValid("Catatan reviu tidak ditemukan.") from None
    return t, r


def _wajib_versi(t: dict, versi: int, asal: str, tindakan: str) -> None:
    """The finding is still as the user saw it (version) and in the status `tindakan` needs."""
    if t["versi"] != versi:
        oleh = {"ditutup": t["ditutup_oleh"], "dijawab": t["dijawab_oleh"]}.get(t["status"])
        raise KonflikReviu(
            "Catatan reviu ini sudah diubah" + (f" oleh {oleh}" if oleh else "")
            + f" setelah Anda membukanya (status sekarang: {LABEL_TEMUAN[t['status']]}), jadi "
            f"tindakan '{tindakan}' tidak dijalankan agar tidak menimpa. Muat ulang halaman "
            "untuk melihat versi terbaru.", "versi")
    if t["status"] != asal:
        raise DataTidakValid(f"Catatan reviu berstatus '{LABEL_TEMUAN[t['status']]}' tidak "
                             f"dapat di-{tindakan}.", "status")


def _ubah_temuan(con: Con, sql: str, params: list, temuan_id: int, versi: int) -> int:
    # The conditional UPDATE is the last guard: it changes nothing unless the version read
    # inside this transaction is still the stored one.
    if not _diubah(con.execute(sql, [*params, temuan_id, versi])):
        raise KonflikReviu("Catatan reviu ini baru saja diubah oleh pengguna lain; muat ulang "
                           "halaman untuk melihat versi terbaru.", "versi")
    return versi + 1


def jawab_temuan(con: Con, pelaku: Pelaku, temuan_id: int, jawaban: str, versi: int) -> int:
    """The drafter side (Kasubag/admin of the reviewed instansi) answers an open finding;
    returns the finding's new version."""
    wajib(pelaku, "jawab_temuan")
    _, r = _temuan_terlihat(con, pelaku, temuan_id)
    wajib(pelaku, "jawab_temuan", r["instansi_id"])
    jawaban = teks_wajib(jawaban, "Jawaban", "jawaban", TEKS_MAKS)

    def tulis() -> int:
        with transaksi(con):
            t, r = _temuan_terlihat(con, pelaku, temuan_id)
            _wajib_berjalan(r)
            _wajib_versi(t, versi, "terbuka", "jawab")
            baru = _ubah_temuan(
                con, "UPDATE reviu_temuan SET status = 'dijawab', jawaban = ?, dijawab_oleh = ?,"
                " dijawab_pada = ?, versi = versi + 1 WHERE id = ? AND versi = ?",
                [jawaban, pelaku.username, waktu_kerja.sekarang()], temuan_id, versi)
            _sentuh(con, r["id"])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "jawab", "reviu_temuan",
                        temuan_id, {"status": t["status"], "jawaban": t["jawaban"]},
                        {"status": "dijawab", "jawaban": jawaban})
        return baru

    return _tanpa_bentrok(tulis)


def tutup_temuan(con: Con, pelaku: Pelaku, temuan_id: int, versi: int) -> int:
    """A team member accepts the answer and closes the finding; returns its new version."""
    wajib(pelaku, "kerjakan_reviu")
    _, r = _temuan_terlihat(con, pelaku, temuan_id)
    _wajib_tim(con, pelaku, r)

    def tulis() -> int:
        with transaksi(con):
            t, r = _temuan_terlihat(con, pelaku, temuan_id)
            _wajib_tim(con, pelaku, r)
            _wajib_berjalan(r)
            _wajib_versi(t, versi, "dijawab", "tutup")
            baru = _ubah_temuan(
                con, "UPDATE reviu_temuan SET status = 'ditutup', ditutup_oleh = ?,"
                " ditutup_pada = ?, versi = versi + 1 WHERE id = ? AND versi = ?",
                [pelaku.username, waktu_kerja.sekarang()], temuan_id, versi)
            _sentuh(con, r["id"])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "tutup", "reviu_temuan",
                        temuan_id, {"status": t["status"]}, {"status": "ditutup"})
        return baru

    return _tanpa_bentrok(tulis)


def kembalikan_temuan(con: Con, pelaku: Pelaku, temuan_id: int, catatan: str,
                      versi: int) -> int:
    """A team member sends an answer back (dijawab → terbuka) with a note saying what is
    still missing; the drafter answers again. Returns the finding's new version."""
    wajib(pelaku, "kerjakan_reviu")
    _, r = _temuan_terlihat(con, pelaku, temuan_id)
    _wajib_tim(con, pelaku, r)
    catatan = teks_wajib(catatan, "Catatan pengembalian", "catatan", TEKS_MAKS)

    def tulis() -> int:
        with transaksi(con):
            t, r = _temuan_terlihat(con, pelaku, temuan_id)
            _wajib_tim(con, pelaku, r)
            _wajib_berjalan(r)
            _wajib_versi(t, versi, "dijawab", "kembalikan")
            baru = _ubah_temuan(
                con, "UPDATE reviu_temuan SET status = 'terbuka', versi = versi + 1"
                " WHERE id = ? AND versi = ?", [], temuan_id, versi)
            _sentuh(con, r["id"])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "kembalikan",
                        "reviu_temuan", temuan_id, {"status": t["status"]},
                        {"status": "terbuka", "catatan": catatan})
        return baru

    return _tanpa_bentrok(tulis)


def selesaikan(con: Con, pelaku: Pelaku, reviu_id: int, kesimpulan: str) -> None:
    """The team's ketua finishes the reviu with its conclusion, once every worksheet item is
    answered and every finding closed (also again after a signed year was reopened)."""
    r, kedudukan = _reviu_kerja(con, pelaku, reviu_id)
    if kedudukan != "ketua":
        raise AksesDitolak("Hanya ketua tim reviu yang dapat menyelesaikan reviu.")
    kesimpulan = teks_wajib(kesimpulan, "Kesimpulan reviu", "kesimpulan", TEKS_MAKS)

    def tulis() -> None:
        with transaksi(con):
            r, _ = _reviu_kerja(con, pelaku, reviu_id)
            _wajib_berjalan(r)
            s = status(con, r["instansi_id"], r["tahun"])
            kurang = []
            if s["butir_kosong"]:
                kurang.append(f"{s['butir_kosong']} butir kertas kerja belum dijawab")
            if s["temuan_terbuka"]:
                kurang.append(f"{s['temuan_terbuka']} catatan reviu belum ditutup")
            if kurang:
                raise DataTidakValid("Reviu belum dapat diselesaikan: " + ", ".join(kurang)
                                     + ".", "kesimpulan")
            waktu = waktu_kerja.sekarang()
            con.execute("UPDATE reviu SET status = 'selesai', kesimpulan = ?, selesai_oleh = ?,"
                        " selesai_pada = ?, versi = versi + 1 WHERE id = ?",
                        [kesimpulan, pelaku.username, waktu, reviu_id])
            audit.catat(con, pelaku.username, pelaku.instansi_id, "selesai", "reviu",
                        reviu_id, {"status": r["status"], "kesimpulan": r["kesimpulan"]},
                        {"status": "selesai", "kesimpulan": kesimpulan, "selesai_pada": waktu})

    _tanpa_bentrok(tulis)
