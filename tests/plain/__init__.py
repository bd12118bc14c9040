"""The plain export of a report, as staff receive it: a writer for tests, fixtures and parity."""
