"""Allows ``python -m checker`` as an alternative to the ``rolcheck`` console script."""

import sys

from checker.cli import main

sys.exit(main())
