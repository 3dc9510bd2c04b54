"""Crisis Command Center: the headless core (no Qt, no UI)."""

APP_NAME = "Crisis Command Center"
APP_ID = "CrisisCommandCenter"


def __getattr__(name: str):
    # `__version__` is looked up on first use (PEP 562): importlib.metadata costs ~40 ms,
    # which the app's first window must not wait for.
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version("crisis-command-center")
        except metadata.PackageNotFoundError:  # a source tree without an install
            version = "0.0.0+source"
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
