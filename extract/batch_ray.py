"""The batch job on Ray Data: Ray's readers, an actor per worker that loads the model once,
and the same ordered, resumable JSONL output as the local engine.

Locally this starts a Ray runtime on this machine; on a cluster pass ``--ray-address
ray://head:10001`` (or set ``RAY_ADDRESS``) and make the model directory readable on every
node (a shared filesystem path). Ray's readers need type-consistent columns: a file whose
``text`` column mixes strings and numbers is rejected by Ray as a whole, while the local
engine reports such records one by one.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from closure_extractor.extract.batch import JobOptions, Summary, process_tasks, to_task
from closure_extractor.extract.batch_io import InputRecord, OutputWriter, input_format, resume_output


class ExtractorActor:
    """Holds one loaded extractor for the life of the actor; maps a batch of rows to result lines."""

    def __init__(self, options: JobOptions, done: frozenset[str]) -> None:
        from closure_extractor.extract.api import Extractor

        self.options = options
        self.done = done
        self.extractor = Extractor.from_pretrained(options.model, precision=options.precision)

    def __call__(self, batch: dict) -> dict:
        columns = list(batch)
        rows = [dict(zip(columns, values)) for values in zip(*(batch[c] for c in columns))]
        tasks = [to_task(InputRecord(-1, _plain(row)), self.options) for row in rows]
        tasks = [t for t in tasks if t.id not in self.done]
        lines = process_tasks(self.extractor, tasks, self.options)
        return {"line": [json.dumps(line, ensure_ascii=False) for line in lines]}


def _plain(row: dict) -> dict:
    """Numpy scalars and missing values from Ray batches as plain Python values."""
    plain = {}
    for key, value in row.items():
        if hasattr(value, "item") and not isinstance(value, str | bytes):
            value = value.item()
        if isinstance(value, float) and value != value:  # NaN from an empty CSV cell
            value = None
        plain[key] = value
    return plain


def run_ray_job(source: Path, target: Path, options: JobOptions, address: str | None = None) -> Summary:
    import ray

    started = time.time()
    ray.init(
        address=address or os.environ.get("RAY_ADDRESS") or None,
        ignore_reinit_error=True,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    readers = {"jsonl": ray.data.read_json, "csv": ray.data.read_csv, "parquet": ray.data.read_parquet}
    done = resume_output(target)
    dataset = readers[input_format(source)](str(source))
    results = dataset.map_batches(
        ExtractorActor,
        fn_constructor_kwargs={"options": options, "done": frozenset(done)},
        batch_size=options.chunk_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=options.workers),
    )
    summary = Summary(skipped=len(done))
    writer = OutputWriter(target)
    try:
        for batch in results.iter_batches(batch_size=options.chunk_size, batch_format="numpy"):
            lines = [json.loads(text) for text in batch["line"]]
            writer.write_chunk(lines)
            summary.records += len(lines)
            summary.events += sum(len(line["events"]) for line in lines)
            summary.errors += sum(1 for line in lines if line["error"])
    finally:
        writer.close()
    summary.seconds = time.time() - started
    return summary
