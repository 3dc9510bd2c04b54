"""The Windows version resource (VSVersionInfo) of the executables, from pyproject.

PyInstaller's `version=` takes a file holding a Python expression; this writes one, so the
exe's Properties → Details shows the same version as pyproject and the installer."""

from ccc_pack.project import APP_NAME, Project

TEMPLATE = """\
# Generated from pyproject.toml by packaging/ccc_pack/winversion.py; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={vt},
    prodvers={vt},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
        StringStruct('CompanyName', {company!r}),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {version!r}),
        StringStruct('InternalName', {internal!r}),
        StringStruct('LegalCopyright', {copyright!r}),
        StringStruct('OriginalFilename', {filename!r}),
        StringStruct('ProductName', {product!r}),
        StringStruct('ProductVersion', {version!r})
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def version_file_text(project: Project, exe_name: str, *, description: str | None = None,
                      company: str = "Crisis Command Center developers") -> str:
    return TEMPLATE.format(
        vt=project.version_tuple, version=project.version, company=company,
        description=description or APP_NAME, internal=exe_name,
        filename=f"{exe_name}.exe", product=APP_NAME,
        copyright=f"Copyright (c) {company}")
