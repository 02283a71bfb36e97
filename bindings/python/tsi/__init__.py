"""tsi for Python: the generated uniffi bindings (``tsi._uniffi``), with Python's own wrong
inputs turned into coded errors like every other bad input (SPEC §9):

- a string that is not valid Unicode (a lone surrogate such as ``"\\ud800"``) is
  ``TsiError.Invalid`` with code ``INPUT_NOT_UTF8`` and the argument's name as path;
- ``lang`` may be ``Lang.SV``/``Lang.EN`` or ``"sv"``/``"en"``; anything else is
  ``LANG_UNKNOWN``;
- an argument of the wrong Python type is ``JSON_WRONG_TYPE`` naming the argument.

No error repeats the value it refuses (R-PD-1): a traceback must not carry a child's data.
"""
import functools
import inspect
import typing

from . import _uniffi as _generated

# The generated module: tsi/_uniffi.py from scripts/gen-bindings, or tsi/_uniffi/tsi.py in a
# wheel built by maturin (its package re-exports the module without __all__).
_uniffi = getattr(_generated, "tsi", _generated)
__all__ = list(_uniffi.__all__)
globals().update({_name: getattr(_uniffi, _name) for _name in __all__})  # wrapped below
Lang = _uniffi.Lang
TsiError = _uniffi.TsiError

_LANGS = {"sv": Lang.SV, "en": Lang.EN}
_MESSAGES = {
    "INPUT_NOT_UTF8": "The input is not UTF-8 text.",
    "LANG_UNKNOWN": "Unknown language; choose sv or en.",
    "JSON_WRONG_TYPE": "Wrong type of value at {path}: expected {expected}.",
}


def _invalid(code, name, **params):
    path = f"/{name}"
    detail = _MESSAGES[code].format(path=path, **params)
    return TsiError.Invalid(code, path, detail, {k: str(v) for k, v in params.items()})


def _text(name, value):
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _invalid("INPUT_NOT_UTF8", name) from None
    return value


def _expected(hint):
    """What a parameter takes, as (kind, optional): kind is str, int, bool, Lang, list, or None."""
    optional = False
    origin = typing.get_origin(hint)
    if origin is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None) and a is not object]
        optional = len(args) < len(typing.get_args(hint))
        hint = args[0] if len(args) == 1 else None
        origin = typing.get_origin(hint)
    if origin in (list, typing.List):
        return (list if typing.get_args(hint) == (str,) else None), optional
    return (hint if hint in (str, int, bool, Lang) else None), optional


def _check(name, hint, value):
    kind, optional = _expected(hint)
    if value is None and optional:
        return value
    if kind is Lang:
        if isinstance(value, Lang):
            return value
        if isinstance(value, str) and value in _LANGS:
            return _LANGS[value]
        raise _invalid("LANG_UNKNOWN", name) from None
    if kind is str:
        if not isinstance(value, str):
            raise _invalid("JSON_WRONG_TYPE", name, expected="a string")
        return _text(name, value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _invalid("JSON_WRONG_TYPE", name, expected="a whole number of 0 or more")
        return value
    if kind is list:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise _invalid("JSON_WRONG_TYPE", name, expected="a list of strings")
        return [_text(f"{name}/{i}", v) for i, v in enumerate(value)]
    return value


def _wrap(fn):
    signature = inspect.signature(fn)
    try:
        hints = typing.get_type_hints(fn, vars(_uniffi))
    except Exception:  # pragma: no cover - a generator change; then arguments pass as they are
        hints = {}

    @functools.wraps(fn)
    def call(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name, value in bound.arguments.items():
            if name in hints and name != "self":
                bound.arguments[name] = _check(name, hints[name], value)
        return fn(*bound.args, **bound.kwargs)

    return call


for _name in __all__:
    _obj = getattr(_uniffi, _name)
    if inspect.isfunction(_obj):
        globals()[_name] = _wrap(_obj)
    elif inspect.isclass(_obj) and hasattr(_obj, "_uniffi_make_instance"):
        # Objects (the statistics accumulator): their constructors and methods take input.
        for _attr, _member in list(vars(_obj).items()):
            if _attr.startswith("_uniffi") or (_attr.startswith("__") and _attr != "__init__"):
                continue
            if isinstance(_member, (staticmethod, classmethod)):
                setattr(_obj, _attr, type(_member)(_wrap(_member.__func__)))
            elif inspect.isfunction(_member):
                setattr(_obj, _attr, _wrap(_member))
