"""Small rendering helpers shared by pages: field errors kept across reruns, formatted tables."""

from __future__ import annotations

import re

import streamlit as st

from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak


def simpan_kesalahan(form: str, exc: DataTidakValid) -> None:
    """Remember a form's field errors for the next run (the typed values stay in the widgets)."""
    st.session_state[f"_err_{form}"] = exc.kesalahan


def kesalahan(form: str) -> dict[str, str]:
    """The field errors remembered for a form."""
    return st.session_state.get(f"_err_{form}", {})


def hapus_kesalahan(form: str) -> None:
    """Forget a form's errors (after a successful save)."""
    st.session_state.pop(f"_err_{form}", None)


def pesan_kolom(form: str, *kolom: str) -> None:
    """Show the error of these fields right below them, if any."""
    for k in kolom:
        if k in kesalahan(form):
            # Messages may quote what the user typed (a code, a number, stored values).
            st.error(esc(kesalahan(form)[k]), icon=":material/error:")


def ringkasan_kesalahan(form: str) -> None:
    """A summary line above a form that has errors; field-less errors are shown in full."""
    err = kesalahan(form)
    if err:
        st.error("Data belum disimpan. Perbaiki isian yang ditandai di bawah.")
        if "_" in err:
            st.error(esc(err["_"]))


PESAN_BENTROK = ("Data ini sedang disimpan oleh pengguna lain pada saat yang sama, sehingga "
                 "isian Anda belum disimpan. Isian Anda masih ada di formulir: periksa, lalu "
                 "simpan lagi.")


def simpan(form: str, aksi, pesan: str, setelah=None) -> None:
    """Run `aksi(cursor)`; bad input keeps the form's errors (and typed values), success
    clears them, calls `setelah(result)` and queues `pesan`; then rerun to show the new state."""
    import duckdb

    from lkj_app import state
    from lkj_core.db import TransaksiBentrok, bentrok_tulis

    try:
        with state.db() as cur:
            hasil = aksi(cur)
    except DataTidakValid as exc:
        simpan_kesalahan(form, exc)
    except AksesDitolak as exc:
        simpan_kesalahan(form, DataTidakValid(str(exc)))
    except (duckdb.Error, TransaksiBentrok) as exc:
        # Two people saving the same row at the same moment: DuckDB rolled this one back.
        if not isinstance(exc, TransaksiBentrok) and not bentrok_tulis(exc):
            raise
        simpan_kesalahan(form, DataTidakValid(PESAN_BENTROK))
    else:
        hapus_kesalahan(form)
        if setelah:
            setelah(hasil)
        berhasil(pesan)
    st.rerun()


def berhasil(pesan: str) -> None:
    """Queue a success toast that survives the rerun after a save."""
    st.session_state["_lkj_toast"] = pesan


def tampilkan_toast() -> None:
    """Show a queued success toast."""
    if pesan := st.session_state.pop("_lkj_toast", None):
        st.toast(pesan, icon=":material/check_circle:")


# Characters that start inline markup anywhere in a line of Streamlit's markdown: escapes,
# code, emphasis, links/images/directives, HTML and autolinks, LaTeX, directives/emoji/icons,
# strikethrough, entities, table cells. Only these are escaped, so ordinary text (which also
# ends up in widget labels, whose accessible name is the raw label) keeps no backslashes.
_MD_AKTIF = frozenset("\\`*_[]<>$:~&|")
# The start of a line that would open a block (heading, list item) or be a setext underline
# or thematic break; its marked character gets a backslash. (Quotes, fences, tables, HTML
# blocks and "*"/"_" rules start with characters escaped anyway.)
# Any Unicode blank counts (a no-break space too): stricter than CommonMark, never looser.
_AWAL_BLOK = re.compile(r"(#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)|[=-][=\-\s]*$")
# Streamlit turns ":material/x:", ":material_x:" and ":streamlit:" into icons on the parsed
# text, where escapes no longer count: an invisible WORD JOINER after the colon breaks them.
_IKON_STREAMLIT = re.compile(r":(?=material|streamlit:)")


def _esc_baris(baris: str) -> str:
    isi = baris.lstrip(" \t")
    # Leading blanks as no-break spaces: kept on screen, never an indented code block.
    awal = "\u00a0" * (len(baris) - len(isi))
    isi = "".join("\\" + c if c in _MD_AKTIF else c
                  for c in _IKON_STREAMLIT.sub(":\u2060", isi))
    if m := _AWAL_BLOK.match(isi):
        i = m.end(1) - 1 if m.group(1) else 0
        isi = isi[:i] + "\\" + isi[i:]
    return awal + isi


def esc(teks) -> str:
    """User-typed text made inert inside Streamlit markdown (st.markdown, captions, alerts,
    labels, metric values, st.table cells): no HTML, links, images, emphasis, LaTeX,
    directives, icons or block structure; its line breaks are kept."""
    return "  \n".join(_esc_baris(b) for b in str(teks).splitlines())


def tahun_renstra(pelaku, key: str = "tahun") -> int:
    """The year selector every year-based page starts with (default: the year being
    reported); stops the page with guidance when no Renstra exists yet."""
    from lkj_app import state
    from lkj_core import organisasi, perencanaan

    with state.db() as cur:
        bawaan = organisasi.instansi(cur, pelaku.instansi_id)["tahun_laporan"]
        daftar = perencanaan.tahun_tersedia(cur, pelaku.instansi_id)
    tahun = pilih_tahun(daftar, bawaan, key=key)
    if tahun is None:
        st.info("Belum ada Renstra. Buat periode Renstra di menu **Renstra & Sasaran**.")
        st.stop()
    return tahun


def teks_panjang(teks) -> str:
    """A user's multi-line text as inert markdown that keeps its line breaks ("—" if empty)."""
    return esc(teks) if teks else "—"


def pilih_tahun(tahun: list[int], bawaan: int | None, key: str = "tahun") -> int | None:
    """Year selector over the Renstra years, defaulting to the year being reported."""
    if not tahun:
        return None
    indeks = tahun.index(bawaan) if bawaan in tahun else len(tahun) - 1
    return st.selectbox("Tahun", tahun, index=indeks, key=key)


def kosong(x) -> bool:
    """True for None, NaN and pandas NA (nullable columns of DuckDB results)."""
    import pandas as pd

    return x is None or bool(pd.isna(x))


def id_atau_none(x) -> int | None:
    """A nullable id column value as int or None."""
    return None if kosong(x) else int(x)


def grafik(judul: str, chart, tabel, key: str, keterangan: str | None = None) -> None:
    """A chart under its heading, with a 'lihat tabel' toggle showing the same numbers and a
    CSV download of them."""
    st.subheader(judul)
    if keterangan:
        st.caption(keterangan)
    st.altair_chart(chart, width="stretch")
    if st.toggle("Lihat tabel", key=f"tabel_{key}"):
        st.dataframe(tabel, hide_index=True, width="stretch")
        st.download_button("Unduh CSV", csv_aman(tabel), file_name=f"{key}.csv",
                           mime="text/csv", key=f"csv_{key}", on_click="ignore")


def csv_aman(tabel) -> bytes:
    """The table as CSV for Excel (';' and decimal comma, UTF-8 with BOM). A text cell that
    starts with = + - @ or a tab/CR (a name typed as "=HYPERLINK(…)") gets a leading
    apostrophe, so a spreadsheet shows it as text instead of running it as a formula."""
    def aman(x):
        return "'" + x if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r") else x

    teks = tabel.copy()
    for k in teks.columns:
        if teks[k].dtype == object or str(teks[k].dtype) in ("string", "str"):
            teks[k] = teks[k].map(aman)
    return teks.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
