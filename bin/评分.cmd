@echo off
rem Indicator Scorer: drop workbooks (.xlsx, .xlsm) or folders onto this file to score them.
rem A file a.xlsx gets its scored copy a.scored.xlsx beside it, replaced on the next drop; a folder gets
rem a scored copy of each workbook in it, beside it. The originals are never changed. Needs Node.js 20+.
rem Runs indicator-scorer.cjs from this file's own folder: dist-cli, the one-file build, or bin in a clone.
rem This file stays ASCII up to the chcp line: cmd reads it in the console's code page until then.
chcp 65001 >nul
setlocal
set "SCORER=%~dp0indicator-scorer.cjs"
where node >nul 2>nul
if errorlevel 1 (
  echo 未找到 Node.js。请先安装 Node.js 20 或更高版本（https://nodejs.org/ 或单位软件中心），然后重试。
  echo Node.js was not found: install Node.js 20 or later, then try again.
  pause
  exit /b 9009
)
if "%~1"=="" (
  echo 用法：把工作簿（.xlsx / .xlsm）或文件夹拖到本文件上，评分后的副本保存在原文件旁边（*.scored.xlsx）。
  echo Usage: drop workbooks or folders onto this file; each scored copy is written beside its workbook.
  pause
  exit /b 2
)
set "WORST=0"
rem A folder's --out ends in a doubled backslash: one backslash before a closing quote would escape it.
:next
if "%~1"=="" goto done
echo.
echo ==== %~nx1
if exist "%~1\*" (
  node "%SCORER%" score "%~f1" --out "%~f1\\"
) else (
  node "%SCORER%" score "%~f1" --out "%~dpn1.scored%~x1"
)
if errorlevel 1 if %WORST% lss 1 set "WORST=1"
if errorlevel 2 set "WORST=2"
shift
goto next
:done
echo.
if %WORST%==0 echo 完成。Done.
if %WORST%==1 echo 完成，但有需要修改的错误，见上。Done, with errors to fix - see above.
if %WORST%==2 echo 有文件未能处理，见上。Some files could not be done - see above.
pause
exit /b %WORST%
