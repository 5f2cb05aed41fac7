"""Reports of an assessment: the options dialog, the PDF made off the UI thread, the preview,
printing, PDF and CSV export. `part.install` plugs it in."""
