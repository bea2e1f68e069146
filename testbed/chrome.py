"""HTML pieces every portal shares: header, navigation, catalogue, footer.

The pieces take already resolved URLs, so each style decides its own URL
scheme. All text is escaped here; titles may hold markup characters and must
reach the browser as text.
"""

from __future__ import annotations

from datetime import date
from html import escape

from testbed.model import Doc, Unit


def esc(text: str) -> str:
    """Escape text for HTML content and attribute values."""
    return escape(text, quote=True)


def iso(day: date | None) -> str:
    """A date as 2016-06-17 (empty when None)."""
    return day.isoformat() if day else ""


def chinese_date(day: date | None) -> str:
    """A date as 2016年6月17日 (empty when None)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def pub_time(doc: Doc) -> str:
    """The publication time a CMS shows for `doc` (2016-06-17 09:30)."""
    hour = 8 + doc.number % 9
    minute = (doc.number * 7) % 60
    return f"{iso(doc.published)} {hour:02d}:{minute:02d}"


def short_title(title: str, limit: int = 30) -> str:
    """A list title cut the way CMS templates cut long titles."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def header(unit: Unit, home_url: str, extra_links: str = "") -> str:
    """The banner with the logo, the site name and the top links."""
    return (
        '<div class="top-bar"><div class="w">'
        '<a href="javascript:void(0)" onclick="return false">设为首页</a> | '
        '<a href="javascript:void(0)" onclick="return false">加入收藏</a>'
        f"{extra_links}</div></div>"
        f'<div class="header"><div class="w"><a href="{home_url}" class="logo">'
        f'<img src="/images/logo.png" alt="{esc(unit.name)}" width="64" height="64">'
        f'</a><h1 class="site-name">{esc(unit.name)}</h1></div></div>'
    )


def nav(items: list[tuple[str, str]], current: str | None = None) -> str:
    """The navigation menu: (text, url) items."""
    lis = []
    for text, url in items:
        cls = ' class="on"' if text == current else ""
        lis.append(f'<li{cls}><a href="{esc(url)}">{esc(text)}</a></li>')
    return f'<div class="nav"><ul class="w">{"".join(lis)}</ul></div>'


def catalogue(
    heading: tuple[str, str | None],
    tree: list[tuple[str | None, list[tuple[str, str]]]],
) -> str:
    """The 信息公开 catalogue tree.

    `heading` is (text, url or None); `tree` holds (group label or None,
    [(column name, url)]) in order. Group labels are not links; their
    columns are nested under them.
    """
    text, url = heading
    title = f'<a href="{esc(url)}">{esc(text)}</a>' if url else esc(text)
    parts = [f'<div class="catalogue"><h3>{title}</h3><ul class="tree">']
    for group, columns in tree:
        leaves = "".join(
            f'<li><a href="{esc(leaf_url)}">{esc(name)}</a></li>'
            for name, leaf_url in columns
        )
        if group is None:
            parts.append(leaves)
        else:
            parts.append(
                f'<li class="folder"><span>{esc(group)}</span><ul>{leaves}</ul></li>'
            )
    parts.append("</ul></div>")
    return "".join(parts)


def breadcrumb(items: list[tuple[str, str]]) -> str:
    """当前位置：首页 > 政务公开 > 通知公告, every step a link."""
    steps = " &gt; ".join(
        f'<a href="{esc(url)}">{esc(text)}</a>' for text, url in items
    )
    return f'<div class="position">当前位置：{steps}</div>'


def footer(unit: Unit, services_origin: str) -> str:
    """The footer with the identity marks the unit is planted with."""
    marks = set(unit.footer_marks)
    lines = []
    if "sponsor" in marks:
        lines.append(f"主办单位：{esc(unit.name)}　承办：{esc(unit.name)}办公室")
    ids = []
    if "site_code" in marks:
        ids.append(f"网站标识码：{unit.site_code}")
    if "icp" in marks:
        ids.append(
            f'<a href="{services_origin}/beian/" target="_blank">{esc(unit.icp)}</a>'
        )
    if "gongan" in marks:
        ids.append(
            f'<a href="{services_origin}/gongan/{unit.site_code}.html" target="_blank">'
            f"{esc(unit.gongan)}</a>"
        )
    if ids:
        lines.append("　".join(ids))
    if not lines:
        lines.append("Copyright © 2016 All Rights Reserved　建议使用1024×768分辨率浏览")
    else:
        lines.append("建议使用1024×768分辨率浏览")
    conac = ""
    if "conac" in marks:
        conac = (
            f'<div class="conac"><a href="{services_origin}/conac/{unit.site_code}.html"'
            f' target="_blank"><img src="{services_origin}/conac/dzjg.png" alt="党政机关"'
            ' width="46" height="57"></a></div>'
        )
    text = "".join(f"<p>{line}</p>" for line in lines)
    return f'<div class="footer"><div class="w">{conac}<div class="copy">{text}</div></div></div>'
