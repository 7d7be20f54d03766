"""Stable pseudonyms for everyone in one report, and no name left anywhere else.

Privacy does not depend on a complete roster. Every person-like value the kit knows is
collected: roster user ids and names, event-log resources, shadowed persons, usage users,
observers, and who told a perception (when it is shaped like a name: "Henk van Dijk
(directeur)", not "Binnendienst verkoop"). Person columns are replaced by pseudonyms
(``Medewerker 1``, observers ``Waarnemer 1``); every other text anywhere in the inputs
(activity labels, notes, frustrations, perceived steps, rejected values and reasons) goes
through one `NameScrubber` that replaces those names, their first and last names, accent- and
case-insensitively, plus e-mail addresses, phone numbers and name-shaped words next to role
words. A first name on its own in the shadowing notes ("Marieke") is linked to the roster
person with that first name when only one has it.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from ..analysis.pseudonyms import NameScrubber, fold, looks_like_person, pseudonym_map
from ..model import columns as C

__all__ = ["People", "pseudonymise_report", "PLACEHOLDERS"]

#: Replacements for an unknown name, an e-mail address and a phone number, per language.
PLACEHOLDERS = {"nl": ("[naam]", "[e-mail]", "[telefoon]"), "en": ("[name]", "[e-mail]", "[phone]")}
PREFIX = {"nl": ("Medewerker", "Waarnemer"), "en": ("Employee", "Observer")}
#: Identifier and label columns: scrubbing never makes two of their values equal (counts stay true).
LABEL_COLUMNS = frozenset({C.CASE, C.ACTIVITY, "case", "activity", "frustration_id", "observation_id",
                           "tool", "system", C.SYSTEM, "step"})
#: Resource values that are not people (kept as they are inside text; the column is still
#: pseudonymised).
NOT_PEOPLE = frozenset({"system", "systeem", "batch", "admin", "automatic", "automatisch", "robot",
                        "user", "unknown", "onbekend", "none", "nobody", "niemand", "auto", "bot"})


def _blank(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v)) or not str(v).strip()


class People:
    """Stable pseudonyms for everyone in one report, linking roster user ids and names."""

    def __init__(self, lang: str, roster: pd.DataFrame | None, *, prefix: str | None = None):
        self.prefix = prefix or PREFIX.get(lang, PREFIX["en"])[0]
        self.alias: dict[str, str] = {}      # folded name or id -> key
        self.order: list[str] = []
        self.names: dict[str, str] = {}      # roster name -> key
        self._firsts: dict[str, set[str]] = {}
        if roster is not None and len(roster) and "user" in roster:
            names = roster["name"] if "name" in roster else pd.Series(None, index=roster.index, dtype=object)
            for user, name in zip(roster["user"].astype(object), names.astype(object)):
                if _blank(user):
                    continue
                key = str(user).strip()
                if key not in self.order:
                    self.order.append(key)
                self.alias[fold(key)] = key
                if not _blank(name):
                    name = " ".join(str(name).split())
                    self.alias.setdefault(fold(name), key)
                    self.names[name] = key
                    self._firsts.setdefault(fold(name.split()[0]), set()).add(key)
        self.mapping: dict[str, str] = {}
        self.ids: set[str] = set(self.alias.values())

    def key(self, value) -> str | None:
        if _blank(value):
            return None
        text = " ".join(str(value).split())
        folded = fold(text)
        if folded in self.alias:
            return self.alias[folded]
        owners = self._firsts.get(folded)
        if owners and len(owners) == 1 and " " not in text:  # 'Marieke' is Marieke Jansen
            return next(iter(owners))
        return text

    def collect(self, values, *, ids: bool = False) -> None:
        """Add people in order of first appearance; ``ids``: the values are user ids (looked
        for inside text as whole words too)."""
        for v in pd.unique(pd.Series(values, dtype=object)):
            k = self.key(v)
            if k is not None and k not in self.order:
                self.order.append(k)
            if ids and k is not None:
                self.ids.add(" ".join(str(v).split()))

    def freeze(self) -> None:
        self.mapping = pseudonym_map(pd.Series(self.order, dtype=object), prefix=self.prefix)

    def pseudonym(self, value):
        k = self.key(value)
        return self.mapping.get(k, value) if k is not None else value

    def apply(self, series: pd.Series) -> pd.Series:
        """Pseudonyms in place of names; categorical stays categorical. A new Series."""
        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = series.cat.categories
            new = [self.pseudonym(c) for c in cats]
            if len(set(new)) == len(new):
                return series.cat.rename_categories(new)
            return series.astype(object).map(self.pseudonym).astype("category")
        return series.astype(object).map(self.pseudonym).astype(object)

    def known_names(self) -> dict[str, str]:
        """Every value to look for inside text -> its pseudonym (names, person-like values, ids)."""
        out: dict[str, str] = {}
        for name, key in self.names.items():
            out[name] = self.mapping.get(key, self.prefix)
        for key in self.order:
            pseudo = self.mapping.get(key)
            if pseudo is None:
                continue
            if looks_like_person(key):
                out.setdefault(key, pseudo)
        for user in self.ids:
            if re.fullmatch(r"[\w.@-]{4,}", user) and fold(user) not in NOT_PEOPLE \
                    and self.mapping.get(self.key(user)):
                out.setdefault(user, self.mapping[self.key(user)])
        return out


def _who(told_by: str) -> tuple[str, str]:
    """``'Henk van Dijk (directeur)'`` -> ``('Henk van Dijk', ' (directeur)')``."""
    m = re.match(r"\s*([^(,;:<\[\n]*?)\s*([(,;:<\[\n].*)?$", told_by, flags=re.S)
    if not m:
        return told_by, ""
    rest = m.group(2) or ""
    return m.group(1), (" " + rest if rest.startswith("(") else rest)


def _text_columns(frame: pd.DataFrame, skip=()) -> list[str]:
    return [c for c in frame.columns if c not in skip and (
        frame[c].dtype == object or isinstance(frame[c].dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(frame[c].dtype))]


def _scrub_frame(frame: pd.DataFrame | None, scrub: NameScrubber, replace: dict | None = None):
    """A copy with ``replace`` columns set and every other text column scrubbed; attrs too."""
    if frame is None:
        return None
    replace = dict(replace or {})
    out = frame.copy()
    for col, values in replace.items():
        out[col] = values
    for col in _text_columns(frame, skip=replace):
        out[col] = scrub.series(frame[col], distinct=col in LABEL_COLUMNS
                                or isinstance(frame[col].dtype, pd.CategoricalDtype))
    attrs = dict(frame.attrs)
    for k, v in attrs.items():
        if isinstance(v, pd.DataFrame) and k != "columns":
            scrubbed = v.copy()
            for col in _text_columns(v):
                scrubbed[col] = scrub.series(v[col])
            attrs[k] = type(v)(scrubbed) if type(v) is not pd.DataFrame else scrubbed
    out.attrs = attrs
    return out


def _scrub_obj(obj, scrub: NameScrubber, replace: dict | None = None):
    """An EventLog/Observations (frame + rejected) or a plain frame, scrubbed."""
    if obj is None:
        return None
    if hasattr(obj, "frame") and dataclasses.is_dataclass(obj):
        changes = {"frame": _scrub_frame(obj.frame, scrub, replace)}
        if isinstance(getattr(obj, "rejected", None), pd.DataFrame):
            changes["rejected"] = _scrub_frame(obj.rejected, scrub)
        return dataclasses.replace(obj, **changes)
    return _scrub_frame(obj, scrub, replace)


def _renamed(value, f):
    """``value`` with every string inside (tuples, lists, sets, dict keys and values) passed through f."""
    if isinstance(value, str):
        return f(value)
    if isinstance(value, tuple):
        return tuple(_renamed(v, f) for v in value)
    if isinstance(value, list):
        return [_renamed(v, f) for v in value]
    if isinstance(value, frozenset):
        return frozenset(_renamed(v, f) for v in value)
    if isinstance(value, set):
        return {_renamed(v, f) for v in value}
    if isinstance(value, dict):
        return {_renamed(k, f): _renamed(v, f) for k, v in value.items()}
    return value


def _scrub_perceived(perc, scrub: NameScrubber, who_pseudo: dict[str, str]):
    """A perception with the teller pseudonymised and names in its steps scrubbed.

    Step names are renamed consistently everywhere they occur (flows, start/end, durations,
    aliases, the allowed successions and the labels of its Petri net), so the comparison with
    the equally scrubbed log still matches step to activity.
    """
    if not dataclasses.is_dataclass(perc):
        return perc
    changes = {}
    told = getattr(perc, "told_by", None)
    if isinstance(told, str):
        who, rest = _who(told)
        changes["told_by"] = (who_pseudo[who] + scrub(rest)) if who in who_pseudo else scrub(told)
    if isinstance(getattr(perc, "name", None), str):
        changes["name"] = scrub(perc.name)
    if isinstance(getattr(perc, "notes", None), tuple):
        changes["notes"] = tuple(scrub(n) if isinstance(n, str) else n for n in perc.notes)
    gateways = getattr(perc, "gateways", ())
    if gateways and all(dataclasses.is_dataclass(g) and isinstance(getattr(g, "name", None), (str, type(None)))
                        for g in gateways):
        changes["gateways"] = tuple(dataclasses.replace(g, name=scrub(g.name)) if g.name else g
                                    for g in gateways)
    fields = {f.name for f in dataclasses.fields(perc)}
    labels = set(_flat_strings([getattr(perc, k, ()) for k in ("steps", "aliases", "durations",
                                                               "element_steps")]))
    renamed = {x: scrub(x) for x in labels}
    if any(k != v for k, v in renamed.items()):
        def f(x):
            return renamed.get(x, x) if x in renamed else scrub(x)

        for name in ("steps", "flows", "start", "end", "optional", "alternatives", "durations",
                     "aliases", "footprint", "_allowed", "roles", "element_steps"):
            if name in fields:
                changes[name] = _renamed(getattr(perc, name), f)
        if getattr(perc, "replay_model", "net") != "net" and "replay_model" in fields:
            changes["replay_model"] = "net"  # pm4py's net of the file still holds the names
        net = getattr(perc, "net", None)
        if net is not None and dataclasses.is_dataclass(net):
            transitions = tuple(dataclasses.replace(t, label=f(t.label)) if isinstance(getattr(t, "label", None), str)
                                else t for t in net.transitions)
            changes["net"] = dataclasses.replace(net, transitions=transitions, _memo={})
    changes = {k: v for k, v in changes.items() if k in fields}
    return dataclasses.replace(perc, **changes) if changes else perc


def _flat_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _flat_strings(k)
            yield from _flat_strings(v)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _flat_strings(v)


def _values(frame, col) -> list:
    if frame is None or col not in frame:
        return []
    return [v for v in pd.unique(frame[col].astype(object)) if not _blank(v)]


def _frame_of(obj) -> pd.DataFrame | None:
    return None if obj is None else getattr(obj, "frame", obj)


def pseudonymise_report(report) -> None:
    """Replace every person's name in a loaded `Report`'s inputs (in place on the report).

    Person columns get pseudonyms; all other text is scrubbed (see the module docstring).
    """
    lang = report.lang if report.lang in PLACEHOLDERS else "en"
    log_frame = report._log_frame()
    obs = report._obs_frame()
    people = People(lang, report.roster)
    people.collect(_values(log_frame, C.RESOURCE), ids=True)
    people.collect(_values(obs, "person"))
    log_after = _frame_of(getattr(report, "log_after", None))        # data after a change
    obs_after = _frame_of(getattr(report, "observations_after", None))
    people.collect(_values(log_after, C.RESOURCE), ids=True)
    people.collect(_values(obs_after, "person"))
    people.collect(_values(report.usage, "user"), ids=True)
    # who told a perception, when it is a person's name (not a team or a role)
    protected = set()
    for frame, cols in ((report.roster, ("team", "role", "firm")), (obs, ("role", "tool", "firm")),
                        (log_frame, (C.SYSTEM, "role", "firm")), (report.usage, ("system",)),
                        (obs_after, ("role", "tool", "firm")), (log_after, (C.SYSTEM, "role", "firm"))):
        for col in cols:
            protected.update(str(v) for v in _values(frame, col))
    protected_folded = {fold(p) for p in protected}
    tellers = []
    for perc in report.perceived or []:
        told = getattr(perc, "told_by", None)
        if isinstance(told, str):
            who, _ = _who(told)
            if looks_like_person(who) and fold(who) not in protected_folded:
                tellers.append(who)
    people.collect(tellers)
    people.freeze()
    observers = People(lang, None, prefix=PREFIX[lang][1])
    observers.collect(_values(obs, "observer"))
    observers.collect(_values(obs_after, "observer"))
    observers.freeze()

    names = people.known_names()
    for name, pseudo in observers.mapping.items():
        if looks_like_person(name):
            names.setdefault(name, pseudo)
    placeholder, email, phone = PLACEHOLDERS[lang]
    roles = {str(v) for frame, col in ((report.roster, "role"), (obs, "role"), (log_frame, "role"))
             for v in _values(frame, col)}
    scrub = NameScrubber(names, protected=protected, roles=roles, placeholder=placeholder,
                         email=email, phone=phone)

    if report.log is not None:
        replace = {C.RESOURCE: people.apply(log_frame[C.RESOURCE])} if C.RESOURCE in log_frame else {}
        report.log = _scrub_obj(report.log, scrub, replace)
    if report.observations is not None:
        replace = {}
        if "person" in obs:
            replace["person"] = people.apply(obs["person"])
        if "observer" in obs:
            replace["observer"] = observers.apply(obs["observer"])
        report.observations = _scrub_obj(report.observations, scrub, replace)
    if log_after is not None:
        replace = {C.RESOURCE: people.apply(log_after[C.RESOURCE])} if C.RESOURCE in log_after else {}
        report.log_after = _scrub_obj(report.log_after, scrub, replace)
    if obs_after is not None:
        replace = {c: people.apply(obs_after[c]) for c in ("person",) if c in obs_after}
        if "observer" in obs_after:
            replace["observer"] = observers.apply(obs_after["observer"])
        report.observations_after = _scrub_obj(report.observations_after, scrub, replace)
    if report.usage is not None:
        replace = {"user": people.apply(report.usage["user"])} if "user" in report.usage else {}
        report.usage = _scrub_frame(report.usage, scrub, replace)
    if report.roster is not None:
        replace = {}
        if "user" in report.roster:
            replace["user"] = people.apply(report.roster["user"])
            if "name" in report.roster:
                replace["name"] = replace["user"]
        report.roster = _scrub_frame(report.roster, scrub, replace)
    if report.frustrations is not None:
        report.frustrations = _scrub_frame(report.frustrations, scrub)
    if report.perceived:
        who_pseudo = {w: people.pseudonym(w) for w in tellers}
        report.perceived = [_scrub_perceived(p, scrub, who_pseudo) for p in report.perceived]
