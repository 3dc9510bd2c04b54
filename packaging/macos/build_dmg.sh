#!/usr/bin/env bash
# Builds "Crisis Command Center.app" (packaging/commandcenter.spec) and a DMG, on macOS.
#
#   packaging/macos/build_dmg.sh
#
# Signing, notarisation and stapling run only when their environment variables are set;
# otherwise each step says it was skipped (an unsigned DMG is fine for testing, not for users):
#   CCC_CODESIGN_IDENTITY   "Developer ID Application: Example Ltd (TEAMID)"  → codesign
#   CCC_NOTARY_PROFILE      a keychain profile made with `xcrun notarytool store-credentials`
#                           → notarise the DMG and staple the ticket
# The architecture is the build machine's (arm64 on Apple silicon, x86_64 on Intel): build on
# each (CI does: macos-13 and macos-14) rather than a universal2 Python.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
APP_NAME="Crisis Command Center"
[ "$(uname -s)" = Darwin ] || { echo "build_dmg.sh: macOS only" >&2; exit 1; }

PY="${CCC_PYTHON_VENV:-.venv}/bin/python"
[ -x "$PY" ] || scripts/bootstrap.sh
"$PY" -m pip install --quiet --disable-pip-version-check -e ".[packaging]"
VERSION="$("$PY" -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")"
ARCH="$(uname -m)"
echo "build: $APP_NAME $VERSION ($ARCH)"

# The spec makes the .icns from resources/icons/app/*.png with iconutil (ccc_pack/icons.py).
start=$SECONDS
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN packaging/commandcenter.spec
echo "build: PyInstaller took $((SECONDS - start)) s"
APP="dist/$APP_NAME.app"
[ -d "$APP" ] || { echo "build: $APP was not made" >&2; exit 1; }

if [ -n "${CCC_CODESIGN_IDENTITY:-}" ]; then
    # Inside out: every Mach-O file first, then the bundle, with the hardened runtime
    # (--options runtime, required for notarisation) and a secure timestamp.
    find "$APP/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) -print0 |
        while IFS= read -r -d '' f; do
            if file "$f" | grep -q "Mach-O"; then
                codesign --force --timestamp --options runtime \
                    --entitlements packaging/macos/entitlements.plist \
                    --sign "$CCC_CODESIGN_IDENTITY" "$f"
            fi
        done
    codesign --force --timestamp --options runtime \
        --entitlements packaging/macos/entitlements.plist \
        --sign "$CCC_CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "build: codesign skipped (CCC_CODESIGN_IDENTITY not set); the app is ad-hoc signed only"
fi

# The frozen self-test on the bundle's own executable, headless.
PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring \
    "$APP/Contents/MacOS/commandcenter-gui" --self-test > dist/self-test.json
echo "build: frozen self-test passed"

DMG="dist/commandcenter-$VERSION-macos-$ARCH.dmg"
STAGE="build/dmg"
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"  # drag-to-install
hdiutil create -volname "$APP_NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO \
    -ov "$DMG"
if [ -n "${CCC_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CCC_CODESIGN_IDENTITY" "$DMG"
fi

if [ -n "${CCC_NOTARY_PROFILE:-}" ] && [ -n "${CCC_CODESIGN_IDENTITY:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$CCC_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
else
    echo "build: notarisation and stapling skipped (needs CCC_CODESIGN_IDENTITY and CCC_NOTARY_PROFILE)"
fi

(cd dist && shasum -a 256 "$(basename "$DMG")" > SHA256SUMS)
echo "build: wrote $DMG and dist/SHA256SUMS"
