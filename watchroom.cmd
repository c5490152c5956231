@echo off
rem Watchroom launcher for Windows: finds a JDK >= 25 (JAVA_HOME or PATH), builds the app when its jar is
rem missing or stale, then runs it. All arguments go to Watchroom.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%app\target\watchroom-app.jar"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" -version 2>&1 | findstr /r "version \"2[5-9]\|version \"[3-9][0-9]" >nul
if errorlevel 1 (
  echo Watchroom needs a JDK 25 or newer. Install one ^(e.g. Temurin 25^) and set JAVA_HOME to it. 1>&2
  exit /b 1
)
set "STALE="
if not exist "%JAR%" set "STALE=1"
if not defined STALE (
  for /f %%F in ('powershell -NoProfile -Command "$j=(Get-Item '%JAR%').LastWriteTime; (Get-ChildItem -Recurse '%ROOT%core\src\main','%ROOT%app\src\main','%ROOT%pom.xml','%ROOT%models' | Where-Object { $_.LastWriteTime -gt $j } | Measure-Object).Count"') do if not "%%F"=="0" set "STALE=1"
)
if defined STALE (
  echo Building Watchroom ^(first run, or the sources changed^)... 1>&2
  call "%ROOT%mvnw.cmd" -q -B -f "%ROOT%pom.xml" -DskipTests -Dwatchroom.strict=false package 1>&2 || exit /b 1
)
rem -Xmx1g caps the heap and the direct buffers holding decoded frames (see the comment in ./watchroom); without it
rem the JVM grows to a quarter of the RAM under load and keeps it. WATCHROOM_JAVA_OPTS comes last and wins.
"%JAVA%" --enable-native-access=ALL-UNNAMED,javafx.graphics -Xmx1g %WATCHROOM_JAVA_OPTS% --module-path "%ROOT%app\target\javafx" --add-modules javafx.controls -Dwatchroom.home="%ROOT%." -cp "%JAR%;%ROOT%app\target\lib\*" org.watchroom.app.Main %*
