"""Make the text of a printed report read back as the characters it shows.

The Noto CJK fonts draw a radical (U+2E80-U+2FDF) and the ideograph it looks
like with one glyph, and Chromium's PDF text map names the radical for that
glyph: 人民政府 then copies and searches as ⼈⺠政府. This module rewrites each
font's ToUnicode map so those glyphs name the ideograph; the report never
contains a radical on purpose.

`radical_ideographs.json` pairs each radical with the ideograph that shares
its glyph in Noto Sans CJK SC and Noto Serif CJK SC (read from the fonts' cmap
tables), which differs from Unicode's NFKC folding for some (⼾ is 户 there).
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from functools import cache
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import IndirectObject

logger = logging.getLogger(__name__)

TABLE_PATH = Path(__file__).with_name("radical_ideographs.json")
# At most this many entries in one bfchar block (a limit of the CMap format).
BLOCK_ENTRIES = 100

CHAR_BLOCK = re.compile(rb"(\d+)\s+beginbfchar\s*(.*?)endbfchar", re.DOTALL)
RANGE_BLOCK = re.compile(rb"(\d+)\s+beginbfrange\s*(.*?)endbfrange", re.DOTALL)
CHAR_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
STARTXREF = re.compile(rb"startxref\s+(\d+)")
RANGE_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@cache
def radical_table() -> dict[int, int]:
    """Return {radical code point: ideograph code point} for the CJK fonts used."""
    raw = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {int(key, 16): int(value, 16) for key, value in raw.items()}


def repair_text_mapping(pdf_path: Path) -> int:
    """Rewrite the ToUnicode maps of `pdf_path` in place; return glyphs remapped.

    The new maps are appended as an incremental update (new versions of the
    same objects, a new cross-reference section pointing back to the old), so
    nothing else of the printed file is read or rewritten.
    """
    pdf_path = Path(pdf_path)
    try:
        reader = PdfReader(pdf_path)
        replaced: dict[tuple[int, int], bytes] = {}
        remapped = 0
        for stream_ref in _text_map_refs(reader):
            cmap, count = remap_cmap(
                stream_ref.get_object().get_data(), radical_table()
            )
            if count:
                replaced[(stream_ref.idnum, stream_ref.generation)] = cmap
                remapped += count
        if replaced:
            update = _incremental_update(pdf_path.read_bytes(), reader, replaced)
            with pdf_path.open("ab") as handle:
                handle.write(update)
    except (PyPdfError, OSError, KeyError, ValueError) as exc:
        logger.warning("Left the text map of %s as printed: %s", pdf_path, exc)
        return 0
    logger.debug("Remapped %s radical glyphs of %s", remapped, pdf_path)
    return remapped


def _text_map_refs(reader: PdfReader) -> list[IndirectObject]:
    refs: dict[int, IndirectObject] = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            ref = (
                font.get_object().raw_get("/ToUnicode")
                if "/ToUnicode" in font.get_object()
                else None
            )
            if isinstance(ref, IndirectObject):
                refs[ref.idnum] = ref
    return list(refs.values())


def _incremental_update(
    original: bytes, reader: PdfReader, replaced: dict[tuple[int, int], bytes]
) -> bytes:
    """Return the bytes to append to `original` to replace the given streams."""
    previous = STARTXREF.findall(original[-1024:])
    if not previous:
        raise ValueError("no startxref at the end of the file")
    chunks, offsets = [b"\n"], {}
    position = len(original) + 1
    for (number, generation), data in sorted(replaced.items()):
        body = zlib.compress(data)
        chunk = (
            b"%d %d obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n"
            % (number, generation, len(body))
            + body
            + b"\nendstream\nendobj\n"
        )
        offsets[(number, generation)] = position
        chunks.append(chunk)
        position += len(chunk)
    # Readers expect each section to list the free head of object 0 first.
    xref = [b"xref\n0 1\n0000000000 65535 f \n"]
    for (number, generation), offset in sorted(offsets.items()):
        xref.append(b"%d 1\n%010d %05d n \n" % (number, offset, generation))
    trailer = [b"/Size %d" % reader.trailer["/Size"], b"/Prev %s" % previous[-1]]
    for key in ("/Root", "/Info", "/ID"):
        if key in reader.trailer:
            value = reader.trailer.raw_get(key)
            stream = BytesIO()
            value.write_to_stream(stream)
            trailer.append(key.encode() + b" " + stream.getvalue())
    chunks += xref
    chunks.append(b"trailer\n<< " + b" ".join(trailer) + b" >>\n")
    chunks.append(b"startxref\n%d\n%%%%EOF\n" % position)
    return b"".join(chunks)


def remap_cmap(cmap: bytes, table: dict[int, int]) -> tuple[bytes, int]:
    """Return a ToUnicode CMap with radicals replaced, and how many were."""
    count = 0

    def fix_chars(match: re.Match) -> bytes:
        nonlocal count
        entries = []
        for source, target in CHAR_ENTRY.findall(match.group(2)):
            code = _code_point(target)
            if code in table:
                target, count = _utf16_hex(table[code]), count + 1
            entries.append(b"<" + source + b"> <" + target + b">")
        return _char_blocks(entries)

    expanded: list[bytes] = []

    def fix_ranges(match: re.Match) -> bytes:
        nonlocal count
        kept = []
        for low, high, start in RANGE_ENTRY.findall(match.group(2)):
            first, last, base = int(low, 16), int(high, 16), _code_point(start)
            codes = range(base, base + last - first + 1) if base is not None else ()
            if not any(code in table for code in codes):
                kept.append(b"<" + low + b"> <" + high + b"> <" + start + b">")
                continue
            for offset, code in enumerate(codes):
                count += code in table
                source = f"{first + offset:0{len(low)}X}".encode()
                target = _utf16_hex(table.get(code, code))
                expanded.append(b"<" + source + b"> <" + target + b">")
        if not kept:
            return b""
        return b"%d beginbfrange\n" % len(kept) + b"\n".join(kept) + b"\nendbfrange"

    cmap = CHAR_BLOCK.sub(fix_chars, cmap)
    cmap = RANGE_BLOCK.sub(fix_ranges, cmap)
    if expanded:
        cmap = cmap.replace(b"endcmap", _char_blocks(expanded) + b"\nendcmap", 1)
    return cmap, count


def _char_blocks(entries: list[bytes]) -> bytes:
    blocks = []
    for start in range(0, len(entries), BLOCK_ENTRIES):
        chunk = entries[start : start + BLOCK_ENTRIES]
        blocks.append(
            b"%d beginbfchar\n" % len(chunk) + b"\n".join(chunk) + b"\nendbfchar"
        )
    return b"\n".join(blocks)


def _code_point(target: bytes) -> int | None:
    """Return the one code point a UTF-16BE hex target names, else None."""
    try:
        text = bytes.fromhex(target.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return None
    return ord(text) if len(text) == 1 else None


def _utf16_hex(code: int) -> bytes:
    return chr(code).encode("utf-16-be").hex().upper().encode("ascii")
