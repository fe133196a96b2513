"""The bundled checklists, installed inside the package as ``checker.checklists`` so a wheel finds them."""
