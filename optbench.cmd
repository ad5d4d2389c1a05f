@echo off
rem Launcher for Windows: builds target\optbench.jar on first use (or when sources changed),
rem then runs it with one native thread per trial unless OMP_NUM_THREADS says otherwise.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\optbench.jar"
if not exist "%JAR%" goto build
powershell -NoProfile -Command "$j = (Get-Item -LiteralPath $env:JAR).LastWriteTime; $n = Get-ChildItem -Recurse -File -LiteralPath ($env:HERE + 'src\main'), ($env:HERE + 'pom.xml') | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1; if ($n) { exit 1 } else { exit 0 }"
if errorlevel 1 goto build
goto run
:build
echo building %JAR% (first use or sources changed)... 1>&2
pushd "%HERE%"
call mvn -q -B package -DskipTests 1>&2
set "BUILD=%ERRORLEVEL%"
popd
if not "%BUILD%"=="0" exit /b %BUILD%
:run
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
if not defined OPTBENCH_JAVA_OPTS set "OPTBENCH_JAVA_OPTS=-Xmx4g"
java %OPTBENCH_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
