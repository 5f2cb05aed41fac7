; Inno Setup 6 script: the Windows installer of HAIP Desktop.
;
; Build (on a Windows PC, after `python packaging\build_app.py`; see README.md beside this file):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\haip_desktop.iss
; or simply `python packaging\build_app.py --installer`, which passes both defines below.
;
; What it does:
; - installs for the current user without administrator rights (%LOCALAPPDATA%\Programs);
;   an administrator may choose "all users" in the first dialog or with /ALLUSERS, and the
;   program then goes to Program Files and the shortcuts and file types to the machine;
; - adds Start-menu entries (the application, its self-test, the licences);
; - registers the assessment file types (.haipeval, and "Open with" for .json, which is what
;   the application saves today) without taking .json away from other programs;
; - on update, replaces the program folder and keeps everything the user made;
; - on uninstall removes only what it installed. It never deletes the user's assessments
;   (Documents\HAIP評価 or wherever they were saved), the settings, the imported guideline
;   data or the logs (%LOCALAPPDATA%\HAIP\HAIP Desktop): there is deliberately no
;   [UninstallDelete] entry for any of them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\HAIPDesktop"
#endif
#define AppName "HAIP Desktop"
#define AppExe "HAIPDesktop.exe"
#define ConsoleExe "haip-desktop.exe"
#define ProgId "HAIPDesktop.Assessment"
#define AssessmentExt ".haipeval"

[Setup]
; The AppId identifies the product for updates and uninstall: never change it.
AppId={{6F2C8A4E-3B1D-4C7A-9E55-2D8F1A7C0B63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HAIP Desktop project
AppComments=医療・ヘルスケア分野における生成AI利用ガイドライン（HAIP）の閲覧と施設の自己評価。ネットワークを使用しません。
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} セットアップ
; Per user by default; administrators may install for all users (dialog or /ALLUSERS).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsedUserAreasWarning=no
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename=HAIPDesktop-{#AppVersion}-setup
UninstallDisplayName={#AppName} {#AppVersion}
; The setup program shows the application icon (drawn by packaging\make_icon.py); the
; installed program carries the same icon (PyInstaller embeds it), which Windows shows in
; "Apps" and for the associated files.
SetupIconFile=..\..\resources\icons\haip_desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
; A running copy is closed (and reopened) through the Restart Manager on update.
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes
SetupLogging=yes
#ifdef SignTool
; Optional code signing: ISCC /DSignTool=mysign with a sign tool "mysign" configured in the
; Inno Setup IDE (Tools > Configure Sign Tools), e.g. signtool sign /fd SHA256 /a /tr <TSA> $f
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.SelfTest=自己診断 (HAIP Desktop)
english.SelfTest=Self-test (HAIP Desktop)
japanese.Licences=ライセンス (HAIP Desktop)
english.Licences=Licences (HAIP Desktop)
japanese.AssessmentType=HAIP 自己評価ファイル
english.AssessmentType=HAIP self-assessment
japanese.KeptData=HAIP Desktop を削除しました。%n%n作成した評価ファイル（既定ではドキュメント\HAIP評価）と、設定・取り込んだガイドラインデータ・ログ（%1）は残してあります。不要になった場合は手動で削除してください。
english.KeptData=HAIP Desktop has been removed.%n%nYour assessment files (by default in Documents\HAIP評価) and the settings, imported guideline data and logs (%1) have been kept. Delete them by hand if they are no longer needed.
japanese.StartAfter=HAIP Desktop を起動する
english.StartAfter=Start HAIP Desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program's libraries as a whole, so no file of an older version
; lingers. This is inside the program folder only; user data lives elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#ConsoleExe}"" self-test --deny-network"""; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{cm:Licences}"; Filename: "{app}\_internal\licenses\THIRD_PARTY_LICENSES.txt"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users install.
; The file type (ProgID): opening a file runs `HAIPDesktop.exe gui "<file>"`.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:AssessmentType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" gui ""%1"""
; The dedicated extension belongs to HAIP Desktop.
Root: HKA; Subkey: "Software\Classes\{#AssessmentExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AssessmentExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; .json stays with whatever program opens it now; HAIP Desktop is offered under "Open with".
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; "Open with" shows the program by its name, and only for the types it understands.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#AssessmentExt}"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartAfter}"; Flags: nowait postinstall skipifsilent

[Code]
// After uninstalling, say plainly what was kept and where (not in silent uninstalls).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
    // Each user's own folder: written literally, as an all-users uninstall runs as the admin.
    MsgBox(FmtMessage(CustomMessage('KeptData'), ['%LOCALAPPDATA%\HAIP\HAIP Desktop']),
      mbInformation, MB_OK);
end;
