"""Test-wide isolation: the gazetteer reads no user's imported places unless a test says so.

``marsad gazetteer import`` writes to the user data folder, which extraction then reads; a test run
must not depend on (or be changed by) what someone imported on this machine.
"""

from __future__ import annotations

import os
import tempfile

_EMPTY = tempfile.mkdtemp(prefix="marsad-test-gazetteer-")
os.environ["MARSAD_GAZETTEER_DIR"] = _EMPTY  # inherited by CLI subprocesses and Dask workers
