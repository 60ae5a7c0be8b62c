"""Closure-event extraction from Indonesian news: ``extract``, ``extract_entities``, ``Extractor``."""

from extract.api import Extractor, extract, extract_entities
from extract.types import ClosureEvent, EntitySpan

__all__ = ["ClosureEvent", "EntitySpan", "Extractor", "extract", "extract_entities"]
