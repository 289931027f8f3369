"""The reviu of the LKjIP by APIP: scope over the Pemda, assignment and independence, the
worksheet, findings with optimistic versions, finishing, and what the report states."""

from __future__ import annotations

import inspect
import json
import threading
import time

import pytest

from akses_util import beda, sidik
from conftest import pelaku
from lkj_core import laporan, organisasi, pengguna, reviu, waktu_kerja
from lkj_core.organisasi import DataTidakValid
from lkj_core.peran import AksesDitolak, Pelaku
from lkj_core.reviu import KonflikReviu

TAHUN = 2026   # the demo holds reviu for 2023–2025; 2026 has targets and no reviu
PEMDA = "Pemerintah Kabupaten Wonosobo"
SANDI = "sandi-uji-123"


# --- set-ups ---

def _iid(con) -> int:
    return con.execute("SELECT id FROM instansi WHERE kode = 'INSPEKTORAT-WSB'").fetchone()[0]


def _instansi(con, kode: str, nama: str, pemda: str = PEMDA, target: bool = True) -> int:
    """Another instansi with a minimal Renstra → indicator chain (and a target for TAHUN)."""
    iid = organisasi.buat_instansi(con, "uji", kode, nama, pemda, tahun_laporan=TAHUN)
    q = lambda sql, *p: con.execute(sql, list(p)).fetchone()[0]  # noqa: E731
    unit = q("INSERT INTO unit_kerja (instansi_id, kode, nama) VALUES (?, 'SEK', 'Sekretariat')"
             " RETURNING id", iid)
    rid = q("INSERT INTO renstra (instansi_id, nama, tahun_awal, tahun_akhir) VALUES"
            " (?, 'Renstra 2021–2026', 2021, 2026) RETURNING id", iid)
    tid = q("INSERT INTO tujuan (renstra_id, kode, uraian) VALUES (?, 'T1', 'Tujuan')"
            " RETURNING id", rid)
    sid = q("INSERT INTO sasaran (tujuan_id, kode, uraian) VALUES (?, 'SS1', 'Sasaran')"
            " RETURNING id", tid)
    ik = q("INSERT INTO indikator (instansi_id, sasaran_id, kode, nama, satuan, polaritas,"
           " unit_id) VALUES (?, ?, 'IK-01', 'Indikator uji', '%', 'positif', ?) RETURNING id",
           iid, sid, unit)
    if target:
        con.execute("INSERT INTO target_tahunan VALUES (?, ?, 90, NULL)", [ik, TAHUN])
    return iid


@pytest.fixture
def dinkes(demo_con) -> int:
    """A second perangkat daerah of the same Pemda, with a Kasubag of its own."""
    iid = _instansi(demo_con, "DINKES-WSB", "Dinas Kesehatan Kabupaten Wonosobo")
    pengguna.buat_pengguna(demo_con, "uji", iid, "kasubag_dinkes", "Kasubag Dinkes",
                           "kasubag", SANDI)
    return iid


@pytest.fixture
def kota_lain(demo_con) -> int:
    """An instansi of another Pemda: outside the Inspektorat's reach."""
    return _instansi(demo_con, "DINAS-LAIN", "Dinas Kota Lain", "Pemerintah Kota Lain")


@pytest.fixture
def o(demo_con):
    """Demo actors by username."""
    return lambda username: pelaku(demo_con, username)


def _tugaskan(con, o, instansi_id=None, ketua="auditor1", anggota=("auditor2",)) -> int:
    return reviu.tugaskan(con, o("inspektur"), instansi_id or _iid(con), TAHUN,
                          "700/ST-12/2026", "Reviu atas LKjIP 2025.", ketua, list(anggota))


def _jumlah_reviu(con) -> int:
    return con.execute("SELECT count(*) FROM reviu WHERE tahun = ?", [TAHUN]).fetchone()[0]


def _temuan_baris(con, tid) -> dict:
    cur = con.execute("SELECT * FROM reviu_temuan WHERE id = ?", [tid])
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


@pytest.fixture(autouse=True)
def _audit_awal(demo_con):
    """The demo's own audit rows (its seeded reviu included) are not this test's."""
    global _AWAL
    _AWAL = demo_con.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


_AWAL = 0


def _audit(con, tabel: str) -> list[tuple]:
    """(pelaku, aksi, kunci) of this test's audit rows on `tabel`, in order."""
    return con.execute("SELECT pelaku, aksi, kunci FROM audit_log WHERE tabel = ? AND id > ?"
                       " ORDER BY id", [tabel, _AWAL]).fetchall()


def _pemda(con, pemda: str = PEMDA) -> list[int]:
    """The instansi of a Pemda, the Inspektorat first, then by name (the list's order)."""
    return [r[0] for r in con.execute(
        "SELECT id FROM instansi WHERE pemda = ? ORDER BY kode <> 'INSPEKTORAT-WSB', nama",
        [pemda]).fetchall()]


def _isi_semua(con, p, rid, jawaban="ya"):
    for no in reviu.butir(con, p, rid)["no"]:
        reviu.isi_butir(con, p, rid, int(no), jawaban, "", "Uji petik dokumen sumber")


# --- pure rules ---

def test_daftar_periksa_divalidasi():
    assert reviu.validasi_daftar_periksa(["  Butir  satu ", "", "Butir dua"]) == [
        "Butir satu", "Butir dua"]
    with pytest.raises(DataTidakValid, match="paling sedikit satu butir"):
        reviu.validasi_daftar_periksa(["", "   "])
    with pytest.raises(DataTidakValid, match="Butir 2 terlalu panjang"):
        reviu.validasi_daftar_periksa(["Pendek", "x" * (reviu.BUTIR_MAKS + 1)])
    assert reviu.validasi_daftar_periksa(["x" * reviu.BUTIR_MAKS]) == ["x" * reviu.BUTIR_MAKS]
    with pytest.raises(DataTidakValid, match="Butir 3 sama dengan butir 1"):
        reviu.validasi_daftar_periksa(["Cek bukti", "Cek PK", "cek  BUKTI"])


def test_jawaban_tidak_wajib_catatan():
    assert reviu.validasi_jawaban("ya", "  ", "") == {"jawaban": "ya", "catatan": None,
                                                       "bukti_diperiksa": None}
    with pytest.raises(DataTidakValid) as e:
        reviu.validasi_jawaban("tidak", " ", "")
    assert set(e.value.kesalahan) == {"catatan"}
    assert reviu.validasi_jawaban("tidak", "IK-06 beda", "LRA")["catatan"] == "IK-06 beda"
    with pytest.raises(DataTidakValid) as e:
        reviu.validasi_jawaban("mungkin", "", "")
    assert set(e.value.kesalahan) == {"jawaban"}


def test_daftar_periksa_baku_berisi_butir_pedoman():
    teks = " ".join(reviu.DAFTAR_PERIKSA_BAKU).lower()
    for kata in ("bukti dukung", "renstra", "perjanjian kinerja", "polaritas",
                 "permenpanrb 53/2014", "ketujuh poin", "realisasi anggaran"):
        assert kata in teks, kata
    assert reviu.validasi_daftar_periksa(list(reviu.DAFTAR_PERIKSA_BAKU)) == \
        list(reviu.DAFTAR_PERIKSA_BAKU)


# --- scope: the Pemda ---

def test_daftar_laporan_seluruh_instansi_pemda(demo_con, o, dinkes, kota_lain):
    iid = _iid(demo_con)
    df = reviu.daftar_laporan(demo_con, o("auditor1"), TAHUN)
    semua = _pemda(demo_con)
    assert dinkes in semua and kota_lain not in semua and semua[0] == iid
    assert df["instansi_id"].tolist() == semua      # own first; never another Pemda
    assert set(df["status"]) == {"belum ditugaskan"} and not df["ditandatangani"].any()
    rid = _tugaskan(demo_con, o, dinkes)
    reviu.tambah_temuan(demo_con, o("auditor2"), rid, "Target tidak sesuai PK.", "Sesuaikan.")
    # Dinkes' report signed (its cycle's status): shown in the list.
    demo_con.execute("INSERT INTO siklus (instansi_id, tahun, revisi_id, status_laporan,"
                     " dibuka_oleh, dibuka_pada) VALUES (?, ?, 1, 'disetujui', 'uji',"
                     " current_localtimestamp())", [dinkes, TAHUN])
    for p in ("inspektur", "admin", "auditor2"):
        df = reviu.daftar_laporan(demo_con, o(p), TAHUN).set_index("instansi_id")
        assert list(df.index) == semua, p
        assert df.loc[dinkes, "status"] == "berjalan"
        assert df.loc[dinkes, "ketua"] == demo_con.execute(
            "SELECT nama FROM pengguna WHERE username = 'auditor1'").fetchone()[0]
        assert df.loc[dinkes, "temuan_terbuka"] == 1 and df.loc[iid, "temuan_terbuka"] == 0
        assert df.loc[dinkes, "ditandatangani"] and not df.loc[iid, "ditandatangani"]
        assert df.loc[iid, "status"] == "belum ditugaskan"
    # Another year: nothing assigned there.
    assert set(reviu.daftar_laporan(demo_con, o("inspektur"), 2030)["status"]) == {
        "belum ditugaskan"}
    # A Kasubag: their own instansi only.
    assert reviu.daftar_laporan(demo_con, o("kasubag"), TAHUN)["instansi_id"].tolist() == [iid]
    assert reviu.daftar_laporan(demo_con, o("kasubag_dinkes"), TAHUN)[
        "instansi_id"].tolist() == [dinkes]


def test_pemda_lain_tidak_ditemukan(demo_con, o, kota_lain):
    sebelum = sidik(demo_con)
    with pytest.raises(DataTidakValid, match="Instansi tidak ditemukan"):
        _tugaskan(demo_con, o, kota_lain)
    with pytest.raises(DataTidakValid, match="Instansi tidak ditemukan"):
        reviu.pembaca(demo_con, o("auditor1"), kota_lain)
    with pytest.raises(DataTidakValid, match="Instansi tidak ditemukan"):
        reviu.daftar_pereviu(demo_con, o("inspektur"), kota_lain, TAHUN)
    assert not beda(sebelum, sidik(demo_con))
    # A reviu of that instansi (by its own APIP) is not found from here either.
    rid = demo_con.execute(
        "INSERT INTO reviu (instansi_id, tahun, apip_instansi_id, nomor_surat_tugas,"
        " ruang_lingkup, ditugaskan_oleh, ditugaskan_pada) VALUES (?, ?, ?, 'ST', 'RL', 'x',"
        " current_localtimestamp()) RETURNING id", [kota_lain, TAHUN, kota_lain]).fetchone()[0]
    for p in ("inspektur", "admin", "auditor1", "kasubag"):
        with pytest.raises(DataTidakValid, match="Reviu tidak ditemukan"):
            reviu.reviu(demo_con, o(p), rid)
    with pytest.raises(DataTidakValid, match="Reviu tidak ditemukan"):
        reviu.isi_butir(demo_con, o("auditor1"), rid, 1, "ya", "", "")


def test_pembaca_membuka_draf_instansi_sepemda(demo_con, o, dinkes):
    pb = reviu.pembaca(demo_con, o("auditor1"), dinkes)
    assert pb == Pelaku("auditor1", "inspektur", dinkes, None)
    data = laporan.kumpulkan_data(demo_con, pb, TAHUN)
    assert data.instansi == "Dinas Kesehatan Kabupaten Wonosobo"
    assert data.indikator["kode"].tolist() == ["IK-01"]
    for p in ("inspektur", "admin"):
        assert reviu.pembaca(demo_con, o(p), dinkes).instansi_id == dinkes
    for p in ("kasubag", "irban1", "staf", "sekretaris"):
        with pytest.raises(AksesDitolak):
            reviu.pembaca(demo_con, o(p), _iid(demo_con))


# --- assignment ---

def test_tugaskan_menyalin_tim_dan_daftar_periksa(demo_con, o):
    iid = _iid(demo_con)
    assert reviu.status(demo_con, iid, TAHUN) == {
        "status": "belum", "reviu_id": None, "temuan_terbuka": 0, "butir_kosong": 0,
        "ketua": None}
    rid = _tugaskan(demo_con, o)
    r = reviu.reviu(demo_con, o("auditor1"), rid)
    assert (r["instansi_id"], r["tahun"], r["apip_instansi_id"], r["status"]) == (
        iid, TAHUN, iid, "berjalan")
    assert r["instansi"] == "Inspektorat Daerah Kabupaten Wonosobo" and r["pemda"] == PEMDA
    assert (r["ditugaskan_oleh"], r["nomor_surat_tugas"]) == ("inspektur", "700/ST-12/2026")
    t = reviu.tim(demo_con, o("inspektur"), rid)
    assert t["username"].tolist() == ["auditor1", "auditor2"]
    assert t["kedudukan"].tolist() == ["ketua", "anggota"]
    for row in t.itertuples():
        asli = demo_con.execute("SELECT nama, nip, pangkat, jabatan FROM pengguna WHERE"
                                " username = ?", [row.username]).fetchone()
        assert (row.nama, row.nip, row.pangkat, row.jabatan) == asli
    b = reviu.butir(demo_con, o("kasubag"), rid)
    assert b["uraian"].tolist() == reviu.daftar_periksa(demo_con, iid)
    assert b["no"].tolist() == list(range(1, len(b) + 1)) and b["jawaban"].isna().all()
    s = reviu.status(demo_con, iid, TAHUN)
    assert (s["status"], s["reviu_id"], s["butir_kosong"], s["temuan_terbuka"]) == (
        "berjalan", rid, len(b), 0)
    assert s["ketua"] == t["nama"][0]
    aud = demo_con.execute("SELECT pelaku, instansi_id, baru FROM audit_log WHERE"
                           " tabel = 'reviu' AND aksi = 'tugaskan' AND id > ?",
                           [_AWAL]).fetchall()
    assert len(aud) == 1 and aud[0][:2] == ("inspektur", iid)
    assert json.loads(aud[0][2])["anggota"] == ["auditor2"]


def test_daftar_periksa_diatur_tanpa_mengubah_reviu_berjalan(demo_con, o, dinkes):
    iid = _iid(demo_con)
    rid = _tugaskan(demo_con, o)
    lama = reviu.butir(demo_con, o("auditor1"), rid)["uraian"].tolist()
    baru = ["Data diuji petik terhadap bukti dukung.", "Capaian dihitung sesuai polaritas."]
    reviu.atur_daftar_periksa(demo_con, o("admin"), [baru[0], "", baru[1]])
    assert reviu.daftar_periksa(demo_con, iid) == baru
    assert _audit(demo_con, "pengaturan")[-1] == ("admin", "ubah", reviu.KUNCI_DAFTAR_PERIKSA)
    assert reviu.butir(demo_con, o("auditor1"), rid)["uraian"].tolist() == lama
    rid2 = _tugaskan(demo_con, o, dinkes)
    assert reviu.butir(demo_con, o("auditor1"), rid2)["uraian"].tolist() == baru
    for p in ("auditor1", "kasubag", "irban1"):
        with pytest.raises(AksesDitolak):
            reviu.atur_daftar_periksa(demo_con, o(p), ["Butir"])
    with pytest.raises(DataTidakValid, match="sama dengan butir 1"):
        reviu.atur_daftar_periksa(demo_con, o("inspektur"), ["A", "a"])
    assert reviu.daftar_periksa(demo_con, iid) == baru


@pytest.mark.parametrize("ketua,anggota,kolom,pesan", [
    ("", ["auditor2"], "ketua", "Ketua tim wajib dipilih."),
    ("auditor1", ["auditor1", "auditor2"], "anggota", "ketua sekaligus anggota"),
    ("kasubag", [], "ketua", "bukan pereviu"),
    ("auditor1", ["tidakada"], "anggota", "Pengguna 'tidakada' tidak ditemukan"),
])
def test_tim_tidak_sah_ditolak(demo_con, o, ketua, anggota, kolom, pesan):
    sebelum = sidik(demo_con)
    with pytest.raises(DataTidakValid) as e:
        _tugaskan(demo_con, o, ketua=ketua, anggota=anggota)
    assert pesan in e.value.kesalahan[kolom]
    assert not beda(sebelum, sidik(demo_con))


def test_isian_wajib_surat_tugas_dan_ruang_lingkup(demo_con, o):
    with pytest.raises(DataTidakValid) as e:
        reviu.tugaskan(demo_con, o("inspektur"), _iid(demo_con), TAHUN, " ", "", "auditor1", [])
    assert set(e.value.kesalahan) == {"nomor_surat_tugas", "ruang_lingkup"}
    assert _jumlah_reviu(demo_con) == 0


def test_pereviu_tanpa_nip_ditolak(demo_con, o):
    demo_con.execute("UPDATE pengguna SET nip = NULL WHERE username = 'auditor2'")
    with pytest.raises(DataTidakValid) as e:
        _tugaskan(demo_con, o)
    assert "auditor2" in e.value.kesalahan["anggota"] and "NIP" in e.value.kesalahan["anggota"]
    demo_con.execute("UPDATE pengguna SET nip = '1978' WHERE username = 'auditor2'")
    with pytest.raises(DataTidakValid, match="NIP harus 18 angka"):
        _tugaskan(demo_con, o)
    assert _jumlah_reviu(demo_con) == 0


def test_tahun_tanpa_pk_ditolak(demo_con, o):
    tanpa = _instansi(demo_con, "DISDIK-WSB", "Dinas Pendidikan", target=False)
    with pytest.raises(DataTidakValid) as e:
        _tugaskan(demo_con, o, tanpa)
    assert str(e.value) == (f"Tahun {TAHUN} belum memiliki Perjanjian Kinerja/target; reviu "
                            "belum dapat ditugaskan.")
    with pytest.raises(DataTidakValid, match="Tahun 2030 belum memiliki Perjanjian Kinerja"):
        reviu.tugaskan(demo_con, o("inspektur"), _iid(demo_con), 2030, "ST", "RL",
                       "auditor1", [])
    assert _jumlah_reviu(demo_con) == 0


def test_reviu_ganda_ditolak(demo_con, o):
    _tugaskan(demo_con, o)
    with pytest.raises(DataTidakValid, match="sudah ditugaskan \\(surat tugas 700/ST-12/2026\\)"):
        _tugaskan(demo_con, o, ketua="auditor2", anggota=())
    assert _jumlah_reviu(demo_con) == 1


def test_hanya_inspektur_dan_admin_menugaskan(demo_con, o):
    for p in ("auditor1", "kasubag", "sekretaris", "staf", "irban1"):
        with pytest.raises(AksesDitolak):
            reviu.tugaskan(demo_con, o(p), _iid(demo_con), TAHUN, "ST", "RL", "auditor1", [])
    assert reviu.tugaskan(demo_con, o("admin"), _iid(demo_con), TAHUN, "ST", "RL",
                          "auditor2", []) > 0


def _ik(con) -> int:
    return con.execute("SELECT id FROM indikator WHERE kode = 'IK-01'").fetchone()[0]


# Ways a reviewer becomes a drafter of the year's report (a role change, simulated in SQL).
PENYUSUN = {
    "realisasi": lambda c: c.execute(
        "INSERT INTO realisasi (indikator_id, tahun, nilai, status, diubah_oleh) VALUES"
        " (?, ?, 3, 'draft', 'auditor1')", [_ik(c), TAHUN]),
    "riwayat_isian": lambda c: c.execute(
        "INSERT INTO riwayat_isian (indikator_id, tahun, pelaku, dari, ke) VALUES"
        " (?, ?, 'auditor1', 'diajukan', 'diverifikasi')", [_ik(c), TAHUN]),
    "bukti_dukung": lambda c: c.execute(
        "INSERT INTO bukti_dukung (indikator_id, tahun, nama_berkas, jenis, ukuran, sha256,"
        " diunggah_oleh) VALUES (?, ?, 'a.pdf', 'pdf', 10, 'ab', 'auditor1')", [_ik(c), TAHUN]),
    "naskah_laporan": lambda c: c.execute(
        "INSERT INTO naskah_laporan (instansi_id, tahun, kunci, teks, diubah_oleh) VALUES"
        " (?, ?, 'penutup', 'Teks', 'auditor1')", [_iid(c), TAHUN]),
    "siklus_langkah": lambda c: _langkah_diselesaikan(c, 8),
}


def _langkah_diselesaikan(con, no: int, oleh: str = "auditor1") -> None:
    sid = con.execute("INSERT INTO siklus (instansi_id, tahun, revisi_id, dibuka_oleh,"
                      " dibuka_pada) VALUES (?, ?, 1, 'inspektur', current_localtimestamp())"
                      " RETURNING id", [_iid(con), TAHUN]).fetchone()[0]
    con.execute("INSERT INTO siklus_langkah (siklus_id, no, uraian, pelaksana, kelengkapan,"
                " waktu, satuan_waktu, output, selesai, diselesaikan_oleh) VALUES (?, ?, 'x',"
                " 'kasubag', 'x', 1, 'hari', 'x', current_localtimestamp(), ?)",
                [sid, no, oleh])


@pytest.mark.parametrize("sumber", list(PENYUSUN))
def test_penyusun_tidak_boleh_mereviu(demo_con, o, sumber):
    iid = _iid(demo_con)
    assert reviu.tidak_independen(demo_con, iid, TAHUN, "auditor1") is None
    PENYUSUN[sumber](demo_con)
    alasan = reviu.tidak_independen(demo_con, iid, TAHUN, "auditor1")
    assert "(auditor1) tidak boleh mereviu laporan yang ikut disusunnya / datanya diisinya" \
        in alasan
    # Only that instansi-year: another year and another reviewer stay independent.
    assert reviu.tidak_independen(demo_con, iid, TAHUN - 1, "auditor1") is None
    assert reviu.tidak_independen(demo_con, iid, TAHUN, "auditor2") is None
    sebelum = sidik(demo_con)
    for ketua, anggota, kolom in (("auditor1", ["auditor2"], "ketua"),
                                  ("auditor2", ["auditor1"], "anggota")):
        with pytest.raises(DataTidakValid) as e:
            _tugaskan(demo_con, o, ketua=ketua, anggota=anggota)
        assert e.value.kesalahan[kolom] == alasan
    assert not beda(sebelum, sidik(demo_con))
    df = reviu.daftar_pereviu(demo_con, o("inspektur"), iid, TAHUN).set_index("username")
    assert df.loc["auditor1", "tidak_independen"] == alasan
    assert df.loc["auditor2", "tidak_independen"] is None


def test_langkah_sop_selain_penyusunan_tidak_menghalangi(demo_con):
    _langkah_diselesaikan(demo_con, 9)   # correcting the draft is not drafting it
    assert reviu.tidak_independen(demo_con, _iid(demo_con), TAHUN, "auditor1") is None


def test_pereviu_yang_kemudian_menyusun_ditolak_saat_bertindak(demo_con, o):
    rid = _tugaskan(demo_con, o)
    tid = reviu.tambah_temuan(demo_con, o("auditor2"), rid, "Catatan", None)
    PENYUSUN["naskah_laporan"](demo_con)
    sebelum = sidik(demo_con)
    for aksi in (lambda p: reviu.isi_butir(demo_con, p, rid, 1, "ya", "", ""),
                 lambda p: reviu.tambah_temuan(demo_con, p, rid, "Lagi", None),
                 lambda p: reviu.kembalikan_temuan(demo_con, p, tid, "Belum", 1),
                 lambda p: reviu.selesaikan(demo_con, p, rid, "Selesai")):
        with pytest.raises(AksesDitolak, match="tidak boleh mereviu laporan"):
            aksi(o("auditor1"))
    assert not beda(sebelum, sidik(demo_con))
    reviu.isi_butir(demo_con, o("auditor2"), rid, 1, "ya", "", "")


# --- the worksheet ---

def test_kertas_kerja_diisi_tim(demo_con, o):
    rid = _tugaskan(demo_con, o)
    reviu.isi_butir(demo_con, o("auditor2"), rid, 1, "ya", "", "LRA dan DPA 2025")
    with pytest.raises(DataTidakValid) as e:
        reviu.isi_butir(demo_con, o("auditor1"), rid, 2, "tidak", "  ", "")
    assert set(e.value.kesalahan) == {"catatan"}
    reviu.isi_butir(demo_con, o("auditor1"), rid, 2, "tidak", "Target IK-04 beda dengan PK.",
                    "PK 2025")
    reviu.isi_butir(demo_con, o("auditor1"), rid, 3, "tidak_berlaku", "", "")
    b = reviu.butir(demo_con, o("kasubag"), rid).set_index("no")
    assert b.loc[1, ["jawaban", "bukti_diperiksa", "diisi_oleh"]].tolist() == [
        "ya", "LRA dan DPA 2025", "auditor2"]
    assert b.loc[2, ["jawaban", "catatan"]].tolist() == ["tidak", "Target IK-04 beda dengan PK."]
    assert b.loc[3, "jawaban"] == "tidak_berlaku" and b.loc[4:, "jawaban"].isna().all()
    assert reviu.status(demo_con, _iid(demo_con), TAHUN)["butir_kosong"] == len(b) - 3
    assert [a[:2] for a in _audit(demo_con, "reviu_butir")] == [
        ("auditor2", "isi_butir"), ("auditor1", "isi_butir"), ("auditor1", "isi_butir")]
    with pytest.raises(DataTidakValid, match="Butir kertas kerja tidak ditemukan"):
        reviu.isi_butir(demo_con, o("auditor1"), rid, 99, "ya", "", "")


def test_kertas_kerja_hanya_oleh_anggota_tim(demo_con, o):
    rid = _tugaskan(demo_con, o, anggota=())
    sebelum = sidik(demo_con)
    for p in ("auditor2", "inspektur", "admin", "kasubag"):   # auditor2: not in this team
        with pytest.raises(AksesDitolak):
            reviu.isi_butir(demo_con, o(p), rid, 1, "ya", "", "")
        with pytest.raises(AksesDitolak):
            reviu.tambah_temuan(demo_con, o(p), rid, "Temuan", None)
    assert not beda(sebelum, sidik(demo_con))


# --- findings ---

def test_temuan_bolak_balik(demo_con, o):
    iid = _iid(demo_con)
    rid = _tugaskan(demo_con, o)
    tid = reviu.tambah_temuan(demo_con, o("auditor2"), rid, "Realisasi IK-06 tanpa bukti.",
                              "Lampirkan rekap temuan berulang.", butir_no=1)
    t = _temuan_baris(demo_con, tid)
    assert (t["status"], t["versi"], t["butir_no"], t["dibuat_oleh"]) == (
        "terbuka", 1, 1, "auditor2")
    assert reviu.status(demo_con, iid, TAHUN)["temuan_terbuka"] == 1
    for p in ("auditor1", "inspektur", "staf"):     # not the drafter side
        with pytest.raises(AksesDitolak):
            reviu.jawab_temuan(demo_con, o(p), tid, "Jawab", 1)
    with pytest.raises(AksesDitolak):
        reviu.tutup_temuan(demo_con, o("kasubag"), tid, 1)
    with pytest.raises(DataTidakValid, match="tidak dapat di-tutup"):
        reviu.tutup_temuan(demo_con, o("auditor1"), tid, 1)   # not answered yet
    v = reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Rekap dilampirkan.", 1)
    assert v == 2 and _temuan_baris(demo_con, tid)["status"] == "dijawab"
    with pytest.raises(DataTidakValid, match="tidak dapat di-jawab"):
        reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Lagi", v)
    with pytest.raises(DataTidakValid, match="Catatan pengembalian wajib diisi"):
        reviu.kembalikan_temuan(demo_con, o("auditor1"), tid, " ", v)
    v = reviu.kembalikan_temuan(demo_con, o("auditor1"), tid, "Rekap belum ditandatangani.", v)
    df = reviu.temuan(demo_con, o("kasubag"), rid).set_index("id")
    assert df.loc[tid, ["status", "versi", "catatan_kembali"]].tolist() == [
        "terbuka", 3, "Rekap belum ditandatangani."]
    assert df.loc[tid, "jawaban"] == "Rekap dilampirkan."     # the earlier answer stays
    v = reviu.jawab_temuan(demo_con, o("admin"), tid, "Rekap bertanda tangan dilampirkan.", v)
    v = reviu.tutup_temuan(demo_con, o("auditor2"), tid, v)
    t = _temuan_baris(demo_con, tid)
    assert (t["status"], t["versi"], t["ditutup_oleh"], t["dijawab_oleh"], t["jawaban"]) == (
        "ditutup", 5, "auditor2", "admin", "Rekap bertanda tangan dilampirkan.")
    assert reviu.status(demo_con, iid, TAHUN)["temuan_terbuka"] == 0
    assert [a[:2] for a in _audit(demo_con, "reviu_temuan")] == [
        ("auditor2", "tambah_temuan"), ("kasubag", "jawab"), ("auditor1", "kembalikan"),
        ("admin", "jawab"), ("auditor2", "tutup")]
    assert {a[2] for a in _audit(demo_con, "reviu_temuan")} == {str(tid)}


def test_versi_usang_ditolak_tanpa_perubahan(demo_con, o):
    rid = _tugaskan(demo_con, o)
    tid = reviu.tambah_temuan(demo_con, o("auditor1"), rid, "Catatan", "Saran")
    v = reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Sudah", 1)
    sebelum = sidik(demo_con)
    with pytest.raises(KonflikReviu) as e:
        reviu.kembalikan_temuan(demo_con, o("auditor1"), tid, "Belum", v - 1)
    assert "sudah diubah oleh kasubag" in str(e.value) and "Muat ulang" in str(e.value)
    with pytest.raises(KonflikReviu):
        reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Jawaban lain", 1)
    assert not beda(sebelum, sidik(demo_con))
    reviu.tutup_temuan(demo_con, o("auditor1"), tid, v)
    with pytest.raises(KonflikReviu, match="sudah diubah oleh auditor1 .*status sekarang: "
                                           "Ditutup"):
        reviu.tutup_temuan(demo_con, o("auditor2"), tid, v)


def _temuan_dijawab(con, o) -> tuple[int, int]:
    rid = _tugaskan(con, o)
    tid = reviu.tambah_temuan(con, o("auditor1"), rid, "Catatan", None)
    return tid, reviu.jawab_temuan(con, o("kasubag"), tid, "Sudah diperbaiki.", 1)


def test_dua_pereviu_menutup_bersamaan_satu_berhasil(demo_con, o):
    tid, v = _temuan_dijawab(demo_con, o)
    # Actors are read before the threads start: one connection serves one thread at a time.
    aktor = {u: o(u) for u in ("auditor1", "auditor2")}
    mulai = threading.Barrier(2, timeout=30)
    hasil: dict = {}

    def tutup(username):
        try:
            with demo_con.cursor() as cur:
                mulai.wait()
                hasil[username] = reviu.tutup_temuan(cur, aktor[username], tid, v)
        except BaseException as exc:   # noqa: BLE001 - the test inspects it
            hasil[username] = exc

    utas = [threading.Thread(target=tutup, args=(u,)) for u in ("auditor1", "auditor2")]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    menang = [u for u, h in hasil.items() if h == v + 1]
    kalah = [u for u, h in hasil.items() if isinstance(h, KonflikReviu)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    assert f"sudah diubah oleh {menang[0]}" in str(hasil[kalah[0]])
    t = _temuan_baris(demo_con, tid)
    assert (t["status"], t["versi"], t["ditutup_oleh"]) == ("ditutup", v + 1, menang[0])
    assert [a[:2] for a in _audit(demo_con, "reviu_temuan") if a[1] == "tutup"] == [
        (menang[0], "tutup")]


def test_penutupan_yang_tertahan_transaksi_lain_diulang_lalu_ditolak(demo_con, o):
    """auditor2's close sits in an open transaction when auditor1 closes: DuckDB refuses
    auditor1's write, lkj_core retries it after auditor2 commits, and auditor1 then gets the
    Indonesian message naming auditor2 (never the raw DuckDB error)."""
    tid, v = _temuan_dijawab(demo_con, o)
    lain = demo_con.cursor()
    lain.execute("BEGIN TRANSACTION")
    lain.execute("UPDATE reviu_temuan SET status = 'ditutup', ditutup_oleh = 'auditor2',"
                 " versi = versi + 1 WHERE id = ?", [tid])
    hasil: dict = {}
    auditor1 = o("auditor1")

    def tutup():
        try:
            with demo_con.cursor() as cur:
                hasil["auditor1"] = reviu.tutup_temuan(cur, auditor1, tid, v)
        except BaseException as exc:   # noqa: BLE001 - the test inspects it
            hasil["auditor1"] = exc

    a = threading.Thread(target=tutup)
    a.start()
    time.sleep(0.3)
    lain.execute("COMMIT")
    a.join()
    lain.close()
    assert isinstance(hasil["auditor1"], KonflikReviu), repr(hasil["auditor1"])
    assert "sudah diubah oleh auditor2" in str(hasil["auditor1"])
    assert _temuan_baris(demo_con, tid)["ditutup_oleh"] == "auditor2"
    assert not [a for a in _audit(demo_con, "reviu_temuan") if a[1] == "tutup"]


# --- finishing and the statement ---

def test_selesaikan_lalu_pernyataan(demo_con, o):
    iid = _iid(demo_con)
    rid = _tugaskan(demo_con, o)
    tid = reviu.tambah_temuan(demo_con, o("auditor2"), rid, "Catatan", None)
    n = len(reviu.butir(demo_con, o("auditor1"), rid))
    assert reviu.pernyataan(demo_con, iid, TAHUN) is None
    with pytest.raises(DataTidakValid) as e:
        reviu.selesaikan(demo_con, o("auditor1"), rid, "Andal.")
    assert str(e.value) == (f"Reviu belum dapat diselesaikan: {n} butir kertas kerja belum "
                            "dijawab, 1 catatan reviu belum ditutup.")
    _isi_semua(demo_con, o("auditor2"), rid)
    v = reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Diperbaiki.", 1)
    with pytest.raises(DataTidakValid, match="^Reviu belum dapat diselesaikan: 1 catatan reviu"
                                             " belum ditutup.$"):
        reviu.selesaikan(demo_con, o("auditor1"), rid, "Andal.")
    reviu.tutup_temuan(demo_con, o("auditor2"), tid, v)
    with pytest.raises(AksesDitolak, match="Hanya ketua"):
        reviu.selesaikan(demo_con, o("auditor2"), rid, "Andal.")
    with pytest.raises(DataTidakValid, match="Kesimpulan reviu wajib diisi"):
        reviu.selesaikan(demo_con, o("auditor1"), rid, "  ")
    with pytest.raises(DataTidakValid, match="terlalu panjang"):
        reviu.selesaikan(demo_con, o("auditor1"), rid, "x" * (reviu.TEKS_MAKS + 1))
    assert reviu.status(demo_con, iid, TAHUN)["status"] == "berjalan"
    kesimpulan = "Laporan Kinerja telah disajikan secara andal; tidak ada hal material."
    reviu.selesaikan(demo_con, o("auditor1"), rid, kesimpulan)
    r = reviu.reviu(demo_con, o("inspektur"), rid)
    assert (r["status"], r["selesai_oleh"], r["kesimpulan"]) == ("selesai", "auditor1",
                                                                 kesimpulan)
    assert r["selesai_pada"].date() == waktu_kerja.sekarang().date()
    assert reviu.status(demo_con, iid, TAHUN)["status"] == "selesai"
    p = reviu.pernyataan(demo_con, iid, TAHUN)
    assert {k: p[k] for k in ("nomor_surat_tugas", "ruang_lingkup", "kesimpulan", "tanggal")} \
        == {"nomor_surat_tugas": "700/ST-12/2026", "ruang_lingkup": "Reviu atas LKjIP 2025.",
            "kesimpulan": kesimpulan, "tanggal": r["selesai_pada"].date()}
    pengguna_ = {u: demo_con.execute("SELECT nama, nip, pangkat, jabatan FROM pengguna WHERE"
                                     " username = ?", [u]).fetchone()
                 for u in ("auditor1", "auditor2")}
    assert p["tim"] == [
        {"kedudukan": k, **dict(zip(("nama", "nip", "pangkat", "jabatan"), pengguna_[u]))}
        for k, u in (("ketua", "auditor1"), ("anggota", "auditor2"))]
    assert _audit(demo_con, "reviu")[-1] == ("auditor1", "selesai", str(rid))
    # A finished reviu is closed to changes.
    sebelum = sidik(demo_con)
    with pytest.raises(DataTidakValid, match="sudah selesai"):
        reviu.isi_butir(demo_con, o("auditor1"), rid, 1, "tidak", "Ubah", "")
    with pytest.raises(DataTidakValid, match="sudah selesai"):
        reviu.tambah_temuan(demo_con, o("auditor1"), rid, "Baru", None)
    with pytest.raises(DataTidakValid, match="sudah selesai"):
        reviu.selesaikan(demo_con, o("auditor1"), rid, "Lagi")
    assert not beda(sebelum, sidik(demo_con))


def test_dibuka_kembali_lalu_diselesaikan_lagi(demo_con, o):
    iid = _iid(demo_con)
    rid = _tugaskan(demo_con, o)
    _isi_semua(demo_con, o("auditor1"), rid)
    reviu.selesaikan(demo_con, o("auditor1"), rid, "Andal.")
    # What the lead's reopening of a signed year does to the reviu.
    demo_con.execute("UPDATE reviu SET status = 'berjalan', selesai_oleh = NULL,"
                     " selesai_pada = NULL WHERE id = ?", [rid])
    assert reviu.pernyataan(demo_con, iid, TAHUN) is None
    assert reviu.status(demo_con, iid, TAHUN)["status"] == "berjalan"
    reviu.isi_butir(demo_con, o("auditor2"), rid, 1, "tidak", "Angka IK-06 dikoreksi.", "")
    tid = reviu.tambah_temuan(demo_con, o("auditor2"), rid, "IK-06 dikoreksi setelah ttd.",
                              "Jelaskan koreksinya.")
    v = reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Koreksi karena data BPK.", 1)
    reviu.tutup_temuan(demo_con, o("auditor1"), tid, v)
    reviu.selesaikan(demo_con, o("auditor1"), rid, "Andal setelah koreksi.")
    assert reviu.pernyataan(demo_con, iid, TAHUN)["kesimpulan"] == "Andal setelah koreksi."


# --- access ---

def test_kasubag_hanya_reviu_instansinya(demo_con, o, dinkes):
    rid = _tugaskan(demo_con, o, dinkes)
    tid = reviu.tambah_temuan(demo_con, o("auditor1"), rid, "Catatan untuk Dinkes", None)
    for f in (reviu.reviu, reviu.tim, reviu.butir, reviu.temuan):
        with pytest.raises(AksesDitolak):
            f(demo_con, o("kasubag"), rid)
        assert f(demo_con, o("kasubag_dinkes"), rid) is not None
    sebelum = sidik(demo_con)
    with pytest.raises(AksesDitolak):
        reviu.jawab_temuan(demo_con, o("kasubag"), tid, "Bukan urusan saya", 1)
    with pytest.raises(AksesDitolak, match="instansi lain"):   # the APIP's admin neither
        reviu.jawab_temuan(demo_con, o("admin"), tid, "Bukan urusan saya", 1)
    assert not beda(sebelum, sidik(demo_con))
    assert reviu.jawab_temuan(demo_con, o("kasubag_dinkes"), tid, "Sudah.", 1) == 2
    # The APIP's people read it all.
    for p in ("inspektur", "admin", "auditor2"):
        assert reviu.reviu(demo_con, o(p), rid)["instansi"] == \
            "Dinas Kesehatan Kabupaten Wonosobo"


def test_bidang_ditolak_di_semua_fungsi(demo_con, o, dinkes):
    rid = _tugaskan(demo_con, o)
    tid = reviu.tambah_temuan(demo_con, o("auditor1"), rid, "Catatan", None)
    iid = _iid(demo_con)
    irban1 = o("irban1")
    panggilan = [
        lambda: reviu.daftar_laporan(demo_con, irban1, TAHUN),
        lambda: reviu.reviu(demo_con, irban1, rid),
        lambda: reviu.tim(demo_con, irban1, rid),
        lambda: reviu.butir(demo_con, irban1, rid),
        lambda: reviu.temuan(demo_con, irban1, rid),
        lambda: reviu.pembaca(demo_con, irban1, iid),
        lambda: reviu.daftar_pereviu(demo_con, irban1, iid, TAHUN),
        lambda: reviu.atur_daftar_periksa(demo_con, irban1, ["Butir"]),
        lambda: reviu.tugaskan(demo_con, irban1, dinkes, TAHUN, "ST", "RL", "auditor1", []),
        lambda: reviu.isi_butir(demo_con, irban1, rid, 1, "ya", "", ""),
        lambda: reviu.tambah_temuan(demo_con, irban1, rid, "Temuan", None),
        lambda: reviu.jawab_temuan(demo_con, irban1, tid, "Jawab", 1),
        lambda: reviu.tutup_temuan(demo_con, irban1, tid, 1),
        lambda: reviu.kembalikan_temuan(demo_con, irban1, tid, "Catatan", 1),
        lambda: reviu.selesaikan(demo_con, irban1, rid, "Kesimpulan"),
    ]
    publik = {n for n, f in vars(reviu).items() if inspect.isfunction(f) and n[0] != "_"
              and getattr(f, "__module__", "") == reviu.__name__
              and "pelaku" in f.__code__.co_varnames[:f.__code__.co_argcount]}
    assert len(panggilan) == len(publik), sorted(publik)
    sebelum = sidik(demo_con)
    for f in panggilan:
        with pytest.raises(AksesDitolak):
            f()
    assert not beda(sebelum, sidik(demo_con))
