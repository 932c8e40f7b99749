"""Canonical JSON and content hashes shared by the certificate writer and the result cache.

A hash is ``sha256`` of the canonical JSON text: sorted keys, no whitespace,
ASCII only, floats in Python's shortest round-trip form. :func:`jsonable` maps
backend records (tuples, NumPy scalars and arrays, non-finite floats) onto the
plain JSON data model once, so a value written and read back hashes the same.
The verifier re-implements these few lines itself rather than importing them.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def digest(data: Any) -> str:
    """Hex sha256 of the canonical JSON text of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("ascii")).hexdigest()


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data; idempotent, and a JSON round trip leaves it unchanged."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=canonical_json)
    if hasattr(value, "tolist"):          # NumPy arrays and scalars
        return jsonable(value.tolist())
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return _ADDRESS.sub("", str(value))   # last resort: text without memory addresses
