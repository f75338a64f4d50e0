"""`python -m incidents ...`: see incidents.cli."""

from incidents.cli import main

raise SystemExit(main())
