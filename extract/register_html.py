"""The register as one static, offline HTML page: a sortable, filterable table and a weekly timeline.

Everything is inline (data as JSON, CSS, JS; no CDN), so the file can be mailed or opened from a
disk. Filters are read from the query string on load (``dashboard.html?province=Banten&reason=
covid_case&from=2020-11-01&to=2020-11-30&type=pengadilan negeri``) and written back to it on every
change, which makes a filtered view a link and lets a headless browser test the page.
"""

from __future__ import annotations

import html
import json
import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import Any

from closure_extractor.extract.register_export import iter_rows


def _asset(name: str) -> str:
    """The page's CSS and JS, kept as files beside this module so they read (and lint) as code."""
    return (files("closure_extractor.extract") / "assets" / name).read_text(encoding="utf-8")


def dashboard_entries(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Export rows plus what the page shows besides: office type and every report with its evidence."""
    entries = []
    for row in iter_rows(db, with_internal_id=True):
        closure = row.pop("_id")
        body = db.execute("SELECT body FROM closures WHERE id = ?", (closure,)).fetchone()[0]
        entries.append(row | {"office_type": body or "", "reports": _reports(db, closure)})
    return entries


def _reports(db: sqlite3.Connection, closure: int) -> list[dict[str, Any]]:
    """Each event and update of an entry, in the order they were published, with evidence sentences."""
    reports = []
    events = db.execute(
        "SELECT e.article_id, a.url, a.outlet, a.published, e.agency, e.start_date, e.end_date, e.data"
        " FROM closure_reports r JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = e.article_id"
        " WHERE r.closure_id = ?",
        (closure,),
    )
    for article, url, outlet, published, agency, start, end, data in events:
        evidence = [item["text"] for item in json.loads(data).get("evidence") or [] if item.get("text")]
        dates = f"{start or '?'} – {end or '?'}"
        reports.append(_report(article, url, outlet, published, "closure", agency, dates, evidence))
    updates = db.execute(
        "SELECT u.article_id, a.url, a.outlet, a.published, u.kind, u.agency, u.date, u.evidence"
        " FROM updates u JOIN articles a ON a.id = u.article_id WHERE u.closure_id = ?",
        (closure,),
    )
    for article, url, outlet, published, kind, agency, date, evidence in updates:
        reports.append(_report(article, url, outlet, published, kind, agency, date, [evidence] if evidence else []))
    return sorted(reports, key=lambda r: (r["published"] or "", r["article"], r["kind"]))


def _report(article, url, outlet, published, kind, agency, dates, evidence) -> dict[str, Any]:
    return {
        "article": article,
        "url": url,
        "outlet": outlet,
        "published": published,
        "kind": kind,
        "agency": agency,
        "dates": dates,
        "evidence": evidence,
    }


def render_dashboard(entries: list[dict[str, Any]], title: str = "Closure register") -> str:
    """A complete HTML document; the data is inline JSON with '</' escaped so it cannot end the script."""
    data = json.dumps(entries, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    filters = "".join(
        f'<label>{label}<{tag} id="f-{key}"{extra}>{options}</{tag}></label>'
        for label, key, tag, extra, options in (
            ("Province", "province", "select", "", '<option value="">all</option>'),
            ("Office type", "type", "select", "", '<option value="">all</option>'),
            ("Reason", "reason", "select", "", '<option value="">all</option>'),
            ("From", "from", "input", ' type="date"', ""),
            ("To", "to", "input", ' type="date"', ""),
            ("Search", "q", "input", ' type="search"', ""),
        )
    ).replace("></input>", ">")
    headers = "".join(
        f'<th data-key="{key}">{name}</th>'
        for key, name in (
            ("agency", "Office"),
            ("region", "Region"),
            ("province", "Province"),
            ("type", "Type"),
            ("reason", "Reason"),
            ("start", "Start"),
            ("end", "End"),
            ("days", "Days"),
            ("reports", "Articles"),
        )
    )
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_asset('dashboard.css')}</style></head><body><h1>{html.escape(title)}</h1>"
        f'<div class="filters">{filters}</div><p id="count" class="meta"></p>'
        f'<div id="timeline"></div><table><thead><tr>{headers}</tr></thead><tbody id="rows"></tbody></table>'
        f'<script type="application/json" id="register-data">{data}</script>'
        f"<script>{_asset('dashboard.js')}</script></body></html>"
    )


def write_dashboard(db: sqlite3.Connection, path: Path) -> int:
    """Write the page for every entry of the register; returns the number of entries."""
    entries = dashboard_entries(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_dashboard(entries), encoding="utf-8")
    return len(entries)
