"""Issue 14: only verified figures are official, the signing gate, the reviu statement from
the record, officials with NIP, the frozen signed copy, reopening."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading

import pandas as pd
import pytest
from pypdf import PdfReader

from conftest import pelaku
from gerbang_util import SANDI, TAHUN, siap_ditandatangani
from lkj_core import (arsip, dasbor, demo, gerbang, isian, laporan, naskah, pejabat,
                      peringatan, perencanaan, resmi, siklus, ttd_elektronik)
from lkj_core.isian import IsianKinerja
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak

T0 = dt.datetime(2026, 1, 5, 8, 0)          # a Monday
DATA = {
    4: {"tanggal_rapat": dt.date(2026, 1, 7), "tempat": "Ruang rapat",
        "undangan": "Inspektur; Sekretaris"},
    5: {"notulen": "Rapat.", "kesepakatan": "Sepakat."},
    11: {"tanggal_tandatangan": dt.date(2026, 1, 20)},
}


def _teks(pdf: bytes) -> str:
    """The PDF's text with whitespace runs collapsed (justified lines extract with gaps)."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _sampai_langkah_11(con, tahun=TAHUN):
    """Open the year's cycle and run steps 1–10 (each by its actor); step 11 is started."""
    sid = siklus.buka_siklus(con, pelaku(con, "inspektur"), tahun, "Disposisi", T0)
    w = T0
    for r in siklus.langkah(con, sid).itertuples():
        p = pelaku(con, r.pelaksana)
        if r.no > 1:
            w += dt.timedelta(minutes=1)
            siklus.mulai_langkah(con, p, sid, r.no, w)
        if r.no == siklus.LANGKAH_TANDATANGAN:
            return sid, w
        w += dt.timedelta(minutes=5)
        siklus.selesaikan_langkah(con, p, sid, r.no, f"Ref {r.no}", "", DATA.get(r.no, {}), w,
                                  tetap_selesai=True)
    raise AssertionError("langkah 11 tidak tercapai")


def _tanda_tangani(con, sid, w, sandi=SANDI):
    return arsip.tandatangani(con, pelaku(con, "inspektur"), sid, "Naskah final", "", DATA[11],
                              sandi, w + dt.timedelta(minutes=5))


# --- 1. only verified data is official ---

def test_view_dan_aturan_python_sama(demo_con):
    semua = demo_con.execute("SELECT indikator_id, tahun, status FROM realisasi").fetchall()
    resmi_sql = set(demo_con.execute("SELECT indikator_id, tahun FROM realisasi_resmi").fetchall())
    assert resmi_sql == {(i, t) for i, t, s in semua if resmi.resmi(s)}
    assert len(resmi_sql) < len(semua)          # the demo has entries in progress


def test_angka_belum_diverifikasi_tidak_resmi(demo_con):
    kas = pelaku(demo_con, "kasubag")
    semua = isian.daftar_isian(demo_con, kas, TAHUN)
    df = isian.daftar_isian(demo_con, kas, TAHUN, resmi=True)
    belum = semua[semua["status"] != "diverifikasi"]
    assert len(belum) > 0
    for r in df[df["id"].isin(belum["id"])].itertuples():
        assert pd.isna(r.realisasi)
        assert r.keterangan in (resmi.BELUM_DIVERIFIKASI, resmi.BELUM_ADA_DATA)
    ok = df[df["status"] == "diverifikasi"]
    assert ok["realisasi"].notna().all() and ok["keterangan"].isna().all()
    # The trend and the aggregate read the same rule.
    tren = dasbor.tren(demo_con, kas, TAHUN)
    tahun_ini = tren[(tren["tahun"] == TAHUN) & tren["kode"].isin(belum["kode"])]
    assert tahun_ini["realisasi"].isna().all()
    assert set(tahun_ini["keterangan"]) <= {resmi.BELUM_DIVERIFIKASI, resmi.BELUM_ADA_DATA}


def test_laporan_tidak_mencetak_angka_belum_diverifikasi(demo_con):
    kas = pelaku(demo_con, "kasubag")
    semua = isian.daftar_isian(demo_con, kas, TAHUN)
    belum = semua[(semua["status"] != "diverifikasi") & semua["realisasi"].notna()]
    d = laporan.kumpulkan_data(demo_con, kas, TAHUN)
    teks = _teks(laporan.buat_laporan(d))
    assert "belum diverifikasi" in teks
    n = int((semua["status"] != "diverifikasi").sum())
    assert f"{n} dari {len(semua)} indikator belum diverifikasi" in teks
    for r in belum.itertuples():
        # the submitted value (e.g. 68,55) appears nowhere: not in tables, nor in sentences
        angka = f"{r.realisasi:.2f}".replace(".", ",").rstrip("0").rstrip(",")
        semua_angka = [f"{v:.2f}".replace(".", ",").rstrip("0").rstrip(",")
                       for v in semua[semua["status"] == "diverifikasi"]["realisasi"]]
        if "," in angka and angka not in semua_angka:   # distinctive enough to search for
            assert angka not in teks, r.kode
    assert "68,55" not in teks                            # IK-03's submitted value


def test_tanpa_reviu_selesai_tidak_ada_pernyataan_reviu(demo_con):
    kas = pelaku(demo_con, "kasubag")
    teks = _teks(laporan.buat_laporan(laporan.kumpulkan_data(demo_con, kas, TAHUN)))
    assert "Kami telah mereviu" not in teks
    teks24 = _teks(arsip.unduh(demo_con, kas, 2024))
    assert "Kami telah mereviu" in teks24 and "700/2024/ST-REVIU" in teks24
    assert "19780819 200312 1 002" in teks24     # the ketua's NIP from the team record


# --- the gate ---

def test_gerbang_menyebut_unit_dan_pelaku(demo_con):
    gaps = gerbang.kekurangan(demo_con, pelaku(demo_con, "kasubag").instansi_id, TAHUN)
    jenis = {k.jenis for k in gaps}
    assert {"verifikasi", "realisasi", "reviu"} <= jenis
    ver = next(k for k in gaps if k.jenis == "verifikasi")
    assert "(kasubag)" in ver.pelaku and ver.unit
    real = next(k for k in gaps if k.jenis == "realisasi")
    assert "Irban" in real.pelaku or "irban" in real.pelaku
    # the warning counter counts every gap
    for user in ("kasubag", "inspektur"):
        pesan = peringatan.untuk(demo_con, pelaku(demo_con, user))
        syarat = [t for _, t in pesan if t.startswith(peringatan.AWALAN_SYARAT)]
        assert len(syarat) == len(gaps) > 0


def test_tanda_tangan_ditolak_selama_ada_kekurangan(demo_con):
    sid, w = _sampai_langkah_11(demo_con)
    with pytest.raises(DataTidakValid) as e:
        _tanda_tangani(demo_con, sid, w)
    assert "kekurangan" in str(e.value) and "(kasubag)" in str(e.value)
    assert arsip.berlaku(demo_con, pelaku(demo_con, "admin").instansi_id, TAHUN) is None
    assert siklus.langkah(demo_con, sid).set_index("no").loc[11, "status"] == "berjalan"
    # step 11 can't be finished around the gate, nor undone by the Kasubag
    with pytest.raises(DataTidakValid, match="menandatangani"):
        siklus.selesaikan_langkah(demo_con, pelaku(demo_con, "inspektur"), sid, 11, "x", "",
                                  DATA[11], w)


def test_nip_tidak_lengkap_menolak_dan_menghalangi(demo_con):
    ins = pelaku(demo_con, "inspektur")
    with pytest.raises(DataTidakValid, match="18 angka"):
        pejabat.atur(demo_con, ins, 2027, "inspektur", "Nama", "19690512199403100",
                     "IV/c", "Inspektur")
    assert pejabat.pejabat(demo_con, ins.instansi_id, 2027, "inspektur") is None
    assert pejabat.kekurangan(demo_con, ins.instansi_id, 2027)
    with pytest.raises(AksesDitolak):
        pejabat.atur(demo_con, pelaku(demo_con, "irban1"), 2027, "inspektur", "N",
                     "196905121994031007", "IV/c", "Inspektur")


# --- signing, the frozen copy, reopening ---

def test_tanda_tangan_membekukan_salinan_dan_mengunci_data(demo_con, tmp_path):
    siap_ditandatangani(demo_con, folder=tmp_path)
    iid = pelaku(demo_con, "admin").instansi_id
    assert gerbang.kekurangan(demo_con, iid, TAHUN) == []
    sid, w = _sampai_langkah_11(demo_con)
    with pytest.raises(DataTidakValid, match="[Kk]ata sandi"):
        _tanda_tangani(demo_con, sid, w, sandi="salah-sandi")
    hasil = _tanda_tangani(demo_con, sid, w)
    adm = pelaku(demo_con, "admin")
    pdf = arsip.unduh(demo_con, adm, TAHUN)
    assert hashlib.sha256(pdf).hexdigest() == hasil["sha256"]
    assert arsip.unduh(demo_con, adm, TAHUN) == pdf            # every download: same bytes
    v = ttd_elektronik.verifikasi(pdf, arsip.akar_tepercaya(demo_con, iid))
    assert v["bertanda_tangan"] and v["utuh"] and v["tepercaya"]
    assert demo.NAMA_INSPEKTUR in v["penandatangan"]
    teks = _teks(pdf)
    assert "Kami telah mereviu" in teks and "DRAFT" not in teks
    assert "19690512 199403 1 007" in teks                      # the Inspektur's NIP
    h = arsip.verifikasi(demo_con, adm, pdf)
    assert h["arsip"]["versi"] == 1 and h["utuh"]
    rusak = bytearray(pdf)
    rusak[len(rusak) // 3] ^= 0x01
    h2 = arsip.verifikasi(demo_con, adm, bytes(rusak))
    assert h2["arsip"] is None and not (h2["utuh"] and h2["bertanda_tangan"])
    # the year is read-only everywhere
    b = pelaku(demo_con, "irban1")
    ind = int(isian.daftar_isian(demo_con, b, TAHUN)["id"].iloc[0])
    with pytest.raises(arsip.TahunTerkunci):
        isian.simpan_isian(demo_con, b, ind, TAHUN, IsianKinerja(nilai="1"), 99)
    with pytest.raises(arsip.TahunTerkunci):
        isian.ubah_status(demo_con, pelaku(demo_con, "kasubag"), ind, TAHUN, "buka_kembali",
                          "koreksi")
    with pytest.raises(arsip.TahunTerkunci):
        naskah.simpan_naskah(demo_con, pelaku(demo_con, "kasubag"), TAHUN, "penutup", "Baru")
    prog = perencanaan.daftar_pk_program(demo_con, iid, TAHUN)
    with pytest.raises(arsip.TahunTerkunci):
        perencanaan.hapus_pk_program(demo_con, adm, int(prog["id"].iloc[0]))
    # the CLI returns the same bytes
    from lkj_core.__main__ import main

    db = demo_con.execute("SELECT path FROM duckdb_databases() WHERE database_name ="
                          " current_database()").fetchone()[0]
    demo_con.close()
    keluar = tmp_path / "cli.pdf"
    assert main(["--db", db, "laporan", "--tahun", str(TAHUN), "--keluar", str(keluar)]) == 0
    assert keluar.read_bytes() == pdf
    assert main(["--db", db, "verifikasi", "--berkas", str(keluar)]) == 0


def test_buka_kembali_dengan_alasan_lalu_versi_baru(demo_con, tmp_path):
    siap_ditandatangani(demo_con, folder=tmp_path)
    sid, w = _sampai_langkah_11(demo_con)
    v1 = _tanda_tangani(demo_con, sid, w)
    ins, kas = pelaku(demo_con, "inspektur"), pelaku(demo_con, "kasubag")
    with pytest.raises(DataTidakValid, match="Alasan"):
        arsip.buka_kembali(demo_con, ins, TAHUN, "  ")
    with pytest.raises(AksesDitolak):
        arsip.buka_kembali(demo_con, kas, TAHUN, "ingin ubah")
    assert arsip.berlaku(demo_con, ins.instansi_id, TAHUN)["versi"] == 1
    arsip.buka_kembali(demo_con, ins, TAHUN, "Koreksi realisasi IK-01 dari BPKP.")
    assert arsip.berlaku(demo_con, ins.instansi_id, TAHUN) is None
    lama = arsip.unduh(demo_con, ins, TAHUN, versi=1)
    assert hashlib.sha256(lama).hexdigest() == v1["sha256"]      # superseded, still there
    assert arsip.daftar_versi(demo_con, ins, TAHUN)["status"].tolist() == ["digantikan"]
    naskah.simpan_naskah(demo_con, kas, TAHUN, "penutup", "Penutup yang dikoreksi.")  # editable
    # the reviu is open again: the gate blocks until the team finishes it again
    assert [k.jenis for k in gerbang.kekurangan(demo_con, ins.instansi_id, TAHUN)] == ["reviu"]
    from gerbang_util import selesaikan_reviu

    selesaikan_reviu(demo_con)
    w2 = siklus.langkah(demo_con, sid).set_index("no").loc[11, "mulai"].to_pydatetime()
    v2 = _tanda_tangani(demo_con, sid, max(w, w2) + dt.timedelta(minutes=30))
    assert v2["versi"] == 2 and v2["sha256"] != v1["sha256"]
    assert "Penutup yang dikoreksi." in _teks(arsip.unduh(demo_con, ins, TAHUN))


def test_dua_tab_menandatangani_bersamaan(demo_con, tmp_path):
    siap_ditandatangani(demo_con, folder=tmp_path)
    sid, w = _sampai_langkah_11(demo_con)
    hasil, salah = [], []

    def tanda_tangan():
        with demo_con.cursor() as cur:
            try:
                hasil.append(_tanda_tangani(cur, sid, w))
            except DataTidakValid as exc:
                salah.append(str(exc))
            except Exception as exc:  # noqa: BLE001 - a raw DB conflict is a failure here
                salah.append(f"MENTAH: {exc}")

    t = [threading.Thread(target=tanda_tangan) for _ in range(2)]
    [x.start() for x in t]
    [x.join() for x in t]
    assert len(hasil) == 1 and len(salah) == 1, (hasil, salah)
    assert "MENTAH" not in salah[0]
    assert demo_con.execute("SELECT count(*) FROM laporan_final WHERE tahun = ?",
                            [TAHUN]).fetchone()[0] == 1


def test_ekspor_excel_tahunan_hanya_angka_resmi(demo_con):
    import openpyxl

    from lkj_core import excel

    kas = pelaku(demo_con, "kasubag")
    df = isian.daftar_isian(demo_con, kas, TAHUN, resmi=True)
    narasi = isian.narasi_tahun(demo_con, kas, TAHUN, resmi=True)
    ws = openpyxl.load_workbook(io.BytesIO(excel.ekspor_tahun_xlsx(df, TAHUN, "X", narasi))).active
    judul = [c.value for c in ws[1]]
    baris = {r[judul.index("Kode")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    ik03 = baris["IK-03"]                           # submitted, not verified
    assert ik03[judul.index("Realisasi")] is None and ik03[judul.index("Capaian (%)")] is None
    assert ik03[judul.index("Status")] == "Diajukan"
    assert ik03[judul.index(isian.KOLOM_NARASI["analisis_penyebab"])] is None
    ik01 = baris["IK-01"]                           # verified: its figure is there
    assert ik01[judul.index("Realisasi")] == 3
