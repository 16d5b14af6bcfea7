"""Growable column storage: one row per id, rows reused after removal, arrays doubled when full.

The engine keeps seekers and positions as columns (numpy arrays with the row on the last axis) so that
a query touches a few contiguous arrays, and an upsert writes one row instead of rebuilding anything.
"""

import numpy as np


class Store:
    def __init__(self, columns: dict[str, tuple], capacity: int = 1024):
        #: name -> (dtype, leading shape, fill value); row is the last axis
        self._spec = dict(columns)
        self.capacity = capacity
        self.arrays = {name: np.full((*lead, capacity), fill, dtype) for name, (dtype, lead, fill) in self._spec.items()}
        self.alive = np.zeros(capacity, bool)
        self.ids = np.full(capacity, "", "U8")
        self.row: dict[str, int] = {}
        self._free: list[int] = []
        self.high = 0  # rows [0, high) have been used

    def __len__(self) -> int:
        return len(self.row)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def rows_for(self, ids: list[str]) -> np.ndarray:
        """Rows of these (distinct) ids, allocating rows for new ones (existing ids keep theirs)."""
        if not self._free:  # a bulk load of new ids takes a run of new rows, without a loop
            before, run = len(self.row), range(self.high, self.high + len(ids))
            found = list(map(self.row.setdefault, ids, run))
            if len(self.row) == before + len(ids):
                while run.stop > self.capacity:
                    self._grow(self.capacity * 2)
                self.high = run.stop
                return self._mark(np.arange(run.start, run.stop), ids)
            for id_, r, new in zip(ids, found, run):  # some are known: undone, and row by row below
                if r == new:
                    del self.row[id_]
        out = np.empty(len(ids), np.intp)
        for i, id_ in enumerate(ids):
            r = self.row.get(id_)
            if r is None:
                if self._free:
                    r = self._free.pop()
                else:
                    if self.high == self.capacity:
                        self._grow(self.capacity * 2)
                    r = self.high
                    self.high += 1
                self.row[id_] = r
            out[i] = r
        return self._mark(out, ids)

    def _mark(self, out: np.ndarray, ids: list[str]) -> np.ndarray:
        """Writes the ids of these rows and marks them alive."""
        longest = max(map(len, ids), default=0)
        if longest > self.ids.dtype.itemsize // 4:
            self.ids = self.ids.astype(f"U{max(longest, 2 * self.ids.dtype.itemsize // 4)}")
        self.ids[out] = ids
        self.alive[out] = True
        return out

    def remove(self, id_: str) -> int | None:
        r = self.row.pop(id_, None)
        if r is not None:
            self.alive[r] = False
            self.ids[r] = ""
            for name, (_, _, fill) in self._spec.items():
                self.arrays[name][..., r] = fill
            self._free.append(r)
        return r

    def widen(self, name: str, width: int):
        """Give a (width x capacity) column more leading width, e.g. for a seeker with more skills."""
        old = self.arrays[name]
        if old.shape[0] < width:
            dtype, _, fill = self._spec[name]
            new = np.full((width, self.capacity), fill, dtype)
            new[: old.shape[0]] = old
            self.arrays[name] = new
            self._spec[name] = (dtype, (width,), fill)

    def _grow(self, capacity: int):
        for name, (dtype, lead, fill) in self._spec.items():
            new = np.full((*lead, capacity), fill, dtype)
            new[..., : self.capacity] = self.arrays[name]
            self.arrays[name] = new
        self.alive = np.concatenate([self.alive, np.zeros(capacity - self.capacity, bool)])
        self.ids = np.concatenate([self.ids, np.full(capacity - self.capacity, "", self.ids.dtype)])
        self.capacity = capacity
