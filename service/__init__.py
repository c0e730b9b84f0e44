"""The edges of bundlekg: the command line (and, later, the HTTP service)."""
