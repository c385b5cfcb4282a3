"""The Kubernetes API over HTTPS for real kubectl and client libraries: TLS and credentials, routing, discovery,
Tables and Status errors, over the same server-side code the CLI uses (apiserver/pipeline.py) and its reconciler."""
