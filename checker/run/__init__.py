"""Running checks over many files: discovery, the worker pool, the cache, the baseline and the output guard."""
