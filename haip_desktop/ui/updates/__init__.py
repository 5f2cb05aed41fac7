"""Keeping up with the guideline: importing a newer data pack, and what changed between two
data versions. The work itself is the core's (guideline.packs, guideline.diff); these
modules only show it. `part.install` plugs it in."""
