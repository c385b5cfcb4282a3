"""The dashboard: the simulated cluster as a web page on loopback, served on top of serve/'s REST API."""
