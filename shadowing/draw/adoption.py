"""The adoption curve: share of the roster active per period and group, against a target."""

from __future__ import annotations

import logging
from typing import Literal, Mapping

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import ColumnNotFoundError, ParameterError, check_choice, check_number
from ..wording.adoption import TEXT, system_text, window_text

log = logging.getLogger(__name__)

_STYLES = ["-", "--", "-.", ":"]
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
_DATE_COLUMNS = ("period", "date", "week", "day", "start", "datum", "week_end")
_SHARE_COLUMNS = ("share", "off_system_share", "off_system", "value", "aandeel")


def _off_system_series(off_system) -> pd.Series | float:
    func = "plot_adoption"
    if isinstance(off_system, (int, float, np.floating)) and not isinstance(off_system, bool):
        value = float(off_system)
    elif isinstance(off_system, pd.Series):
        try:
            idx = pd.DatetimeIndex(pd.to_datetime(off_system.index))
        except (ValueError, TypeError):
            raise ParameterError(f"The 'off_system' parameter of {func} must be indexed by "
                                 "dates; got an index of "
                                 f"{off_system.index.dtype}.") from None
        value = pd.Series(off_system.to_numpy(dtype=float), index=idx).sort_index()
    elif isinstance(off_system, pd.DataFrame) and "level" in off_system.columns \
            and "share" in off_system.columns and (off_system["level"] == "overall").any():
        # the result of shadowing.off_system: one share for the whole observation period
        value = float(off_system.loc[off_system["level"] == "overall", "share"].iloc[0])
    elif isinstance(off_system, pd.DataFrame):
        cols = [str(c) for c in off_system.columns]
        date_col = next((c for c in _DATE_COLUMNS if c in cols), None)
        share_col = next((c for c in _SHARE_COLUMNS if c in cols), None)
        if share_col is None or (date_col is None
                                 and not isinstance(off_system.index, pd.DatetimeIndex)):
            raise ColumnNotFoundError(
                f"{func}: the off_system frame needs a date column ({', '.join(_DATE_COLUMNS)}) "
                f"and a share column ({', '.join(_SHARE_COLUMNS)}); columns are: "
                f"{', '.join(cols)}.", source="DataFrame")
        dates = off_system.index if date_col is None else off_system[date_col]
        value = pd.Series(off_system[share_col].to_numpy(dtype=float),
                          index=pd.DatetimeIndex(pd.to_datetime(dates))).sort_index()
    else:
        raise ParameterError(f"The 'off_system' parameter of {func} must be a share (0..1), a "
                             "Series of shares indexed by date, or a DataFrame with a date and a "
                             f"share column. Got {type(off_system).__name__} instead.")
    values = np.atleast_1d(np.asarray(value if isinstance(value, float) else value.to_numpy()))
    if np.nanmax(values, initial=0) > 1 or np.nanmin(values, initial=0) < 0:
        raise ParameterError(f"The 'off_system' parameter of {func} must hold shares between 0 "
                             f"and 1; found {np.nanmax(values):g}.")
    if isinstance(value, pd.Series) and value.index.tz is not None:
        value.index = value.index.tz_localize(None)
    return value


def plot_adoption(adoption_frame: pd.DataFrame, *, target: float | None = 0.9, go_live=None,
                  off_system=None, ax=None, lang: Literal["en", "nl"] = "en",
                  x: Literal["period", "weeks"] = "period", system: str | None = None,
                  title: str | None = None):
    """Adoption curves per group against a target line, with the go-live marked.

    Readable in black and white: every group has its own line style and marker (the total is a
    thick black line); the go-live is a grey vertical line, the target a dotted horizontal one.

    Parameters
    ----------
    adoption_frame : DataFrame
        The result of `adoption`.
    target : float or None
        Target share (default 0.9); None for no target line.
    go_live : date or mapping, optional
        Where to mark the go-live; default the ``go_live`` column of the frame.
    off_system : float, Series or DataFrame, optional
        Share of observed work done off the system, drawn beside the adoption curve: the
        result of `off_system_by_period` (a point per period), a Series indexed by date, a
        DataFrame with a date column (``period``, ``date``, ``week``, ...) and a share column
        (``share``, ``off_system_share``, ...); or one share for the whole observation period
        (a float, or the result of `shadowing.off_system`: its overall row), drawn as a
        horizontal line.
    ax : matplotlib Axes, optional
    lang : {"en", "nl"}
    x : {"period", "weeks"}
        Dates on the x axis, or weeks since go-live (groups with different go-lives aligned).
    system : str, optional
        Named in the default title.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.ticker import PercentFormatter  # noqa: PLC0415

    func = "plot_adoption"
    i18n.check_lang(lang, func)
    check_choice("x", x, ("period", "weeks"), func=func)
    missing = [c for c in ("team", "period", "share") if c not in adoption_frame.columns]
    if missing:
        raise ColumnNotFoundError(f"{func}: expected the result of shadowing.analysis.adoption; column "
                                  f"'{missing[0]}' is missing.", source="DataFrame")
    target = check_number("target", target, func=func, low=0, low_open=True, high=1, none=True,
                          what="a share")
    off = _off_system_series(off_system) if off_system is not None else None
    t = TEXT[lang]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    frame = adoption_frame.sort_values("period", kind="stable")
    is_total = (frame["total"].astype(bool) if "total" in frame.columns
                else pd.Series(False, index=frame.index))
    colors = plt.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
    if x == "weeks":
        if "weeks_since_go_live" not in frame.columns:
            raise ColumnNotFoundError(f"{func}: x='weeks' needs the column 'weeks_since_go_live' "
                                      "of shadowing.analysis.adoption's result.", source="DataFrame")
        # the total has no weeks when the groups went live on different days: left out
        keep = frame["weeks_since_go_live"].notna().to_numpy()
        frame, is_total = frame[keep], is_total[keep]

    def xs(rows):
        return (rows["period"].to_numpy() if x == "period"
                else rows["weeks_since_go_live"].to_numpy(dtype=float))

    holiday = (frame["holiday"].astype(bool).to_numpy() if "holiday" in frame.columns
               else np.zeros(len(frame), dtype=bool))

    def shares(rows):     # a collective holiday is a gap in the curve, not a drop to 0%
        values = rows["share"].to_numpy(dtype=float).copy()
        if "holiday" in rows.columns:
            values[rows["holiday"].astype(bool).to_numpy()] = np.nan
        return values

    if holiday.any():     # shaded, once per holiday period
        first_group = frame.loc[~is_total, "team"].iloc[0] if (~is_total).any() else frame["team"].iloc[0]
        rows = frame[(frame["team"] == first_group)]
        periods = xs(rows)
        step = (periods[1] - periods[0]) if len(periods) > 1 else (pd.Timedelta(days=7) if x == "period" else 1)
        labelled = False
        for pos in np.flatnonzero(rows["holiday"].astype(bool).to_numpy()):
            ax.axvspan(periods[pos] - step, periods[pos], color="0.88", zorder=0,
                       label=None if labelled else t["holiday"])
            labelled = True

    groups = [gname for gname in frame.loc[~is_total, "team"].unique()]
    for i, gname in enumerate(groups):
        rows = frame[(frame["team"] == gname) & ~is_total]
        ax.plot(xs(rows), shares(rows), label=str(gname),
                linestyle=_STYLES[i % len(_STYLES)], marker=_MARKERS[i % len(_MARKERS)],
                markersize=4, linewidth=1.5, color=colors[i % len(colors)])
    if is_total.any():
        rows = frame[is_total]
        ax.plot(xs(rows), shares(rows), label=t["total"],
                linestyle="-", marker=None, linewidth=2.8, color="black", zorder=3)

    # go-live
    if x == "weeks":
        ax.axvline(0, color="0.45", linestyle=(0, (6, 3)), linewidth=1.2, label=t["go_live"],
                   zorder=1)
    else:
        if go_live is None and "go_live" in frame.columns:
            pairs = (frame.loc[~is_total & frame["go_live"].notna(), ["team", "go_live"]]
                     .drop_duplicates("team"))
            go = dict(zip(pairs["team"].astype(str), pairs["go_live"]))
        elif isinstance(go_live, Mapping):
            go = {str(k): pd.Timestamp(v) for k, v in go_live.items()}
        elif go_live is not None:
            go = {"": pd.Timestamp(go_live)}
        else:
            go = {}
        distinct = sorted(set(go.values()))
        for j, day in enumerate(distinct):
            who = [k for k, v in go.items() if v == day and k]
            label = t["go_live"] if len(distinct) == 1 else f"{t['go_live']} {', '.join(who)}"
            ax.axvline(day, color="0.45", linestyle=[(0, (6, 3)), (0, (2, 2, 8, 2))][j % 2],
                       linewidth=1.2, label=label, zorder=1)
    if target is not None:
        ax.axhline(target, color="black", linestyle=(0, (1, 2)), linewidth=1.2,
                   label=f"{t['target']} {i18n.percent(target, lang)}", zorder=1)
    if off is not None:
        if isinstance(off, float):
            ax.axhline(off, color="0.35", linestyle=(0, (3, 1, 1, 1)), linewidth=1.5,
                       label=f"{t['off']}: {i18n.percent(off, lang)}")
        else:
            xs = off.index
            if x == "weeks":
                gl = frame["go_live"].dropna().unique() if "go_live" in frame.columns else []
                if len(gl) != 1:
                    log.warning("%s: off-system shares need one go-live to be drawn against weeks; "
                                "not drawn", func)
                    xs = None
                else:
                    xs = (xs + pd.Timedelta(days=1) - pd.Timestamp(gl[0])) // pd.Timedelta(days=7)
            if xs is not None:
                ax.plot(np.asarray(xs), off.to_numpy(), color="0.35", linestyle=(0, (3, 1, 1, 1)),
                        marker="x", markersize=6, linewidth=1.5, label=t["off"])
    win = adoption_frame.attrs.get("window", pd.Timedelta(days=7))
    ax.set_ylabel(t["ylabel"].format(w=window_text(pd.Timedelta(win), lang)))
    if x == "weeks":
        ax.set_xlabel(t["xweeks"])
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(0, 1.05)
    ax.set_title(title if title is not None else t["title"].format(s=system_text(system, lang)))
    ax.grid(axis="y", color="0.9", linewidth=0.8)
    ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if x == "period":
        ax.figure.autofmt_xdate()
    return ax
