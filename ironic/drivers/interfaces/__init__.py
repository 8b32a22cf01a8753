"""One abstract base class per hardware interface kind."""
from __future__ import annotations
