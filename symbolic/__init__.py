"""The mathematics obligations are written in: affine maps, and the operators
T_h, D_delta, Lambda_lambda, Lambda_mu acting on SymPy functions of R^N.

Nothing here decides truth: it only builds expressions for the backends.
"""
