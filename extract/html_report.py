"""A page a person can read: each article with its entities highlighted and its events as cards."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from closure_extractor.extract.types import ClosureEvent, EntitySpan

COLOURS = {"OFFICIAL": "#ffd6a5", "AGENCY": "#a0c4ff", "DATE": "#caffbf", "HEADCOUNT": "#ffadad"}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
.article { display: grid; grid-template-columns: 3fr 2fr; gap: 2rem; margin-bottom: 3rem; }
.text { white-space: pre-wrap; line-height: 1.7; }
mark { padding: 0 .15em; border-radius: .2em; }
mark sup { font-size: .6em; color: #555; margin-left: .2em; }
.card { border: 1px solid #ccc; border-radius: .5em; padding: 1rem; margin-bottom: 1rem; background: #fafafa; }
.card h3 { margin: 0 0 .5rem; } .card dt { font-weight: 600; } .card dd { margin: 0 0 .4rem; }
.legend mark { margin-right: .5rem; } .none { color: #888; font-style: italic; }
"""


def highlight(text: str, spans: Sequence[EntitySpan]) -> str:
    """The text as HTML with each span wrapped in a coloured ``<mark>``."""
    out, cursor = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < cursor:
            continue
        out.append(html.escape(text[cursor : span.start]))
        colour = COLOURS.get(span.label, "#eee")
        out.append(
            f'<mark style="background:{colour}" title="{span.label} {span.score:.2f}">'
            f"{html.escape(text[span.start : span.end])}<sup>{span.label}</sup></mark>"
        )
        cursor = span.end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def event_card(event: ClosureEvent) -> str:
    rows = {
        "Dates": f"{event.start_date or '?'} → {event.end_date or 'open'}"
        + (f" ({event.duration_days} days)" if event.duration_days else ""),
        "Officials": "; ".join(f"{o.name} ({o.title})" if o.title else o.name for o in event.officials) or "-",
        "People": "; ".join(f"{h.text} = {h.count if h.count is not None else '?'}" for h in event.headcounts) or "-",
        "Moved to": ", ".join(event.redirected_to) or "-",
        "Reason": event.reason or "-",
        "Reason category": event.reason_category,
        "Confidence": f"{event.confidence:.2f}",
        "Why": ", ".join(event.why) or "-",
    }
    items = "".join(f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in rows.items())
    return f'<div class="card"><h3>{html.escape(event.agency)}</h3><dl>{items}</dl></div>'


def render_page(articles: Sequence[tuple[str, str, list[EntitySpan], list[ClosureEvent]]]) -> str:
    """``articles`` holds ``(title, text, spans, events)``; returns a complete HTML document."""
    legend = "".join(f'<mark style="background:{c}">{label}</mark>' for label, c in COLOURS.items())
    sections = []
    for title, text, spans, events in articles:
        cards = "".join(event_card(e) for e in events) or '<p class="none">No closure event found.</p>'
        data = html.escape(json.dumps([e.to_dict() for e in events], ensure_ascii=False))
        sections.append(
            f'<h2>{html.escape(title)}</h2><div class="article"><div class="text">{highlight(text, spans)}</div>'
            f'<div class="events">{cards}</div></div><script type="application/json">{data}</script>'
        )
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Closure events</title>'
        f'<style>{STYLE}</style></head><body><h1>Closure events</h1><p class="legend">{legend}</p>'
        f"{''.join(sections)}</body></html>"
    )
