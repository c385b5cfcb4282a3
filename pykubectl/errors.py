"""The one error hierarchy of pykubectl.

    PykubectlError                     exit 1; ``str()`` is the exact text kubectl prints on stderr
    ├── UsageError                     bad flags or arguments        ("error: unknown flag: --foo")
    ├── ClientError                    client-side failures          ("error: the path \"x\" does not exist")
    │   └── ResourceTypeError          unknown resource type         ("error: the server doesn't have a resource type \"x\"")
    ├── ServerError                    what the API server rejects   ("Error from server (Reason): ...")
    │   ├── NotFound
    │   ├── AlreadyExists
    │   ├── Conflict
    │   ├── BadRequest
    │   └── Invalid                    field errors                  ("The Deployment \"web\" is invalid: ...")
    ├── StoreError                     the store cannot be used (newer schema, unreachable URL)
    └── Interrupted                    Ctrl-C (exit 130)

Only ``cli/main.py:main()`` catches these, prints ``str(err)`` and exits with ``err.exit_code``.
"""

from __future__ import annotations



class PykubectlError(Exception):
    exit_code = 1

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(PykubectlError):
    pass


class ClientError(PykubectlError):
    pass


def bare_client_error(text: str) -> ClientError:
    """A client error whose Go text has no "error: ": kubectl's CheckErr prints it as "error: <text>" when it is
    the only error, and as "<text>" in an aggregate of several (its ``bare`` text)."""
    e = ClientError(f"error: {text}")
    e.bare = text  # type: ignore[attr-defined]
    return e


class ResourceTypeError(ClientError):
    def __init__(self, name: str):
        super().__init__(f'error: the server doesn\'t have a resource type "{name}"')
        self.name = name


class StoreError(PykubectlError):
    pass


class Interrupted(PykubectlError):
    exit_code = 130


class ServerError(PykubectlError):
    """An error the API server returns. ``reason`` is the Status reason; ``detail`` the bare message.

    ``context`` is filled in by verbs that operate on files: kubectl prefixes
    ``error when creating "f.yaml": `` (or ``applying patch``/``retrieving current configuration``) to it.
    """

    reason = "InternalError"

    def __init__(self, detail: str, context: str = ""):
        super().__init__(detail)
        self.detail = detail
        self.context = context

    def with_context(self, context: str) -> "ServerError":
        self.context = context
        return self

    def __str__(self) -> str:
        prefix = f"{self.context}: " if self.context else ""
        return f"Error from server ({self.reason}): {prefix}{self.detail}"


class NotFound(ServerError):
    reason = "NotFound"


class AlreadyExists(ServerError):
    reason = "AlreadyExists"


class Conflict(ServerError):
    reason = "Conflict"


class BadRequest(ServerError):
    reason = "BadRequest"


class Forbidden(ServerError):
    reason = "Forbidden"


class FieldError:
    """One entry of a field.ErrorList, rendered as the API server renders it. (A plain class: see env.Env.)"""

    __slots__ = ("path", "type", "detail", "value", "has_value", "extra")

    def __init__(self, path: str, type: str, detail: str = "", value: object = None, has_value: bool = False,
                 extra: list | None = None):
        self.path = path
        # "Invalid value", "Required value", "Unsupported value", "Duplicate value", "Forbidden", "Too long", ...
        self.type = type
        self.detail = detail
        self.value = value
        self.has_value = has_value
        self.extra = extra if extra is not None else []

    def _fields(self) -> tuple:
        return (self.path, self.type, self.detail, self.value, self.has_value, self.extra)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldError) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment] - mutable, as the dataclass was

    def __repr__(self) -> str:
        return "FieldError(" + ", ".join(f"{n}={v!r}" for n, v in zip(self.__slots__, self._fields())) + ")"

    def __str__(self) -> str:
        if self.type in ("Required value", "Forbidden") and not self.has_value:
            return f"{self.path}: {self.type}" + (f": {self.detail}" if self.detail else "")
        if self.has_value:
            return f"{self.path}: {self.type}: {_go_value(self.value)}" + (f": {self.detail}" if self.detail else "")
        return f"{self.path}: {self.type}" + (f": {self.detail}" if self.detail else "")


def _go_value(v: object) -> str:
    """Render a value as field.Error does (%#v for strings, plain for numbers)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if v is None:
        return "null"
    return str(v)


class Invalid(ServerError):
    """``The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be ...``.

    With several errors kubectl prints ``: [a, b]``.
    """

    reason = "Invalid"

    def __init__(self, kind: str, name: str, errors: list[FieldError], context: str = ""):
        self.kind = kind
        self.name = name
        # field.ErrorList.ToAggregate drops an error whose text repeats an earlier one.
        seen: set[str] = set()
        errors = [e for e in errors if not (str(e) in seen or seen.add(str(e)))]  # type: ignore[func-returns-value]
        self.errors = errors
        if len(errors) == 1:
            body = str(errors[0])
        else:
            body = "[" + ", ".join(str(e) for e in errors) + "]"
        super().__init__(f'{kind} "{name}" is invalid: {body}', context)

    def __str__(self) -> str:
        # kubectl prints Invalid errors without "Error from server (Invalid):" when it can parse the
        # Status details; with a file context it still uses the long form.
        if self.context:
            return f"Error from server (Invalid): {self.context}: {self.detail}"
        if len(self.errors) > 1:
            # CheckErr's MultilineError of the Status causes (kubectl 1.32 through serve: `run Bad`)
            return f'The {self.kind} "{self.name}" is invalid: \n' + "\n".join(f"* {e}" for e in self.errors)
        return f"The {self.detail}"
