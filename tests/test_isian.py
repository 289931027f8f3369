"""Bidang data intake: state machine, saving with version checks, access by unit, rekap."""

from __future__ import annotations

import itertools

import pytest

from conftest import pelaku
from lkj_core import isian
from lkj_core.capaian import hitung_capaian
from lkj_core.isian import IsianKinerja, KonflikIsian
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import PERAN, AksesDitolak

STATUS = ("belum", "draft", "diajukan", "diverifikasi", "dikembalikan")
BOLEH = {
    # (status, aksi, peran) -> new status; everything else is refused
    **{(s, "ajukan", p): "diajukan" for s in ("belum", "draft", "dikembalikan")
       for p in ("bidang", "admin")},
    **{("diajukan", "verifikasi", p): "diverifikasi" for p in ("kasubag", "admin")},
    **{("diajukan", "kembalikan", p): "dikembalikan" for p in ("kasubag", "admin")},
    **{("diverifikasi", "buka_kembali", p): "dikembalikan" for p in ("kasubag", "admin")},
}


@pytest.mark.parametrize("status,aksi,peran",
                         list(itertools.product(STATUS, isian.TRANSISI, PERAN)))
def test_setiap_transisi_diizinkan_atau_ditolak(status, aksi, peran):
    kunci = (status, aksi, peran)
    if kunci in BOLEH:
        assert isian.transisi(status, aksi, peran, "alasan") == BOLEH[kunci]
    else:
        with pytest.raises((DataTidakValid, AksesDitolak)):
            isian.transisi(status, aksi, peran, "alasan")


@pytest.mark.parametrize("aksi,status", [("kembalikan", "diajukan"),
                                         ("buka_kembali", "diverifikasi")])
def test_alasan_wajib(aksi, status):
    with pytest.raises(DataTidakValid, match="Alasan wajib"):
        isian.transisi(status, aksi, "kasubag", "   ")


def _id(con, kode):
    return con.execute("SELECT id FROM indikator WHERE kode = ?", [kode]).fetchone()[0]


def test_bidang_hanya_melihat_unitnya(demo_con):
    irban1 = pelaku(demo_con, "irban1")
    df = isian.daftar_isian(demo_con, irban1, 2025)
    assert df["kode"].tolist() == ["IK-01", "IK-02"]
    # Asking for another unit's list still returns only the user's own unit.
    lain = demo_con.execute("SELECT id FROM unit_kerja WHERE kode = 'IRBAN3'").fetchone()[0]
    assert isian.daftar_isian(demo_con, irban1, 2025, lain)["kode"].tolist() == ["IK-01",
                                                                               "IK-02"]
    with pytest.raises(AksesDitolak):
        isian.isian(demo_con, irban1, _id(demo_con, "IK-06"), 2025)
    with pytest.raises(AksesDitolak):
        isian.simpan_isian(demo_con, irban1, _id(demo_con, "IK-06"), 2025,
                           IsianKinerja(nilai="5"), 1)
    # Refused before the values are checked: invalid input to another unit is still "refused".
    with pytest.raises(AksesDitolak):
        isian.simpan_isian(demo_con, irban1, _id(demo_con, "IK-06"), 2025,
                           IsianKinerja(nilai="bukan angka"), 1)
    assert len(isian.daftar_isian(demo_con, pelaku(demo_con, "inspektur"), 2025)) == 10
    with pytest.raises(AksesDitolak):
        isian.daftar_isian(demo_con, pelaku(demo_con, "staf"), 2025)


def test_capaian_daftar_sama_dengan_fungsi_inti(demo_con):
    df = isian.daftar_isian(demo_con, pelaku(demo_con, "kasubag"), 2025)
    for r in df.itertuples():
        ta = r.target_atas if r.polaritas == "rentang" else None
        assert r.capaian == pytest.approx(hitung_capaian(r.target, r.realisasi, r.polaritas, ta))
    ik06 = df[df["kode"] == "IK-06"].iloc[0]
    assert ik06.capaian == pytest.approx(71.428571, rel=1e-6) and ik06.kategori == "Sedang"
    assert ik06.realisasi_lalu == 7 and ik06.status == "draft"


def test_isian_baru_simpan_ajukan_kembalikan_perbaiki_verifikasi(demo_con):
    irban1, kasubag = pelaku(demo_con, "irban1"), pelaku(demo_con, "kasubag")
    ik = _id(demo_con, "IK-02")
    e = isian.isian(demo_con, irban1, ik, 2026)
    assert e["status"] == "belum" and e["versi"] == 0 and e["target"] == 3.6
    with pytest.raises(DataTidakValid, match="Belum lengkap"):
        isian.ubah_status(demo_con, irban1, ik, 2026, "ajukan")
    v = isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(
        nilai="3,55", tw={"tw1": "3,4"}, narasi={"analisis_penyebab": "Asesmen BPKP tepat."}), 0)
    assert v == 1
    assert isian.ubah_status(demo_con, irban1, ik, 2026, "ajukan") == "diajukan"
    with pytest.raises(DataTidakValid, match="terkunci"):
        isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(nilai="3"), 2)
    isian.ubah_status(demo_con, kasubag, ik, 2026, "kembalikan", "Lampirkan laporan BPKP.")
    assert isian.alasan_terakhir(demo_con, ik, 2026) == "Lampirkan laporan BPKP."
    e = isian.isian(demo_con, irban1, ik, 2026)
    with pytest.raises(DataTidakValid, match="Belum lengkap"):   # all or nothing: not saved
        isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(nilai="3,6"), e["versi"],
                           ajukan=True)
    assert isian.isian(demo_con, irban1, ik, 2026)["nilai"] == 3.55
    isian.simpan_isian(demo_con, irban1, ik, 2026, IsianKinerja(
        nilai="3,6", narasi={"analisis_penyebab": "Asesmen BPKP tepat waktu."}), e["versi"],
        ajukan=True)
    isian.ubah_status(demo_con, kasubag, ik, 2026, "verifikasi")
    e = isian.isian(demo_con, irban1, ik, 2026)
    assert (e["status"], e["nilai"], e["tw1"]) == ("diverifikasi", 3.6, None)
    h = isian.riwayat(demo_con, irban1, ik, 2026)
    assert list(zip(h["dari"].fillna("-"), h["ke"])) == [
        ("-", "draft"), ("draft", "diajukan"), ("diajukan", "dikembalikan"),
        ("dikembalikan", "diajukan"), ("diajukan", "diverifikasi")]
    assert h["pelaku"].tolist()[-1] == "kasubag"
    isian.ubah_status(demo_con, kasubag, ik, 2026, "buka_kembali", "Angka final BPKP berubah.")
    assert isian.isian(demo_con, irban1, ik, 2026)["status"] == "dikembalikan"


def test_simpan_kedua_dari_versi_lama_ditolak_dengan_pesan_perubahan(demo_con):
    irban3 = pelaku(demo_con, "irban3")
    ik = _id(demo_con, "IK-06")
    v0 = isian.isian(demo_con, irban3, ik, 2025)["versi"]
    isian.simpan_isian(demo_con, irban3, ik, 2025, IsianKinerja(
        nilai="8", narasi={"kendala": "Auditor kurang."}), v0)
    with pytest.raises(KonflikIsian) as e:
        isian.simpan_isian(demo_con, irban3, ik, 2025, IsianKinerja(nilai="10"), v0)
    assert "irban3" in str(e.value) and "Realisasi: 8" in str(e.value)
    assert isian.isian(demo_con, irban3, ik, 2025)["nilai"] == 8     # not overwritten


@pytest.mark.parametrize("isi,kolom", [
    (IsianKinerja(nilai="tujuh"), "nilai"),
    (IsianKinerja(nilai="-3"), "nilai"),
    (IsianKinerja(nilai="3", tw={"tw2": "1.234"}), "tw2"),
    (IsianKinerja(narasi={"solusi": "x" * 5001}), "solusi"),
    (IsianKinerja(nilai="1e308"), "nilai"),
    (IsianKinerja(nilai="3", tw={"tw4": "1000000000000000"}), "tw4"),
])
def test_isian_salah_tidak_menyimpan(demo_con, isi, kolom):
    irban3 = pelaku(demo_con, "irban3")
    ik = _id(demo_con, "IK-06")
    sebelum = isian.isian(demo_con, irban3, ik, 2025)
    with pytest.raises(DataTidakValid) as e:
        isian.simpan_isian(demo_con, irban3, ik, 2025, isi, sebelum["versi"])
    assert kolom in e.value.kesalahan
    assert isian.isian(demo_con, irban3, ik, 2025) == sebelum


def test_rekap_per_unit(demo_con):
    kasubag = pelaku(demo_con, "kasubag")
    df = isian.rekap(demo_con, kasubag, 2025).set_index("unit")
    assert df["jumlah"].sum() == 10
    assert df.loc["Inspektur Pembantu Wilayah III", ["draft", "diverifikasi"]].tolist() == [1, 1]
    assert df.loc["Sekretariat", "diajukan"] == 1
    assert df.loc["Inspektur Pembantu Wilayah I", "selesai"] == 1.0
    baru = isian.rekap(demo_con, kasubag, 2026)
    assert baru["belum"].sum() == 10 and (baru["selesai"] == 0).all()
    with pytest.raises(AksesDitolak):
        isian.rekap(demo_con, pelaku(demo_con, "irban1"), 2025)


def test_realisasi_anggaran_unit_sendiri(demo_con):
    irban2 = pelaku(demo_con, "irban2")
    df = isian.daftar_anggaran(demo_con, irban2, 2026)
    assert df["kode"].tolist() == ["5.02.02"] and df["serapan"].isna().all()
    pid = int(df["id"].iloc[0])
    isian.simpan_realisasi_anggaran(demo_con, irban2, pid, "Rp 250.000.000")
    df = isian.daftar_anggaran(demo_con, irban2, 2026)
    assert df["realisasi"].iloc[0] == 250_000_000
    assert df["serapan"].iloc[0] == pytest.approx(250_000_000 / df["pagu"].iloc[0] * 100)
    with pytest.raises(DataTidakValid, match="melebihi pagu"):
        isian.simpan_realisasi_anggaran(demo_con, irban2, pid, "999.999.999.999")
    lain = int(isian.daftar_anggaran(demo_con, pelaku(demo_con, "irban1"), 2026)["id"].iloc[0])
    with pytest.raises(AksesDitolak):
        isian.simpan_realisasi_anggaran(demo_con, irban2, lain, "1000")


def test_narasi_tahun_per_akses(demo_con):
    irban3 = pelaku(demo_con, "irban3")
    ik = _id(demo_con, "IK-06")
    isian.simpan_isian(demo_con, irban3, ik, 2025, IsianKinerja(
        nilai="9", narasi={"solusi": "Pelatihan auditor."}), isian.isian(
        demo_con, irban3, ik, 2025)["versi"])
    assert isian.narasi_tahun(demo_con, pelaku(demo_con, "kasubag"), 2025)[ik]["solusi"] == \
        "Pelatihan auditor."
    assert ik not in isian.narasi_tahun(demo_con, pelaku(demo_con, "irban1"), 2025)
