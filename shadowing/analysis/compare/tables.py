"""The activity, flow and duration tables of a comparison, and several perceptions side by side.

Every step and flow gets a ``status``: ``matched`` (told and happens), ``perceived_only`` (told,
never happens), ``hidden`` (happens, nobody told it), ``out_of_scope`` (happens, but only outside
the part a ``scope: part`` perception describes) and, with observations, ``observed_only`` (seen by
the observers, never in the system).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from ...model.perceived import PerceivedProcess
from .matching import match_steps_quietly, suggest
from .variants import Variants

__all__ = ["ARROW", "STATUSES", "activity_table", "duration_table", "flow_counts",
           "flow_table", "presence", "side_by_side"]

STATUSES = ("matched", "perceived_only", "hidden", "out_of_scope", "observed_only")
ARROW = " → "


# -- activities ------------------------------------------------------------------------------------

def presence(keys: np.ndarray, ev_var: np.ndarray, freq: np.ndarray, n_keys: int):
    """(cases, events) per key, from per-variant event keys."""
    if len(keys) == 0:
        return np.zeros(n_keys, dtype=np.int64), np.zeros(n_keys, dtype=np.int64)
    w = freq[ev_var]
    events = np.bincount(keys, weights=w, minlength=n_keys).astype(np.int64)
    n_var = len(freq)
    if n_var * n_keys <= 50_000_000:
        seen = np.zeros((n_var, n_keys), dtype=bool)
        seen[ev_var, keys] = True
        return (freq @ seen).astype(np.int64), events
    pair = np.unique(ev_var.astype(np.int64) * n_keys + keys)
    cases = np.bincount(pair % n_keys, weights=freq[pair // n_keys],
                        minlength=n_keys).astype(np.int64)
    return cases, events


def _observed_nodes(p: PerceivedProcess, ov: Variants, node_names: list[str]):
    """Node ids of the observed events in the recorded numbering (new names appended)."""
    names = list(node_names)
    index = _first_index(names)
    o_labels = [str(x) for x in ov.labels]
    o_step, _, _, _ = match_steps_quietly(p, o_labels)
    ids = np.empty(len(o_labels), dtype=np.int64)
    for j, lab in enumerate(o_labels):
        if o_step[j] >= 0:
            ids[j] = o_step[j]
        else:
            if lab not in index:
                index[lab] = len(names)
                names.append(lab)
            ids[j] = index[lab]
    return ids[ov.codes], names


def activity_table(p, v, node, ev_var, node_names, how, matched_labels, suggestions,
                   observed, *, outside=None) -> pd.DataFrame:
    """One row per perceived step and per activity recorded or observed (see
    `Comparison.activities`). ``outside``: (activities, flows) recorded or observed anywhere
    in the cases, for a comparison cut to a part; those not inside the part are
    ``out_of_scope``."""
    n_steps = len(p.steps)
    o_node = None
    names = list(node_names)
    if observed is not None:
        o_node, names = _observed_nodes(p, observed, node_names)
    n_nodes = len(names)
    cases, events = presence(node, ev_var, v.freq, n_nodes)
    rec = cases > 0
    rows = pd.DataFrame({"activity": names, "cases": cases, "events": events})
    rows["perceived"] = np.arange(n_nodes) < n_steps
    rows["recorded"] = rec
    if o_node is not None:
        o_cases, o_events = presence(o_node, observed.event_variant(), observed.freq, n_nodes)
        rows["observed"] = o_cases > 0
        rows["observed_cases"] = o_cases
        rows["observed_events"] = o_events
    else:
        rows["observed"] = False
    out = np.isin(np.asarray(names, dtype=object), list(outside[0]) if outside else []) \
        & ~rows["recorded"].to_numpy() & ~rows["observed"].to_numpy()
    out &= (np.arange(n_nodes) < n_steps) | ~np.isin(np.asarray(names, dtype=object),
                                                     list(p.steps))
    keep = rows["perceived"] | rows["recorded"] | rows["observed"] | out
    # hidden log activities that never occur (unused categories) are not rows
    status = np.select(
        [rows["perceived"] & rows["recorded"], ~rows["recorded"] & rows["observed"], out,
         rows["perceived"] & ~rows["recorded"], rows["recorded"] & ~rows["perceived"]],
        ["matched", "observed_only", "out_of_scope", "perceived_only", "hidden"], default="")
    rows.insert(1, "status", status)
    rows["log_activities"] = [
        "; ".join(matched_labels[s]) if i < n_steps else (s if rec[i] or out[i] else "")
        for i, s in enumerate(names)]
    rows["match"] = [how.get(s, "") if i < n_steps else "" for i, s in enumerate(names)]
    # suggestions both ways: unmatched steps, and hidden activities close to an unmatched step
    unmatched = [s for s in p.steps if s not in how]
    sug = []
    for i, s in enumerate(names):
        if i < n_steps:
            sug.append(suggestions.get(s, ""))
        elif rec[i] and unmatched:
            sug.append(suggest(s, unmatched) or "")
        else:
            sug.append("")
    if o_node is not None:   # a step nobody recorded may have been seen under another name
        seen_only = [names[i] for i in range(n_steps, n_nodes)
                     if not rec[i] and rows["observed"].iloc[i]]
        sug = [x or (suggest(s, seen_only) or "" if i < n_steps and s in unmatched else "")
               for i, (s, x) in enumerate(zip(names, sug))]
    rows["suggestion"] = sug
    rows["share"] = rows["cases"] / max(v.n_cases, 1)
    rows = rows.loc[keep.to_numpy()]
    order = ["activity", "status", "log_activities", "match", "suggestion", "cases", "events",
             "share", "perceived", "recorded", "observed"]
    if o_node is not None:
        order += ["observed_cases", "observed_events"]
    rows = rows[order]
    rank = rows["status"].map({s: i for i, s in enumerate(STATUSES)})
    rows = rows.assign(_r=rank, _p=np.where(rows["perceived"], 0, 1),
                       _i=np.arange(len(rows)))
    rows = rows.sort_values(["_p", "_i"]).drop(columns=["_r", "_p", "_i"])
    if o_node is None:
        rows = rows.drop(columns=["observed"])
    return rows.reset_index(drop=True)


# -- flows -----------------------------------------------------------------------------------------

def _pairs(node, ev_var):
    same = ev_var[1:] == ev_var[:-1]
    return node[:-1][same], node[1:][same], ev_var[1:][same]


def flow_counts(node, ev_var, freq, n_nodes):
    a, b, var = _pairs(node, ev_var)
    key = a * n_nodes + b
    w = freq[var]
    occ = pd.Series(w).groupby(key).sum()
    uniq = np.unique(var.astype(np.int64) * (n_nodes * n_nodes) + key)
    cases = pd.Series(freq[uniq // (n_nodes * n_nodes)]).groupby(uniq % (n_nodes * n_nodes)).sum()
    return cases, occ


def flow_table(p, v, node, ev_var, node_names, ev, step_of, observed, *, outside=None
               ) -> pd.DataFrame:
    """One row per flow drawn, recorded or observed (see `Comparison.flows`); ``outside`` as
    in `activity_table`."""
    names = list(node_names)
    o_node = None
    if observed is not None:
        o_node, names = _observed_nodes(p, observed, node_names)
    n = len(names)
    cases, occ = flow_counts(node, ev_var, v.freq, n)
    index = _first_index(names)
    drawn = {index[a] * n + index[b] for a, b in p.flows}
    implied = {index[a] * n + index[b] for a, b in p.allowed_flows} - drawn
    keys = sorted(set(cases.index) | drawn)
    o_cases = None
    if o_node is not None:
        o_cases, _ = flow_counts(o_node, observed.event_variant(), observed.freq, n)
        keys = sorted(set(keys) | set(o_cases.index))
    outside_keys = set()
    if outside:
        outside_keys = {index[a] * n + index[b] for a, b in outside[1]
                        if a in index and b in index}
        keys = sorted(set(keys) | outside_keys)
    keys = np.asarray(keys, dtype=np.int64)
    out = pd.DataFrame({
        "source": [names[k // n] for k in keys], "target": [names[k % n] for k in keys],
        "cases": cases.reindex(keys, fill_value=0).to_numpy().astype(np.int64),
        "occurrences": occ.reindex(keys, fill_value=0).to_numpy().astype(np.int64)})
    perceived = np.array(["drawn" if k in drawn else "implied" if k in implied else ""
                          for k in keys], dtype=object)
    out.insert(2, "perceived", perceived)
    rec = out["cases"].to_numpy() > 0
    is_p = perceived != ""
    obs = np.zeros(len(keys), dtype=bool)
    if o_cases is not None:
        oc = o_cases.reindex(keys, fill_value=0).to_numpy().astype(np.int64)
        obs = oc > 0
        out["observed_cases"] = oc
    out_of = np.isin(keys, list(outside_keys)) & ~rec & ~obs
    status = np.select([is_p & rec, ~rec & obs, out_of, is_p & ~rec, rec & ~is_p],
                       ["matched", "observed_only", "out_of_scope", "perceived_only", "hidden"],
                       default="")
    out.insert(2, "status", status)
    out["share"] = out["cases"] / max(v.n_cases, 1)
    out = out.loc[status != ""]
    out["wait_median"] = _flow_waits(out, ev, step_of, p, names)
    rank = out["status"].map({s: i for i, s in enumerate(STATUSES)})
    out = out.assign(_r=rank).sort_values(["_r", "cases", "source", "target"],
                                          ascending=[True, False, True, True])
    return out.drop(columns="_r").reset_index(drop=True)


def _first_index(names) -> dict[str, int]:
    """Name -> first position (perceived steps come before the log's names)."""
    out: dict[str, int] = {}
    for i, s in enumerate(names):
        out.setdefault(s, i)
    return out


def _event_nodes(ev, step_of, n_steps):
    return np.where(step_of[ev.act] >= 0, step_of[ev.act], n_steps + ev.act)


def _flow_waits(out, ev, step_of, p, names) -> pd.Series:
    """Median waiting time per directly-follows flow (next start − previous end)."""
    n = len(names)
    node = _event_nodes(ev, step_of, len(p.steps))
    same = ev.case[1:] == ev.case[:-1]
    start = ev.start if ev.start is not None else ev.end
    wait = (start[1:] - ev.end[:-1])[same]
    key = (node[:-1] * n + node[1:])[same]
    med = pd.Series(wait).groupby(key).median()
    index = _first_index(names)
    want = out["source"].map(index).to_numpy() * n + out["target"].map(index).to_numpy()
    vals = med.reindex(want).to_numpy()
    return pd.Series(pd.to_timedelta(vals, unit="ns"), index=out.index)


# -- durations -------------------------------------------------------------------------------------

def duration_table(p: PerceivedProcess, ev, step_of) -> pd.DataFrame:
    cols = ["kind", "where", "perceived", "actual_median", "actual_mean", "n", "ratio"]
    if not p.durations:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    index = {s: i for i, s in enumerate(p.steps)}
    s_of = step_of[ev.act]
    rows = []
    step_stats = None
    for key, td in p.durations.items():
        if isinstance(key, tuple):
            st = _elapsed(ev, s_of, index[key[0]], index[key[1]])
            where = f"{key[0]}{ARROW}{key[1]}"
            kind = "flow"
        else:
            if step_stats is None:
                if ev.start is not None:
                    has = s_of >= 0
                    dur = (ev.end - ev.start)[has]
                    step_stats = pd.Series(dur).groupby(s_of[has]).agg(["median", "mean", "size"])
                else:
                    step_stats = pd.DataFrame(columns=["median", "mean", "size"])
            k = index[key]
            st = step_stats.loc[k] if k in step_stats.index else None
            where, kind = key, "step"
        med = pd.Timedelta(int(st["median"]), unit="ns") if st is not None else pd.NaT
        mean = pd.Timedelta(int(st["mean"]), unit="ns") if st is not None else pd.NaT
        rows.append({"kind": kind, "where": where, "perceived": td, "actual_median": med,
                     "actual_mean": mean, "n": int(st["size"]) if st is not None else 0,
                     "ratio": (med / td) if st is not None and td > pd.Timedelta(0)
                     else float("nan")})
    out = pd.DataFrame(rows, columns=cols)
    out["n"] = out["n"].astype("int64")
    out["ratio"] = out["ratio"].astype(float)
    return out


def _elapsed(ev, s_of, a: int, b: int):
    """Per case: from the end of the first ``a`` to the start of the first ``b`` after it.

    A perceived flow duration ("from A to B takes a day") is an elapsed time, whatever
    happens in between; cases without a ``b`` after an ``a`` do not count.
    """
    start = ev.start if ev.start is not None else ev.end
    never = np.iinfo(np.int64).max
    t_a = np.full(ev.n_cases, never, dtype=np.int64)
    is_a = s_of == a
    np.minimum.at(t_a, ev.case[is_a], ev.end[is_a])
    is_b = s_of == b
    cb, sb = ev.case[is_b], start[is_b]
    ok = (t_a[cb] != never) & (sb >= t_a[cb])
    first_b = np.full(ev.n_cases, never, dtype=np.int64)
    np.minimum.at(first_b, cb[ok], sb[ok])
    has = first_b != never
    if not has.any():
        return None
    waits = first_b[has] - t_a[has]
    return pd.Series({"median": float(np.median(waits)), "mean": float(waits.mean()),
                      "size": int(has.sum())})


def side_by_side(comps: Mapping, v: Variants) -> pd.DataFrame:
    """One row per log activity and log flow (the log's names), plus what each perception
    told that never happens; one status column per perception."""
    labels = [str(x) for x in v.labels]
    n = len(labels)
    ev_var = v.event_variant()
    a_cases, _ = presence(v.codes, ev_var, v.freq, n)
    f_cases, _ = flow_counts(v.codes, ev_var, v.freq, n)
    act_rows = pd.DataFrame({"kind": "activity", "item": labels, "cases": a_cases})
    act_rows = act_rows.loc[act_rows["cases"] > 0]
    fk = f_cases.index.to_numpy()
    flow_src = [labels[k // n] for k in fk]
    flow_tgt = [labels[k % n] for k in fk]
    flow_rows = pd.DataFrame({"kind": "flow",
                              "item": [f"{a}{ARROW}{b}" for a, b in zip(flow_src, flow_tgt)],
                              "cases": f_cases.to_numpy()})
    extra_acts, extra_flows = {}, {}
    statuses = {}
    for label, c in comps.items():
        a = c.activities
        node_of = {}
        for act, logs in zip(a["activity"], a["log_activities"]):
            for x in str(logs).split("; "):
                if x:
                    node_of[x] = act
        a_status = dict(zip(a["activity"], a["status"]))
        f_status = {(x, y): st for x, y, st in zip(c.flows["source"], c.flows["target"],
                                                   c.flows["status"])}
        outside = "out_of_scope" if c.scope is not None and c.scope.kind == "part" else "—"
        col_a = [a_status.get(node_of.get(x, x), outside) for x in act_rows["item"]]
        col_f = [f_status.get((node_of.get(x, x), node_of.get(y, y)), outside)
                 for x, y in zip(flow_src, flow_tgt)]
        for act, st in a_status.items():
            if st in ("perceived_only", "observed_only"):
                extra_acts.setdefault(act, {})[label] = st
        for (x, y), st in f_status.items():
            if st in ("perceived_only", "observed_only"):
                extra_flows.setdefault(f"{x}{ARROW}{y}", {})[label] = st
        statuses[label] = (col_a, col_f)
    for label, (col_a, col_f) in statuses.items():
        act_rows[label] = col_a
        flow_rows[label] = col_f
    extra = []
    for kind, items in (("activity", extra_acts), ("flow", extra_flows)):
        for item, sts in items.items():
            row = {"kind": kind, "item": item, "cases": 0}
            row.update({label: sts.get(label, "—") for label in comps})
            extra.append(row)
    out = pd.concat([act_rows, flow_rows, pd.DataFrame(extra, columns=act_rows.columns)],
                    ignore_index=True)
    out = out.drop_duplicates(["kind", "item"])
    out["cases"] = out["cases"].astype("int64")
    out.insert(3, "share", out["cases"] / max(v.n_cases, 1))
    out = out.assign(_k=out["kind"].map({"activity": 0, "flow": 1}))
    out = out.sort_values(["_k", "cases", "item"], ascending=[True, False, True])
    return out.drop(columns="_k").reset_index(drop=True)
