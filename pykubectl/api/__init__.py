"""api: kinds registry, manifest loading, defaults, validation, selectors and quantities."""
