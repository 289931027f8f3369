"""Runtime configuration read from the environment and the data folder (no Streamlit here)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "lkj.duckdb"
MIN_COOKIE_KEY_BYTES = 32
# The placeholder of .streamlit/secrets.toml.example begins so: a key everyone can read in git
# would let anyone forge login cookies, so it is refused like a short key.
CONTOH_COOKIE_KEY = "ganti-dengan-"


def db_path() -> Path:
    """Path of the DuckDB file: `LKJ_DB`, else data/lkj.duckdb."""
    return Path(os.environ.get("LKJ_DB") or DEFAULT_DB)


def bukti_dir() -> Path:
    """Folder of evidence files (bukti dukung), beside the database."""
    return db_path().parent / "bukti"


MODE_SAH = ("demo", "produksi")


def mode() -> str:
    """`LKJ_MODE`: "demo" (the default) or "produksi"; anything else is refused, so a typo never
    quietly runs a production install in demo mode."""
    nilai = (os.environ.get("LKJ_MODE") or "demo").strip().lower()
    if nilai not in MODE_SAH:
        raise ValueError(f"LKJ_MODE tidak dikenal: '{nilai}'. Pilih 'demo' atau 'produksi'.")
    return nilai


def mode_produksi() -> bool:
    """Whether LKj runs for real (`LKJ_MODE=produksi`): no demo data, no demo passwords."""
    return mode() == "produksi"


def tanpa_demo() -> bool:
    """Whether the demo must never be loaded: `LKJ_TANPA_DEMO=1`, or implied by produksi."""
    return os.environ.get("LKJ_TANPA_DEMO") == "1" or mode_produksi()


def bcrypt_rounds() -> int:
    """bcrypt cost; tests lower it through `LKJ_BCRYPT_ROUNDS` to stay fast (never below 4)."""
    return max(4, int(os.environ.get("LKJ_BCRYPT_ROUNDS", "12")))


def cookie_key(from_secrets: str | None = None) -> str:
    """The cookie signing key: env, then secrets, then a key generated once beside the database.

    A generated key lives in the data folder (ignored by git) so that restarts keep users logged
    in, yet no key is ever a constant in the repository.
    """
    for candidate in (os.environ.get("LKJ_COOKIE_KEY"), from_secrets):
        if candidate:
            if len(candidate.encode()) < MIN_COOKIE_KEY_BYTES:
                raise ValueError(
                    f"Kunci cookie terlalu pendek: minimal {MIN_COOKIE_KEY_BYTES} byte."
                )
            if candidate.startswith(CONTOH_COOKIE_KEY):
                raise ValueError(
                    "Kunci cookie masih teks contoh dari secrets.toml.example. Buat kunci acak: "
                    "python -c \"import secrets; print(secrets.token_hex(32))\"."
                )
            return candidate
    key_file = db_path().parent / ".cookie_key"
    if key_file.exists():
        key = key_file.read_text().strip()
        if len(key.encode()) >= MIN_COOKIE_KEY_BYTES:
            return key
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Create with owner-only permissions: the key signs every login cookie.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
