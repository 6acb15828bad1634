"""marsad: Arabic conflict news to a geo-referenced, source-attributed incident database."""

__version__ = "0.1.0"
