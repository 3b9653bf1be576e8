"""What the tests share beside conftest.py: factories, the worlds, the matrix, servers."""
