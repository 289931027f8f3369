"""The report's editable texts, the signer and the logo."""

from __future__ import annotations

import pytest

from conftest import pelaku
from lkj_core import naskah
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_simpan_ubah_kosongkan_naskah(demo_con):
    kas = pelaku(demo_con, "kasubag")
    naskah.simpan_naskah(demo_con, kas, 2025, "kata_pengantar", "  Puji syukur “kami” ±  ")
    assert naskah.naskah(demo_con, kas.instansi_id, 2025) == {
        "kata_pengantar": "Puji syukur “kami” ±"}
    assert naskah.naskah(demo_con, kas.instansi_id, 2024) == {}
    naskah.simpan_naskah(demo_con, kas, 2025, "kata_pengantar", "")
    assert naskah.naskah(demo_con, kas.instansi_id, 2025) == {}
    aksi = demo_con.execute("SELECT lama, baru FROM audit_log WHERE tabel = 'naskah_laporan'"
                            " ORDER BY id").fetchall()
    assert len(aksi) == 2 and aksi[1][1] == '{"teks": null}'
    with pytest.raises(DataTidakValid):
        naskah.simpan_naskah(demo_con, kas, 2025, "bab_rahasia", "x")
    with pytest.raises(AksesDitolak):
        naskah.simpan_naskah(demo_con, pelaku(demo_con, "irban1"), 2025, "ikhtisar", "x")


def test_penandatangan_dan_logo(demo_con):
    admin = pelaku(demo_con, "admin")
    assert naskah.penandatangan(demo_con, admin.instansi_id) == {"nama": "", "nip": ""}
    with pytest.raises(DataTidakValid, match="18 angka"):
        naskah.atur_penandatangan(demo_con, admin, "Drs. Contoh", "1975")
    naskah.atur_penandatangan(demo_con, admin, "Drs. Contoh, M.Si.", "19750101 200003 1 001")
    assert naskah.penandatangan(demo_con, admin.instansi_id)["nip"] == "197501012000031001"
    with pytest.raises(DataTidakValid, match="PNG atau JPG"):
        naskah.atur_logo(demo_con, admin, b"%PDF-1.4 bukan gambar")
    naskah.atur_logo(demo_con, admin, PNG)
    assert naskah.logo(demo_con, admin.instansi_id) == PNG
    with pytest.raises(AksesDitolak):
        naskah.atur_logo(demo_con, pelaku(demo_con, "kasubag"), PNG)
