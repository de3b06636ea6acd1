; Inno Setup 6 script: the Windows installer for UngtLøft Map.
;
; Packs the PyInstaller one-folder build (dist\UngtLoftMap, made by
; `pyinstaller installer\ungtloft_map.spec`) into dist\installer\UngtLoftMap-<version>-setup.exe:
; installs into Program Files (or, if the user chooses, per user without admin rights), adds a
; Start menu shortcut, an optional desktop shortcut and an uninstaller (Apps & features).
;
;   iscc /DAppVersion=0.1.0 installer\ungtloft_map.iss
;
; AppVersion should be ungtloft_map.__version__ (installer\BUILD_WINDOWS.md shows how to pass it).
; This file is UTF-8 with a byte order mark, which Inno Setup 6 needs for "ø" in the names.

#ifndef AppVersion
  #define AppVersion "0.0.0"
  #pragma warning "AppVersion not defined: pass /DAppVersion=X.Y.Z (ungtloft_map.__version__)"
#endif
#define AppName "UngtLøft Map"
#define AppExe "UngtLoftMap.exe"
#define CliExe "ungtloft-map.exe"
#define BuildDir "..\dist\UngtLoftMap"

#if !FileExists(AddBackslash(SourcePath) + BuildDir + "\" + AppExe)
  #error "dist\UngtLoftMap\UngtLoftMap.exe not found: run `pyinstaller installer\ungtloft_map.spec` first"
#endif

[Setup]
; The AppId identifies the app for upgrades and the uninstaller: never change it.
AppId={{DD673F70-F4CD-4D54-A519-8686CE82607A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Trondheim kommune – UNGT LØFT
AppComments=Levekår, grøntstruktur, kollektivtilgang og kommunale boliger per levekårssone
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\UngtLoftMap
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Program Files by default; the user may choose a per-user install instead (no admin rights).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=UngtLoftMap-{#AppVersion}-setup
SetupIconFile=..\resources\icons\ungtloft-map.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy keeps its DLLs locked: ask to close it on upgrade and uninstall.
CloseApplications=yes

[Languages]
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: files a newer build no longer has must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Levekårskart for UNGT LØFT"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}; user data and settings (AppData) are left alone.
Type: filesandordirs; Name: "{app}\_internal"
