"""AppTest of the signing chain's pages: the gate list on Beranda and Alur SOP, the refusal
and the signing at step 11, the officials page (NIP), the reviewer's menu."""

from __future__ import annotations

import datetime as dt

from apptest_util import app, teks, tombol
from conftest import pelaku
from gerbang_util import SANDI, siap_ditandatangani
from lkj_app.state import _koneksi
from lkj_core import arsip, gerbang, siklus
from test_integritas import _sampai_langkah_11


def _cur(db_file):
    return _koneksi(str(db_file)).cursor()


def test_beranda_menampilkan_kekurangan_untuk_inspektur_dan_kasubag(db_file):
    with _cur(db_file) as cur:
        n = len(gerbang.kekurangan(cur, pelaku(cur, "admin").instansi_id, 2025))
    for user in ("inspektur", "kasubag"):
        at = app(user, "beranda")
        assert not at.exception
        assert f"Laporan 2025 belum dapat ditandatangani: {n} kekurangan" in " ".join(
            e.label for e in at.expander)
        assert "IK-03" in teks(at) and "perlu tindakan" in teks(at)
    at = app("irban1", "beranda")                      # not the bidang's list
    assert "belum dapat ditandatangani" not in " ".join(e.label for e in at.expander)


def test_langkah_11_ditolak_dengan_daftar_lalu_ditandatangani(db_file, tmp_path):
    with _cur(db_file) as cur:
        sid, w = _sampai_langkah_11(cur)
    at = app("inspektur", "alur_sop")
    assert "Syarat penandatanganan belum terpenuhi" in " ".join(e.label for e in at.expander)
    at.date_input(key="l11_tanggal_tandatangan").set_value(dt.date(2026, 1, 20))
    at.text_input(key="l11_ref").input("Naskah final")
    at.text_input(key="l11_sandi").input(SANDI)
    tombol(at, "Tandatangani laporan").click()
    at.run()
    assert not at.exception
    assert "Laporan belum dapat ditandatangani" in teks(at) and "(kasubag)" in teks(at)
    with _cur(db_file) as cur:
        assert arsip.berlaku(cur, pelaku(cur, "admin").instansi_id, 2025) is None
        siap_ditandatangani(cur)
    at = app("inspektur", "alur_sop")
    assert "Semua syarat penandatanganan" in teks(at)
    at.date_input(key="l11_tanggal_tandatangan").set_value(dt.date(2026, 1, 20))
    at.text_input(key="l11_ref").input("Naskah final")
    at.text_input(key="l11_sandi").input("sandi-yang-salah")
    tombol(at, "Tandatangani laporan").click()
    at.run()
    assert "Kata sandi sertifikat salah" in teks(at)
    at.text_input(key="l11_sandi").input(SANDI)
    tombol(at, "Tandatangani laporan").click()
    at.run()
    assert not at.exception
    with _cur(db_file) as cur:
        a = arsip.berlaku(cur, pelaku(cur, "admin").instansi_id, 2025)
        assert a is not None and a["versi"] == 1
        df = siklus.langkah(cur, sid)
    assert df.set_index("no").loc[11, "status"] == "selesai"
    # no undo form for the signed step: reopening is the Inspektur's, on Ekspor Laporan
    k = app("kasubag", "alur_sop")
    assert not any("langkah 11" in e.label for e in k.expander)


def test_pejabat_nip_17_angka_ditolak_dan_isian_tetap(db_file):
    at = app("inspektur", "pejabat")
    assert not at.exception
    at.selectbox(key="pejabat_tahun").set_value(2026).run()
    at.text_input(key="pj_sekretaris_2026_nama").input("Dra. Contoh Sekretaris")
    at.text_input(key="pj_sekretaris_2026_jabatan").input("Sekretaris")
    at.text_input(key="pj_sekretaris_2026_nip").input("19720315199803200")   # 17 digits
    at.text_input(key="pj_sekretaris_2026_pangkat").input("Pembina (IV/a)")
    next(b for b in at.button if b.label == "Simpan"
         and "sekretaris" in b.proto.form_id).click()
    at.run()
    assert "NIP harus 18 angka (yang diisi 17 karakter)" in teks(at)
    assert at.text_input(key="pj_sekretaris_2026_nip").value == "19720315199803200"
    with _cur(db_file) as cur:
        before = cur.execute("SELECT nama FROM pejabat WHERE tahun = 2026 AND kedudukan ="
                             " 'sekretaris'").fetchall()
    assert before and before[0][0] != "Dra. Contoh Sekretaris"     # unchanged (demo holder)
    assert app("kasubag", "pejabat").error or "tidak memiliki akses" in teks(
        app("kasubag", "pejabat"))


def test_pereviu_melihat_menu_reviu_tanpa_isian():
    at = app("auditor1", "beranda")
    assert not at.exception
    label = [p.label for p in at.sidebar.get("page_link")]
    assert "Reviu LKjIP (APIP)" in label and "Ekspor Laporan (PDF)" in label
    assert "Isian Kinerja" not in label and "Rekap Isian" not in label


def test_rekap_memperingatkan_isian_yang_belum_lengkap_untuk_tanda_tangan(db_file):
    with _cur(db_file) as cur:
        ik3 = cur.execute("SELECT id FROM indikator WHERE kode = 'IK-03'").fetchone()[0]
        cur.execute("UPDATE realisasi SET efisiensi = NULL WHERE indikator_id = ? AND"
                    " tahun = 2025", [ik3])
        assert gerbang.kurang_isian(cur, ik3, 2025) == ["efisiensi penggunaan sumber daya"]
    at = app("kasubag", "rekap_isian")
    at.selectbox(key="rekap_pilih").set_value(ik3).run()
    assert "Belum lengkap untuk penandatanganan laporan: efisiensi penggunaan sumber daya" \
        in " ".join(w.value for w in at.warning)
