"""Single-page style: list pages are shells filled from a JSON endpoint.

A column is `/column/<key>/`; its static HTML holds no entries, only

    <div class="list-box" data-api="/api/list?column=<key>" data-pager="1">

and `/static/app.js`, which fetches `/api/list?column=<key>&page=<n>` (and
`&size=<m>` for homepage blocks, default 15, at most 100). The answer is
JSON: {"column", "name", "page", "size", "total", "pages", "items": [{"title",
"url", "date"}]} with `date` as 2016-06-17 or null. The homepage's headline
is static; its blocks are filled the same way. Disclosures are static pages
at `/content/<id>.html`.
"""

from __future__ import annotations

import json

from testbed import assets
from testbed.chrome import esc, iso
from testbed.model import Column, Doc
from testbed.render import Resource, html_resource
from testbed.styles.base import HOME_BLOCK_SIZE, PortalStyle

API_PATH = "/api/list"
LANDING_KEY = "zwgk"
MAX_SIZE = 100


class SpaStyle(PortalStyle):
    """A portal whose lists are rendered in the browser from JSON."""

    name = "spa"
    per_page = 15

    def __init__(self, unit, context):
        super().__init__(unit, context)
        self._lists: dict[str, tuple[str, list[dict]]] = {}
        self._answers: dict[tuple[str, int, int], Resource] = {}

    def landing_path(self) -> str:
        return f"/column/{LANDING_KEY}/"

    def column_path(self, column: Column, page: int = 1) -> str:
        return f"/column/{column.key}/"

    def doc_path(self, column: Column, doc: Doc) -> str:
        return f"/content/{doc.number}.html"

    def assets(self) -> dict[str, Resource]:
        files = super().assets()
        files["/static/app.css"] = Resource(
            200, "text/css; charset=utf-8", assets.BASE_CSS.encode()
        )
        files["/static/app.js"] = Resource(
            200, "application/javascript; charset=utf-8", assets.SPA_APP_JS.encode()
        )
        return files

    def wrap(self, *, title, main, meta=(), current=None) -> Resource:
        meta_html = "".join(
            f'<meta name="{name}" content="{esc(value)}">' for name, value in meta
        )
        text = (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>{meta_html}"
            '<link rel="stylesheet" href="/static/app.css"></head><body>'
            f'<div id="root">{self.header_html()}{self.nav_html(current)}'
            f'<div class="main">{main}</div>{self.footer_html()}</div>'
            '<script src="/static/app.js"></script></body></html>'
        )
        return html_resource(text)

    def _list_box(self, key: str, size: int | None = None, pager: bool = False) -> str:
        api = f"{API_PATH}?column={key}"
        extra = f' data-size="{size}"' if size else ""
        extra += ' data-pager="1"' if pager else ""
        return f'<div class="list-box" data-api="{api}"{extra}></div>'

    def _item(self, column: Column, doc: Doc) -> dict:
        shown = doc.published if doc.list_date != "none" else None
        return {
            "title": doc.title,
            "url": self.doc_path(column, doc),
            "date": iso(shown) or None,
        }

    def render_home(self) -> Resource:
        blocks = "".join(
            f'<div class="block"><div class="block-title"><h3>{esc(column.name)}</h3>'
            f'<a class="more" href="{esc(self.col_url(column))}">更多&gt;&gt;</a></div>'
            f"{self._list_box(column.key, HOME_BLOCK_SIZE)}</div>"
            for column in self.portal_columns
            if column.home_block
        )
        main = f'{self.headline_html()}<div class="blocks">{blocks}</div>{self.links_blocks()}'
        return self.wrap(title=self.unit.name, main=main, current="首页")

    def render_landing(self) -> Resource:
        self._lists[LANDING_KEY] = (
            "政务公开",
            [self._item(column, doc) for column, doc in self.landing_docs()],
        )
        heading = self.unit.catalogue_name or "政务公开"
        main = (
            f'{self.crumbs(None)}<div class="side">{self.catalogue_html()}</div>'
            f'<div class="content"><h2>{esc(heading)}</h2><h3>最新公开</h3>'
            f"{self._list_box(LANDING_KEY)}</div>"
        )
        return self.wrap(title=heading, main=main, current="政务公开")

    def render_column(self, column: Column) -> dict[str, Resource]:
        self._lists[column.key] = (
            column.name,
            [self._item(column, doc) for doc in column.docs],
        )
        side = self.catalogue_html() if column.place in ("catalogue", "both") else ""
        main = (
            f'{self.crumbs(column)}<div class="side">{side}</div><div class="content">'
            f'<div class="lm-title"><h2>{esc(column.name)}</h2></div>'
            f"{self._list_box(column.key, pager=True)}</div>"
        )
        page = self.wrap(
            title=f"{column.name} - {self.unit.name}", main=main, current=column.name
        )
        return {self.column_path(column): page}

    def dynamic(self, path: str, params) -> Resource | None:
        if path != API_PATH:
            return None
        key = params.get("column", "")
        try:
            page = max(1, int(params.get("page", "1")))
            size = min(MAX_SIZE, max(1, int(params.get("size", str(self.per_page)))))
        except ValueError:
            return _json(400, {"error": "page and size must be numbers"})
        if key not in self._lists:
            return _json(404, {"error": f"no column {key}"})
        cached = self._answers.get((key, page, size))
        if cached is None:
            name, items = self._lists[key]
            pages = -(-len(items) // size)
            chunk = items[(page - 1) * size : page * size]
            answer = {
                "column": key,
                "name": name,
                "page": page,
                "size": size,
                "total": len(items),
                "pages": pages,
                "items": chunk,
            }
            cached = _json(200, answer)
            self._answers[(key, page, size)] = cached
        return cached

    def render_doc(self, column: Column, doc: Doc) -> Resource:
        publisher = esc(doc.publisher or self.unit.name)
        if doc.template == "document":
            pairs = [
                ("索引号", doc.index_no),
                ("发布机构", doc.publisher or self.unit.name),
                ("成文日期", iso(doc.written or doc.published)),
                ("发文字号", doc.doc_no or ""),
            ]
            if doc.published:
                pairs.append(("发布日期", iso(doc.published)))
            items = "".join(
                f"<dt>{label}：</dt><dd>{esc(value)}</dd>" for label, value in pairs
            )
            head = f'<dl class="doc-meta">{items}</dl><h1>{esc(doc.title)}</h1>'
        else:
            date_text = f"发布日期：{iso(doc.published)}　" if doc.published else ""
            head = f'<h1>{esc(doc.title)}</h1><div class="doc-info">{date_text}来源：{publisher}</div>'
        main = (
            f'{self.crumbs(column)}<div class="article">{head}'
            f'<div class="doc-body">{self.body_html(doc)}</div></div>'
        )
        return self.wrap(title=doc.title, main=main, current=column.name)


def _json(status: int, value: dict) -> Resource:
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Resource(status, "application/json; charset=utf-8", body)
