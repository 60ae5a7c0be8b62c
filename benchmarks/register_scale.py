"""Build a closure register from N synthetic events and print the seconds and peak memory it took.

    python benchmarks/register_scale.py                 # 1,000,000 events into a temporary file
    python benchmarks/register_scale.py --events 100000 --db /tmp/register.sqlite

The events imitate real coverage: offices of many types in every region of the table (and numbered
puskesmas and kecamatan, one office per ten events), each closing about three times over two
years, each closure reported by one to six articles (some with only the region in the dateline,
some with a spelling variant), and a few extensions. Events are streamed in article order and
committed in transactions; nothing holds all of them in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from closure_extractor.extract.register import Article, Register
from closure_extractor.extract.tables_io import load_table

BODIES = ("Disdukcapil", "Dinsos", "Dinkes", "Bapenda", "BPBD", "Kejari", "PN", "Samsat", "DPRD", "KPP Pratama")
VARIANTS = {"Disdukcapil": ("Dukcapil", "Dindukcapil"), "Dinsos": ("Dinas Sosial",), "PN": ("Pengadilan Negeri",)}
UNIT_TYPES = ("Puskesmas", "Kecamatan")
FIRST_DAY = dt.date(2020, 3, 1).toordinal()


def office(number: int, regions: list[tuple[str, str]]) -> tuple[str, str, str]:
    """Office ``number``: a body of every type in every region first, then numbered puskesmas and
    kecamatan ('Puskesmas Unit 7'), as a country's worth of offices."""
    kinds = len(BODIES) * len(regions)
    kind, name = regions[(number // len(BODIES)) % len(regions)]
    unit = number // kinds
    body = BODIES[number % len(BODIES)] if unit == 0 else f"{UNIT_TYPES[unit % 2]} Unit {unit}"
    return kind, name, body


def synthetic_articles(events: int, seed: int = 13) -> Iterator[tuple[Article, list[dict], list[dict]]]:
    """``(article, events, updates)`` until ``events`` events were made; deterministic for a seed."""
    rng = random.Random(seed)
    regions = [(r["kind"], r["name"]) for r in load_table("regions")["regions"]]
    offices = max(100, events // 10)  # about three closures per office over the two years
    made = article = 0
    while made < events:
        kind, name, body = office(rng.randrange(offices), regions)
        start = FIRST_DAY + rng.randrange(700)
        length = rng.randrange(1, 15)
        for report in range(rng.randrange(1, 7)):
            article += 1
            published = dt.date.fromordinal(start + min(report, length - 1)).isoformat()
            written = rng.choice((body, *VARIANTS.get(body, ())))
            dateline = report % 3 == 2
            agency = written if dateline else f"{written} {kind.title()} {name}"
            event = {
                "agency": agency,
                "start_date": dt.date.fromordinal(start).isoformat() if report % 2 == 0 else None,
                "end_date": dt.date.fromordinal(start + length - 1).isoformat() if report % 4 == 0 else None,
                "reason_category": "covid_case",
                "officials": [{"name": f"Pejabat {article % 97}", "title": None}],
                "headcounts": [{"count": report + 1, "text": f"{report + 1} pegawai"}],
                "evidence": [{"start": 0, "end": 40, "text": f"{agency} ditutup sementara."}],
            }
            text = f"{name.upper()} – {agency} ditutup sementara." if dateline else None
            updates = []
            if report == 3:
                reopen = dt.date.fromordinal(start + length + 2).isoformat()
                updates = [{"kind": "extension", "agency": agency, "date": reopen}]
            url = f"https://example.org/{article}"
            yield Article(f"a{article}", published, text, url, "Synthetic"), [event], updates
            made += 1
            if made >= events:
                return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="register file to write (default: a temporary one)")
    parser.add_argument("--batch", type=int, default=5000, help="articles per transaction")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "register.sqlite"
        started = time.perf_counter()
        with Register.open(path) as register:
            added = register.add_articles(synthetic_articles(args.events), batch=args.batch)
            entries = register.db.execute("SELECT COUNT(*) FROM closures").fetchone()[0]
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.events:,} events from {added:,} articles -> {entries:,} closures: "
        f"{seconds:.1f} s ({args.events / seconds:,.0f} events/s), peak RSS {peak_mb:,.0f} MB, "
        f"register file {size / 2**20:,.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
