"""One row per event for spreadsheets: CSV and Parquet that pandas opens as they are."""

from __future__ import annotations

import json

import pandas as pd

from closure_extractor.extract.batch import main as batch_main
from closure_extractor.extract.evaluate import oracle_events
from closure_extractor.extract.event_table import COLUMNS, rows_of_results, write_csv, write_parquet


def seed_results(corpus) -> list[dict]:
    seeds = [d for d in corpus if d.id.startswith("seed-")]
    return [{"id": d.id, "events": oracle_events(d), "entities": [], "error": None} for d in seeds]


def test_the_csv_has_one_row_per_event_and_opens_in_pandas(tmp_path, corpus):
    results = seed_results(corpus)
    meta = {"seed-000": {"url": "https://example.org/a", "outlet": "Kabar Banten"}}
    path = tmp_path / "events.csv"
    assert write_csv(rows_of_results(results, meta), path) == sum(len(r["events"]) for r in results)
    table = pd.read_csv(path, encoding="utf-8-sig")
    assert list(table.columns) == list(COLUMNS)
    assert len(table) == sum(len(r["events"]) for r in results)
    first = table.iloc[0]
    assert first["agency"] == "Disdukcapil Kota Serang" and first["url"] == "https://example.org/a"
    assert first["officials"].startswith("Arif Rahman (Sekretaris Disdukcapil Kota Serang); Hari W Pamungkas")
    assert first["headcounts"] == "1 (Seorang ASN); 80 (80 pegawai)"


def test_parquet_keeps_the_same_columns_and_types(tmp_path, corpus):
    path = tmp_path / "events.parquet"
    write_parquet(rows_of_results(seed_results(corpus)), path)
    import pyarrow.parquet as pq

    assert list(pd.read_parquet(path).columns) == list(COLUMNS)
    assert str(pq.read_schema(path).field("duration_days").type) == "int64"  # nulls stay nulls, not NaN floats


def test_the_batch_job_writes_the_tables_next_to_its_output(tmp_path, tiny_model_dir):
    source = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "Kantor Dinsos ditutup.", "url": "https://x/a", "outlet": "X"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv_path, parquet_path = tmp_path / "events.csv", tmp_path / "events.parquet"
    args = [str(source), str(tmp_path / "out.jsonl"), "--model", str(tiny_model_dir), "--quiet"]
    assert batch_main([*args, "--events-csv", str(csv_path), "--events-parquet", str(parquet_path)]) == 0
    assert list(pd.read_csv(csv_path, encoding="utf-8-sig").columns) == list(COLUMNS)
    assert list(pd.read_parquet(parquet_path).columns) == list(COLUMNS)
