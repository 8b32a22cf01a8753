"""Versioned-object indirection endpoints (RPC 1.1).

A service that must not reach the database itself can ask a conductor to run
an object's remotable method for it: ``object_class_action_versions`` for
class methods, ``object_action`` for instance methods, and
``object_backport_versions`` to get an object in versions an older peer
understands. These are oslo.versionedobjects' indirection calls.
"""
from __future__ import annotations

from typing import Any

from ironic.common import exception
from ironic.objects import base as objects_base


class ObjectIndirectionMixin:
    """The three indirection endpoints, mixed into the conductor manager."""

    def object_class_action_versions(self, context: Any, objname: str,
                                     objmethod: str, object_versions: dict[str, str],
                                     args: list[Any] | tuple[Any, ...],
                                     kwargs: dict[str, Any]) -> Any:
        """Run class method ``objmethod`` of ``objname`` for a peer knowing
        ``object_versions``; the RPC serializer encodes the result.

        :raises: InvalidParameterValue for an unknown object or method.
        """
        classes = objects_base.IronicObjectRegistry.obj_classes().get(objname)
        if not classes:
            raise exception.InvalidParameterValue(err=f"Unknown object {objname}")
        objclass = classes[0]
        method = getattr(objclass, objmethod, None)
        if method is None or objmethod.startswith("_"):
            raise exception.InvalidParameterValue(
                err=f"Object {objname} has no method {objmethod}")
        return method(context, *args, **kwargs)

    def object_action(self, context: Any, objinst: Any, objmethod: str,
                      args: list[Any] | tuple[Any, ...],
                      kwargs: dict[str, Any]) -> tuple[dict[str, Any], Any]:
        """Run instance method ``objmethod`` on ``objinst``.

        :returns: ``(changed fields, result)`` so the caller updates its copy.
        :raises: InvalidParameterValue for an unknown method.
        """
        if objmethod.startswith("_") or not callable(getattr(objinst, objmethod, None)):
            raise exception.InvalidParameterValue(
                err=f"Object {objinst.obj_name()} has no method {objmethod}")
        oldobj = objinst.obj_clone()
        result = getattr(objinst, objmethod)(context, *args, **kwargs)
        updates: dict[str, Any] = {}
        for name in objinst.fields:
            if not objinst.obj_attr_is_set(name):
                continue
            if (not oldobj.obj_attr_is_set(name)
                    or getattr(oldobj, name) != getattr(objinst, name)):
                updates[name] = objinst.fields[name].to_primitive(
                    objinst, name, getattr(objinst, name))
        updates["obj_what_changed"] = sorted(objinst.obj_what_changed())
        return updates, result

    def object_backport_versions(self, context: Any, objinst: Any,
                                 object_versions: dict[str, str]) -> dict[str, Any]:
        """``objinst`` as a primitive in the versions of ``object_versions``."""
        target = object_versions.get(objinst.obj_name(), objinst.VERSION)
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)
