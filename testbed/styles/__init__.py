"""The portal styles real Chinese government portals use.

- `trs`: TRS WCM static pages in GBK, `createPageHTML` pagination.
- `hanweb`: Hanweb jpage lists in a `<script type="text/xml">` datastore.
- `spa`: list pages filled in the browser from a JSON endpoint.
- `plain`: hand-made UTF-8 pages with Chinese dates and iframes.
"""

from __future__ import annotations

from testbed.model import Unit
from testbed.styles.base import PortalStyle


def make_style(unit: Unit, context) -> PortalStyle:
    """Return the renderer of `unit`'s portal style."""
    from testbed.styles.hanweb import HanwebStyle
    from testbed.styles.plain import PlainStyle
    from testbed.styles.spa import SpaStyle
    from testbed.styles.trs import TrsStyle

    styles = {
        "trs": TrsStyle,
        "hanweb": HanwebStyle,
        "spa": SpaStyle,
        "plain": PlainStyle,
    }
    if unit.style not in styles:
        raise ValueError(f"unit {unit.id} has unknown style {unit.style!r}")
    return styles[unit.style](unit, context)
