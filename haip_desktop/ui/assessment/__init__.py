"""The facility self-assessment: its page and tabs, the answer editor, the document controller
(new, open, save, lock, recovery) and the dialogs around them. `part.install` plugs it in."""
