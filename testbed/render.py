"""Render the city to bytes: one `SiteContent` per host address.

Rendering happens once, when the port is known (cross-host links carry it),
so the server only looks bodies up. A site may also answer some paths
computed from the query (JSON lists, the Hanweb data proxy) through its
`dynamic` handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from testbed.model import CREDIT_HOST, DEAD_HOST, SERVICES_HOST, City, Column, Doc, Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resource:
    """One answer: status, content type and the body as bytes."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


# dynamic(path, params) -> Resource or None (None: not handled); params merge the
# query string and a posted form.
DynamicHandler = Callable[[str, Mapping[str, str]], "Resource | None"]


@dataclass
class SiteContent:
    """Everything one host serves."""

    host: str
    resources: dict[str, Resource] = field(default_factory=dict)
    dynamic: DynamicHandler | None = None
    # Answer every request with this status (a broken portal); 0 when healthy.
    broken_status: int = 0
    not_found: Resource | None = None


def html_resource(text: str, encoding: str = "utf-8", declare: bool = True) -> Resource:
    """An HTML page encoded as `encoding`, with the charset in the header or not."""
    content_type = (
        f"text/html; charset={encoding.upper() if encoding != 'utf-8' else 'utf-8'}"
    )
    if not declare:
        content_type = "text/html"
    body = text.encode(encoding, errors="xmlcharrefreplace")
    return Resource(200, content_type, body)


NOT_FOUND_HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 Not Found</title>'
    "</head><body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p>"
    "<hr><address>nginx</address></body></html>"
)


def not_found_resource() -> Resource:
    """The 404 page every host answers for unknown paths."""
    return Resource(404, "text/html; charset=utf-8", NOT_FOUND_HTML.encode("utf-8"))


class RenderContext:
    """What renderers share: the city, the port and every unit's style."""

    def __init__(self, city: City, port: int):
        from testbed.styles import make_style

        self.city = city
        self.port = port
        self.styles = {unit.id: make_style(unit, self) for unit in city.units}

    def origin(self, host: str) -> str:
        """http://host:port (no trailing slash)."""
        return f"http://{host}:{self.port}"

    @property
    def credit_origin(self) -> str:
        """Origin of the city credit platform."""
        return self.origin(CREDIT_HOST)

    @property
    def services_origin(self) -> str:
        """Origin of the national-services host (site mark, filings)."""
        return self.origin(SERVICES_HOST)

    def portal_url(self, unit: Unit) -> str:
        """The unit's portal URL, with a trailing slash."""
        return f"{self.origin(unit.host)}/"

    def credit_column_url(self, unit: Unit) -> str:
        """Where the credit platform lists the unit's 双公示 records."""
        return f"{self.credit_origin}/sgs/{unit.id}/"

    def credit_doc_path(self, unit: Unit, doc: Doc) -> str:
        """Path of a 双公示 record on the credit platform."""
        return f"/sgs/{unit.id}/{doc.record_kind}/{doc.number}.html"

    def column_url(self, unit: Unit, column: Column, absolute: bool = False) -> str:
        """URL of page 1 of a column (absolute when asked or when off-portal)."""
        if column.host == "credit":
            return self.credit_column_url(unit)
        path = self.styles[unit.id].column_path(column)
        return self.origin(unit.host) + path if absolute else path

    def doc_url(
        self, unit: Unit, column: Column, doc: Doc, absolute: bool = False
    ) -> str:
        """URL of a disclosure (absolute when asked or when off-portal)."""
        if column.host == "credit":
            return self.credit_origin + self.credit_doc_path(unit, doc)
        path = self.styles[unit.id].doc_path(column, doc)
        return self.origin(unit.host) + path if absolute else path

    def resolve(self, target: str, unit: Unit) -> str:
        """Turn a link target of the model into a URL seen from `unit`'s portal."""
        kind, _, rest = target.partition(":")
        if kind == "doc":
            owner = unit
            if "/" in rest:
                owner_id, rest = rest.split("/", 1)
                owner = self.city.unit(owner_id)
            column, doc = owner.find_doc(rest)
            return self.doc_url(owner, column, doc, absolute=owner is not unit)
        if kind == "column":
            return self.column_url(unit, unit.column(rest))
        if kind == "path":
            return rest
        if kind == "portal":
            return self.portal_url(self.city.unit(rest))
        if kind == "dead":
            return self.origin(DEAD_HOST) + rest
        if kind == "service":
            return self.services_origin + rest
        if kind == "credit":
            return self.credit_origin + rest
        raise ValueError(f"unknown link target {target!r} in unit {unit.id}")


def render_city(city: City, port: int) -> dict[str, SiteContent]:
    """Render every host of the city for `port`: {host address: content}."""
    from testbed.credit import render_credit, render_services

    context = RenderContext(city, port)
    sites: dict[str, SiteContent] = {}
    for unit in city.units:
        sites[unit.host] = context.styles[unit.id].render()
    sites[CREDIT_HOST] = render_credit(context)
    sites[SERVICES_HOST] = render_services(context)
    pages = sum(len(site.resources) for site in sites.values())
    logger.info("Rendered the city: %s hosts, %s resources", len(sites), pages)
    return sites
