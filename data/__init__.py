"""The annotated closure-news corpus: its format, validator, converters and dataset builder."""

from closure_extractor.data.schema import LABELS, AnnotatedDocument, Span

__all__ = ["LABELS", "AnnotatedDocument", "Span"]
