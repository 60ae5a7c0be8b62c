"""The annotated closure-news corpus: its format, validator, converters and dataset builder."""

from data.schema import LABELS, AnnotatedDocument, Span

__all__ = ["LABELS", "AnnotatedDocument", "Span"]
