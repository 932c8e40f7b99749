"""Placeholder: nodes of this part are declared in the next commits."""
