#!/usr/bin/env bash
# Rebuilds the two chart fixtures (test/xlsx/package-edit.test.ts, test/cli) from the bundled example. Needs Debian's
# python3-openpyxl and libreoffice-calc (not needed to run the tests: the fixtures are committed).
#   chart-openpyxl.xlsx     a bar chart added by openpyxl, whose drawing has no `xdr:` prefix
#   chart-libreoffice.xlsx  the same workbook saved by LibreOffice, as Excel writes drawings (`xdr:wsDr`)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
/usr/bin/python3 - "$tmp/chart-openpyxl.xlsx" <<'PY'
import sys
import openpyxl
from openpyxl.chart import BarChart, Reference
wb = openpyxl.load_workbook("examples/year-end-2025.xlsx")
ws = wb.worksheets[0]
chart = BarChart()
chart.title = "预算"
chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=4))
ws.add_chart(chart, "M2")
wb.save(sys.argv[1])
PY
soffice --headless --convert-to xlsx --outdir "$tmp/lo" "$tmp/chart-openpyxl.xlsx" >/dev/null
cp "$tmp/chart-openpyxl.xlsx" test/fixtures/chart-openpyxl.xlsx
cp "$tmp/lo/chart-openpyxl.xlsx" test/fixtures/chart-libreoffice.xlsx
rm -rf "$tmp"
ls -l test/fixtures/chart-*.xlsx
