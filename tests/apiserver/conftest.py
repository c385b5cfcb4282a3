"""--update-known-failing: rewrite the recorded-validation corpus's known-failing list after a full replay."""

from __future__ import annotations

import pytest


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not session.config.getoption("--update-known-failing", default=False):
        return
    # The test module as pytest imported it (its results live there), not a second import of it.
    modules = {getattr(item, "module", None) for item in session.items}
    for module in modules:
        if module is not None and hasattr(module, "update_known_failing"):
            module.update_known_failing()
