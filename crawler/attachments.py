"""Read the text of a disclosure's attached documents.

Rules look into attachments for words such as 三公经费, so the crawler keeps
their text: PDF through pypdf, Word and Excel 2007+ files by reading the XML
inside their zip, Excel 97-2003 (.xls) through xlrd, Word 97-2003 and WPS
(.doc, .wps) from the piece table of their WordDocument stream, plain text by
trying UTF-8 then GB18030. Images and other formats give no text; the page is
still recorded.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile

from lxml import etree

logger = logging.getLogger(__name__)

# Text beyond this is cut: enough for any rule, bounded for the store.
MAX_TEXT_CHARS = 500_000
# Pages of a PDF read at most; budget documents run to a few dozen.
MAX_PDF_PAGES = 200

DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et")

# Word 97-2003: offsets in the File Information Block, and the piece flag.
_FIB_FLAGS = 0x0A
_FIB_WHICH_TABLE = 0x0200
_FIB_CLX = 0x01A2
_PIECE_COMPRESSED = 0x40000000
# Word's paragraph, cell and field marks, read as line breaks or dropped.
_WORD_CONTROLS = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\t",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x13": None,
        "\x14": None,
        "\x15": None,
        "\x01": None,
        "\x08": None,
    }
)

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sniff_document_type(body: bytes, url: str = "", content_type: str = "") -> str:
    """Return pdf, docx, xlsx, doc, xls, txt, office (other binary Office) or ''."""
    lowered = (content_type or "").lower()
    if body.startswith(b"%PDF"):
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        return _zip_document_type(body)
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        return _compound_document_type(body)
    suffix = url.lower().rsplit("?", 1)[0]
    if lowered.startswith("text/plain") or suffix.endswith(".txt"):
        return "txt"
    if suffix.endswith(DOCUMENT_SUFFIXES) and is_plain_text(body):
        # A document link answered with plain text (a placeholder, or a
        # mislabelled export): its text is still what the portal published.
        return "txt"
    return ""


def is_plain_text(body: bytes) -> bool:
    """Whether `body` is text in UTF-8 or GB18030 (no control bytes)."""
    head = body[:4096]
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:
                continue
        return True
    return False


def _zip_document_type(body: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return ""
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return ""


def _compound_document_type(body: bytes) -> str:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(body)) as ole:
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
    except (OSError, ValueError) as exc:
        logger.debug("Could not open a compound document: %s", exc)
    return "office"


def extract_document_text(body: bytes, kind: str) -> str | None:
    """Return the text of a document of `kind`, or None when it has none readable."""
    readers = {
        "pdf": read_pdf_text,
        "docx": read_docx_text,
        "xlsx": read_xlsx_text,
        "doc": read_doc_text,
        "xls": read_xls_text,
        "txt": read_plain_text,
    }
    reader = readers.get(kind)
    if reader is None:
        return None
    try:
        text = reader(body)
    except Exception as exc:  # a broken file is common; its page is still kept
        logger.debug("Could not read %s document text: %s", kind, exc)
        return None
    return text[:MAX_TEXT_CHARS] if text else None


def read_pdf_text(body: bytes) -> str:
    """Return the text of a PDF, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    texts = []
    for page in reader.pages[:MAX_PDF_PAGES]:
        texts.append(page.extract_text() or "")
    return "\n".join(texts).strip()


def read_docx_text(body: bytes) -> str:
    """Return the paragraphs of a .docx file, one per line."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        root = _parse_xml(archive.read("word/document.xml"))
    lines = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        lines.append("".join(node.text or "" for node in paragraph.iter(f"{WORD_NS}t")))
    return "\n".join(line for line in lines if line.strip()).strip()


def read_xlsx_text(body: bytes) -> str:
    """Return the cells of every sheet of a .xlsx file, tab-separated by row."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        shared = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
        sheets = sorted(
            name for name in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)
        )
        lines = []
        for name in sheets:
            root = _parse_xml(archive.read(name))
            for row in root.iter(f"{SHEET_NS}row"):
                cells = [_cell_text(cell, shared) for cell in row.iter(f"{SHEET_NS}c")]
                if any(cells):
                    lines.append("\t".join(cells))
    return "\n".join(lines).strip()


def read_xls_text(body: bytes) -> str:
    """Return the cells of every sheet of an Excel 97-2003 file, tab-separated by row."""
    import xlrd

    book = xlrd.open_workbook(file_contents=body, on_demand=True)
    lines = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        for row in range(sheet.nrows):
            cells = [_xls_cell_text(value) for value in sheet.row_values(row)]
            if any(cells):
                lines.append("\t".join(cells))
        book.unload_sheet(index)
    return "\n".join(lines).strip()


def _xls_cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_doc_text(body: bytes) -> str:
    """Return the text of a Word 97-2003 (or WPS) file, read through its piece table.

    The File Information Block at the start of the WordDocument stream says
    which table stream holds the piece table (CLX) and where; each piece is a
    run of text stored as UTF-16LE or, compressed, as one byte a character.
    """
    import olefile

    with olefile.OleFileIO(io.BytesIO(body)) as ole:
        words = ole.openstream("WordDocument").read()
        (flags,) = struct.unpack_from("<H", words, _FIB_FLAGS)
        table_name = "1Table" if flags & _FIB_WHICH_TABLE else "0Table"
        table = ole.openstream(table_name).read()
    fc_clx, lcb_clx = struct.unpack_from("<II", words, _FIB_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<H", clx, position + 1)
        position += 3 + size
    if position >= len(clx) or clx[position] != 0x02:
        raise ValueError("no piece table in the CLX")
    (size,) = struct.unpack_from("<I", clx, position + 1)
    pieces = clx[position + 5 : position + 5 + size]
    count = (len(pieces) - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", pieces, 0)
    texts = []
    for index in range(count):
        (fc,) = struct.unpack_from("<I", pieces, 4 * (count + 1) + 8 * index + 2)
        length = positions[index + 1] - positions[index]
        if fc & _PIECE_COMPRESSED:
            start = (fc & ~_PIECE_COMPRESSED) // 2
            texts.append(words[start : start + length].decode("cp1252", "replace"))
        else:
            texts.append(words[fc : fc + 2 * length].decode("utf-16-le", "replace"))
    text = "".join(texts).translate(_WORD_CONTROLS)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    root = _parse_xml(archive.read("xl/sharedStrings.xml"))
    return [
        "".join(node.text or "" for node in item.iter(f"{SHEET_NS}t"))
        for item in root.iter(f"{SHEET_NS}si")
    ]


def _cell_text(cell, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(node.text or "" for node in cell.iter(f"{SHEET_NS}t"))
    value = cell.find(f"{SHEET_NS}v")
    if value is None or value.text is None:
        return ""
    if kind == "s":
        index = int(value.text)
        return shared[index] if 0 <= index < len(shared) else ""
    return value.text


def _parse_xml(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(data, parser)


def read_plain_text(body: bytes) -> str:
    """Return a text file decoded as UTF-8, else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return body.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", errors="replace").strip()
