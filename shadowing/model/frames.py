"""Frames that travel inside other frames' ``attrs`` (rejected rows beside a read table)."""

from __future__ import annotations

import pandas as pd


class AttrFrame(pd.DataFrame):
    """A DataFrame that can live in another frame's ``attrs``.

    pandas compares the ``attrs`` of the frames it merges or concatenates; for a plain DataFrame
    that comparison raises. ``AttrFrame == other_frame`` answers one bool (same shape, same
    values: `DataFrame.equals`); everything else behaves as a DataFrame.
    """

    @property
    def _constructor(self):
        return AttrFrame

    def __eq__(self, other):  # noqa: D105
        if isinstance(other, pd.DataFrame):
            return bool(self.shape == other.shape and self.equals(other))
        return super().__eq__(other)

    def __ne__(self, other):  # noqa: D105
        if isinstance(other, pd.DataFrame):
            return not self.__eq__(other)
        return super().__ne__(other)

    __hash__ = None  # type: ignore[assignment]
