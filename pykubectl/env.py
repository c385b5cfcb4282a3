"""The injected environment: clock, randomness, store location, namespace, output streams.

Tests freeze the clock with ``PYKUBECTL_NOW`` (RFC 3339) and the name generator with ``PYKUBECTL_SEED``, so
outputs are deterministic without scrubbing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import random
    from datetime import datetime, timezone
else:
    # datetime's classes and the random module are imported on first use: validate never needs them (0.6 and 0.5
    # ms of its start-up); every command that reads or writes the store does, and pays the same as before.
    datetime: Any = None
    timezone: Any = None


def _import_datetime() -> None:
    global datetime, timezone
    from datetime import datetime, timezone

DEFAULT_STORE_DIR = "~/.pykubectl"
# Characters Kubernetes uses for generated suffixes (rand.SafeEncodeString): no vowels, no look-alikes.
SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
assert len(SAFE_ALPHABET) == 27  # Env.suffix draws 5 bits per character
_UUID_KEEP = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_UUID_SET = (0x4 << 76) | (0x2 << 62)


def parse_time(s: str) -> datetime:
    if datetime is None:
        _import_datetime()
    # By hand for the one format we store: datetime.strptime imports _strptime (locale, calendar, a dozen
    # regexes: ~4 ms of every command that reconciles). Anything else goes through strptime and its errors.
    if (len(s) == 20 and s[4] == "-" and s[7] == "-" and s[10] == "T" and s[13] == ":" and s[16] == ":"
            and s[19] == "Z" and (s[:4] + s[5:7] + s[8:10] + s[11:13] + s[14:16] + s[17:19]).isdigit()):
        try:
            return datetime(int(s[:4]), int(s[5:7]), int(s[8:10]), int(s[11:13]), int(s[14:16]), int(s[17:19]),
                            tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


_LAST_FORMATTED: list = [None, ""]  # the reconciler formats the same second thousands of times


def format_time(t: datetime) -> str:
    if _LAST_FORMATTED[0] == t and t.tzinfo is not None:
        return _LAST_FORMATTED[1]
    if timezone is None:
        _import_datetime()
    s = t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    _LAST_FORMATTED[0], _LAST_FORMATTED[1] = t, s
    return s


class Env:
    """What a command runs against. A plain class, not a dataclass: the dataclasses module imports inspect (~20 ms),
    which the fast paths of get and apply (cli/fastget.py, cli/fastapply.py) never need otherwise."""

    def __init__(self, store_url: str | None = None, namespace: str | None = None, context: str | None = None,
                 kubeconfig: str | None = None, frozen_now: datetime | None = None,
                 rand: random.Random | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 clock_offset: float = 0.0, store_from_flag: bool = False):
        self.store_url = store_url
        self.namespace = namespace
        self.context = context
        self.kubeconfig = kubeconfig
        self.frozen_now = frozen_now
        if rand is not None:
            self.rand = rand  # else made on first use (__getattr__)
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        # Cluster clock offset in seconds (pykubectl cluster advance); set by the store on open.
        self.clock_offset = clock_offset
        # --store given on the command line (config set-context records it in the context).
        self.store_from_flag = store_from_flag

    # PYKUBECTL_SEED, when set: the store draws each process's names and UIDs from it and the store's
    # resourceVersion (reseed), so that two commands never draw the same ones.
    seed: str | None = None
    # kubectl's global flags that change what a command does (cli/boundary.py reads them): impersonation, the
    # request timeout (seconds; None: none given), --warnings-as-errors, the log level -v, --profile.
    as_user = ""
    as_groups: tuple[str, ...] = ()
    as_uid = ""
    # The deprecated --record of the commands that have it: the kubernetes.io/change-cause the client writes.
    change_cause = ""
    request_timeout: object = None
    warnings_as_errors = False
    verbosity = 0
    profile = "none"
    cache_dir = ""

    def __getattr__(self, name: str) -> Any:
        if name == "rand":  # the unseeded generator, made when first asked for
            import random

            self.rand = random.Random()
            return self.rand
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def reseed(self, store_revision: str) -> None:
        if self.seed is not None:
            import random

            self.rand = random.Random(f"{self.seed}@{store_revision}")

    @classmethod
    def from_environ(cls) -> "Env":
        env = cls()
        now = os.environ.get("PYKUBECTL_NOW")
        if now:
            env.frozen_now = parse_time(now)
        seed = os.environ.get("PYKUBECTL_SEED")
        if seed is not None:
            import random

            env.seed = seed
            env.rand = random.Random(seed)
        env.store_url = os.environ.get("PYKUBECTL_STORE") or None
        return env

    def now(self) -> datetime:
        # The reconciler asks thousands of times a second: the answer is remembered for the second of the wall
        # clock (or the frozen time) and the clock offset it was computed for.
        if self.frozen_now is not None:
            stamp: object = self.frozen_now
        else:
            stamp = int(time.time())
        last = self.__dict__.get("_now_cache")
        if last is not None and last[0] == stamp and last[1] == self.clock_offset:
            return last[2]
        if datetime is None:
            _import_datetime()
        base = self.frozen_now or datetime.fromtimestamp(stamp, timezone.utc)  # type: ignore[arg-type]
        if self.clock_offset:
            from datetime import timedelta

            base = base + timedelta(seconds=int(self.clock_offset))
        self.__dict__["_now_cache"] = (stamp, self.clock_offset, base)
        return base

    def now_str(self) -> str:
        return format_time(self.now())

    def suffix(self, n: int = 5) -> str:
        # What rand.choice(SAFE_ALPHABET) draws, n times (Random.choice takes getrandbits(5) until it is below 27),
        # without its per-call overhead: the reconciler names thousands of pods.
        bits = self.rand.getrandbits
        out = []
        for _ in range(n):
            r = bits(5)
            while r >= 27:
                r = bits(5)
            out.append(SAFE_ALPHABET[r])
        return "".join(out)

    def uid(self) -> str:
        # A version-4 UUID of 128 random bits: the version nibble (bits 76-79) set to 4, the variant (bits 62-63)
        # to 10, as in bytes 6 and 8 of the big-endian form.
        x = "%032x" % ((self.rand.getrandbits(128) & _UUID_KEEP) | _UUID_SET)
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"

    def apply_context(self) -> None:
        """Fill what the command line and PYKUBECTL_STORE left open from the context in use (``--context`` or
        the config's current-context): -n > context namespace > default; --store > PYKUBECTL_STORE > context
        store > default."""
        from . import errors, kubeconfig

        try:
            ns, store = kubeconfig.resolve(self.kubeconfig, self.context)
        except kubeconfig.ContextNotFound as e:
            raise errors.ClientError(
                f"Error in configuration: context was not found for specified context: {e}") from None
        if self.namespace is None and ns:
            self.namespace = ns
        if self.store_url is None and store:
            self.store_url = store

    def resolved_store_url(self) -> str:
        url = self.store_url or os.path.join(os.path.expanduser(DEFAULT_STORE_DIR), "store.db")
        return url
