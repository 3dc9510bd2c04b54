"""Build helpers shared by the PyInstaller spec and the per-OS build scripts.

Plain functions with no PyInstaller import, so the fast unit tests (tests/packaging) can call
them. The folder is named `ccc_pack`, not `packaging`, because `packaging` is a PyPI library
that setuptools and PyInstaller import.
"""
