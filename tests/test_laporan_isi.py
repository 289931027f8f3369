"""Bab III's seven points per sasaran from a known data set: each point is present and states
the figures (capaian, trend named, Renstra projection, comparison or its absence, budget and
cost per output, programmes), and the whole report builds from that data alone."""

from __future__ import annotations

import io
import re

import pandas as pd
import pypdf
import pytest

from lkj_core import dasbor
from lkj_core.angka import format_nilai, format_persen, format_rupiah
from lkj_core.capaian import SKALA_BAKU, hitung_capaian, kategori
from lkj_core.laporan import DataLaporan, analisis, buat_laporan
from lkj_core.laporan.bab3 import POIN

TAHUN = 2024
# kode, sasaran, nama, satuan, polaritas, unit_id, target, realisasi, keterangan
INDIKATOR = [
    ("IK-01", "SS1", "Nilai evaluasi SAKIP", "Nilai", "positif", 1, 70.0, 77.0, None),
    ("IK-02", "SS1", "Jumlah temuan berulang", "Temuan", "negatif", 1, 8.0, 10.0, None),
    ("IK-03", "SS2", "Jumlah laporan hasil pengawasan", "Laporan", "positif", 2, 40.0, 50.0,
     None),
    ("IK-04", "SS2", "Indeks integritas", "Indeks", "positif", 2, 75.0, None,
     "belum diverifikasi"),
]
# official series per indicator (tahun -> realisasi), the report's year included
SERI = {"IK-01": {2021: 60.0, 2022: 62.0, 2023: 62.1, 2024: 77.0},
        "IK-02": {2022: 12.0, 2023: 10.0, 2024: 10.0},
        "IK-03": {2024: 50.0}, "IK-04": {2023: 70.0}}
TARGET_AKHIR = {"IK-01": 90.0, "IK-02": 6.0, "IK-03": 45.0, "IK-04": 80.0}
PEMBANDING = [(1, "nasional", "Nasional", 65.0, "LHE SAKIP KemenPANRB 2024")]


def _data() -> DataLaporan:
    rows = []
    for n, (kode, ss, nama, satuan, pol, unit, t, r, ket) in enumerate(INDIKATOR, start=1):
        cap = hitung_capaian(t, r, pol) if r is not None else None
        rows.append({"id": n, "kode": kode, "nama": nama, "satuan": satuan, "polaritas": pol,
                     "unit_id": unit, "unit": f"Unit {unit}", "kode_sasaran": ss,
                     "sasaran": f"Sasaran {ss}", "target": t, "target_atas": None,
                     "realisasi": r, "capaian": cap, "kategori": kategori(cap, SKALA_BAKU),
                     "keterangan": ket, "status": "diverifikasi" if ket is None else "diajukan"})
    ind = pd.DataFrame(rows)
    tren = []
    for i in rows:
        for th, r in SERI[i["kode"]].items():
            tren.append({"kode": i["kode"], "nama": i["nama"], "polaritas": i["polaritas"],
                         "satuan": i["satuan"], "tahun": th, "target": i["target"],
                         "realisasi": r, "capaian": hitung_capaian(i["target"], r,
                                                                   i["polaritas"]),
                         "keterangan": None})
    anggaran = pd.DataFrame([
        {"kode": "5.01", "uraian": "Program A", "unit_id": 1, "unit": "Unit 1",
         "pagu": 1_000_000_000.0, "realisasi": 900_000_000.0, "serapan": 90.0,
         "capaian_unit": 110.0},
        {"kode": "5.02", "uraian": "Program B", "unit_id": 2, "unit": "Unit 2",
         "pagu": 500_000_000.0, "realisasi": 450_000_000.0, "serapan": 90.0,
         "capaian_unit": 125.0}])
    ir = pd.DataFrame([{"id": i["id"], "kode": i["kode"], "nama": i["nama"],
                        "satuan": i["satuan"], "polaritas": i["polaritas"],
                        "sasaran_id": 1 if i["kode_sasaran"] == "SS1" else 2,
                        "target_akhir": TARGET_AKHIR[i["kode"]], "target_akhir_atas": None,
                        "definisi": f"Definisi {i['kode']}", "formula": "realisasi/target",
                        "sumber_data": "Dokumen"} for i in rows])
    pohon = pd.DataFrame([{"tujuan_id": 1, "kode_tujuan": "T1", "tujuan": "Tujuan satu",
                           "sasaran_id": s, "kode_sasaran": f"SS{s}", "sasaran": f"Sasaran SS{s}"}
                          for s in (1, 2)])
    return DataLaporan(
        instansi="Inspektorat Daerah Kabupaten Contoh", pemda="Pemerintah Kabupaten Contoh",
        tahun=TAHUN, indikator=ind, narasi={}, sasaran=dasbor.per_sasaran(ind, SKALA_BAKU),
        tren=pd.DataFrame(tren), anggaran=anggaran,
        ringkasan=dasbor.ringkasan(ind, anggaran, SKALA_BAKU), skala=SKALA_BAKU,
        renstra={"nama": "Renstra", "tahun_awal": 2021, "tahun_akhir": 2026}, pohon=pohon,
        indikator_renstra=ir, langkah_sop=pd.DataFrame(), siklus_dibuka=None,
        ditandatangani=False, tanggal_tandatangan=None, penandatangan={}, naskah={},
        unit=["Sekretariat", "Unit 1", "Unit 2"],
        pembanding=pd.DataFrame([{"id": 1, "indikator_id": i, "kode": "IK-01", "jenis": j,
                                  "wilayah": w, "nilai": v, "sumber": s, "tahun": TAHUN}
                                 for i, j, w, v, s in PEMBANDING]),
        penulis={1: "Budi (bidang1)", 2: "Sari (bidang2)"})


def _sasaran(d, kode):
    s = next(s for s in d.sasaran.itertuples() if s.kode_sasaran == kode)
    return s, d.indikator[d.indikator["kode_sasaran"] == kode]


def _rata(teks: str) -> str:
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " "))


def test_poin_1_states_target_realisasi_capaian_and_polarity():
    d = _data()
    s, ind = _sasaran(d, "SS1")
    teks = _rata(" ".join(analisis.poin_capaian(d, s, ind)))
    cap1 = hitung_capaian(70, 77, "positif")
    assert f"terealisasi nilai 77 dari target nilai 70, atau capaian {_rata(format_persen(cap1))}" \
        in teks
    assert "melampaui target" in teks
    cap2 = hitung_capaian(8, 10, "negatif")                # 75 %: more findings than planned
    assert _rata(format_persen(cap2)) in teks and "berpolaritas negatif" in teks
    assert "realisasi di atas target menurunkan capaiannya" in teks
    assert _rata(format_persen((cap1 + cap2) / 2)) in teks     # the sasaran's mean
    s2, ind2 = _sasaran(d, "SS2")
    teks2 = _rata(" ".join(analisis.poin_capaian(d, s2, ind2)))
    assert "IK-04 Indeks integritas belum dapat diukur karena realisasinya belum diverifikasi" \
        in teks2
    assert "1 indikator belum terukur" in teks2


@pytest.mark.parametrize(("lalu", "kini", "arah"), [
    (62.1, 77.0, "naik"), (10.0, 8.0, "turun"), (10.0, 10.0, "stabil"), (100.0, 100.4, "stabil"),
    (100.0, 100.6, "naik")])
def test_trend_is_named(lalu, kini, arah):
    assert analisis.arah_tren(lalu, kini) == arah


def test_poin_2_names_the_trend_and_its_meaning_by_polarity():
    d = _data()
    s, ind = _sasaran(d, "SS1")
    teks = _rata(" ".join(analisis.poin_tren(d, s, ind)))
    assert "IK-01: realisasi tahun 2024 (nilai 77) naik dibanding tahun 2023 (nilai 62,1), " \
           "artinya kinerja membaik" in teks
    assert "Sepanjang 2021–2024 trennya naik atau membaik (dari nilai 60; 2 kali naik, 0 kali turun)" in teks
    assert "IK-02: realisasi tahun 2024 (10 temuan) stabil dibanding tahun 2023" in teks
    assert "Sepanjang 2022–2024 trennya turun atau membaik (dari 12 temuan" in teks
    s2, ind2 = _sasaran(d, "SS2")
    teks2 = _rata(" ".join(analisis.poin_tren(d, s2, ind2)))
    assert "IK-03: belum ada realisasi resmi tahun-tahun sebelumnya" in teks2
    assert "IK-04: perbandingan antartahun belum dapat dibuat karena realisasinya belum " \
           "diverifikasi" in teks2


def test_poin_3_projects_the_renstra_end_target_at_the_current_pace():
    d = _data()
    s, ind = _sasaran(d, "SS1")
    renstra = {r["kode"]: r for r in d.indikator_renstra.to_dict("records")}
    teks = _rata(" ".join(analisis.poin_renstra(d, s, ind, renstra)))
    laju = (77 - 60) / 3
    proyeksi = 77 + laju * 2
    assert f"laju rata-rata +{format_nilai(laju)} per tahun" in teks
    assert f"proyeksi tahun 2026 sebesar nilai {format_nilai(proyeksi)}" in teks
    assert proyeksi < 90 and "target akhir diperkirakan belum tercapai" in teks
    assert f"perlu +{format_nilai((90 - 77) / 2)} per tahun selama 2 tahun tersisa" in teks
    # negative polarity: 12 -> 10 findings over two years, end target 6 by 2026
    assert "IK-02: realisasi 2024 10 temuan terhadap target akhir Renstra 2026 6 temuan" in teks
    s2, ind2 = _sasaran(d, "SS2")
    teks2 = _rata(" ".join(analisis.poin_renstra(d, s2, ind2, renstra)))
    assert "IK-03: realisasi 2024 50 laporan" in teks2 and "target akhir telah tercapai" in teks2


def test_poin_4_compares_or_says_plainly_none_exists():
    d = _data()
    s, ind = _sasaran(d, "SS1")
    kal, baris = analisis.poin_pembanding(d, s, ind)
    teks = _rata(" ".join(kal))
    assert "IK-01: realisasi 2024 nilai 77 lebih baik daripada Nasional (nilai 65)" in teks
    assert "Tidak tersedia angka pembanding nasional, provinsi maupun daerah lain untuk " \
           "indikator IK-02" in teks
    assert baris == [["IK-01", "Nasional", "nilai 65", "LHE SAKIP KemenPANRB 2024",
                      "lebih baik"]]
    s2, ind2 = _sasaran(d, "SS2")
    kal2, baris2 = analisis.poin_pembanding(d, s2, ind2)
    assert baris2 == [] and "untuk indikator-indikator sasaran SS2" in " ".join(kal2)


def test_poin_6_budget_serapan_and_cost_per_countable_output():
    d = _data()
    s2, ind2 = _sasaran(d, "SS2")
    teks = _rata(" ".join(analisis.poin_efisiensi(d, s2, ind2)))
    assert f"pagu {_rata(format_rupiah(500_000_000))}" in teks
    assert "serapan 90,00 %" in teks
    biaya = 450_000_000 / 50
    assert f"Biaya per keluaran IK-03: {_rata(format_rupiah(biaya))} per laporan" in teks
    s, ind = _sasaran(d, "SS1")
    teks1 = _rata(" ".join(analisis.poin_efisiensi(d, s, ind)))
    assert "Biaya per keluaran" not in teks1       # a score and a negative count
    assert "rasio capaian terhadap serapan" in teks1


def test_poin_7_names_each_programme_and_its_role():
    d = _data()
    s, ind = _sasaran(d, "SS1")
    teks = _rata(" ".join(analisis.poin_program(d, s, ind)))
    assert "5.01 Program A — Unit 1: menunjang keberhasilan (capaian kinerja unit 110,00 %)" \
        in teks
    assert "5.02" not in teks


def _halaman(pdf: bytes) -> list[str]:
    return [_rata(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_report_from_the_known_data_has_all_seven_points_per_sasaran():
    d = _data()
    teks = " ".join(_halaman(buat_laporan(d)))
    for kode in ("SS1", "SS2"):
        awal = teks.index(f"Sasaran Strategis {kode}: Sasaran {kode}", teks.index("BAB III"))
        bagian = teks[awal:]
        posisi = [bagian.index(f"{no}. {POIN[no][0]}") for no in POIN]
        assert posisi == sorted(posisi), kode
    # the missing narratives say who must write them (a draft)
    assert "Belum ditulis. Wajib diisi oleh Unit 1 (Budi (bidang1))" in teks
    for kata in (" nan ", " NaN", "None", "n/a", "DRAFT"):
        assert kata not in f" {teks} ", kata


# --- every year of the demo ---

DILARANG = re.compile(r"\b(nan|NaN|None|n/a|DRAFT|Page)\b")


def _judul(pdf) -> set[str]:
    """Every heading of the document: bookmarks and the seven point headings."""
    judul = {s.name for s in pdf._outline}
    return judul | {f"{no}. {POIN[no][0]}" for no in POIN}


def _baris_terakhir(halaman: str) -> str:
    baris = [b.strip() for b in halaman.splitlines() if b.strip()]
    baris = [b for b in baris if not b.startswith("Halaman ")]
    return baris[-1] if baris else ""


@pytest.fixture(scope="module")
def laporan_demo(_templat_demo, tmp_path_factory):
    """Each demo year's report as laid out now, with its text per page (pdftotext)."""
    import subprocess

    from conftest import salinan_demo

    from lkj_core import demo as demo_mod
    from lkj_core.db import buka
    from lkj_core.laporan import kumpulkan_data
    from lkj_core.laporan.lkjip import susun_laporan
    from lkj_core.peran import Pelaku

    con = buka(salinan_demo(_templat_demo, tmp_path_factory, "isi"))
    iid = con.execute("SELECT id FROM instansi ORDER BY id LIMIT 1").fetchone()[0]
    hasil = {}
    for tahun in demo_mod.TAHUN:
        pdf = susun_laporan(kumpulkan_data(con, Pelaku("uji", "admin", iid), tahun))
        isi = bytes(pdf.output())
        teks = subprocess.run(["pdftotext", "-", "-"], input=isi, capture_output=True,
                              check=True).stdout.decode()
        hasil[tahun] = (pdf, teks.split("\f"))
    con.close()
    return hasil


def test_no_forbidden_tokens_in_any_demo_year(laporan_demo):
    for tahun, (_, halaman) in laporan_demo.items():
        for n, teks in enumerate(halaman, start=1):
            assert not DILARANG.search(teks), (tahun, n, DILARANG.search(teks).group(0))


def test_no_heading_ends_a_page_in_any_demo_year(laporan_demo):
    for tahun, (pdf, halaman) in laporan_demo.items():
        assert pdf.judul_yatim == [], tahun
        judul = _judul(pdf)
        for n, teks in enumerate(halaman[:-1], start=1):
            akhir = _baris_terakhir(teks)
            assert not any(j.startswith(akhir) for j in judul if len(akhir) > 3), \
                (tahun, n, akhir)


def test_every_sasaran_has_the_seven_points_with_its_figures(laporan_demo):
    for tahun, (pdf, halaman) in laporan_demo.items():
        teks = _rata(" ".join(halaman))
        bab3 = teks[teks.index("BAB III AKUNTABILITAS KINERJA", teks.index("DAFTAR ISI") + 500):]
        for s in pdf.d.sasaran.itertuples():
            awal = bab3.index(f"Sasaran Strategis {s.kode_sasaran}:")
            bagian = bab3[awal:]
            posisi = [bagian.index(f"{no}. {POIN[no][0]}") for no in POIN]
            assert posisi == sorted(posisi), (tahun, s.kode_sasaran)
            ind = pdf.d.indikator[pdf.d.indikator["kode_sasaran"] == s.kode_sasaran]
            for i in ind.itertuples():
                if pd.notna(i.capaian):
                    assert f"capaian {_rata(format_persen(float(i.capaian)))}" in bagian, \
                        (tahun, i.kode)


def test_two_years_differ_where_their_figures_differ(laporan_demo):
    a, b = (_rata(" ".join(laporan_demo[t][1])) for t in (2023, 2024))
    pa, pb = laporan_demo[2023][0].d.indikator, laporan_demo[2024][0].d.indikator
    for (ia, ib) in zip(pa.itertuples(), pb.itertuples()):
        if pd.notna(ia.capaian) and pd.notna(ib.capaian) and ia.realisasi != ib.realisasi:
            assert f"capaian {_rata(format_persen(float(ia.capaian)))}" in a
            assert f"capaian {_rata(format_persen(float(ib.capaian)))}" in b
    assert a.count("Tabel ") != 0 and a != b


def test_a_typing_slip_far_outside_the_target_still_builds_the_report():
    # an index of 75 typed as a six-digit number: capaian 400.000 %
    d = _data()
    ind = d.indikator
    baris = ind["kode"] == "IK-04"
    ind.loc[baris, ["realisasi", "keterangan", "status"]] = [300_000.0, None, "diverifikasi"]
    ind.loc[baris, "capaian"] = hitung_capaian(75.0, 300_000.0, "positif")
    ind.loc[baris, "kategori"] = "Sangat Tinggi"
    d.tren.loc[d.tren["kode"] == "IK-04", ["realisasi", "capaian"]] = [
        300_000.0, hitung_capaian(75.0, 300_000.0, "positif")]
    d.tren = pd.concat([d.tren, d.tren[d.tren["kode"] == "IK-04"].assign(tahun=TAHUN)])
    d.sasaran = dasbor.per_sasaran(ind, SKALA_BAKU)
    d.ringkasan = dasbor.ringkasan(ind, d.anggaran, SKALA_BAKU)
    from lkj_core.laporan.lkjip import susun_laporan

    pdf = susun_laporan(d)
    teks = _rata(" ".join(_halaman(bytes(pdf.output()))))
    assert "capaian 400.000,00 %" in teks            # the table and text keep the real figure
    assert "Tren capaian indikator sasaran SS2" in teks   # and the chart is drawn, clipped
    svg = pdf.png["tren:SS2"].data.decode()
    assert "&gt; 200 %" in svg or "> 200 %" in svg


LAPISAN = {"data": 0, "dokumen": 1, "teks": 2, "analisis": 2, "bagan": 2, "bab3": 3,
           "lampiran": 4, "lkjip": 5, "surat": 5}


def test_report_package_imports_follow_its_layers():
    import ast
    from pathlib import Path

    import lkj_core.laporan as paket

    folder = Path(paket.__file__).parent
    assert {f.stem for f in folder.glob("*.py")} - {"__init__"} == set(LAPISAN)
    for modul, lapis in LAPISAN.items():
        pohon = ast.parse((folder / f"{modul}.py").read_text(encoding="utf-8"))
        for n in ast.walk(pohon):
            nama = []
            if isinstance(n, ast.ImportFrom) and n.module:
                nama = [n.module] + [f"{n.module}.{a.name}" for a in n.names]
            elif isinstance(n, ast.Import):
                nama = [a.name for a in n.names]
            for x in nama:
                if x.startswith("lkj_core.laporan."):
                    dipakai = x.split(".")[2]
                    if dipakai in LAPISAN:
                        assert LAPISAN[dipakai] < lapis, (modul, dipakai)
                assert not x.startswith(("streamlit", "lkj_app")), (modul, x)
