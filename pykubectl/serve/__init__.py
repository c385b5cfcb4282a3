"""The Kubernetes API over HTTPS for real kubectl and client libraries: TLS and credentials, routing, discovery,
Tables and Status errors, over the same server-side code the CLI uses (store/apiserver.py) and its reconciler."""
