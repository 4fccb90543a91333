"""Where the benchmark scripts find the repository and the shared benchmark data."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The shared folder (benchmarks/, codebooks/) beside the checkout, or $FRAMING_SHARED.
SHARED = Path(os.environ.get("FRAMING_SHARED") or ROOT.parent / "shared")
