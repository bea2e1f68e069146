"""Hanweb (大汉) style: column entries in a `<script type="text/xml">` datastore.

A column is `/col/col<columnid>/index.html`. Its static HTML holds no list
entries outside the datastore script: the entries are `<record>`s wrapping
`<li>` markup in CDATA, and `jpage.js` shows them `perpage` (10) at a time.
The page carries the first group, `groupsize` (3) pages = 30 records, plus
`<totalrecord>`; further records come from the data proxy

    /module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=60&perpage=10
        (GET or POST; columnid and unitid in the query or the posted form)

which answers the same datastore XML with records startrecord..endrecord
(1-based, inclusive). Page 1 as a visitor first sees it is the first
`perpage` records. Disclosures are `/art/<y>/<m>/<d>/art_<columnid>_<id>.html`.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from testbed import assets
from testbed.chrome import esc, iso, pub_time, short_title
from testbed.model import Column, Doc
from testbed.render import Resource, html_resource
from testbed.styles.base import PortalStyle

PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
GROUP_SIZE = 3


class HanwebStyle(PortalStyle):
    """A Hanweb jpage site (UTF-8)."""

    name = "hanweb"
    per_page = 10

    def __init__(self, unit, context):
        super().__init__(unit, context)
        self._records: dict[int, list[str]] = {}

    def landing_path(self) -> str:
        return f"/col/col{self.unit.number}000/index.html"

    def column_path(self, column: Column, page: int = 1) -> str:
        return f"/col/col{column.number}/index.html"

    def doc_path(self, column: Column, doc: Doc) -> str:
        stamp = doc.stamp
        return f"/art/{stamp.year}/{stamp.month}/{stamp.day}/art_{column.number}_{doc.number}.html"

    def assets(self) -> dict[str, Resource]:
        files = super().assets()
        files["/css/hanweb.css"] = Resource(
            200, "text/css; charset=utf-8", assets.BASE_CSS.encode()
        )
        files["/module/web/jpage/jpage.js"] = Resource(
            200,
            "application/javascript; charset=utf-8",
            assets.HANWEB_JPAGE_JS.encode(),
        )
        return files

    def wrap(self, *, title, main, meta=(), current=None) -> Resource:
        meta_html = "".join(
            f'<meta name="{name}" content="{esc(value)}">' for name, value in meta
        )
        if "site_code" in self.unit.footer_marks:
            meta_html = (
                f'<meta name="SiteIDCode" content="{self.unit.site_code}">' + meta_html
            )
        text = (
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>{meta_html}"
            '<link rel="stylesheet" href="/css/hanweb.css">'
            '<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>'
            f"</head><body>{self.header_html()}{self.nav_html(current)}"
            f'<div class="main">{main}</div>{self.footer_html()}</body></html>'
        )
        return html_resource(text)

    def render_home(self) -> Resource:
        blocks = "".join(
            self.home_block(column)
            for column in self.portal_columns
            if column.home_block
        )
        main = f'{self.headline_html()}<div class="blocks">{blocks}</div>{self.links_blocks()}'
        return self.wrap(title=self.unit.name, main=main, current="首页")

    def _record(self, column: Column, doc: Doc) -> str:
        return (
            f'<li><a href="{esc(self.doc_path(column, doc))}" title="{esc(doc.title)}"'
            f' target="_blank">{esc(short_title(doc.title))}</a>'
            f"<span>{self.list_date(doc)}</span></li>"
        )

    def _unitid(self, column: Column) -> str:
        return str(column.number * 10 + 1)

    def _datastore(self, column: Column, records: list[str]) -> str:
        total = len(self._records[column.number])
        pages = -(-total // self.per_page)
        nextgroup = (
            f'<a href="{PROXY_PATH}?page=1&webid={self.unit.number}&path=/'
            f"&columnid={column.number}&unitid={self._unitid(column)}"
            f'&webname={quote(self.unit.name)}&permissiontype=0"></a>'
        )
        body = "".join(
            f"<record><![CDATA[\n{record}\n]]></record>\n" for record in records
        )
        return (
            f"<datastore>\n<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n"
            f"<totalrecord>{total}</totalrecord>\n<totalpage>{pages}</totalpage>\n"
            f"<recordset>\n{body}</recordset>\n</datastore>"
        )

    def render_column(self, column: Column) -> dict[str, Resource]:
        records = [self._record(column, doc) for doc in column.docs]
        self._records[column.number] = records
        first = records[: self.per_page * GROUP_SIZE]
        unitid = self._unitid(column)
        options = (
            f'{{unitid: "{unitid}", columnid: {column.number}, webid: {self.unit.number},'
            f" webname: {json.dumps(self.unit.name, ensure_ascii=False)},"
            f" perpage: {self.per_page},"
            f' groupsize: {GROUP_SIZE}, proxy: "{PROXY_PATH}"}}'
        )
        side = self.catalogue_html() if column.place in ("catalogue", "both") else ""
        main = (
            f'{self.crumbs(column)}<div class="side">{side}</div><div class="content">'
            f'<div class="lm-title"><h2>{esc(column.name)}</h2></div>'
            f'<div id="{unitid}" class="jpage">'
            f'<script type="text/xml">\n{self._datastore(column, first)}\n</script>'
            f'<script type="text/javascript">jpage.init({options});</script></div></div>'
        )
        meta = (("ColumnName", column.name),)
        page = self.wrap(title=column.name, main=main, meta=meta, current=column.name)
        return {self.column_path(column): page}

    def dynamic(self, path: str, params) -> Resource | None:
        if path != PROXY_PATH:
            return None
        try:
            column_number = int(params.get("columnid", "0"))
            start = max(1, int(params.get("startrecord", "1")))
            end = int(params.get("endrecord", str(start + self.per_page - 1)))
        except ValueError:
            return Resource(400, "text/plain; charset=utf-8", b"bad request\n")
        records = self._records.get(column_number, [])
        column = next((c for c in self.unit.columns if c.number == column_number), None)
        if column is None:
            body = "<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>"
        else:
            body = self._datastore(column, records[start - 1 : end])
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + body
        return Resource(200, "text/xml; charset=UTF-8", text.encode("utf-8"))

    def render_doc(self, column: Column, doc: Doc) -> Resource:
        meta = [("ColumnName", column.name), ("ArticleTitle", doc.title)]
        if doc.published:
            meta.append(("PubDate", pub_time(doc)))
        if doc.template == "document":
            rows = [
                ("索引号", doc.index_no, "主题分类", "综合政务"),
                (
                    "发布机构",
                    doc.publisher or self.unit.name,
                    "成文日期",
                    iso(doc.written or doc.published),
                ),
                ("发文字号", doc.doc_no or "", "有效性", "有效"),
            ]
            if doc.published:
                rows.append(("发布日期", iso(doc.published), "", ""))
            cells = "".join(
                f"<tr><th>{a}</th><td>{esc(b)}</td><th>{c}</th><td>{esc(d)}</td></tr>"
                for a, b, c, d in rows
            )
            info = f'<table class="xxgk-table">{cells}</table>'
            head = f'{info}<h1 class="art-title">{esc(doc.title)}</h1>'
        else:
            date_text = f"发布日期：{iso(doc.published)}　" if doc.published else ""
            head = (
                f'<h1 class="art-title">{esc(doc.title)}</h1>'
                f'<div class="art-info">{date_text}信息来源：'
                f"{esc(doc.publisher or self.unit.name)}　浏览次数：<span>{doc.number % 997}</span></div>"
            )
        main = (
            f'{self.crumbs(column)}<div class="article">{head}'
            f'<div id="zoom">{self.body_html(doc)}</div></div>'
        )
        return self.wrap(
            title=doc.title, main=main, meta=tuple(meta), current=column.name
        )
