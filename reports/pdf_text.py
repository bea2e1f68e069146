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
from functools import cache
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

TABLE_PATH = Path(__file__).with_name("radical_ideographs.json")
# At most this many entries in one bfchar block (a limit of the CMap format).
BLOCK_ENTRIES = 100

CHAR_BLOCK = re.compile(rb"(\d+)\s+beginbfchar\s*(.*?)endbfchar", re.DOTALL)
RANGE_BLOCK = re.compile(rb"(\d+)\s+beginbfrange\s*(.*?)endbfrange", re.DOTALL)
CHAR_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
RANGE_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@cache
def radical_table() -> dict[int, int]:
    """Return {radical code point: ideograph code point} for the CJK fonts used."""
    raw = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {int(key, 16): int(value, 16) for key, value in raw.items()}


def repair_text_mapping(pdf_path: Path) -> int:
    """Rewrite the ToUnicode maps of `pdf_path` in place; return glyphs remapped."""
    try:
        writer = PdfWriter(clone_from=PdfReader(pdf_path))
        remapped = 0
        seen: set[int] = set()
        for page in writer.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                stream = font.get_object().get("/ToUnicode")
                if stream is None or id(stream.get_object()) in seen:
                    continue
                stream = stream.get_object()
                seen.add(id(stream))
                text, count = remap_cmap(stream.get_data(), radical_table())
                if count:
                    stream.set_data(text)
                    remapped += count
        if remapped:
            with Path(pdf_path).open("wb") as handle:
                writer.write(handle)
    except (PyPdfError, OSError, KeyError, ValueError) as exc:
        logger.warning("Left the text map of %s as printed: %s", pdf_path, exc)
        return 0
    logger.debug("Remapped %s radical glyphs of %s", remapped, pdf_path)
    return remapped


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
