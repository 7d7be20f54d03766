"""One template for bad numeric parameters (scikit-learn's), used by every public function."""

from __future__ import annotations

import math

import numpy as np
import pytest

import shadowing as sh
from shadowing.errors import ParameterError, check_number


@pytest.mark.parametrize("value,kwargs,expected", [
    (0, dict(integer=True, low=1), "must be an integer of at least 1. Got 0 instead."),
    (1.5, dict(integer=True, low=1), "must be an integer of at least 1. Got 1.5 instead."),
    (True, dict(integer=True), "must be an integer. Got True instead."),
    ("3", dict(), "must be a number. Got '3' instead."),
    (math.nan, dict(), "must be a number. Got nan instead."),
    (0, dict(low=0, low_open=True, high=1, what="a share"), "must be a share above 0 and at most 1."),
    (2, dict(high=1, high_open=True), "must be a number below 1."),
    (None, dict(low=0), "must be a number of at least 0. Got None instead."),
])
def test_check_number_refuses_in_one_template(value, kwargs, expected):
    with pytest.raises(ParameterError, match="^The 'x' parameter of f " + expected.replace(".", r"\.")):
        check_number("x", value, func="f", **kwargs)


@pytest.mark.parametrize("value,kwargs,expected", [
    (np.int64(3), dict(integer=True, low=1), 3),
    (0.5, dict(low=0, high=1), 0.5),
    (None, dict(none=True), None),
    (1, dict(low=0, low_open=True, high=1), 1.0),
])
def test_check_number_returns_plain_values(value, kwargs, expected):
    out = check_number("x", value, func="f", **kwargs)
    assert out == expected and type(out) is type(expected)


@pytest.mark.parametrize("call,match", [
    (lambda: sh.process_map(sh.read_event_log(sh.sample_path("crm") / "eventlog.xlsx"), paths=0),
     "The 'paths' parameter of process_map must be a share"),
    (lambda: sh.multi_system_tasks(sh.read_observations(sh.sample_path("wholesale") / "observations.csv"),
                                   min_systems=1),
     "The 'min_systems' parameter of multi_system_tasks must be an integer of at least 2. Got 1"),
])
def test_public_functions_use_the_template(call, match):
    with pytest.raises(ParameterError, match=match):
        call()
