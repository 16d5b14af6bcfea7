"""Great-circle distances, and the township centres used when a seeker gives no coordinates.

Points are kept as unit vectors: the distance of two points is 2R asin(chord / 2), which numpy computes
for a million seekers at once from three multiply-adds. The scalar and vector forms below do the same
operations in the same order, so that the engine and the per-pair reference agree to the last bit
wherever the platform's asin does.
"""

import json
import math
from functools import cache
from importlib import resources
from operator import mul

import numpy as np

EARTH_RADIUS_KM = 6371.0088


@cache
def townships() -> dict[str, tuple[float, float]]:
    """Township name (Chinese, as in the exchange format) -> (lat, lon) of its approximate centre."""
    raw = json.loads(resources.files("matcher").joinpath("data/townships.json").read_text("utf-8"))
    return {t["name_zh"]: (t["lat"], t["lon"]) for t in raw["townships"]}


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    (x,), (y,), (z,) = unit_vectors((lat,), (lon,))
    return x, y, z


def unit_vectors(lats: list[float], lons: list[float]) -> tuple[list[float], list[float], list[float]]:
    """The unit vectors of many points, as x, y and z lists, column by column with math's trig (numpy's may
    differ in the last bit, and the engine's columns and the records' own vectors must agree to the bit)."""
    la, lo = list(map(math.radians, lats)), list(map(math.radians, lons))
    cos_la = list(map(math.cos, la))
    return (list(map(mul, cos_la, map(math.cos, lo))), list(map(mul, cos_la, map(math.sin, lo))),
            list(map(math.sin, la)))


def chord2(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    dx, dy, dz = a[0] - b[0], a[1] - b[1], a[2] - b[2]
    return dx * dx + dy * dy + dz * dz


def km_from_chord2(c2: float) -> float:
    return 2.0 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(c2) / 2.0))


def distance_km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return km_from_chord2(chord2(a, b))


def chord2_many(xyz: np.ndarray, b: tuple[float, float, float]) -> np.ndarray:
    """Squared chords from each column of xyz (3 x n) to the point b."""
    dx = xyz[0] - b[0]
    dy = xyz[1] - b[1]
    dz = xyz[2] - b[2]
    dx *= dx
    dy *= dy
    dz *= dz
    dx += dy
    dx += dz
    return dx


def km_from_chord2_many(c2: np.ndarray) -> np.ndarray:
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(c2) / 2.0))


def chord2_limit(km: float | np.ndarray):
    """The squared chord of a great-circle distance: a cheap test `chord2 <= chord2_limit(km)`."""
    return (2.0 * np.sin(np.minimum(km, math.pi * EARTH_RADIUS_KM) / (2.0 * EARTH_RADIUS_KM))) ** 2
