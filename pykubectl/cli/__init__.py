"""cli: the command line (the only package that knows click)."""
