"""The planning chain: Renstra -> Tujuan -> Sasaran -> Indikator -> targets, PK lines."""

from __future__ import annotations

import pytest

from conftest import pelaku
from lkj_core import organisasi, pengguna, perencanaan
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak, Pelaku
from lkj_core.perencanaan import IsianIndikator


def _isi(con, **ubah):
    sasaran = con.execute("SELECT id FROM sasaran WHERE kode = 'SS1'").fetchone()[0]
    unit = con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN1'").fetchone()[0]
    dasar = dict(sasaran_id=sasaran, kode="IK-20", nama="Persentase auditor bersertifikat JFA",
                 satuan="%", polaritas="positif", unit_id=unit, target_akhir="90",
                 target={2025: ("75,5", ""), 2026: ("80", "")})
    return IsianIndikator(**{**dasar, **ubah})


def _jumlah(con):
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("indikator", "target_tahunan", "audit_log"))


def test_rantai_lengkap_dari_renstra_baru(demo_con, kasubag):
    awal = demo_con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    rid = perencanaan.buat_renstra(demo_con, kasubag, "Renstra 2027–2031", "2027", "2031")
    tid = perencanaan.buat_tujuan(demo_con, kasubag, rid, "T1", "Tata kelola yang akuntabel")
    sid = perencanaan.buat_sasaran(demo_con, kasubag, tid, "SS1", "Meningkatnya kualitas APIP")
    unit = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN2'").fetchone()[0]
    iid = perencanaan.simpan_indikator(demo_con, kasubag, IsianIndikator(
        sasaran_id=sid, kode="IK-2027-1", nama="Inflasi daerah", satuan="%",
        polaritas="rentang", unit_id=unit, target_akhir="2", target_akhir_atas="4",
        target={2027: ("2,5", "3,5"), 2028: ("2", "4")}))
    assert perencanaan.target_indikator(demo_con, iid) == {2027: (2.5, 3.5), 2028: (2.0, 4.0)}
    tabel = perencanaan.tabel_target(demo_con, kasubag.instansi_id, 2029)
    assert tabel["kode"].tolist() == ["IK-2027-1"] and not tabel["ada_target"].any()
    assert perencanaan.indikator_tanpa_target(demo_con, kasubag.instansi_id, 2029) == [
        "IK-2027-1 — Inflasi daerah"]
    assert perencanaan.indikator_tanpa_target(demo_con, kasubag.instansi_id, 2027) == []
    assert 2031 in perencanaan.tahun_tersedia(demo_con, kasubag.instansi_id)
    tabel_audit = {r[0] for r in demo_con.execute(
        "SELECT tabel FROM audit_log WHERE pelaku = 'kasubag' AND id > ?", [awal]).fetchall()}
    assert tabel_audit == {"renstra", "tujuan", "sasaran", "indikator", "target_tahunan"}


def test_renstra_tumpang_tindih_ditolak(demo_con, kasubag):
    with pytest.raises(DataTidakValid, match="tumpang tindih"):
        perencanaan.buat_renstra(demo_con, kasubag, "Salah", 2026, 2030)
    with pytest.raises(DataTidakValid, match="sebelum tahun awal"):
        perencanaan.buat_renstra(demo_con, kasubag, "Salah", 2031, 2027)
    with pytest.raises(DataTidakValid, match="tahun"):
        perencanaan.buat_renstra(demo_con, kasubag, "Salah", "dua ribu", 2030)


@pytest.mark.parametrize("ubah,kolom", [
    (dict(nama="  "), "nama"),
    (dict(kode=""), "kode"),
    (dict(kode="IK-01"), "kode"),
    (dict(satuan=""), "satuan"),
    (dict(polaritas="naik"), "polaritas"),
    (dict(unit_id=None), "unit_id"),
    (dict(target={2025: ("tujuh puluh", "")}), "target_2025"),
    (dict(target={2025: ("1.234", "")}), "target_2025"),           # ambiguous thousands
    (dict(target={2030: ("80", "")}), "target_2030"),              # outside the Renstra
    (dict(target={2025: ("80", "90")}), "target_2025_atas"),       # upper bound, not rentang
    (dict(polaritas="rentang", target={2025: ("90", "80")}), "target_2025_atas"),
    (dict(polaritas="rentang", target={2025: ("90", "")}), "target_2025_atas"),
    (dict(target={2025: ("", "90")}), "target_2025"),
    (dict(target_akhir="sembilan"), "target_akhir"),
    (dict(standar_nasional="abc"), "standar_nasional"),
])
def test_isian_indikator_salah_tidak_menyimpan_apa_pun(demo_con, kasubag, ubah, kolom):
    sebelum = _jumlah(demo_con)
    with pytest.raises(DataTidakValid) as e:
        perencanaan.simpan_indikator(demo_con, kasubag, _isi(demo_con, **ubah))
    assert kolom in e.value.kesalahan
    assert _jumlah(demo_con) == sebelum


def test_semua_kesalahan_dilaporkan_sekaligus(demo_con, kasubag):
    with pytest.raises(DataTidakValid) as e:
        perencanaan.simpan_indikator(demo_con, kasubag, _isi(
            demo_con, nama="", satuan="", target={2025: ("x", ""), 2026: ("80", "1")}))
    assert {"nama", "satuan", "target_2025", "target_2026_atas"} <= set(e.value.kesalahan)


def test_ubah_indikator_dan_hapus_target_tahun(demo_con, kasubag):
    iid = perencanaan.simpan_indikator(demo_con, kasubag, _isi(demo_con))
    perencanaan.simpan_indikator(demo_con, kasubag, _isi(
        demo_con, kode="IK-20B", target={2025: ("", ""), 2026: ("85", "")}), iid)
    assert perencanaan.target_indikator(demo_con, iid) == {2026: (85.0, None)}
    aksi = demo_con.execute("SELECT aksi, tabel FROM audit_log ORDER BY id DESC LIMIT 3"
                            ).fetchall()
    assert ("hapus", "target_tahunan") in aksi and ("ubah", "indikator") in aksi


def test_peran_lain_dan_instansi_lain_ditolak(demo_con):
    inspektur = pelaku(demo_con, "inspektur")
    with pytest.raises(AksesDitolak):
        perencanaan.simpan_indikator(demo_con, inspektur, _isi(demo_con))
    lain = organisasi.buat_instansi(demo_con, "uji", "LAIN", "Dinas Lain", "Pemda Lain")
    pengguna.buat_pengguna(demo_con, "uji", lain, "adminlain", "Admin Lain", "admin",
                           "sandi-bagus")
    asing = pelaku(demo_con, "adminlain")
    assert asing.instansi_id == lain
    # The other instansi's admin cannot attach an indicator to this instansi's sasaran/unit.
    with pytest.raises(DataTidakValid) as e:
        perencanaan.simpan_indikator(demo_con, asing, _isi(demo_con))
    assert {"sasaran_id", "unit_id"} <= set(e.value.kesalahan)
    ik01 = demo_con.execute("SELECT id FROM indikator WHERE kode = 'IK-01'").fetchone()[0]
    with pytest.raises(DataTidakValid, match="tidak ditemukan"):
        perencanaan.simpan_indikator(demo_con, asing, _isi(demo_con), ik01)
    assert perencanaan.tabel_target(demo_con, lain, 2025).empty
    assert perencanaan.daftar_pk_program(demo_con, lain, 2025).empty


def test_pk_program_simpan_ubah_hapus(demo_con, kasubag):
    pid = perencanaan.simpan_pk_program(demo_con, kasubag, 2025, "5.04", "Program Uji", None,
                                        "Rp 1.500.000", "1.200.000,50")
    df = perencanaan.daftar_pk_program(demo_con, kasubag.instansi_id, 2025)
    baris = df[df["id"] == pid].iloc[0]
    assert baris.pagu == 1_500_000 and baris.realisasi == 1_200_000.5
    assert baris.serapan == pytest.approx(80.00003333, rel=1e-6)
    perencanaan.simpan_pk_program(demo_con, kasubag, 2025, "5.04", "Program Uji", None,
                                  "2000000", "", pid)
    df = perencanaan.daftar_pk_program(demo_con, kasubag.instansi_id, 2025)
    assert df[df["id"] == pid]["serapan"].isna().all()     # no realisasi: n/a, not 0
    perencanaan.hapus_pk_program(demo_con, kasubag, pid)
    assert pid not in perencanaan.daftar_pk_program(demo_con, kasubag.instansi_id, 2025)["id"]


@pytest.mark.parametrize("kode,pagu,real,kolom", [
    ("", "100", "", "kode"),
    ("5.01", "100", "", "kode"),          # duplicate within the year
    ("5.09", "", "", "pagu"),
    ("5.09", "seratus", "", "pagu"),
    ("5.09", "-100", "", "pagu"),
    ("5.09", "100", "-5", "realisasi"),
])
def test_pk_program_isian_salah(demo_con, kasubag, kode, pagu, real, kolom):
    sebelum = len(perencanaan.daftar_pk_program(demo_con, kasubag.instansi_id, 2025))
    with pytest.raises(DataTidakValid) as e:
        perencanaan.simpan_pk_program(demo_con, kasubag, 2025, kode, "Program", None, pagu, real)
    assert kolom in e.value.kesalahan
    assert len(perencanaan.daftar_pk_program(demo_con, kasubag.instansi_id, 2025)) == sebelum


def test_unit_tambah_ubah(demo_con, admin):
    uid = organisasi.buat_unit(demo_con, admin, "irban5", "Inspektur Pembantu Wilayah V")
    with pytest.raises(DataTidakValid):
        organisasi.buat_unit(demo_con, admin, "IRBAN5", "Lain")
    organisasi.ubah_unit(demo_con, admin, uid, "Irban V", False)
    df = organisasi.daftar_unit(demo_con, admin.instansi_id)
    assert df[df["id"] == uid][["kode", "nama", "aktif"]].values.tolist() == [
        ["IRBAN5", "Irban V", False]]
    assert uid not in organisasi.daftar_unit(demo_con, admin.instansi_id, True)["id"].tolist()
    with pytest.raises(AksesDitolak):
        organisasi.buat_unit(demo_con, Pelaku("kasubag", "kasubag", admin.instansi_id), "X", "X")


def test_format_target():
    assert perencanaan.format_target(90, 100, "rentang") == "90 – 100"
    assert perencanaan.format_target(3.5, None, "positif") == "3,5"
    assert perencanaan.format_target(None, None, "negatif") == "BELUM ADA"
