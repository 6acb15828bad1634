"""The same input gives the same output whatever Python's string hashing (set order) does."""

from __future__ import annotations

import os
import subprocess
import sys

# a clause whose type comes from its casualty measures only (no trigger word of its own)
TEXT = "وقال الأهالي إن 300 نازح و20 مختطفا من القرية ما زالوا مجهولي المصير. وتحدثت مصادر عن 12 معتقلا و40 نازحا."

SCRIPT = f"""
import json
from marsad.models import RawArticle
from marsad.pipeline import Extractor
r = Extractor().process(RawArticle(id="t", text={TEXT!r}), published="2019-01-01")
print(json.dumps(r.to_dict(with_text=False), ensure_ascii=False, sort_keys=True))
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
        )
        outs.add(done.stdout)
    assert len(outs) == 1
    assert '"type"' in outs.pop()
