"""The demo world: a synthetic business and a local HTTP emulator of the vendors' APIs."""
