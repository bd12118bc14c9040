"""``python -m checker``: the same as the ``rapportkoll`` command."""

from checker.launch import main

raise SystemExit(main())
