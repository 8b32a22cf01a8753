"""Deploy templates on the conductor side: which template steps a deployment gets.

A deploy template is a named list of deploy steps (``/v1/deploy_templates``).
Its name is a trait. When an instance is deployed, the templates whose names
are among the *instance's* traits (``instance_info["traits"]``, which Nova fills
from the flavor) contribute their steps; every such trait must also be one of
the node's traits. This module only reads templates; the deploy steps planner
merges the result with the steps the driver declares.
"""
from __future__ import annotations

from typing import Any

from ironic import objects
from ironic.common import exception


def instance_traits(task: Any) -> list[str]:
    """The traits the instance asks for, checked against the node's traits.

    :returns: ``instance_info["traits"]`` without duplicates, in order.
    :raises: InvalidParameterValue when ``instance_info["traits"]`` is not a
        list of strings, or names a trait the node does not have.
    """
    node = task.node
    wanted = (node.instance_info or {}).get("traits") or []
    if not isinstance(wanted, list) or not all(isinstance(t, str) for t in wanted):
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: instance_info/traits must be a list of strings")
    have = {t.trait for t in (node.traits or [])}
    missing = sorted(set(wanted) - have)
    if missing:
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: instance_info/traits {', '.join(missing)} "
                f"are not traits of the node")
    return list(dict.fromkeys(wanted))


def steps_for(task: Any) -> list[dict[str, Any]]:
    """The deploy steps the matching deploy templates add to a deployment.

    For the deploy steps planner. Templates are matched by name against
    :func:`instance_traits`; each returned step is a fresh dict with
    ``interface``, ``step``, ``args`` and ``priority``. How the planner uses
    them, following Ironic:

    * a template step with the same ``interface`` and ``step`` as a step the
      driver declares replaces the driver's step (its priority and args win);
    * a template step with priority 0 disables that driver step;
    * a template step the driver does not declare is an error for the planner
      to raise (InvalidParameterValue, the deployment is refused).

    When two matching templates name the same ``interface.step``, the one
    whose name sorts last wins, so the result does not depend on trait order.

    :raises: InvalidParameterValue (see :func:`instance_traits`).
    """
    names = instance_traits(task)
    if not names:
        return []
    templates = objects.DeployTemplate.list_by_names(task.context, names)
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for template in sorted(templates, key=lambda t: t.name):
        for step in template.steps or []:
            chosen[(step["interface"], step["step"])] = {
                "interface": step["interface"], "step": step["step"],
                "args": dict(step.get("args") or {}),
                "priority": int(step["priority"])}
    return sorted(chosen.values(), key=lambda s: (-s["priority"], s["interface"],
                                                  s["step"]))
