"""The window around the views: pages and Back/Forward, filters, search, text size, settings."""
