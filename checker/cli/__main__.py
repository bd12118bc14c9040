"""``python -m checker.cli``: the command line, as the ``rapportkoll`` entry point runs it."""

from checker.launch import main

raise SystemExit(main())
