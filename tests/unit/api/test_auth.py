"""HTTP basic authentication against a bcrypt htpasswd file."""
from __future__ import annotations

import base64

import bcrypt
import pytest

from ironic.api import app as api_app
from tests.unit.api.conftest import Client


@pytest.fixture
def basic_api(conf, tmp_path):
    users = tmp_path / "htpasswd"
    users.write_text("admin:" + bcrypt.hashpw(b"secret", bcrypt.gensalt(4)).decode() + "\n")
    conf.config(auth_strategy="http_basic", http_basic_auth_user_file=str(users))
    return Client(api_app.setup_app(rpc_client=object()))


def _auth(user, password):
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_discovery_stays_public(basic_api):
    basic_api.call("GET", "/", status=200)
    basic_api.call("GET", "/v1", status=200)


def test_missing_or_wrong_credentials_are_401_with_challenge(basic_api):
    r = basic_api.call("GET", "/v1/nodes", status=401)
    assert r.headers["WWW-Authenticate"].startswith("Basic")
    basic_api.call("GET", "/v1/nodes", headers=_auth("admin", "nope"), status=401)


def test_good_credentials_pass(basic_api):
    # Past authentication, an unknown resource is an ordinary 404.
    basic_api.call("GET", "/v1/nope", headers=_auth("admin", "secret"), status=404)
