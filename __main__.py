"""``python -m closure_extractor``: the same as the ``closures`` command."""

import sys

from closure_extractor.cli import main

sys.exit(main())
