"""Text of Office 97-2003 attachments (.xls, .doc, .wps).

The files are written here, byte by byte, in the formats' documented
layouts: an OLE2 compound file holding a BIFF8 workbook, or a WordDocument
stream whose File Information Block points at a piece table.
"""

import struct

from crawler.attachments import extract_document_text, sniff_document_type

SECTOR = 512
FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Return an OLE2 compound file (version 3) holding `streams`.

    Streams are padded to 4096 bytes so that they live in ordinary sectors
    (smaller ones would go to the mini stream). Sector 0 holds the FAT,
    sector 1 the directory; the streams follow.
    """
    names = list(streams)
    datas = [streams[name].ljust(4096, b"\0") for name in names]
    fat, starts, body, sector = [FAT_SECTOR, END], [], b"", 2
    for data in datas:
        count = -(-len(data) // SECTOR)
        starts.append(sector)
        fat += [sector + index + 1 for index in range(count - 1)] + [END]
        sector += count
        body += data.ljust(count * SECTOR, b"\0")
    fat_sector = b"".join(struct.pack("<I", value) for value in fat)
    entries = [_directory_entry("Root Entry", 5, child=1)]
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else FREE
        entries.append(
            _directory_entry(name, 2, right=right, start=starts[index], size=4096)
        )
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector size 2^9
        6,  # mini sector size 2^6
        b"\0" * 6,
        0,  # directory sectors (0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,  # transaction signature
        4096,  # mini stream cutoff
        END,  # first mini FAT sector
        0,  # mini FAT sectors
        END,  # first DIFAT sector
        0,  # DIFAT sectors
        0,  # DIFAT[0]: the FAT is sector 0
    )
    return (
        header.ljust(SECTOR, b"\xff")
        + fat_sector.ljust(SECTOR, b"\xff")
        + b"".join(entries).ljust(SECTOR, b"\0")
        + body
    )


def _directory_entry(name, kind, *, child=FREE, right=FREE, start=END, size=0):
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        encoded.ljust(64, b"\0"),
        len(encoded),
        kind,  # 5 root, 2 stream
        1,  # black
        FREE,  # left sibling
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
        0,
    )


def _biff_record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff_bof(substream: int) -> bytes:
    return _biff_record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0, 0, 0, 6))


def xls_workbook(rows: list[list[str]], sheet: str = "三公经费") -> bytes:
    """Return an Excel 97-2003 workbook: one sheet of text cells (LABEL records)."""

    def workbook_globals(sheet_position: int) -> bytes:
        boundsheet = struct.pack("<IBBBB", sheet_position, 0, 0, len(sheet), 1)
        return (
            _biff_bof(0x0005)
            + _biff_record(0x0085, boundsheet + sheet.encode("utf-16-le"))
            + _biff_record(0x000A, b"")
        )

    cells = b""
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            label = struct.pack("<HHHHB", row, column, 0, len(text), 1)
            cells += _biff_record(0x0204, label + text.encode("utf-16-le"))
    worksheet = _biff_bof(0x0010) + cells + _biff_record(0x000A, b"")
    stream = workbook_globals(len(workbook_globals(0))) + worksheet
    return compound_file({"Workbook": stream})


def word_document(pieces: list[tuple[str, bool]]) -> bytes:
    """Return a Word 97-2003 file whose text is `pieces` (text, compressed)."""
    words = bytearray(0x800)
    struct.pack_into("<H", words, 0, 0xA5EC)  # wIdent
    struct.pack_into("<H", words, 0x0A, 0x0200)  # fWhichTblStm: 1Table
    positions, descriptors, cp = [0], b"", 0
    for text, compressed in pieces:
        offset = len(words)
        if compressed:
            words += text.encode("cp1252")
            fc = (offset * 2) | 0x40000000
        else:
            words += text.encode("utf-16-le")
            fc = offset
        cp += len(text)
        positions.append(cp)
        descriptors += struct.pack("<HIH", 0, fc, 0)
    plc = struct.pack(f"<{len(positions)}I", *positions) + descriptors
    clx = b"\x01" + struct.pack("<H", 2) + b"\0\0" + b"\x02"
    clx += struct.pack("<I", len(plc)) + plc
    table = b"\0" * 16 + clx
    struct.pack_into("<II", words, 0x01A2, 16, len(clx))  # fcClx, lcbClx
    return compound_file({"WordDocument": bytes(words), "1Table": table})


def test_an_xls_workbook_is_read_cell_by_cell():
    body = xls_workbook([["项目", "金额"], ["“三公”经费合计", "12.5"]])
    assert sniff_document_type(body, "http://a/b.xls") == "xls"
    assert extract_document_text(body, "xls") == "项目\t金额\n“三公”经费合计\t12.5"


def test_a_word_97_document_is_read_through_its_piece_table():
    body = word_document(
        [
            ("2016年部门预算公开说明\r", False),
            ("Budget 2016\r", True),
            ("三公经费", False),
        ]
    )
    assert sniff_document_type(body, "http://a/b.doc") == "doc"
    assert extract_document_text(body, "doc") == (
        "2016年部门预算公开说明\nBudget 2016\n三公经费"
    )


def test_a_compound_file_of_another_kind_gives_no_text():
    body = compound_file({"PowerPoint Document": b"slides"})
    assert sniff_document_type(body, "http://a/b.ppt") == "office"
    assert extract_document_text(body, "office") is None


def test_a_broken_word_document_gives_no_text():
    body = compound_file({"WordDocument": b"\0" * 600})
    assert sniff_document_type(body) == "doc"
    assert extract_document_text(body, "doc") is None
