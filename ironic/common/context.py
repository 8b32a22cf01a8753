"""The request context passed from the API through RPC to the conductor."""
from __future__ import annotations

from typing import Any

from oslo_context import context


class RequestContext(context.RequestContext):
    """Who is asking, and from where; serialisable over RPC."""

    def __init__(self, is_public_api: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.is_public_api = is_public_api

    def to_policy_values(self) -> Any:
        """Credentials for oslo.policy, plus ``is_public_api``.

        A plain dict: oslo.context's own warns whenever a policy reads a key
        it does not define, and ``rule:public_api`` reads this one.
        """
        values = dict(super().to_policy_values().items())
        values["is_public_api"] = self.is_public_api
        return values

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["is_public_api"] = self.is_public_api
        return data

    @classmethod
    def from_dict(cls, values: dict[str, Any], **kwargs: Any) -> RequestContext:
        kwargs.setdefault("is_public_api", values.get("is_public_api", False))
        return super().from_dict(values, **kwargs)

    def ensure_thread_contain_context(self) -> None:
        """Make this the current context of the calling thread (for logging)."""
        if context.get_current() is self:
            return
        self.update_store()


def get_admin_context() -> RequestContext:
    """A context for the service's own work (periodic tasks, start-up)."""
    return RequestContext(is_admin=True, overwrite=False)
