"""Who may do what: Ironic's rule names with roles and scope from the request.

Requests carry the identity headers keystonemiddleware would set (X-Roles,
OpenStack-System-Scope, X-Project-Id), so the real policy engine decides.
"""
from __future__ import annotations

import json

from ironic.common import policy

SYSTEM_READER = {"X-Roles": "reader", "OpenStack-System-Scope": "all"}
SYSTEM_MEMBER = {"X-Roles": "member,reader", "OpenStack-System-Scope": "all"}
PROJECT_READER = {"X-Roles": "reader", "X-Project-Id": "p1"}
PROJECT_ADMIN = {"X-Roles": "admin", "X-Project-Id": "p1"}


def _node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware"}, status=201).json


def _forbidden(response, rule):
    assert response.status_int == 403
    assert rule in json.loads(response.json["error_message"])["faultstring"]


def test_system_reader_can_read_but_not_change(api):
    node = _node(api)
    api.call("GET", "/v1/nodes", headers=SYSTEM_READER, status=200)
    api.call("GET", f"/v1/nodes/{node['uuid']}", headers=SYSTEM_READER, status=200)
    _forbidden(api.call("PATCH", f"/v1/nodes/{node['uuid']}",
                        [{"op": "add", "path": "/extra/a", "value": "b"}],
                        headers=SYSTEM_READER), "baremetal:node:update")
    assert api.call("GET", f"/v1/nodes/{node['uuid']}").json["extra"] == {}


def test_system_member_can_change_but_not_create_or_delete(api):
    node = _node(api)
    api.call("PATCH", f"/v1/nodes/{node['uuid']}",
             [{"op": "add", "path": "/extra/a", "value": "b"}],
             headers=SYSTEM_MEMBER, status=200)
    _forbidden(api.call("POST", "/v1/nodes", {"driver": "fake-hardware"},
                        headers=SYSTEM_MEMBER), "baremetal:node:create")
    _forbidden(api.call("DELETE", f"/v1/nodes/{node['uuid']}", headers=SYSTEM_MEMBER),
               "baremetal:node:delete")
    assert len(api.call("GET", "/v1/nodes").json["nodes"]) == 1


def test_project_scoped_reader_sees_nothing_by_default(api):
    _node(api)
    _forbidden(api.call("GET", "/v1/nodes", headers=PROJECT_READER), "baremetal:node:list")
    _forbidden(api.call("GET", "/v1/ports", headers=PROJECT_READER), "baremetal:port:list")


def test_admin_role_may_create(api):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware"}, headers=PROJECT_ADMIN,
             status=201)


def test_version_documents_stay_public(api):
    api.call("GET", "/", headers=PROJECT_READER, status=200)
    api.call("GET", "/v1", headers=PROJECT_READER, status=200)


def test_policy_file_overrides_a_default(api, conf, tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text('"baremetal:node:list": "role:reader"\n')
    conf.config(policy_file=str(path), group="oslo_policy")
    policy.reset()
    try:
        _node(api)
        assert len(api.call("GET", "/v1/nodes", headers=PROJECT_READER,
                            status=200).json["nodes"]) == 1
        _forbidden(api.call("GET", "/v1/ports", headers=PROJECT_READER),
                   "baremetal:port:list")
    finally:
        policy.reset()


def test_policy_file_changes_apply_without_restart(api, conf, tmp_path, monkeypatch):
    import os
    path = tmp_path / "policy.yaml"
    path.write_text('"baremetal:node:list": "role:reader"\n')
    conf.config(policy_file=str(path), group="oslo_policy")
    monkeypatch.setattr(policy, "RELOAD_INTERVAL_S", 0.0)
    policy.reset()
    try:
        api.call("GET", "/v1/nodes", headers=PROJECT_READER, status=200)
        path.write_text('"baremetal:node:list": "role:admin"\n')
        stat = path.stat()
        os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))
        _forbidden(api.call("GET", "/v1/nodes", headers=PROJECT_READER),
                   "baremetal:node:list")
    finally:
        policy.reset()
