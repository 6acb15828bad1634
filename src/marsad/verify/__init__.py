"""Verification: check extracted claims against a reference database and against other sources."""

from marsad.verify.check import ArticleVerdict, verify_mentions
from marsad.verify.reference import RefRecord, import_csv, load_reference

__all__ = ["ArticleVerdict", "RefRecord", "import_csv", "load_reference", "verify_mentions"]
