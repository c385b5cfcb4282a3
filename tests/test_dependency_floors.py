"""setup.cfg's dependency floors and the constraints file CI's minimum-version run installs agree."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("check_minimum_constraints",
                                                  ROOT / "tools" / "check_minimum_constraints.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_constraints_pin_every_floor_of_setup_cfg() -> None:
    assert _tool().problems(str(ROOT / "setup.cfg"), str(ROOT / ".ci" / "constraints-minimum.txt")) == []


def test_a_drifted_pin_or_a_missing_floor_is_reported(tmp_path: Path) -> None:
    cfg = tmp_path / "setup.cfg"
    cfg.write_text("[options]\ninstall_requires =\n    click>=8.1\n    pyyaml\n"
                   "[options.extras_require]\ntest =\n    pytest>=7\n")
    pins = tmp_path / "c.txt"
    pins.write_text("click==8.1.0\npytest==7.1\nextra==1.0\n")
    assert _tool().problems(str(cfg), str(pins)) == [
        f"{cfg}: 'pyyaml' has no plain '>=' floor",
        f"{pins}: pytest==7.1 but setup.cfg's floor is 7",
        f"{pins}: extra is pinned but setup.cfg does not require it",
    ]
