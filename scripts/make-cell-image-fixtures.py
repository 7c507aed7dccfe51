#!/usr/bin/env python3
"""Rebuilds fixtures of test/xlsx/package-edit.test.ts and test/cli/cli.test.ts from the bundled example,
with the standard library only (the fixtures are committed; this is needed only to change them). Each adds
to the example a part or setting the command line must carry through untouched:

  cellimages-wps.xlsx     two pictures placed in cells as WPS stores them: xl/cellimages.xml, the
                          workbook relationship of type .../wps.cn/.../cellimage, and =DISPIMG("ID_…",1)
                          formulas in A134 and B134
  cellimage-excel.xlsx    one picture placed in a cell as Excel's "Place in Cell" stores it: xl/metadata.xml,
                          xl/richData/ (rich value, structure, relationship) and a #VALUE! cell with vm="1"
  sparklines.xlsx         three sparklines in two groups, in the worksheet's extension list
  list-validation.xlsx    two drop-down lists fed from a second sheet (选项), which Excel keeps in the
                          worksheet's extension list (x14:dataValidations), as it does for every list that
                          refers to another sheet
  dynamic-array.xlsx      two dynamic array formulas (SORT spilling over C134:C136, UNIQUE over D134:D135) as
                          Excel 365 stores them: array formulas whose cells carry cm="1", pointing at the
                          XLDAPR cell metadata in xl/metadata.xml
  page-breaks.xlsx        two manual page breaks (before rows 41 and 85), as a printed form has them
  protected-workbook.xlsx the workbook's structure protected (审阅 > 保护工作簿), with a hashed password
  filter.xlsx             an autofilter over the first table (A7:G30), filtering its 一级指标 column
  protected-ranges.xlsx   the sheet protected, with two ranges left editable (审阅 > 允许编辑区域): the first
                          table's 实际完成值 cells (F8:F30) and its 全年执行数 cell (G5)
  add-in-custom-xml.xlsx  what Excel saves with a workbook an add-in was opened in (xl/webextensions/: the
                          add-in with a setting it saved, and its task pane) and a document library's
                          properties (customXml/item1.xml with its itemProps part)
  unknown-part.xlsx       a part no rule names: xl/featurePropertyBag/featurePropertyBag.xml, which Excel 365
                          writes for cells formatted as check boxes
  regenerated-parts.xlsx  parts Excel writes and rebuilds by itself, which a copy may lack: the calculation
                          chain, a sheet's printer driver settings and the thumbnail
  header-picture.xlsx     a picture (a logo) in the page header: legacyDrawingHF, its VML part and image
  modify-password.xlsx    a password to modify and the read-only recommendation (文件 > 另存为 > 工具 >
                          常规选项): fileSharing, with a hashed password
  views-scenarios.xlsx    two custom views (视图 > 自定义视图) and one scenario (模拟分析 > 方案管理器)
  sheet-details.xlsx      fit to the page with the outline's summary rows above and left (sheetPr: outlinePr
                          before pageSetUpPr), zeros hidden and the page-break-preview zoom (sheetView), a conditional format that
                          stops if true, the sheet protected with a password in its older form, a link
                          within the workbook (A134, location only) and a link to a web page (B134)
  openpyxl-parts.xlsx     a note on G8 and a table on a second sheet (明细) as openpyxl stores them: the note
                          as plain text in xl/comments/comment1.xml with xl/drawings/commentsDrawing1.vml,
                          the sheets' relationships to them and to the table with absolute targets
  excel-table.xlsx        the same table as Excel stores it: its header row implied (no headerRowCount), the
                          filter button of its third column hidden (filterColumn colId="2" hiddenButton="1")
  libreoffice-table.xlsx  the same table as LibreOffice stores it: no tableStyleInfo, counts written out
  table-columns.xlsx      a four-column table with a totals row as Excel stores it: a formula column (折算,
                          calculatedColumnFormula) between plain ones, totals row formulas of its own
                          (totalsRowFormula) in 金额 and 备注, formats for its header, its data and the 金额
                          column (differential formats 0-2), its last sort (sortState) and alternative text
                          (x14:table altText), and a comment; its style is the workbook's own table style
                          财务表样式 (differential formats 3, 0 and 4), and the default table style is
                          TableStyleMedium9
  picture-format.xlsx     two pictures as Excel stores them: 单位公章, cropped, half transparent, turned 90°,
                          cut to an ellipse with a red border, with alternative text, a link with a screen tip
                          and 打印对象 unticked (fPrintsWithSheet="0"); 签名, flipped, with an artistic effect
                          (a14:imgProps, whose second image is another relationship of the drawing)
  data-bars.xlsx          two data bars as Excel 2010 and later store them, each a rule in the sheet and its
                          settings in the sheet's extension list: Excel's default gradient bar over F8:F14
                          (automatic limits, negative bars with fill and border colours, axis) and a solid bar
                          over G8:G14 (a formula as its lowest value, its own fill colour, right to left)
  excel-note.xlsx         a note on G8 as Excel stores it, left shown on the sheet (右键 > 显示批注) in a box
                          larger than Excel's default (x:Visible, visibility:visible, 180 x 96 pt), by 财务科,
                          and a hidden note on F8 by another author (审核人)
  workbook-part.xlsx      a second sheet (选项) and twelve defined names: print area, print titles, the
                          filter's hidden name, constants, a formula (a growing list), a whole column, two
                          areas, a #REF! name, and one name scoped to each sheet with the same spelling; and
                          the calculation settings precision as displayed and iterative calculation

Rows 132-133 stay empty, so every table of the example ends where it ended before.
"""
import base64
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "year-end-2025.xlsx"
OUT = ROOT / "test" / "fixtures"
SHEET = "xl/worksheets/sheet1.xml"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def read_example():
    with zipfile.ZipFile(EXAMPLE) as z:
        return {info.filename: z.read(info.filename) for info in z.infolist() if not info.is_dir()}


def write(name, parts):
    path = OUT / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            # A fixed date: the same script makes the same bytes.
            info = zipfile.ZipInfo(part, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    print(path, path.stat().st_size)


def add_override(parts, part_name, content_type):
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="png"' not in types:
        types = types.replace("<Override", '<Default Extension="png" ContentType="image/png"/><Override', 1)
    types = types.replace(
        "</Types>", f'<Override PartName="{part_name}" ContentType="{content_type}"/></Types>'
    )
    parts["[Content_Types].xml"] = types.encode()


def add_workbook_rel(parts, rel_id, rel_type, target):
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>',
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()


def add_row(parts, row_xml):
    sheet = parts[SHEET].decode()
    last = int(re.findall(r'<row r="(\d+)"', sheet)[-1])
    assert last < 132, last
    sheet = sheet.replace("</sheetData>", row_xml + "</sheetData>")
    end = re.findall(r'<row r="(\d+)"', row_xml)[-1]
    sheet = re.sub(r'<dimension ref="A1:([A-Z]+)\d+"/>', rf'<dimension ref="A1:\g<1>{end}"/>', sheet)
    parts[SHEET] = sheet.encode()


def wps():
    parts = read_example()
    images = ["ID_8B3F0C2A5D6E4F718293A4B5C6D7E8F9", "ID_1A2B3C4D5E6F708192A3B4C5D6E7F809"]
    cell_images = "".join(
        f'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{i + 2}" name="{image}" descr="佐证材料{i + 1}"/>'
        "<xdr:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></xdr:cNvPicPr></xdr:nvPicPr>"
        f'<xdr:blipFill><a:blip r:embed="rId{i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>'
        for i, image in enumerate(images)
    )
    parts["xl/cellimages.xml"] = (
        XML_HEAD
        + '<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">'
        + cell_images
        + "</etc:cellImages>"
    )
    parts["xl/_rels/cellimages.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="{IMAGE_REL}" Target="media/image{i + 1}.png"/>'
            for i in range(len(images))
        )
        + "</Relationships>"
    )
    for i in range(len(images)):
        parts[f"xl/media/image{i + 1}.png"] = PNG
    add_override(parts, "/xl/cellimages.xml", "application/vnd.wps-officedocument.cellimage+xml")
    add_workbook_rel(
        parts, "rId90", "http://www.wps.cn/officeDocument/2017/relationships/cellimage", "cellimages.xml"
    )
    add_row(
        parts,
        '<row r="134">'
        + "".join(
            f'<c r="{col}134" t="str"><f>_xlfn.DISPIMG("{image}",1)</f><v>=DISPIMG("{image}",1)</v></c>'
            for col, image in zip("AB", images)
        )
        + "</row>",
    )
    write("cellimages-wps.xlsx", parts)


def excel():
    parts = read_example()
    rd = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata"
    parts["xl/metadata.xml"] = (
        XML_HEAD
        + '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:xlrd="{rd}"><metadataTypes count="1"><metadataType name="XLRICHVALUE" '
        'minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" '
        'rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1"/></metadataTypes>'
        '<futureMetadata name="XLRICHVALUE" count="1"><bk><extLst>'
        '<ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk>'
        '</futureMetadata><valueMetadata count="1"><bk><rc t="1" v="0"/></bk></valueMetadata></metadata>'
    )
    parts["xl/richData/rdrichvalue.xml"] = (
        XML_HEAD + f'<rvData xmlns="{rd}" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>'
    )
    parts["xl/richData/rdrichvaluestructure.xml"] = (
        XML_HEAD
        + f'<rvStructures xmlns="{rd}" count="1"><s t="_localImage">'
        '<k n="_rvRel:LocalImageIdentifier" t="i"/><k n="CalcOrigin" t="i"/></s></rvStructures>'
    )
    parts["xl/richData/richValueRel.xml"] = (
        XML_HEAD
        + '<richValueRels xmlns="http://schemas.microsoft.com/office/spreadsheetml/2022/richvaluerel" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<rel r:id="rId1"/></richValueRels>'
    )
    parts["xl/richData/_rels/richValueRel.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{IMAGE_REL}" '
        'Target="../media/image1.png"/></Relationships>'
    )
    parts["xl/media/image1.png"] = PNG
    for part, ctype in [
        ("/xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"),
        ("/xl/richData/rdrichvalue.xml", "application/vnd.ms-excel.rdrichvalue+xml"),
        ("/xl/richData/rdrichvaluestructure.xml", "application/vnd.ms-excel.rdrichvaluestructure+xml"),
        ("/xl/richData/richValueRel.xml", "application/vnd.ms-excel.richvaluerel+xml"),
    ]:
        add_override(parts, part, ctype)
    for rel_id, rel_type, target in [
        ("rId91", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata", "metadata.xml"),
        ("rId92", "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue", "richData/rdrichvalue.xml"),
        (
            "rId93",
            "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure",
            "richData/rdrichvaluestructure.xml",
        ),
        ("rId94", "http://schemas.microsoft.com/office/2022/10/relationships/richValueRel", "richData/richValueRel.xml"),
    ]:
        add_workbook_rel(parts, rel_id, rel_type, target)
    add_row(parts, '<row r="134"><c r="A134" t="e" vm="1"><v>#VALUE!</v></c></row>')
    write("cellimage-excel.xlsx", parts)


def sparklines():
    parts = read_example()
    colors = (
        '<x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/>'
        '<x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/>'
        '<x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/>'
    )

    def group(cells):
        lines = "".join(
            f"<x14:sparkline><xm:f>'绩效目标表'!{source}</xm:f><xm:sqref>{at}</xm:sqref></x14:sparkline>"
            for source, at in cells
        )
        return f'<x14:sparklineGroup displayEmptyCellsAs="gap">{colors}<x14:sparklines>{lines}</x14:sparklines></x14:sparklineGroup>'

    ext = (
        '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        + group([("A134:C134", "D134"), ("A135:C135", "D135")])
        + group([("A136:C136", "D136")])
        + "</x14:sparklineGroups></ext></extLst>"
    )
    sheet = parts[SHEET].decode()
    assert "<extLst>" not in sheet
    parts[SHEET] = sheet.replace("</worksheet>", ext + "</worksheet>").encode()
    add_row(
        parts,
        "".join(
            f'<row r="{r}"><c r="A{r}"><v>{r - 133}</v></c><c r="B{r}"><v>{r - 131}</v></c>'
            f'<c r="C{r}"><v>{r - 132}</v></c></row>'
            for r in (134, 135, 136)
        ),
    )
    write("sparklines.xlsx", parts)


def add_options_sheet(parts):
    """A second sheet, 选项, with four category names in A1:A4."""
    parts["xl/worksheets/sheet2.xml"] = (
        XML_HEAD
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(
            f'<row r="{i + 1}"><c r="A{i + 1}" t="inlineStr"><is><t>{name}</t></is></c></row>'
            for i, name in enumerate(["产出指标", "效益指标", "满意度指标", "成本指标"])
        )
        + "</sheetData></worksheet>"
    )
    add_override(
        parts,
        "/xl/worksheets/sheet2.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    )
    add_workbook_rel(
        parts,
        "rId95",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
        "worksheets/sheet2.xml",
    )
    workbook = parts["xl/workbook.xml"].decode()
    workbook = workbook.replace("</sheets>", '<sheet name="选项" sheetId="2" r:id="rId95"/></sheets>')
    parts["xl/workbook.xml"] = workbook.encode()


def list_validation():
    parts = read_example()
    # A second sheet with the options.
    add_options_sheet(parts)

    def rule(sqref):
        return (
            '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
            f"<x14:formula1><xm:f>'选项'!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>{sqref}</xm:sqref>"
            "</x14:dataValidation>"
        )

    ext = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="2" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        + rule("A134")
        + rule("A135")
        + "</x14:dataValidations></ext></extLst>"
    )
    sheet = parts[SHEET].decode()
    assert "<extLst>" not in sheet
    parts[SHEET] = sheet.replace("</worksheet>", ext + "</worksheet>").encode()
    write("list-validation.xlsx", parts)


def dynamic_arrays():
    parts = read_example()
    parts["xl/metadata.xml"] = (
        XML_HEAD
        + '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
        '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" '
        'pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" '
        'clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
        '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
        '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
        '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'
    )
    add_override(
        parts, "/xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
    )
    add_workbook_rel(
        parts, "rId91", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata", "metadata.xml"
    )
    # A134:A136 hold 3, 1, 3; C sorts them, D lists each once.
    add_row(
        parts,
        '<row r="134"><c r="A134"><v>3</v></c>'
        '<c r="C134" cm="1"><f t="array" ref="C134:C136">_xlfn._xlws.SORT(A134:A136)</f><v>1</v></c>'
        '<c r="D134" cm="1"><f t="array" ref="D134:D135">_xlfn.UNIQUE(A134:A136)</f><v>3</v></c></row>'
        '<row r="135"><c r="A135"><v>1</v></c><c r="C135"><v>3</v></c><c r="D135"><v>1</v></c></row>'
        '<row r="136"><c r="A136"><v>3</v></c><c r="C136"><v>3</v></c></row>',
    )
    write("dynamic-array.xlsx", parts)


def page_breaks():
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "<rowBreaks" not in sheet and re.search(r"<pageSetup[^>]*/>", sheet)
    breaks = '<rowBreaks count="2" manualBreakCount="2"><brk id="40" max="16383" man="1"/><brk id="84" max="16383" man="1"/></rowBreaks>'
    parts[SHEET] = re.sub(r"(<pageSetup[^>]*/>)", lambda m: m.group(1) + breaks, sheet, count=1).encode()
    write("page-breaks.xlsx", parts)


def protected_workbook():
    parts = read_example()
    workbook = parts["xl/workbook.xml"].decode()
    assert "<workbookProtection" not in workbook and re.search(r"<workbookPr[^>]*/>", workbook)
    protection = (
        '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="bm90IGEgcmVhbCBoYXNoLCBhIGZpeHR1cmU=" '
        'workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>'
    )
    parts["xl/workbook.xml"] = re.sub(
        r"(<workbookPr[^>]*/>)", lambda m: m.group(1) + protection, workbook, count=1
    ).encode()
    write("protected-workbook.xlsx", parts)


def after_sheet_data(xml):
    """Inserts worksheet elements right after sheetData, where the schema puts protection and filters."""
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "<sheetProtection" not in sheet and "<autoFilter" not in sheet
    parts[SHEET] = sheet.replace("</sheetData>", "</sheetData>" + xml, 1).encode()
    return parts


def after_merge_cells(parts, xml):
    """The example's sheet with `xml` right after its merged cells, where CT_Worksheet has conditional
    formats, validations and links."""
    sheet = parts[SHEET].decode()
    assert "</mergeCells>" in sheet
    parts[SHEET] = sheet.replace("</mergeCells>", "</mergeCells>" + xml, 1).encode()


def filtered():
    criteria = '<filterColumn colId="0"><filters><filter val="产出指标"/><filter val="效益指标"/></filters></filterColumn>'
    write("filter.xlsx", after_sheet_data(f'<autoFilter ref="A7:G30">{criteria}</autoFilter>'))


def protected_ranges():
    write(
        "protected-ranges.xlsx",
        after_sheet_data(
            '<sheetProtection sheet="1" objects="1" scenarios="1"/><protectedRanges>'
            '<protectedRange sqref="F8:F30" name="实际完成值"/><protectedRange sqref="G5" name="全年执行数"/>'
            "</protectedRanges>"
        ),
    )

def add_package_rel(parts, rel_id, rel_type, target):
    rels = parts["_rels/.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>',
    )
    parts["_rels/.rels"] = rels.encode()


def add_in_custom_xml():
    parts = read_example()
    we = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
    parts["xl/webextensions/webextension1.xml"] = (
        XML_HEAD + f'<we:webextension xmlns:we="{we}" id="{{6C1E4B5A-1D2B-4F0E-9C3A-2B7D5E8F9A10}}">'
        '<we:reference id="wa104380000" version="1.0.0.0" store="zh-CN" storeType="OMEX"/>'
        '<we:alternateReferences/><we:properties><we:property name="lastRun" value="&quot;2025-12-31&quot;"/>'
        "</we:properties><we:bindings/><we:snapshot/></we:webextension>"
    )
    tp = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
    parts["xl/webextensions/taskpanes.xml"] = (
        XML_HEAD + f'<wetp:taskpanes xmlns:wetp="{tp}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<wetp:taskpane dockstate="right" visibility="0" width="350" row="4"><wetp:webextensionref r:id="rId1"/>'
        "</wetp:taskpane></wetp:taskpanes>"
    )
    parts["xl/webextensions/_rels/taskpanes.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        'Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/>'
        "</Relationships>"
    )
    add_override(parts, "/xl/webextensions/webextension1.xml", "application/vnd.ms-office.webextension+xml")
    add_override(parts, "/xl/webextensions/taskpanes.xml", "application/vnd.ms-office.webextensiontaskpanes+xml")
    add_package_rel(
        parts, "rId4", "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
        "xl/webextensions/taskpanes.xml",
    )
    parts["customXml/item1.xml"] = (
        XML_HEAD + '<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties">'
        "<documentManagement><归档编号>CW-2025-0042</归档编号></documentManagement></p:properties>"
    )
    parts["customXml/itemProps1.xml"] = (
        XML_HEAD + '<ds:datastoreItem ds:itemID="{0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
        '<ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/properties"/></ds:schemaRefs>'
        "</ds:datastoreItem>"
    )
    parts["customXml/_rels/item1.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" '
        'Target="itemProps1.xml"/></Relationships>'
    )
    add_override(parts, "/customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    add_workbook_rel(
        parts, "rId90", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
        "../customXml/item1.xml",
    )
    write("add-in-custom-xml.xlsx", parts)


def unknown_part():
    parts = read_example()
    parts["xl/featurePropertyBag/featurePropertyBag.xml"] = (
        XML_HEAD + '<FeaturePropertyBags xmlns="http://schemas.microsoft.com/office/spreadsheetml/2022/featurepropertybag">'
        '<bag type="Checkbox"/><bag type="XFControls"><bagId k="CellControl">0</bagId></bag>'
        '<bag type="XFComplement"><bagId k="XFControls">1</bagId></bag>'
        '<bag type="XFComplements" extRef="XFComplementsMapperExtRef"><a k="MappedFeaturePropertyBags">'
        "<bagId>2</bagId></a></bag></FeaturePropertyBags>"
    )
    add_override(
        parts, "/xl/featurePropertyBag/featurePropertyBag.xml", "application/vnd.ms-excel.featurepropertybag+xml"
    )
    add_workbook_rel(
        parts, "rId91", "http://schemas.microsoft.com/office/2022/11/relationships/FeaturePropertyBag",
        "featurePropertyBag/featurePropertyBag.xml",
    )
    write("unknown-part.xlsx", parts)


def regenerated_parts():
    parts = read_example()
    parts["xl/calcChain.xml"] = (
        XML_HEAD + '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<c r="G5" i="1"/></calcChain>'
    )
    add_override(parts, "/xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml")
    add_workbook_rel(
        parts, "rId92", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain", "calcChain.xml"
    )
    # A printer driver's DEVMODE: opaque bytes Excel rewrites on the next print.
    parts["xl/printerSettings/printerSettings1.bin"] = bytes(range(256)) * 4
    types = parts["[Content_Types].xml"].decode().replace(
        "<Override",
        '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/><Override',
        1,
    )
    parts["[Content_Types].xml"] = types.encode()
    assert "xl/worksheets/_rels/sheet1.xml.rels" not in parts
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" '
        'Target="../printerSettings/printerSettings1.bin"/></Relationships>'
    )
    sheet = parts[SHEET].decode()
    assert 'r:id="' not in re.search(r"<pageSetup[^>]*/>", sheet).group(0)
    sheet = re.sub(r"<pageSetup([^>]*)/>", r'<pageSetup\1 r:id="rId1"/>', sheet, count=1)
    if "xmlns:r=" not in sheet[: sheet.index(">", sheet.index("<worksheet"))]:
        sheet = sheet.replace(
            "<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1
        )
    parts[SHEET] = sheet.encode()
    parts["docProps/thumbnail.jpeg"] = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(60) + bytes([0xFF, 0xD9])
    add_package_rel(
        parts, "rId5", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        "docProps/thumbnail.jpeg",
    )
    write("regenerated-parts.xlsx", parts)


def header_picture():
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "<headerFooter" not in sheet and "xl/worksheets/_rels/sheet1.xml.rels" not in parts
    sheet = re.sub(
        r"(<pageSetup[^>]*/>)",
        lambda m: m.group(1) + "<headerFooter><oddHeader>&amp;L&amp;G&amp;C绩效自评</oddHeader></headerFooter>",
        sheet,
        count=1,
    )
    parts[SHEET] = sheet.replace("</worksheet>", '<legacyDrawingHF r:id="rId1"/></worksheet>').encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" '
        'Target="../drawings/vmlDrawingHF1.vml"/></Relationships>'
    )
    parts["xl/drawings/vmlDrawingHF1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<v:shape id="LH" o:spid="_x0000_s1025" type="#_x0000_t75" style="position:absolute;width:40pt;height:40pt">'
        '<v:imagedata o:relid="rId1" o:title="logo"/></v:shape></xml>'
    )
    parts["xl/drawings/_rels/vmlDrawingHF1.vml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{IMAGE_REL}" '
        'Target="../media/image1.png"/></Relationships>'
    )
    parts["xl/media/image1.png"] = PNG
    types = parts["[Content_Types].xml"].decode().replace(
        "<Override", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override', 1
    )
    parts["[Content_Types].xml"] = types.encode()
    add_override(parts, "/xl/media/image1.png", "image/png")
    write("header-picture.xlsx", parts)


def modify_password():
    parts = read_example()
    workbook = parts["xl/workbook.xml"].decode()
    assert "<fileSharing" not in workbook and "<fileVersion" in workbook
    sharing = (
        '<fileSharing readOnlyRecommended="1" userName="财务科" algorithmName="SHA-512" '
        'hashValue="bm90IGEgcmVhbCBoYXNoLCBhIGZpeHR1cmU=" saltValue="c2FsdA==" spinCount="100000"/>'
    )
    parts["xl/workbook.xml"] = workbook.replace("<fileVersion", sharing + "<fileVersion", 1).encode()
    write("modify-password.xlsx", parts)


def views_scenarios():
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "<scenarios" not in sheet and "<customSheetViews" not in sheet
    # Schema order: scenarios right after sheetData (no sheetCalcPr, protection or ranges here), custom
    # sheet views right before mergeCells.
    scenario = (
        '<scenarios current="0"><scenario name="执行数偏高" count="1" user="财务科">'
        '<inputCells r="G5" val="1000"/></scenario></scenarios>'
    )
    views = "".join(
        f'<customSheetView guid="{{{g}}}" scale="{scale}"><selection activeCell="A1" sqref="A1"/>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></customSheetView>'
        for g, scale in (("6F9619FF-8B86-D011-B42D-00C04FC964FF", 90), ("7A1C2B3D-4E5F-6071-8293-A4B5C6D7E8F9", 120))
    )
    sheet = sheet.replace("</sheetData>", "</sheetData>" + scenario, 1)
    sheet = sheet.replace("<mergeCells", f"<customSheetViews>{views}</customSheetViews><mergeCells", 1)
    parts[SHEET] = sheet.encode()
    workbook = parts["xl/workbook.xml"].decode()
    assert "<customWorkbookViews" not in workbook and "</sheets>" in workbook
    book_views = "".join(
        f'<customWorkbookView name="{name}" guid="{{{g}}}" windowWidth="16384" windowHeight="8192" activeSheetId="1"/>'
        for name, g in (("打印", "6F9619FF-8B86-D011-B42D-00C04FC964FF"), ("审核", "7A1C2B3D-4E5F-6071-8293-A4B5C6D7E8F9"))
    )
    # After sheets, functionGroups, externalReferences, definedNames and calcPr; before pivotCaches.
    anchor = re.search(r"<calcPr[^>]*/>", workbook)
    at = anchor.end() if anchor else workbook.index("</sheets>") + len("</sheets>")
    parts["xl/workbook.xml"] = (workbook[:at] + f"<customWorkbookViews>{book_views}</customWorkbookViews>" + workbook[at:]).encode()
    write("views-scenarios.xlsx", parts)


# Every kind of defined name a finance workbook carries, as Excel writes them (names in 名称管理器, sheet
# scopes by the sheet's position, text XML-escaped). exceljs keeps only plain ranges of workbook scope.
DEFINED_NAMES = (
    '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">绩效目标表!$A$7:$G$14</definedName>'
    '<definedName name="_xlnm.Print_Area" localSheetId="0">绩效目标表!$A$1:$G$131</definedName>'
    '<definedName name="_xlnm.Print_Titles" localSheetId="0">绩效目标表!$7:$7</definedName>'
    '<definedName name="考核系数" comment="年度考核系数">0.05</definedName>'
    '<definedName name="年度">"2025年度"</definedName>'
    '<definedName name="类别">OFFSET(选项!$A$1,0,0,COUNTA(选项!$A:$A),1)</definedName>'
    '<definedName name="预算数" localSheetId="0">绩效目标表!$C$4</definedName>'
    '<definedName name="预算数" localSheetId="1">选项!$B$1</definedName>'
    '<definedName name="全列">选项!$A:$A</definedName>'
    '<definedName name="两处">绩效目标表!$F$8:$F$14,绩效目标表!$F$24:$F$30</definedName>'
    '<definedName name="失效" hidden="1">#REF!</definedName>'
    '<definedName name="标签">选项!$A$1&amp;"&lt;合计&gt;"</definedName>'
)


def workbook_part():
    parts = read_example()
    add_options_sheet(parts)
    workbook = parts["xl/workbook.xml"].decode()
    assert "<definedNames" not in workbook and '<calcPr calcId="171027"/>' in workbook
    workbook = workbook.replace("</sheets>", f"</sheets><definedNames>{DEFINED_NAMES}</definedNames>", 1)
    # 文件 > 选项 > 公式: 启用迭代计算 (50 times), and 高级 > 将精度设为所显示的精度, as Excel 365 writes them.
    workbook = workbook.replace(
        '<calcPr calcId="171027"/>',
        '<calcPr calcId="191029" iterate="1" iterateCount="50" fullPrecision="0"/>',
    )
    parts["xl/workbook.xml"] = workbook.encode()
    write("workbook-part.xlsx", parts)


def sheet_details():
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "<sheetViews" not in sheet and "<hyperlinks" not in sheet and "<conditionalFormatting" not in sheet
    views = (
        '<sheetViews><sheetView showZeros="0" zoomScaleSheetLayoutView="85" view="pageBreakPreview" '
        'workbookViewId="0"/></sheetViews>'
    )
    sheet = re.sub(r'(<dimension ref="[^"]*"/>)', lambda m: m.group(1) + views, sheet, count=1)
    assert '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' in sheet
    sheet = sheet.replace(
        "<sheetPr><pageSetUpPr", '<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/><pageSetUpPr', 1
    )
    # 审阅 > 保护工作表 with a password, as Excel 2010 and WPS store it (the older 16-bit hash).
    sheet = sheet.replace("</sheetData>", '</sheetData><sheetProtection password="CC1A" sheet="1" objects="1" scenarios="1"/>', 1)
    cf = (
        '<conditionalFormatting sqref="F8:F14"><cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1">'
        "<formula>ISBLANK($F8)</formula></cfRule></conditionalFormatting>"
    )
    links = (
        '<hyperlinks><hyperlink ref="A134" location="\'绩效目标表\'!A17" display="跳到第二个项目"/>'
        '<hyperlink ref="B134" r:id="rId90"/></hyperlinks>'
    )
    sheet = sheet.replace("</mergeCells>", "</mergeCells>" + cf + links, 1)
    parts[SHEET] = sheet.encode()
    add_row(
        parts,
        '<row r="134"><c r="A134" t="inlineStr"><is><t>跳到第二个项目</t></is></c>'
        '<c r="B134" t="inlineStr"><is><t>财政部预算司</t></is></c></row>',
    )
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId90" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://yss.mof.gov.cn/" TargetMode="External"/></Relationships>'
    ).encode()
    styles = parts["xl/styles.xml"].decode()
    assert '<dxfs count="0"/>' in styles
    parts["xl/styles.xml"] = styles.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><font><b/></font></dxf></dxfs>').encode()
    write("sheet-details.xlsx", parts)


TABLE_ROWS = [("项目", "金额", "比例")] + [(f"项目{i}", i * 10, i / 10) for i in range(5)]
WS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def cell_xml(ref, value):
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def add_table_sheet(parts, table_target, table_xml, rows=None, ref="A1:C6"):
    """A second sheet, 明细, holding a table: by default three columns over A1:C6."""
    if rows is None:
        rows = "".join(
            f'<row r="{r}">' + "".join(cell_xml(f"{'ABC'[c]}{r}", v) for c, v in enumerate(row)) + "</row>"
            for r, row in enumerate(TABLE_ROWS, start=1)
        )
    parts["xl/worksheets/sheet2.xml"] = (
        XML_HEAD
        + f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{WS_REL}">'
        + f'<dimension ref="{ref}"/><sheetData>{rows}</sheetData>'
        + '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>'
    )
    parts["xl/worksheets/_rels/sheet2.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{WS_REL}/table" Target="{table_target}"/>'
        + "</Relationships>"
    ).encode()
    parts["xl/tables/table1.xml"] = (XML_HEAD + table_xml).encode()
    add_override(
        parts,
        "/xl/worksheets/sheet2.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    )
    add_override(
        parts, "/xl/tables/table1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
    )
    add_workbook_rel(parts, "rId95", f"{WS_REL}/worksheet", "worksheets/sheet2.xml")
    workbook = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = workbook.replace(
        "</sheets>", '<sheet name="明细" sheetId="2" r:id="rId95"/></sheets>'
    ).encode()


def table_xml(attributes, auto_filter, style=True):
    columns = "".join(f'<tableColumn id="{i + 1}" name="{n}"/>' for i, n in enumerate(TABLE_ROWS[0]))
    return (
        f'<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="明细表" '
        f'displayName="明细表" ref="A1:C6"{attributes}>{auto_filter}'
        f'<tableColumns count="3">{columns}</tableColumns>'
        + (
            '<tableStyleInfo name="TableStyleMedium9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
            'showColumnStripes="0"/>'
            if style
            else ""
        )
        + "</table>"
    )


OPENPYXL_VML = (
    '<xml><ns0:shapelayout xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml" '
    'ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1"/></ns0:shapelayout><ns2:shapetype xmlns:ns2="urn:schemas-microsoft-com:vml" '
    'xmlns:ns3="urn:schemas-microsoft-com:office:office" id="_x0000_t202" coordsize="21600,21600" ns3:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><ns2:stroke joinstyle="miter"/><ns2:path gradientshapeok="t" ns3:connecttype="rect"/>'
    '</ns2:shapetype><ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml" xmlns:ns1="urn:schemas-microsoft-com:office:office" '
    'type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;margin-top:1.5pt;width:144px;height:79px;z-index:1;'
    'visibility:hidden" fillcolor="#ffffe1" ns1:insetmode="auto" id="_x0000_s1026"><ns0:fill color2="#ffffe1"/>'
    '<ns0:shadow color="black" obscured="t"/><ns0:path ns1:connecttype="none"/><ns0:textbox style="mso-direction-alt:auto">'
    '<div style="text-align:left"/></ns0:textbox><ns2:ClientData xmlns:ns2="urn:schemas-microsoft-com:office:excel" '
    'ObjectType="Note"><ns2:MoveWithCells/><ns2:SizeWithCells/><ns2:AutoFill>False</ns2:AutoFill><ns2:Row>7</ns2:Row>'
    "<ns2:Column>6</ns2:Column></ns2:ClientData></ns0:shape></xml>"
)


def openpyxl_parts():
    parts = read_example()
    # The table: absolute target, header row count written out, a filter with no filterColumn.
    add_table_sheet(parts, "/xl/tables/table1.xml", table_xml(' headerRowCount="1"', '<autoFilter ref="A1:C6"/>'))
    # The note on G8: plain text, openpyxl's part names, absolute targets, relationship ids of its own.
    parts["xl/comments/comment1.xml"] = (
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>财务科</author>'
        '</authors><commentList><comment ref="G8" authorId="0" shapeId="0"><text><t>请补充偏差原因</t></text></comment>'
        "</commentList></comments>"
    ).encode()
    parts["xl/drawings/commentsDrawing1.vml"] = OPENPYXL_VML.encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        f'<Relationships xmlns="{REL_NS}"><Relationship Type="{WS_REL}/comments" Target="/xl/comments/comment1.xml" '
        f'Id="comments"/><Relationship Type="{WS_REL}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/>'
        "</Relationships>"
    ).encode()
    sheet = parts[SHEET].decode()
    assert "<legacyDrawing" not in sheet
    parts[SHEET] = sheet.replace("</worksheet>", '<legacyDrawing r:id="anysvml"/></worksheet>').encode()
    add_override(
        parts, "/xl/comments/comment1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
    )
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="vml"' not in types:
        types = types.replace(
            "<Override", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override', 1
        )
    parts["[Content_Types].xml"] = types.encode()
    write("openpyxl-parts.xlsx", parts)


def excel_table():
    parts = read_example()
    add_table_sheet(
        parts,
        "../tables/table1.xml",
        table_xml(' totalsRowShown="0"', '<autoFilter ref="A1:C6"><filterColumn colId="2" hiddenButton="1"/></autoFilter>'),
    )
    write("excel-table.xlsx", parts)


def libreoffice_table():
    parts = read_example()
    add_table_sheet(
        parts,
        "../tables/table1.xml",
        table_xml(
            ' headerRowCount="1" totalsRowCount="0" totalsRowShown="0"', '<autoFilter ref="A1:C6"></autoFilter>', style=False
        ),
    )
    write("libreoffice-table.xlsx", parts)


TABLE_COLUMNS_XML = (
    '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="明细表" displayName="明细表" '
    'ref="A1:D7" totalsRowCount="1" headerRowDxfId="0" dataDxfId="2" comment="各项目金额及折算">'
    '<autoFilter ref="A1:D6"/><sortState ref="A2:D6"><sortCondition descending="1" ref="B2:B6"/></sortState>'
    '<tableColumns count="4"><tableColumn id="1" name="项目" totalsRowLabel="合计"/>'
    '<tableColumn id="2" name="金额" totalsRowFunction="custom" dataDxfId="1"><totalsRowFormula>'
    'IF(SUBTOTAL(109,明细表[金额])&gt;0,SUBTOTAL(109,明细表[金额]),"无")</totalsRowFormula></tableColumn>'
    '<tableColumn id="3" name="折算"><calculatedColumnFormula>明细表[[#This Row],[金额]]*0.5</calculatedColumnFormula>'
    '</tableColumn>'
    '<tableColumn id="5" name="备注" totalsRowFunction="custom"><totalsRowFormula>"共"&amp;SUBTOTAL(103,明细表[项目])&amp;"项"'
    "</totalsRowFormula></tableColumn></tableColumns>"
    '<tableStyleInfo name="财务表样式" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>'
    '<extLst><ext uri="{504A1905-F514-4f6f-8877-14C23A59335A}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:table altText="各项目金额" altTextSummary="五个项目的金额、折算与备注"/></ext></extLst></table>'
)


def table_columns():
    """A four-column table with a formula column, totals row formulas, formats, a sort and alternative text."""
    parts = read_example()
    rows = '<row r="1">' + "".join(cell_xml(f"{c}1", v) for c, v in zip("ABCD", ("项目", "金额", "折算", "备注"))) + "</row>"
    for i in range(5):
        r = i + 2
        rows += (
            f'<row r="{r}">{cell_xml(f"A{r}", f"项目{i}")}{cell_xml(f"B{r}", 40 - i * 10)}'
            f'<c r="C{r}"><f>明细表[[#This Row],[金额]]*0.5</f><v>{(40 - i * 10) * 0.5}</v></c>'
            f'{cell_xml(f"D{r}", f"备注{i}")}</row>'
        )
    rows += (
        f'<row r="7">{cell_xml("A7", "合计")}'
        '<c r="B7"><f>IF(SUBTOTAL(109,明细表[金额])&gt;0,SUBTOTAL(109,明细表[金额]),"无")</f><v>100</v></c>'
        '<c r="D7" t="str"><f>"共"&amp;SUBTOTAL(103,明细表[项目])&amp;"项"</f><v>共5项</v></c></row>'
    )
    add_table_sheet(parts, "../tables/table1.xml", TABLE_COLUMNS_XML, rows=rows, ref="A1:D7")
    styles = parts["xl/styles.xml"].decode()
    assert '<dxfs count="0"/>' in styles
    assert re.search(r"<tableStyles [^>]*/>", styles)
    styles = styles.replace(
        '<dxfs count="0"/>',
        '<dxfs count="5"><dxf><font><b/><color rgb="FF1F4E78"/></font></dxf>'
        '<dxf><numFmt numFmtId="180" formatCode="#,##0.00&quot;元&quot;"/></dxf>'
        '<dxf><fill><patternFill><bgColor rgb="FFFFF2CC"/></patternFill></fill></dxf>'
        '<dxf><border><left style="thin"><color rgb="FF5B9BD5"/></left><right style="thin"><color rgb="FF5B9BD5"/></right>'
        '<top style="thin"><color rgb="FF5B9BD5"/></top><bottom style="thin"><color rgb="FF5B9BD5"/></bottom></border></dxf>'
        '<dxf><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor rgb="FFDDEBF7"/></patternFill></fill></dxf>'
        "</dxfs>",
    )
    parts["xl/styles.xml"] = re.sub(
        r"<tableStyles [^>]*/>",
        '<tableStyles count="1" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16">'
        '<tableStyle name="财务表样式" pivot="0" count="3"><tableStyleElement type="wholeTable" dxfId="3"/>'
        '<tableStyleElement type="headerRow" dxfId="0"/><tableStyleElement type="firstRowStripe" dxfId="4"/>'
        "</tableStyle></tableStyles>",
        styles,
    ).encode()
    write("table-columns.xlsx", parts)


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LOCAL_DPI = (
    '<a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}">'
    '<a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/></a:ext></a:extLst>'
)
CREATION_ID = (
    '<a:extLst><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}">'
    '<a16:creationId xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" '
    'id="{8A3B1C2D-0000-4000-8000-000000000001}"/></a:ext></a:extLst>'
)


def picture_format():
    """Two pictures as Excel stores them, one with every format setting it has, one with an artistic effect."""
    parts = read_example()
    sheet = parts[SHEET].decode()
    assert "xl/worksheets/_rels/sheet1.xml.rels" not in parts
    parts[SHEET] = sheet.replace("</worksheet>", f'<drawing xmlns:r="{R_NS}" r:id="rId1"/></worksheet>').encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        f'Type="{R_NS}/drawing" Target="../drawings/drawing1.xml"/></Relationships>'
    ).encode()
    seal = (
        '<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
        "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row>"
        '<xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="单位公章" descr="单位公章（电子）">'
        '<a:hlinkClick r:id="rId2" tooltip="查看公章说明"/>' + CREATION_ID + "</xdr:cNvPr>"
        '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
        '<xdr:blipFill><a:blip r:embed="rId1"><a:alphaModFix amt="50000"/>' + LOCAL_DPI + "</a:blip>"
        '<a:srcRect l="10000" t="5000" r="20000"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:xfrm rot="5400000"><a:off x="5000000" y="200000"/><a:ext cx="1219200" cy="762000"/></a:xfrm>'
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="C00000"/>'
        "</a:solidFill></a:ln></xdr:spPr></xdr:pic>"
        '<xdr:clientData fPrintsWithSheet="0"/></xdr:twoCellAnchor>'
    )
    effect = (
        '<xdr:oneCellAnchor><xdr:from><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="609600" cy="609600"/><xdr:pic><xdr:nvPicPr>'
        '<xdr:cNvPr id="3" name="签名"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1">'
        '<a:extLst><a:ext uri="{BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B}">'
        '<a14:imgProps xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main"><a14:imgLayer r:embed="rId3">'
        '<a14:imgEffect><a14:artisticPencilSketch/></a14:imgEffect></a14:imgLayer></a14:imgProps></a:ext></a:extLst>'
        '</a:blip><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm flipH="1"><a:off x="0" y="0"/>'
        '<a:ext cx="609600" cy="609600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
        "<xdr:clientData/></xdr:oneCellAnchor>"
    )
    parts["xl/drawings/drawing1.xml"] = (
        XML_HEAD + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="{A_NS}" xmlns:r="{R_NS}">' + seal + effect + "</xdr:wsDr>"
    ).encode()
    parts["xl/drawings/_rels/drawing1.xml.rels"] = (
        XML_HEAD + f'<Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId1" Type="{IMAGE_REL}" Target="../media/image1.png"/>'
        f'<Relationship Id="rId2" Type="{R_NS}/hyperlink" Target="https://www.mof.gov.cn/" TargetMode="External"/>'
        f'<Relationship Id="rId3" Type="{IMAGE_REL}" Target="../media/image2.png"/></Relationships>'
    ).encode()
    parts["xl/media/image1.png"] = PNG
    parts["xl/media/image2.png"] = PNG
    add_override(parts, "/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml")
    assert 'Extension="png"' in parts["[Content_Types].xml"].decode()
    write("picture-format.xlsx", parts)


X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
DATA_BAR_GRADIENT = (
    '<x14:dataBar minLength="0" maxLength="100" border="1" negativeBarBorderColorSameAsPositive="0">'
    '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:borderColor rgb="FF638EC6"/>'
    '<x14:negativeFillColor rgb="FFFF0000"/><x14:negativeBorderColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/>'
    "</x14:dataBar>"
)
DATA_BAR_SOLID = (
    '<x14:dataBar minLength="0" maxLength="100" gradient="0" direction="rightToLeft" axisPosition="middle">'
    '<x14:cfvo type="formula"><xm:f>$G$5*0.1</xm:f></x14:cfvo><x14:cfvo type="autoMax"/>'
    '<x14:fillColor rgb="FF63BE7B"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/>'
    "</x14:dataBar>"
)


def data_bars():
    """Two data bars as Excel 2010 and later store them: the rule in the sheet, its settings in the extension list."""
    parts = read_example()
    assert b"<extLst>" not in parts[SHEET]
    ids = ["{5D2C6A1E-0001-4C1B-9E51-6A1B2C3D4E01}", "{5D2C6A1E-0002-4C1B-9E51-6A1B2C3D4E02}"]
    ref = lambda i: (
        f'<extLst><ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" xmlns:x14="{X14_NS}">'
        f"<x14:id>{ids[i]}</x14:id></ext></extLst>"
    )
    after_merge_cells(
        parts,
        '<conditionalFormatting sqref="F8:F14"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/>'
        '<cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' + ref(0) + "</cfRule></conditionalFormatting>"
        '<conditionalFormatting sqref="G8:G14"><cfRule type="dataBar" priority="2"><dataBar>'
        '<cfvo type="formula" val="$G$5*0.1"/><cfvo type="max"/><color rgb="FF63BE7B"/></dataBar>' + ref(1)
        + "</cfRule></conditionalFormatting>",
    )
    ext = (
        f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14_NS}"><x14:conditionalFormattings>'
        + "".join(
            '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
            f'<x14:cfRule type="dataBar" id="{ids[i]}">{bar}</x14:cfRule><xm:sqref>{sqref}</xm:sqref>'
            "</x14:conditionalFormatting>"
            for i, (bar, sqref) in enumerate([(DATA_BAR_GRADIENT, "F8:F14"), (DATA_BAR_SOLID, "G8:G14")])
        )
        + "</x14:conditionalFormattings></ext></extLst>"
    )
    parts[SHEET] = parts[SHEET].decode().replace("</worksheet>", ext + "</worksheet>").encode()
    write("data-bars.xlsx", parts)


EXCEL_NOTE_BOX = (
    "position:absolute;margin-left:465pt;margin-top:120pt;width:180pt;height:96pt;z-index:1;visibility:visible"
)


def excel_note():
    parts = read_example()
    parts["xl/comments1.xml"] = (
        XML_HEAD
        + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>财务科</author>'
        '<author>审核人</author></authors><commentList><comment ref="G8" authorId="0"><text><r><rPr><b/><sz val="9"/>'
        '<rFont val="宋体"/></rPr><t>财务科:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/></rPr><t xml:space="preserve">\n'
        "请补充偏差原因，并附整改计划。</t></r></text></comment>"
        '<comment ref="F8" authorId="1"><text><r><t>已核对。</t></r></text></comment></commentList></comments>'
    ).encode()
    parts["xl/drawings/vmlDrawing1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/>'
        '</o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="_x0000_s1025" type="#_x0000_t202" style="{EXCEL_NOTE_BOX}" fillcolor="infoBackground [80]" '
        'strokecolor="none [81]" o:insetmode="auto"><v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" '
        'obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left">'
        '</div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        "<x:Anchor>7, 15, 6, 10, 9, 15, 12, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Visible/><x:Row>7</x:Row>"
        "<x:Column>6</x:Column></x:ClientData></v:shape>"
        '<v:shape id="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:400pt;margin-top:110pt;'
        'width:96pt;height:55pt;z-index:2;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" '
        'o:insetmode="auto"><v:fill color2="infoBackground [80]"/><v:textbox style="mso-direction-alt:auto"><div '
        'style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        "<x:Anchor>6, 15, 6, 10, 8, 15, 10, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>7</x:Row>"
        "<x:Column>5</x:Column></x:ClientData></v:shape></xml>"
    ).encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{WS_REL}/comments" Target="../comments1.xml"/>'
        f'<Relationship Id="rId2" Type="{WS_REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>'
    ).encode()
    sheet = parts[SHEET].decode()
    parts[SHEET] = sheet.replace("</worksheet>", '<legacyDrawing r:id="rId2"/></worksheet>').encode()
    add_override(parts, "/xl/comments1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "<Override", '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override', 1
    )
    parts["[Content_Types].xml"] = types.encode()
    write("excel-note.xlsx", parts)


def cell_formats():
    """Text typed after an apostrophe ('001, '=SUM(…)), a label set to justify distributed, fonts at 五号 (10.5
    pt) and 六号 (7.5 pt), a font saying not bold in so many words, and rich text at 10.5 pt."""
    parts = read_example()
    styles = parts["xl/styles.xml"].decode()
    assert '<cellXfs count="12">' in styles and '<fonts count="4"' in styles
    styles = styles.replace('<fonts count="4"', '<fonts count="6"', 1).replace(
        "</fonts>",
        '<font><sz val="10.5"/><name val="宋体"/><charset val="134"/></font>'
        '<font><b val="0"/><i val="false"/><sz val="7.5"/><name val="仿宋"/><charset val="134"/></font></fonts>',
        1,
    )
    quoted = (
        '<xf numFmtId="0" fontId="4" fillId="0" borderId="1" xfId="0" quotePrefix="1" applyFont="1" '
        'applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>'
    )
    distributed = (
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="distributed" vertical="center" justifyLastLine="1"/></xf>'
    )
    small = '<xf numFmtId="0" fontId="5" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    styles = styles.replace('<cellXfs count="12">', '<cellXfs count="15">', 1)
    styles = styles.replace("</cellXfs>", quoted + distributed + small + "</cellXfs>", 1)
    parts["xl/styles.xml"] = styles.encode()
    sheet = parts[SHEET].decode()
    assert '<c r="A3" s="4" t="s">' in sheet and '<c r="G8" s="5"/></row>' in sheet
    sheet = sheet.replace('<c r="A3" s="4" t="s">', '<c r="A3" s="13" t="s">', 1)
    # An empty output cell (完成率 of the first indicator) formatted with the prefix: the score replaces it.
    sheet = sheet.replace('<c r="G8" s="5"/></row>', '<c r="G8" s="5"/><c r="H8" s="12"/></row>', 1)
    parts[SHEET] = sheet.encode()
    rich = (
        '<c r="D134" t="inlineStr"><is><r><rPr><b val="0"/><sz val="10.5"/><rFont val="宋体"/></rPr><t>五号</t></r>'
        '<r><rPr><b/><sz val="12"/><rFont val="黑体"/></rPr><t>小四加粗</t></r></is></c>'
    )
    add_row(
        parts,
        '<row r="134"><c r="A134" s="12" t="inlineStr"><is><t>001</t></is></c>'
        '<c r="B134" s="12" t="inlineStr"><is><t>=SUM(C4:E4)</t></is></c>'
        '<c r="C134" s="14" t="inlineStr"><is><t>六号不加粗</t></is></c>' + rich + "</row>",
    )
    write("cell-formats.xlsx", parts)


def workbook_styles():
    """宋体 12 as the default font, three named cell styles in use, and a custom colour palette."""
    parts = read_example()
    styles = parts["xl/styles.xml"].decode()
    calibri = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>'
    assert styles.count(calibri) == 1 and '<fonts count="4"' in styles and '<fills count="2">' in styles
    styles = styles.replace(calibri, '<font><sz val="12"/><name val="宋体"/><family val="3"/><charset val="134"/></font>', 1)
    # 好 (good): dark green on light green; 标题样式: a template's own, bold 16 with a bottom border.
    styles = styles.replace("</fonts>", '<font><sz val="12"/><color rgb="FF006100"/><name val="宋体"/><charset val="134"/></font>'
                            '<font><b/><sz val="16"/><name val="黑体"/><charset val="134"/></font></fonts>', 1)
    styles = styles.replace('<fonts count="4"', '<fonts count="6"', 1)
    styles = styles.replace('<fills count="2">', '<fills count="3">', 1).replace(
        "</fills>", '<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="65"/></patternFill></fill></fills>', 1)
    styles = styles.replace('<borders count="2">', '<borders count="3">', 1).replace(
        "</borders>", '<border><left/><right/><top/><bottom style="medium"><color indexed="10"/></bottom><diagonal/></border></borders>', 1)
    styles = styles.replace('<numFmts count="2">', '<numFmts count="3">', 1).replace(
        "</numFmts>", '<numFmt numFmtId="166" formatCode="#,##0.00_ "/></numFmts>', 1)
    style_xfs = (
        '<cellStyleXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"/>'
        '<xf numFmtId="0" fontId="4" fillId="2" borderId="0" applyNumberFormat="0" applyBorder="0" applyAlignment="0" applyProtection="0"/>'
        '<xf numFmtId="166" fontId="5" fillId="0" borderId="2" applyAlignment="0" applyProtection="0"/></cellStyleXfs>'
    )
    assert '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' in styles
    styles = styles.replace('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>', style_xfs, 1)
    styles = styles.replace('<cellXfs count="12">', '<cellXfs count="15">', 1).replace(
        "</cellXfs>",
        '<xf numFmtId="9" fontId="2" fillId="0" borderId="1" xfId="1" applyNumberFormat="1" applyFont="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="4" fillId="2" borderId="0" xfId="2"/>'
        '<xf numFmtId="166" fontId="5" fillId="0" borderId="2" xfId="3" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
        "</cellXfs>", 1)
    assert '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' in styles
    styles = styles.replace(
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
        '<cellStyles count="4"><cellStyle name="百分比" xfId="1" builtinId="5"/><cellStyle name="常规" xfId="0" builtinId="0"/>'
        '<cellStyle name="好" xfId="2" builtinId="26"/><cellStyle name="标题样式" xfId="3"/></cellStyles>', 1)
    # A palette as a workbook that began as .xls keeps it: index 10 (the border above) is purple, not red.
    palette = ["FF000000", "FFFFFFFF", "FFFF0000", "FF00FF00", "FF0000FF", "FFFFFF00", "FFFF00FF", "FF00FFFF"] * 2
    palette[10] = "FF7030A0"
    palette += [f"FF{(i * 37) % 256:02X}{(i * 91) % 256:02X}{(i * 53) % 256:02X}" for i in range(16, 64)]
    colors = ("<colors><indexedColors>" + "".join(f'<rgbColor rgb="{c}"/>' for c in palette)
              + '</indexedColors><mruColors><color rgb="FF7030A0"/></mruColors></colors>')
    styles = styles.replace('defaultPivotStyle="PivotStyleLight16"/>', 'defaultPivotStyle="PivotStyleLight16"/>' + colors, 1)
    parts["xl/styles.xml"] = styles.encode()
    sheet = parts[SHEET].decode()
    assert '<c r="A1" s="1" t="s">' in sheet and '<c r="F10" s="8">' in sheet
    sheet = sheet.replace('<c r="A1" s="1" t="s">', '<c r="A1" s="14" t="s">', 1)
    sheet = sheet.replace('<c r="F10" s="8">', '<c r="F10" s="12">', 1)
    parts[SHEET] = sheet.encode()
    add_row(parts, '<row r="134"><c r="A134" s="13" t="inlineStr"><is><t>好</t></is></c><c r="B134"><v>3</v></c></row>')
    write("workbook-styles.xlsx", parts)


def sheet_format():
    """A form: every row not in use hidden (zeroHeight) but a blank line shown, a base column width, Chinese
    Excel's 13.5 pt rows, two rows whose height Excel fitted to their wrapped text (ht, no customHeight), and
    errors marked as ignored."""
    parts = read_example()
    sheet = parts[SHEET].decode()
    old = '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>'
    assert old in sheet
    sheet = sheet.replace(
        old,
        '<sheetFormatPr baseColWidth="10" defaultRowHeight="13.5" zeroHeight="1" outlineLevelRow="0" '
        'outlineLevelCol="0" x14ac:dyDescent="0.15"/>',
        1,
    )
    for r in (8, 9):
        row = f'<row r="{r}" ht="30" customHeight="1" '
        assert row in sheet
        sheet = sheet.replace(row, f'<row r="{r}" ht="30" ', 1)
    # 忽略错误 over the budget figures and the actuals, as Excel stores it after the pageSetup.
    assert sheet.endswith("</worksheet>") and "<pageSetup " in sheet
    sheet = sheet.replace(
        "</worksheet>",
        '<ignoredErrors><ignoredError sqref="C4 E4 F8:F14" numberStoredAsText="1"/>'
        '<ignoredError sqref="G5" formula="1" evalError="1"/></ignoredErrors></worksheet>',
    )
    # A blank line of the form, shown: listed, empty (rows 15 and 16 are not listed, so hidden).
    assert '<row r="17"' in sheet
    sheet = sheet.replace('<row r="17"', '<row r="15" spans="1:7"/><row r="17"', 1)
    parts[SHEET] = sheet.encode()
    write("sheet-format.xlsx", parts)


def links():
    """Links with screen tips, to a place in another workbook, to a section of a web page, and on cells holding
    formulas."""
    parts = read_example()
    assert b"<hyperlinks" not in parts[SHEET]
    hyperlinks = (
        '<hyperlinks>'
        '<hyperlink ref="A134" r:id="rId91" tooltip="财政部预算司网站"/>'
        '<hyperlink ref="B134" r:id="rId92" location="\'汇总\'!A1" tooltip="打开预算表的汇总"/>'
        '<hyperlink ref="C134" r:id="rId93" location="第二节"/>'
        '<hyperlink ref="D134" location="\'绩效目标表\'!A17" tooltip="第二个项目" display="跳到第二个项目"/>'
        '<hyperlink ref="E134" r:id="rId91" tooltip="预算数的出处"/>'
        '<hyperlink ref="F134" location="\'绩效目标表\'!C4"/>'
        "</hyperlinks>"
    )
    after_merge_cells(parts, hyperlinks)
    add_row(
        parts,
        '<row r="134"><c r="A134" t="inlineStr"><is><t>预算司</t></is></c>'
        '<c r="B134" t="inlineStr"><is><t>预算表汇总</t></is></c>'
        '<c r="C134" t="inlineStr"><is><t>管理办法第二节</t></is></c>'
        '<c r="D134" t="inlineStr"><is><t>跳到第二个项目</t></is></c>'
        # Links on cells holding formulas: the budget figure with its source, and a jump to it.
        '<c r="E134" t="str"><f>C4&amp;"万元"</f><v>97万元</v></c>'
        '<c r="F134"><f>C4*10000</f><v>970000</v></c></row>',
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        XML_HEAD
        + f'<Relationships xmlns="{REL_NS}">'
        + f'<Relationship Id="rId91" Type="{rel}" Target="https://yss.mof.gov.cn/" TargetMode="External"/>'
        + f'<Relationship Id="rId92" Type="{rel}" Target="%E9%A2%84%E7%AE%97%E8%A1%A8.xlsx" TargetMode="External"/>'
        + f'<Relationship Id="rId93" Type="{rel}" Target="https://www.mof.gov.cn/gp/xxgkml/yss/" TargetMode="External"/>'
        + "</Relationships>"
    ).encode()
    write("links.xlsx", parts)


def validation_settings():
    """Data validation: the input method switched off over the actuals, a list over two ranges with its arrow
    hidden, limits given by a formula, a cell and a date function, and a date limit."""
    parts = read_example()
    assert b"<dataValidations" not in parts[SHEET]
    validations = (
        '<dataValidations count="6">'
        '<dataValidation imeMode="off" allowBlank="1" showInputMessage="1" promptTitle="实际完成值" '
        'prompt="请填写数字或百分比" sqref="F8:F14"/>'
        '<dataValidation type="list" allowBlank="1" showDropDown="1" showErrorMessage="1" sqref="G8:G14 G24:G30">'
        '<formula1>"达成,部分达成,未达成"</formula1></dataValidation>'
        # Limits given by formulas and cells, which exceljs read as numbers (NaN), and a date limit.
        '<dataValidation type="decimal" allowBlank="1" showErrorMessage="1" sqref="E5">'
        "<formula1>0</formula1><formula2>C4*1.1</formula2></dataValidation>"
        '<dataValidation type="whole" operator="lessThanOrEqual" showErrorMessage="1" sqref="C4">'
        "<formula1>$E$4</formula1></dataValidation>"
        '<dataValidation type="date" operator="greaterThanOrEqual" showErrorMessage="1" sqref="B2">'
        "<formula1>DATE(2025,1,1)</formula1></dataValidation>"
        '<dataValidation type="date" operator="lessThan" showErrorMessage="1" sqref="C2">'
        "<formula1>46023</formula1></dataValidation></dataValidations>"
    )
    after_merge_cells(parts, validations)
    write("validation-settings.xlsx", parts)


def conditional_formats():
    """重复值 and 唯一值, and the text rules 开头是, 包含, 不包含, 结尾是, as Excel stores them."""
    parts = read_example()
    assert b"<conditionalFormatting" not in parts[SHEET]
    cf = (
        '<conditionalFormatting sqref="C8:C14"><cfRule type="duplicateValues" dxfId="0" priority="1"/></conditionalFormatting>'
        '<conditionalFormatting sqref="F8:F14">'
        '<cfRule type="beginsWith" dxfId="0" priority="2" operator="beginsWith" text="未"><formula>LEFT(F8,LEN("未"))="未"</formula></cfRule>'
        '<cfRule type="containsText" dxfId="0" priority="3" operator="containsText" text="部分"><formula>NOT(ISERROR(SEARCH("部分",F8)))</formula></cfRule>'
        "</conditionalFormatting>"
        '<conditionalFormatting sqref="G8:G14">'
        '<cfRule type="notContainsText" dxfId="0" priority="4" operator="notContains" text="原因"><formula>ISERROR(SEARCH("原因",G8))</formula></cfRule>'
        '<cfRule type="uniqueValues" dxfId="0" priority="5"/>'
        '<cfRule type="endsWith" dxfId="0" priority="6" operator="endsWith" text="。"><formula>RIGHT(G8,LEN("。"))="。"</formula></cfRule>'
        "</conditionalFormatting>"
    )
    after_merge_cells(parts, cf)
    styles = parts["xl/styles.xml"].decode()
    assert '<dxfs count="0"/>' in styles
    parts["xl/styles.xml"] = styles.replace(
        '<dxfs count="0"/>',
        '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/>'
        "</patternFill></fill></dxf></dxfs>",
    ).encode()
    write("conditional-formats.xlsx", parts)


if __name__ == "__main__":
    wps()
    excel()
    sparklines()
    list_validation()
    dynamic_arrays()
    page_breaks()
    protected_workbook()
    filtered()
    protected_ranges()
    add_in_custom_xml()
    unknown_part()
    regenerated_parts()
    header_picture()
    modify_password()
    views_scenarios()
    workbook_part()
    sheet_details()
    openpyxl_parts()
    excel_table()
    libreoffice_table()
    excel_note()
    cell_formats()
    workbook_styles()
    sheet_format()
    links()
    validation_settings()
    conditional_formats()
    table_columns()
    picture_format()
    data_bars()
    sys.exit(0)
