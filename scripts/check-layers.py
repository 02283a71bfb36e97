#!/usr/bin/env python3
"""The layers of tsi-core (docs/architecture.md): no import cycle between its top-level
modules, no binding crate among its dependencies, and the three layers pointing down: no
module imports the documents layer (only lib.rs names it), and the reading layer imports only
the codes and errors it reports. A module's imports are every `crate::<module>` its code names
(in `use` or in a path); unit tests and comments aside. Exit 1 with what breaks a rule."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "crates" / "tsi-core" / "src"
BINDING_CRATES = {"uniffi", "wasm-bindgen", "js-sys", "pyo3", "napi"}
DOCUMENTS = "documents"
READING = "reading"
# What reading may name: the registry of codes and the error type it returns, and the one
# compiled sort (sorting.rs, which names nothing of the crate).
READING_MAY_IMPORT = {"error", "finding", "i18n", "sorting"}


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
    broken = bool(found or bindings)
    for name in sorted(n for n in graph if DOCUMENTS in graph[n]):
        print(f"{name} imports the documents layer: only lib.rs may (arrows point down)")
        broken = True
    below = sorted(graph.get(READING, set()) - READING_MAY_IMPORT)
    if below:
        print(f"the reading layer imports domain modules: {', '.join(below)}")
        broken = True
    if not broken:
        print(f"layers: {len(graph)} top-level modules, no import cycle, documents above the domain, reading below it")
    return 1 if broken else 0

if __name__ == "__main__":
    sys.exit(main())
