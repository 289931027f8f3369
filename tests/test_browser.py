"""Real-browser smoke tests: the Streamlit server in a subprocess, driven by Debian chromium
through Playwright (sync API). Run with `pytest -m browser`; `make test` installs chromium.

Screenshots for humans land in artifacts/screenshots/ (git-ignored); nothing asserts on pixels.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lkj_app import nav

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 900}
TIMEOUT_MS = 20_000          # Streamlit renders asynchronously: every wait is bounded by this
SERVER_START_S = 60
NAMA_COOKIE = "lkj_sesi"
TOLAK = "Anda tidak memiliki akses ke halaman ini"
SESI_BERAKHIR = "Sesi Anda telah berakhir"
# A page load or page switch is two or three script runs (the cookie component reports after
# it mounts and triggers another), with gaps of up to ~0.5 s between them in which the app
# says "notRunning". "Settled" therefore means: not running, for this long without change.
TENANG_MS = 1500
# Init script: timestamps every change of Streamlit's script-state attribute on the app root.
_PENGAMAT_RUN = """
(() => {
  window.__lkjUbahRun = performance.now();
  new MutationObserver(() => { window.__lkjUbahRun = performance.now(); }).observe(
    document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
})();
"""
_SUDAH_TENANG = """
(tenangMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector('[data-stale="true"]')
    && performance.now() - window.__lkjUbahRun >= tenangMs;
}
"""


def _judul_h1() -> dict[str, str]:
    """slug -> the text of the page script's st.title(...) call (its h1), read from pages/*.py."""
    hasil = {}
    for h in nav.HALAMAN:
        pohon = ast.parse((ROOT / h.berkas).read_text(encoding="utf-8"))
        for node in ast.walk(pohon):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "title" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "st" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                hasil[h.slug] = node.args[0].value
                break
    return hasil


H1 = _judul_h1()


def test_setiap_halaman_punya_judul_h1():
    """Guard for the tests below: every registered page script has a literal st.title."""
    assert set(H1) == {h.slug for h in nav.HALAMAN}, f"pages without a literal st.title: " \
        f"{sorted({h.slug for h in nav.HALAMAN} - set(H1))}"


# ---------------------------------------------------------------------------------- fixtures

def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mulai_server(db: Path, log_path: Path, kunci_cookie: str | None = None
                 ) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free port over `db` (created and seeded with the demo by the app
    when missing); returns the process and base URL once /_stcore/health answers."""
    port = _port_bebas()
    env = dict(os.environ, LKJ_DB=str(db), LKJ_BCRYPT_ROUNDS="4",
               LKJ_COOKIE_KEY=kunci_cookie or secrets.token_hex(32))
    env.pop("LKJ_TANPA_DEMO", None)
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/python"), "-m", "streamlit", "run", "app.py",
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    batas = time.monotonic() + SERVER_START_S
    while True:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with code {proc.returncode} before answering:\n"
                        f"{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc, base
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > batas:
            hentikan_server(proc)
            pytest.fail(f"streamlit did not answer /_stcore/health within {SERVER_START_S} s:"
                        f"\n{log_path.read_text(errors='replace')}")
        time.sleep(0.2)


def hentikan_server(proc: subprocess.Popen) -> None:
    """Stop a server started by `mulai_server` (SIGTERM, then SIGKILL if it hangs)."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app served by `streamlit run` on a free port, with its own fresh demo database."""
    tmp = tmp_path_factory.mktemp("lkj_browser")
    proc, base = mulai_server(tmp / "lkj.duckdb", tmp / "server.log")
    try:
        yield base
    finally:
        hentikan_server(proc)


@pytest.fixture(scope="module")
def browser():
    """Debian chromium under Playwright; None when it is missing (the test then fails)."""
    if not os.path.exists(CHROMIUM):
        yield None
        return
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def konteks(browser):
    """Factory of fresh browser contexts (own cookies), all closed after the test."""
    dibuat = []

    def baru():
        if browser is None:   # in the test body, so a missing chromium FAILS the test
            pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian chromium. "
                        "Run `make test`, which installs it (make system-deps), "
                        "or `apt-get install chromium`.", pytrace=False)
        ctx = browser.new_context(viewport=VIEWPORT)
        ctx.set_default_timeout(TIMEOUT_MS)
        ctx.add_init_script(_PENGAMAT_RUN)
        dibuat.append(ctx)
        return ctx

    yield baru
    for ctx in dibuat:
        ctx.close()


# ----------------------------------------------------------------------------------- helpers

def _expect():
    from playwright.sync_api import expect
    expect.set_options(timeout=TIMEOUT_MS)
    return expect


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _tenang(page):
    """Wait (bounded) until Streamlit has finished all the runs of the current step."""
    page.wait_for_function(_SUDAH_TENANG, arg=TENANG_MS, polling=100, timeout=TIMEOUT_MS)


def _form_login(page):
    return (page.get_by_role("textbox", name="Nama pengguna"),
            page.get_by_role("textbox", name="Kata sandi"),
            page.get_by_role("button", name="Masuk"))


def _harus_form_login(page):
    """The settled page shows the login form (once) and nothing of a logged-in page."""
    expect = _expect()
    expect(page.get_by_role("textbox", name="Nama pengguna").first).to_be_visible()
    _tenang(page)
    for el in _form_login(page):
        expect(el).to_have_count(1)
        expect(el).to_be_visible()
    expect(page.get_by_text("Selamat datang")).to_have_count(0)
    expect(_sidebar(page).get_by_role("button", name="Keluar")).to_have_count(0)


def _shot(page, nama: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(VIEWPORT["width"] // 2, 2)   # no hover highlight left where we clicked
    page.screenshot(path=str(SHOTS / nama), full_page=True)


def _masuk(page, base: str, username: str, *, shot_login: bool = False):
    """Log in through the real form as a demo user; returns on the settled home page."""
    expect = _expect()
    page.goto(base + "/")
    _harus_form_login(page)
    if shot_login:
        _shot(page, "login.png")
    nama, sandi, tombol = _form_login(page)
    nama.fill(username)
    sandi.fill(f"{username}-demo")
    tombol.click()
    expect(page.get_by_text("Selamat datang").first).to_be_visible()
    # The login cookie is written by a component in the browser, a moment after the login
    # run; a full page load (goto, reload) before that would land on the login form.
    page.wait_for_function(f"document.cookie.includes('{NAMA_COOKIE}=')", timeout=TIMEOUT_MS)
    _tenang(page)
    expect(page.get_by_text("Selamat datang")).to_have_count(1)
    expect(_sidebar(page).get_by_role("button", name="Keluar")).to_be_visible()
    expect(page.get_by_role("textbox", name="Nama pengguna")).to_have_count(0)


def _nama_link_sidebar(page) -> list[str]:
    """Accessible names of the sidebar links on the settled page (inner text would include
    the icon ligature, e.g. 'flag')."""
    sb = _sidebar(page)
    _expect()(sb.get_by_role("button", name="Keluar")).to_be_visible()
    _tenang(page)
    snap = sb.aria_snapshot()
    nama = [json.loads(f'"{m}"')
            for m in re.findall(r'^\s*- link "((?:[^"\\]|\\.)*)"', snap, flags=re.M)]
    assert len(nama) == sb.get_by_role("link").count(), snap
    return nama


def _tanpa_exception(page, keterangan: str):
    _tenang(page)
    exc = page.locator('[data-testid="stException"]')
    if exc.count():
        pytest.fail(f"{keterangan}: Streamlit exception shown:\n" + "\n---\n".join(
            exc.all_inner_texts()))


def _h1(page, slug: str):
    return page.get_by_role("heading", level=1, name=H1[slug], exact=True)


def _harus_di_halaman(page, slug: str):
    """The settled page is `slug`: its h1 title once, no exception, no refusal."""
    expect = _expect()
    expect(_h1(page, slug).first).to_be_visible()
    _tanpa_exception(page, f"page {slug}")
    expect(_h1(page, slug)).to_have_count(1)
    expect(page.get_by_text(TOLAK)).to_have_count(0)
    expect(page.get_by_role("textbox", name="Nama pengguna")).to_have_count(0)


# ------------------------------------------------------------------------------------- tests

def test_admin_membuka_setiap_menu(server, konteks):
    expect = _expect()
    page = konteks().new_page()
    _masuk(page, server, "admin", shot_login=True)
    _shot(page, "beranda_admin.png")

    boleh = [h for h in nav.HALAMAN if h.boleh_dibuka("admin")]
    assert sorted(_nama_link_sidebar(page)) == sorted(h.judul for h in boleh)

    for h in boleh:
        _sidebar(page).get_by_role("link", name=h.judul, exact=True).click()
        expect(_h1(page, h.slug).first).to_be_visible()
        # The default page (the first) is served at the root URL.
        pola = rf"{re.escape(server)}/({re.escape(h.slug)})?$" if h is nav.HALAMAN[0] \
            else rf"{re.escape(server)}/{re.escape(h.slug)}$"
        expect(page).to_have_url(re.compile(pola))
        _harus_di_halaman(page, h.slug)
        _shot(page, f"{h.slug}.png")


def test_deep_link_bertahan_setelah_reload(server, konteks):
    expect = _expect()
    page = konteks().new_page()
    _masuk(page, server, "admin")
    page.goto(server + "/target")
    _harus_di_halaman(page, "target")

    page.reload()
    expect(_h1(page, "target").first).to_be_visible()
    _harus_di_halaman(page, "target")
    expect(page).to_have_url(re.compile(r"/target$"))


def test_menu_peran_bidang_dan_halaman_terlarang(server, konteks):
    expect = _expect()
    page = konteks().new_page()
    _masuk(page, server, "irban1")

    boleh = [h.judul for h in nav.HALAMAN if h.boleh_dibuka("bidang")]
    assert sorted(_nama_link_sidebar(page)) == sorted(boleh)

    page.goto(server + "/pengguna")
    expect(page.get_by_text(TOLAK).first).to_be_visible()
    _tanpa_exception(page, "refused /pengguna")
    expect(page.get_by_text(TOLAK)).to_have_count(1)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    expect(_h1(page, "pengguna")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/pengguna$"))


def test_keluar_mencabut_cookie_yang_diputar_ulang(server, konteks):
    expect = _expect()
    ctx = konteks()
    page = ctx.new_page()
    _masuk(page, server, "admin")
    tersimpan = ctx.cookies()
    assert any(c["name"] == NAMA_COOKIE for c in tersimpan), [c["name"] for c in tersimpan]

    # Control: before logout, that cookie alone does log a fresh browser in (so the check
    # after logout really exercises the server-side revocation, not a cookie that is ignored).
    kontrol = konteks()
    kontrol.add_cookies(tersimpan)
    pk = kontrol.new_page()
    pk.goto(server + "/")
    expect(pk.get_by_text("Selamat datang").first).to_be_visible()
    _tenang(pk)
    expect(pk.get_by_text("Selamat datang")).to_have_count(1)
    kontrol.close()

    _sidebar(page).get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda telah keluar.").first).to_be_visible()
    _harus_form_login(page)
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    # The browser drops the cookie as well (the server has revoked it either way).
    page.wait_for_function(f"!document.cookie.includes('{NAMA_COOKIE}=')", timeout=TIMEOUT_MS)

    ulang = konteks()
    ulang.add_cookies(tersimpan)
    # The replayed cookie is read on the first script run, judged void by the server, and the
    # session ended with "Sesi Anda telah berakhir": proof the cookie really was presented.
    pu = ulang.new_page()
    pu.goto(server + "/")
    _harus_form_login(pu)
    # The notice stays on screen (it is kept until the next login), so the user knows why.
    expect(pu.get_by_text(SESI_BERAKHIR)).to_be_visible()
    _tanpa_exception(pu, "replayed cookie")
