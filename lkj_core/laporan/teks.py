"""Generated texts: what the report says where a person left a text empty.
"""

from __future__ import annotations

import pandas as pd

from lkj_core import (
    resmi,
)
from lkj_core.angka import format_persen, format_rupiah
from lkj_core.laporan.data import (
    DataLaporan,
    _jabatan,
    _kepala_daerah,
    _nilai,
    judul_laporan,
)

# --- generated texts (used where the user left a text empty) ---

def _label_ind(r) -> str:
    return f"{r.kode} {r.nama}"


def _teks_kata_pengantar(d: DataLaporan) -> str:
    return (
        f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya "
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {d.tahun} {d.instansi} dapat "
        "diselesaikan.\n\n"
        f"LKjIP ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
        f"{d.instansi} sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        f"Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun "
        f"2014. Laporan ini menyajikan capaian kinerja atas sasaran strategis yang ditetapkan "
        f"dalam Perjanjian Kinerja Tahun {d.tahun}, analisis atas capaian tersebut, serta "
        f"realisasi anggaran yang mendukungnya.\n\n"
        f"Kami menyadari laporan ini masih memiliki kekurangan. Kritik dan saran yang membangun "
        f"kami harapkan untuk perbaikan kinerja dan pelaporan pada tahun-tahun berikutnya.")


def _teks_ikhtisar(d: DataLaporan) -> str:
    ind, r = d.indikator, d.ringkasan
    ada = ind.dropna(subset=["capaian"])
    bagian = [
        f"{judul_laporan(d.tahun)} {d.instansi} menyajikan capaian kinerja atas "
        f"{len(d.sasaran)} sasaran strategis yang diukur dengan {r['jumlah']} indikator "
        f"kinerja sebagaimana ditetapkan dalam Perjanjian Kinerja Tahun {d.tahun}."]
    if len(ada):
        kat = "; ".join(f"{label}: {n} indikator" for label, n in r["per_kategori"].items())
        kal = (f"Dari {r['jumlah']} indikator, {r['dengan_data']} telah memiliki data capaian "
               f"dengan rata-rata capaian {format_persen(r['rata_capaian'])}. Sebaran menurut "
               f"kategori capaian — {kat}.")
        if r["dengan_data"] < r["jumlah"]:
            kal += (f" Sebanyak {r['jumlah'] - r['dengan_data']} indikator belum dapat diukur "
                    "(realisasinya belum diverifikasi, belum ada data, atau targetnya belum "
                    "ada).")
        bagian.append(kal)
        baik = ada.loc[ada["capaian"].astype(float).idxmax()]
        buruk = ada.loc[ada["capaian"].astype(float).idxmin()]
        kal = (f"Capaian tertinggi diraih indikator {_label_ind(baik)} sebesar "
               f"{format_persen(_nilai(baik.capaian))} ({baik.kategori})")
        if baik.id != buruk.id:
            kal += (f", sedangkan capaian terendah pada indikator {_label_ind(buruk)} sebesar "
                    f"{format_persen(_nilai(buruk.capaian))} ({buruk.kategori})")
        bagian.append(kal + ".")
    else:
        bagian.append(f"Belum ada indikator dengan data capaian tahun {d.tahun}.")
    if len(d.sasaran):
        bagian.append("Rata-rata capaian per sasaran strategis: " + "; ".join(
            (f"{s.kode_sasaran} {format_persen(_nilai(s.capaian))} ({s.kategori})"
             if _nilai(s.capaian) is not None else f"{s.kode_sasaran} belum terukur")
            for s in d.sasaran.itertuples()) + ".")
    bagian.append(_kalimat_anggaran(d))
    belum = resmi.hitung_belum(ind)
    catatan = [f"{n} dari {len(ind)} indikator {ket}"
               for ket, n in belum.items() if n]
    if catatan:
        bagian.append("Catatan: " + "; ".join(catatan) + ". Angka realisasi indikator "
                      "tersebut tidak disajikan dalam laporan ini sampai diverifikasi.")
    return "\n\n".join(bagian)


def _kalimat_anggaran(d: DataLaporan) -> str:
    a = d.anggaran
    if a.empty:
        return f"Belum ada data anggaran Perjanjian Kinerja tahun {d.tahun}."
    pagu = float(a["pagu"].sum())
    real = a["realisasi"].sum(min_count=1)
    if pd.isna(real):
        return (f"Pagu anggaran tahun {d.tahun} sebesar {format_rupiah(pagu)} pada {len(a)} "
                "program/kegiatan; realisasinya belum dicatat.")
    return (f"Realisasi anggaran tahun {d.tahun} sebesar {format_rupiah(float(real))} dari pagu "
            f"{format_rupiah(pagu)} pada {len(a)} program/kegiatan, atau serapan "
            f"{format_persen(d.ringkasan['serapan'])}.")


def _teks_tugas_fungsi(d: DataLaporan) -> str:
    p = d.profil or {}
    fungsi = [f.strip().rstrip(";.") for f in p.get("fungsi") or [] if f and f.strip()]
    if (p.get("tugas") or "").strip():
        dasar = (p.get("dasar_hukum") or "").strip()
        teks = (f"Berdasarkan {dasar}, " if dasar else "") + \
            f"{d.instansi} mempunyai tugas {p['tugas'].strip().rstrip('.')}."
        if fungsi:
            huruf = "abcdefghijklmnopqrstuvwxyz"
            teks += (f"\n\nDalam melaksanakan tugas tersebut, {d.instansi} menyelenggarakan "
                     "fungsi:\n" + "\n".join(
                         f"{huruf[k % 26]}. {f}{'.' if k == len(fungsi) - 1 else ';'}"
                         for k, f in enumerate(fungsi)))
        return teks
    return _tugas_fungsi_baku(d)


def _tugas_fungsi_baku(d: DataLaporan) -> str:
    if "inspektorat" not in d.instansi.lower():
        return (f"Tugas dan fungsi {d.instansi} ditetapkan dalam peraturan kepala daerah tentang "
                "kedudukan, susunan organisasi, tugas dan fungsi, serta tata kerja perangkat "
                "daerah.")
    return (
        f"Berdasarkan Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah "
        f"sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 72 Tahun 2019, "
        f"{d.instansi} mempunyai tugas membantu {_kepala_daerah(d.pemda)} membina dan mengawasi "
        f"pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah dan tugas pembantuan "
        f"oleh perangkat daerah.\n\n"
        f"Dalam melaksanakan tugas tersebut, {d.instansi} menyelenggarakan fungsi:\n"
        "a. perumusan kebijakan teknis di bidang pengawasan dan fasilitasi pengawasan;\n"
        "b. pelaksanaan pengawasan internal terhadap kinerja dan keuangan melalui audit, reviu, "
        "evaluasi, pemantauan, dan kegiatan pengawasan lainnya;\n"
        "c. pelaksanaan pengawasan untuk tujuan tertentu atas penugasan kepala daerah;\n"
        "d. penyusunan laporan hasil pengawasan;\n"
        "e. pelaksanaan administrasi inspektorat; dan\n"
        "f. pelaksanaan fungsi lain yang diberikan oleh kepala daerah terkait dengan tugas dan "
        "fungsinya.")


def _teks_struktur(d: DataLaporan) -> str:
    pimpinan = _jabatan(d.instansi).split()[0]
    if not d.unit:
        return f"{d.instansi} dipimpin oleh seorang {pimpinan}."
    bagian = [pimpinan, *d.unit, "Kelompok Jabatan Fungsional"]
    return f"Susunan organisasi {d.instansi} terdiri atas:\n" + "\n".join(
        f"{i}. {b}{'.' if i == len(bagian) else ';'}" for i, b in enumerate(bagian, start=1))


def _teks_sumber_daya(d: DataLaporan) -> str:
    bagian = []
    k = d.komposisi
    if not k.empty:
        jab = k[k["dimensi"] == k["dimensi"].iloc[0]]
        total = int(jab["jumlah"].sum())
        rinci = [f"{r.kategori} {int(r.jumlah)} orang" for r in
                 k[k["dimensi"] == "jabatan"].sort_values("jumlah", ascending=False).itertuples()]
        kal = (f"Pada tahun {d.tahun}, {d.instansi} didukung {total} pegawai"
               + (f": {'; '.join(rinci)}" if rinci else "") + ".")
        bagian.append(kal + " Komposisi menurut jabatan, golongan dan pendidikan disajikan "
                      "pada tabel berikut.")
    if not d.anggaran.empty:
        bagian.append(f"Dalam melaksanakan tugas dan fungsinya pada tahun {d.tahun}, "
                      f"{d.instansi} didukung anggaran pada {len(d.anggaran)} program/kegiatan "
                      f"dengan pagu {format_rupiah(float(d.anggaran['pagu'].sum()))}; rinciannya "
                      "disajikan pada Bab III bagian B.")
    else:
        bagian.append(_kalimat_anggaran(d))
    return "\n\n".join(bagian)


def _di_bawah_target(d: DataLaporan) -> pd.DataFrame:
    ada = d.indikator.dropna(subset=["capaian"])
    return ada[ada["capaian"].astype(float) < 100]


def _teks_isu(d: DataLaporan) -> str:
    kurang = _di_bawah_target(d)
    if kurang.empty:
        return (f"Seluruh indikator yang terukur pada tahun {d.tahun} mencapai target. Isu "
                f"strategis ke depan adalah mempertahankan capaian tersebut dan memenuhi target "
                f"akhir Renstra tahun {d.renstra['tahun_akhir']}.")
    baris = "\n".join(f"• {_label_ind(r)} (capaian {format_persen(_nilai(r.capaian))})"
                      for r in kurang.itertuples())
    kendala = [n["kendala"] for n in d.narasi.values() if (n.get("kendala") or "").strip()]
    teks = ("Isu strategis yang dihadapi berangkat dari indikator yang capaiannya belum "
            f"memenuhi target tahun {d.tahun}:\n{baris}")
    if kendala:
        teks += "\n\nKendala yang dilaporkan bidang:\n" + "\n".join(f"• {k}" for k in kendala)
    return teks


def _teks_penutup(d: DataLaporan) -> str:
    return (f"{judul_laporan(d.tahun)} {d.instansi} merupakan wujud pertanggungjawaban atas "
            f"pelaksanaan Perjanjian Kinerja Tahun {d.tahun}. Capaian yang belum optimal menjadi "
            "bahan perbaikan perencanaan, pelaksanaan program dan pengendalian kinerja pada tahun "
            "berikutnya.")


def _poin_penutup(d: DataLaporan) -> list[str]:
    r = d.ringkasan
    ada = d.indikator.dropna(subset=["capaian"])
    kurang = _di_bawah_target(d)
    poin = []
    if len(ada):
        poin.append(f"Rata-rata capaian kinerja tahun {d.tahun} sebesar "
                    f"{format_persen(r['rata_capaian'])} atas {r['dengan_data']} dari "
                    f"{r['jumlah']} indikator yang terukur.")
        poin.append(f"{len(ada) - len(kurang)} indikator mencapai atau melampaui target "
                    "(capaian ≥ 100 %).")
    if len(kurang):
        poin.append("Indikator yang belum mencapai target: " + "; ".join(
            f"{_label_ind(x)} ({format_persen(_nilai(x.capaian))})" for x in kurang.itertuples())
            + ".")
    poin.append(_kalimat_anggaran(d))
    rencana = [(n.get("tindak_lanjut") or "").strip() for n in d.narasi.values()]
    rencana = [t for t in rencana if t] or [
        (d.narasi.get(int(x.id), {}).get("solusi") or "").strip() for x in kurang.itertuples()]
    rencana = [t for t in rencana if t]
    if rencana:
        poin.append("Langkah ke depan: " + " ".join(t if t.endswith(".") else t + "."
                                                    for t in rencana))
    return poin


_BAWAAN = {
    "kata_pengantar": _teks_kata_pengantar, "ikhtisar": _teks_ikhtisar,
    "tugas_fungsi": _teks_tugas_fungsi, "struktur_organisasi": _teks_struktur,
    "sumber_daya": _teks_sumber_daya, "isu_strategis": _teks_isu, "penutup": _teks_penutup,
}


def _naskah(d: DataLaporan, kunci: str) -> str:
    teks = (d.naskah.get(kunci) or "").strip()
    return teks or _BAWAAN[kunci](d)




def usulan(d: DataLaporan) -> dict[str, str]:
    """The generated text of every editable part: what the report prints where the Kasubag
    leaves a part empty, offered on Naskah Laporan as a proposal to edit."""
    return {kunci: fungsi(d) for kunci, fungsi in _BAWAAN.items()}
