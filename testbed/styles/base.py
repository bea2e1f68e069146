"""What every portal style shares: the page set, chrome and disclosure parts.

A style subclass fixes the URL scheme (`landing_path`, `column_path`,
`doc_path`), how a column's list is delivered (`render_column`) and the page
templates (`render_doc`, `wrap`). The base class walks the unit and collects
every resource of its host.
"""

from __future__ import annotations

from testbed import assets
from testbed.chrome import (
    breadcrumb,
    catalogue,
    esc,
    footer,
    header,
    iso,
    nav,
    short_title,
)
from testbed.model import Column, Doc, Unit
from testbed.render import (
    RenderContext,
    Resource,
    SiteContent,
    not_found_resource,
)

HOME_BLOCK_SIZE = 6
LANDING_SIZE = 8


class PortalStyle:
    """Base of the four portal styles."""

    name = "base"
    encoding = "utf-8"
    per_page = 15
    home_paths: tuple[str, ...] = ("/", "/index.html")
    # How homepage blocks show dates: "full" or "short" (06-17).
    home_dates = "full"

    def __init__(self, unit: Unit, context: RenderContext):
        self.unit = unit
        self.context = context

    # URL scheme, fixed by each style.

    def landing_path(self) -> str:
        """Path of the 政务公开 landing page with the catalogue."""
        raise NotImplementedError

    def column_path(self, column: Column, page: int = 1) -> str:
        """Path of list page `page` (1-based) of a column."""
        raise NotImplementedError

    def doc_path(self, column: Column, doc: Doc) -> str:
        """Path of a disclosure page."""
        raise NotImplementedError

    # Shared helpers.

    @property
    def portal_columns(self) -> list[Column]:
        """The columns that live on the portal itself."""
        return [column for column in self.unit.columns if column.host == "portal"]

    def col_url(self, column: Column) -> str:
        """URL of page 1 of `column` as linked from this portal."""
        return self.context.column_url(self.unit, column)

    def doc_url(self, column: Column, doc: Doc) -> str:
        """URL of a disclosure as linked from this portal."""
        return self.context.doc_url(self.unit, column, doc)

    def chunks(self, column: Column) -> list[list[Doc]]:
        """The column's disclosures cut into list pages (one empty page at least)."""
        docs = column.docs
        size = self.per_page
        return [docs[start : start + size] for start in range(0, len(docs), size)] or [
            []
        ]

    def list_date(self, doc: Doc) -> str:
        """The date as this style's list pages show it ("" for none)."""
        day = doc.published
        if day is None or doc.list_date == "none":
            return ""
        if doc.list_date == "yearless":
            return f"{day.month:02d}-{day.day:02d}"
        return iso(day)

    def home_date(self, doc: Doc) -> str:
        """The date as homepage blocks show it."""
        day = doc.published
        if day is None or doc.list_date == "none":
            return ""
        if self.home_dates == "short" or doc.list_date == "yearless":
            return f"{day.month:02d}-{day.day:02d}"
        return iso(day)

    def nav_items(self) -> list[tuple[str, str]]:
        """The navigation menu: homepage, landing, then the navigation columns."""
        items = [("首页", self.home_paths[0]), ("政务公开", self.landing_path())]
        for column in self.unit.columns:
            if column.place in ("nav", "both"):
                items.append((column.name, self.col_url(column)))
        return items

    def nav_html(self, current: str | None = None) -> str:
        """The navigation menu, with `current` highlighted."""
        return nav(self.nav_items(), current)

    def catalogue_html(self) -> str:
        """The 信息公开 catalogue tree of the unit."""
        if self.unit.catalogue_name:
            heading = (self.unit.catalogue_name, self.landing_path())
        else:
            heading = ("公开栏目", None)
        tree: list[tuple[str | None, list[tuple[str, str]]]] = []
        for column in self.unit.columns:
            if column.place not in ("catalogue", "both"):
                continue
            leaf = (column.name, self.col_url(column))
            if column.group and tree and tree[-1][0] == column.group:
                tree[-1][1].append(leaf)
            else:
                tree.append((column.group, [leaf]))
        return catalogue(heading, tree)

    def header_html(self) -> str:
        """The banner of every page."""
        extra = ""
        if "/search/" in self.unit.robots_disallow:
            extra = ' | <a href="/search/">站内搜索</a>'
        return header(self.unit, self.home_paths[0], extra)

    def footer_html(self) -> str:
        """The footer of every page."""
        return footer(self.unit, self.context.services_origin)

    def crumbs(self, column: Column | None) -> str:
        """The breadcrumb of a column page or of a disclosure of it."""
        items = [("首页", self.home_paths[0])]
        if column is None or column.place in ("catalogue", "both"):
            items.append(("政务公开", self.landing_path()))
        if column is not None:
            items.append((column.name, self.col_url(column)))
        return breadcrumb(items)

    def body_html(self, doc: Doc) -> str:
        """The text, attachments and links of a disclosure."""
        parts = [f"<p>{esc(paragraph)}</p>" for paragraph in doc.body]
        if doc.fields:
            parts.append(self.record_table(doc))
        if doc.attachments:
            links = "".join(
                f'<li><a href="{esc(self.context.resolve(item.target, self.unit))}">'
                f"{esc(item.name)}</a></li>"
                for item in doc.attachments
            )
            parts.append(f'<div class="attachments">附件：<ul>{links}</ul></div>')
        if doc.links:
            links = "".join(
                f'<li><a href="{esc(self.context.resolve(target, self.unit))}"'
                f' target="_blank">{esc(text)}</a></li>'
                for text, target in doc.links
            )
            parts.append(f'<div class="related">相关文件：<ul>{links}</ul></div>')
        return "".join(parts)

    def record_table(self, doc: Doc) -> str:
        """The labelled fields of a 双公示 record."""
        rows = "".join(
            f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>"
            for label, value in doc.fields
        )
        return f'<table class="gs-table"><tbody>{rows}</tbody></table>'

    def newest_home_doc(self) -> tuple[Column, Doc] | None:
        """The newest dated disclosure among the homepage blocks (the headline)."""
        dated = [
            (doc.published, column, doc)
            for column in self.portal_columns
            if column.home_block
            for doc in column.docs[:HOME_BLOCK_SIZE]
            if doc.published
        ]
        if not dated:
            return None
        newest = max(dated, key=lambda item: (item[0], -item[2].number))
        return newest[1], newest[2]

    def landing_docs(self) -> list[tuple[Column, Doc]]:
        """The newest dated disclosures of the catalogue columns."""
        docs = [
            (column, doc)
            for column in self.portal_columns
            if column.place in ("catalogue", "both")
            for doc in column.docs
            if doc.published and doc.list_date != "none"
        ]
        docs.sort(key=lambda item: (item[1].published, item[1].number), reverse=True)
        return docs[:LANDING_SIZE]

    # Page set.

    def render(self) -> SiteContent:
        """Every resource of this portal's host."""
        site = SiteContent(self.unit.host, not_found=not_found_resource())
        if self.unit.broken_status:
            site.broken_status = self.unit.broken_status
            return site
        home = self.render_home()
        for path in self.home_paths:
            site.resources[path] = home
        site.resources[self.landing_path()] = self.render_landing()
        for column in self.portal_columns:
            site.resources.update(self.render_column(column))
            for doc in column.docs:
                site.resources[self.doc_path(column, doc)] = self.render_doc(
                    column, doc
                )
        site.resources.update(self.render_attachments())
        site.resources.update(self.assets())
        site.resources["/robots.txt"] = self.robots()
        if "/search/" in self.unit.robots_disallow:
            site.resources["/search/"] = self.wrap(
                title="站内搜索", main='<form action="/search/"><input name="q"></form>'
            )
        site.dynamic = self.dynamic
        return site

    def dynamic(self, path: str, params) -> Resource | None:
        """Answers computed from the query; none by default."""
        return None

    def robots(self) -> Resource:
        """robots.txt of the portal."""
        lines = ["User-agent: *"]
        lines += [f"Disallow: {path}" for path in self.unit.robots_disallow] or [
            "Disallow:"
        ]
        return Resource(
            200, "text/plain; charset=utf-8", ("\n".join(lines) + "\n").encode()
        )

    def render_attachments(self) -> dict[str, Resource]:
        """The attachment files the disclosures link to."""
        files = {}
        for column in self.portal_columns:
            for doc in column.docs:
                for item in doc.attachments:
                    kind, _, path = item.target.partition(":")
                    if kind == "path":
                        content = item.content or f"{item.name}\n".encode()
                        files[path] = Resource(
                            200, assets.content_type_of(path), content
                        )
        return files

    def assets(self) -> dict[str, Resource]:
        """Logo, style sheet and scripts of the style."""
        return {
            "/images/logo.png": Resource(200, "image/png", assets.LOGO_PNG),
            "/favicon.ico": Resource(200, "image/png", assets.LOGO_PNG),
        }

    # Templates, fixed by each style.

    def wrap(
        self,
        *,
        title: str,
        main: str,
        meta: tuple[tuple[str, str], ...] = (),
        current: str | None = None,
    ) -> Resource:
        """A full page around `main`."""
        raise NotImplementedError

    def render_home(self) -> Resource:
        """The homepage."""
        raise NotImplementedError

    def render_landing(self) -> Resource:
        """The 政务公开 landing page with the catalogue and the newest disclosures."""
        items = "".join(
            f'<li><a href="{esc(self.doc_url(column, doc))}" title="{esc(doc.title)}">'
            f"{esc(short_title(doc.title))}</a><span>{self.list_date(doc)}</span></li>"
            for column, doc in self.landing_docs()
        )
        heading = self.unit.catalogue_name or "政务公开"
        main = (
            f'{self.crumbs(None)}<div class="side">{self.catalogue_html()}</div>'
            f'<div class="content"><h2>{esc(heading)}</h2><h3>最新公开</h3>'
            f'<ul class="list">{items}</ul></div>'
        )
        return self.wrap(title=heading, main=main, current="政务公开")

    def render_column(self, column: Column) -> dict[str, Resource]:
        """The list pages of a column."""
        raise NotImplementedError

    def render_doc(self, column: Column, doc: Doc) -> Resource:
        """A disclosure page."""
        raise NotImplementedError

    # Homepage parts shared by the static styles.

    def home_block(self, column: Column) -> str:
        """A homepage block: the newest entries of a column and a 更多 link."""
        items = "".join(
            f'<li><a href="{esc(self.doc_url(column, doc))}" title="{esc(doc.title)}"'
            f' target="_blank">{esc(short_title(doc.title, 26))}</a>'
            f"<span>{self.home_date(doc)}</span></li>"
            for doc in column.docs[:HOME_BLOCK_SIZE]
        )
        return (
            f'<div class="block"><div class="block-title"><h3>{esc(column.name)}</h3>'
            f'<a class="more" href="{esc(self.col_url(column))}">更多&gt;&gt;</a></div>'
            f'<ul class="list">{items}</ul></div>'
        )

    def headline_html(self) -> str:
        """The homepage headline: the newest entry of the homepage blocks."""
        newest = self.newest_home_doc()
        if newest is None:
            return ""
        column, doc = newest
        return (
            f'<div class="headline"><a href="{esc(self.doc_url(column, doc))}">'
            f"{esc(doc.title)}</a></div>"
        )

    def links_blocks(self) -> str:
        """The 专题专栏 and 友情链接 blocks of the homepage."""
        parts = []
        for title, links in (
            ("专题专栏", self.unit.home_links),
            ("友情链接", self.unit.friend_links),
        ):
            if not links:
                continue
            items = "".join(
                f'<li><a href="{esc(self.context.resolve(target, self.unit))}"'
                f' target="_blank">{esc(text)}</a></li>'
                for text, target in links
            )
            parts.append(
                f'<div class="block links"><h3>{title}</h3><ul>{items}</ul></div>'
            )
        return "".join(parts)
