"""controllers: the simulated control plane that converges the store to the declared state."""
