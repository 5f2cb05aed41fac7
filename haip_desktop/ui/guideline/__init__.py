"""Reading the guideline: the workflow page, steps, use cases, countermeasures, the risk
matrix, references and the about dialog."""
