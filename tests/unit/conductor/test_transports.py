"""Transports: oslo.messaging (in-memory fake driver) and the JSON-RPC app and wire."""
from __future__ import annotations

import base64
from collections.abc import Iterator

import bcrypt
import pytest
import webob
from oslo_messaging import conffixture

from ironic import objects
from ironic.common import exception
from ironic.common import rpc
from ironic.common.json_rpc import server as json_server
from ironic.common.json_rpc import wire
from ironic.conductor import manager
from ironic.conductor import rpcapi
from ironic.conductor import transports
from ironic.conf import CONF
from ironic.objects import base as objects_base


@pytest.fixture
def oslo_service(db, conf) -> Iterator[manager.ConductorManager]:
    """A conductor serving on oslo.messaging's in-memory ``fake:`` driver."""
    fixture = conffixture.ConfFixture(CONF)
    fixture.setUp()
    fixture.transport_url = "fake:/"
    conf.config(rpc_transport="oslo")
    conf.config(heartbeat_interval=3600, node_locked_retry_attempts=1,
                node_locked_retry_interval=0, group="conductor")
    rpcapi._ring_manager = None
    svc = manager.ConductorManager("test-host")
    svc.init_host()
    try:
        yield svc
    finally:
        svc.del_host()
        rpc.cleanup()
        fixture.cleanUp()
        rpcapi._ring_manager = None


def test_oslo_call_returns_deserialized_objects(oslo_service, ctx) -> None:
    api = rpcapi.ConductorAPI()
    node = objects.Node(ctx, driver="fake-hardware", provision_state="enroll",
                        conductor_group="", uuid="0e6b4d7e-5bb8-4b43-a8f1-4b7f3c1d2e90")
    created = api.create_node(ctx, node, topic=api.get_topic_for(node))
    assert isinstance(created, objects.Node)
    assert created.power_interface == "fake"


def test_oslo_exceptions_arrive_as_their_class(oslo_service, ctx, make_node) -> None:
    api = rpcapi.ConductorAPI()
    node = make_node()
    objects.Node.reserve(ctx, "other-host", node.uuid)
    with pytest.raises(exception.NodeLocked) as info:
        api.change_node_power_state(ctx, node.uuid, "power on",
                                    topic=api.get_topic_for(node))
    assert type(info.value) is exception.NodeLocked
    assert str(info.value).startswith(f"Node {node.uuid} is locked by host other-host")
    assert "Traceback" not in str(info.value)
    assert info.value.code == 409


def test_oslo_object_indirection(oslo_service, ctx, make_node) -> None:
    node = make_node(name="indirect")
    api = rpcapi.ConductorAPI()
    found = api.object_class_action_versions(ctx, "Node", "get_by_name",
                                             {"Node": "1.0"}, ("indirect",), {})
    assert found.uuid == node.uuid


def test_service_methods_are_not_endpoints(oslo_service, ctx) -> None:
    with pytest.raises(exception.InvalidParameterValue):
        transports.LocalTransport().call(ctx, "test-host", "del_host", version="1.0")
    with pytest.raises(exception.InvalidParameterValue):
        transports.LocalTransport().call(ctx, "test-host", "_register", version="1.0")


def test_newer_minor_version_is_refused_by_the_conductor(oslo_service, ctx) -> None:
    with pytest.raises(exception.InvalidParameterValue, match="cannot serve"):
        transports.LocalTransport().call(ctx, "test-host", "vif_list", version="1.99",
                                         node_id="x")


def test_pinned_release_caps_the_version(service, conf, ctx, make_node) -> None:
    conf.config(pin_release_version="0.1")
    api = rpcapi.ConductorAPI()
    assert api.can_send_version("1.0") and not api.can_send_version("1.1")
    assert api.can_send_create_port() and api.can_send_rescue()
    with pytest.raises(exception.RPCVersionCapped) as info:
        api.object_backport_versions(ctx, make_node(), {"Node": "1.0"})
    assert info.value.code == 503
    assert "pin_release_version=0.1" in str(info.value)


# --- JSON-RPC ----------------------------------------------------------------


def _app(service) -> json_server.JsonRpcApp:
    def dispatch(context, method, version, kwargs):
        transports.check_version(service, method, version)
        return transports.endpoint_method(service, method)(context, **kwargs)
    return json_server.JsonRpcApp(dispatch, objects_base.IronicObjectSerializer())


def _post(app, ctx, method, headers=None, **params):
    body = {"jsonrpc": "2.0", "id": 1, "method": method,
            "params": {"context": ctx.to_dict(), "rpc.version": "1.0", **params}}
    request = webob.Request.blank("/", method="POST", body=wire.dumps(body),
                                  headers=headers or {})
    response = request.get_response(app)
    return response.status_int, (wire.loads(response.body) if response.body else None)


def test_json_rpc_call_returns_result(service, ctx, make_node) -> None:
    node = make_node()
    status, answer = _post(_app(service), ctx, "get_supported_boot_devices",
                           node_id=node.uuid)
    assert status == 200 and answer["result"] == ["pxe", "disk"]


def test_json_rpc_error_rebuilds_the_exception(service, ctx) -> None:
    missing = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123"
    status, answer = _post(_app(service), ctx, "vif_list", node_id=missing)
    error = wire.decode_error(answer["error"])
    assert type(error) is exception.NodeNotFound and error.code == 404
    assert str(error) == f"Node {missing} could not be found."


def test_json_rpc_unknown_method_is_an_error(service, ctx) -> None:
    _, answer = _post(_app(service), ctx, "init_host")
    assert isinstance(wire.decode_error(answer["error"]), exception.InvalidParameterValue)


def test_json_rpc_http_basic_needs_credentials(service, ctx, conf, tmp_path) -> None:
    users = tmp_path / "htpasswd"
    users.write_text("ironic:" + bcrypt.hashpw(b"secret", bcrypt.gensalt(4)).decode())
    conf.config(auth_strategy="http_basic", http_basic_auth_user_file=str(users),
                group="json_rpc")
    app = _app(service)
    assert _post(app, ctx, "vif_list", node_id="x")[0] == 401
    bad = "Basic " + base64.b64encode(b"ironic:wrong").decode()
    assert _post(app, ctx, "vif_list", {"Authorization": bad}, node_id="x")[0] == 401
    good = "Basic " + base64.b64encode(b"ironic:secret").decode()
    assert _post(app, ctx, "vif_list", {"Authorization": good}, node_id="x")[0] == 200


def test_unexpected_remote_error_is_not_an_ironic_error() -> None:
    error = wire.decode_error(wire.encode_error(KeyError("boom")))
    assert isinstance(error, wire.RemoteError)
    assert not isinstance(error, exception.IronicError)


def test_full_worker_pool_is_503_across_the_bus(oslo_service, ctx, make_node) -> None:
    import threading
    release, started = threading.Event(), threading.Semaphore(0)

    def block() -> None:
        started.release()
        release.wait(60)
    size = oslo_service._executor._max_workers
    futures = [oslo_service.spawn_worker(block) for _ in range(size)]
    try:
        for _ in range(size):
            started.acquire(timeout=30)  # every worker is busy now
        futures += [oslo_service.spawn_worker(release.wait, 60) for _ in range(size)]
        api = rpcapi.ConductorAPI()
        node = make_node(provision_state="available")
        with pytest.raises(exception.NoFreeConductorWorker) as info:
            api.do_node_deploy(ctx, node.uuid, topic=api.get_topic_for(node))
        assert info.value.code == 503
        stored = objects.Node.get(ctx, node.uuid)
        assert stored.reservation is None and stored.provision_state == "available"
    finally:
        release.set()
        for future in futures:
            future.result()


def test_update_from_a_stale_copy_is_refused(service, rpc, ctx, make_node) -> None:
    node = make_node(extra={})
    first, second = objects.Node.get(ctx, node.uuid), objects.Node.get(ctx, node.uuid)
    first.extra = {"a": 1}
    rpc.update_node(ctx, first)
    second.extra = {"b": 2}
    with pytest.raises(exception.NodeChangedConcurrently) as info:
        rpc.update_node(ctx, second)
    assert info.value.code == 409
    assert objects.Node.get(ctx, node.uuid).extra == {"a": 1}


def test_taking_a_lock_does_not_make_copies_stale(service, rpc, ctx, make_node) -> None:
    node = make_node(extra={})
    copy = objects.Node.get(ctx, node.uuid)
    objects.Node.reserve(ctx, "test-host", node.uuid)
    objects.Node.release(ctx, "test-host", node.uuid)
    copy.extra = {"a": 1}
    assert rpc.update_node(ctx, copy).extra == {"a": 1}


def test_pinned_client_does_not_send_newer_methods(service, conf, ctx) -> None:
    conf.config(pin_release_version="0.1")
    allocation = objects.Allocation(ctx, uuid="9b8d6f0e-1f6a-4a43-9d0c-0b3b5f3a2c11")
    with pytest.raises(exception.RPCVersionCapped):
        rpcapi.ConductorAPI().destroy_allocation(ctx, allocation)
