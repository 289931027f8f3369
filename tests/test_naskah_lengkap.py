"""Data for the full LKjIP (issue 15): the indicator manual, angka pembanding, Rencana Aksi,
the instansi profile, the staff composition and the SAKIP follow-up — each write's happy
path, its Indonesian refusal of bad input with nothing changed, its audit row, the signed
year (the demo's 2024) and the bidang user refused; the demo holding all of it; the inputs
on their pages."""

from __future__ import annotations

import json
import re

import pytest

from akses_util import beda, sidik
from apptest_util import app, teks, tombol
from conftest import pelaku
from lkj_app.state import _koneksi
from lkj_core import (cadangan, db, demo_lkjip, pembanding, perencanaan, profil,
                      rencana_aksi)
from lkj_core.organisasi import DataTidakValid
from lkj_core.penguncian import TahunTerkunci
from lkj_core.peran import AksesDitolak
from lkj_core.perencanaan import IsianIndikator

JAHAT = ["'; DROP TABLE indikator; --", "Robert'); DELETE FROM pengguna;--",
         "? ?; $1 %s {0} {}", "<script>alert(1)</script> **tebal** [tautan](http://x)"]


def _ik(con, kode="IK-01") -> int:
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def _audit(con, tabel: str, pelaku_: str) -> list[dict]:
    rows = con.execute("SELECT aksi, kunci, lama, baru FROM audit_log WHERE tabel = ? AND"
                       " pelaku = ? ORDER BY id", [tabel, pelaku_]).fetchall()
    return [{"aksi": a, "kunci": k, "lama": json.loads(l) if l else None,
             "baru": json.loads(b) if b else None} for a, k, l, b in rows]


@pytest.fixture
def orang(demo_con):
    return {u: pelaku(demo_con, u) for u in ("admin", "kasubag", "irban1", "inspektur")}


def _ditolak(con, exc_type, fungsi, cocok: str | None = None):
    """`fungsi` is refused with `exc_type` (message matching `cocok`) and writes nothing."""
    sebelum = sidik(con)
    with pytest.raises(exc_type, match=cocok) as info:
        fungsi()
    assert not beda(sebelum, sidik(con))
    return info.value


# ------------------------------------------------------------------------- schema

def test_migrasi_009_menambah_kolom_dan_tabel(con):
    assert "009_naskah_lengkap" in db.migrasi_terpasang(con)
    kolom = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns"
                                       " WHERE table_name = 'indikator'").fetchall()}
    assert {"definisi", "formula", "sumber_data"} <= kolom
    tabel = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
             .fetchall()}
    assert {"angka_pembanding", "rencana_aksi", "komposisi_pegawai",
            "tindak_lanjut_evaluasi"} <= tabel


def test_cadangan_memuat_tabel_baru(demo_con, admin, tmp_path):
    arsip = cadangan.buat_cadangan(demo_con, admin, tmp_path / "arsip",
                                   folder_bukti=tmp_path / "bukti")
    tabel = cadangan.baca_manifest(arsip)["tabel"]
    for nama in ("angka_pembanding", "rencana_aksi", "komposisi_pegawai",
                 "tindak_lanjut_evaluasi"):
        assert tabel[nama] == demo_con.execute(f"SELECT count(*) FROM {nama}").fetchone()[0] > 0


# ------------------------------------------------------------- indicator manual

def _isian(con, **ubah) -> IsianIndikator:
    sid = con.execute("SELECT id FROM sasaran WHERE kode = 'SS1'").fetchone()[0]
    unit = con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN1'").fetchone()[0]
    return IsianIndikator(**{"sasaran_id": sid, "kode": "IK-20", "nama": "Indikator uji",
                             "satuan": "%", "polaritas": "positif", "unit_id": unit, **ubah})


def test_indikator_menyimpan_formula_dan_sumber_data(demo_con, orang):
    ik = perencanaan.simpan_indikator(demo_con, orang["kasubag"], _isian(
        demo_con, definisi=" Definisi uji ", formula="A / B × 100%",
        sumber_data="Laporan uji"))
    rid = demo_con.execute("SELECT id FROM renstra").fetchone()[0]
    df = perencanaan.daftar_indikator(demo_con, orang["kasubag"].instansi_id, rid)
    assert {"definisi", "formula", "sumber_data"} <= set(df.columns)
    baris = df[df["id"] == ik].iloc[0]
    assert (baris["definisi"], baris["formula"], baris["sumber_data"]) == (
        "Definisi uji", "A / B × 100%", "Laporan uji")
    assert _audit(demo_con, "indikator", "kasubag")[-1]["baru"]["formula"] == "A / B × 100%"
    # Emptied: stored as NULL, read as missing.
    perencanaan.simpan_indikator(demo_con, orang["kasubag"], _isian(demo_con), ik)
    assert demo_con.execute("SELECT formula, sumber_data FROM indikator WHERE id = ?",
                            [ik]).fetchone() == (None, None)


def test_indikator_formula_terlalu_panjang_ditolak(demo_con, orang):
    exc = _ditolak(demo_con, DataTidakValid, lambda: perencanaan.simpan_indikator(
        demo_con, orang["kasubag"], _isian(demo_con, formula="x" * 2001,
                                           sumber_data="y" * 2001)))
    assert exc.kesalahan["formula"] == "Formula terlalu panjang (maksimal 2000 karakter)."
    assert "Sumber data terlalu panjang" in exc.kesalahan["sumber_data"]


# ------------------------------------------------------------------ pembanding

def test_pembanding_simpan_ganti_hapus(demo_con, orang):
    kas, ik = orang["kasubag"], _ik(demo_con, "IK-05")
    pid = pembanding.simpan(demo_con, kas, ik, 2025, "provinsi", " Provinsi Jawa Tengah ",
                            "86,5", "Laporan Pemantauan TLHP BPKP Jawa Tengah 2025")
    df = pembanding.daftar(demo_con, kas.instansi_id, 2025)
    assert list(df.columns) == ["id", "indikator_id", "kode", "jenis", "wilayah", "nilai",
                                "sumber", "tahun"]
    baris = df[df["id"] == pid].iloc[0]
    assert (baris["kode"], baris["wilayah"], baris["nilai"], baris["tahun"]) == (
        "IK-05", "Provinsi Jawa Tengah", 86.5, 2025)
    # The same indicator, year, jenis and wilayah: replaced, not duplicated.
    assert pembanding.simpan(demo_con, kas, ik, 2025, "provinsi", "Provinsi Jawa Tengah", 87,
                             "Sumber baru") == pid
    assert len(pembanding.daftar(demo_con, kas.instansi_id, 2025)) == len(df)
    # A national figure may leave the region empty: it is "Nasional".
    nid = pembanding.simpan(demo_con, kas, ik, 2025, "nasional", "", "85", "Sumber nasional")
    assert demo_con.execute("SELECT wilayah FROM angka_pembanding WHERE id = ?",
                            [nid]).fetchone() == ("Nasional",)
    pembanding.hapus(demo_con, kas, pid)
    assert pid not in set(pembanding.daftar(demo_con, kas.instansi_id, 2025)["id"])
    jejak = _audit(demo_con, "angka_pembanding", "kasubag")
    assert [j["aksi"] for j in jejak] == ["tambah", "ubah", "tambah", "hapus"]
    assert jejak[1]["lama"]["nilai"] == 86.5 and jejak[1]["baru"]["nilai"] == 87.0
    assert jejak[3]["lama"]["sumber"] == "Sumber baru" and jejak[3]["baru"] is None


@pytest.mark.parametrize("isi,kolom,pesan", [
    (dict(nilai="tujuh puluh"), "nilai", "bukan angka yang valid"),
    (dict(nilai=""), "nilai", "Nilai wajib diisi"),
    (dict(sumber="  "), "sumber", "Sumber data wajib diisi"),
    (dict(jenis="kota"), "jenis", "Pilih jenis pembanding"),
    (dict(jenis="daerah_lain", wilayah=""), "wilayah", "Wilayah pembanding wajib diisi"),
    (dict(sumber="s" * 501), "sumber", "Sumber terlalu panjang"),
])
def test_pembanding_isian_salah_ditolak(demo_con, orang, isi, kolom, pesan):
    arg = dict(jenis="provinsi", wilayah="Provinsi Jawa Tengah", nilai="80", sumber="Sumber")
    arg.update(isi)
    exc = _ditolak(demo_con, DataTidakValid, lambda: pembanding.simpan(
        demo_con, orang["kasubag"], _ik(demo_con, "IK-05"), 2025, **arg))
    assert pesan in exc.kesalahan[kolom]


def test_pembanding_tahun_ditandatangani_dan_bidang_ditolak(demo_con, orang):
    ik = _ik(demo_con, "IK-01")
    _ditolak(demo_con, TahunTerkunci, lambda: pembanding.simpan(
        demo_con, orang["kasubag"], ik, 2024, "nasional", "Nasional", "3", "Sumber"),
        "sudah ditandatangani")
    pid_2024 = int(pembanding.daftar(demo_con, orang["kasubag"].instansi_id, 2024)["id"][0])
    _ditolak(demo_con, TahunTerkunci, lambda: pembanding.hapus(demo_con, orang["admin"],
                                                               pid_2024))
    _ditolak(demo_con, AksesDitolak, lambda: pembanding.simpan(
        demo_con, orang["irban1"], ik, 2025, "nasional", "Nasional", "3", "Sumber"))
    _ditolak(demo_con, AksesDitolak, lambda: pembanding.hapus(demo_con, orang["irban1"],
                                                              pid_2024))
    _ditolak(demo_con, DataTidakValid, lambda: pembanding.simpan(
        demo_con, orang["kasubag"], ik, 2030, "nasional", "Nasional", "3", "Sumber"),
        "di luar periode Renstra")
    _ditolak(demo_con, DataTidakValid, lambda: pembanding.simpan(
        demo_con, orang["kasubag"], 99999, 2025, "nasional", "Nasional", "3", "Sumber"),
        "Indikator tidak ditemukan")


def test_pembanding_teks_tersimpan_apa_adanya(demo_con, orang):
    ik = _ik(demo_con, "IK-05")
    for h in JAHAT:
        pid = pembanding.simpan(demo_con, orang["kasubag"], ik, 2025, "daerah_lain", h, "1", h)
        assert demo_con.execute("SELECT wilayah, sumber FROM angka_pembanding WHERE id = ?",
                                [pid]).fetchone() == (h, h)


# ---------------------------------------------------------------- rencana aksi

def test_rencana_aksi_simpan_baca_hapus(demo_con, orang):
    kas, ik = orang["kasubag"], _ik(demo_con, "IK-06")
    rencana_aksi.simpan_rencana_aksi(demo_con, kas, ik, 2026,
                                     {"tw1": "1", "tw2": 3, "tw3": "4,5", "tw4": ""},
                                     "  Bimtek bendahara  ")
    df = rencana_aksi.rencana_aksi(demo_con, kas.instansi_id, 2026)
    for k in ("indikator_id", "kode", "tw1", "tw2", "tw3", "tw4", "kegiatan"):
        assert k in df.columns
    baris = df[df["indikator_id"] == ik].iloc[0]
    assert (baris["tw1"], baris["tw2"], baris["tw3"]) == (1.0, 3.0, 4.5)
    assert baris["tw4"] != baris["tw4"]          # NaN: not planned
    assert baris["kegiatan"] == "Bimtek bendahara" and bool(baris["ada_rencana"])
    jejak = _audit(demo_con, "rencana_aksi", "kasubag")
    assert jejak[-1]["aksi"] == "ubah" and jejak[-1]["kunci"] == f"{ik}/2026"
    assert jejak[-1]["baru"]["tw3"] == 4.5 and jejak[-1]["lama"]["tw4"] == 6.0
    # Everything empty removes the plan; the indicator is still listed, without one.
    rencana_aksi.simpan_rencana_aksi(demo_con, kas, ik, 2026, {}, "")
    df = rencana_aksi.rencana_aksi(demo_con, kas.instansi_id, 2026)
    assert not df.loc[df["indikator_id"] == ik, "ada_rencana"].item()
    assert _audit(demo_con, "rencana_aksi", "kasubag")[-1]["aksi"] == "hapus"


@pytest.mark.parametrize("tw,kegiatan,kolom,pesan", [
    ({"tw1": "satu"}, "Aksi", "tw1", "Target TW I: 'satu' bukan angka"),
    ({"tw2": "-1"}, "Aksi", "tw2", "Target TW II tidak boleh negatif."),
    ({"tw4": "5"}, "", "kegiatan", "Rencana aksi (kegiatan yang direncanakan) wajib diisi"),
    ({"tw5": "5"}, "Aksi", "_", "Triwulan tidak dikenal: tw5"),
    ({"tw4": "5"}, "k" * 2001, "kegiatan", "Rencana aksi terlalu panjang"),
])
def test_rencana_aksi_isian_salah_ditolak(demo_con, orang, tw, kegiatan, kolom, pesan):
    exc = _ditolak(demo_con, DataTidakValid, lambda: rencana_aksi.simpan_rencana_aksi(
        demo_con, orang["kasubag"], _ik(demo_con), 2026, tw, kegiatan))
    assert pesan in exc.kesalahan[kolom]


def test_rencana_aksi_tahun_semua_atau_tidak_sama_sekali(demo_con, orang):
    kas = orang["kasubag"]
    a, b = _ik(demo_con, "IK-01"), _ik(demo_con, "IK-02")
    exc = _ditolak(demo_con, DataTidakValid, lambda: rencana_aksi.simpan_rencana_aksi_tahun(
        demo_con, kas, 2026, {a: ({"tw4": "4"}, "Aksi A"), b: ({"tw4": "x"}, "Aksi B"),
                              99999: ({"tw4": "1"}, "Aksi")}))
    assert exc.kesalahan[f"{b}:tw4"].startswith("IK-02: Target TW IV")
    assert exc.kesalahan["99999:_"] == "Indikator tidak ditemukan."
    assert rencana_aksi.simpan_rencana_aksi_tahun(
        demo_con, kas, 2026, {a: ({"tw4": "4"}, "Aksi A"), b: ({"tw4": "3,6"}, "Aksi B")}) == 2
    df = rencana_aksi.rencana_aksi(demo_con, kas.instansi_id, 2026).set_index("indikator_id")
    assert (df.at[a, "tw4"], df.at[b, "kegiatan"]) == (4.0, "Aksi B")
    # Unchanged rows are not rewritten (and not audited).
    n = len(_audit(demo_con, "rencana_aksi", "kasubag"))
    assert rencana_aksi.simpan_rencana_aksi_tahun(
        demo_con, kas, 2026, {a: ({"tw4": 4}, "Aksi A")}) == 0
    assert len(_audit(demo_con, "rencana_aksi", "kasubag")) == n


def test_rencana_aksi_tahun_ditandatangani_dan_bidang_ditolak(demo_con, orang):
    ik = _ik(demo_con)
    _ditolak(demo_con, TahunTerkunci, lambda: rencana_aksi.simpan_rencana_aksi(
        demo_con, orang["kasubag"], ik, 2024, {"tw4": "3"}, "Aksi"), "sudah ditandatangani")
    _ditolak(demo_con, TahunTerkunci, lambda: rencana_aksi.simpan_rencana_aksi_tahun(
        demo_con, orang["admin"], 2024, {ik: ({"tw4": "3"}, "Aksi")}))
    _ditolak(demo_con, AksesDitolak, lambda: rencana_aksi.simpan_rencana_aksi(
        demo_con, orang["irban1"], ik, 2026, {"tw4": "3"}, "Aksi"))
    _ditolak(demo_con, AksesDitolak, lambda: rencana_aksi.simpan_rencana_aksi_tahun(
        demo_con, orang["inspektur"], 2026, {ik: ({"tw4": "3"}, "Aksi")}))


def test_rencana_aksi_kegiatan_tersimpan_apa_adanya(demo_con, orang):
    ik = _ik(demo_con)
    for h in JAHAT:
        rencana_aksi.simpan_rencana_aksi(demo_con, orang["kasubag"], ik, 2026, {}, h)
        df = rencana_aksi.rencana_aksi(demo_con, orang["kasubag"].instansi_id, 2026)
        assert df.loc[df["indikator_id"] == ik, "kegiatan"].item() == h


# ---------------------------------------------------------------------- profil

def test_profil_kosong_lalu_diisi_sebagian(con):
    from lkj_core import organisasi, pengguna
    iid = organisasi.buat_instansi(con, "uji", "X", "Inspektorat X", "Pemda X")
    assert profil.profil(con, iid) == {"alamat": "", "telepon": "", "email": "", "laman": "",
                                       "dasar_hukum": "", "tugas": "", "fungsi": []}
    pengguna.buat_pengguna(con, "uji", iid, "adm", "Admin", "admin", "sandi-uji-123")
    adm = pelaku(con, "adm")
    profil.simpan_profil(con, adm, alamat=" Jl. Merdeka 1 ", fungsi="a. perumusan kebijakan;\n"
                         "\n- pelaksanaan pengawasan;\n3) penyusunan laporan.")
    profil.simpan_profil(con, adm, telepon="(0286) 321045", laman="inspektorat.x.go.id")
    p = profil.profil(con, iid)
    assert p["alamat"] == "Jl. Merdeka 1" and p["telepon"] == "(0286) 321045"
    assert p["fungsi"] == ["perumusan kebijakan;", "pelaksanaan pengawasan;",
                           "penyusunan laporan."]
    jejak = _audit(con, "pengaturan", "adm")
    assert [j["kunci"] for j in jejak] == ["profil_instansi"] * 2
    assert jejak[1]["lama"]["telepon"] == "" and jejak[1]["baru"]["laman"] == \
        "inspektorat.x.go.id"


@pytest.mark.parametrize("isi,kolom,pesan", [
    (dict(email="inspektorat@"), "email", "Alamat email tidak valid"),
    (dict(telepon="nol dua delapan"), "telepon", "Nomor telepon hanya boleh berisi angka"),
    (dict(laman="javascript:alert(1)"), "laman", "Alamat laman tidak valid"),
    (dict(laman="ftp://x.go.id"), "laman", "Alamat laman tidak valid"),
    (dict(alamat="a" * 301), "alamat", "Alamat terlalu panjang"),
    (dict(fungsi=["f"] * 31), "fungsi", "Fungsi paling banyak 30 butir"),
    (dict(warna="merah"), "_", "Isian profil tidak dikenal: warna"),
])
def test_profil_isian_salah_ditolak(demo_con, orang, isi, kolom, pesan):
    exc = _ditolak(demo_con, DataTidakValid, lambda: profil.simpan_profil(
        demo_con, orang["admin"], **isi))
    assert pesan in exc.kesalahan[kolom]


def test_profil_hanya_admin(demo_con, orang):
    for u in ("kasubag", "irban1"):
        _ditolak(demo_con, AksesDitolak, lambda u=u: profil.simpan_profil(
            demo_con, orang[u], alamat="Jl. Lain"))


def test_profil_teks_tersimpan_apa_adanya(demo_con, orang):
    for h in JAHAT:
        profil.simpan_profil(demo_con, orang["admin"], alamat=h, tugas=h, dasar_hukum=h,
                             fungsi=[h])
        p = profil.profil(demo_con, orang["admin"].instansi_id)
        assert (p["alamat"], p["tugas"], p["dasar_hukum"], p["fungsi"]) == (h, h, h, [h])


# ----------------------------------------------------------- komposisi pegawai

def test_komposisi_ganti_per_dimensi(demo_con, orang):
    adm = orang["admin"]
    profil.simpan_komposisi(demo_con, adm, 2026, "pendidikan",
                            [("S3", 1), ("S2", "15"), ("S1/D4", 30.0)])
    df = profil.komposisi_pegawai(demo_con, adm.instansi_id, 2026)
    assert list(df.columns) == ["dimensi", "kategori", "jumlah"]
    assert df[df["dimensi"] == "pendidikan"][["kategori", "jumlah"]].values.tolist() == [
        ["S3", 1], ["S2", 15], ["S1/D4", 30]]
    assert list(dict.fromkeys(df["dimensi"])) == ["jabatan", "golongan", "pendidikan"]
    jejak = _audit(demo_con, "komposisi_pegawai", "admin")[-1]
    assert jejak["kunci"] == "2026/pendidikan" and jejak["baru"]["baris"][0] == ["S3", 1]
    profil.simpan_komposisi(demo_con, adm, 2026, "pendidikan", [])
    df = profil.komposisi_pegawai(demo_con, adm.instansi_id, 2026)
    assert "pendidikan" not in set(df["dimensi"])
    assert set(profil.total_per_dimensi(df)) == {"jabatan", "golongan"}


@pytest.mark.parametrize("baris,pesan", [
    ([("Auditor", -1)], "Baris 1 (Auditor): jumlah tidak boleh negatif."),
    ([("Auditor", 1.5)], "jumlah harus bilangan bulat"),
    ([("Auditor", "dua")], "jumlah harus bilangan bulat"),
    ([("Auditor", None)], "Baris 1 (Auditor): jumlah wajib diisi."),
    ([("Auditor", True)], "jumlah harus bilangan bulat"),
    ([("", 3)], "Baris 1: kategori wajib diisi."),
    ([("Auditor", 3), ("auditor", 2)], "Baris 2: kategori 'auditor' tercantum dua kali."),
])
def test_komposisi_isian_salah_ditolak(demo_con, orang, baris, pesan):
    exc = _ditolak(demo_con, DataTidakValid, lambda: profil.simpan_komposisi(
        demo_con, orang["admin"], 2026, "jabatan", baris))
    assert any(pesan in p for p in exc.kesalahan.values()), exc.kesalahan


def test_komposisi_dimensi_tahun_terkunci_dan_peran(demo_con, orang):
    _ditolak(demo_con, DataTidakValid, lambda: profil.simpan_komposisi(
        demo_con, orang["admin"], 2026, "agama", [("Islam", 40)]), "jabatan, golongan")
    _ditolak(demo_con, TahunTerkunci, lambda: profil.simpan_komposisi(
        demo_con, orang["admin"], 2024, "jabatan", [("Auditor", 3)]), "sudah ditandatangani")
    for u in ("kasubag", "irban1"):
        _ditolak(demo_con, AksesDitolak, lambda u=u: profil.simpan_komposisi(
            demo_con, orang[u], 2026, "jabatan", [("Auditor", 3)]))


# ------------------------------------------------------ tindak lanjut evaluasi

BARIS_TL = [{"rekomendasi": "Lengkapi manual IKU.", "tindak_lanjut": "Manual ditetapkan.",
             "status": "selesai"},
            {"no": 9, "rekomendasi": "Susun rencana aksi.", "tindak_lanjut": "",
             "status": "Belum ditindaklanjuti"}]


def test_tindak_lanjut_ganti_tahunan(demo_con, orang):
    kas = orang["kasubag"]
    profil.simpan_tindak_lanjut(demo_con, kas, 2026, BARIS_TL)
    df = profil.tindak_lanjut_evaluasi(demo_con, kas.instansi_id, 2026)
    assert list(df.columns) == ["no", "rekomendasi", "tindak_lanjut", "status"]
    assert df.values.tolist() == [
        [1, "Lengkapi manual IKU.", "Manual ditetapkan.", "selesai"],
        [2, "Susun rencana aksi.", "", "belum ditindaklanjuti"]]
    jejak = _audit(demo_con, "tindak_lanjut_evaluasi", "kasubag")
    assert jejak[-1]["kunci"] == "2026" and len(jejak[-1]["baru"]["baris"]) == 2
    assert len(jejak[-1]["lama"]["baris"]) == len(demo_lkjip.TINDAK_LANJUT[2026])
    profil.simpan_tindak_lanjut(demo_con, kas, 2026, [])
    assert profil.tindak_lanjut_evaluasi(demo_con, kas.instansi_id, 2026).empty


@pytest.mark.parametrize("ubah,pesan", [
    ({"status": "tuntas"}, "Baris 1: status harus 'selesai', 'dalam proses', "
                           "'belum ditindaklanjuti'."),
    ({"rekomendasi": " "}, "Baris 1: rekomendasi wajib diisi."),
    ({"tindak_lanjut": ""}, "Baris 1: uraikan tindak lanjutnya"),
    ({"catatan": "x"}, "Baris 1: kolom tidak dikenal: catatan."),
])
def test_tindak_lanjut_isian_salah_ditolak(demo_con, orang, ubah, pesan):
    baris = [{**BARIS_TL[0], **ubah}]
    exc = _ditolak(demo_con, DataTidakValid, lambda: profil.simpan_tindak_lanjut(
        demo_con, orang["kasubag"], 2026, baris))
    assert pesan in exc.kesalahan["baris_1"]


def test_tindak_lanjut_tahun_terkunci_dan_peran(demo_con, orang):
    _ditolak(demo_con, TahunTerkunci, lambda: profil.simpan_tindak_lanjut(
        demo_con, orang["kasubag"], 2024, BARIS_TL), "sudah ditandatangani")
    for u in ("irban1", "inspektur"):
        _ditolak(demo_con, AksesDitolak, lambda u=u: profil.simpan_tindak_lanjut(
            demo_con, orang[u], 2026, BARIS_TL))


def test_tindak_lanjut_teks_tersimpan_apa_adanya(demo_con, orang):
    for h in JAHAT:
        profil.simpan_tindak_lanjut(demo_con, orang["kasubag"], 2026, [
            {"rekomendasi": h, "tindak_lanjut": h, "status": "dalam proses"}])
        assert profil.tindak_lanjut_evaluasi(demo_con, orang["kasubag"].instansi_id, 2026)[
            ["rekomendasi", "tindak_lanjut"]].values.tolist() == [[h, h]]


# ------------------------------------------------------------------------ demo

def test_demo_memuat_data_lkjip_lengkap(demo_con):
    iid = demo_con.execute("SELECT id FROM instansi").fetchone()[0]
    rid = demo_con.execute("SELECT id FROM renstra").fetchone()[0]
    ind = perencanaan.daftar_indikator(demo_con, iid, rid)
    # Every indicator has its manual; every tujuan has an indicator.
    for k in ("definisi", "formula", "sumber_data"):
        assert ind[k].map(lambda x: isinstance(x, str) and len(x) > 30).all(), k
    pohon = perencanaan.pohon_kinerja(demo_con, rid)
    dengan = set(pohon.merge(ind, on="sasaran_id")["tujuan_id"])
    assert set(pohon["tujuan_id"]) == dengan
    # Rencana Aksi for every indicator and year; TW IV is the target (rentang: lower bound);
    # the triwulan realisations end on the year's value.
    for tahun in range(2021, 2027):
        ra = rencana_aksi.rencana_aksi(demo_con, iid, tahun)
        assert ra["ada_rencana"].all() and ra["kegiatan"].notna().all()
        assert (ra["tw4"] == ra["target"]).all(), tahun
    assert demo_con.execute("SELECT count(*) FROM realisasi WHERE tw4 IS NOT NULL AND"
                            " tw4 <> nilai").fetchone()[0] == 0
    assert demo_con.execute("SELECT count(*) FROM realisasi WHERE tw4 IS NOT NULL"
                            ).fetchone()[0] >= 49
    # Comparison figures: about half of the indicators, in the signed years and the current
    # one, each with a source; the others have none.
    for tahun in (2023, 2024, 2025):
        pb = pembanding.daftar(demo_con, iid, tahun)
        assert 0.3 <= pb["kode"].nunique() / len(ind) <= 0.7, tahun
        assert pb["sumber"].str.len().min() > 10
        assert set(pb["jenis"]) == set(pembanding.JENIS)
    # Profile, staff (each dimension the same total, about 45) and SAKIP follow-up.
    p = profil.profil(demo_con, iid)
    assert all(p[k] for k in ("alamat", "telepon", "email", "laman", "dasar_hukum", "tugas"))
    assert len(p["fungsi"]) >= 5 and "Peraturan Bupati Wonosobo" in p["dasar_hukum"]
    for tahun in range(2021, 2027):
        total = profil.total_per_dimensi(profil.komposisi_pegawai(demo_con, iid, tahun))
        assert set(total) == set(profil.DIMENSI) and len(set(total.values())) == 1, tahun
        assert 40 <= next(iter(total.values())) <= 50
        tl = profil.tindak_lanjut_evaluasi(demo_con, iid, tahun)
        assert 3 <= len(tl) <= 5 and set(tl["status"]) <= set(profil.STATUS_TINDAK_LANJUT)


def test_demo_narasi_memakai_angka_indonesia(demo_con):
    teks_ = [r[0] for r in demo_con.execute(
        "SELECT analisis_penyebab FROM realisasi WHERE analisis_penyebab LIKE 'Realisasi%'"
    ).fetchall()]
    assert teks_ and not [t for t in teks_ if re.search(r"\d\.\d", t)]
    assert any(re.search(r"sebesar \d+,\d+ dibandingkan target \d+(,\d+)?", t) for t in teks_)
    assert any("target 90–100" in t for t in teks_)


def test_triwulan_demo_murni():
    assert demo_lkjip.triwulan("IK-06", 11, 7) == (2.0, 4.0, 5.0, 7)        # a count from 0
    assert demo_lkjip.triwulan("IK-03", 67.9, 70) == (67.9, 67.9, 67.9, 70)  # a yearly score
    assert demo_lkjip.triwulan("IK-02", 3.31, 3.5) == (3.36, 3.41, 3.45, 3.5)
    k = demo_lkjip.komposisi(2021)
    assert {d: sum(j for _, j in rows) for d, rows in k.items()} == {
        "jabatan": 42, "golongan": 42, "pendidikan": 42}


# ----------------------------------------------------------------------- pages

def _q(db_file, sql, params=()):
    with _koneksi(str(db_file)).cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def test_halaman_naskah_angka_pembanding(db_file):
    at = app("kasubag", "naskah_laporan")
    assert not at.exception
    assert "Angka pembanding" in [s.value for s in at.subheader]
    assert "Tanpa angka pembanding:" in teks(at)
    ik = _q(db_file, "SELECT id FROM indikator WHERE kode = 'IK-05'")[0][0]
    at.selectbox(key="pb_indikator").set_value(ik)
    at.selectbox(key="pb_jenis").set_value("provinsi")
    at.text_input(key="pb_wilayah").input("Provinsi Jawa Tengah")
    at.text_input(key="pb_nilai").input("delapan puluh")
    at.text_input(key="pb_sumber").input("Laporan BPKP 2025")
    tombol(at, "Simpan angka pembanding").click()
    at.run()
    assert not at.exception
    assert "bukan angka yang valid" in teks(at)
    assert at.text_input(key="pb_nilai").value == "delapan puluh"   # the typing is kept
    assert _q(db_file, "SELECT count(*) FROM angka_pembanding WHERE indikator_id = ?",
              [ik]) == [(0,)]
    at.text_input(key="pb_nilai").input("86,5")
    tombol(at, "Simpan angka pembanding").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT jenis, wilayah, nilai, sumber, diubah_oleh FROM"
              " angka_pembanding WHERE indikator_id = ?", [ik]) == [
        ("provinsi", "Provinsi Jawa Tengah", 86.5, "Laporan BPKP 2025", "kasubag")]
    assert at.text_input(key="pb_nilai").value == ""                # emptied after the save
    assert "86,5" in at.dataframe[-1].value["Nilai"].tolist()


def test_halaman_target_rencana_aksi(db_file):
    at = app("inspektur", "target")
    assert not at.exception
    assert "Rencana Aksi (target per triwulan)" in [s.value for s in at.subheader]
    tabel = at.dataframe[-1].value
    assert {"s.d. TW I", "s.d. TW IV", "Rencana Aksi"} <= set(tabel.columns)
    assert "Simpan rencana aksi" not in [b.label for b in at.button]
    at = app("kasubag", "target")
    assert not at.exception and "Simpan rencana aksi" in [b.label for b in at.button]


def test_halaman_pengaturan_profil(db_file):
    at = app("admin", "pengaturan")
    assert not at.exception
    assert at.text_input(key="profil_email").value == demo_lkjip.PROFIL["email"]
    at.text_input(key="profil_email").input("bukan-email")
    tombol(at, "Simpan profil").click()
    at.run()
    assert "Alamat email tidak valid" in teks(at)
    at.text_input(key="profil_email").input("baru@wonosobokab.go.id")
    tombol(at, "Simpan profil").click()
    at.run()
    assert not at.exception
    nilai = json.loads(_q(db_file, "SELECT nilai FROM pengaturan WHERE kunci ="
                                   " 'profil_instansi'")[0][0])
    assert nilai["email"] == "baru@wonosobokab.go.id"
    assert nilai["fungsi"] == demo_lkjip.PROFIL["fungsi"]
    assert "Komposisi pegawai (Bab I)" in [s.value for s in at.subheader]


def test_halaman_indikator_formula_sumber(db_file):
    at = app("kasubag", "indikator")
    ik = _q(db_file, "SELECT id FROM indikator WHERE kode = 'IK-04'")[0][0]
    at.selectbox(key="ind_pilih").set_value(ik).run()
    assert at.text_area(key="ind_formula").value == demo_lkjip.MANUAL["IK-04"][1]
    at.text_area(key="ind_sumber_data").input("Sumber baru")
    tombol(at, "Simpan indikator").click()
    at.run()
    assert not at.exception
    assert _q(db_file, "SELECT sumber_data, formula FROM indikator WHERE id = ?", [ik]) == [
        ("Sumber baru", demo_lkjip.MANUAL["IK-04"][1])]
