"""DB API: conductor registration, heartbeats and hardware interfaces.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from ironic.common import exception
from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models

_POWER = {"hardware_type": "fake-hardware", "interface_type": "power",
          "interface_name": "fake", "default": True}


def _age_heartbeat(hostname, seconds):
    then = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) \
        - datetime.timedelta(seconds=seconds)
    table = models.Conductor.__table__
    with enginefacade_setup.writer() as session:
        session.execute(sa.update(table).where(table.c.hostname == hostname)
                        .values(updated_at=then))


def test_register_twice_online_is_refused(db):
    db.register_conductor({"hostname": "c1", "drivers": ["fake-hardware"]})
    with pytest.raises(exception.ConductorAlreadyRegistered):
        db.register_conductor({"hostname": "c1"})
    row = db.register_conductor({"hostname": "c1", "conductor_group": "g"},
                                update_existing=True)
    assert row["conductor_group"] == "g"


def test_unregistered_conductor_can_register_again(db):
    db.register_conductor({"hostname": "c1"})
    db.unregister_conductor("c1")
    with pytest.raises(exception.ConductorNotFound):
        db.get_conductor("c1")
    assert db.get_conductor("c1", online=None)["online"] is False
    assert db.register_conductor({"hostname": "c1"})["online"] is True


def test_active_hardware_types_only_count_fresh_heartbeats(db):
    c1 = db.register_conductor({"hostname": "c1", "conductor_group": "g1"})
    c2 = db.register_conductor({"hostname": "c2"})
    db.register_conductor_hardware_interfaces(c1["id"], [_POWER])
    db.register_conductor_hardware_interfaces(c2["id"], [_POWER])
    assert db.get_active_hardware_type_dict() == {"fake-hardware": {"c1", "c2"}}
    assert db.get_active_hardware_type_dict(use_groups=True) == {
        "g1:fake-hardware": {"c1"}, ":fake-hardware": {"c2"}}
    _age_heartbeat("c2", 3600)
    assert db.get_active_hardware_type_dict() == {"fake-hardware": {"c1"}}
    assert [r["hostname"] for r in db.get_conductors_by_liveness(False)] == ["c2"]
    db.touch_conductor("c2")
    assert db.get_active_hardware_type_dict() == {"fake-hardware": {"c1", "c2"}}


def test_hardware_interfaces_are_replaced_and_listed(db):
    c1 = db.register_conductor({"hostname": "c1"})
    db.register_conductor_hardware_interfaces(c1["id"], [_POWER])
    deploy = dict(_POWER, interface_type="deploy")
    db.register_conductor_hardware_interfaces(c1["id"], [deploy])
    rows = db.list_hardware_type_interfaces(["fake-hardware"])
    assert [(r["interface_type"], r["interface_name"], r["default"], r["conductor"])
            for r in rows] == [("deploy", "fake", True, "c1")]
    db.unregister_conductor_hardware_interfaces(c1["id"])
    assert db.list_hardware_type_interfaces(["fake-hardware"]) == []


def test_touch_unknown_conductor_raises(db):
    with pytest.raises(exception.ConductorNotFound):
        db.touch_conductor("nope")
