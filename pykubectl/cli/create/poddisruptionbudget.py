"""create poddisruptionbudget: the object kubectl's generator builds from flags."""

from __future__ import annotations

import re
from typing import Any

import click

from ... import errors
from ...textsplit import split_outside
from .. import common
from . import CTX, common_options, emit, meta, one_name


def _int_or_string(v: str) -> int | str:
    try:
        return int(v, 10)
    except ValueError:
        return v


def parse_selector(text: str) -> dict:
    """metav1.ParseToLabelSelector: equality terms go to matchLabels, set terms to matchExpressions."""
    sel: dict = {}
    labels: dict = {}
    exprs: list = []
    for term in split_outside(text, ",", "(", ")"):
        term = term.strip()
        if not term:
            continue
        m = re.match(r"^(!?)([^\s!=<>]+)\s*(?:(==|=|!=)\s*(\S*)|\s+(in|notin)\s*\((.*)\))?$", term)
        if not m:
            raise errors.ClientError(f"error: unable to parse requirement: {term}")
        neg, key, op, val, setop, vals = m.groups()
        if op in ("=", "=="):
            labels[key] = val
        elif op == "!=":
            exprs.append({"key": key, "operator": "NotIn", "values": [val]})
        elif setop:
            exprs.append({"key": key, "operator": "In" if setop == "in" else "NotIn",
                          "values": sorted(v.strip() for v in vals.split(",") if v.strip())})
        else:
            exprs.append({"key": key, "operator": "DoesNotExist" if neg else "Exists"})
    if labels:
        sel["matchLabels"] = labels
    if exprs:
        sel["matchExpressions"] = exprs
    return sel


def register(create: click.Group) -> None:
    """Add poddisruptionbudget to the create group."""
    @create.command("poddisruptionbudget", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--min-available", "min_available", default="", help="The minimum number or percentage of available pods this budget requires.")
    @click.option("--max-unavailable", "max_unavailable", default="", help="The maximum number or percentage of unavailable pods this budget requires.")
    @click.option("--selector", default="", help="A label selector to use for this budget.")
    @common_options
    def create_pdb(names: tuple[str, ...], min_available: str, max_unavailable: str, selector: str,
                   dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a pod disruption budget with the specified name, selector, and desired minimum available pods.

        \b
        Examples:
          # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
          # and require at least one of them being available at any point in time
          pykubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1
        \b
          # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
          # and require at least half of the pods selected to be available at any point in time
          pykubectl create pdb my-pdb --selector=app=nginx --min-available=50%
        """
        name = one_name(names)
        env = common.env_of()
        if not selector:
            raise errors.ClientError("error: a selector must be specified")
        if not min_available and not max_unavailable:
            raise errors.ClientError("error: one of min-available or max-unavailable must be specified")
        if min_available and max_unavailable:
            raise errors.ClientError("error: min-available and max-unavailable cannot be both specified")
        spec: dict = {}
        if min_available:
            spec["minAvailable"] = _int_or_string(min_available)
        spec["selector"] = parse_selector(selector)
        if max_unavailable:
            spec["maxUnavailable"] = _int_or_string(max_unavailable)
        obj = {"kind": "PodDisruptionBudget", "apiVersion": "policy/v1", "metadata": meta(name, env), "spec": spec,
               "status": {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}}
        emit(env, obj, dry_run, output, save_config)
