"""Fit the stance model (a logistic regression) on NewsMTSC train; write analysis/data/stance_model.json.

Usage:  .venv/bin/python bench/train_stance.py [TRAIN.jsonl] [--out analysis/data/stance_model.json]
Needs the optional extra ``train`` (scikit-learn); the package predicts with the file in pure
Python and never needs scikit-learn.

Features are ``analysis.measures.target_stance.statement_features`` of each record, built exactly as
``bench/newsmtsc.py`` builds its inputs (so training and prediction see the same features).
Feature words seen in fewer than MIN_COUNT training records are dropped.  The regularisation
strength C is chosen by 5-fold cross-validation *on the training file only* (folds by
sentence, fixed order, macro-F1); the dev files are never read.  Deterministic: lbfgs, fixed
folds, weights rounded to 3 decimals (those under MIN_WEIGHT left out), keys sorted.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analysis.measures.target_stance import MODEL_CLASSES  # noqa: E402
from newsmtsc import record_features  # noqa: E402

from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
MIN_COUNT = 5
#: Features whose largest absolute weight is below this are left out of the file.
MIN_WEIGHT = 0.01
C_GRID = (0.05, 0.1, 0.2, 0.5)
LABELS = {"negative": "critical", "neutral": "neutral", "positive": "defensive"}
NOTICE = ("Derived from the NewsMTSC train split (Hamborg & Donnay, EACL 2021), which is under "
          "the MIT licence; its notice follows.")


def _dump(model: dict) -> str:
    """The model as JSON with one feature a line (small diffs when refitted)."""
    head = {k: v for k, v in model.items() if k != "weights"}
    lines = [json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "weights": {']
    items = list(model["weights"].items())
    for i, (name, w) in enumerate(items):
        lines.append(f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}"
                     + ("," if i < len(items) - 1 else ""))
    lines.append(" }\n}\n")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Fit, cross-validate C on train, write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", default=str(SHARED / "benchmarks" / "newsmtsc_train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "analysis" / "data" / "stance_model.json"))
    args = ap.parse_args(argv)
    path = Path(args.train)
    if not path.is_file():
        print(f"NewsMTSC train not found at {path}; nothing to fit (skipped).")
        return 0
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
    except ImportError:
        print("scikit-learn is needed to train: pip install -e '.[train]'")
        return 1
    lic = path.parent / "LICENSE-newsmtsc.txt"
    if not lic.is_file():
        print(f"the NewsMTSC licence is missing at {lic}; refusing to write a model without it")
        return 1
    licence = lic.read_text(encoding="utf-8").strip()
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    feats = [record_features(r) for r in rows]
    y = [MODEL_CLASSES.index(LABELS[r["label"]]) for r in rows]
    counts = Counter(k for f in feats for k in f if ":" in k)
    keep = [{k: v for k, v in f.items() if ":" not in k or counts[k] >= MIN_COUNT} for f in feats]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(keep)
    sentences = sorted({r["sentence_id"] for r in rows})
    fold_of = {s: i % 5 for i, s in enumerate(sentences)}
    folds = [fold_of[r["sentence_id"]] for r in rows]
    best = None
    for c in C_GRID:
        pred = [0] * len(rows)
        for k in range(5):
            tr = [i for i, f in enumerate(folds) if f != k]
            te = [i for i, f in enumerate(folds) if f == k]
            m = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
            m.fit(X[tr], [y[i] for i in tr])
            for i, p in zip(te, m.predict(X[te])):
                pred[i] = int(p)
        score = f1_score(y, pred, average="macro")
        print(f"C={c}: cross-validated macro-F1 on train {score:.3f}")
        if best is None or score > best[0] + 1e-9:
            best = (score, c)
    assert best is not None
    model = LogisticRegression(C=best[1], max_iter=5000, class_weight="balanced")
    model.fit(X, y)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(model.coef_[k][j]), 3) for k in range(len(MODEL_CLASSES))]
        if max(abs(x) for x in w) >= MIN_WEIGHT:
            weights[str(name)] = w
    out = {"classes": list(MODEL_CLASSES),
           "intercept": [round(float(b), 4) for b in model.intercept_],
           "weights": dict(sorted(weights.items())),
           "provenance": {"training_file": "newsmtsc_train.jsonl (NewsMTSC train split, "
                                           f"{len(rows)} targets)",
                          "script": "bench/train_stance.py",
                          "features": "analysis.measures.target_stance.features",
                          "min_count": MIN_COUNT, "C": best[1],
                          "cv_macro_f1_train": round(best[0], 4),
                          "sklearn": __import__("sklearn").__version__},
           "licence": NOTICE + "\n\n" + licence}
    Path(args.out).write_text(_dump(out), encoding="utf-8")
    print(f"C={best[1]} chosen; {len(weights)} features written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
