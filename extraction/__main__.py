"""``python -m extraction extract PATH ...`` (see extraction/cli.py)."""

import sys

from extraction.cli import main

sys.exit(main())
