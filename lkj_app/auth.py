"""The login gate every page calls first: streamlit-authenticator fed from DuckDB, lockout,
server-side session revocation, role check and the role's sidebar menu."""

from __future__ import annotations

import datetime as dt
import time

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from lkj_app import nav, state, ui
from lkj_core import config, kesiapan, organisasi, pengguna
from lkj_core.peran import LABEL_PERAN, Pelaku

NAMA_COOKIE = "lkj_sesi"
HARI_COOKIE = 7.0
_MASUK_PADA = "_lkj_masuk_pada"   # epoch of this session's login; older revocations void it
_PESAN = "_lkj_pesan_login"
_HAPUS_COOKIE = "_lkj_hapus_cookie"
_LABEL_LOGIN = {"Form name": "Masuk ke LKj", "Username": "Nama pengguna",
                "Password": "Kata sandi", "Login": "Masuk"}


def _kunci_cookie() -> str:
    try:
        dari_secrets = st.secrets.get("auth", {}).get("cookie_key")
    except FileNotFoundError:
        dari_secrets = None
    return config.cookie_key(dari_secrets)


def _waktu_terbit_cookie(kunci: str) -> float | None:
    """When the login cookie sent with this request was issued (None if absent/invalid)."""
    token = st.context.cookies.get(NAMA_COOKIE) if st.context.cookies else None
    if not token:
        return None
    try:
        isi = jwt.decode(token, kunci, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return float(isi["exp_date"]) - HARI_COOKIE * 86400


def _keluarkan(pesan: str | None = None) -> None:
    """End this session locally; 'logout' also stops the library from reusing the cookie."""
    for k in ("authentication_status", "username", "name", "roles", _MASUK_PADA):
        st.session_state.pop(k, None)
    st.session_state["authentication_status"] = None
    st.session_state["logout"] = True
    if pesan:
        st.session_state[_PESAN] = pesan


def _saat_login(_info: dict) -> None:
    st.session_state[_MASUK_PADA] = time.time()
    st.session_state["_lkj_catat_login"] = True
    st.session_state.pop(_PESAN, None)


def _login_gagal(kred: dict) -> None:
    # The library counted the failure in our credentials dict: that tells which user tried.
    dicoba = [u for u, d in kred["usernames"].items() if d.get("failed_login_attempts")]
    kunci = None
    with state.db() as cur:
        for username in dicoba:
            kunci = pengguna.catat_login_gagal(cur, username) or kunci
    if kunci:
        jam = dt.datetime.fromtimestamp(kunci).strftime("%H:%M")
        st.error(f"Akun dikunci sementara karena {pengguna.MAKS_GAGAL_LOGIN} kali gagal masuk. "
                 f"Coba lagi setelah pukul {jam}, atau minta admin mengatur ulang kata sandi.")
    else:
        st.error("Nama pengguna atau kata sandi salah.")


@st.cache_resource(show_spinner="Memeriksa kesiapan mode produksi…")
def _masalah_produksi(path: str) -> list[kesiapan.Masalah]:
    # Once per process and database file: the check costs one bcrypt verification per account.
    # A fix is made with the app stopped (DuckDB lets one process hold the file), so the
    # restart that follows runs the check again.
    with state.db() as cur:
        return kesiapan.masalah_produksi(cur, path)


def periksa_mode_produksi() -> None:
    """In produksi mode (LKJ_MODE=produksi), stop every run with a full-page explanation while
    the database still holds demo passwords or demo data: before any login form or page."""
    try:
        if not config.mode_produksi():
            return
    except ValueError as exc:   # an unknown LKJ_MODE: refuse rather than guess
        st.set_page_config(page_title="Konfigurasi salah · LKj", page_icon="📊")
        st.title("LKj tidak dapat dijalankan")
        st.error(str(exc))
        st.stop()
    path = str(config.db_path())
    masalah = _masalah_produksi(path)
    if not masalah:
        return
    st.set_page_config(page_title="Belum siap untuk produksi · LKj", page_icon="📊")
    st.title("LKj belum dapat dijalankan dalam mode produksi")
    st.error(f"Aplikasi dijalankan dengan `LKJ_MODE=produksi`, tetapi basis data `{path}` "
             "belum aman untuk dipakai. Tidak ada yang dapat masuk sampai hal berikut "
             "dibereskan.", icon=":material/block:")
    st.markdown("**Hentikan aplikasi ini dahulu** (basis data hanya dapat dibuka oleh satu "
                "proses), jalankan perintah perbaikan di bawah ini di folder aplikasi, lalu "
                "jalankan kembali aplikasinya. Pemeriksaan ini dilakukan sekali setelah "
                "aplikasi dimulai, jadi halaman ini baru hilang setelah aplikasi dijalankan "
                "ulang.")
    for m in masalah:
        st.subheader(m.judul)
        st.markdown(m.penjelasan)
        st.markdown("\n".join(f"- `{r}`" if m.jenis == "sandi_demo" else f"- {ui.esc(r)}"
                              for r in m.rincian))
        st.code("\n".join(m.perbaikan), language="bash")
    st.stop()


def halaman(slug: str) -> Pelaku:
    """Gate for page `slug`: shows the login form or an access refusal and stops the script
    unless the logged-in user's role may open it; returns the acting user."""
    hal = nav.PER_SLUG[slug]
    periksa_mode_produksi()   # also here: a page may run without app.py (see README)
    st.set_page_config(page_title=f"{hal.judul} · LKj", page_icon="📊", layout="wide")
    with state.db() as cur:
        masuk = st.session_state.get("authentication_status")
        kred = pengguna.kredensial(cur, username=st.session_state.get("username") if masuk
                                   else None)
    kunci = _kunci_cookie()
    auth = stauth.Authenticate(kred, NAMA_COOKIE, kunci, HARI_COOKIE, auto_hash=False,
                               login_sleep_time=0)
    if st.session_state.pop(_HAPUS_COOKIE, False):
        # In this run, not the logout click's: a rerun would drop the delete before the
        # browser performs it. (The server has revoked the cookie already either way.)
        auth.cookie_controller.delete_cookie()
    if st.session_state.get("authentication_status"):
        _periksa_sesi(kunci)
    kop = st.empty()  # filled only if the visitor turns out to be anonymous: no flash
    try:
        auth.login(location="main", fields=_LABEL_LOGIN, key="masuk", callback=_saat_login)
    except LoginError:
        # The library raises this for a cookie of an account that is no longer active (nobody
        # typed anything, so not "wrong password"): end it, draw the form on a fresh run.
        _keluarkan("Sesi Anda telah berakhir. Silakan masuk kembali.")
        st.rerun()
    except ValueError:
        # A password bcrypt cannot take (over 72 bytes): a failed login.
        _keluarkan()
        st.session_state["authentication_status"] = False
    status = st.session_state.get("authentication_status")
    if status is False:
        _login_gagal(kred)
    if not status:
        with kop.container():
            st.title("LKj — Laporan Kinerja Instansi Pemerintah")
            if st.session_state.get(_PESAN):
                # Kept until the next login: the cookie component's rerun must show it too.
                st.info(st.session_state[_PESAN])
        st.stop()
    pelaku = _periksa_sesi(kunci)
    if pelaku is None:
        st.rerun()
    _sidebar(pelaku)
    if not hal.boleh_dibuka(pelaku.peran):
        st.error("Anda tidak memiliki akses ke halaman ini. Pilih menu lain di samping.")
        st.stop()
    return pelaku


def _periksa_sesi(kunci: str) -> Pelaku | None:
    """Check the logged-in session against the database; end it when void."""
    username = st.session_state.get("username")
    if _MASUK_PADA not in st.session_state:
        # Logged in by cookie: the session is as old as the cookie.
        terbit = _waktu_terbit_cookie(kunci)
        st.session_state[_MASUK_PADA] = terbit if terbit is not None else time.time()
    with state.db() as cur:
        pelaku = pengguna.sesi_berlaku(cur, username, st.session_state[_MASUK_PADA])
        if pelaku is not None and st.session_state.pop("_lkj_catat_login", False):
            pengguna.catat_login_berhasil(cur, username)
    if pelaku is None:
        _keluarkan("Sesi Anda telah berakhir. Silakan masuk kembali.")
    return pelaku


def _sidebar(pelaku: Pelaku) -> None:
    with state.db() as cur:
        inst = organisasi.instansi(cur, pelaku.instansi_id)
        row = pengguna.pengguna(cur, pelaku.username)
    with st.sidebar:
        st.markdown(f"**{ui.esc(inst['nama'])}**")
        if inst["demo"]:
            st.warning("DATA DEMO — bukan data resmi.", icon=":material/science:")
        st.caption(f"{ui.esc(row['nama'])} · {LABEL_PERAN[pelaku.peran]}")
    nav.menu(pelaku.peran)
    st.sidebar.button("Keluar", key="keluar", on_click=_keluar, args=(pelaku.username,))
    if inst["demo"]:
        st.caption(":material/science: Mode demo: semua angka di aplikasi ini adalah data "
                   "contoh, bukan data resmi Inspektorat.")


def _keluar(username: str) -> None:
    """Logout button callback (runs before the next script run): revoke server-side first."""
    with state.db() as cur:
        pengguna.cabut_sesi(cur, username)
    _keluarkan("Anda telah keluar.")
    st.session_state[_HAPUS_COOKIE] = True
