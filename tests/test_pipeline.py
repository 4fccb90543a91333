"""map_articles: order, laziness, bounded read-ahead, same answers on 1 or N processes, errors."""
from __future__ import annotations

import pytest

from analysis.corpus.readers import paragraph_records
from analysis.corpus.readers import make_article
from analysis.errors import InputError
from analysis.run.parallel import ArticleError, map_articles


def _articles(n: int, log: list[int] | None = None, bad_at: int | None = None):
    for i in range(n):
        if i == bad_at:
            raise InputError(f"corpus.jsonl:{i + 1}: malformed JSON")
        if log is not None:
            log.append(i)
        yield make_article(f"a{i:04d}", f"Headline {i}\n\nBody {i} said the man. “Quote {i},” he said.\n")


def _id_len(article):
    return (article.id, len(article.text))


def _fails_on_7(article):
    if article.id == "a0007":
        raise ValueError("bad value\nwith a second line")
    return article.id


def _input_error_on_5(article):
    if article.id == "a0005":
        raise InputError("lexicon.yaml:3: field 'x': not a string")
    return article.id


def test_same_records_in_order_for_1_and_n_processes():
    one = list(map_articles(paragraph_records, _articles(300), jobs=1, progress=False))
    two = list(map_articles(paragraph_records, _articles(300), jobs=2, progress=False, chunk=3))
    assert one == two
    assert [r[0]["article_id"] for r in two] == [f"a{i:04d}" for i in range(300)]


def test_input_is_read_lazily_and_bounded():
    log: list[int] = []
    it = map_articles(_id_len, _articles(10_000, log), jobs=2, progress=False, chunk=4, ahead=2)
    assert log == []  # nothing read before the first result is asked for
    assert next(it)[0] == "a0000"
    assert len(log) <= 2 * 2 * 4  # at most jobs * ahead * chunk articles read ahead
    it.close()


def test_serial_run_is_lazy_too():
    log: list[int] = []
    it = map_articles(_id_len, _articles(10_000, log), jobs=1, progress=False)
    next(it)
    assert log == [0]


def test_worker_error_is_one_line_naming_the_article():
    for jobs in (1, 2):
        got: list[str] = []
        with pytest.raises(ArticleError) as exc:
            for r in map_articles(_fails_on_7, _articles(50), jobs=jobs, progress=False, chunk=2):
                got.append(r)
        assert got == [f"a{i:04d}" for i in range(7)]  # everything before the bad article
        assert str(exc.value) == "article 'a0007': ValueError: bad value with a second line"
        assert "bad value" in str(exc.value.__cause__)


def test_input_error_in_worker_stays_an_input_error():
    for jobs in (1, 2):
        with pytest.raises(InputError, match=r"lexicon\.yaml:3"):
            list(map_articles(_input_error_on_5, _articles(20), jobs=jobs, progress=False, chunk=2))


def test_reader_error_comes_after_every_earlier_result():
    for jobs in (1, 2):
        got: list[str] = []
        with pytest.raises(InputError, match=r"corpus\.jsonl:38"):
            for r in map_articles(_id_len, _articles(100, bad_at=37), jobs=jobs, progress=False, chunk=5):
                got.append(r[0])
        assert got == [f"a{i:04d}" for i in range(37)]


def test_lambda_works_in_workers():
    # The function reaches the workers by fork (initialiser), so it need not be picklable.
    offset = 3
    out = list(map_articles(lambda a: len(a.id) + offset, _articles(40), jobs=2, progress=False))
    assert out == [5 + offset] * 40


def test_empty_input():
    assert list(map_articles(_id_len, iter([]), jobs=2, progress=False)) == []
