"""LKj entry point: only the router. Every page script guards itself (lkj_app.auth.halaman),
because Streamlit may run a page from pages/ without this file (see README, "Wiring")."""

import streamlit as st

from lkj_app import nav

st.navigation(nav.st_pages(), position="hidden").run()
