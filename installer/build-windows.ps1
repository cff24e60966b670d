# Build the Windows installer on a developer's Windows PC (what the CI workflow does):
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# Needs Python 3.11+ and Inno Setup 6 (iscc on PATH or in its default folder).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv)) { python -m venv .venv }
.\.venv\Scripts\python -m pip install -q -e ".[dist]"
.\.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\o2o-till.spec
.\dist\o2o-till\o2o-till.exe --version
$version = .\.venv\Scripts\python -c "import pos_app; print(pos_app.__version__)"
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\o2o-till.iss
Write-Host "Installer: dist\installer\o2o-till-setup-$version.exe"
