"""Entry point for ``python -m analysis``."""
import sys

from .run.cli import main

sys.exit(main())
