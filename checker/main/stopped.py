"""What a command stopped by Ctrl-C says: one line, exit 130 (``checker.launch``, ``checker.cli``).

Imported before the command line loads, so it imports nothing.
"""

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
STOPPED = "avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"
