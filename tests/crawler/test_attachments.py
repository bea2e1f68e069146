"""Attachment text: PDF, Word and Excel 2007+ files, plain text."""

import io
import zipfile

from crawler.attachments import extract_document_text, sniff_document_type

DOCX_XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/'
    'wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>2016年部门预算</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>三公经费</w:t></w:r><w:r><w:t>支出说明</w:t></w:r></w:p>"
    "</w:body></w:document>"
)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def pdf_with_text(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=100)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F1"): writer._add_object(font)}
            )
        }
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_become_lines():
    body = zipped({"word/document.xml": DOCX_XML, "[Content_Types].xml": "<x/>"})
    assert sniff_document_type(body, "http://a/f.docx") == "docx"
    assert extract_document_text(body, "docx") == "2016年部门预算\n三公经费支出说明"


def test_xlsx_cells_are_read_with_shared_strings():
    sheet = (
        f'<worksheet xmlns="{SHEET_NS}"><sheetData>'
        '<row><c t="s"><v>0</v></c><c><v>12.5</v></c></row>'
        '<row><c t="inlineStr"><is><t>合计</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    strings = f'<sst xmlns="{SHEET_NS}"><si><t>三公经费</t></si></sst>'
    body = zipped(
        {
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": strings,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )
    assert sniff_document_type(body) == "xlsx"
    assert extract_document_text(body, "xlsx") == "三公经费\t12.5\n合计"


def test_pdf_text_is_read_with_pypdf():
    body = pdf_with_text("Budget 2016")
    assert sniff_document_type(body) == "pdf"
    assert "Budget 2016" in extract_document_text(body, "pdf")


def test_plain_text_in_gb18030_is_decoded():
    body = "三公经费说明".encode("gb18030")
    assert sniff_document_type(body, "http://a/note.txt") == "txt"
    assert extract_document_text(body, "txt") == "三公经费说明"


def test_broken_and_old_binary_files_give_no_text():
    assert extract_document_text(b"%PDF-1.4 broken", "pdf") is None
    assert sniff_document_type(b"\xd0\xcf\x11\xe0rest") == "office"
    assert extract_document_text(b"\xd0\xcf\x11\xe0rest", "office") is None


def test_a_document_link_answered_with_text_is_read_as_text():
    body = "中原市商务局2016年三公经费预算情况表.xls\n".encode()
    assert sniff_document_type(body, "http://a/attach/ys2016-2.xls") == "txt"
    assert "三公经费" in extract_document_text(body, "txt")
    assert sniff_document_type(b"\x00\x01binary", "http://a/attach/x.xls") == ""
