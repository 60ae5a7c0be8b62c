"""The corpus itself: valid, big enough, split by document, and the seeds inside it."""

from collections import Counter

from conftest import CORPUS

from closure_extractor.data.schema import LABELS
from closure_extractor.data.stats import corpus_stats
from closure_extractor.data.validate import validate_files


def test_whole_corpus_validates():
    assert validate_files(CORPUS) == []


def test_corpus_reaches_the_required_totals():
    total = corpus_stats(CORPUS)["total"]
    assert total["documents"] >= 80
    assert total["sentences"] >= 1200
    assert total["mentions"] >= 2500
    assert all(total[label] >= 300 for label in LABELS)
    assert total["no-event docs"] >= 0.2 * total["documents"]


def test_test_split_has_at_least_15_documents(corpus):
    splits = Counter(d.split for d in corpus)
    assert splits["test"] >= 15 and splits["dev"] > 0 and splits["train"] > splits["test"]


def test_both_seed_articles_are_in_the_corpus_verbatim(corpus):
    from conftest import ROOT

    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    texts = {d.text for d in corpus}
    for seed in seeds:
        assert seed.read_text(encoding="utf-8").strip("\n") in texts


def test_every_span_slices_its_mention_exactly(corpus):
    for document in corpus:
        for span in document.spans:
            mention = document.text[span.start : span.end]
            assert mention and mention == mention.strip()
