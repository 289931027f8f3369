"""Shared by the access, upload and SQL-safety tests: a fingerprint of the whole database (so
"refused" can be checked as "nothing written"), demo actors per role, a second instansi."""

from __future__ import annotations

from pathlib import Path

from apptest_util import USER_PERAN
from conftest import pelaku
from lkj_core import organisasi, pengguna
from lkj_core.peran import PERAN, Pelaku

SANDI = "sandi-uji-123"
# The acting user of a role in the demo: the bidang role acts as irban1 (unit IRBAN1).
UNIT_LAIN = ("irban3", "sekretariat")   # bidang users of other units


def tabel(con) -> list[str]:
    """Every base table of the database, by name."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        " AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]


def jumlah_baris(con) -> dict[str, int]:
    """Row count per table (one statement; names from the catalogue, quoted)."""
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tabel(con))
    return dict(con.execute(sql).fetchall())


def sidik(con, folder: Path | None = None) -> dict:
    """Every table's content (row count and a hash of its sorted rows) and the files of the
    evidence folder: equal before and after a call means the call wrote nothing."""
    # One statement over every table (a query per table costs more than the hashing).
    # The names come from the catalogue and are quoted; this is a test helper, not the app.
    sql = " UNION ALL ".join(
        f"SELECT '{t}', count(*), md5(coalesce(string_agg(r::VARCHAR, chr(10)"
        f" ORDER BY r::VARCHAR), '')) FROM \"{t}\" r" for t in tabel(con))
    hasil: dict = {t: (n, h) for t, n, h in con.execute(sql).fetchall()}
    if folder is not None:
        hasil["<berkas>"] = sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*")
                                   if p.is_file()) if Path(folder).exists() else []
    return hasil


def beda(a: dict, b: dict) -> list[str]:
    """Names of the tables (or the file list) that differ between two fingerprints."""
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def aktor(con, peran: str) -> Pelaku:
    """The demo actor of a role."""
    return pelaku(con, USER_PERAN[peran])


def id_dari(con, sql: str, params=()) -> int:
    """The single id a query returns."""
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, (sql, params, rows)
    return rows[0][0]


def instansi_lain(con) -> dict[str, Pelaku]:
    """A second instansi with one user of every role, created through lkj_core; its actors."""
    iid = organisasi.buat_instansi(con, "uji", "LAIN", "Inspektorat Kota Lain",
                                   "Pemerintah Kota Lain", tahun_laporan=2025)
    pengguna.buat_pengguna(con, "uji", iid, "lain_admin", "Admin Lain", "admin", SANDI)
    admin = pelaku(con, "lain_admin")
    unit = organisasi.buat_unit(con, admin, "UL1", "Unit Lain")
    for peran in PERAN:
        if peran != "admin":
            pengguna.buat_pengguna(con, admin, iid, f"lain_{peran}", f"Pengguna {peran} lain",
                                   peran, SANDI, unit if peran == "bidang" else None,
                                   "197001011990031001" if peran == "reviewer" else None)
    return {p: pelaku(con, f"lain_{p}") for p in PERAN}


def unsur(node):
    """Every leaf element under an AppTest block, in order."""
    anak = getattr(node, "children", None)
    if isinstance(anak, dict) and anak:
        for c in anak.values():
            yield from unsur(c)
    elif type(node).__name__ not in ("Block", "SpecialBlock"):
        yield node
