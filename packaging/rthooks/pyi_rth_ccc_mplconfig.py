"""PyInstaller runtime hook: matplotlib's config and font cache in a persistent per-user folder.

PyInstaller's own hook (pyi_rth_mplconfig) points MPLCONFIGDIR at a fresh temporary folder on
every launch, so matplotlib rebuilds its font cache (fontlist-*.json, about a second) each
time. Matplotlib >= 3 stores bundled font paths relative to its data folder, so a persistent
cache stays valid when the install moves. Custom runtime hooks run before PyInstaller's; the
spec also drops PyInstaller's hook, which would otherwise overwrite this folder with a temp one.

The folder belongs to this app (not ~/.config/matplotlib), so a user's own matplotlibrc for
their Python installation never changes the app's charts. It holds no vault content.
"""


def _persistent_mplconfigdir() -> None:
    import os

    import platformdirs

    # "CrisisCommandCenter" is commandcenter.APP_ID: the same folder family as the data dir.
    cache = platformdirs.user_cache_dir("CrisisCommandCenter", appauthor=False)
    path = os.path.join(cache, "matplotlib")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
    except OSError:
        return  # unwritable home: matplotlib falls back to a temporary folder itself
    os.environ["MPLCONFIGDIR"] = path


_persistent_mplconfigdir()
del _persistent_mplconfigdir
