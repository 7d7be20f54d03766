"""The words of perceived-versus-actual: deviations, scope, headline, diff map (en + nl).

Everything here is made from facts the comparison returns (`shadowing.analysis.compare`);
nothing computes.
"""

from __future__ import annotations

import functools

from .. import i18n

__all__ = ["MAP_WORDS", "both", "deviation_sentence", "either", "final_marking_sentence",
           "headline_sentences", "join_words", "perceived_source_label", "quote",
           "scope_sentence", "share_text"]


def quote(s) -> str:
    return f"'{s}'"


def either(names, lang) -> str:
    names = [quote(n) for n in names]
    if len(names) <= 1:
        return names[0] if names else ""
    word = " or " if lang == "en" else " of "
    return ", ".join(names[:-1]) + word + names[-1]


def join_words(items, lang) -> str:
    """"a, b and c" (en) / "a, b en c" (nl), without quotes."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " en ") + items[-1]


def both(names, lang) -> str:
    names = [quote(n) for n in names]
    if len(names) <= 1:
        return names[0]
    word = " and " if lang == "en" else " en "
    return ", ".join(names[:-1]) + word + names[-1]


@functools.lru_cache(maxsize=4096)
def share_text(share: float, lang: str) -> str:
    return i18n.percent(share, lang, decimals=0 if share >= 0.095 or share == 0 else 1)


def deviation_sentence(kind: str, x, y, z, via, share, lang, starts, ends) -> str:
    """One deviation in words: ``kind`` is a `DeviationKind` value; ``x`` the activity (or
    the step at the start or end), ``y`` and ``z`` the steps before and after, ``via`` the
    skipped steps; ``starts``/``ends`` the perceived start and end steps."""
    pct = share_text(round(float(share), 4), lang)
    if lang == "en":
        head = f"in {pct} of cases, "
        if kind == "inserted":
            if y and z:
                return head + f"{quote(x)} happens between {quote(y)} and {quote(z)}"
            if z:
                return head + f"{quote(x)} happens before {quote(z)} (at the start)"
            if y:
                return head + f"{quote(x)} happens after {quote(y)} (at the end)"
            return head + f"{quote(x)} happens, and none of the perceived steps"
        if kind == "skipped":
            verb = "is" if len(via) == 1 else "are"
            return head + f"{both(via, lang)} {verb} skipped: {quote(z)} follows directly on {quote(y)}"
        if kind == "repeated":
            return head + f"{quote(y)} is done again right after itself"
        if kind == "loop":
            return head + f"the work goes back from {quote(y)} to {quote(z)} (rework)"
        if kind == "wrong_order":
            return head + f"{quote(z)} comes after {quote(y)}, although it was told to come before it"
        if kind == "unexpected_flow":
            return head + f"{quote(z)} follows directly on {quote(y)}, a flow nobody mentioned"
        if kind == "unexpected_start":
            if not starts:
                return head + f"the work starts with {quote(x)}"
            return head + f"the work starts with {quote(x)} instead of {either(starts, lang)}"
        if kind == "unexpected_end":
            if not ends:
                return head + f"the work ends after {quote(x)}, where the perception does not end"
            return head + f"the work ends after {quote(x)} instead of after {either(ends, lang)}"
        if kind == "start_missing":
            return head + f"the perceived start ({either(starts, lang)}) never happens"
        if kind == "end_missing":
            return head + (f"the perceived end ({either(ends, lang)}) never happens after the "
                           f"start ({either(starts, lang)})")
        return head + "none of the perceived steps happens"
    head = f"in {pct} van de zaken "
    if kind == "inserted":
        if y and z:
            return head + f"gebeurt {quote(x)} tussen {quote(y)} en {quote(z)}"
        if z:
            return head + f"gebeurt {quote(x)} vóór {quote(z)} (aan het begin)"
        if y:
            return head + f"gebeurt {quote(x)} na {quote(y)} (aan het eind)"
        return head + f"gebeurt {quote(x)}, en geen van de genoemde stappen"
    if kind == "skipped":
        verb = "wordt" if len(via) == 1 else "worden"
        return head + f"{verb} {both(via, lang)} overgeslagen: {quote(z)} volgt direct op {quote(y)}"
    if kind == "repeated":
        return head + f"wordt {quote(y)} direct nog eens gedaan"
    if kind == "loop":
        return head + f"gaat het werk terug van {quote(y)} naar {quote(z)} (herwerk)"
    if kind == "wrong_order":
        return head + f"komt {quote(z)} na {quote(y)}, terwijl het ervoor zou komen"
    if kind == "unexpected_flow":
        return head + f"volgt {quote(z)} direct op {quote(y)}, een stroom die niemand noemde"
    if kind == "unexpected_start":
        if not starts:
            return head + f"begint het werk met {quote(x)}"
        return head + f"begint het werk met {quote(x)} in plaats van {either(starts, lang)}"
    if kind == "unexpected_end":
        if not ends:
            return head + f"eindigt het werk na {quote(x)}, waar het beleefde proces niet eindigt"
        return head + f"eindigt het werk na {quote(x)} in plaats van na {either(ends, lang)}"
    if kind == "start_missing":
        return head + f"gebeurt het genoemde begin ({either(starts, lang)}) nooit"
    if kind == "end_missing":
        return head + (f"volgt het genoemde einde ({either(ends, lang)}) nooit op het begin "
                       f"({either(starts, lang)})")
    return head + "gebeurt geen enkele van de genoemde stappen"


def scope_sentence(scope, lang: str = "en") -> str:
    """One sentence on what a comparison covers (a `Scope`), in English or Dutch."""
    lang = i18n.check_lang(lang, "Scope.describe")
    n = functools.partial(i18n.number, lang=lang)
    one, many = ("case", "cases") if lang == "en" else ("zaak", "zaken")

    def cases(k: int) -> str:
        return f"{n(k)} {one if k == 1 else many}"
    if scope.kind == "process":
        if lang == "en":
            return (f"Scope: the whole process, all {n(scope.cases)} cases "
                    f"({n(scope.events)} events).")
        return (f"Bereik: het hele proces, alle {n(scope.cases)} zaken "
                f"({n(scope.events)} gebeurtenissen).")
    starts, ends = either(scope.start, lang), either(scope.end, lang)
    if lang == "en":
        out = (f"Scope: a part of the process, from {starts} to {ends}: "
               f"{n(scope.cases_in_scope)} of {n(scope.cases)} cases, "
               f"{n(scope.events_in_scope)} of {n(scope.events)} events; the work before and "
               "after it is left out.")
        if scope.cases_without_start:
            out += f" In {cases(scope.cases_without_start)} {starts} never happens."
        if scope.cases_without_end:
            out += (f" In {cases(scope.cases_without_end)} {ends} never happens after "
                    "the start.")
        return out
    out = (f"Bereik: een deel van het proces, van {starts} tot {ends}: "
           f"{n(scope.cases_in_scope)} van de {n(scope.cases)} zaken, "
           f"{n(scope.events_in_scope)} van de {n(scope.events)} gebeurtenissen; het werk "
           "ervoor en erna blijft buiten beschouwing.")
    if scope.cases_without_start:
        out += f" In {cases(scope.cases_without_start)} gebeurt {starts} nooit."
    if scope.cases_without_end:
        out += (f" In {cases(scope.cases_without_end)} volgt {ends} nooit op het "
                "begin.")
    return out


#: the diff map's words: node notes, legend, footnote pieces
MAP_WORDS = {
    "en": {"cases": "cases", "case": "case", "perceived_only": "never happens",
           "hidden": "nobody mentioned it", "observed_only": "seen, not in the system",
           "legend": ("Solid: as told and it happens; dashed grey: told, never happens; "
                      "{warn}: happens, nobody told it (number of cases)"),
           "observed": "; dotted blue: observed only, the system never sees it",
           "min_share": "; hidden flows and activities under {p} of cases left out",
           "left_out": "; left out to keep the map legible: {what}",
           "acts": "{n} hidden activities", "act": "1 hidden activity",
           "flows": "{n} hidden flows", "flow": "1 hidden flow",
           "obs_acts": "{n} activities only observed", "obs_act": "1 activity only observed",
           "implied_flows": "{n} flows the perception allows without drawing them",
           "implied_flow": "1 flow the perception allows without drawing it",
           "obs_flows": "{n} flows only observed", "obs_flow": "1 flow only observed",
           "under": " (the most frequent of them in {p} of cases)",
           "conformance": ("{p} of cases follow the perceived process exactly, {q} except for "
                           "at most one deviation"),
           "scope": ("; only the part from {start} to {end} ({n} of {m} cases), the work before "
                     "and after it is left out"),
           "warn": "orange"},
    "nl": {"cases": "zaken", "case": "zaak", "perceived_only": "gebeurt nooit",
           "hidden": "niemand noemde het", "observed_only": "gezien, niet in het systeem",
           "legend": ("Doorgetrokken: zoals verteld en het gebeurt; grijs gestreept: verteld, "
                      "gebeurt nooit; {warn}: gebeurt, niemand vertelde het (aantal zaken)"),
           "observed": "; blauw gestippeld: alleen waargenomen, het systeem ziet het nooit",
           "min_share": "; verborgen stromen en activiteiten onder {p} van de zaken weggelaten",
           "left_out": "; weggelaten om de kaart leesbaar te houden: {what}",
           "acts": "{n} verborgen activiteiten", "act": "1 verborgen activiteit",
           "flows": "{n} verborgen stromen", "flow": "1 verborgen stroom",
           "obs_acts": "{n} alleen waargenomen activiteiten",
           "implied_flows": "{n} stromen die het beleefde proces toelaat zonder ze te tekenen",
           "implied_flow": "1 stroom die het beleefde proces toelaat zonder ze te tekenen",
           "obs_act": "1 alleen waargenomen activiteit",
           "obs_flows": "{n} alleen waargenomen stromen", "obs_flow": "1 alleen waargenomen stroom",
           "under": " (de vaakste ervan in {p} van de zaken)",
           "conformance": ("{p} van de zaken volgt het beleefde proces precies, {q} op hoogstens "
                           "één afwijking na"),
           "scope": ("; alleen het deel van {start} tot {end} ({n} van de {m} zaken), het werk "
                     "ervoor en erna is weggelaten"),
           "warn": "oranje"},
}


def final_marking_sentence(places, *, chosen: bool, lang: str = "en") -> str:
    """Which final marking token replay used, and whether the file declared it."""
    lang = i18n.check_lang(lang, "final_marking_sentence")
    names = both(places, lang) if places else ""
    if lang == "en":
        if chosen:
            return (f"The model file declares no final marking; token replay ends in its sink "
                    f"place{'s' if len(places) > 1 else ''} {names}.")
        return f"Token replay ends in the final marking the model file declares ({names})."
    if chosen:
        return (f"Het modelbestand geeft geen eindmarkering; token replay eindigt in de "
                f"{'plaatsen' if len(places) > 1 else 'plaats'} {names} waar niets uit "
                "vertrekt.")
    return f"Token replay eindigt in de eindmarkering die het modelbestand geeft ({names})."


def headline_sentences(*, strict: float, near: float, fitness: float | None,
                       top: list[str], lang: str = "en") -> list[str]:
    """The headline of a comparison: how many follow it exactly, how many nearly (at most one
    deviation), the token-replay fitness, and the deviations that explain most of the gap."""
    lang = i18n.check_lang(lang, "headline_sentences")
    pct = functools.partial(i18n.percent, lang=lang)
    out = []
    if lang == "en":
        out.append(f"{pct(strict)} of cases follow the perception exactly; {pct(near)} follow it "
                   "except for at most one deviation.")
        if fitness is not None:
            out.append(f"Token-replay fitness: {i18n.number(fitness, lang, decimals=2)} (1 = "
                       "every recorded step fits the perception).")
        if top:
            out.append("Most of the gap: " + "; ".join(top) + ".")
        return out
    out.append(f"{pct(strict)} van de zaken volgt het beleefde proces precies; {pct(near)} op "
               "hoogstens één afwijking na.")
    if fitness is not None:
        out.append(f"Token-replay fitness: {i18n.number(fitness, lang, decimals=2)} (1 = elke "
                   "vastgelegde stap past in het beleefde proces).")
    if top:
        out.append("Het grootste deel van het verschil: " + "; ".join(top) + ".")
    return out


def perceived_source_label(what: str, kind: str | None, n_steps: int, lang: str = "en") -> str:
    """"perceived process (PNML, 8 steps)": what a perception file was read as."""
    if not kind:
        return what
    fmt = {"yaml": "YAML", "csv": "CSV", "bpmn": "BPMN", "pnml": "PNML"}.get(kind, kind)
    steps = ("step" if n_steps == 1 else "steps") if lang == "en" else \
        ("stap" if n_steps == 1 else "stappen")
    return f"{what} ({fmt}, {n_steps} {steps})"
