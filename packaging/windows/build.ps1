# Builds the Windows installer: PyInstaller one-folder bundle, frozen self-test, Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.12 (py launcher), Inno Setup 6 (iscc.exe on PATH or in Program Files).
# Signing (optional): set CCC_SIGN_CERT_SHA1 (thumbprint of a code-signing certificate in the
# user's certificate store) and optionally CCC_SIGN_TIMESTAMP_URL; signtool.exe comes with the
# Windows SDK. Unset: an unsigned build, said plainly at the end.
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3.12 -m venv .venv }
$Py = Join-Path $Root ".venv\Scripts\python.exe"
& $Py -m pip install --quiet --disable-pip-version-check -e ".[packaging]"
if ($LASTEXITCODE) { throw "pip install failed" }

$Version = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
Write-Host "build: Crisis Command Center $Version"

$Timer = [Diagnostics.Stopwatch]::StartNew()
& $Py -m PyInstaller --noconfirm --clean --log-level WARN packaging\commandcenter.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
Write-Host ("build: PyInstaller took {0:N0} s" -f $Timer.Elapsed.TotalSeconds)

$Bundle = Join-Path $Root "dist\commandcenter"
$SignCert = $env:CCC_SIGN_CERT_SHA1
$Timestamp = if ($env:CCC_SIGN_TIMESTAMP_URL) { $env:CCC_SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
if ($SignCert) {
    # Sign our two executables before they are packed (the installer is signed by iscc below).
    foreach ($exe in "commandcenter-gui.exe", "commandcenter.exe") {
        signtool sign /sha1 $SignCert /fd SHA256 /tr $Timestamp /td SHA256 (Join-Path $Bundle $exe)
        if ($LASTEXITCODE) { throw "signtool failed on $exe" }
    }
}

# The frozen self-test: the windowed exe has no console, so its report goes to a file.
$Report = Join-Path $Root "dist\self-test.json"
$env:CCC_SELF_TEST_REPORT = $Report
$env:PYTHON_KEYRING_BACKEND = "keyring.backends.null.Keyring"
$proc = Start-Process -FilePath (Join-Path $Bundle "commandcenter-gui.exe") -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
Remove-Item Env:\CCC_SELF_TEST_REPORT, Env:\PYTHON_KEYRING_BACKEND
if ($proc.ExitCode -ne 0) { Get-Content $Report -ErrorAction SilentlyContinue; throw "frozen self-test failed" }
Write-Host "build: frozen self-test passed"

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: https://jrsoftware.org/isdl.php" }
$IsccArgs = @("/DAppVersion=$Version", "/DSourceDir=$Bundle", "/DOutputDir=$(Join-Path $Root 'dist')",
              "/DIconFile=$(Join-Path $Root 'build\commandcenter\generated\app.ico')")
if ($SignCert) {
    $IsccArgs += "/DSignTool=signtool"
    $IsccArgs += "/Ssigntool=signtool sign /sha1 $SignCert /fd SHA256 /tr $Timestamp /td SHA256 `$f"
}
& $Iscc @IsccArgs packaging\windows\commandcenter.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }

$Setup = Join-Path $Root "dist\commandcenter-$Version-windows-x64-setup.exe"
$Zip = Join-Path $Root "dist\commandcenter-$Version-windows-x64.zip"
Compress-Archive -Path $Bundle -DestinationPath $Zip -Force
$Sums = foreach ($f in $Setup, $Zip) { "{0}  {1}" -f (Get-FileHash -Algorithm SHA256 $f).Hash.ToLower(), (Split-Path $f -Leaf) }
Set-Content -Path (Join-Path $Root "dist\SHA256SUMS") -Value $Sums -Encoding ascii
if (-not $SignCert) { Write-Host "build: NOT signed (set CCC_SIGN_CERT_SHA1 to sign; docs/PACKAGING.md)" }
Write-Host "build: wrote $Setup, $Zip and dist\SHA256SUMS"
