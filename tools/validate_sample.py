"""Quick shape check of a transcribed report against the model (dev aid)."""

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from checker.read.model import Report


class _Loader(yaml.SafeLoader):
    pass


# Keep dates as written, as the real loader does.
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_Loader)
    Report.model_validate(data)
    print("ok", name)
