"""The data model is light: importing it loads no numerical library (the vocabulary it shares with the matching
engine lives in matcher/profile.py, whose package loads the engine only on first use) and no Flask."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_models_loads_no_numpy_scipy_sklearn_or_flask():
    code = ("import sys, models, services.visibility; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'scipy', 'sklearn', 'flask'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
