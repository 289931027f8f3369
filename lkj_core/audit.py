"""The audit log: every write records who, when, table, key, old -> new."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from lkj_core.db import Con
from lkj_core.peran import Pelaku, wajib


def json_nilai(value: Any) -> str | None:
    """An old/new value as the audit log stores it (JSON text, or None)."""
    if value is None:
        return None

    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, (dt.date, dt.datetime)):
            return o.isoformat()
        return str(o)

    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=default)


def catat(
    con: Con,
    pelaku: str,
    instansi_id: int | None,
    aksi: str,
    tabel: str,
    kunci: Any,
    lama: dict | None = None,
    baru: dict | None = None,
) -> None:
    """Append one audit row; call inside the same transaction as the write it describes."""
    con.execute(
        "INSERT INTO audit_log (instansi_id, pelaku, aksi, tabel, kunci, lama, baru)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [instansi_id, pelaku, aksi, tabel, None if kunci is None else str(kunci),
         json_nilai(lama), json_nilai(baru)],
    )


def catat_banyak(con: Con, baris) -> None:
    """Append many audit rows at once: a DataFrame with the columns instansi_id, pelaku, aksi,
    tabel, kunci, lama, baru (lama/baru already as `json_nilai`). Same transaction rule as
    `catat`."""
    audit_df = baris  # noqa: F841 - read by name in the SQL (a DuckDB replacement scan)
    con.execute("INSERT INTO audit_log (instansi_id, pelaku, aksi, tabel, kunci, lama, baru)"
                " SELECT instansi_id, pelaku, aksi, tabel, kunci, lama, baru FROM audit_df")


def daftar_audit(con: Con, pelaku: Pelaku, batas: int = 500):
    """The newest audit rows of the actor's instansi as a DataFrame (admin only: the log holds
    every old and new value, other units' narratives included)."""
    wajib(pelaku, "lihat_audit")
    return con.execute(
        "SELECT waktu, pelaku, aksi, tabel, kunci, lama, baru FROM audit_log"
        " WHERE instansi_id = ? ORDER BY id DESC LIMIT ?",
        [pelaku.instansi_id, batas],
    ).df()


def baris(con: Con, sql: str, params: list) -> dict | None:
    """One row as a dict (for the 'old' side of an audit entry), or None."""
    cur = con.execute(sql, params)
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))
