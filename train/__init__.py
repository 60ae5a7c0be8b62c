"""Fine-tuning and evaluation of the token classifier (``python -m train``, ``python -m train.evaluate``)."""
