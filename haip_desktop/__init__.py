"""HAIP Desktop: the HAIP generative-AI guideline for hospitals, offline."""

__version__ = "0.1.0"
