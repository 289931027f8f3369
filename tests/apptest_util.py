"""Helpers for AppTest: log in by session state or through the real form."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lkj_app.formulir import kunci
from lkj_core.isian import TRIWULAN
from lkj_core.peran import PERAN

# One demo user per role.
USER_PERAN = {"admin": "admin", "inspektur": "inspektur", "sekretaris": "sekretaris",
              "kasubag": "kasubag", "staf": "staf", "bidang": "irban1",
              "reviewer": "auditor1"}
assert set(USER_PERAN) == set(PERAN)
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def app(username: str | None = None, halaman: str | None = None) -> AppTest:
    """Run app.py (optionally as a logged-in demo user), then switch to `pages/<halaman>.py`."""
    at = AppTest.from_file(APP, default_timeout=60)
    if username:
        at.session_state["authentication_status"] = True
        at.session_state["username"] = username
        at.session_state["name"] = username
        at.session_state["roles"] = []
    at.run()
    if halaman:
        at.switch_page(f"pages/{halaman}.py").run()
    return at


def isian(at: AppTest, label: str):
    """The text input with this label."""
    return next(t for t in at.text_input if t.label == label)


def kotak_isian(at: AppTest, ik: int, kolom: str):
    """The Isian Kinerja widget of `kolom` for indicator `ik` (its key carries the form's
    generation, see lkj_app.formulir.kunci)."""
    key = kunci(ik, kolom, at.session_state)
    return at.text_input(key=key) if kolom in ("nilai", *TRIWULAN) else at.text_area(key=key)


def tombol(at: AppTest, label: str):
    """The button (or form submit button) with this label."""
    return next(b for b in at.button if b.label == label)


def login_form(at: AppTest, username: str, sandi: str) -> AppTest:
    """Type into the login form and submit it."""
    isian(at, "Nama pengguna").input(username)
    isian(at, "Kata sandi").input(sandi)
    tombol(at, "Masuk").click()
    return at.run()


def teks(at: AppTest) -> str:
    """All markdown, captions, alerts and titles of the page, joined (to search in)."""
    parts = [e.value for coll in (at.title, at.markdown, at.caption, at.error, at.warning,
                                  at.info, at.success, at.subheader) for e in coll]
    # Pages escape user text for markdown (ui.esc); search the text as the user reads it.
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))
