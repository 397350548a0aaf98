"""Customer 360 warehouse: generator, identity resolution, quality gates and the `c360` command line."""

__version__ = "0.1.0"
