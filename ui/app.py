"""The composition root: arguments, umask, logging, the QApplication, style and icon, and the
first window (first-run wizard, or unlock).

The first window paints before matplotlib, numpy, SQLAlchemy/SQLModel, pydantic, Alembic and
keyring are imported: before the paint only PySide6 and the light parts of the vault package
(paths, key file, errors) load. The database layer is imported on a worker thread once the
window is up. `--measure-startup` prints one JSON line about the first paint and exits.
`--self-test` runs the self-test with the desktop app's own checks (ui/selftest_gui.py, imported
only then), prints JSON and exits 0 only if all passed: the check packagers run on a build.
"""

import time

_PERF_AT_IMPORT = time.perf_counter()  # first thing: the fallback origin for --measure-startup

import argparse  # noqa: E402  (after the clock, on purpose)
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402

log = logging.getLogger("ui")
MIN_POINT_SIZE = 10.0


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="commandcenter-gui",
                                     description="Crisis Command Center (desktop app)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder of the vault (default: the platform's user data folder)")
    parser.add_argument("--measure-startup", action="store_true",
                        help="print one JSON line about the first paint, then exit")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (vault, Qt offscreen, charts, keyring "
                             "backends, version) on a throw-away vault; prints JSON")
    return parser.parse_known_args(argv)  # the rest is for Qt (-platform, -style, …)


SPAWNED_ENV = "CCC_SPAWNED_MONOTONIC_NS"  # the startup benchmark's time.monotonic_ns() at spawn


def process_age() -> float:
    """Seconds since this process started. The startup benchmark passes the moment it
    spawned us (the monotonic clock is the same for every process of the machine): the
    kernel's own start time on Linux counts in 10 ms ticks, a tenth of a first paint here.
    Otherwise from the kernel on Linux, from psutil elsewhere when installed, else since
    this module was imported."""
    spawned = os.environ.get(SPAWNED_ENV, "")
    if spawned.isdigit():
        return max(0.0, (time.monotonic_ns() - int(spawned)) / 1e9)
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil  # only after the paint, and only where /proc is missing

        return max(0.0, time.time() - psutil.Process().create_time())
    except ImportError:
        return time.perf_counter() - _PERF_AT_IMPORT


def loaded_top_level_modules() -> list[str]:
    return sorted({name.split(".", 1)[0] for name in list(sys.modules)})


def _excepthook(kind, value, tb) -> None:
    """An error escaping a slot: logged by type and frames (its message may quote vault
    content), never shown to the user as a traceback."""
    log.error("unhandled %s:\n%s", kind.__name__, "".join(traceback.format_tb(tb)))


def _make_app(qt_args: list[str]):
    from PySide6.QtWidgets import QApplication

    from commandcenter import APP_ID, APP_NAME
    from ui import resources, theme

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_ID,
                                                   *qt_args])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(resources.app_icon())
    font = app.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:  # legible under stress, on every platform
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    theme.apply(app)  # light or dark, as the OS is (CCC_THEME=light|dark overrides)
    theme.follow_os(app)
    return app


def claim_vault(paths, *, show=None) -> bool:
    """One app per data folder (commandcenter.vault.instance says why): a second one is
    refused with a message naming the first, and changes nothing. `show` is for tests."""
    from commandcenter.vault import instance

    try:
        instance.hold(paths.data_dir)
        return True
    except instance.VaultInUse as exc:
        log.warning("a second app on the same vault was refused")
        if show is None:
            from PySide6.QtWidgets import QMessageBox

            from commandcenter import APP_NAME

            show = lambda text: QMessageBox.warning(None, APP_NAME, text)  # noqa: E731
        show(str(exc))
        return False


def main(argv: list[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.self_test:  # before any vault path or log is touched: it uses a temporary vault
        from ui.selftest_gui import main as self_test_main

        return self_test_main(qt_args)
    from commandcenter.logsetup import configure_logging  # stdlib only: cheap before paint
    from commandcenter.vault.paths import VaultPaths, restrict_umask

    restrict_umask()  # before anything is written: logs, the vault, backups
    paths = VaultPaths.at(args.data_dir)
    configure_logging(paths.logs_dir)  # a private, rotating file with a redaction filter
    sys.excepthook = _excepthook
    app = _make_app(qt_args)
    if not claim_vault(paths):
        return 2

    from ui.controller import AppController

    controller = AppController(paths)
    controller.finished.connect(app.quit)
    app.aboutToQuit.connect(controller.quit)

    def after_paint() -> None:
        if args.measure_startup:
            modules = loaded_top_level_modules()
            print(json.dumps({"first_paint_s": round(process_age(), 4), "modules": modules}),
                  flush=True)
            controller.quit()
            return
        import commandcenter

        app.setApplicationVersion(commandcenter.__version__)  # importlib.metadata: not before
        controller.warm_up()

    controller.start(on_first_paint=after_paint)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
