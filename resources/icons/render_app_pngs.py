"""Render resources/icons/app.svg to app/app-<size>.png (re-run after editing the SVG).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render_app_pngs.py
"""
import os
import pathlib
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: pathlib.Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"invalid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    out = HERE / "app"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        target = out / f"app-{size}.png"
        if not render(HERE / "app.svg", size).convertToFormat(QImage.Format.Format_ARGB32).save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
