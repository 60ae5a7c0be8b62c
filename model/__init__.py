"""The token classifier: label scheme, sub-word windows, loading, saving and tagging."""
