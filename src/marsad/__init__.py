"""marsad: Arabic conflict news to a geo-referenced, source-attributed incident database."""

from marsad.native import select_build

__version__ = "0.1.0"
BUILD = select_build()  # "compiled" (mypyc, see setup.py) or "python"
