"""LKj entry point: the router, and in produksi mode the readiness check (lkj_core.kesiapan)
before any page. Every page script guards itself (lkj_app.auth.halaman),
because Streamlit may run a page from pages/ without this file (see README, "Wiring")."""

import streamlit as st

from lkj_app import auth, nav

halaman = st.navigation(nav.st_pages(), position="hidden")
auth.periksa_mode_produksi()   # LKJ_MODE=produksi: no page runs while demo passwords/data remain
halaman.run()
