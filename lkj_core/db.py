"""The one owner of the schema: opening the DuckDB file, ordered migrations, transactions."""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import duckdb

from lkj_core.peran import PERAN_SOP

Con = duckdb.DuckDBPyConnection
T = TypeVar("T")


class DatabaseTerkunci(RuntimeError):
    """The database file is held by another process (DuckDB allows one writer process)."""


# Frozen: migration 001 lists the roles it was written with; 007 widens pengguna's list.
_PERAN_SQL = ", ".join(f"'{p}'" for p in PERAN_SOP)  # constants, not user input

# Foreign keys: DuckDB runs an UPDATE that touches an indexed (UNIQUE) column as delete +
# insert, which a referencing foreign key then refuses. Rows whose codes or years users may
# edit (renstra, tujuan, sasaran, indikator) are therefore not FK targets; their children are
# only ever written through lkj_core functions that check the parent exists in the instansi.
_M001_SKEMA_AWAL = f"""
CREATE SEQUENCE seq_instansi;
CREATE SEQUENCE seq_unit;
CREATE SEQUENCE seq_pengguna;
CREATE SEQUENCE seq_renstra;
CREATE SEQUENCE seq_tujuan;
CREATE SEQUENCE seq_sasaran;
CREATE SEQUENCE seq_indikator;
CREATE SEQUENCE seq_pk_program;
CREATE SEQUENCE seq_sop_revisi;
CREATE SEQUENCE seq_audit;

CREATE TABLE instansi (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_instansi'),
    kode VARCHAR NOT NULL UNIQUE,
    nama VARCHAR NOT NULL,
    pemda VARCHAR NOT NULL,
    demo BOOLEAN NOT NULL DEFAULT FALSE,
    tahun_laporan INTEGER
);

CREATE TABLE unit_kerja (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_unit'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    kode VARCHAR NOT NULL,
    nama VARCHAR NOT NULL,
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (instansi_id, kode)
);

CREATE TABLE pengguna (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_pengguna'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    username VARCHAR NOT NULL UNIQUE,
    nama VARCHAR NOT NULL,
    nip VARCHAR,
    peran VARCHAR NOT NULL CHECK (peran IN ({_PERAN_SQL})),
    unit_id INTEGER REFERENCES unit_kerja(id),
    password_hash VARCHAR NOT NULL,
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    gagal_login INTEGER NOT NULL DEFAULT 0,
    terkunci_sampai DOUBLE,          -- epoch seconds; login refused until then
    sesi_berlaku_sejak DOUBLE NOT NULL DEFAULT 0,  -- sessions/cookies issued earlier are void
    dibuat_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

CREATE TABLE renstra (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_renstra'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    nama VARCHAR NOT NULL,
    tahun_awal INTEGER NOT NULL,
    tahun_akhir INTEGER NOT NULL,
    CHECK (tahun_akhir >= tahun_awal),
    UNIQUE (instansi_id, tahun_awal)
);

CREATE TABLE tujuan (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_tujuan'),
    renstra_id INTEGER NOT NULL,     -- renstra.id (see note on foreign keys)
    kode VARCHAR NOT NULL,
    uraian VARCHAR NOT NULL,
    UNIQUE (renstra_id, kode)
);

CREATE TABLE sasaran (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_sasaran'),
    tujuan_id INTEGER NOT NULL,      -- tujuan.id
    kode VARCHAR NOT NULL,
    uraian VARCHAR NOT NULL,
    UNIQUE (tujuan_id, kode)
);

CREATE TABLE indikator (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_indikator'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    sasaran_id INTEGER NOT NULL,     -- sasaran.id
    kode VARCHAR NOT NULL,
    nama VARCHAR NOT NULL,
    definisi VARCHAR,
    satuan VARCHAR NOT NULL,
    polaritas VARCHAR NOT NULL CHECK (polaritas IN ('positif', 'negatif', 'rentang')),
    unit_id INTEGER NOT NULL REFERENCES unit_kerja(id),
    target_akhir DOUBLE,
    target_akhir_atas DOUBLE,
    standar_nasional DOUBLE,
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (instansi_id, kode)
);

CREATE TABLE target_tahunan (
    indikator_id INTEGER NOT NULL,   -- indikator.id
    tahun INTEGER NOT NULL,
    target DOUBLE NOT NULL,
    target_atas DOUBLE,
    CHECK (target_atas IS NULL OR target_atas >= target),
    PRIMARY KEY (indikator_id, tahun)
);

CREATE TABLE realisasi (
    indikator_id INTEGER NOT NULL,   -- indikator.id
    tahun INTEGER NOT NULL,
    nilai DOUBLE,
    status VARCHAR NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'diajukan', 'diverifikasi', 'dikembalikan')),
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_oleh VARCHAR,
    diubah_pada TIMESTAMP,
    PRIMARY KEY (indikator_id, tahun)
);

CREATE TABLE pk_program (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_pk_program'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    kode VARCHAR NOT NULL,
    uraian VARCHAR NOT NULL,
    unit_id INTEGER REFERENCES unit_kerja(id),
    pagu DECIMAL(18, 2) NOT NULL CHECK (pagu >= 0),
    realisasi DECIMAL(18, 2) CHECK (realisasi >= 0),
    UNIQUE (instansi_id, tahun, kode)
);

CREATE TABLE sop_revisi (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_sop_revisi'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    nomor INTEGER NOT NULL,
    judul VARCHAR NOT NULL,
    berlaku_mulai DATE NOT NULL,
    info VARCHAR NOT NULL,           -- JSON: dasar hukum, kualifikasi, keterkaitan, peringatan
    dibuat_oleh VARCHAR NOT NULL,
    dibuat_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    UNIQUE (instansi_id, nomor)
);

CREATE TABLE sop_langkah (
    revisi_id INTEGER NOT NULL REFERENCES sop_revisi(id),
    no INTEGER NOT NULL,
    uraian VARCHAR NOT NULL,
    pelaksana VARCHAR NOT NULL CHECK (pelaksana IN ({_PERAN_SQL})),
    kelengkapan VARCHAR NOT NULL,
    waktu INTEGER NOT NULL CHECK (waktu > 0),
    satuan_waktu VARCHAR NOT NULL CHECK (satuan_waktu IN ('menit', 'hari')),
    output VARCHAR NOT NULL,
    keterangan VARCHAR,
    PRIMARY KEY (revisi_id, no)
);

CREATE TABLE pengaturan (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    kunci VARCHAR NOT NULL,
    nilai VARCHAR NOT NULL,          -- JSON
    PRIMARY KEY (instansi_id, kunci)
);

CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
    waktu TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    instansi_id INTEGER,
    pelaku VARCHAR NOT NULL,
    aksi VARCHAR NOT NULL,
    tabel VARCHAR NOT NULL,
    kunci VARCHAR,
    lama VARCHAR,                    -- JSON of the row before, NULL on insert
    baru VARCHAR                     -- JSON of the row after, NULL on delete
);
"""

# Reading one instansi's audit trail newest-first is the admin page's only query on it.
_M002_INDEKS = """
CREATE INDEX idx_audit_instansi_waktu ON audit_log (instansi_id, waktu);
CREATE INDEX idx_indikator_instansi ON indikator (instansi_id);
"""


# Bidang data intake: per-triwulan values and the Bab III narratives on each entry, the
# workflow history, and evidence files (stored by content hash in the data folder).
_M003_ISIAN = """
ALTER TABLE realisasi ADD COLUMN tw1 DOUBLE;
ALTER TABLE realisasi ADD COLUMN tw2 DOUBLE;
ALTER TABLE realisasi ADD COLUMN tw3 DOUBLE;
ALTER TABLE realisasi ADD COLUMN tw4 DOUBLE;
ALTER TABLE realisasi ADD COLUMN analisis_penyebab VARCHAR;
ALTER TABLE realisasi ADD COLUMN solusi VARCHAR;
ALTER TABLE realisasi ADD COLUMN efisiensi VARCHAR;
ALTER TABLE realisasi ADD COLUMN program_pendukung VARCHAR;
ALTER TABLE realisasi ADD COLUMN kendala VARCHAR;
ALTER TABLE realisasi ADD COLUMN tindak_lanjut VARCHAR;

CREATE SEQUENCE seq_riwayat_isian;
CREATE TABLE riwayat_isian (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_riwayat_isian'),
    indikator_id INTEGER NOT NULL,
    tahun INTEGER NOT NULL,
    waktu TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    pelaku VARCHAR NOT NULL,
    dari VARCHAR,
    ke VARCHAR NOT NULL,
    catatan VARCHAR
);
CREATE INDEX idx_riwayat_isian ON riwayat_isian (indikator_id, tahun);

CREATE SEQUENCE seq_bukti;
CREATE TABLE bukti_dukung (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_bukti'),
    indikator_id INTEGER NOT NULL,
    tahun INTEGER NOT NULL,
    nama_berkas VARCHAR NOT NULL,    -- shown and offered on download only, never a path
    jenis VARCHAR NOT NULL CHECK (jenis IN ('pdf', 'jpg', 'png', 'xlsx', 'docx')),
    ukuran BIGINT NOT NULL CHECK (ukuran > 0),
    sha256 VARCHAR NOT NULL,
    diunggah_oleh VARCHAR NOT NULL,
    diunggah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
CREATE INDEX idx_bukti_isian ON bukti_dukung (indikator_id, tahun);
"""


# The SOP run per year: a cycle copies the steps of the revision in force (so later SOP edits
# do not change it) and records who started/finished each step, when, and with what.
_M004_SIKLUS = f"""
CREATE SEQUENCE seq_siklus;
CREATE TABLE siklus (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_siklus'),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    revisi_id INTEGER NOT NULL,
    status_laporan VARCHAR NOT NULL DEFAULT 'draf'
        CHECK (status_laporan IN ('draf', 'disetujui')),
    dibuka_oleh VARCHAR NOT NULL,
    dibuka_pada TIMESTAMP NOT NULL,
    UNIQUE (instansi_id, tahun)
);
CREATE TABLE siklus_langkah (
    siklus_id INTEGER NOT NULL,
    no INTEGER NOT NULL,
    uraian VARCHAR NOT NULL,
    pelaksana VARCHAR NOT NULL CHECK (pelaksana IN ({_PERAN_SQL})),
    kelengkapan VARCHAR NOT NULL,
    waktu INTEGER NOT NULL,
    satuan_waktu VARCHAR NOT NULL,
    output VARCHAR NOT NULL,
    keterangan VARCHAR,
    mulai TIMESTAMP,
    dimulai_oleh VARCHAR,
    selesai TIMESTAMP,
    diselesaikan_oleh VARCHAR,
    referensi VARCHAR,               -- the kelengkapan on record: letter number, notulen, ...
    catatan VARCHAR,
    data VARCHAR,                    -- JSON: the step-specific record (undangan, notulen, ...)
    PRIMARY KEY (siklus_id, no)
);
CREATE SEQUENCE seq_siklus_kejadian;
CREATE TABLE siklus_kejadian (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_siklus_kejadian'),
    siklus_id INTEGER NOT NULL,
    no INTEGER NOT NULL,
    waktu TIMESTAMP NOT NULL,        -- when it happened (may be recorded afterwards)
    dicatat_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    pelaku VARCHAR NOT NULL,
    peran VARCHAR NOT NULL,
    aksi VARCHAR NOT NULL CHECK (aksi IN ('mulai', 'selesai', 'batal_selesai')),
    alasan VARCHAR,
    catatan VARCHAR
);
"""


# Files attached to an SOP step as its kelengkapan, in the same content-addressed store as
# the evidence files.
_M005_LAMPIRAN = """
CREATE SEQUENCE seq_lampiran;
CREATE TABLE lampiran_langkah (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_lampiran'),
    siklus_id INTEGER NOT NULL,
    no INTEGER NOT NULL,
    nama_berkas VARCHAR NOT NULL,
    jenis VARCHAR NOT NULL CHECK (jenis IN ('pdf', 'jpg', 'png', 'xlsx', 'docx')),
    ukuran BIGINT NOT NULL CHECK (ukuran > 0),
    sha256 VARCHAR NOT NULL,
    diunggah_oleh VARCHAR NOT NULL,
    diunggah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
"""


# The report's editable texts (Kata Pengantar, Ikhtisar, Bab I sections, Bab IV) per year.
_M006_NASKAH = """
CREATE TABLE naskah_laporan (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    kunci VARCHAR NOT NULL,
    teks VARCHAR NOT NULL,
    diubah_oleh VARCHAR NOT NULL,
    diubah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (instansi_id, tahun, kunci)
);
"""


# Integrity of the signed report (issue 14): the reviewer role (DuckDB cannot alter a CHECK,
# so pengguna is rebuilt with the same columns plus pangkat and jabatan for signature
# blocks), officials per year, the reviu by APIP, and the frozen signed copies.
_M007_INTEGRITAS = """
CREATE TABLE pengguna_baru (
    id INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    username VARCHAR NOT NULL UNIQUE,
    nama VARCHAR NOT NULL,
    nip VARCHAR,
    peran VARCHAR NOT NULL CHECK (peran IN ('admin', 'inspektur', 'sekretaris', 'kasubag',
                                            'staf', 'bidang', 'reviewer')),
    unit_id INTEGER REFERENCES unit_kerja(id),
    password_hash VARCHAR NOT NULL,
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    gagal_login INTEGER NOT NULL DEFAULT 0,
    terkunci_sampai DOUBLE,
    sesi_berlaku_sejak DOUBLE NOT NULL DEFAULT 0,
    dibuat_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    pangkat VARCHAR,                 -- pangkat/golongan, e.g. 'Pembina (IV/a)'
    jabatan VARCHAR                  -- e.g. 'Auditor Ahli Madya'
);
INSERT INTO pengguna_baru SELECT *, NULL, NULL FROM pengguna;
DROP TABLE pengguna;
ALTER TABLE pengguna_baru RENAME TO pengguna;
ALTER TABLE pengguna ALTER COLUMN id SET DEFAULT nextval('seq_pengguna');

-- Who holds an office in a year (the holder changes): the Inspektur and Sekretaris sign the
-- report and the PK, the kepala daerah (Bupati, no NIP) countersigns the PK.
CREATE TABLE pejabat (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    kedudukan VARCHAR NOT NULL CHECK (kedudukan IN ('inspektur', 'sekretaris',
                                                    'kepala_daerah')),
    nama VARCHAR NOT NULL,
    nip VARCHAR,
    pangkat VARCHAR,
    jabatan VARCHAR NOT NULL,
    diubah_oleh VARCHAR NOT NULL,
    diubah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (instansi_id, tahun, kedudukan)
);

-- The reviu of one instansi's report of one year, by a team of the Inspektorat (APIP).
CREATE SEQUENCE seq_reviu;
CREATE TABLE reviu (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_reviu'),
    instansi_id INTEGER NOT NULL,    -- the instansi whose report is reviewed
    tahun INTEGER NOT NULL,
    apip_instansi_id INTEGER NOT NULL,   -- the Inspektorat doing the reviu
    nomor_surat_tugas VARCHAR NOT NULL,
    ruang_lingkup VARCHAR NOT NULL,
    status VARCHAR NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan', 'selesai')),
    kesimpulan VARCHAR,
    ditugaskan_oleh VARCHAR NOT NULL,
    ditugaskan_pada TIMESTAMP NOT NULL,
    selesai_oleh VARCHAR,
    selesai_pada TIMESTAMP,
    versi INTEGER NOT NULL DEFAULT 1,
    UNIQUE (instansi_id, tahun)
);
CREATE TABLE reviu_tim (
    reviu_id INTEGER NOT NULL,
    username VARCHAR NOT NULL,
    kedudukan VARCHAR NOT NULL CHECK (kedudukan IN ('ketua', 'anggota')),
    nama VARCHAR NOT NULL,           -- as at the assignment, for the statement
    nip VARCHAR NOT NULL,
    pangkat VARCHAR,
    jabatan VARCHAR,
    PRIMARY KEY (reviu_id, username)
);
CREATE TABLE reviu_butir (
    reviu_id INTEGER NOT NULL,
    no INTEGER NOT NULL,
    uraian VARCHAR NOT NULL,
    jawaban VARCHAR CHECK (jawaban IN ('ya', 'tidak', 'tidak_berlaku')),
    catatan VARCHAR,
    bukti_diperiksa VARCHAR,
    diisi_oleh VARCHAR,
    diisi_pada TIMESTAMP,
    PRIMARY KEY (reviu_id, no)
);
CREATE SEQUENCE seq_reviu_temuan;
CREATE TABLE reviu_temuan (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_reviu_temuan'),
    reviu_id INTEGER NOT NULL,
    butir_no INTEGER,
    uraian VARCHAR NOT NULL,
    rekomendasi VARCHAR,
    status VARCHAR NOT NULL DEFAULT 'terbuka'
        CHECK (status IN ('terbuka', 'dijawab', 'ditutup')),
    dibuat_oleh VARCHAR NOT NULL,
    dibuat_pada TIMESTAMP NOT NULL,
    jawaban VARCHAR,
    dijawab_oleh VARCHAR,
    dijawab_pada TIMESTAMP,
    ditutup_oleh VARCHAR,
    ditutup_pada TIMESTAMP,
    versi INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_reviu_temuan ON reviu_temuan (reviu_id);

-- The signed report: the exact PDF bytes per version, inside the database (so every backup,
-- copy and, later, every replica holds them), with their SHA-256.
CREATE SEQUENCE seq_laporan_final;
CREATE TABLE laporan_final (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_laporan_final'),
    instansi_id INTEGER NOT NULL,
    tahun INTEGER NOT NULL,
    versi INTEGER NOT NULL,
    sha256 VARCHAR NOT NULL,
    ukuran BIGINT NOT NULL CHECK (ukuran > 0),
    isi BLOB NOT NULL,
    ditandatangani_oleh VARCHAR NOT NULL,
    penandatangan VARCHAR NOT NULL,  -- JSON: nama, nip, pangkat, jabatan as printed
    sertifikat VARCHAR,              -- the signing certificate's subject
    ditandatangani_pada TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL DEFAULT 'berlaku' CHECK (status IN ('berlaku', 'digantikan')),
    dibuka_oleh VARCHAR,
    dibuka_pada TIMESTAMP,
    alasan_buka VARCHAR,
    UNIQUE (instansi_id, tahun, versi)
);
"""


# The official-data rule for queries (lkj_core.resmi states it for Python; tests hold the two
# equal): only a verified realisasi counts.
_M008_REALISASI_RESMI = """
CREATE VIEW realisasi_resmi AS SELECT * FROM realisasi WHERE status = 'diverifikasi';
"""


# What the full LKjIP (issue 15) needs beyond the measurement: the indicator manual (formula,
# data source beside the existing definisi), comparison figures of other governments with
# their source, the Rencana Aksi (planned value per triwulan and the planned action), the staff
# composition for Bab I, and the follow-up of the last SAKIP evaluation's recommendations.
# The instansi profile (address, tasks and functions) is a JSON setting in `pengaturan`.
# Children of indikator carry no foreign key (see the note above migration 001).
_M009_NASKAH_LENGKAP = """
ALTER TABLE indikator ADD COLUMN formula VARCHAR;
ALTER TABLE indikator ADD COLUMN sumber_data VARCHAR;

CREATE SEQUENCE seq_angka_pembanding;
CREATE TABLE angka_pembanding (
    id INTEGER PRIMARY KEY DEFAULT nextval('seq_angka_pembanding'),
    indikator_id INTEGER NOT NULL,   -- indikator.id
    tahun INTEGER NOT NULL,
    jenis VARCHAR NOT NULL CHECK (jenis IN ('nasional', 'provinsi', 'daerah_lain')),
    wilayah VARCHAR NOT NULL,        -- 'Nasional', 'Provinsi Jawa Tengah', 'Kabupaten ...'
    nilai DOUBLE NOT NULL,
    sumber VARCHAR NOT NULL,         -- the publication the figure is taken from
    diubah_oleh VARCHAR NOT NULL,
    diubah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    UNIQUE (indikator_id, tahun, jenis, wilayah)
);

-- Planned position at the end of each triwulan, counted from the start of the year
-- (lkj_core.rencana_aksi states the rule).
CREATE TABLE rencana_aksi (
    indikator_id INTEGER NOT NULL,   -- indikator.id
    tahun INTEGER NOT NULL,
    tw1 DOUBLE,
    tw2 DOUBLE,
    tw3 DOUBLE,
    tw4 DOUBLE,
    kegiatan VARCHAR,
    diubah_oleh VARCHAR NOT NULL,
    diubah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (indikator_id, tahun)
);

CREATE TABLE komposisi_pegawai (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    dimensi VARCHAR NOT NULL CHECK (dimensi IN ('jabatan', 'golongan', 'pendidikan')),
    urutan INTEGER NOT NULL,         -- the order the rows are shown in
    kategori VARCHAR NOT NULL,
    jumlah INTEGER NOT NULL CHECK (jumlah >= 0),
    PRIMARY KEY (instansi_id, tahun, dimensi, urutan)
);

-- Reported in year `tahun`'s LKjIP: the follow-up of the last SAKIP evaluation's
-- recommendations.
CREATE TABLE tindak_lanjut_evaluasi (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    tahun INTEGER NOT NULL,
    no INTEGER NOT NULL,
    rekomendasi VARCHAR NOT NULL,
    tindak_lanjut VARCHAR NOT NULL,  -- '' while nothing has been done yet
    status VARCHAR NOT NULL
        CHECK (status IN ('selesai', 'dalam proses', 'belum ditindaklanjuti')),
    diubah_oleh VARCHAR NOT NULL,
    diubah_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (instansi_id, tahun, no)
);
"""


def _sql(script: str) -> Callable[[Con], None]:
    def apply(con: Con) -> None:
        con.execute(script)

    return apply


# Ordered and append-only: never edit or reorder an applied migration, add a new one.
MIGRASI: list[tuple[str, Callable[[Con], None]]] = [
    ("001_skema_awal", _sql(_M001_SKEMA_AWAL)),
    ("002_indeks", _sql(_M002_INDEKS)),
    ("003_isian", _sql(_M003_ISIAN)),
    ("004_siklus", _sql(_M004_SIKLUS)),
    ("005_lampiran_langkah", _sql(_M005_LAMPIRAN)),
    ("006_naskah", _sql(_M006_NASKAH)),
    ("007_integritas", _sql(_M007_INTEGRITAS)),
    ("008_realisasi_resmi", _sql(_M008_REALISASI_RESMI)),
    ("009_naskah_lengkap", _sql(_M009_NASKAH_LENGKAP)),
]


def migrasi_terpasang(con: Con) -> list[str]:
    """Names of applied migrations, in order."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrasi ("
        " nama VARCHAR PRIMARY KEY,"
        " diterapkan_pada TIMESTAMP NOT NULL DEFAULT current_localtimestamp())"
    )
    rows = con.execute("SELECT nama FROM schema_migrasi ORDER BY nama").fetchall()
    return [r[0] for r in rows]


def terapkan_migrasi(con: Con, sampai: str | None = None) -> list[str]:
    """Apply pending migrations (up to and including `sampai`), each in its own transaction."""
    sudah = set(migrasi_terpasang(con))
    baru = []
    for nama, apply in MIGRASI:
        if nama not in sudah:
            with transaksi(con):
                apply(con)
                con.execute("INSERT INTO schema_migrasi (nama) VALUES (?)", [nama])
            baru.append(nama)
        if nama == sampai:
            break
    return baru


@contextmanager
def transaksi(con: Con) -> Iterator[Con]:
    """Run a block atomically: commit on success, roll back on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


class TransaksiBentrok(RuntimeError):
    """Another transaction kept writing the same rows: the write was retried and gave up."""


def bentrok_tulis(exc: BaseException) -> bool:
    """Whether `exc` is DuckDB refusing a write because a concurrent transaction wrote the same
    row (MVCC: the first writer wins; the other gets "Conflict on update" at the write, or a
    duplicate key at the insert or at COMMIT when both inserted the same new key)."""
    if isinstance(exc, duckdb.TransactionException):
        pesan = str(exc).lower()
        return "conflict" in pesan or "duplicate key" in pesan
    return isinstance(exc, duckdb.ConstraintException) and "duplicate key" in str(exc).lower()


def ulangi_bila_bentrok(fungsi: Callable[[], T], percobaan: int = 10,
                        jeda_awal: float = 0.01) -> T:
    """Run `fungsi` (one whole transaction, nothing done outside it) again when it lost a
    write-write conflict; raise TransaksiBentrok after `percobaan` losses.

    Safe only for functions that re-read and re-check what they depend on inside their
    transaction (a version, a status): the retry then sees the winner's committed row and
    decides afresh, so it never overwrites the winner blindly. DuckDB has already rolled the
    loser back (the `transaksi` block or the failed COMMIT) when the error reaches here.
    """
    kalah = 0
    while True:
        try:
            return fungsi()
        except duckdb.Error as exc:
            if not bentrok_tulis(exc):
                raise
            kalah += 1
            if kalah >= percobaan:
                raise TransaksiBentrok(str(exc)) from exc
        # The winner commits within milliseconds; back off with jitter so losers spread out.
        time.sleep(jeda_awal * 2 ** min(kalah - 1, 6) * (0.5 + random.random()))


def buka(path: str | Path | None) -> Con:
    """Open (creating if needed) the database and apply migrations; `None` means in-memory."""
    target = ":memory:" if path is None else str(path)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseTerkunci(
                f"Basis data {target} sedang dipakai oleh proses lain (biasanya aplikasi LKj "
                "yang sedang berjalan). Hentikan aplikasi itu dulu, lalu ulangi perintah ini."
            ) from exc
        raise
    terapkan_migrasi(con)
    return con
