"""Running checks over many files: batch, cache, baseline, history, the nightly run and its dashboard."""

TREND_RUNS = 30  # runs shown in the dashboard's trend charts
SILENT = 2  # check -qq: nothing on standard out, only the exit code (and errors on stderr)
