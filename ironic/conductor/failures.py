"""One parameterised way to fail a flow: record the error, move to the fail state."""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states

LOG = logging.getLogger(__name__)


def fail(task: Any, flow: str, error: Exception | str) -> None:
    """Record ``error`` as ``last_error`` and process the ``fail`` event.

    Logs a traceback only for errors we did not raise on purpose.
    """
    message = f"{flow} failed: {error}"
    LOG.error("Node %s: %s", task.node.uuid, message,
              exc_info=(error if isinstance(error, Exception)
                        and not isinstance(error, exception.IronicError) else None))
    task.process_event(states.Event.FAIL, last_error=message)
