@echo off
rem Starts the office dashboard (eco-dossier serve) and opens it in the browser.
rem Double-click: the sample project. Drop a project folder on this file: that project.
rem Output goes to out\ in this folder. Close this window (or press Ctrl+C) to stop.
setlocal
cd /d "%~dp0"
set "PROJECT=%~1"
if "%PROJECT%"=="" set "PROJECT=fixtures\yanzhou-2023"
"%~dp0app\node.exe" "%~dp0app\bin\eco-dossier.js" serve "%PROJECT%" --open
if errorlevel 1 pause
