"""JSON-RPC 2.0 over HTTP between the API and conductors (``rpc_transport = json-rpc``).

:mod:`server` is a WSGI application a conductor serves on ``[json_rpc]
host_ip``/``port``; :mod:`client` posts calls to it. A conductor whose
``[DEFAULT] host`` is ``name:port`` is reached on that port, which lets several
conductors share one machine.
"""
