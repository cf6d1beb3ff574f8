"""Source connectors: one module per source system, plus the demo world (generator and emulator)."""
