"""Authorization matrix rows, one module per app; tests/test_authorization_matrix.py joins them."""
