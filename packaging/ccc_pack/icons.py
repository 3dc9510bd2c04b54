"""App icons for the installers, made at build time from resources/icons/app/app-<N>.png
(the one source: resources/icons/render_app_pngs.py draws them from app.svg)."""

import re
import shutil
import subprocess
from pathlib import Path

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# iconutil's names: icon_<N>x<N>.png and icon_<N>x<N>@2x.png (twice the pixels).
ICONSET = {"icon_16x16.png": 16, "icon_16x16@2x.png": 32, "icon_32x32.png": 32,
           "icon_32x32@2x.png": 64, "icon_128x128.png": 128, "icon_128x128@2x.png": 256,
           "icon_256x256.png": 256, "icon_256x256@2x.png": 512, "icon_512x512.png": 512}


def app_pngs(icons_dir: Path) -> dict[int, Path]:
    """{size: path} of the committed app-<size>.png files."""
    found = {}
    for png in icons_dir.glob("app-*.png"):
        match = re.fullmatch(r"app-(\d+)\.png", png.name)
        if match:
            found[int(match.group(1))] = png
    return dict(sorted(found.items()))


def make_ico(icons_dir: Path, target: Path) -> Path:
    """A multi-size .ico (Pillow: a matplotlib dependency, so always installed)."""
    from PIL import Image

    pngs = app_pngs(icons_dir)
    largest = Image.open(pngs[max(pngs)]).convert("RGBA")
    sizes = [(s, s) for s in ICO_SIZES if s <= largest.width]
    target.parent.mkdir(parents=True, exist_ok=True)
    # Pillow resamples from the largest image for each size listed.
    largest.save(target, format="ICO", sizes=sizes)
    return target


def make_iconset(icons_dir: Path, target: Path) -> Path:
    """The `<name>.iconset` folder iconutil turns into an .icns."""
    pngs = app_pngs(icons_dir)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, size in ICONSET.items():
        if size not in pngs:
            raise FileNotFoundError(f"app-{size}.png is missing from {icons_dir}")
        shutil.copyfile(pngs[size], target / name)
    return target


def make_icns(icons_dir: Path, target: Path) -> Path:
    """macOS: iconutil (Xcode command line tools); elsewhere Pillow's ICNS writer."""
    iconset = make_iconset(icons_dir, target.with_suffix(".iconset"))
    if shutil.which("iconutil"):
        subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(target)], check=True)
    else:
        from PIL import Image

        Image.open(app_pngs(icons_dir)[512]).save(target, format="ICNS")
    return target
