"""TRS WCM style: static GBK pages, `createPageHTML` pagination, 信息公开 table.

Columns live in directories (`/xwzx/<key>/` for navigation columns,
`/zwgk/<key>/` for catalogue columns). List page 1 is `index.html` (also
served as the directory itself), page n+1 is `index_n.html`; the pager is
written by `createPageHTML(countPage, currentPage, "index", "html")` with a
0-based current page. Disclosures are `<column>/<yyyymm>/t<yyyymmdd>_<id>.html`,
where the URL stamp is the CMS creation date, not the publication date.
"""

from __future__ import annotations

from testbed import assets
from testbed.chrome import esc, iso, pub_time, short_title
from testbed.model import Column, Doc
from testbed.render import Resource, html_resource
from testbed.styles.base import PortalStyle


class TrsStyle(PortalStyle):
    """Static pages of a TRS WCM site, encoded in GBK."""

    name = "trs"
    encoding = "gbk"
    per_page = 20
    home_dates = "short"

    def landing_path(self) -> str:
        return "/zwgk/"

    def _dir(self, column: Column) -> str:
        section = "zwgk" if column.place in ("catalogue", "both") else "xwzx"
        return f"/{section}/{column.key}/"

    def column_path(self, column: Column, page: int = 1) -> str:
        base = self._dir(column)
        return base if page == 1 else f"{base}index_{page - 1}.html"

    def doc_path(self, column: Column, doc: Doc) -> str:
        stamp = doc.stamp
        return f"{self._dir(column)}{stamp:%Y%m}/t{stamp:%Y%m%d}_{doc.number}.html"

    def render(self):
        site = super().render()
        for path in [path for path in site.resources if path.endswith("/")]:
            site.resources.setdefault(path + "index.html", site.resources[path])
        return site

    def assets(self) -> dict[str, Resource]:
        files = super().assets()
        files["/css/trs.css"] = Resource(
            200, "text/css; charset=utf-8", assets.BASE_CSS.encode()
        )
        files["/js/trs_page.js"] = Resource(
            200, "application/javascript; charset=utf-8", assets.TRS_PAGE_JS.encode()
        )
        return files

    def wrap(self, *, title, main, meta=(), current=None) -> Resource:
        unit = self.unit
        declared = unit.charset_declared
        charset_meta = (
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
            if declared in ("both", "meta")
            else ""
        )
        metas = [("SiteName", unit.name), ("SiteDomain", unit.host)]
        if "site_code" in unit.footer_marks:
            metas.append(("SiteIDCode", unit.site_code))
        metas += list(meta)
        meta_html = "".join(
            f'<meta name="{name}" content="{esc(value)}">' for name, value in metas
        )
        text = (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><head>{charset_meta}'
            f"<title>{esc(title)}</title>{meta_html}"
            '<link rel="stylesheet" type="text/css" href="/css/trs.css">'
            '<script type="text/javascript" src="/js/trs_page.js"></script></head><body>'
            f"{self.header_html()}{self.nav_html(current)}"
            f'<div class="main">{main}</div>{self.footer_html()}</body></html>'
        )
        return html_resource(text, "gbk", declare=declared in ("both", "header"))

    def render_home(self) -> Resource:
        blocks = "".join(
            self.home_block(column)
            for column in self.portal_columns
            if column.home_block
        )
        main = f'{self.headline_html()}<div class="blocks">{blocks}</div>{self.links_blocks()}'
        return self.wrap(title=self.unit.name, main=main, current="首页")

    def render_column(self, column: Column) -> dict[str, Resource]:
        pages = self.chunks(column)
        side = self.catalogue_html() if column.place in ("catalogue", "both") else ""
        out = {}
        for index, docs in enumerate(pages):
            if docs:
                base = len(self._dir(column))
                items = "".join(
                    f'<li><a href="./{self.doc_path(column, doc)[base:]}"'
                    f' target="_blank" title="{esc(doc.title)}">{esc(short_title(doc.title))}</a>'
                    f"<span>{self.list_date(doc)}</span></li>"
                    for doc in docs
                )
            else:
                items = (
                    '<li class="nodata">暂无信息</li>' if column.empty_notice else ""
                )
            main = (
                f'{self.crumbs(column)}<div class="side">{side}</div><div class="content">'
                f'<div class="lm-title"><h2>{esc(column.name)}</h2></div>'
                f'<ul class="list">{items}</ul><div class="page">'
                f'<script type="text/javascript">createPageHTML({len(pages)}, {index}, '
                '"index", "html");</script></div></div>'
            )
            meta = (("ColumnName", column.name), ("ColumnType", column.name))
            page = self.wrap(
                title=f"{column.name}_{self.unit.name}",
                main=main,
                meta=meta,
                current=column.name,
            )
            out[self.column_path(column, index + 1)] = page
        return out

    def render_doc(self, column: Column, doc: Doc) -> Resource:
        meta = [("ColumnName", column.name), ("ArticleTitle", doc.title)]
        if doc.published:
            meta.append(("PubDate", pub_time(doc)))
        meta.append(("ContentSource", doc.publisher or self.unit.name))
        if doc.template == "document":
            info = self._info_table(doc)
        else:
            info = (
                f'<div class="info">发布时间：{pub_time(doc) if doc.published else ""}'
                f"　来源：{esc(doc.publisher or self.unit.name)}</div>"
            )
        main = (
            f'{self.crumbs(column)}<div class="article">{info if doc.template == "document" else ""}'
            f'<h1 class="title">{esc(doc.title)}</h1>'
            f"{'' if doc.template == 'document' else info}"
            f'<div class="TRS_Editor">{self.body_html(doc)}</div>'
            '<div class="tools">【<a href="javascript:window.print()">打印本页</a>】'
            '【<a href="javascript:window.close()">关闭窗口</a>】</div></div>'
        )
        return self.wrap(
            title=f"{doc.title}_{self.unit.name}",
            main=main,
            meta=tuple(meta),
            current=column.name,
        )

    def _info_table(self, doc: Doc) -> str:
        rows = [
            ("索引号：", doc.index_no, "主题分类：", "综合政务"),
            (
                "发布机构：",
                doc.publisher or self.unit.name,
                "成文日期：",
                iso(doc.written or doc.published),
            ),
        ]
        cells = "".join(
            f'<tr><td class="t">{a}</td><td>{esc(b)}</td><td class="t">{c}</td><td>{esc(d)}</td></tr>'
            for a, b, c, d in rows
        )
        cells += (
            f'<tr><td class="t">标题：</td><td colspan="3">{esc(doc.title)}</td></tr>'
        )
        if doc.published:
            cells += (
                f'<tr><td class="t">发文字号：</td><td>{esc(doc.doc_no or "")}</td>'
                f'<td class="t">发布日期：</td><td>{iso(doc.published)}</td></tr>'
            )
        else:
            cells += f'<tr><td class="t">发文字号：</td><td colspan="3">{esc(doc.doc_no or "")}</td></tr>'
        return f'<table class="xxgk-table">{cells}</table>'
