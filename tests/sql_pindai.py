"""A static scan for SQL built from strings: every call that runs SQL (`.execute`, `.executemany`,
`.sql`, `.query`, and the functions that hand a parameter on to one of them, found to a fixed
point) must get a constant string, and no string holding SQL may be built with placeholders,
`%`, `.format()` or `+` from non-constant parts. Used by tests/test_sql_aman.py."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METODE_SQL = {"execute", "executemany", "sql", "query"}
# Upper-case SQL words, as this code base writes its SQL; messages are written in lower case.
KATA_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|EXPORT|IMPORT|COPY|"
                      r"ATTACH|DETACH|PRAGMA|INSTALL|LOAD|FROM|WHERE|VALUES)\b")


def berkas_dipindai() -> list[Path]:
    """app.py, lkj_core/, lkj_app/ and pages/."""
    return sorted([ROOT / "app.py", *(ROOT / "lkj_core").rglob("*.py"),
                   *(ROOT / "lkj_app").rglob("*.py"), *(ROOT / "pages").rglob("*.py")])


@dataclass(frozen=True)
class Temuan:
    """A string holding (or sent as) SQL that is built from non-constant parts."""

    berkas: str          # path relative to the project
    baris: int
    fungsi: str          # enclosing function ("<modul>" at module level)
    sisipan: tuple       # sources of the non-constant parts, sorted
    alasan: str

    @property
    def kunci(self) -> tuple:
        """What the allow-list matches (no line number: lines move)."""
        return (self.berkas, self.fungsi, self.sisipan)

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris} in {self.fungsi}(): {self.alasan} {list(self.sisipan)}"


def _teks_konstan(node) -> str:
    if isinstance(node, ast.JoinedStr):
        return "\x00".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def _sisipan(node) -> tuple:
    if isinstance(node, ast.JoinedStr):
        return tuple(sorted(ast.unparse(v.value) for v in node.values
                            if isinstance(v, ast.FormattedValue)))
    if isinstance(node, ast.BinOp):
        return tuple(sorted(ast.unparse(x) for x in (node.left, node.right)
                            if not (isinstance(x, ast.Constant) and isinstance(x.value, str))))
    if isinstance(node, ast.Call):
        return tuple(sorted(ast.unparse(a) for a in [*node.args, *node.keywords]))
    return (ast.unparse(node),)


class _Modul:
    def __init__(self, path: Path, dasar: Path):
        self.path = path
        self.rel = path.relative_to(dasar).as_posix()
        self.nama = self.rel[:-3].replace("/", ".")
        self.pohon = ast.parse(path.read_text(encoding="utf-8"))
        self.induk: dict[ast.AST, ast.AST] = {}
        for n in ast.walk(self.pohon):
            for c in ast.iter_child_nodes(n):
                self.induk[c] = n
        self._nilai: dict[int, dict] = {}
        self.fungsi = {n.name: n for n in ast.walk(self.pohon)
                       if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.konstan = {}
        for n in self.pohon.body:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and \
                    isinstance(n.targets[0], ast.Name):
                self.konstan[n.targets[0].id] = n.value
        # import aliases: local name -> (module, attribute or None)
        self.impor: dict[str, tuple[str, str | None]] = {}
        for n in ast.walk(self.pohon):
            if isinstance(n, ast.ImportFrom) and n.module:
                for a in n.names:
                    self.impor[a.asname or a.name] = (n.module, a.name)
            elif isinstance(n, ast.Import):
                for a in n.names:
                    self.impor[a.asname or a.name.split(".")[0]] = (a.name, None)

    def nilai_nama(self, f) -> dict[str, list]:
        """Name -> the values assigned to it directly in function f (a loop variable over a
        constant list or tuple takes its elements)."""
        if id(f) in self._nilai:
            return self._nilai[id(f)]
        hasil: dict[str, list] = {}
        for n in ast.walk(f):
            if self.fungsi_dari(n)[:1] != [f]:
                continue
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None:
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                    if isinstance(t, ast.Name):
                        hasil.setdefault(t.id, []).append(n.value)
            elif isinstance(n, ast.For) and isinstance(n.target, ast.Name):
                it = n.iter
                if isinstance(it, ast.Name) and it.id in self.konstan:
                    it = self.konstan[it.id]
                hasil.setdefault(n.target.id, []).extend(
                    it.elts if isinstance(it, (ast.List, ast.Tuple)) else [it])
        self._nilai[id(f)] = hasil
        return hasil

    def fungsi_dari(self, node) -> list[ast.FunctionDef]:
        """Enclosing functions, innermost first."""
        hasil, n = [], self.induk.get(node)
        while n is not None:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hasil.append(n)
            n = self.induk.get(n)
        return hasil

    def nama_fungsi(self, node) -> str:
        f = self.fungsi_dari(node)
        return f[0].name if f else "<modul>"


# Built-ins (and pure standard modules) a pure text function may use.
_BAWAAN_MURNI = {"repr", "str", "len", "abs", "min", "max", "round", "float", "int", "bool",
                 "isinstance", "range", "sorted", "enumerate", "zip", "tuple", "list",
                 "ValueError", "TypeError", "re", "math"}


def _parameter(f: ast.FunctionDef) -> list[str]:
    a = f.args
    return [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x]


class Pemindai:
    """The scan over the project's files."""

    def __init__(self, berkas: list[Path] | None = None, dasar: Path = ROOT):
        self.modul = [_Modul(p, dasar) for p in (berkas or berkas_dipindai())]
        self.per_nama = {m.nama: m for m in self.modul}
        # (module name, function name) -> parameter names whose value ends up run as SQL
        self.pembungkus: dict[tuple[str, str], set[str]] = {}
        self._cache_murni: dict[tuple[str, str], bool] = {}

    # --- classification of an expression: constant, a parameter, or built ---

    def _kelas(self, m: _Modul, node, lingkup, seen=None):
        """('konstan',) | ('parameter', fungsi, nama) | ('dinamis', [origin nodes])"""
        seen = seen or set()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return ("konstan",)
        if isinstance(node, ast.JoinedStr):
            # Constant when every placeholder is (e.g. a module-level constant string).
            if all(isinstance(v, ast.Constant) or self._kelas(m, v.value, lingkup, seen)
                   == ("konstan",) for v in node.values):
                return ("konstan",)
            return ("dinamis", [node])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                self._murni(m, node.func.id) and all(
                    self._kelas(m, a, lingkup, seen) == ("konstan",)
                    for a in [*node.args, *(k.value for k in node.keywords)]):
            # A pure function of constants (e.g. an SQL expression builder) gives a constant.
            return ("konstan",)
        if isinstance(node, ast.Constant):
            return ("konstan",)
        if isinstance(node, ast.UnaryOp):
            return self._kelas(m, node.operand, lingkup, seen)
        if isinstance(node, ast.BinOp):
            kiri = self._kelas(m, node.left, lingkup, seen)
            kanan = self._kelas(m, node.right, lingkup, seen)
            if kiri == kanan == ("konstan",):
                return ("konstan",)
            return ("dinamis", [node])
        if isinstance(node, ast.Name):
            if (node.id, id(lingkup)) in seen:
                return ("dinamis", [node])
            seen = seen | {(node.id, id(lingkup))}
            for f in m.fungsi_dari(node):
                if node.id in _parameter(f):
                    return ("parameter", f, node.id)
                nilai = m.nilai_nama(f).get(node.id, [])
                if nilai:
                    kelas = [self._kelas(m, v, f, seen) for v in nilai]
                    if all(k == ("konstan",) for k in kelas):
                        return ("konstan",)
                    asal = [o for k in kelas if k[0] == "dinamis" for o in k[1]]
                    return ("dinamis", asal or [node])
            if node.id in m.konstan:
                return self._kelas(m, m.konstan[node.id], None, seen)
            return ("dinamis", [node])
        return ("dinamis", [node])

    def _murni(self, m: _Modul, nama: str) -> bool:
        """Whether the module function `nama` computes its result from its arguments and
        constants only (no I/O, no state): then constant arguments give a constant result."""
        kunci = (m.nama, nama)
        if kunci in self._cache_murni:
            return self._cache_murni[kunci]
        self._cache_murni[kunci] = False   # pessimistic while being decided (recursion)
        f = next((n for n in m.pohon.body if isinstance(n, ast.FunctionDef)
                  and n.name == nama), None)
        hasil = f is not None and self._badan_murni(m, f)
        self._cache_murni[kunci] = hasil
        return hasil

    def _badan_murni(self, m: _Modul, f: ast.FunctionDef) -> bool:
        lokal = set(_parameter(f))
        for n in ast.walk(f):
            for t in ([*n.targets] if isinstance(n, ast.Assign) else
                      [n.target] if isinstance(n, (ast.AugAssign, ast.AnnAssign, ast.For,
                                                   ast.comprehension, ast.NamedExpr)) else []):
                lokal |= {x.id for x in ast.walk(t) if isinstance(x, ast.Name)}
        for n in ast.walk(f):
            if n is not f and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                             ast.Global, ast.Nonlocal, ast.Await, ast.Yield,
                                             ast.YieldFrom, ast.With, ast.Try)):
                return False
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in lokal \
                    and n.id not in _BAWAAN_MURNI:
                if n.id in m.konstan and self._nilai_tetap(m, m.konstan[n.id]):
                    continue
                if self._murni(m, n.id):
                    continue
                return False
        return True

    def _nilai_tetap(self, m: _Modul, v) -> bool:
        """A module-level value that never changes: a constant, a compiled regex of a constant
        pattern, or what _kelas finds constant."""
        if isinstance(v, ast.Call) and ast.unparse(v.func) == "re.compile" and all(
                isinstance(a, ast.Constant) for a in v.args):
            return True
        return self._kelas(m, v, None) == ("konstan",)

    # --- where SQL is run ---

    def _tujuan(self, m: _Modul, call: ast.Call) -> tuple[str, str] | None:
        """(module, function) a call goes to, when it is one of the scanned functions."""
        f = call.func
        if isinstance(f, ast.Name):
            if f.id in m.fungsi:
                return (m.nama, f.id)
            if f.id in m.impor and m.impor[f.id][1]:
                return m.impor[f.id]
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            mod = m.impor.get(f.value.id)
            if mod:
                nama = mod[0] if mod[1] is None else f"{mod[0]}.{mod[1]}"
                if nama in self.per_nama:
                    return (nama, f.attr)
        return None

    def _argumen_sql(self, m: _Modul, call: ast.Call) -> list:
        """The arguments of a call that are run as SQL."""
        f = call.func
        if isinstance(f, ast.Attribute) and f.attr in METODE_SQL and self._tujuan(m, call) is None:
            arg = call.args[:1] or [k.value for k in call.keywords if k.arg == "query"]
            return arg
        tujuan = self._tujuan(m, call)
        if tujuan in self.pembungkus:
            fdef = self.per_nama[tujuan[0]].fungsi[tujuan[1]]
            par = _parameter(fdef)
            hasil = []
            for nama in self.pembungkus[tujuan]:
                i = par.index(nama)
                if i < len(call.args):
                    hasil.append(call.args[i])
                hasil += [k.value for k in call.keywords if k.arg == nama]
            return hasil
        return []

    def temuan(self) -> list[Temuan]:
        """Every SQL string built from non-constant parts, each once."""
        while True:   # find the wrappers to a fixed point
            baru = False
            for m in self.modul:
                for call in (n for n in ast.walk(m.pohon) if isinstance(n, ast.Call)):
                    for arg in self._argumen_sql(m, call):
                        k = self._kelas(m, arg, None)
                        if k[0] == "parameter":
                            kunci = (m.nama, k[1].name)
                            if k[2] not in self.pembungkus.setdefault(kunci, set()):
                                self.pembungkus[kunci].add(k[2])
                                baru = True
            if not baru:
                break
        asal: dict[int, tuple[_Modul, ast.AST, str]] = {}
        for m in self.modul:
            for call in (n for n in ast.walk(m.pohon) if isinstance(n, ast.Call)):
                for arg in self._argumen_sql(m, call):
                    k = self._kelas(m, arg, None)
                    if k[0] == "dinamis":
                        for o in k[1]:
                            asal.setdefault(id(o), (m, o, "SQL run from a built string"))
            for n in ast.walk(m.pohon):
                teks = None
                if isinstance(n, ast.JoinedStr) and self._kelas(m, n, None)[0] == "dinamis":
                    teks = _teks_konstan(n)
                elif isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Mod)):
                    if self._kelas(m, n, None)[0] == "dinamis":
                        teks = _teks_konstan(n.left) + _teks_konstan(n.right)
                elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and \
                        n.func.attr == "format":
                    teks = _teks_konstan(n.func.value)
                if teks and KATA_SQL.search(teks):
                    asal.setdefault(id(n), (m, n, "SQL text built with non-constant parts"))
        return sorted({Temuan(m.rel, n.lineno, m.nama_fungsi(n), _sisipan(n), alasan)
                       for m, n, alasan in asal.values()}, key=lambda t: (t.berkas, t.baris))
