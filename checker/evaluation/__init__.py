"""Measuring ourselves: the labelled corpus (labelled) and mutation testing (mutation). Not on the path of a check."""
