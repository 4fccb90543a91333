"""The stance model file (``data/stance_model.json``): loading it and predicting in pure Python.

A multinomial logistic regression fitted by bench/train_stance.py on NewsMTSC train; the
features are made by ``analysis.measures.target_stance.features``.  scikit-learn is never needed here.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.datafiles import packaged
from ..errors import DataFileError

#: Model classes, in the order of its weight vectors.
MODEL_CLASSES = ("critical", "neutral", "defensive")


@dataclass(frozen=True)
class Model:
    """A multinomial logistic regression: intercepts and feature weights per MODEL_CLASSES."""

    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    path: str = ""


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model | None:
    """The packaged stance model (``data/stance_model.json``), or None when it is absent."""
    path = str(path or packaged("stance_model.json"))
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise DataFileError(path, f"cannot read the model: {e}") from None
    if list(data.get("classes") or []) != list(MODEL_CLASSES):
        raise DataFileError(path, f"classes must be {list(MODEL_CLASSES)}", field="classes")
    if len(data.get("intercept") or []) != len(MODEL_CLASSES):
        raise DataFileError(path, f"needs {len(MODEL_CLASSES)} intercepts", field="intercept")
    weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}
    if any(len(w) != len(MODEL_CLASSES) for w in weights.values()):
        raise DataFileError(path, f"every weight needs {len(MODEL_CLASSES)} values",
                            field="weights")
    return Model(tuple(float(x) for x in data["intercept"]), weights, path)


def predict(model: Model, feats: Mapping[str, float]) -> tuple[float, ...]:
    """Class probabilities (MODEL_CLASSES order) of a feature dict."""
    s0, s1, s2 = model.intercept
    weights = model.weights
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None:
            s0 += w[0] * value
            s1 += w[1] * value
            s2 += w[2] * value
    scores = [s0, s1, s2]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return tuple(e / total for e in exps)
