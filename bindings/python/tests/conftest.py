"""Puts the generated module (target/bindings/python, from scripts/gen-bindings) on sys.path."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("TSI_PY_MODULE_DIR", str(ROOT / "target" / "bindings" / "python")))

if os.environ.get("TSI_EXPECT_INSTALLED"):
    # scripts/python-wheel: the suite must run against the installed wheel, not a source tree.
    import tsi

    assert "site-packages" in tsi.__file__, tsi.__file__
