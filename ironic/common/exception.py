"""The exception hierarchy shared by every layer.

Each exception carries a message template filled from keyword arguments and, for
errors that reach a user, the HTTP status code the API answers with. The class
name travels over RPC, so the API process can rebuild the same exception from a
remote conductor's answer; keep names stable once released.

Categories (section 9 of the style guide):

* ``ClientError`` and its subclasses: the request cannot be served as asked (4xx).
* ``DriverError``: a hardware driver failed; ``DriverRetryable`` may succeed later,
  ``DriverFatal`` cannot.
* ``ConductorError``: the conductor cannot take the work now (503 at the API).
"""
from __future__ import annotations

import http
import logging
from typing import Any, ClassVar

LOG = logging.getLogger(__name__)


class IronicError(Exception):
    """Base of every exception this project raises on purpose.

    Subclasses set ``_msg_fmt`` (a ``%``-style template over keyword arguments) and
    ``code`` (the HTTP status the API maps the error to).
    """

    _msg_fmt: ClassVar[str] = "An unknown exception occurred."
    code: ClassVar[int] = http.HTTPStatus.INTERNAL_SERVER_ERROR
    headers: ClassVar[dict[str, str]] = {}
    safe: ClassVar[bool] = False

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        self.kwargs = kwargs
        if "code" not in kwargs:
            self.kwargs["code"] = self.code
        if not message:
            try:
                message = self._msg_fmt % kwargs
            except (KeyError, TypeError, ValueError):
                # A wrong template argument must never hide the real error.
                LOG.warning("Exception %s: bad message arguments %s",
                            type(self).__name__, sorted(kwargs))
                message = self._msg_fmt
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def format_message(self) -> str:
        """The user-facing text of this error."""
        return str(self)


# ---------------------------------------------------------------------------
# Client errors (4xx)
# ---------------------------------------------------------------------------


class ClientError(IronicError):
    """The request is wrong or cannot be served in the current state."""

    code = http.HTTPStatus.BAD_REQUEST
    safe = True


class Invalid(ClientError):
    _msg_fmt = "Unacceptable parameters."


class InvalidParameterValue(Invalid):
    _msg_fmt = "%(err)s"


class MissingParameterValue(InvalidParameterValue):
    _msg_fmt = "%(err)s"


class InvalidUUID(Invalid):
    _msg_fmt = "Expected a UUID but received %(uuid)s."


class InvalidUuidOrName(Invalid):
    _msg_fmt = "Expected a logical name or UUID but received %(name)s."


class InvalidName(Invalid):
    _msg_fmt = "Expected a logical name but received %(name)s."


class InvalidMAC(Invalid):
    _msg_fmt = "Expected a MAC address but received %(mac)s."


class InvalidSwitchID(Invalid):
    _msg_fmt = ("Expected a MAC address or OpenFlow datapath ID but received "
                "%(switch_id)s.")


class InvalidDatapathID(Invalid):
    _msg_fmt = "Expected an OpenFlow datapath ID but received %(datapath_id)s."


class InvalidStateRequested(ClientError):
    _msg_fmt = ('The requested action "%(action)s" can not be performed '
                'on node "%(node)s" while it is in state "%(state)s".')


class PatchError(Invalid):
    _msg_fmt = "Couldn't apply patch '%(patch)s'. Reason: %(reason)s"


class InstanceDeployFailure(ClientError):
    _msg_fmt = "Failed to deploy instance: %(reason)s"


class UnsupportedDriverExtension(Invalid):
    _msg_fmt = "Driver %(driver)s does not support %(extension)s (disabled or not implemented)."


class IncompatibleInterface(InvalidParameterValue):
    _msg_fmt = ("%(interface_type)s interface implementation '%(interface_impl)s' "
                "is not supported by hardware type %(hardware_type)s.")


class InterfaceNotFoundInEntrypoint(InvalidParameterValue):
    _msg_fmt = ("Could not find the following interface in the "
                "'%(entrypoint)s' entrypoint: %(iface)s. Valid interfaces "
                "are %(valid)s.")


class NoValidDefaultForInterface(InvalidParameterValue):
    _msg_fmt = ("No default value found for %(interface_type)s interface for "
                "hardware type %(driver)s.")


class InvalidConductorGroup(Invalid):
    _msg_fmt = ("Invalid conductor group %(group)s; it may only contain "
                "letters, numbers, dots, dashes and underscores.")


class NodeInMaintenance(Invalid):
    _msg_fmt = "The %(op)s operation can't be performed on node %(node)s because it's in maintenance mode."


class NodeProtected(ClientError):
    code = http.HTTPStatus.FORBIDDEN
    _msg_fmt = "Node %(node)s is protected and cannot be undeployed, rebuilt or deleted"


class NotAuthorized(ClientError):
    code = http.HTTPStatus.FORBIDDEN
    _msg_fmt = "Not authorized."


class HTTPForbidden(NotAuthorized):
    _msg_fmt = "Access was denied to the following resource: %(resource)s"


class NotAcceptable(ClientError):
    code = http.HTTPStatus.NOT_ACCEPTABLE
    _msg_fmt = "Request not acceptable."


class RequestEntityTooLarge(ClientError):
    code = http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    _msg_fmt = "The request is too large: %(reason)s"


class NotFound(ClientError):
    code = http.HTTPStatus.NOT_FOUND
    _msg_fmt = "Resource could not be found."


class NodeNotFound(NotFound):
    _msg_fmt = "Node %(node)s could not be found."


class PortNotFound(NotFound):
    _msg_fmt = "Port %(port)s could not be found."


class PortgroupNotFound(NotFound):
    _msg_fmt = "Portgroup %(portgroup)s could not be found."


class ChassisNotFound(NotFound):
    _msg_fmt = "Chassis %(chassis)s could not be found."


class ConductorNotFound(NotFound):
    _msg_fmt = "Conductor %(conductor)s could not be found."


class DriverNotFound(NotFound):
    _msg_fmt = "Could not find the following driver(s) or hardware type(s): %(driver_name)s."


class InterfaceNotFound(NotFound):
    _msg_fmt = "Interface %(interface)s could not be found."


class AllocationNotFound(NotFound):
    _msg_fmt = "Allocation %(allocation)s could not be found."


class DeployTemplateNotFound(NotFound):
    _msg_fmt = "Deploy template %(template)s could not be found."


class VolumeConnectorNotFound(NotFound):
    _msg_fmt = "Volume connector %(connector)s could not be found."


class VolumeTargetNotFound(NotFound):
    _msg_fmt = "Volume target %(target)s could not be found."


class NodeTraitNotFound(NotFound):
    _msg_fmt = "Node %(node_id)s doesn't have a trait '%(trait)s'"


class NodeTagNotFound(NotFound):
    _msg_fmt = "Node %(node_id)s doesn't have a tag '%(tag)s'"


class NodeHistoryNotFound(NotFound):
    _msg_fmt = "Node history record %(history)s could not be found."


class NodeInventoryNotFound(NotFound):
    _msg_fmt = "Node inventory for node %(node)s could not be found."


class BIOSSettingNotFound(NotFound):
    _msg_fmt = "Node %(node)s doesn't have a BIOS setting '%(name)s'"


class BIOSSettingListNotFound(NotFound):
    _msg_fmt = "Node %(node)s doesn't have BIOS settings '%(names)s'"


class InstanceNotFound(NotFound):
    _msg_fmt = "Instance %(instance)s could not be found."


class NoFreePhysicalPorts(ClientError):
    code = http.HTTPStatus.CONFLICT
    _msg_fmt = "Unable to attach VIF %(vif)s, not enough free physical ports."


class Conflict(ClientError):
    code = http.HTTPStatus.CONFLICT
    _msg_fmt = "Conflict."


class NodeLocked(Conflict):
    _msg_fmt = ("Node %(node)s is locked by host %(host)s, please retry "
                "after the current operation is completed.")


class NodeNotLocked(Conflict):
    _msg_fmt = "Node %(node)s found not to be locked on release"


class NodeAssociated(Conflict):
    _msg_fmt = ("Node %(node)s is associated with instance %(instance)s.")


class InstanceAssociated(Conflict):
    _msg_fmt = ("Instance %(instance_uuid)s is already associated with a "
                "node, it cannot be associated with this other node %(node)s")


class DuplicateName(Conflict):
    _msg_fmt = "A node with name %(name)s already exists."


class NodeAlreadyExists(Conflict):
    _msg_fmt = "A node with UUID %(uuid)s already exists."


class MACAlreadyExists(Conflict):
    _msg_fmt = "A port with MAC address %(mac)s already exists."


class PortAlreadyExists(Conflict):
    _msg_fmt = "A port with UUID %(uuid)s already exists."


class PortDuplicateName(Conflict):
    _msg_fmt = "A port with name %(name)s already exists."


class PortgroupAlreadyExists(Conflict):
    _msg_fmt = "A portgroup with UUID %(uuid)s already exists."


class PortgroupDuplicateName(Conflict):
    _msg_fmt = "A portgroup with name %(name)s already exists."


class PortgroupMACAlreadyExists(Conflict):
    _msg_fmt = "A portgroup with MAC address %(mac)s already exists."


class InvalidState(Conflict):
    _msg_fmt = "Invalid resource state."


class PortgroupNotEmpty(Invalid):
    _msg_fmt = "Cannot complete the requested action because portgroup %(portgroup)s contains ports."


class ChassisAlreadyExists(Conflict):
    _msg_fmt = "Chassis with UUID %(uuid)s already exists."


class ChassisNotEmpty(Invalid):
    _msg_fmt = "Cannot complete the requested action because chassis %(chassis)s contains nodes."


class ConductorAlreadyRegistered(Conflict):
    _msg_fmt = "Conductor %(conductor)s already registered."


class AllocationAlreadyExists(Conflict):
    _msg_fmt = "An allocation with UUID %(uuid)s already exists."


class AllocationDuplicateName(Conflict):
    _msg_fmt = "An allocation with name %(name)s already exists."


class DeployTemplateAlreadyExists(Conflict):
    _msg_fmt = "A deploy template with UUID %(uuid)s already exists."


class DeployTemplateDuplicateName(Conflict):
    _msg_fmt = "A deploy template with name %(name)s already exists."


class VolumeConnectorAlreadyExists(Conflict):
    _msg_fmt = "A volume connector with UUID %(uuid)s already exists."


class VolumeConnectorTypeAndIdAlreadyExists(Conflict):
    _msg_fmt = ("A volume connector with type %(type)s and connector ID "
                "%(connector_id)s already exists.")


class VolumeTargetAlreadyExists(Conflict):
    _msg_fmt = "A volume target with UUID %(uuid)s already exists."


class VolumeTargetBootIndexAlreadyExists(Conflict):
    _msg_fmt = ("A volume target with boot index '%(boot_index)s' for the "
                "same node already exists.")


class ConcurrentActionLimit(ClientError):
    code = http.HTTPStatus.SERVICE_UNAVAILABLE
    _msg_fmt = "Unable to process request at this time: %(task_type)s limit reached."


# ---------------------------------------------------------------------------
# Driver errors
# ---------------------------------------------------------------------------


class DriverError(IronicError):
    """A hardware driver could not do what it was asked."""

    _msg_fmt = "Driver error: %(reason)s"


class DriverRetryable(DriverError):
    """The BMC did not answer, was busy or timed out: worth another try."""


class DriverFatal(DriverError):
    """Bad credentials, unsupported feature or bad configuration."""


class PowerStateFailure(DriverError):
    _msg_fmt = "Failed to set node power state to %(pstate)s."


class BMCUnreachable(DriverRetryable):
    _msg_fmt = "Node %(node)s: BMC %(address)s did not answer: %(reason)s"


class BMCAuthFailed(DriverFatal):
    _msg_fmt = "Node %(node)s: BMC %(address)s refused the credentials: %(reason)s"


class ManagementError(DriverError):
    _msg_fmt = "Management error: %(reason)s"


# ---------------------------------------------------------------------------
# Conductor and service errors (5xx at the API)
# ---------------------------------------------------------------------------


class ConductorError(IronicError):
    """The conductor cannot take the work right now."""

    code = http.HTTPStatus.SERVICE_UNAVAILABLE
    safe = True


class NoFreeConductorWorker(ConductorError):
    _msg_fmt = "Requested action cannot be performed due to lack of free conductor workers."


class NoValidHost(ConductorError):
    code = http.HTTPStatus.BAD_REQUEST
    _msg_fmt = "No valid host was found. Reason: %(reason)s"


class TemporaryFailure(ConductorError):
    _msg_fmt = "Resource temporarily unavailable, please retry."


class ServiceUnavailable(ConductorError):
    _msg_fmt = "Connection failed"


class DatabaseBusy(ConductorError):
    _msg_fmt = "The database is busy, please retry: %(reason)s"


class ConfigInvalid(IronicError):
    _msg_fmt = "Invalid configuration file. %(error_msg)s"


class CatalogNotFound(IronicError):
    _msg_fmt = "Service type %(service_type)s with endpoint type %(endpoint_type)s not found in keystone catalog."


class OperationNotAvailable(ClientError):
    """A known operation this release of the conductor does not implement yet."""

    _msg_fmt = ("The %(operation)s operation is not available in this release "
                "of the conductor.")


class ExclusiveLockRequired(IronicError):
    """Code needing an exclusive node lock ran under a shared one (a bug)."""

    _msg_fmt = "An exclusive lock is required, but the current context has a shared lock."


class NodeConsoleNotEnabled(Invalid):
    _msg_fmt = "Console access is not enabled on node %(node)s"


class InvalidIdentity(Invalid):
    _msg_fmt = "Expected a UUID or int but received %(identity)s."


class AllocationFailed(Invalid):
    """An allocation could not be satisfied (or backfilled) as requested."""

    _msg_fmt = "Failed to process allocation %(uuid)s: %(error)s."


class RPCVersionCapped(ConductorError):
    """A call needs a newer RPC version than the rolling-upgrade pin allows."""

    _msg_fmt = ("%(method)s needs conductor RPC API %(version)s, but RPC is pinned "
                "to %(cap)s by [DEFAULT] pin_release_version=%(release)s; retry "
                "once every service is upgraded and the pin is removed.")


class NotAllowedAtVersion(ClientError):
    """The resource exists, but not at the requested API version (changes: 405)."""

    code = http.HTTPStatus.METHOD_NOT_ALLOWED
    _msg_fmt = "The API version does not allow %(what)s"


# ---------------------------------------------------------------------------
# BMC errors raised by the IPMI and Redfish drivers. They carry an HTTP code
# so that a synchronous API call failing at the BMC answers 4xx/503, never 500.
# ---------------------------------------------------------------------------


class BMCTimeout(BMCUnreachable):
    """The BMC stopped answering (UDP lost, host down, HTTP connect failed)."""

    code = http.HTTPStatus.SERVICE_UNAVAILABLE


class BMCCredentialsRejected(BMCAuthFailed):
    """Wrong username, password or key: fix driver_info, retrying cannot help."""

    code = http.HTTPStatus.BAD_REQUEST


class BMCCommandFailed(DriverRetryable):
    """The BMC answered but refused or failed the command (busy, error code)."""

    code = http.HTTPStatus.SERVICE_UNAVAILABLE
    _msg_fmt = "Node %(node)s: BMC %(address)s could not %(action)s: %(reason)s"


class BMCMalformedResponse(DriverRetryable):
    """The BMC's answer could not be understood."""

    code = http.HTTPStatus.SERVICE_UNAVAILABLE
    _msg_fmt = "Node %(node)s: BMC %(address)s sent a malformed answer: %(reason)s"


class BMCFeatureUnsupported(DriverFatal):
    """The BMC (or this driver) does not offer the requested feature."""

    code = http.HTTPStatus.BAD_REQUEST
    _msg_fmt = "Node %(node)s: %(feature)s is not supported: %(reason)s"


class PowerStateTimeout(DriverRetryable):
    """The BMC accepted a power change but the node did not reach the target."""

    code = http.HTTPStatus.SERVICE_UNAVAILABLE
    _msg_fmt = ("Node %(node)s: power state did not become %(target)s within "
                "%(timeout)s seconds (last seen: %(state)s)")


class VifAlreadyAttached(Conflict):
    """The VIF is attached already (to this node or another one)."""

    _msg_fmt = ("Unable to attach VIF because VIF %(vif)s is already attached to "
                "Ironic %(object_type)s %(object_uuid)s")


class VifNotAttached(Invalid):
    """Detaching a VIF the node does not have."""

    _msg_fmt = ("Unable to detach VIF %(vif)s from node %(node)s because it is not "
                "attached to it.")


class NodeChangedConcurrently(Conflict):
    """The node changed between the client's read and the conductor's lock."""

    _msg_fmt = ("Node %(node)s was changed by another request while this update "
                "was in flight; please retry with the current node.")


class RunbookNotFound(NotFound):
    _msg_fmt = "Runbook %(runbook)s could not be found."


class RunbookAlreadyExists(Conflict):
    _msg_fmt = "A runbook with UUID %(uuid)s already exists."


class RunbookDuplicateName(Conflict):
    _msg_fmt = "A runbook with name %(name)s already exists."


class InspectionRuleNotFound(NotFound):
    _msg_fmt = "Inspection rule %(rule)s could not be found."


class InspectionRuleAlreadyExists(Conflict):
    _msg_fmt = "An inspection rule with UUID %(uuid)s already exists."
