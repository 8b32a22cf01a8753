"""Which deploy template steps a deployment gets (conductor.deploy_templates)."""
from __future__ import annotations

import types

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.conductor import deploy_templates


def _template(ctx, name, *steps):
    obj = objects.DeployTemplate(ctx, uuid=uuidutils.generate_uuid(), name=name,
                                 extra={}, steps=[dict(s) for s in steps])
    obj.create()
    return obj


def _task(ctx, make_node, node_traits, instance_traits):
    node = make_node(instance_info={"traits": instance_traits})
    if node_traits:
        objects.TraitList.create(ctx, node.id, node_traits)
    return types.SimpleNamespace(context=ctx, node=objects.Node.get(ctx, node.uuid))


_BIOS = {"interface": "bios", "step": "apply_configuration", "priority": 150,
         "args": {"settings": [{"name": "LogicalProc", "value": "Enabled"}]}}
_RAID = {"interface": "raid", "step": "apply_configuration", "priority": 0, "args": {}}


def test_steps_come_from_templates_named_by_instance_traits(db, ctx, make_node) -> None:
    _template(ctx, "CUSTOM_HYPERTHREADING", _BIOS)
    _template(ctx, "CUSTOM_NO_RAID", _RAID)
    _template(ctx, "CUSTOM_UNUSED", {**_BIOS, "priority": 1})
    task = _task(ctx, make_node, ["CUSTOM_HYPERTHREADING", "CUSTOM_NO_RAID",
                                  "CUSTOM_UNUSED"],
                 ["CUSTOM_NO_RAID", "CUSTOM_HYPERTHREADING"])
    assert deploy_templates.steps_for(task) == [_BIOS, _RAID]


def test_no_instance_traits_means_no_template_steps(db, ctx, make_node) -> None:
    _template(ctx, "CUSTOM_HYPERTHREADING", _BIOS)
    task = _task(ctx, make_node, ["CUSTOM_HYPERTHREADING"], [])
    assert deploy_templates.steps_for(task) == []


def test_same_step_in_two_templates_is_decided_by_template_name(db, ctx,
                                                                make_node) -> None:
    _template(ctx, "CUSTOM_B", {**_BIOS, "priority": 20})
    _template(ctx, "CUSTOM_A", {**_BIOS, "priority": 10})
    task = _task(ctx, make_node, ["CUSTOM_A", "CUSTOM_B"], ["CUSTOM_B", "CUSTOM_A"])
    assert [s["priority"] for s in deploy_templates.steps_for(task)] == [20]


def test_instance_trait_missing_on_node_is_refused(db, ctx, make_node) -> None:
    task = _task(ctx, make_node, ["CUSTOM_A"], ["CUSTOM_A", "CUSTOM_GPU"])
    with pytest.raises(exception.InvalidParameterValue, match="CUSTOM_GPU"):
        deploy_templates.steps_for(task)
