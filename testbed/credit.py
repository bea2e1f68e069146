"""The two city hosts that are not units: 信用中原 and the national services.

信用中原 (127.0.2.1) is the city credit platform. A unit whose 双公示 column
lives there links its navigation entry 双公示 to `/sgs/<unit-id>/`, where the
unit's records are listed three to a page (`index.html`, `index_1.html`, ...,
with plain 上一页/下一页 links) and each record is a page of labelled fields at
`/sgs/<unit-id>/xk/<id>.html` (licensing) or `/sgs/<unit-id>/cf/<id>.html`
(penalties). The platform's own navigation leads elsewhere on the platform.

The services host (127.0.2.2) stands in for the national sites the footers
link to: the 党政机关 site mark (`/conac/<site code>.html` and its image
`/conac/dzjg.png`), the ICP filing site (`/beian/`) and the public-security
filing site (`/gongan/<site code>.html`).
"""

from __future__ import annotations

import re

from testbed import assets
from testbed.chrome import breadcrumb, esc, iso
from testbed.model import CREDIT_HOST, SERVICES_HOST, Column, Doc, Unit
from testbed.render import (
    RenderContext,
    Resource,
    SiteContent,
    html_resource,
    not_found_resource,
)

CREDIT_PER_PAGE = 3
CREDIT_NAV = (
    ("首页", "/"),
    ("信用动态", "/xydt/"),
    ("双公示", "/sgs/"),
    ("信用查询", "/xycx/"),
)


def _credit_page(title: str, main: str) -> Resource:
    nav = "".join(f'<li><a href="{url}">{text}</a></li>' for text, url in CREDIT_NAV)
    text = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{esc(title)} - 信用中原</title></head><body>"
        '<div class="header"><h1>信用中原</h1></div>'
        f'<div class="nav"><ul>{nav}</ul></div><div class="main">{main}</div>'
        '<div class="footer"><p>主办单位：中原市社会信用体系建设领导小组办公室'
        "　承办：中原市公共信用信息中心</p></div></body></html>"
    )
    return html_resource(text)


def credit_columns(context: RenderContext) -> list[tuple[Unit, Column]]:
    """The units whose 双公示 column lives on the credit platform."""
    return [
        (unit, column)
        for unit in context.city.units
        for column in unit.columns
        if column.host == "credit" and not unit.broken_status
    ]


def _record_page(
    context: RenderContext, unit: Unit, column: Column, doc: Doc
) -> Resource:
    rows = "".join(
        f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>"
        for label, value in doc.fields
    )
    crumbs = breadcrumb(
        [("首页", "/"), ("双公示", "/sgs/"), (unit.name, f"/sgs/{unit.id}/")]
    )
    date_line = f"发布日期：{iso(doc.published)}　" if doc.published else ""
    main = (
        f"{crumbs}<h2>{esc(doc.title)}</h2>"
        f'<div class="info">{date_line}信息来源：{esc(unit.name)}</div>'
        f'<table class="gs-table"><tbody>{rows}</tbody></table>'
    )
    return _credit_page(doc.title, main)


def _list_pages(
    context: RenderContext, unit: Unit, column: Column
) -> dict[str, Resource]:
    docs = column.docs
    pages = [
        docs[i : i + CREDIT_PER_PAGE] for i in range(0, len(docs), CREDIT_PER_PAGE)
    ] or [[]]
    base = f"/sgs/{unit.id}/"

    def name(index: int) -> str:
        return "index.html" if index == 0 else f"index_{index}.html"

    out = {}
    for index, chunk in enumerate(pages):
        rows = "".join(
            f'<tr><td><a href="./{doc.record_kind}/{doc.number}.html" title="{esc(doc.title)}">'
            f"{esc(doc.title)}</a></td><td>{'行政许可' if doc.record_kind == 'xk' else '行政处罚'}"
            f"</td><td>{iso(doc.published)}</td></tr>"
            for doc in chunk
        )
        if not chunk:
            rows = '<tr><td colspan="3">暂无信息</td></tr>'
        pager = [f"<span>共{len(pages)}页</span>"]
        if index > 0:
            pager.append(f'<a href="{name(index - 1)}">上一页</a>')
        if index < len(pages) - 1:
            pager.append(f'<a href="{name(index + 1)}">下一页</a>')
        crumbs = breadcrumb([("首页", "/"), ("双公示", "/sgs/"), (unit.name, base)])
        main = (
            f"{crumbs}<h2>{esc(unit.name)}行政许可和行政处罚信息</h2>"
            '<table class="sgs-list"><tr><th>标题</th><th>类别</th><th>发布日期</th></tr>'
            f'{rows}</table><div class="pages">{" ".join(pager)}</div>'
        )
        page = _credit_page(f"{unit.name}双公示", main)
        out[base + name(index)] = page
        if index == 0:
            out[base] = page
    return out


def render_credit(context: RenderContext) -> SiteContent:
    """Every page of the credit platform."""
    site = SiteContent(CREDIT_HOST, not_found=not_found_resource())
    columns = credit_columns(context)
    latest = sorted(
        ((doc, unit) for unit, column in columns for doc in column.docs),
        key=lambda item: (item[0].published or item[0].stamp, item[0].number),
        reverse=True,
    )[:10]
    items = "".join(
        f'<li><a href="{context.credit_doc_path(unit, doc)}">{esc(doc.title)}</a>'
        f"<span>{iso(doc.published)}</span></li>"
        for doc, unit in latest
    )
    home = _credit_page("首页", f'<h2>双公示信息</h2><ul class="list">{items}</ul>')
    site.resources["/"] = home
    site.resources["/index.html"] = home
    units = "".join(
        f'<li><a href="/sgs/{unit.id}/">{esc(unit.name)}</a></li>'
        for unit, _ in columns
    )
    site.resources["/sgs/"] = _credit_page("双公示", f"<h2>双公示</h2><ul>{units}</ul>")
    site.resources["/xydt/"] = _credit_page(
        "信用动态", "<h2>信用动态</h2><p>本栏目发布全市社会信用体系建设工作动态。</p>"
    )
    site.resources["/xycx/"] = _credit_page(
        "信用查询",
        '<h2>信用查询</h2><form action="/xycx/"><input name="keyword"></form>',
    )
    for unit, column in columns:
        site.resources.update(_list_pages(context, unit, column))
        for doc in column.docs:
            site.resources[context.credit_doc_path(unit, doc)] = _record_page(
                context, unit, column, doc
            )
    site.resources["/robots.txt"] = Resource(
        200, "text/plain; charset=utf-8", b"User-agent: *\nDisallow:\n"
    )
    site.resources["/favicon.ico"] = Resource(200, "image/png", assets.LOGO_PNG)
    return site


def render_services(context: RenderContext) -> SiteContent:
    """The national-services host the footers link to."""
    site = SiteContent(SERVICES_HOST, not_found=not_found_resource())
    site.resources["/conac/dzjg.png"] = Resource(200, "image/png", assets.CONAC_PNG)
    site.resources["/favicon.ico"] = Resource(200, "image/png", assets.CONAC_PNG)
    site.resources["/beian/"] = html_resource(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>ICP/IP地址/域名信息备案管理系统'
        "</title></head><body><h1>ICP/IP地址/域名信息备案管理系统</h1></body></html>"
    )
    site.resources["/robots.txt"] = Resource(
        200, "text/plain; charset=utf-8", b"User-agent: *\nDisallow:\n"
    )
    by_code = {unit.site_code: unit for unit in context.city.units}
    pattern = re.compile(r"^/(conac|gongan)/(\d+)\.html$")

    def dynamic(path: str, params) -> Resource | None:
        match = pattern.match(path)
        if not match or match.group(2) not in by_code:
            return None
        unit = by_code[match.group(2)]
        heading = (
            "党政机关网站标识"
            if match.group(1) == "conac"
            else "全国互联网安全管理服务平台"
        )
        return html_resource(
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{heading}</title></head>'
            f"<body><h1>{heading}</h1><p>网站名称：{esc(unit.name)}</p>"
            f"<p>网站标识码：{unit.site_code}</p></body></html>"
        )

    site.dynamic = dynamic
    return site
