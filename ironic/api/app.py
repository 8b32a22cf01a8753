"""Build the WSGI application serving the bare-metal REST API.

``setup_app()`` assembles the pecan application (root controller, hooks for
version negotiation, request context, RPC client and error formatting) and puts
the configured authentication middleware in front of it.
"""
from __future__ import annotations

from typing import Any

import pecan

from ironic.api import auth, hooks, pecan_speedups
from ironic.api.controllers import root
from ironic.conductor import rpcapi


def setup_app(config: dict[str, Any] | None = None, *, rpc_client: Any = None) -> Any:
    """Return the API as a WSGI application.

    :param config: extra pecan app settings (for example ``{"debug": True}``).
    :param rpc_client: the conductor RPC client; a ``ConductorAPI`` by default.
    """
    pecan_speedups.install()
    app_conf = {"root": root.RootController(), "debug": False,
                "force_canonical": False, "guess_content_type_from_ext": False}
    app_conf.update((config or {}).get("app", config or {}))
    public = tuple(r for r in auth.PUBLIC_ROUTES)
    app = pecan.Pecan(
        app_conf["root"],
        hooks=[hooks.ErrorHook(), hooks.VersionHook(),
               hooks.ContextHook(public), hooks.RPCHook(rpc_client or rpcapi.ConductorAPI())],
        force_canonical=False,
        guess_content_type_from_ext=False,
        use_context_locals=True,
        request_cls=pecan_speedups.Request,
    )
    return auth.wrap(app)
