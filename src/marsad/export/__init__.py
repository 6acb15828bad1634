"""Exports of the incident store: flat CSV, article JSON Lines, GeoJSON and ACLED-style CSV."""

from marsad.export.writers import FORMATS, export

__all__ = ["FORMATS", "export"]
