#!/usr/bin/env bash
# Rebuilds test/fixtures/libreoffice-flags.xlsx: the bundled example with settings whose flags LibreOffice
# writes as true/false where Excel and WPS write 1/0, which a rewrite must keep as written. Needs Debian's
# python3-openpyxl and libreoffice-calc, not to run the tests.
#   - the 1904 date system, with a date (2025-03-20) in A134, outside every table
#   - the sheet protected, with the first table's actuals (F8:F30) and executed budget (G5) left unlocked
#   - fit to one page wide, centred horizontally, grid lines printed, landscape
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
/usr/bin/python3 - "$tmp/libreoffice-flags.xlsx" <<'PY'
import datetime
import sys
import openpyxl
from openpyxl.styles import Protection
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = openpyxl.load_workbook("examples/year-end-2025.xlsx")
wb.epoch = CALENDAR_MAC_1904
ws = wb.worksheets[0]
ws["A134"] = datetime.date(2025, 3, 20)
ws["A134"].number_format = "yyyy-mm-dd"
ws.protection.sheet = True
for row in range(8, 31):
    ws.cell(row=row, column=6).protection = Protection(locked=False)
ws["G5"].protection = Protection(locked=False)
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.page_setup.orientation = "landscape"
ws.print_options.horizontalCentered = True
ws.print_options.gridLines = True
wb.save(sys.argv[1])
PY
soffice --headless --convert-to xlsx --outdir "$tmp/lo" "$tmp/libreoffice-flags.xlsx" >/dev/null
cp "$tmp/lo/libreoffice-flags.xlsx" test/fixtures/libreoffice-flags.xlsx
rm -rf "$tmp"
# What makes it a fixture: LibreOffice's spelling of those flags.
unzip -p test/fixtures/libreoffice-flags.xlsx xl/workbook.xml | grep -o '<workbookPr[^>]*>'
unzip -p test/fixtures/libreoffice-flags.xlsx xl/worksheets/sheet1.xml |
  grep -oE '<(pageSetUpPr|sheetProtection|printOptions)[^>]*>'
ls -l test/fixtures/libreoffice-flags.xlsx
