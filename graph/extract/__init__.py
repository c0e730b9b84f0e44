"""Reading claims out of documents: text readers, sentences, mentions, the rule grammar,
candidate claims, the review overlay and the evaluation against curated claims."""

from __future__ import annotations

from .candidates import Candidate, candidate_id
from .extractor import extract

__all__ = ["Candidate", "candidate_id", "extract"]
