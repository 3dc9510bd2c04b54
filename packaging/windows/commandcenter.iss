; Inno Setup 6 script for Crisis Command Center (Windows x64).
;
; Built by packaging/windows/build.ps1, which passes the version from pyproject.toml:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\commandcenter /DOutputDir=..\..\dist ^
;        /DIconFile=..\..\build\commandcenter\generated\app.ico packaging\windows\commandcenter.iss
;
; Per-user or per-machine: the installer asks (PrivilegesRequiredOverridesAllowed=dialog);
; per-user installs need no administrator rights and go to %LOCALAPPDATA%\Programs.
; User data never lives here: the vault is in %LOCALAPPDATA%\CrisisCommandCenter (platformdirs),
; so upgrading, repairing or uninstalling leaves it alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<pyproject version> ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\commandcenter"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\commandcenter\generated\app.ico"
#endif

#define AppName "Crisis Command Center"
#define AppExe "commandcenter-gui.exe"
#define CliExe "commandcenter.exe"

[Setup]
; Never change the AppId: Windows keys upgrades and uninstall entries on it.
AppId={{C687732C-6D63-414A-9BF1-5F868DFA8A18}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Crisis Command Center developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\Crisis Command Center
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=commandcenter-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; A signed build: build.ps1 defines SignTool when CCC_SIGN_CERT_SHA1 is set (docs/PACKAGING.md).
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not leave the previous version's libraries behind: PyInstaller's
; _internal\ holds version-specific DLLs and .pyc files that a mix would break.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the app may write beside itself in portable mode is NOT removed here on purpose:
; data\ (portable.txt mode) stays. Nothing else is written to {app} at run time.
Type: dirifempty; Name: "{app}"
