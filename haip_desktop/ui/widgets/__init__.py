"""Pieces every room of the UI shares: colours, prompts, dialogs' sizes, text wrapping."""
