"""pykubectl: a kubectl that drives a simulated Kubernetes v1.32 cluster kept in one SQLite file."""

__version__ = "0.1.0"
KUBERNETES_VERSION = "v1.32.6"


def server_version_info() -> dict:
    """The served cluster's version.Info, as /version answers it and `version` prints it (field order: Go's)."""
    return {"major": "1", "minor": "32", "gitVersion": KUBERNETES_VERSION, "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "", "goVersion": "", "compiler": "", "platform": "simulated"}
