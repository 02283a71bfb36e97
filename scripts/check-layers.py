#!/usr/bin/env python3
"""The layers of tsi-core (docs/architecture.md): no import cycle between its top-level
modules, and no binding crate among its dependencies. A module's imports are every
`crate::<module>` its code names (in `use` or in a path); unit tests and comments aside. Exit 1 with the cycles found.

KNOWN lists the cycles that #28 is taking apart: the check fails on any cycle not in it, and
on an entry of it that no longer holds (so the list only shrinks)."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "crates" / "tsi-core" / "src"
BINDING_CRATES = {"uniffi", "wasm-bindgen", "js-sys", "pyo3", "napi"}
KNOWN = {
    ("audit", "case", "consent", "followup", "policy", "reference", "sip"),
    ("error", "finding", "i18n"),
}


def modules():
    out = {}
    for path in sorted(SRC.iterdir()):
        if path.name in ("lib.rs",):
            continue
        name = path.stem if path.is_file() else path.name
        if path.is_file() and path.suffix != ".rs":
            continue
        files = [path] if path.is_file() else sorted(path.rglob("*.rs"))
        out.setdefault(name, []).extend(files)
    return out


def without_tests(text):
    """The code without its unit tests (`#[cfg(test)] mod … { … }` to the end of the file, as
    this crate writes them): tests may use any module."""
    m = re.search(r"#\[cfg\(test\)\]\s*mod \w+ \{", text)
    return text[: m.start()] if m else text


def imports(files, names):
    found = set()
    for f in files:
        if f.name == "tests.rs" or f.parent.name == "tests":
            continue
        text = without_tests(f.read_text(encoding="utf-8"))
        text = re.sub(r"^\s*//.*$", "", text, flags=re.M)  # comments and doc links
        for m in re.finditer(r"crate::(\w+)", text):
            found.add(m.group(1))
        # `use crate::{a, b::c}`
        for m in re.finditer(r"crate::\{([^;]*)\}", text, re.S):
            for part in re.findall(r"(?:^|,)\s*(\w+)", m.group(1)):
                found.add(part)
    return {n for n in found if n in names}


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(tuple(sorted(comp)))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def main():
    mods = modules()
    graph = {name: imports(files, mods) - {name} for name, files in mods.items()}
    found = cycles(graph)
    for comp in found:
        edges = [f"{a} -> {b}" for a in comp for b in sorted(graph[a]) if b in comp]
        print(f"import cycle among {', '.join(comp)}: {'; '.join(edges)}")
    cargo = (ROOT / "crates" / "tsi-core" / "Cargo.toml").read_text(encoding="utf-8")
    deps = set(re.findall(r"^\s*([\w-]+)\s*=", cargo.split("[dependencies]", 1)[-1], re.M))
    bindings = sorted(deps & BINDING_CRATES)
    if bindings:
        print(f"tsi-core depends on binding crates: {', '.join(bindings)}")
    if "--report" in sys.argv:
        return 0
    now = set(found) | {(b,) for b in bindings}
    new, gone = sorted(now - KNOWN), sorted(KNOWN - now)
    for comp in new:
        print(f"NEW: {', '.join(comp)} — take it apart, do not add it to KNOWN")
    for comp in gone:
        print(f"GONE: {', '.join(comp)} — remove it from KNOWN in {pathlib.Path(__file__).name}")
    if not new and not gone:
        print(f"layers: no new import cycle; {len(KNOWN)} known ones left (#28)")
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main())
