"""A real browser on the dashboard: headless Chromium (Debian's `chromium` and `chromium-driver`) driven by
Selenium, against `pykubectl dashboard` running as a subprocess on a free loopback port with a throw-away store and
the frozen clock of tests/conftest.py (so what the page's actions write can be compared with what the CLI writes).

Without a browser the tests skip and say what to install; under CI (CI=true) a missing browser is a failure,
since .ci/run installs it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.conftest import FROZEN_NOW, Runner

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT = 15.0  # seconds a test waits for the page (a loaded CI machine); the one-second target is measured in bench/


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not CHROMIUM or not CHROMEDRIVER:
        return "no headless browser: apt-get install -y chromium chromium-driver (.ci/run does)"
    return None


@pytest.fixture(scope="session")
def driver() -> Iterator[Any]:
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests: {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield d
    finally:
        d.quit()


class Dashboard:
    """`pykubectl dashboard --port 0` on a store; `cli` runs pykubectl in-process against the same store."""

    def __init__(self, store: str, seed: str = "dash"):
        self.store = store
        self.cli = Runner(store, seed=seed)
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> "Dashboard":
        env = dict(os.environ, PYKUBECTL_NOW=FROZEN_NOW, PYKUBECTL_SEED="7", PYKUBECTL_STORE=self.store)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "dashboard", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
        line = self.proc.stdout.readline()  # printed once the port is bound
        if not line.startswith("Dashboard of "):
            self.stop()
            raise AssertionError(f"dashboard did not start: {line!r} {self.proc.stderr.read()!r}")
        self.url = line.split(" at ", 1)[1].split()[0]
        return self

    def subprocess_cli(self, *args: str) -> subprocess.CompletedProcess:
        """pykubectl in another process, as a user's second terminal."""
        env = dict(os.environ, PYKUBECTL_NOW=FROZEN_NOW, PYKUBECTL_SEED="8", PYKUBECTL_STORE=self.store)
        return subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", *args],
                              capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=120)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def seed_store(run: Runner) -> None:
    """Two Deployments behind a Service: what every dashboard test starts from."""
    for cmd in ("create deployment web --image=nginx:1.27 --replicas=3", "expose deployment web --port=80",
                "create deployment api --image=busybox:1.36 --replicas=2"):
        r = run(cmd)
        assert r.code == 0, (cmd, r.err)


@pytest.fixture
def make_dashboard(tmp_path: Path) -> Iterator[Callable[[str], Dashboard]]:
    started: list[Dashboard] = []

    def make(name: str = "store") -> Dashboard:
        d = Dashboard(str(tmp_path / f"{name}.db"))
        seed_store(d.cli)
        started.append(d.start())
        return d

    yield make
    for d in started:
        d.stop()


def wait_for(driver: Any, what: Callable[[Any], Any], message: str, timeout: float = WAIT) -> Any:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page redraws itself live: an element found in one poll may be replaced before the next look at it.
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=ignored).until(what, message)


def severe_logs(driver: Any) -> list[str]:
    """What the page logged as errors (script errors, failed requests other than expected 4xx answers)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
            and "status of 4" not in e["message"]]
