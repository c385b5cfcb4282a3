"""pykubectl: a kubectl that drives a simulated Kubernetes v1.32 cluster kept in one SQLite file."""

__version__ = "0.1.0"
KUBERNETES_VERSION = "v1.32.6"
