"""DB API: the node lock (reserve/release), lock clean-up and node deletion.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import threading

import pytest
from oslo_utils import uuidutils

from ironic.common import exception


def test_reserve_sets_reservation_and_returns_node(db):
    node = db.create_node({"name": "n"})
    row = db.reserve_node("host-1", node["uuid"])
    assert row["reservation"] == "host-1" and row["name"] == "n"


def test_reserve_locked_node_names_the_holder(db):
    node = db.create_node({})
    db.reserve_node("host-1", node["id"])
    with pytest.raises(exception.NodeLocked, match="host-1"):
        db.reserve_node("host-2", node["id"])
    assert db.get_node(node["id"])["reservation"] == "host-1"


def test_reserve_missing_node_raises_not_found(db):
    with pytest.raises(exception.NodeNotFound):
        db.reserve_node("host-1", uuidutils.generate_uuid())


def test_release_by_holder_unlocks(db):
    node = db.create_node({})
    db.reserve_node("host-1", node["id"])
    db.release_node("host-1", node["id"])
    assert db.get_node(node["id"])["reservation"] is None


def test_release_errors(db):
    node = db.create_node({})
    with pytest.raises(exception.NodeNotLocked):
        db.release_node("host-1", node["id"])
    db.reserve_node("host-1", node["id"])
    with pytest.raises(exception.NodeLocked, match="host-1"):
        db.release_node("host-2", node["id"])
    with pytest.raises(exception.NodeNotFound):
        db.release_node("host-1", uuidutils.generate_uuid())


def _race(db, node_id, workers):
    barrier = threading.Barrier(workers)
    results: dict[str, object] = {}

    def grab(tag):
        barrier.wait()
        try:
            results[tag] = db.reserve_node(tag, node_id)["reservation"]
        except Exception as exc:  # collected and checked below
            results[tag] = exc

    threads = [threading.Thread(target=grab, args=(f"host-{i}",)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_concurrent_reserve_has_exactly_one_winner(db):
    node = db.create_node({})
    for _ in range(3):
        results = _race(db, node["id"], 8)
        winners = [tag for tag, value in results.items() if value == tag]
        assert len(winners) == 1, results
        losers = [value for tag, value in results.items() if tag not in winners]
        assert all(isinstance(exc, exception.NodeLocked) for exc in losers), losers
        assert all(winners[0] in str(exc) for exc in losers)
        db.release_node(winners[0], node["id"])


def test_concurrent_writers_never_fail(db):
    nodes = [db.create_node({}) for _ in range(4)]
    errors = []

    def churn(row):
        try:
            for i in range(15):
                db.update_node(row["id"], {"extra": {"i": i}})
                db.reserve_node("h", row["id"])
                db.release_node("h", row["id"])
        except Exception as exc:  # collected and checked below
            errors.append(exc)

    threads = [threading.Thread(target=churn, args=(row,)) for row in nodes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert all(db.get_node(row["id"])["extra"] == {"i": 14} for row in nodes)


def test_clear_reservations_and_target_power_state(db):
    mine = db.create_node({"target_power_state": "power on"})
    other = db.create_node({"target_power_state": "power on"})
    db.reserve_node("me", mine["id"])
    db.reserve_node("you", other["id"])
    assert db.clear_node_target_power_state("me") == 1
    assert db.clear_node_reservations_for_conductor("me") == 1
    row = db.get_node(mine["id"])
    assert row["reservation"] is None and row["target_power_state"] is None
    assert "aborted" in row["last_error"]
    assert db.get_node(other["id"])["reservation"] == "you"


def test_destroy_node_removes_everything_attached(db, make_port, make_portgroup):
    node = db.create_node({})
    keep = db.create_node({})
    group = make_portgroup(node_id=node["id"])
    make_port(node_id=node["id"], portgroup_id=group.id)
    kept_port = make_port(node_id=keep["id"])
    db.set_node_traits(node["id"], ["CUSTOM_A"])
    db.set_node_tags(node["id"], ["t"])
    db.create_node_history({"node_id": node["id"], "event": "e"})
    db.create_bios_setting_list(node["id"], [{"name": "s", "value": "1"}])
    db.create_node_inventory({"node_id": node["id"], "inventory_data": {"a": 1}})
    db.create_volume_connector({"node_id": node["id"], "type": "iqn", "connector_id": "i"})
    db.create_volume_target({"node_id": node["id"], "volume_type": "iscsi",
                             "boot_index": 0, "volume_id": "v"})
    db.create_allocation({"node_id": node["id"], "resource_class": "x"})

    db.destroy_node(node["uuid"])

    with pytest.raises(exception.NodeNotFound):
        db.get_node(node["id"])
    assert [p["uuid"] for p in db.get_port_list()] == [kept_port.uuid]
    assert db.get_portgroup_list() == []
    assert db.get_node_history_list() == []
    assert db.get_volume_connector_list() == [] and db.get_volume_target_list() == []
    assert db.get_allocation_list() == []
    with pytest.raises(exception.NodeInventoryNotFound):
        db.get_node_inventory_by_node_id(node["id"])
    assert db.get_node(keep["id"])["id"] == keep["id"]


def test_destroy_missing_node_raises_not_found(db):
    with pytest.raises(exception.NodeNotFound):
        db.destroy_node(uuidutils.generate_uuid())
