"""The backend-neutral DB-API tests, run on SQLite, PostgreSQL and MariaDB."""
from __future__ import annotations

from tests.unit.db.test_conductors import *  # noqa: F401,F403
from tests.unit.db.test_inspection_rules import *  # noqa: F401,F403
from tests.unit.db.test_node_labels import *  # noqa: F401,F403
from tests.unit.db.test_node_locks_and_delete import *  # noqa: F401,F403
from tests.unit.db.test_nodes import *  # noqa: F401,F403
from tests.unit.db.test_other_tables import *  # noqa: F401,F403
from tests.unit.db.test_ports import *  # noqa: F401,F403
from tests.unit.db.test_runbooks import *  # noqa: F401,F403
