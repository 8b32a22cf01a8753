"""API access rules (oslo.policy): Ironic's rule names, conservative defaults.

Every API operation is checked against one rule named as Ironic names it
(``baremetal:node:get`` ...). The defaults grant:

* ``admin_api``: the ``admin`` or ``service`` role (without keystone every
  caller gets the ``admin`` role, see ``api.hooks.ContextHook``): everything;
* ``system_member``: the ``member`` role with system scope: read and change
  existing resources, drive power and provisioning;
* ``system_reader``: the ``reader`` role with system scope: read only.

Project-scoped access to owned or leased nodes (Ironic's ``owner``/``lessee``
rules) is not granted by default yet; operators can widen or narrow any rule in
the policy file named by ``[oslo_policy] policy_file``. Rules that are not
registered fall back to ``default`` (``admin_api``).

``etc/ironic/policy.yaml.sample`` is generated from :func:`list_rules` with
``oslopolicy-sample-generator --namespace ironic.api``.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from typing import Any

from oslo_policy import policy

from ironic.common import exception
from ironic.conf import CONF

_ADMIN = "rule:admin_api"
_MEMBER = "rule:system_member"
_READER = "rule:system_reader"

_BASE_RULES = [
    policy.RuleDefault("admin_api", "role:admin or role:service",
                       description="Full control of every resource."),
    policy.RuleDefault("system_member", "(role:member and system_scope:all) or rule:admin_api",
                       description="Read and change existing resources."),
    policy.RuleDefault("system_reader", "(role:reader and system_scope:all) or rule:system_member",
                       description="Read every resource."),
    policy.RuleDefault("public_api", "is_public_api:True",
                       description="Requests to the routes the ramdisk agent uses "
                                   "without credentials."),
    policy.RuleDefault("default", _ADMIN,
                       description="Any operation without a rule of its own."),
]

_READ = ("get", "list", "get_boot_device", "get_console", "get_states", "validate",
         "traits:list", "vif:list", "bios:get", "history:get", "inventory:get",
         "children:get", "firmware:get", "get_indicator_state", "vmedia:get")
_WRITE = ("update", "set_maintenance", "clear_maintenance", "set_power_state",
          "set_provision_state", "set_raid_state", "set_boot_device",
          "set_boot_mode", "set_secure_boot", "set_console_state", "inject_nmi",
          "traits:set", "traits:delete", "vif:attach", "vif:detach",
          "set_indicator_state", "vmedia:attach", "vmedia:detach")
_ADMIN_ONLY = ("create", "delete")

_PUBLIC = "rule:public_api"

_OTHER_RULES = [
    policy.RuleDefault("baremetal:shards:get", _READER, description="List shards."),
    policy.RuleDefault("baremetal:events:post", _ADMIN,
                       description="Post external (network) events."),
    policy.RuleDefault("baremetal:driver:ipa_lookup", _PUBLIC,
                       description="Ramdisk agent: look up its node."),
    policy.RuleDefault("baremetal:node:ipa_heartbeat", _PUBLIC,
                       description="Ramdisk agent: heartbeat."),
    policy.RuleDefault("baremetal:driver:ipa_continue_inspection", _PUBLIC,
                       description="Ramdisk agent: post inspection data."),
]
"""Rules outside the per-family CRUD pattern."""

_FAMILIES = {
    "node": _READ + _WRITE + _ADMIN_ONLY,
    "port": ("get", "list", "update", "create", "delete"),
    "portgroup": ("get", "list", "update", "create", "delete"),
    "chassis": ("get", "update", "create", "delete"),
    "driver": ("get", "get_properties", "get_raid_logical_disk_properties"),
    "conductor": ("get",),
    "volume": ("get", "update", "create", "delete"),
    "allocation": ("get", "list", "update", "create", "delete"),
    "deploy_template": ("get", "update", "create", "delete"),
    "runbook": ("get", "update", "create", "delete", "use"),
    "inspection_rule": ("get", "list", "update", "create", "delete"),
}

_ADMIN_FAMILIES = frozenset({"inspection_rule"})
"""Families whose write actions need the admin role rather than a member."""


def _default_for(action: str) -> str:
    if action in _ADMIN_ONLY:
        return _ADMIN
    if action in _READ:
        return _READER
    return _MEMBER


def list_rules() -> list[policy.RuleDefault]:
    """Every rule with its default (entry point ``oslo.policy.policies``)."""
    rules = list(_BASE_RULES)
    for family, actions in _FAMILIES.items():
        for action in actions:
            name = f"baremetal:{family}:{action}"
            rules.append(policy.RuleDefault(
                name, _ADMIN if family in _ADMIN_FAMILIES and action not in _READ
                else _default_for(action),
                description=f"{action.replace('_', ' ').replace(':', ' ')} ({family})"))
    return rules + _OTHER_RULES


_LOCK = threading.Lock()
_enforcer: policy.Enforcer | None = None

RELOAD_INTERVAL_S = 5.0
"""How often the policy file is checked for changes."""

_MAX_DECISIONS = 4096


class _Decisions:
    """Remembered answers for (rule, credentials, target), per loaded rule set.

    oslo.policy inspects every check's signature and stats the policy file on
    each call, about 250 us a request; the same caller asking the same
    question gets the same answer until the rules change, so answers are kept
    until the policy file is reloaded.
    """

    def __init__(self) -> None:
        self.answers: dict[Hashable, bool] = {}
        self.rules: Any = None
        self.checked_at = 0.0

    def refresh(self, enforcer: policy.Enforcer) -> None:
        now = time.monotonic()
        if self.rules is not None and now - self.checked_at < RELOAD_INTERVAL_S:
            return
        enforcer.load_rules()
        self.checked_at = now
        if enforcer.rules is not self.rules:
            self.rules = enforcer.rules
            self.answers = {}


_decisions = _Decisions()


def _key(rule: str, target: dict[str, Any], creds: dict[str, Any]) -> Hashable | None:
    def frozen(values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                            for k, v in values.items()))
    try:
        key = (rule, frozen(creds), frozen(target))
        hash(key)
    except TypeError:
        return None  # unhashable values: decide without remembering
    return key


def get_enforcer() -> policy.Enforcer:
    """The process-wide enforcer (entry point ``oslo.policy.enforcer``)."""
    global _enforcer
    with _LOCK:
        if _enforcer is None:
            enforcer = policy.Enforcer(CONF)
            enforcer.register_defaults(list_rules())
            _enforcer = enforcer
        return _enforcer


def reset() -> None:
    """Forget the enforcer (tests, or after the configuration changed)."""
    global _enforcer, _decisions
    with _LOCK:
        _enforcer = None
        _decisions = _Decisions()


def authorize(rule: str, target: dict[str, Any], context: Any) -> None:
    """Allow ``context`` to do ``rule`` on ``target`` or raise.

    :raises: HTTPForbidden (403) naming the rule when the policy refuses.
    """
    enforcer = get_enforcer()
    decisions = _decisions
    with _LOCK:
        decisions.refresh(enforcer)
    creds = context.to_policy_values()
    key = _key(rule, target, creds)
    allowed = decisions.answers.get(key) if key is not None else None
    if allowed is None:
        allowed = bool(enforcer.enforce(rule, target, creds))
        if key is not None:
            if len(decisions.answers) >= _MAX_DECISIONS:
                decisions.answers.clear()
            decisions.answers[key] = allowed
    if not allowed:
        raise exception.HTTPForbidden(resource=rule)
