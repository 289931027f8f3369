"""The login gate every page calls first: streamlit-authenticator fed from DuckDB, lockout,
server-side session revocation, role check and the role's sidebar menu."""

from __future__ import annotations

import datetime as dt
import time

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from lkj_app import nav, state
from lkj_core import config, organisasi, pengguna
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


def halaman(slug: str) -> Pelaku:
    """Gate for page `slug`: shows the login form or an access refusal and stops the script
    unless the logged-in user's role may open it; returns the acting user."""
    hal = nav.PER_SLUG[slug]
    st.set_page_config(page_title=f"{hal.judul} · LKj", page_icon="📊", layout="wide")
    with state.db() as cur:
        kred = pengguna.kredensial(cur)
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
    except (LoginError, ValueError):
        # A cookie for a removed user, or a password bcrypt cannot take: a failed login.
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
        st.markdown(f"**{inst['nama']}**")
        if inst["demo"]:
            st.warning("DATA DEMO — bukan data resmi.", icon=":material/science:")
        st.caption(f"{row['nama']} · {LABEL_PERAN[pelaku.peran]}")
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
