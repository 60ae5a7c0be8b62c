"""The fast paths change speed, never results: the closure-wording gate and int8 tagging."""

import pytest

from closure_extractor.extract import Extractor
from closure_extractor.extract.document import parse_published, prepare
from closure_extractor.extract.evaluate import gold_spans, oracle_events
from closure_extractor.extract.events import may_report_closure
from closure_extractor.model.onnx_int8 import INT8_FILE, cached_int8, onnx_available


def test_an_article_without_closure_wording_gets_no_event_even_from_gold_entities(corpus):
    skipped = [d for d in corpus if not may_report_closure(prepare(d.text, parse_published(d.published)))]
    assert len(skipped) > 20  # the hard negatives without any trigger word
    assert all(gold_spans(d) for d in skipped[:5])  # real entities are there; no wording, no event
    assert [d.id for d in skipped if oracle_events(d)] == []


class CountingTagger:
    """Wraps a tagger and counts the sentences it is asked to tag."""

    def __init__(self, inner) -> None:
        self.inner, self.sentences = inner, 0

    def tag(self, sentences):
        self.sentences += len(sentences)
        return self.inner.tag(sentences)


def test_extract_many_skips_the_model_for_articles_without_closure_wording(tiny_model_dir):
    extractor = Extractor.from_pretrained(tiny_model_dir, precision="fp32")
    counting = CountingTagger(extractor.tagger)
    extractor.tagger = counting
    texts = ["Harga cabai naik di Pasar Rau. Pedagang mengeluh.", "Kantor Dinsos Kota Serang ditutup tiga hari."]
    extractor.extract_many(texts)
    assert counting.sentences == 1


class WordRuleTagger:
    """Tags each word by its own text alone, so results cannot depend on how sentences are batched
    (a random model's near-tied scores flip with the padding of the batch)."""

    OFFICES = ("Dinas", "Disdukcapil", "Kantor", "Kejari", "Pengadilan", "Samsat", "Dukcapil", "BPN")

    def tag(self, sentences):
        from closure_extractor.model.tagger import WordTag

        def one(previous: str, word: str) -> WordTag:
            if word.startswith(self.OFFICES):
                return WordTag("B-AGENCY", 0.9)
            if previous.startswith(self.OFFICES) and word[:1].isupper():
                return WordTag("I-AGENCY", 0.9)
            return WordTag("B-DATE", 0.9) if word.isdigit() else WordTag("O", 0.9)

        return [[one(p, w) for p, w in zip(["", *words], words)] for words in sentences]


def test_extract_many_gives_the_same_events_as_tagging_everything(tiny_model_dir, corpus):
    extractor = Extractor.from_pretrained(tiny_model_dir, precision="fp32")
    extractor.tagger = WordRuleTagger()
    sample = [d for d in corpus if d.split == "test"]
    texts, dates = [d.text for d in sample], [d.published for d in sample]
    gated = extractor.extract_many(texts, dates)
    everything = [events for _, events in extractor.analyze_many(texts, dates)]
    assert sum(map(bool, everything)) > 50 and gated == everything


@pytest.mark.skipif(not onnx_available(), reason="the [onnx] extra is not installed")
def test_int8_is_exported_once_and_cached_beside_the_model(tmp_path, tiny_model_dir):
    import shutil

    model = shutil.copytree(tiny_model_dir, tmp_path / "model")
    for name in (INT8_FILE, "model.int8.json"):
        (model / name).unlink(missing_ok=True)
    assert cached_int8(model) is None
    first = Extractor.from_pretrained(model, precision="int8")
    assert first.tagger.precision == "int8" and cached_int8(model) == model / INT8_FILE
    stamp = (model / INT8_FILE).stat().st_mtime_ns
    Extractor.from_pretrained(model, precision="int8")
    assert (model / INT8_FILE).stat().st_mtime_ns == stamp


@pytest.mark.skipif(not onnx_available(), reason="the [onnx] extra is not installed")
def test_new_weights_make_the_cached_int8_graph_stale(tmp_path, tiny_model_dir):
    import shutil

    model = shutil.copytree(tiny_model_dir, tmp_path / "model")
    Extractor.from_pretrained(model, precision="int8")
    with open(model / "model.safetensors", "ab") as handle:
        handle.write(b" ")  # any change to the weights file changes its hash
    assert cached_int8(model) is None


@pytest.mark.skipif(not onnx_available(), reason="the [onnx] extra is not installed")
def test_int8_tags_like_fp32_on_the_tiny_model(tiny_model_dir, corpus):
    sentences = [d.text.split()[:40] for d in corpus[:30]]
    fp32 = Extractor.from_pretrained(tiny_model_dir, precision="fp32").tagger.tag(sentences)
    int8 = Extractor.from_pretrained(tiny_model_dir, precision="int8").tagger.tag(sentences)
    same = sum(a.tag == b.tag for x, y in zip(fp32, int8) for a, b in zip(x, y))
    total = sum(len(x) for x in fp32)
    assert same / total > 0.9, same / total


def test_a_cached_graph_in_a_read_only_model_directory_goes_to_the_user_cache(tmp_path, tiny_model_dir, monkeypatch):
    from closure_extractor.model.onnx_int8 import cache_dir

    monkeypatch.setenv("CLOSURE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("os.access", lambda path, mode: False)
    assert cache_dir(tiny_model_dir, "ab" * 32) == tmp_path / "cache" / ("ab" * 8)


def test_a_torch_model_handed_to_the_tagger_reports_the_precision_it_really_runs(tiny_model_dir):
    from closure_extractor.model.loading import load_token_classifier, load_tokenizer
    from closure_extractor.model.tagger import TokenTagger

    model, tokenizer = load_token_classifier(str(tiny_model_dir)), load_tokenizer(str(tiny_model_dir))
    assert TokenTagger(model, tokenizer).precision in ("fp32", "bf16")
    with pytest.raises(ValueError, match="exported graph"):
        TokenTagger(model, tokenizer, precision="int8")
