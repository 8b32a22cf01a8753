"""DB API: node traits (at most 50) and tags.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic.common import exception


def _traits(db, node_id):
    return [row["trait"] for row in db.get_node_traits_by_node_id(node_id)]


def test_set_traits_replaces_all(db):
    node = db.create_node({})
    db.set_node_traits(node["id"], ["CUSTOM_A", "CUSTOM_B", "CUSTOM_A"])
    db.set_node_traits(node["id"], ["CUSTOM_C"])
    assert _traits(db, node["id"]) == ["CUSTOM_C"]


def test_add_trait_is_idempotent_and_delete_removes(db):
    node = db.create_node({})
    db.add_node_trait(node["id"], "CUSTOM_A")
    db.add_node_trait(node["id"], "CUSTOM_A")
    assert _traits(db, node["id"]) == ["CUSTOM_A"]
    assert db.node_trait_exists(node["id"], "CUSTOM_A")
    db.delete_node_trait(node["id"], "CUSTOM_A")
    assert not db.node_trait_exists(node["id"], "CUSTOM_A")
    with pytest.raises(exception.NodeTraitNotFound):
        db.delete_node_trait(node["id"], "CUSTOM_A")


def test_more_than_50_traits_is_refused_without_change(db):
    node = db.create_node({})
    fifty = [f"CUSTOM_{i}" for i in range(50)]
    db.set_node_traits(node["id"], fifty)
    with pytest.raises(exception.InvalidParameterValue):
        db.add_node_trait(node["id"], "CUSTOM_TOO_MANY")
    with pytest.raises(exception.InvalidParameterValue):
        db.set_node_traits(node["id"], fifty + ["CUSTOM_TOO_MANY"])
    assert sorted(_traits(db, node["id"])) == sorted(fifty)


def test_trait_operations_on_missing_node_raise_not_found(db):
    missing = uuidutils.generate_uuid()
    for call in (lambda: db.set_node_traits(missing, ["CUSTOM_A"]),
                 lambda: db.add_node_trait(missing, "CUSTOM_A"),
                 lambda: db.get_node_traits_by_node_id(missing),
                 lambda: db.unset_node_traits(missing)):
        with pytest.raises(exception.NodeNotFound):
            call()


def test_tags(db):
    node = db.create_node({})
    db.set_node_tags(node["id"], ["b", "a"])
    db.add_node_tag(node["id"], "c")
    db.delete_node_tag(node["id"], "a")
    assert [r["tag"] for r in db.get_node_tags_by_node_id(node["id"])] == ["b", "c"]
    assert db.node_tag_exists(node["id"], "b")
    with pytest.raises(exception.NodeTagNotFound):
        db.delete_node_tag(node["id"], "a")
    db.unset_node_tags(node["id"])
    assert db.get_node_tags_by_node_id(node["id"]) == []
