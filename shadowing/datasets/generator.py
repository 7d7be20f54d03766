"""Deterministic generator of event logs and of the bundled sample scenarios.

Two uses:

* `generate_log` makes a synthetic order-to-cash log of any size (benchmarks: 1M and 5M
  events) in the canonical columns, vectorised with numpy (one loop over the positions in a
  case, never over cases or events).
* `Calendar`, `Act`, `Process`, `arrivals` and `simulate_process` are the simulation engine
  that the developer-only sample builders (``tools/samples/``, ``make samples``) use to write
  the bundled scenarios; everything comes from fixed seeds, so the files are byte-identical on
  every run.

The logs have the texture of real exports: log-normal (skewed) durations and waits, working
hours, weekends and Dutch/Belgian public holidays, batches entered at the same minute, a few
near-duplicate labels and missing resources. The effects planted in each sample are listed in
its ``truth.yaml`` and README.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..model import columns as C

log = logging.getLogger(__name__)

END = "__end__"

# ------------------------------------------------------------------------------------------
# calendar: working days, hours and public holidays
# ------------------------------------------------------------------------------------------


def _easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(country: str, years) -> list[dt.date]:
    """Public holidays on which offices are closed: ``"nl"`` (Netherlands) or ``"be"`` (Belgium)."""
    out: list[dt.date] = []
    for y in years:
        easter = _easter(y)
        day = dt.timedelta(days=1)
        if country == "nl":
            kings = dt.date(y, 4, 27)
            if kings.weekday() == 6:
                kings = dt.date(y, 4, 26)
            out += [dt.date(y, 1, 1), easter + day, kings, easter + 39 * day, easter + 50 * day,
                    dt.date(y, 12, 25), dt.date(y, 12, 26)]
            if y % 5 == 0:
                out.append(dt.date(y, 5, 5))
        elif country == "be":
            out += [dt.date(y, 1, 1), easter + day, dt.date(y, 5, 1), easter + 39 * day,
                    easter + 50 * day, dt.date(y, 7, 21), dt.date(y, 8, 15), dt.date(y, 11, 1),
                    dt.date(y, 11, 11), dt.date(y, 12, 25)]
        else:
            raise ValueError(f"unknown country {country!r}; expected 'nl' or 'be'")
    return sorted(out)


@dataclass(frozen=True)
class Calendar:
    """Working time as one number line: minute ``m`` of working day ``d`` is ``d * day_len + m``.

    Waits and durations are added on that line, so work stops at night, at weekends and on
    holidays, and continues the next working day.
    """

    days: np.ndarray          # datetime64[D] working days
    day_start: int = 480      # minutes after midnight (08:00)
    day_len: int = 540        # working minutes per day (08:00-17:00)

    @classmethod
    def build(cls, first: str, last: str, country: str, *, day_start: int = 480,
              day_len: int = 540, closed: tuple[tuple[str, str], ...] = ()) -> "Calendar":
        first_d, last_d = np.datetime64(first, "D"), np.datetime64(last, "D")
        days = np.arange(first_d, last_d + 1, dtype="datetime64[D]")
        years = range(int(str(first_d)[:4]), int(str(last_d)[:4]) + 1)
        hol = np.array(public_holidays(country, years), dtype="datetime64[D]")
        keep = np.is_busday(days) & ~np.isin(days, hol)
        for a, b in closed:
            keep &= ~((days >= np.datetime64(a, "D")) & (days <= np.datetime64(b, "D")))
        return cls(days=days[keep], day_start=day_start, day_len=day_len)

    def index_of(self, day: str) -> int:
        """Index of the first working day on or after ``day``."""
        return int(np.searchsorted(self.days, np.datetime64(day, "D")))

    def to_time(self, bm: np.ndarray) -> np.ndarray:
        """Working minutes -> datetime64[s]; beyond the calendar, working days continue weekly."""
        bm = np.asarray(bm, dtype=float)
        day = np.floor(bm / self.day_len).astype(np.int64)
        minute = bm - day * self.day_len
        n = len(self.days)
        inside = np.clip(day, 0, n - 1)
        base = self.days[inside].astype("datetime64[s]")
        over = np.maximum(day - (n - 1), 0)  # past the end: add calendar days (rare, a tail)
        secs = np.round((self.day_start + minute) * 60).astype(np.int64) + over * 86400
        return base + secs.astype("timedelta64[s]")


# ------------------------------------------------------------------------------------------
# the process engine
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    """One activity of a simulated process."""

    key: str
    label: str
    service: float = 2.0            # median duration in minutes (log-normal); 0: instant
    sigma: float = 0.6
    system: str | None = None
    role: str = "staff"             # the role whose case owner does it; "auto": nobody
    batch: int | None = None        # done in a batch at this working minute of the day
    p_other: float = 0.0            # on an immediate repeat: share done by another person
    has_start: bool = True          # the export has a start time for it


@dataclass
class Process:
    acts: list[Act]
    start: dict[str, float]
    flows: dict[str, dict[str, float]]
    waits: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    default_wait: tuple[float, float] = (3.0, 0.8)   # median minutes, sigma
    max_len: int = 40

    def index(self) -> dict[str, int]:
        return {a.key: i for i, a in enumerate(self.acts)}

    def matrices(self):
        idx = self.index()
        n = len(self.acts)
        start = np.zeros(n)
        for k, p in self.start.items():
            start[idx[k]] = p
        trans = np.zeros((n, n + 1))
        for a, row in self.flows.items():
            for b, p in row.items():
                trans[idx[a], n if b == END else idx[b]] += p
        empty = trans.sum(1) == 0
        trans[empty, n] = 1.0
        trans /= trans.sum(1, keepdims=True)
        wait_med = np.full((n, n), self.default_wait[0])
        wait_sig = np.full((n, n), self.default_wait[1])
        for (a, b), (m, s) in self.waits.items():
            wait_med[idx[a], idx[b]] = m
            wait_sig[idx[a], idx[b]] = s
        return start / start.sum(), trans, wait_med, wait_sig


def _sample_rows(cum: np.ndarray, rows: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Vectorised draw from categorical rows: ``cum`` holds cumulative probabilities."""
    return (u[:, None] > cum[rows]).sum(1)


def _simulate(proc: Process, arrivals: np.ndarray, rng: np.random.Generator,
              people: dict[str, tuple[np.ndarray, np.ndarray]], day_len: int) -> pd.DataFrame:
    """Run ``proc`` for cases arriving at working minutes ``arrivals``.

    ``people`` maps a role to (names, weights): each case gets one owner per role (drawn with
    the weights, so some people handle more cases), who does that role's steps.

    Returns one row per event: ``case`` (int), ``act`` (int), ``start_bm``, ``end_bm`` (working
    minutes), ``resource`` (object, None for automatic steps).
    """
    n = len(arrivals)
    start_p, trans, wait_med, wait_sig = proc.matrices()
    n_act = len(proc.acts)
    cum_start = np.cumsum(start_p)
    cum = np.cumsum(trans, axis=1)
    cum[:, -1] = 1.0
    service = np.array([a.service for a in proc.acts])
    sigma = np.array([a.sigma for a in proc.acts])
    batch = np.array([-1 if a.batch is None else a.batch for a in proc.acts], dtype=float)
    p_other = np.array([a.p_other for a in proc.acts])

    seq = np.full((n, proc.max_len), -1, dtype=np.int32)
    st = np.zeros((n, proc.max_len))
    en = np.zeros((n, proc.max_len))
    state = np.minimum((rng.random(n)[:, None] > cum_start[None, :]).sum(1), n_act - 1)
    prev = np.full(n, -1)
    t = arrivals.astype(float).copy()
    alive = np.ones(n, dtype=bool)
    for k in range(proc.max_len):
        idx = np.flatnonzero(alive)
        if idx.size == 0:
            break
        a = state[idx]
        p = prev[idx]
        w = np.where(p >= 0, rng.lognormal(np.log(np.maximum(wait_med[np.maximum(p, 0), a], 1e-6)),
                                           wait_sig[np.maximum(p, 0), a]), 0.0)
        s = t[idx] + w
        b = batch[a]
        is_batch = b >= 0
        if is_batch.any():
            # the next batch slot at or after the previous step's end
            tb = t[idx][is_batch]
            slot = np.ceil((tb - b[is_batch]) / day_len) * day_len + b[is_batch]
            s[is_batch] = slot
        d = np.where(service[a] > 0, rng.lognormal(np.log(np.maximum(service[a], 1e-9)), sigma[a]),
                     0.0)
        e = s + d
        seq[idx, k] = a
        st[idx, k] = s
        en[idx, k] = e
        t[idx] = e
        prev[idx] = a
        u = rng.random(idx.size)
        nxt = _sample_rows(cum, a, u)
        nxt = np.where(k == proc.max_len - 1, n_act, nxt)
        state[idx] = np.minimum(nxt, n_act - 1)
        alive[idx] = nxt < n_act

    mask = seq >= 0
    case = np.broadcast_to(np.arange(n)[:, None], seq.shape)[mask]
    pos = np.broadcast_to(np.arange(proc.max_len)[None, :], seq.shape)[mask]
    act = seq[mask]
    prev_act = np.concatenate([np.full((n, 1), -1), seq[:, :-1]], axis=1)[mask]

    # resources: one owner per case and role; immediate repeats sometimes by someone else
    roles = sorted({a.role for a in proc.acts})
    role_of = np.array([roles.index(a.role) for a in proc.acts])
    resource = np.full(len(act), None, dtype=object)
    for r, role in enumerate(roles):
        if role == "auto":
            continue
        names, weights = people[role]
        owner = rng.choice(len(names), size=n, p=weights / weights.sum())
        sel = role_of[act] == r
        who = owner[case[sel]]
        repeat = (prev_act[sel] == act[sel]) & (rng.random(sel.sum()) < p_other[act[sel]])
        if len(names) > 1:
            who = np.where(repeat, (who + rng.integers(1, len(names), sel.sum())) % len(names), who)
        resource[sel] = names[who]
    return pd.DataFrame({"case": case, "pos": pos, "act": act, "start_bm": st[mask],
                         "end_bm": en[mask], "resource": resource})


def simulate_process(proc: Process, arrivals, rng, people, cal: Calendar) -> pd.DataFrame:
    ev = _simulate(proc, arrivals, rng, people, cal.day_len)
    ev["start"] = cal.to_time(ev["start_bm"].to_numpy())
    ev["end"] = cal.to_time(ev["end_bm"].to_numpy())
    ev["label"] = np.array([a.label for a in proc.acts], dtype=object)[ev["act"].to_numpy()]
    ev["key"] = np.array([a.key for a in proc.acts], dtype=object)[ev["act"].to_numpy()]
    ev["system"] = np.array([a.system for a in proc.acts], dtype=object)[ev["act"].to_numpy()]
    ev["has_start"] = np.array([a.has_start and a.service > 0 for a in proc.acts])[ev["act"].to_numpy()]
    return ev


def arrivals(cal: Calendar, n: int, rng, *, first: str, last: str,
              trend: float = 0.0, peaks=((60, 90), (330, 90)), peak_share=0.7) -> np.ndarray:
    """Case arrival times (working minutes): working days between ``first`` and ``last``,
    Mondays busier, a trend (``-0.8``: the daily rate falls to 20% by the end), and intra-day
    peaks ``(minute, spread)``."""
    i0, i1 = cal.index_of(first), cal.index_of(last)
    days = cal.days[i0:i1 + 1]
    x = np.linspace(0, 1, len(days))
    w = (1 + trend * x) * np.where(pd.DatetimeIndex(days).day_of_week == 0, 1.3, 1.0)
    w = np.clip(w, 0.02, None)
    day = i0 + rng.choice(len(days), size=n, p=w / w.sum())
    which = rng.random(n) < peak_share
    peak = rng.integers(0, len(peaks), n)
    centre = np.array([p[0] for p in peaks])[peak]
    spread = np.array([p[1] for p in peaks])[peak]
    minute = np.where(which, rng.normal(centre, spread / 2), rng.uniform(0, cal.day_len, n))
    minute = np.clip(minute, 0, cal.day_len - 5)
    return np.sort(day * cal.day_len + minute)


# ------------------------------------------------------------------------------------------
# generate_log: synthetic logs of any size for benchmarks
# ------------------------------------------------------------------------------------------

#: The 25 activities of the benchmark log (an order-to-cash process), with the system each is
#: done in; the main path is `MAIN_PATH` (indices), the rest are detours.
ACTIVITIES = [
    "Order ontvangen", "Order registreren", "Klant controleren", "Krediet controleren",
    "Voorraad controleren", "Prijs bevestigen", "Order bevestigen", "Inkoop aanvragen",
    "Leverancier bellen", "Levering ontvangen", "Kwaliteit controleren", "Picken",
    "Inpakken", "Verzendlabel maken", "Transport boeken", "Verzenden", "Levering bevestigen",
    "Factuur maken", "Factuur versturen", "Herinnering sturen", "Betaling ontvangen",
    "Betaling boeken", "Klacht registreren", "Creditnota maken", "Order afsluiten",
]
SYSTEMS = ["ERP", "ERP", "CRM", "Excel", "ERP", "Excel", "e-mail", "ERP", "phone", "ERP",
           "paper", "ERP", "ERP", "ERP", "e-mail", "ERP", "phone", "ERP", "e-mail", "e-mail",
           "ERP", "Excel", "CRM", "ERP", "ERP"]
MAIN_PATH = [0, 1, 3, 4, 6, 11, 15, 17, 20, 24]

_FIRST = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gert", "Hanna", "Ilse", "Joris",
          "Kim", "Lars", "Mila", "Niels", "Olga", "Pim", "Roos", "Sem", "Tess", "Vera",
          "Wout", "Yara", "Zeynep", "Bilal", "Emma", "Luuk", "Sara", "Thijs", "Noor", "Jesse"]
_LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
         "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Kaya", "Claes",
         "Wouters", "Maes", "Peeters"]


def _names(n: int, rng: np.random.Generator) -> np.ndarray:
    first = rng.permutation(len(_FIRST))
    last = rng.permutation(len(_LAST))
    out = [f"{_FIRST[first[i % len(_FIRST)]]} {_LAST[last[(i * 7 + i // len(_FIRST)) % len(_LAST)]]}"
           for i in range(n)]
    return np.array(out, dtype=object)


def _benchmark_process(n_activities: int, rng: np.random.Generator) -> Process:
    if n_activities < 3:
        raise ValueError(f"n_activities must be at least 3, got {n_activities}")
    if n_activities <= len(ACTIVITIES):
        names = ACTIVITIES[:n_activities]
        systems = SYSTEMS[:n_activities]
    else:
        names = ACTIVITIES + [f"Activiteit {i + 1:02d}" for i in range(len(ACTIVITIES), n_activities)]
        systems = SYSTEMS + [SYSTEMS[i % len(SYSTEMS)] for i in range(len(ACTIVITIES), n_activities)]
    n = n_activities
    if n == len(ACTIVITIES):
        path = list(MAIN_PATH)
    else:
        path = sorted(set(np.linspace(0, n - 1, max(3, round(n * 0.4))).round().astype(int).tolist()))
    roles = ["binnendienst", "magazijn", "administratie", "inkoop", "service"]
    acts = []
    for i, name in enumerate(names):
        role = roles[min(i * len(roles) // n, len(roles) - 1)]
        acts.append(Act(key=name, label=name, service=float(np.exp(rng.uniform(np.log(1), np.log(25)))),
                         sigma=0.7, system=systems[i], role=role,
                         batch=420 if name == "Factuur versturen" else None, p_other=0.4))
    flows: dict[str, dict[str, float]] = {}
    for i in range(n):
        row: dict[str, float] = {}

        def add(j, p):
            j = int(j)
            key = END if j >= n else names[j]
            row[key] = row.get(key, 0.0) + p

        later = [p for p in path if p > i]
        nxt = later[0] if later else n
        if i == n - 1:
            add(n, 1.0)
        else:
            add(nxt, 0.60)
            add(min(i + 1, n - 1), 0.08)
            add(min(i + 2, n - 1), 0.07)
            add(min(i + 3, n - 1), 0.05)
            add(max(i - 1, 0), 0.05)
            add(i, 0.03)
            add(rng.integers(0, n), 0.04)
            add(n, 0.015 + 0.03 * (i / n))
            add(rng.integers(min(i + 1, n - 1), n), 0.05)
        flows[names[i]] = row
    start = {names[0]: 0.9, names[1]: 0.05, names[2]: 0.05}
    waits = {}
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.08:
                waits[(names[i], names[j])] = (float(np.exp(rng.uniform(np.log(30), np.log(600)))), 0.9)
    if n == len(ACTIVITIES):
        waits[("Krediet controleren", "Voorraad controleren")] = (540.0, 0.8)
        waits[("Leverancier bellen", "Levering ontvangen")] = (3 * 540.0, 0.6)
        waits[("Factuur versturen", "Betaling ontvangen")] = (14 * 540.0, 0.5)
    return Process(acts=acts, start=start, flows=flows, waits=waits, default_wait=(20.0, 1.0),
                    max_len=45)


def generate_log(n_events: int = 100_000, *, n_activities: int = 25, n_resources: int = 60,
                 seed: int = 20260301, start: str = "2025-01-06", days: int = 365,
                 country: str = "nl", missing_resources: float = 0.01) -> pd.DataFrame:
    """A synthetic order-to-cash event log of exactly ``n_events`` events.

    About ten events per case; cases walk a Markov chain over ``n_activities`` activities (a
    main path with skips, detours, loops and rework), so there are many variants. Durations
    and waits are log-normal, work happens on working days (08:00-17:00, no weekends, Dutch or
    Belgian public holidays), invoices are sent in a daily batch at 15:00 (same minute), and
    ``missing_resources`` of the events have no resource. The last case may be cut short to hit
    ``n_events`` exactly (an open case, as in any export).

    Parameters
    ----------
    n_events : int
    n_activities : int
        Distinct activities (the first 25 are the names in `ACTIVITIES`).
    n_resources : int
    seed : int
        Same seed, same log.
    start : str
        First day cases arrive; arrivals spread over ``days`` calendar days.
    country : {"nl", "be"}
    missing_resources : float

    Returns
    -------
    DataFrame
        Canonical columns ``case:concept:name``, ``concept:name``, ``time:timestamp``,
        ``start_timestamp``, ``org:resource``, ``system`` (labels categorical, times
        datetime64[ns]), ordered by case, then time.

    Examples
    --------
    >>> from shadowing.datasets.generator import generate_log
    >>> log = generate_log(1000, seed=1)
    >>> len(log), log["concept:name"].nunique()
    (1000, 25)
    """
    if n_events < 1:
        raise ValueError(f"n_events must be at least 1, got {n_events}")
    rng = np.random.default_rng(seed)
    proc = _benchmark_process(n_activities, rng)
    last = (np.datetime64(start, "D") + np.timedelta64(days, "D")).astype(str)
    cal = Calendar.build(start, str(np.datetime64(last, "D") + np.timedelta64(400, "D")), country)
    n_cases = int(n_events / 9.0) + 20
    roles = sorted({a.role for a in proc.acts})
    names = _names(n_resources, rng)
    people = {}
    for i, role in enumerate(roles):
        mine = names[i::len(roles)]
        people[role] = (mine, rng.pareto(2.0, len(mine)) + 0.3)
    while True:
        arr = arrivals(cal, n_cases, rng, first=start, last=last)
        ev = simulate_process(proc, arr, rng, people, cal)
        if len(ev) >= n_events:
            break
        n_cases = int(n_cases * 1.3) + 10
    ev = ev.iloc[:n_events]
    n_cases_used = int(ev["case"].iloc[-1]) + 1
    case_cats = np.char.add("C", np.char.zfill(np.arange(1, n_cases_used + 1).astype(str), 7))
    res = ev["resource"].to_numpy(dtype=object)
    res = np.where(rng.random(len(res)) < missing_resources, None, res)
    starts = ev["start"].to_numpy().astype("datetime64[ns]")
    sys_cats = sorted({a.system for a in proc.acts})
    sys_code = np.array([sys_cats.index(a.system) for a in proc.acts])
    frame = pd.DataFrame({
        C.CASE: pd.Categorical.from_codes(ev["case"].to_numpy(), case_cats),
        C.ACTIVITY: pd.Categorical.from_codes(ev["act"].to_numpy(), [a.label for a in proc.acts]),
        C.TIMESTAMP: ev["end"].to_numpy().astype("datetime64[ns]"),
        C.START: starts,
        C.RESOURCE: pd.Categorical(res, categories=sorted(set(names.tolist()))),
        C.SYSTEM: pd.Categorical.from_codes(sys_code[ev["act"].to_numpy()], sys_cats),
    })
    return frame


def write_log(frame: pd.DataFrame, path, *, fmt: str | None = None) -> Path:
    """Write a log frame as CSV (UTF-8, comma, ISO times to the second) or Parquet.

    The format follows the suffix (``.csv``, ``.parquet``) unless ``fmt`` is given.
    Categorical columns are written as plain text.
    """
    path = Path(path)
    fmt = fmt or ("parquet" if path.suffix.lower() in (".parquet", ".pq") else "csv")
    if fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "csv":
        frame.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")
    else:
        raise ValueError(f"fmt must be 'csv' or 'parquet', got {fmt!r}")
    return path
