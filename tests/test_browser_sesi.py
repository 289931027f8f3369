"""Real-browser tests: a password change (own, on Akun Saya), an admin's password reset and a
deactivation void the login cookies issued before, server-side. A saved `lkj_sesi` cookie,
replayed in a fresh browser, shows the login form and no data; the session still open in the
first browser ends at its next click. (Logout + replay is in test_browser.py.)

Each test first proves the saved cookie alone does log a fresh browser in (control), so the
check after the change exercises the revocation, not a cookie that was ignored anyway.
Run with `pytest -m browser`; fixtures and waiting rules as in test_browser.py.
"""

from __future__ import annotations

import re

import pytest

from test_browser import (  # noqa: F401  (server, browser, konteks are pytest fixtures)
    NAMA_COOKIE, SESI_BERAKHIR, _expect, _form_login, _harus_di_halaman, _harus_form_login,
    _masuk, _shot, _sidebar, _tanpa_exception, _tenang, browser, konteks, server)

pytestmark = pytest.mark.browser


def _cookie_sesi(ctx) -> list[dict]:
    """The context's cookies, after checking the login cookie is among them."""
    kue = ctx.cookies()
    assert any(c["name"] == NAMA_COOKIE for c in kue), [c["name"] for c in kue]
    return kue


def _cookie_memasukkan(konteks, base: str, kue: list[dict]):
    """Control: the saved cookie alone logs a fresh browser in."""
    expect = _expect()
    ctx = konteks()
    ctx.add_cookies(kue)
    page = ctx.new_page()
    page.goto(base + "/")
    expect(page.get_by_text("Selamat datang").first).to_be_visible()
    _tenang(page)
    expect(page.get_by_text("Selamat datang")).to_have_count(1)
    ctx.close()


def _cookie_ditolak(konteks, base: str, kue: list[dict], nama_shot: str,
                    alamat_semua=("/",)):
    """The replayed cookie, in a fresh browser, on each address: the login form with the
    'session ended' notice (proof the cookie was read), and no data."""
    expect = _expect()
    for alamat in alamat_semua:
        ctx = konteks()
        ctx.add_cookies(kue)
        page = ctx.new_page()
        page.goto(base + alamat)
        _harus_form_login(page)
        expect(page.get_by_text(SESI_BERAKHIR)).to_be_visible()
        expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
        expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(0)
        _tanpa_exception(page, f"replayed cookie on {alamat}")
        if alamat == "/":
            _shot(page, nama_shot)
        ctx.close()


def _sesi_terbuka_berakhir(page):
    """The session left open in the first browser ends at its next click."""
    _sidebar(page).get_by_role("link", name="Akun Saya", exact=True).click()
    _harus_form_login(page)
    _expect()(page.get_by_text(SESI_BERAKHIR)).to_be_visible()


def _login(page, base: str, username: str, sandi: str):
    page.goto(base + "/")
    _harus_form_login(page)
    nama, kotak_sandi, tombol = _form_login(page)
    nama.fill(username)
    kotak_sandi.fill(sandi)
    tombol.click()
    _tenang(page)


def _ketik_sandi(page, label: str, sandi: str):
    kotak = page.get_by_role("textbox", name=label, exact=True)
    kotak.fill(sandi)
    # A run still under way (the user just chosen) may rebuild the form and empty the box:
    # wait until the page is settled, and type again if it was.
    _tenang(page)
    if kotak.input_value() != sandi:
        kotak.fill(sandi)
        _tenang(page)
    _expect()(kotak).to_have_value(sandi)


def _buka_pengguna(page, base: str, username: str):
    """Admin: Pengguna & Unit with `username` chosen under 'Ubah pengguna'."""
    expect = _expect()
    page.goto(base + "/pengguna")
    _harus_di_halaman(page, "pengguna")
    kotak = page.get_by_role("combobox", name="Ubah pengguna", exact=True)
    kotak.click()
    page.get_by_role("option", name=re.compile("^" + re.escape(f"{username} — "))).click()
    _tenang(page)
    expect(kotak).to_have_value(re.compile("^" + re.escape(f"{username} — ")))


# ------------------------------------------------------------------------------------- tests

def test_ganti_sandi_sendiri_mencabut_cookie_lama(server, konteks):
    expect = _expect()
    ctx = konteks()
    pertama = ctx.new_page()
    _masuk(pertama, server, "staf")
    kue = _cookie_sesi(ctx)
    _cookie_memasukkan(konteks, server, kue)

    # The same user, in another browser, changes the password on Akun Saya.
    lain = konteks().new_page()
    _masuk(lain, server, "staf")
    lain.goto(server + "/akun")
    _harus_di_halaman(lain, "akun")
    _ketik_sandi(lain, "Kata sandi lama", "staf-demo")
    _ketik_sandi(lain, "Kata sandi baru (min. 8 karakter)", "Sandi-Staf-Baru-2025")
    _ketik_sandi(lain, "Ulangi kata sandi baru", "Sandi-Staf-Baru-2025")
    lain.get_by_role("button", name="Ganti kata sandi", exact=True).click()
    # Every session of the user ends, the one that made the change included.
    _harus_form_login(lain)
    expect(lain.get_by_text(SESI_BERAKHIR)).to_be_visible()

    # Also on a deep link, where Streamlit may run the page script without app.py.
    _cookie_ditolak(konteks, server, kue, "sesi_ganti_sandi_cookie_lama.png",
                    ("/", "/dasbor"))
    _sesi_terbuka_berakhir(pertama)

    # The old password no longer works; the new one does.
    p = konteks().new_page()
    _login(p, server, "staf", "staf-demo")
    expect(p.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
    _login(p, server, "staf", "Sandi-Staf-Baru-2025")
    expect(p.get_by_text("Selamat datang").first).to_be_visible()


def test_reset_sandi_oleh_admin_mencabut_cookie_lama(server, konteks):
    expect = _expect()
    ctx = konteks()
    bidang = ctx.new_page()
    _masuk(bidang, server, "irban3")
    kue = _cookie_sesi(ctx)
    _cookie_memasukkan(konteks, server, kue)

    admin = konteks().new_page()
    _masuk(admin, server, "admin")
    _buka_pengguna(admin, server, "irban3")
    _ketik_sandi(admin, "Kata sandi baru", "Sandi-Irban3-Reset-2025")
    admin.get_by_role("button", name="Atur ulang kata sandi", exact=True).click()
    expect(admin.get_by_text("Kata sandi diatur ulang; sesi lama pengguna itu berakhir.")
           ).to_be_visible()
    _tanpa_exception(admin, "admin reset")

    _cookie_ditolak(konteks, server, kue, "sesi_reset_admin_cookie_lama.png")
    _sesi_terbuka_berakhir(bidang)
    p = konteks().new_page()
    _login(p, server, "irban3", "Sandi-Irban3-Reset-2025")
    expect(p.get_by_text("Selamat datang").first).to_be_visible()


def test_nonaktif_mencabut_cookie_lama(server, konteks):
    expect = _expect()
    ctx = konteks()
    bidang = ctx.new_page()
    _masuk(bidang, server, "irban4")
    kue = _cookie_sesi(ctx)
    _cookie_memasukkan(konteks, server, kue)

    admin = konteks().new_page()
    _masuk(admin, server, "admin")
    _buka_pengguna(admin, server, "irban4")
    admin.get_by_role("button", name="Nonaktifkan akun", exact=True).click()
    expect(admin.get_by_text("Status akun diubah.")).to_be_visible()
    expect(admin.get_by_role("button", name="Aktifkan kembali", exact=True)).to_be_visible()

    _cookie_ditolak(konteks, server, kue, "sesi_nonaktif_cookie_lama.png")
    _sesi_terbuka_berakhir(bidang)
