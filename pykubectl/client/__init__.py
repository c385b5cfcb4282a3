"""client: how kubectl's side reaches the API server — requests in, objects or Status errors out.

The CLI (cli/) talks to the server only through this package: ``discovery`` (the kinds the cluster serves beyond
the built-in ones) and ``rest`` (create, update, patch, delete, get, list, scale over a transaction). The transport
is in-process: the request runs the server's pipeline (apiserver/) on the store directly; an HTTP transport would
send the same requests to `pykubectl serve`.
"""
