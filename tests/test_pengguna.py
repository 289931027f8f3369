"""Users: validation, bcrypt, lockout after 5 failures, session revocation, audit."""

from __future__ import annotations

import pytest

from conftest import pelaku
from lkj_core import demo, pengguna
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak


def _uid(con, username):
    return con.execute("SELECT id FROM pengguna WHERE username = ?", [username]).fetchone()[0]


def test_buat_pengguna_dan_hash_bcrypt(demo_con, admin):
    unit = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN3'").fetchone()[0]
    pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, " Budi.S ", "Budi Santoso",
                           "bidang", "rahasia-123", unit)
    row = pengguna.pengguna(demo_con, "budi.s")
    assert row["password_hash"].startswith("$2") and "rahasia" not in row["password_hash"]
    assert pengguna.cocok_sandi("rahasia-123", row["password_hash"])
    assert not pengguna.cocok_sandi("rahasia-124", row["password_hash"])
    audit = demo_con.execute("SELECT pelaku, aksi, baru FROM audit_log WHERE tabel = 'pengguna'"
                             " AND kunci = 'budi.s'").fetchone()
    assert audit[:2] == ("admin", "tambah") and "hash" not in audit[2]


@pytest.mark.parametrize("username,nama,peran,sandi,unit,kolom", [
    ("ab", "Nama", "staf", "sandi-bagus", None, "username"),
    ("nama pakai spasi", "Nama", "staf", "sandi-bagus", None, "username"),
    ("admin", "Nama", "staf", "sandi-bagus", None, "username"),        # taken
    ("baru1", "", "staf", "sandi-bagus", None, "nama"),
    ("baru1", "Nama", "raja", "sandi-bagus", None, "peran"),
    ("baru1", "Nama", "bidang", "sandi-bagus", None, "unit"),
    ("baru1", "Nama", "staf", "pendek", None, "sandi"),
    ("baru1", "Nama", "staf", " spasi-di-depan", None, "sandi"),
    ("baru1", "Nama", "staf", "é" * 40, None, "sandi"),               # 80 bytes > bcrypt's 72
])
def test_isian_pengguna_salah_ditolak(demo_con, admin, username, nama, peran, sandi, unit,
                                      kolom):
    sebelum = demo_con.execute("SELECT count(*) FROM pengguna").fetchone()[0]
    with pytest.raises(DataTidakValid) as e:
        pengguna.buat_pengguna(demo_con, admin, admin.instansi_id, username, nama, peran,
                               sandi, unit)
    assert e.value.kolom == kolom
    assert demo_con.execute("SELECT count(*) FROM pengguna").fetchone()[0] == sebelum


def test_hanya_admin_mengelola_pengguna(demo_con, kasubag):
    with pytest.raises(AksesDitolak):
        pengguna.buat_pengguna(demo_con, kasubag, kasubag.instansi_id, "x123", "X", "staf",
                               "sandi-bagus")
    with pytest.raises(AksesDitolak):
        pengguna.reset_sandi(demo_con, kasubag, _uid(demo_con, "staf"), "sandi-bagus")


def test_kunci_setelah_lima_gagal_dan_berakhir_setelah_15_menit(demo_con):
    t0 = 1_000_000.0
    for i in range(4):
        assert pengguna.catat_login_gagal(demo_con, "staf", t0 + i) is None
    kunci = pengguna.catat_login_gagal(demo_con, "staf", t0 + 5)
    assert kunci == t0 + 5 + 15 * 60
    assert pengguna.terkunci_sampai(demo_con, "staf", t0 + 60) == kunci
    # While locked the library gets a decoy hash: even the right password fails.
    kred = pengguna.kredensial(demo_con, t0 + 60)["usernames"]["staf"]
    assert not pengguna.cocok_sandi("staf-demo", kred["password"])
    assert pengguna.terkunci_sampai(demo_con, "staf", kunci + 1) is None
    kred = pengguna.kredensial(demo_con, kunci + 1)["usernames"]["staf"]
    assert pengguna.cocok_sandi("staf-demo", kred["password"])
    aksi = [r[0] for r in demo_con.execute("SELECT aksi FROM audit_log WHERE kunci = 'staf'"
                                           " ORDER BY id").fetchall()]
    assert aksi[-5:] == ["login_gagal"] * 4 + ["akun_terkunci"]


def test_login_berhasil_mereset_hitungan(demo_con):
    for _ in range(4):
        pengguna.catat_login_gagal(demo_con, "staf")
    pengguna.catat_login_berhasil(demo_con, "staf")
    assert pengguna.pengguna(demo_con, "staf")["gagal_login"] == 0
    assert pengguna.catat_login_gagal(demo_con, "staf") is None   # count starts again


def test_logout_mencabut_sesi_dan_cookie_lama(demo_con):
    assert pengguna.sesi_berlaku(demo_con, "inspektur", 100.0) is not None
    pengguna.cabut_sesi(demo_con, "inspektur", sekarang=200.0)
    assert pengguna.sesi_berlaku(demo_con, "inspektur", 100.0) is None   # replayed old cookie
    assert pengguna.sesi_berlaku(demo_con, "inspektur", 201.0).peran == "inspektur"


def test_nonaktif_reset_dan_ganti_sandi_mengakhiri_sesi(demo_con, admin):
    import time
    masuk = time.time() - 10
    pengguna.atur_aktif(demo_con, admin, _uid(demo_con, "irban1"), False)
    assert pengguna.sesi_berlaku(demo_con, "irban1", time.time() + 1) is None
    assert "irban1" not in pengguna.kredensial(demo_con)["usernames"]
    pengguna.reset_sandi(demo_con, admin, _uid(demo_con, "irban2"), "sandi-baru-99")
    assert pengguna.sesi_berlaku(demo_con, "irban2", masuk) is None
    assert pengguna.cocok_sandi("sandi-baru-99", pengguna.pengguna(demo_con, "irban2")
                                ["password_hash"])
    with pytest.raises(DataTidakValid):
        pengguna.ganti_sandi_sendiri(demo_con, "irban3", "salah", "sandi-baru-99")
    pengguna.ganti_sandi_sendiri(demo_con, "irban3", "irban3-demo", "sandi-baru-99")
    assert pengguna.sesi_berlaku(demo_con, "irban3", masuk) is None


def test_admin_tidak_mengunci_dirinya(demo_con, admin):
    with pytest.raises(DataTidakValid):
        pengguna.atur_aktif(demo_con, admin, _uid(demo_con, "admin"), False)
    with pytest.raises(DataTidakValid):
        pengguna.ubah_pengguna(demo_con, admin, _uid(demo_con, "admin"), "A", "staf", None)


def test_ubah_peran_mencabut_sesi_dan_tercatat(demo_con, admin):
    import time
    masuk = time.time() - 10
    unit = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN1'").fetchone()[0]
    pengguna.ubah_pengguna(demo_con, admin, _uid(demo_con, "staf"), "Staf Baru", "bidang", unit)
    assert pengguna.sesi_berlaku(demo_con, "staf", masuk) is None
    assert pelaku(demo_con, "staf").peran == "bidang"
    lama, baru = demo_con.execute("SELECT lama, baru FROM audit_log WHERE aksi = 'ubah' AND"
                                  " tabel = 'pengguna' ORDER BY id DESC").fetchone()
    assert '"peran": "staf"' in lama and '"peran": "bidang"' in baru
    assert "password_hash" not in lama + baru


def test_kredensial_satu_pengguna_untuk_sesi_yang_sudah_masuk(demo_con):
    semua = pengguna.kredensial(demo_con)["usernames"]
    assert len(semua) == len(demo.PENGGUNA)
    satu = pengguna.kredensial(demo_con, username="irban2")["usernames"]
    assert satu == {"irban2": semua["irban2"]}
    assert pengguna.kredensial(demo_con, username="tidak-ada")["usernames"] == {}
