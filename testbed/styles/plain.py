"""Plain hand-made style: UTF-8 pages, Chinese dates, iframes for some columns.

A column is `/<key>/index.htm`, further list pages `/<key>/index_<n>.htm`
(n from 2), linked by 首页/上一页/下一页/尾页. A column marked `iframe` has a
shell at `/<key>/index.htm` that embeds `<iframe src="/<key>/list.htm"
title="<name>">`; its list pages are `/<key>/list.htm`, `/<key>/list_<n>.htm`.
Lists show 2016年6月17日, or a year-less 06-17 for columns planted so (the
year is on the disclosure page: 发布时间：2016年6月17日). Disclosures are
`/<key>/<yyyy>/<mmdd>/<id>.htm`.
"""

from __future__ import annotations

from testbed import assets
from testbed.chrome import chinese_date, esc, short_title
from testbed.model import Column, Doc
from testbed.render import Resource, html_resource
from testbed.styles.base import PortalStyle


class PlainStyle(PortalStyle):
    """A hand-made portal without a CMS."""

    name = "plain"
    per_page = 15
    home_paths = ("/", "/index.htm")
    home_dates = "short"

    def landing_path(self) -> str:
        return "/zwgk/index.htm"

    def column_path(self, column: Column, page: int = 1) -> str:
        return (
            f"/{column.key}/index.htm"
            if page == 1
            else f"/{column.key}/index_{page}.htm"
        )

    def list_path(self, column: Column, page: int = 1) -> str:
        """Path of a list page: the iframe's page for an iframe column."""
        if not column.iframe:
            return self.column_path(column, page)
        return (
            f"/{column.key}/list.htm" if page == 1 else f"/{column.key}/list_{page}.htm"
        )

    def doc_path(self, column: Column, doc: Doc) -> str:
        stamp = doc.stamp
        return f"/{column.key}/{stamp:%Y}/{stamp:%m%d}/{doc.number}.htm"

    def list_date(self, doc: Doc) -> str:
        if doc.published is None or doc.list_date == "none":
            return ""
        if doc.list_date == "yearless":
            return f"{doc.published.month:02d}-{doc.published.day:02d}"
        return chinese_date(doc.published)

    def assets(self) -> dict[str, Resource]:
        files = super().assets()
        files["/style.css"] = Resource(
            200, "text/css; charset=utf-8", assets.BASE_CSS.encode()
        )
        return files

    def wrap(self, *, title, main, meta=(), current=None) -> Resource:
        text = (
            '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=utf-8">'
            f'<title>{esc(title)}</title><link rel="stylesheet" href="/style.css"></head>'
            f"<body>{self.header_html()}{self.nav_html(current)}"
            f'<div class="main">{main}</div>{self.footer_html()}</body></html>'
        )
        return html_resource(text)

    def render_home(self) -> Resource:
        blocks = []
        for column in self.portal_columns:
            if not column.home_block:
                continue
            if column.iframe:
                blocks.append(
                    f'<div class="block"><div class="block-title"><h3>{esc(column.name)}</h3>'
                    f'<a class="more" href="{self.col_url(column)}">更多&gt;&gt;</a></div>'
                    f'<iframe src="{self.list_path(column)}" title="{esc(column.name)}"'
                    ' width="480" height="260" frameborder="0" scrolling="no"></iframe></div>'
                )
            else:
                blocks.append(self.home_block(column))
        main = f'{self.headline_html()}<div class="blocks">{"".join(blocks)}</div>{self.links_blocks()}'
        return self.wrap(title=self.unit.name, main=main, current="首页")

    def _pager(self, column: Column, page: int, count: int) -> str:
        if count <= 1:
            return ""

        def name(number: int) -> str:
            return self.list_path(column, number).rsplit("/", 1)[1]

        parts = [f"<span>共{count}页</span>"]
        if page > 1:
            parts += [
                f'<a href="{name(1)}">首页</a>',
                f'<a href="{name(page - 1)}">上一页</a>',
            ]
        if page < count:
            parts += [
                f'<a href="{name(page + 1)}">下一页</a>',
                f'<a href="{name(count)}">尾页</a>',
            ]
        return f'<div class="pages">{" ".join(parts)}</div>'

    def _list_html(self, column: Column, docs: list[Doc], page: int, count: int) -> str:
        if docs:
            rows = "".join(
                f'<tr><td><a href="{self.doc_path(column, doc)}" target="_blank"'
                f' title="{esc(doc.title)}">{esc(short_title(doc.title, 34))}</a></td>'
                f'<td class="date">{self.list_date(doc)}</td></tr>'
                for doc in docs
            )
            body = f'<table class="list" width="100%">{rows}</table>'
        else:
            body = '<p class="nodata">暂无信息</p>' if column.empty_notice else ""
        return body + self._pager(column, page, count)

    def render_column(self, column: Column) -> dict[str, Resource]:
        pages = self.chunks(column)
        side = self.catalogue_html() if column.place in ("catalogue", "both") else ""
        out = {}
        for index, docs in enumerate(pages, start=1):
            listing = self._list_html(column, docs, index, len(pages))
            if column.iframe:
                out[self.list_path(column, index)] = html_resource(
                    '<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_blank">'
                    f'<title>{esc(column.name)}</title><link rel="stylesheet" href="/style.css">'
                    f"</head><body>{listing}</body></html>"
                )
                if index > 1:
                    continue
                listing = (
                    f'<iframe src="{self.list_path(column)}" title="{esc(column.name)}"'
                    ' name="list" width="100%" height="620" frameborder="0"></iframe>'
                )
            main = (
                f'{self.crumbs(column)}<div class="side">{side}</div><div class="content">'
                f"<h2>{esc(column.name)}</h2>{listing}</div>"
            )
            out[self.column_path(column, index)] = self.wrap(
                title=f"{column.name}-{self.unit.name}", main=main, current=column.name
            )
        return out

    def render_doc(self, column: Column, doc: Doc) -> Resource:
        lines = []
        if doc.published:
            lines.append(f"发布时间：{chinese_date(doc.published)}")
        elif doc.written:
            lines.append(f"成文日期：{chinese_date(doc.written)}")
        lines.append(f"来源：{esc(doc.publisher or self.unit.name)}")
        info = f'<div class="info">{"　".join(lines)}</div>'
        if doc.doc_no:
            info += f'<div class="info">发文字号：{esc(doc.doc_no)}</div>'
        main = (
            f'{self.crumbs(column)}<div class="article"><h2>{esc(doc.title)}</h2>{info}'
            f'<div class="text">{self.body_html(doc)}</div></div>'
        )
        return self.wrap(title=doc.title, main=main, current=column.name)

    def record_table(self, doc: Doc) -> str:
        rows = "".join(
            f'<tr><td class="label">{esc(label)}：</td><td>{esc(value)}</td></tr>'
            for label, value in doc.fields
        )
        return f'<table class="gs-table" border="1" cellspacing="0">{rows}</table>'
