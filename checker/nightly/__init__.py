"""The nightly room: the history (SQLite), the roster (RK106), the nightly run and its dashboard."""

TREND_RUNS = 30  # runs shown in the dashboard's trend charts
