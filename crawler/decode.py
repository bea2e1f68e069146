"""Turning a page's bytes into text.

Chinese portals declare their charset in the HTTP header, in ``<meta
charset>`` or in ``<meta http-equiv="Content-Type">``, and the three often
disagree. The order tried here: a byte-order mark; UTF-8 when the bytes are
valid UTF-8 (GBK text is practically never valid UTF-8, so this check is
safe); the encodings declared by the caller, the HTTP header and the page;
and finally GB18030, which decodes every GBK and GB2312 page. GBK and GB2312
are always decoded as GB18030, their superset, so that rare characters the
older tables lack are not lost.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CHINESE_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "ms936", "euc-cn"}
# Charsets web servers send by default; they say nothing about the page.
_WEAK_DECLARATIONS = {"iso8859-1", "latin-1", "ascii", "cp1252", "us-ascii"}
_SNIFF_BYTES = 4096


def decode_body(
    body: bytes | str,
    *,
    content_type: str | None = None,
    encoding: str | None = None,
) -> tuple[str, str]:
    """Return the page's text and the name of the encoding it was decoded with."""
    if isinstance(body, str):
        return body, normalise_encoding(encoding) or "utf-8"
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    if body.isascii():
        return body.decode("ascii"), _declared_or_utf8(body, content_type, encoding)
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in declared_encodings(body, content_type, encoding):
        try:
            return body.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("gb18030", errors="replace"), "gb18030"


def declared_encodings(
    body: bytes, content_type: str | None, encoding: str | None
) -> list[str]:
    """Return the encodings the caller, the HTTP header and the page declare."""
    names = [encoding]
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        names.append(header.group(1) if header else None)
    meta = _META_CHARSET.search(body[:_SNIFF_BYTES])
    names.append(meta.group(1).decode("ascii", errors="ignore") if meta else None)
    found = []
    for name in names:
        normal = normalise_encoding(name)
        if normal and normal not in found and normal not in _WEAK_DECLARATIONS:
            found.append(normal)
    return found


def normalise_encoding(name: str | None) -> str | None:
    """Return Python's name for an encoding label, GBK and GB2312 as gb18030."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _CHINESE_FAMILY or label.replace("_", "").replace("-", "") in {
        "gb2312",
        "gbk",
        "xgbk",
        "gb18030",
        "cp936",
    }:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _declared_or_utf8(body: bytes, content_type: str | None, encoding: str | None):
    # An ASCII page reads the same in any ASCII-compatible encoding; name the
    # declared one unless it is a UTF-16/32 label the bytes contradict.
    declared = [
        name
        for name in declared_encodings(body, content_type, encoding)
        if not name.startswith(("utf-16", "utf-32"))
    ]
    return declared[0] if declared else "utf-8"
