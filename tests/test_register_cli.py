"""`closures track` and `closures evaluate-register` on a fixture of eight synthetic articles."""

import csv
import json
from pathlib import Path

import pytest

from closure_extractor.cli import main
from closure_extractor.extract.register_eval import score_merges
from closure_extractor.extract.register_export import COLUMNS, read_export

FIXTURE = Path(__file__).parent / "fixtures" / "register"
BATCH, ARTICLES, GOLD = FIXTURE / "batch.jsonl", FIXTURE / "articles.jsonl", FIXTURE / "gold.jsonl"


def track(tmp_path: Path, *extra: str) -> int:
    db = tmp_path / "register.sqlite"
    return main(["track", str(BATCH), "--from-batch", "--articles", str(ARTICLES), "--db", str(db), *extra])


def test_track_from_batch_outputs_merges_the_fixture_into_its_gold_closures(tmp_path, capsys):
    assert track(tmp_path, "--export", str(tmp_path / "register.jsonl")) == 0
    rows = read_export(tmp_path / "register.jsonl")
    gold = [json.loads(line) for line in GOLD.read_text().splitlines()]
    assert sorted(r["articles"] for r in rows) == sorted(g["articles"] for g in gold)
    serang = next(r for r in rows if r["articles"] == ["s1", "s2", "s3"])
    assert (serang["end_date"], serang["region"], serang["region_code"]) == ("2020-11-20", "Kota Serang", "36.73")
    court = next(r for r in rows if r["articles"] == ["s6", "s8"])
    assert court["end_date"] == "2020-08-05"
    assert "8 new articles" in capsys.readouterr().err


def test_jsonl_csv_and_parquet_exports_have_the_same_columns_and_values(tmp_path):
    paths = [tmp_path / f"register.{suffix}" for suffix in ("jsonl", "csv", "parquet")]
    for path in paths:
        assert track(tmp_path, "--export", str(path)) == 0
    with open(paths[1], newline="", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS
    as_jsonl, as_csv, as_parquet = (read_export(path) for path in paths)
    assert list(as_jsonl[0]) == list(COLUMNS) == list(as_parquet[0])
    assert [r["articles"] for r in as_jsonl] == [r["articles"] for r in as_csv] == [r["articles"] for r in as_parquet]
    assert json.loads(as_csv[0]["officials"]) == as_jsonl[0]["officials"]


def test_tracking_the_same_input_twice_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        folder.mkdir()
        assert track(folder, "--export", str(folder / "r.csv")) == 0
    assert track(first, "--export", str(first / "again.csv")) == 0  # the same articles again: nothing new
    assert (first / "r.csv").read_bytes() == (second / "r.csv").read_bytes() == (first / "again.csv").read_bytes()


def test_evaluate_register_scores_pairs_and_exact_entries(tmp_path, capsys):
    assert track(tmp_path, "--export", str(tmp_path / "register.jsonl")) == 0
    capsys.readouterr()
    assert main(["evaluate-register", "--gold", str(GOLD), "--db", str(tmp_path / "register.sqlite")]) == 0
    assert "F1 1.000" in capsys.readouterr().out
    assert main(["evaluate-register", "--gold", str(GOLD), "--pred", str(tmp_path / "register.jsonl")]) == 0
    lumped = tmp_path / "lumped.jsonl"
    lumped.write_text(json.dumps({"articles": ["s1", "s2", "s3", "s4", "s5"]}) + "\n")
    assert main(["evaluate-register", "--gold", str(GOLD), "--pred", str(lumped)]) == 1


def test_pairwise_scores_by_hand():
    scores = score_merges(gold=[["a", "b", "c"], ["d"]], predicted=[["a", "b"], ["c", "d"], ["x", "a"]])
    # gold pairs ab ac bc; predicted pairs ab cd (x is not judged): one right of two, one of three
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.3333, 0.4)
    assert (scores.exact_entries, scores.gold_entries) == (0, 2)
    assert score_merges([["a"], ["b"]], [["a"], ["b"]]).exact == 1.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["track", "missing.jsonl", "--db", "{tmp}/r.sqlite"], "missing.jsonl: no such file"),
        (
            ["track", str(BATCH), "--from-batch", "--db", "{tmp}/r.sqlite", "--export", "{tmp}/r.xlsx"],
            ".jsonl, .csv or",
        ),
        (["track", "{tmp}/broken.jsonl", "--from-batch", "--db", "{tmp}/r.sqlite"], "broken.jsonl:2: not valid JSON"),
        (["track", str(BATCH), "--from-batch", "--db", "{tmp}/text.sqlite"], "not a closure register"),
        (["track", str(ARTICLES), "--articles", str(ARTICLES), "--db", "{tmp}/r.sqlite"], "only goes with"),
        (["track", str(ARTICLES), "--db", "{tmp}/r.sqlite", "--model", "{tmp}/nowhere"], "no trained model"),
        (["evaluate-register", "--gold", "{tmp}/bad_gold.jsonl", "--pred", str(BATCH)], "'articles' must be"),
        (["evaluate-register", "--gold", str(GOLD), "--db", "{tmp}/none.sqlite"], "none.sqlite: no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, argv, message):
    (tmp_path / "broken.jsonl").write_text(BATCH.read_text().splitlines()[0] + "\n{not json\n")
    (tmp_path / "text.sqlite").write_text("plain text, not SQLite " * 100)
    (tmp_path / "bad_gold.jsonl").write_text('{"closure_id": "g1", "articles": "s1"}\n')
    assert main([part.replace("{tmp}", str(tmp_path)) for part in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
    assert "Traceback" not in err[0]


def test_track_runs_the_extractor_end_to_end_with_a_tiny_model(tmp_path, tiny_model_dir):
    db = tmp_path / "register.sqlite"
    argv = ["track", str(ARTICLES), "--db", str(db), "--model", str(tiny_model_dir), "--html", str(tmp_path / "d.html")]
    assert main(argv) == 0
    assert main(argv) == 0  # nothing to read again
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_order_articles_come_in_does_not_change_the_register(tmp_path):
    import random

    from closure_extractor.extract.register import Article, Register
    from closure_extractor.extract.register_export import write_export
    from closure_extractor.extract.types import EntitySpan
    from closure_extractor.extract.updates import updates_of_text

    articles = {record["id"]: record for record in map(json.loads, ARTICLES.read_text().splitlines())}
    items = []
    for result in map(json.loads, BATCH.read_text().splitlines()):
        article = articles[result["id"]]
        spans = [EntitySpan(s["label"], s["start"], s["end"], s["text"]) for s in result["entities"]]
        updates = [u.to_dict() for u in updates_of_text(article["text"], article["published"], spans)]
        items.append((Article(article["id"], article["published"], article["text"]), result["events"], updates))
    exports = set()
    for seed in range(4):
        shuffled = random.Random(seed).sample(items, len(items))
        with Register.open(tmp_path / f"{seed}.sqlite") as register:
            register.add_articles(shuffled)
            write_export(register.db, tmp_path / f"{seed}.jsonl")
        exports.add((tmp_path / f"{seed}.jsonl").read_bytes())
    assert len(exports) == 1
