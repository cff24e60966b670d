; Inno Setup script of the Windows till installer (Inno Setup 6). Built by
; .github/workflows/windows-installer.yml or installer\build-windows.ps1 from the one-folder
; bundle dist\o2o-till\ (PyInstaller, installer\o2o-till.spec):
;   iscc /DAppVersion=0.1.0 installer\o2o-till.iss
; The till's data (database, backups, logs) lives in the user's %LOCALAPPDATA%\O2O\o2o-till and its
; config in %LOCALAPPDATA%\O2O\o2o-till\config.toml (platformdirs): the installer never writes
; there and the uninstaller never deletes it, so an uninstall or upgrade keeps every sale.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; Never change AppId: upgrades and the uninstaller find an installed till by it.
AppId={{86ECB5A5-F563-4873-8459-5410E1CC8AE9}
AppName=O2O Till
AppVersion={#AppVersion}
AppVerName=O2O Till {#AppVersion}
AppPublisher=O2O
; The till holds this mutex while it runs (pos_app/app_mutex.py): no install over a running till.
AppMutex=O2OTillRunning,Global\O2OTillRunning
; Per-machine: every cashier account on the counter PC gets the same program files.
PrivilegesRequired=admin
DefaultDirName={autopf}\O2O Till
DefaultGroupName=O2O Till
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\o2o-till.ico
UninstallDisplayIcon={app}\o2o-till.exe
OutputDir=..\dist\installer
OutputBaseFilename=o2o-till-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Signed by the build when a code-signing certificate is configured (see installer/README.md).
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle; a new version replaces the old files in place.
Source: "..\dist\o2o-till\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older bundle that the new one no longer has (Python modules move between versions).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\O2O Till"; Filename: "{app}\o2o-till.exe"; Parameters: "run"; WorkingDir: "{app}"; IconFilename: "{app}\o2o-till.exe"
Name: "{group}\O2O Till self-check"; Filename: "{cmd}"; Parameters: "/k ""{app}\pos-app.exe"" selfcheck"; WorkingDir: "{app}"
Name: "{group}\Uninstall O2O Till"; Filename: "{uninstallexe}"
Name: "{autodesktop}\O2O Till"; Filename: "{app}\o2o-till.exe"; Parameters: "run"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\o2o-till.exe"; Parameters: "run"; Description: "{cm:LaunchProgram,O2O Till}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] entry for the data dir, on purpose: uninstalling keeps the database.
