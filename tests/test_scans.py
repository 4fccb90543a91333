"""analysis.text.scans: literal-first scans merged in text order give one pattern's finditer."""
import re

import pytest
from hypothesis import given, strategies as st

from analysis.text.scans import in_text_order


@given(st.text(alphabet="ab .!?\t\nx", max_size=80))
def test_one_scan_per_literal_merged_is_the_class_scan(text):
    whole = [m.span() for m in re.finditer(r"[.!?]+", text)]
    # each stop opens its own scan; a match opens at a stop not preceded by one
    parts = [re.finditer(re.escape(c) + r"(?<![.!?]{2})[.!?]*", text) for c in ".!?"]
    assert [m.span() for m in in_text_order(parts)] == whole


@pytest.mark.parametrize("scans, spans", [
    ((), []),
    (((),), []),
    ((re.finditer("b", "abab"),), [(1, 2), (3, 4)]),
    ((re.finditer("b", "abab"), re.finditer("a", "abab")), [(0, 1), (1, 2), (2, 3), (3, 4)]),
])
def test_in_text_order_small_cases(scans, spans):
    assert [m.span() for m in in_text_order(scans)] == spans
