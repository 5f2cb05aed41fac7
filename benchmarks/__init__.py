"""Benchmarks for HAIP Desktop, each measured against the floor the platform sets.

Run ``python -m benchmarks [--quick] [--json PATH]``; see benchmarks/README.md. This
package is not part of the test run (pytest collects ``tests/`` only) and imports nothing
here, so the start-up children it launches pay nothing for it.
"""
