"""Starting the GUI safely: what runs before the first window, in one explicit sequence."""
