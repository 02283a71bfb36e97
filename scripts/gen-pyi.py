"""Writes the type stub of the Python package (bindings/python/tsi/__init__.pyi) from the package
itself: the generated uniffi module's annotated records, enums and functions, seen through
tsi/__init__.py (JSON document arguments also take dict/list, `lang` also "sv"/"en", the Pythonic
names without `_json`). Generated, not mirrored: scripts/gen-bindings runs it and test-all fails
when the committed stub differs. Usage: gen-pyi.py PACKAGE_DIR OUT  (PACKAGE_DIR holds tsi/)."""
import enum
import inspect
import sys
import types
import typing

sys.path.insert(0, sys.argv[1])
import tsi  # noqa: E402

_generated = tsi._uniffi  # the generated module the package re-exports
# The generated error variants carry no annotations; these are their fields' types (uniffi
# record of TsiError::Invalid in crates/tsi-ffi/src/lib.rs). A new unannotated field stops the generator.
ERROR_FIELDS = {"code": "Code", "path": "str", "detail": "str", "params": "dict[str, str]"}


def fmt(hint):
    """A type hint as stub text."""
    if hint is inspect.Parameter.empty:
        raise SystemExit("gen-pyi: an unannotated parameter; extend ERROR_FIELDS or the generator")  # noqa
    if hint is type(None) or hint is None:
        return "None"
    if isinstance(hint, str):
        return hint
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        parts = [a for a in args if a is not object]
        if len(parts) == 2 and type(None) in parts:
            inner = [a for a in parts if a is not type(None)][0]
            return f"typing.Optional[{fmt(inner)}]"
        return "typing.Union[" + ", ".join(fmt(a) for a in parts) + "]"
    if origin in (list, dict):
        return f"{origin.__name__}[" + ", ".join(fmt(a) for a in args) + "]"
    if isinstance(hint, type):
        return hint.__qualname__ if hint.__module__ != "builtins" else hint.__name__
    raise SystemExit(f"gen-pyi: cannot write the hint {hint!r}")


def hints_of(fn):
    return typing.get_type_hints(fn, vars(_generated))


def param_type(name, hint):
    text = fmt(hint)
    if tsi._is_document(name) and "str" in text:
        return text.replace("str", "JsonDocument")
    return text.replace("Lang", "LangLike") if "Lang" in text else text


def signature(fn, name, returns_json=False, inputs=True):
    hints = hints_of(fn)
    parts = []
    for p in inspect.signature(fn).parameters.values():
        if p.name in ("self", "cls"):
            parts.append(p.name)
            continue
        hint = hints.get(p.name, p.annotation)
        text = p.name + ": " + (param_type(p.name, hint) if inputs else fmt(hint))
        if p.kind is p.KEYWORD_ONLY and not any(x.startswith("*") for x in parts):
            parts.append("*")
        parts.append(text + (" = ..." if p.default is not p.empty else ""))
    ret = "typing.Any" if returns_json else fmt(hints.get("return", type(None)))
    return f"def {name}({', '.join(parts)}) -> {ret}: ..."


def record(cls, indent=""):
    out = [f"{indent}@dataclass", f"{indent}class {cls.__name__}:"]
    hints = hints_of(cls.__init__)
    for n in inspect.signature(cls.__init__).parameters:
        if n != "self":
            out.append(f"{indent}    {n}: {fmt(hints[n])}")
    out.append(f"{indent}    {signature(cls.__init__, '__init__', inputs=False)}")
    return out


def variants(cls):
    return [v for n, v in vars(cls).items() if inspect.isclass(v) and not n.startswith("_")]


def tagged(cls, base):
    out = [f"class {cls.__name__}" + (f"({base}):" if base else ":")]
    for n, member in vars(cls).items():
        if n.startswith("is_") and inspect.isfunction(member):
            out.append(f"    def {n}(self) -> bool: ...")
    for v in variants(cls):
        name = v.__name__.split(".")[-1]
        out.append(f"    class {name}({cls.__name__}):")
        params = [p for p in inspect.signature(v.__init__).parameters.values() if p.name != "self"]
        if [p.kind for p in params] == [inspect.Parameter.VAR_POSITIONAL]:
            # A Rust tuple variant (`Other(String)`): uniffi's Python keeps its values by position.
            out.append("        def __init__(self, *values: typing.Any) -> None: ...")
            out.append("        def __getitem__(self, index: int) -> typing.Any: ...")
            continue
        hints = hints_of(v.__init__)
        fields = [(p.name, fmt(hints.get(p.name, ERROR_FIELDS.get(p.name, p.annotation)))) for p in params]
        out += [f"        {n}: {t}" for n, t in fields]
        args = "".join(f", {n}: {t}" for n, t in fields)
        out.append(f"        def __init__(self{args}) -> None: ...")
    return out


def enumeration(cls):
    return [f"class {cls.__name__}(enum.Enum):"] + [f"    {m.name} = {m.value!r}" for m in cls]


def object_class(cls):
    bases = ", ".join(b.__name__ for b in cls.__bases__ if b.__module__ == _generated.__name__)
    out = [f"class {cls.__name__}({bases or 'typing.Protocol'}):"]
    for n, member in vars(cls).items():
        if n.startswith("_") and n != "__init__":
            continue
        fn = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
        if not inspect.isfunction(fn) or not inspect.unwrap(fn).__qualname__.startswith(cls.__name__ + "."):
            continue  # typing.Protocol's own __init__
        if isinstance(member, classmethod):
            out.append("    @classmethod")
        # The twin of a method that returns a document (the naming rule) returns it parsed.
        returns_json = not n.endswith("_json") and inspect.isfunction(vars(cls).get(n + "_json"))
        out.append("    " + signature(fn, n, returns_json=returns_json))
    return out if len(out) > 1 else out + ["    ..."]


def main():
    out = [
        "# Generated by scripts/gen-pyi.py from the package (tsi/__init__.py over the generated",
        "# uniffi module): do not edit. scripts/gen-bindings rewrites it; test-all checks it.",
        "import enum",
        "import typing",
        "from dataclasses import dataclass",
        "",
        "JsonDocument = typing.Union[str, typing.Mapping[str, typing.Any], typing.Sequence[typing.Any]]",
        'LangLike = typing.Union["Lang", typing.Literal["sv", "en"]]',
        "",
    ]
    functions = []
    for name in tsi.__all__:
        obj = getattr(tsi, name)
        if inspect.isfunction(obj):
            functions.append((name, obj))
            continue
        if isinstance(obj, enum.EnumMeta):
            block = enumeration(obj)
        elif issubclass(obj, BaseException):
            block = tagged(obj, "Exception") if variants(obj) else [f"class {name}(Exception): ..."]
        elif inspect.isclass(obj) and hasattr(obj, "__dataclass_fields__"):
            block = record(obj)
        elif variants(obj):
            block = tagged(obj, "")
        else:
            block = object_class(obj)
        out += block + [""]
    for name, fn in functions:
        target = inspect.unwrap(fn)
        # The twin of a function that returns a document (the naming rule) returns it parsed.
        returns_json = not name.endswith("_json") and inspect.isfunction(getattr(tsi, name + "_json", None))
        out.append(signature(target, name, returns_json=returns_json))
    text = "\n".join(out) + "\n"
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)


main()
