"""The SOP cycle: order, actor, kelengkapan, step records, undo, timeliness, history."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import pelaku
from gerbang_util import SANDI, siap_ditandatangani
from lkj_core import arsip, isian, peringatan, siklus, sop
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak
from lkj_core.waktu_kerja import Kalender

T0 = dt.datetime(2026, 1, 5, 8, 0)          # a Monday
KAL = Kalender.baku()
DATA = {
    4: {"tanggal_rapat": dt.date(2026, 1, 7), "tempat": "Ruang rapat Inspektorat",
        "undangan": "Inspektur; Sekretaris; Irban I–IV"},
    5: {"notulen": "Rapat membahas capaian 2025.", "kesepakatan": "Data masuk 12 Januari."},
    11: {"tanggal_tandatangan": dt.date(2026, 1, 20)},
    12: {"nomor_surat": "050/123/2026", "tanggal_surat": dt.date(2026, 1, 20)},
    13: {"tanggal_unggah": dt.date(2026, 1, 21),
         "url_publikasi": "https://inspektorat.wonosobokab.go.id/lkjip-2025"},
}


def _jalankan(con, sid, sampai, mulai=T0, menit=5):
    """Run steps 2..sampai each by its actor, `menit` office minutes apart (all on time)."""
    w = mulai
    df = siklus.langkah(con, sid)
    for r in df.itertuples():
        if r.no > sampai:
            break
        p = pelaku(con, {"bidang": "irban1"}.get(r.pelaksana, r.pelaksana))
        if r.no > 1:
            w += dt.timedelta(minutes=1)
            siklus.mulai_langkah(con, p, sid, r.no, w)
        w += dt.timedelta(minutes=menit)
        if r.no == siklus.LANGKAH_TANDATANGAN:   # signing: through the gate and the archive
            arsip.tandatangani(con, p, sid, f"Ref {r.no}", "", DATA[r.no], SANDI, w)
            continue
        siklus.selesaikan_langkah(con, p, sid, r.no, f"Ref {r.no}", "", DATA.get(r.no, {}), w,
                                  tetap_selesai=True)
    return w


@pytest.fixture
def sid(demo_con):
    return siklus.buka_siklus(demo_con, pelaku(demo_con, "inspektur"), 2025, "", T0)


def test_buka_siklus_menyalin_revisi_dan_memulai_langkah_1(demo_con, sid):
    df = siklus.langkah(demo_con, sid, KAL, T0 + dt.timedelta(minutes=5))
    assert len(df) == 13 and df["status"].tolist() == ["berjalan"] + ["belum"] * 12
    assert siklus.langkah_aktif(df) == 1
    # A later SOP revision does not change the running cycle.
    iid = demo_con.execute("SELECT id FROM instansi").fetchone()[0]
    langkah = sop.baca_csv()
    langkah[0] = {**langkah[0], "waktu": 99}
    sop.buat_revisi(demo_con, "admin", iid, "Rev 2", dt.date(2026, 1, 1), langkah, {})
    assert siklus.langkah(demo_con, sid)["waktu"].iloc[0] == 10
    with pytest.raises(DataTidakValid, match="sudah dibuka"):
        siklus.buka_siklus(demo_con, pelaku(demo_con, "inspektur"), 2025, "", T0)
    with pytest.raises(AksesDitolak):
        siklus.buka_siklus(demo_con, pelaku(demo_con, "kasubag"), 2026, "", T0)


def test_urutan_pelaksana_dan_kelengkapan(demo_con, sid):
    kas, ins, sek = (pelaku(demo_con, u) for u in ("kasubag", "inspektur", "sekretaris"))
    with pytest.raises(DataTidakValid, match="belum selesai"):
        siklus.mulai_langkah(demo_con, kas, sid, 2, T0)
    with pytest.raises(AksesDitolak):
        siklus.selesaikan_langkah(demo_con, kas, sid, 1, "x", waktu=T0)
    with pytest.raises(DataTidakValid) as e:
        siklus.selesaikan_langkah(demo_con, ins, sid, 1, "  ", waktu=T0)
    assert "referensi" in e.value.kesalahan
    with pytest.raises(DataTidakValid, match="sebelum waktu mulai"):
        siklus.selesaikan_langkah(demo_con, ins, sid, 1, "800/1", waktu=T0 - dt.timedelta(1))
    with pytest.raises(DataTidakValid, match="masa depan"):
        siklus.selesaikan_langkah(demo_con, ins, sid, 1, "800/1",
                                  waktu=dt.datetime.now() + dt.timedelta(days=2))
    siklus.selesaikan_langkah(demo_con, ins, sid, 1, "800/1/2026", waktu=T0 +
                              dt.timedelta(minutes=8))
    with pytest.raises(AksesDitolak):
        siklus.mulai_langkah(demo_con, sek, sid, 2, T0 + dt.timedelta(minutes=9))
    with pytest.raises(DataTidakValid, match="sebelum langkah 1 selesai"):
        siklus.mulai_langkah(demo_con, kas, sid, 2, T0)
    siklus.mulai_langkah(demo_con, kas, sid, 2, T0 + dt.timedelta(minutes=9))


def test_admin_bertindak_atas_nama_dengan_alasan(demo_con, sid):
    admin = pelaku(demo_con, "admin")
    with pytest.raises(DataTidakValid, match="alasan"):
        siklus.selesaikan_langkah(demo_con, admin, sid, 1, "800/1", waktu=T0)
    siklus.selesaikan_langkah(demo_con, admin, sid, 1, "800/1", waktu=T0,
                              alasan="Inspektur dinas luar; disposisi tertulis ada.")
    k = siklus.kejadian(demo_con, sid)
    assert k.iloc[-1][["pelaku", "aksi", "alasan"]].tolist() == [
        "admin", "selesai", "Inspektur dinas luar; disposisi tertulis ada."]


def test_catatan_khusus_langkah_4_5_11_12_13(demo_con, sid):
    _jalankan(demo_con, sid, 3)
    sek = pelaku(demo_con, "sekretaris")
    siklus.mulai_langkah(demo_con, sek, sid, 4, T0 + dt.timedelta(hours=1))
    with pytest.raises(DataTidakValid) as e:
        siklus.selesaikan_langkah(demo_con, sek, sid, 4, "005/7", data={"tempat": "Aula"},
                                  waktu=T0 + dt.timedelta(hours=1, minutes=10))
    assert {"tanggal_rapat", "undangan"} <= set(e.value.kesalahan)
    with pytest.raises(DataTidakValid, match="https://"):
        siklus.validasi_data(13, {"tanggal_unggah": "2026-01-21",
                                  "url_publikasi": "javascript:alert(1)"})
    assert siklus.validasi_data(11, {"tanggal_tandatangan": "2026-01-20"}) == {
        "tanggal_tandatangan": "2026-01-20"}


def test_langkah_6_memperingatkan_unit_yang_belum_mengajukan(demo_con, sid):
    _jalankan(demo_con, sid, 5)
    kas = pelaku(demo_con, "kasubag")
    w = T0 + dt.timedelta(hours=3)
    siklus.mulai_langkah(demo_con, kas, sid, 6, w)
    kurang = siklus.unit_belum_mengajukan(demo_con, kas, 2025)
    assert kurang == ["Inspektur Pembantu Wilayah III"]          # IK-06 is still a draft
    with pytest.raises(DataTidakValid, match="Inspektur Pembantu Wilayah III"):
        siklus.selesaikan_langkah(demo_con, kas, sid, 6, "Rekap", waktu=w + dt.timedelta(hours=1))
    siklus.selesaikan_langkah(demo_con, kas, sid, 6, "Rekap", waktu=w + dt.timedelta(hours=1),
                              tetap_selesai=True)
    data = demo_con.execute("SELECT data FROM siklus_langkah WHERE siklus_id = ? AND no = 6",
                            [sid]).fetchone()[0]
    assert "Inspektur Pembantu Wilayah III" in data


def test_siklus_lengkap_disetujui_dan_batal_selesai(demo_con, sid, tmp_path):
    siap_ditandatangani(demo_con, folder=tmp_path)
    _jalankan(demo_con, sid, 13)
    assert demo_con.execute("SELECT status_laporan FROM siklus WHERE id = ?",
                            [sid]).fetchone()[0] == "disetujui"
    df = siklus.langkah(demo_con, sid, KAL)
    assert siklus.langkah_aktif(df) is None and not df["terlambat"].any()
    kas = pelaku(demo_con, "kasubag")
    with pytest.raises(DataTidakValid, match="membukanya kembali"):   # signed: reopen only
        siklus.batalkan_selesai(demo_con, kas, sid, 11, "Salah tanggal")
    with pytest.raises(AksesDitolak):
        siklus.batalkan_selesai(demo_con, pelaku(demo_con, "staf"), sid, 13, "x")
    with pytest.raises(DataTidakValid, match="Alasan"):
        siklus.batalkan_selesai(demo_con, kas, sid, 13, " ")
    siklus.batalkan_selesai(demo_con, kas, sid, 13, "URL publikasi salah.")
    assert siklus.langkah_aktif(siklus.langkah(demo_con, sid)) == 13
    assert siklus.kejadian(demo_con, sid).iloc[-1]["aksi"] == "batal_selesai"


def test_ketepatan_langkah_terlambat_melewati_akhir_pekan(demo_con, sid):
    ins, kas = pelaku(demo_con, "inspektur"), pelaku(demo_con, "kasubag")
    siklus.selesaikan_langkah(demo_con, ins, sid, 1, "800/1", waktu=T0 + dt.timedelta(minutes=5))
    jumat = dt.datetime(2026, 1, 9, 15, 30)
    siklus.mulai_langkah(demo_con, kas, sid, 2, jumat)                  # standard: 120 menit
    siklus.selesaikan_langkah(demo_con, kas, sid, 2, "Format", waktu=jumat + dt.timedelta(
        days=3, hours=-6))                                               # Monday 09:30
    r = siklus.langkah(demo_con, sid, KAL).iloc[1]
    assert r.aktual == 60 + 120 and r.terlambat and r.ketepatan == "terlambat 1 jam"
    rekap = siklus.rekap_siklus(demo_con, ins.instansi_id, KAL)
    assert rekap.iloc[0][["tahun", "selesai", "terlambat"]].tolist() == [2025, 2, 1]
    assert rekap["tahun"].tolist() == [2025, 2024, 2023]


def test_peringatan_beranda(demo_con, sid):
    ins, kas = pelaku(demo_con, "inspektur"), pelaku(demo_con, "kasubag")
    sekarang = dt.datetime(2026, 3, 20, 9, 0)
    teks = [t for _, t in peringatan.untuk(demo_con, ins, sekarang)]
    assert any(t.startswith("Langkah 1 SOP menunggu Anda") for t in teks)
    assert any("melewati waktu baku" in t for t in teks)
    assert any("tinggal 11 hari" in t for t in teks)
    assert not any("menunggu Anda" in t for _, t in peringatan.untuk(demo_con, kas, sekarang))
    lewat = [t for _, t in peringatan.untuk(demo_con, kas, dt.datetime(2026, 4, 2, 9, 0))]
    assert any("sudah lewat 2 hari" in t for t in lewat)
    ik = demo_con.execute("SELECT id FROM indikator WHERE kode = 'IK-03'").fetchone()[0]
    isian.ubah_status(demo_con, kas, ik, 2025, "kembalikan", "Lengkapi LHE.")
    bidang = [t for _, t in peringatan.untuk(demo_con, pelaku(demo_con, "sekretariat"))]
    assert any("dikembalikan" in t for t in bidang)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_berkas_sebagai_kelengkapan(demo_con, sid, tmp_path):
    ins = pelaku(demo_con, "inspektur")
    with pytest.raises(AksesDitolak):
        siklus.lampirkan(demo_con, pelaku(demo_con, "kasubag"), sid, 1, "d.pdf", PDF,
                         folder=tmp_path)
    with pytest.raises(DataTidakValid, match="tidak didukung"):
        siklus.lampirkan(demo_con, ins, sid, 1, "d.pdf", b"MZ bukan pdf", folder=tmp_path)
    lid = siklus.lampirkan(demo_con, ins, sid, 1, "../../disposisi.pdf", PDF, folder=tmp_path)
    nama, mime, data = siklus.baca_lampiran(demo_con, ins, lid, folder=tmp_path)
    assert (nama, mime, data) == ("disposisi.pdf", "application/pdf", PDF)
    # The file alone is the kelengkapan: no reference text needed.
    siklus.selesaikan_langkah(demo_con, ins, sid, 1, "", waktu=T0 + dt.timedelta(minutes=5))
    assert siklus.daftar_lampiran(demo_con, ins, sid)["no"].tolist() == [1]
    with pytest.raises(DataTidakValid, match="sedang berjalan"):
        siklus.lampirkan(demo_con, ins, sid, 1, "lagi.pdf", PDF, folder=tmp_path)


def test_sekarang_adalah_jam_dinding_jakarta(monkeypatch):
    import time
    from lkj_core import waktu_kerja
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        utc = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        selisih = waktu_kerja.sekarang() - utc
        assert abs(selisih - dt.timedelta(hours=7)) < dt.timedelta(minutes=1)
        assert abs(siklus._sekarang() - waktu_kerja.sekarang()) < dt.timedelta(seconds=5)
    finally:
        monkeypatch.undo()
        time.tzset()
