"""What a disclosure's body says: attachments, labelled fields, contacts, sources.

- Attachments: links to files (.pdf, .doc, .xls, .wps, .ofd, archives, ...).
- Labelled fields: the {label: value} pairs of 双公示 records and similar
  pages, from label/value tables, header-and-one-row tables and "标签：值"
  lines (决定文书号, 行政相对人, 处罚决定日期, ...).
- Contacts: a person named after 联系人 (解读联系人, 联系人员) with the telephone
  number written beside the name.
- Source references of an interpretation: links to the interpreted document
  (相关链接, 原文链接, or link texts naming a document), 文号 such as
  郑政办文〔2016〕41号 and 《titles》 named in the text.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from crawler.dom import (
    NAVIGATION,
    TEMPLATE,
    Page,
    clean,
    inline_text,
)
from crawler.facts import Attachment, Contact
from crawler.labels import KNOWN_LABEL

ATTACHMENT_TYPES = {
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "dps",
    "ppt",
    "pptx",
    "zip",
    "rar",
    "7z",
    "txt",
    "ofd",
    "csv",
    "rtf",
    "tif",
    "tiff",
    "ceb",
    "gd",
}
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,5})$")
# Paths of pages, never of files, whatever their link says.
_PAGE_PATH = re.compile(r"\.(?:s?html?|xml)$", re.I)
# Link texts that name no file; the link's title then names it.
_GENERIC_LINK_TEXTS = {
    "点击下载",
    "下载",
    "附件",
    "查看",
    "点击查看",
    "附件下载",
    "下载附件",
}
_FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff（）()、/]{2,16}$")
# A label may have spaces between its characters (索 引 号：).
_LINE_LABEL = re.compile(
    r"(?:^|(?<=\s))((?:[\u4e00-\u9fff（）()、] ?){1,15}[\u4e00-\u9fff（）()、])\s*[:：]\s*"
)
_MAX_FIELD_CHARS = 500

_CONTACT_LABEL = re.compile(
    r"(?:解读)?联系人(?:员)?(?:及(?:联系)?(?:电话|方式))?\s*[:：]?\s*"
    r"(?P<name>[\u4e00-\u9fff·]{2,5}?)(?=$|[^\u4e00-\u9fff·]|联系|电话|手机|座机|同志)"
)
_TELEPHONE = re.compile(
    r"(?<!\d)(?:(?:\(|（)?0\d{2,3}(?:\)|）)?\s*[-－—]?\s*)?\d{7,8}(?:\s*[-转]\s*\d{1,5})?"
    r"(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)"
)
_CONTACT_WINDOW = 60
_NOT_NAMES = {"电话", "方式", "地址", "单位", "部门", "科室", "邮箱"}

_SOURCE_LABELS = re.compile(
    r"相关链接|原文链接|政策原文|文件原文|原文件|相关文件|解读文件|政策文件|原文"
)
_DOC_NO = re.compile(
    r"([\u4e00-\u9fff]{1,8})[ \t]*[〔\[［【(（][ \t]*((?:19|20)\d{2})[ \t]*[〕\]］】)）]"
    r"[ \t]*(?:第[ \t]*)?(\d{1,4})[ \t]*号"
)
_DOC_NO_LEAD = re.compile(
    r"^.*?(?:根据|依据|按照|关于|印发|转发|详见|参见|文号|字号|现就|现将|特就|对于|"
    r"贯彻|落实|执行|见|的|和|与|及|即)"
)
_DOC_NO_SPACES = re.compile(r"[^\S\n]*([〔\[［【(（〕\]］】)）号]|\d+)[^\S\n]*")
# Shorter names in 《》 are abbreviations (《条例》, 《指南》) that name no document.
_MIN_SOURCE_TITLE = 5
_BOOK_TITLE = re.compile(r"《([^《》]{2,120})》")
_DOCUMENT_WORDS = re.compile(
    r"(通知|意见|办法|决定|规定|方案|规划|条例|细则|公告|通告|批复|报告|纲要|计划|要点|"
    r"指引|措施|令|函|规则|标准|指南|制度|清单|目录)\s*$"
)


def find_attachments(page: Page) -> list[Attachment]:
    """Return the files the page links to, each once, outside navigation."""
    found: dict[str, Attachment] = {}
    for anchor in page.root.iter("a"):
        if page.flag(anchor) & (NAVIGATION | TEMPLATE):
            continue
        url = page.absolute(anchor.get("href"))
        if not url or url in found:
            continue
        text, title = page.text_of(anchor), clean(anchor.get("title"))
        # A download script (download.jsp?id=123) is a file when its link
        # names one: "2016年部门预算表.xls".
        kind = attachment_type(url) or (
            None if _PAGE_PATH.search(urlsplit(url).path) else _named_type(text, title)
        )
        if not kind:
            continue
        name = title if title and (not text or text in _GENERIC_LINK_TEXTS) else text
        name = name or urlsplit(url).path.rsplit("/", 1)[-1]
        found[url] = Attachment(name=name, url=url, type=kind)
    return list(found.values())


def _named_type(*names: str) -> str | None:
    for name in names:
        match = _EXTENSION.search(name or "")
        if match and match.group(1).lower() in ATTACHMENT_TYPES:
            return match.group(1).lower()
    return None


def attachment_type(url: str) -> str | None:
    """Return the file type a link leads to (pdf, docx, ...), or None for pages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    match = _EXTENSION.search(parts.path)
    if match and match.group(1).lower() in ATTACHMENT_TYPES:
        return match.group(1).lower()
    for _, value in parse_qsl(parts.query):
        match = _EXTENSION.search(value)
        if match and match.group(1).lower() in ATTACHMENT_TYPES:
            return match.group(1).lower()
    return None


def find_fields(page: Page, content_text: str) -> dict[str, str]:
    """Return the page's labelled fields, first occurrence of each label."""
    fields: dict[str, str] = {}
    for table in page.root.iter("table"):
        if page.flag(table) & (NAVIGATION | TEMPLATE):
            continue
        for label, value in _table_pairs(table):
            fields.setdefault(label, value)
    for line in content_text.split("\n"):
        for label, value in _line_pairs(line):
            fields.setdefault(label, value)
    return fields


def find_contacts(content_text: str) -> list[Contact]:
    """Return the contact persons named in the text, with their telephones."""
    contacts = []
    lines = content_text.split("\n")
    for index, line in enumerate(lines):
        for match in _CONTACT_LABEL.finditer(line):
            name = match.group("name")
            if name in _NOT_NAMES:
                continue
            following = line[match.end() : match.end() + _CONTACT_WINDOW]
            if index + 1 < len(lines):
                following += "\n" + lines[index + 1][:_CONTACT_WINDOW]
            phone = _TELEPHONE.search(following)
            telephone = clean(phone.group(0)) if phone else ""
            contact = Contact(name=name, telephone=telephone)
            if contact not in contacts:
                contacts.append(contact)
    return contacts


def find_source_refs(
    page: Page,
    content,
    content_text: str,
    title: str | None,
    own_doc_no: str | None,
) -> dict[str, list[str]]:
    """Return what an interpretation names as its source document.

    `content` is the article body element (or None); its links whose text
    names a document count, and so do links beside a 相关链接/原文链接 label
    anywhere outside navigation.
    """
    urls = []
    for anchor in _source_links(page, content):
        url = page.absolute(anchor.get("href"))
        if url and url != page.url and url not in urls:
            urls.append(url)
    doc_nos = []
    for number in find_doc_numbers(f"{title or ''}\n{content_text}"):
        if number != own_doc_no and number not in doc_nos:
            doc_nos.append(number)
    titles = []
    seen = set()
    for text in (title or "", content_text):
        for found in _BOOK_TITLE.findall(text):
            name = clean(found)
            key = re.sub(r"\s+", "", name)
            if len(key) >= _MIN_SOURCE_TITLE and key not in seen:
                seen.add(key)
                titles.append(name)
    return {"urls": urls, "doc_nos": doc_nos, "titles": titles}


def find_doc_numbers(text: str) -> list[str]:
    """Return the 文号 written in a text (郑政办文〔2016〕41号), in order."""
    numbers = []
    # Word-exported bodies put stray spaces inside a 文号 (岚综管综〔 2016 〕5 号).
    plain = _DOC_NO_SPACES.sub(r"\1", text)
    for match in _DOC_NO.finditer(plain):
        prefix = _DOC_NO_LEAD.sub("", match.group(1)) or match.group(1)
        number = f"{prefix}〔{match.group(2)}〕{match.group(3)}号"
        if number not in numbers:
            numbers.append(number)
    return numbers


def _source_links(page: Page, content):
    seen = []
    if content is not None:
        for anchor in content.iter("a"):
            text = page.text_of(anchor) or clean(anchor.get("title"))
            if _names_document(text):
                seen.append(anchor)
    for element in page.elements:
        if page.flag(element) & (NAVIGATION | TEMPLATE):
            continue
        own = clean(element.text)
        if not own or len(own) > 20 or not _SOURCE_LABELS.search(own):
            continue
        block = element if element.find(".//a") is not None else element.getparent()
        if block is None:
            continue
        for anchor in block.iter("a"):
            if anchor not in seen and not page.flag(anchor) & TEMPLATE:
                seen.append(anchor)
    return seen


def _names_document(text: str) -> bool:
    if not text or len(text) < 4:
        return False
    if "《" in text or _DOC_NO.search(text):
        return True
    return bool(_DOCUMENT_WORDS.search(text))


def _table_pairs(table):
    rows = [row for row in table.iter("tr") if _owning_table(row) is table]
    cells_by_row = [[cell for cell in row if cell.tag in ("td", "th")] for row in rows]
    pairs = []
    for cells in cells_by_row:
        texts = [inline_text(cell) for cell in cells]
        if len(texts) % 2 == 0 and all(_is_label(text) for text in texts[::2]):
            pairs.extend(
                (_label(label), value)
                for label, value in zip(texts[::2], texts[1::2], strict=True)
            )
    if len(cells_by_row) == 2 and len(cells_by_row[0]) >= 3:
        header = [inline_text(cell) for cell in cells_by_row[0]]
        values = [inline_text(cell) for cell in cells_by_row[1]]
        if len(header) == len(values) and all(_is_label(text) for text in header):
            pairs.extend(
                (_label(label), value)
                for label, value in zip(header, values, strict=True)
            )
    return [
        (label, clean(value))
        for label, value in pairs
        if value and len(value) <= _MAX_FIELD_CHARS
    ]


def _owning_table(row):
    node = row.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _line_pairs(line: str):
    line = KNOWN_LABEL.sub(lambda match: " " + match.group(0), line)
    matches = list(_LINE_LABEL.finditer(line))
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value = clean(line[match.end() : end])
        if value and len(value) <= _MAX_FIELD_CHARS:
            pairs.append((_label(match.group(1)), value))
    return pairs


def _is_label(text: str) -> bool:
    return bool(_FIELD_LABEL.match(_label(text)))


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(":：")
