@echo off
rem eco-dossier: the command line with the Node.js that ships in app\ (nothing to install).
rem Arguments are passed on unchanged; relative paths are read from the current folder.
rem Example, in this folder: eco-dossier.cmd build   (builds the sample project into out\)
setlocal
"%~dp0app\node.exe" "%~dp0app\bin\eco-dossier.js" %*
exit /b %ERRORLEVEL%
