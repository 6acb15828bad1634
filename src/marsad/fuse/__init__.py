"""Fusion: group incident mentions from many articles into events with per-source figures."""

from marsad.fuse.cluster import fuse
from marsad.fuse.event import Event
from marsad.fuse.mention import Mention, load_mentions, mentions_from_article

__all__ = ["Event", "Mention", "fuse", "load_mentions", "mentions_from_article"]
