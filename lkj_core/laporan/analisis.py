"""Bab III A per sasaran strategis: the seven points of PermenPANRB 53/2014, each opened by
generated sentences that state the figures and what they mean.

Every function takes the gathered `DataLaporan` and one sasaran's indicators and returns
paragraphs (plain strings); the layout (lkjip.py) prints them, then what people wrote.
Only official (verified) figures are used: an indicator without one is named as such.
"""

from __future__ import annotations

import math

import pandas as pd

from lkj_core.angka import format_nilai, format_persen, format_rupiah
from lkj_core.capaian import hitung_capaian
from lkj_core.laporan.data import DataLaporan, _nilai
from lkj_core.perencanaan import format_target

# Relative change below which two years' values are called "stabil".
AMBANG_STABIL = 0.005
# Units written before the number ("level 3", "indeks 73,6"); others after ("7 temuan").
_SATUAN_DEPAN = {"level", "indeks", "nilai", "skor", "predikat", "tingkat"}
# Units whose output can be counted, so a cost per unit of output means something.
SATUAN_TERHITUNG = {"dokumen", "laporan", "kegiatan", "orang", "opd", "perangkat daerah",
                    "objek", "obrik", "paket", "unit", "kali", "rekomendasi", "desa",
                    "sekolah", "peserta", "penugasan", "lhp", "kasus"}


def dengan_satuan(x: float | None, satuan: str) -> str:
    """'85,37 %', 'level 3', '7 temuan'."""
    if x is None:
        return "—"
    s = (satuan or "").strip()
    if s == "%":
        return f"{format_nilai(x)}\u00a0%"
    kecil = s.lower() if s[:1].isupper() and s[1:] == s[1:].lower() else s
    if kecil.lower() in _SATUAN_DEPAN:
        return f"{kecil.lower()} {format_nilai(x)}"
    return f"{format_nilai(x)} {kecil}".strip()


def _target_teks(i) -> str:
    t = format_target(_nilai(i.target), _nilai(getattr(i, "target_atas", None)), i.polaritas)
    if i.polaritas == "rentang" and "–" in t:
        return f"rentang {t}" + ("" if i.satuan in ("", None) else f" {i.satuan}".replace(
            " %", "\u00a0%"))
    return dengan_satuan(_nilai(i.target), i.satuan)


def keterangan(i) -> str | None:
    """The row's official-data reason ('belum diverifikasi' / 'belum ada data'), or None."""
    ket = getattr(i, "keterangan", None)
    return ket if isinstance(ket, str) and ket.strip() else None


def _tanpa_angka(i) -> str:
    """Why an indicator has no official figure this year."""
    ket = keterangan(i)
    if _nilai(i.target) is None:
        return "targetnya belum ditetapkan"
    if ket == "belum diverifikasi":
        return "realisasinya belum diverifikasi"
    return "realisasinya belum ada"


def _label(i) -> str:
    return f"{i.kode} {i.nama}"


def _daftar(items: list[str]) -> str:
    items = [x for x in items if x]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


# --- 1) target vs realisasi ---

def poin_capaian(d: DataLaporan, s, ind: pd.DataFrame) -> list[str]:
    """Point 1: each indicator's target, realisasi and capaian this year, and the sasaran's."""
    kalimat = []
    for i in ind.itertuples():
        r, c = _nilai(i.realisasi), _nilai(i.capaian)
        if r is None or c is None:
            kalimat.append(f"Indikator {_label(i)} belum dapat diukur karena "
                           f"{_tanpa_angka(i)}.")
            continue
        arah = ""
        if i.polaritas == "negatif":
            arah = (" Indikator ini berpolaritas negatif (makin kecil makin baik), sehingga "
                    + ("realisasi di bawah target berarti capaian di atas 100 %."
                       if r < _nilai(i.target) else
                       "realisasi di atas target menurunkan capaiannya."
                       if r > _nilai(i.target) else "realisasi sama dengan target."))
        elif i.polaritas == "rentang":
            arah = (" Realisasi berada di dalam rentang target." if c >= 100 else
                    " Realisasi berada di luar rentang target.")
        hasil = ("melampaui target" if c > 100.005 else "tepat mencapai target" if c >= 99.995
                 else "belum mencapai target")
        kalimat.append(
            f"Indikator {_label(i)} terealisasi {dengan_satuan(r, i.satuan)} dari target "
            f"{_target_teks(i)}, atau capaian {format_persen(c)} (kategori {i.kategori}): "
            f"{hasil}.{arah}")
    terukur = ind.dropna(subset=["capaian"])
    if len(terukur):
        capai = int((terukur["capaian"].astype(float) >= 99.995).sum())
        ringkas = (f"Secara keseluruhan, rata-rata capaian sasaran {s.kode_sasaran} tahun "
                   f"{d.tahun} sebesar {format_persen(_nilai(s.capaian))} (kategori "
                   f"{s.kategori}); {capai} dari {len(terukur)} indikator terukur mencapai atau "
                   "melampaui target")
        if len(terukur) < len(ind):
            ringkas += (f", sedangkan {len(ind) - len(terukur)} indikator belum terukur dan "
                        "tidak dihitung dalam rata-rata")
        kalimat.append(ringkas + ".")
    else:
        kalimat.append(f"Belum ada indikator sasaran {s.kode_sasaran} yang terukur pada tahun "
                       f"{d.tahun}; capaian sasaran belum dapat disimpulkan.")
    return kalimat


# --- 2) against previous years ---

def arah_tren(nilai_lalu: float, nilai_kini: float) -> str:
    """'naik', 'turun' or 'stabil' (relative change under AMBANG_STABIL)."""
    dasar = abs(nilai_lalu) or 1.0
    ubah = (nilai_kini - nilai_lalu) / dasar
    if abs(ubah) < AMBANG_STABIL:
        return "stabil"
    return "naik" if ubah > 0 else "turun"


def _makna(arah: str, polaritas: str) -> str:
    if arah == "stabil":
        return "tidak berubah berarti"
    baik = (arah == "naik") != (polaritas == "negatif")
    return "membaik" if baik else "memburuk"


def seri_realisasi(d: DataLaporan, kode: str) -> list[tuple[int, float, float | None]]:
    """(tahun, realisasi, capaian) of the official figures up to the report's year."""
    t = d.tren[(d.tren["kode"] == kode) & (d.tren["tahun"] <= d.tahun)].sort_values("tahun")
    return [(int(r.tahun), float(r.realisasi), _nilai(r.capaian)) for r in t.itertuples()
            if _nilai(r.realisasi) is not None]


def poin_tren(d: DataLaporan, s, ind: pd.DataFrame) -> list[str]:
    """Point 2: this year against the previous year and the whole series, trend named."""
    kalimat = []
    for i in ind.itertuples():
        seri = seri_realisasi(d, i.kode)
        kini = next((x for x in seri if x[0] == d.tahun), None)
        lalu = [x for x in seri if x[0] < d.tahun]
        if kini is None:
            kalimat.append(f"{i.kode}: perbandingan antartahun belum dapat dibuat karena "
                           f"{_tanpa_angka(i)} pada tahun {d.tahun}.")
            continue
        if not lalu:
            kalimat.append(f"{i.kode}: belum ada realisasi resmi tahun-tahun sebelumnya "
                           "sebagai pembanding.")
            continue
        th0, r0, c0 = lalu[-1]
        arah = arah_tren(r0, kini[1])
        teks = (f"{i.kode}: realisasi tahun {d.tahun} ({dengan_satuan(kini[1], i.satuan)}) "
                f"{arah} dibanding tahun {th0} ({dengan_satuan(r0, i.satuan)})")
        if arah != "stabil":
            teks += f", artinya kinerja {_makna(arah, i.polaritas)}"
        if c0 is not None and kini[2] is not None:
            teks += (f"; capaian tetap {format_persen(c0)}"
                     if format_persen(c0) == format_persen(kini[2]) else
                     f"; capaian bergerak dari {format_persen(c0)} menjadi "
                     f"{format_persen(kini[2])}")
        if len(seri) >= 3:
            awal = seri[0]
            arah_p = arah_tren(awal[1], kini[1])
            naik = sum(1 for a, b in zip(seri, seri[1:]) if arah_tren(a[1], b[1]) == "naik")
            turun = sum(1 for a, b in zip(seri, seri[1:]) if arah_tren(a[1], b[1]) == "turun")
            makna = "" if arah_p == "stabil" else f" atau {_makna(arah_p, i.polaritas)}"
            teks += (f". Sepanjang {awal[0]}–{d.tahun} trennya {arah_p}{makna} (dari "
                     f"{dengan_satuan(awal[1], i.satuan)}; {naik} kali naik, {turun} kali "
                     "turun)")
        kalimat.append(teks + ".")
    return kalimat


# --- 3) against the Renstra end target ---

def proyeksi_akhir(seri: list[tuple[int, float, float | None]], tahun_akhir: int
                   ) -> tuple[float, float] | None:
    """(mean change per year, projected value in `tahun_akhir`) from the series' pace."""
    if len(seri) < 2:
        return None
    (t0, r0, _), (t1, r1, _) = seri[0], seri[-1]
    if t1 == t0:
        return None
    laju = (r1 - r0) / (t1 - t0)
    return laju, r1 + laju * (tahun_akhir - t1)


def _memenuhi(nilai: float, target: float, atas: float | None, polaritas: str) -> bool:
    if polaritas == "negatif":
        return nilai <= target
    if polaritas == "rentang" and atas is not None:
        return target <= nilai <= atas
    return nilai >= target


def poin_renstra(d: DataLaporan, s, ind: pd.DataFrame, renstra_ind: dict) -> list[str]:
    """Point 3: progress against the Renstra end target and whether the current pace
    reaches it."""
    akhir = d.renstra["tahun_akhir"]
    kalimat = []
    for i in ind.itertuples():
        a = renstra_ind.get(i.kode, {})
        ta, taa = _nilai(a.get("target_akhir")), _nilai(a.get("target_akhir_atas"))
        if ta is None:
            kalimat.append(f"{i.kode}: Renstra tidak menetapkan target akhir tahun {akhir}.")
            continue
        target_akhir = (f"rentang {format_target(ta, taa, 'rentang')}" if
                        i.polaritas == "rentang" and taa is not None else
                        dengan_satuan(ta, i.satuan))
        r = _nilai(i.realisasi)
        if r is None:
            kalimat.append(f"{i.kode}: target akhir Renstra {akhir} {target_akhir}; kemajuan "
                           f"tahun {d.tahun} belum dapat dinilai karena {_tanpa_angka(i)}.")
            continue
        try:
            cap = hitung_capaian(ta, r, i.polaritas, taa if i.polaritas == "rentang" else None)
        except ValueError:
            cap = None
        teks = (f"{i.kode}: realisasi {d.tahun} {dengan_satuan(r, i.satuan)} terhadap target "
                f"akhir Renstra {akhir} {target_akhir}")
        if cap is not None:
            teks += f" atau {format_persen(cap)} dari target akhir"
        if _memenuhi(r, ta, taa, i.polaritas):
            kalimat.append(teks + "; target akhir telah tercapai.")
            continue
        sisa = akhir - d.tahun
        proy = proyeksi_akhir(seri_realisasi(d, i.kode), akhir)
        if sisa <= 0:
            kalimat.append(teks + "; periode Renstra berakhir dan target akhir tidak tercapai.")
        elif proy is None:
            kalimat.append(teks + "; laju tahunan belum dapat dihitung (baru satu tahun data).")
        else:
            laju, nilai_akhir = proy
            perlu = (ta - r) / sisa
            tanda = "+" if laju >= 0 else "−"
            teks += (f". Dengan laju rata-rata {tanda}{format_nilai(abs(laju))} per tahun, "
                     f"proyeksi tahun {akhir} sebesar {dengan_satuan(nilai_akhir, i.satuan)}: ")
            if _memenuhi(nilai_akhir, ta, taa, i.polaritas):
                teks += "target akhir diperkirakan tercapai pada laju saat ini."
            else:
                teks += ("target akhir diperkirakan belum tercapai pada laju saat ini (perlu "
                         f"{'+' if perlu >= 0 else '−'}{format_nilai(abs(perlu))} per tahun "
                         f"selama {sisa} tahun tersisa).")
            kalimat.append(teks)
    return kalimat


# --- 4) against national/provincial figures or peer regions ---

def poin_pembanding(d: DataLaporan, s, ind: pd.DataFrame) -> tuple[list[str], list[list]]:
    """Point 4: sentences and table rows [kode, pembanding, nilai, sumber, keterangan];
    says plainly which indicators have no comparison figure."""
    pb = d.pembanding
    kalimat, baris, tanpa = [], [], []
    for i in ind.itertuples():
        rows = pb[pb["indikator_id"] == i.id] if not pb.empty else pb
        r = _nilai(i.realisasi)
        if rows.empty:
            tanpa.append(i.kode)
            continue
        bagian = []
        for p in rows.itertuples():
            nilai = float(p.nilai)
            if r is None:
                ket = "realisasi belum resmi"
            elif math.isclose(r, nilai, rel_tol=1e-9):
                ket = "sama"
            else:
                baik = (r > nilai) != (i.polaritas == "negatif")
                ket = "lebih baik" if baik else "lebih rendah"
            baris.append([i.kode, p.wilayah, dengan_satuan(nilai, i.satuan), p.sumber, ket])
            if r is not None:
                bagian.append(f"{ket} daripada {p.wilayah} ({dengan_satuan(nilai, i.satuan)})"
                              if ket != "sama" else f"sama dengan {p.wilayah}")
        if bagian:
            kalimat.append(f"{i.kode}: realisasi {d.tahun} {dengan_satuan(r, i.satuan)} "
                           + _daftar(bagian) + ".")
        else:
            kalimat.append(f"{i.kode}: angka pembanding tersedia, tetapi {_tanpa_angka(i)} "
                           "sehingga belum dapat dibandingkan.")
    if tanpa:
        kalimat.append(("Tidak tersedia angka pembanding nasional, provinsi maupun daerah lain "
                        f"untuk indikator {_daftar(tanpa)}; perbandingan tidak dapat dibuat."
                        ) if len(tanpa) < len(ind) else
                       ("Tidak tersedia angka pembanding nasional, provinsi maupun daerah lain "
                        f"untuk indikator-indikator sasaran {s.kode_sasaran}; perbandingan "
                        "tidak dapat dibuat."))
    return kalimat, baris


# --- 5) causes ---

def poin_penyebab(d: DataLaporan, s, ind: pd.DataFrame) -> list[str]:
    """Point 5: which indicators succeeded or fell short, before the written analyses."""
    terukur = ind.dropna(subset=["capaian"])
    berhasil = [i.kode for i in terukur.itertuples() if float(i.capaian) >= 99.995]
    gagal = [f"{i.kode} ({format_persen(float(i.capaian))})" for i in terukur.itertuples()
             if float(i.capaian) < 99.995]
    kal = []
    if berhasil:
        kal.append(f"Indikator yang mencapai target: {_daftar(berhasil)}.")
    if gagal:
        kal.append(f"Indikator yang belum mencapai target: {_daftar(gagal)}; penyebab dan "
                   "solusinya diuraikan unit penanggung jawab berikut.")
    elif berhasil:
        kal.append("Faktor keberhasilan dan langkah yang menjaganya diuraikan unit penanggung "
                   "jawab berikut.")
    return kal


# --- 6) efficiency ---

def program_sasaran(d: DataLaporan, ind: pd.DataFrame) -> pd.DataFrame:
    """The PK programme lines linked to the sasaran: those of its indicators' units."""
    a = d.anggaran
    if a.empty:
        return a
    return a[a["unit_id"].isin(set(ind["unit_id"]))]


def poin_efisiensi(d: DataLaporan, s, ind: pd.DataFrame) -> list[str]:
    """Point 6: budget of the linked programmes, absorption against capaian, and cost per
    unit of output where the output is countable."""
    prog = program_sasaran(d, ind)
    if prog.empty:
        return [f"Tidak ada program/kegiatan Perjanjian Kinerja {d.tahun} yang tercatat untuk "
                f"unit penanggung jawab sasaran {s.kode_sasaran}; efisiensi tidak dapat "
                "dihitung."]
    pagu = float(prog["pagu"].sum())
    real = prog["realisasi"].sum(min_count=1)
    kal = []
    teks = (f"Sasaran {s.kode_sasaran} didukung {len(prog)} program/kegiatan "
            f"({_daftar(list(prog['kode']))}) dengan pagu {format_rupiah(pagu)}")
    cap = _nilai(s.capaian)
    if pd.isna(real):
        kal.append(teks + "; realisasi anggarannya belum dicatat.")
    else:
        serapan = float(real) / pagu * 100 if pagu else None
        teks += f" dan realisasi {format_rupiah(float(real))} (serapan {format_persen(serapan)})"
        if cap is not None and serapan:
            rasio = cap / serapan
            teks += (f". Capaian kinerja {format_persen(cap)} dengan serapan "
                     f"{format_persen(serapan)} memberi rasio capaian terhadap serapan "
                     f"{format_nilai(rasio)}: ")
            teks += ("kinerja dicapai dengan anggaran lebih hemat dari rencana (efisien)."
                     if rasio >= 1 else
                     "capaian kinerja lebih rendah daripada serapan anggaran (belum efisien).")
        else:
            teks += "."
        kal.append(teks)
        for i in ind.itertuples():
            r = _nilai(i.realisasi)
            if (i.satuan or "").strip().lower() in SATUAN_TERHITUNG and i.polaritas == "positif" \
                    and r:
                kal.append(f"Biaya per keluaran {i.kode}: {format_rupiah(float(real) / r)} per "
                           f"{i.satuan.lower()} ({format_rupiah(float(real))} ÷ "
                           f"{dengan_satuan(r, i.satuan)}).")
    if not any((i.satuan or "").strip().lower() in SATUAN_TERHITUNG for i in ind.itertuples()):
        kal.append("Keluaran indikator sasaran ini berupa nilai, indeks, level atau persentase "
                   "yang tidak dapat dihitung per satuan, sehingga biaya per keluaran tidak "
                   "disajikan.")
    return kal


# --- 7) programmes that supported or held back ---

def poin_program(d: DataLaporan, s, ind: pd.DataFrame) -> list[str]:
    """Point 7: each linked programme line, whether it supported or held back the result."""
    prog = program_sasaran(d, ind)
    if prog.empty:
        return []
    kal = []
    for p in prog.itertuples():
        cap, ser = _nilai(p.capaian_unit), _nilai(p.serapan)
        if cap is None:
            peran = "perannya belum dapat dinilai (capaian unit belum terukur)"
        elif cap >= 99.995:
            peran = f"menunjang keberhasilan (capaian kinerja unit {format_persen(cap)})"
        else:
            peran = f"belum optimal menunjang (capaian kinerja unit {format_persen(cap)})"
        serap = "" if ser is None else f", serapan anggaran {format_persen(ser)}"
        kal.append(f"{p.kode} {p.uraian} — {p.unit}: {peran}{serap}.")
    return kal
