"""Figure style and saving: colour-blind-safe colours, deterministic PNG/SVG beside their CSV."""
from __future__ import annotations

from pathlib import Path
from typing import Any

#: Okabe-Ito palette (safe for the common colour-vision deficiencies).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"]
#: Colours of the stance codes, fixed so every figure reads the same way.
STANCE_COLOURS = {"critical": "#D55E00", "defensive": "#0072B2", "mixed": "#CC79A7",
                  "neutral": "#999999"}


def setup() -> None:
    """Set matplotlib to a fixed, deterministic, colour-blind-safe style."""
    import matplotlib
    from cycler import cycler

    matplotlib.rcParams.update({
        "axes.prop_cycle": cycler(color=OKABE_ITO),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "svg.hashsalt": "framing",
        "svg.fonttype": "none",
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })


def save_figure(fig: Any, name: str, data: Any, outdir: str | Path) -> dict[str, Path]:
    """Save a figure as PNG and SVG next to the CSV of the data it shows; return the paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {"png": outdir / f"{name}.png", "svg": outdir / f"{name}.svg",
             "csv": outdir / f"{name}.csv"}
    fig.savefig(paths["png"], bbox_inches="tight", metadata={"Software": None})
    fig.savefig(paths["svg"], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=False, lineterminator="\n")
    return paths
