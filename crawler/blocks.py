"""Lists without an element per entry: titles and dates side by side in a block.

Most lists give each entry its own row (`<li>`, `<tr>`), which
`crawler.lists` reads. Some put every title and date of the list side by side
in one block: `<dt>` title and `<dd>` date pairs in one `<dl>`, or links,
dates and `<br>`s in one `<div>`. Here each title's node takes the short
date-only stretch of text beside it, on the side (after or before the titles)
the whole block agrees on.
"""

from __future__ import annotations

import re

from crawler.dates import find_dates
from crawler.dom import clean, render_text
from crawler.facts import ListItem
from crawler.listdates import DateContext, today

# Levels climbed from a title link to the node that holds no other title.
MAX_CLIMB = 5
# Text between two title links that may be read as the date of one of them.
MAX_STRETCH_CHARS = 30
# Characters besides the date such a stretch may hold (发布时间：, 更多).
MAX_STRETCH_EXTRA_CHARS = 6
_STRETCH_NOISE = re.compile(
    r"[\s\[\]【】()（）<>《》「」:：|·\-—>»]|\d{1,2}:\d{2}(?::\d{2})?"
)


def side_by_side_entries(
    titled: dict, counts: dict, page_year: int | None, found: set
) -> list[tuple[object, ListItem]]:
    """Return (title node, item) of entries whose date is a sibling of the title.

    `titled` maps the page's title links to (title, url); `counts` maps each
    block near a title link to the title links inside it; links whose URL is
    in `found` already have their entry. A title's node is its highest
    ancestor holding no other title; a block counts only when every title
    node in it has a date-only stretch on the same side.
    """
    blocks: dict = {}
    for anchor, (title, url) in titled.items():
        if url in found:
            continue
        node = anchor
        for _ in range(MAX_CLIMB):
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if len(counts.get(parent, {})) > 1:
                blocks.setdefault(parent, []).append((node, title, url))
                break
            node = parent
    entries = []
    for container, members in blocks.items():
        entries.extend(_block_entries(container, members, page_year))
    return entries


def _block_entries(
    container, members: list, page_year
) -> list[tuple[object, ListItem]]:
    nodes = {node: (title, url) for node, title, url in members}
    children = list(container)
    positions = [index for index, child in enumerate(children) if child in nodes]
    if len(positions) < 2:
        return []
    # The stretches of text before the first title, between titles, after the last.
    bounds = [-1, *positions, len(children)]
    stretches = [
        _stretch_text(container, children, start, end)
        for start, end in zip(bounds, bounds[1:], strict=False)
    ]
    for side in (1, 0):  # dates after their titles first, then before them
        chosen = stretches[side : side + len(positions)]
        dates = []
        for index, text in zip(positions, chosen, strict=True):
            _, url = nodes[children[index]]
            dates.append(_stretch_date(text, DateContext.for_url(url, page_year)))
        if all(dates):
            break
    else:
        return []
    entries = []
    for index, value in zip(positions, dates, strict=True):
        node = children[index]
        title, url = nodes[node]
        entries.append((node, ListItem(title=title, url=url, date=value)))
    return entries


def _stretch_text(container, children: list, start: int, end: int) -> str:
    # Text after children[start] (or from the container's start) up to children[end].
    parts = [container.text or ""] if start < 0 else [children[start].tail or ""]
    for child in children[start + 1 : end]:
        parts.append(render_text(child))
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def _stretch_date(text: str, context: DateContext):
    # Only a stretch that is one date and little else (发布时间：, a time,
    # 更多): a sentence with a date in it is not a list's date column.
    if not text or len(text) > MAX_STRETCH_CHARS:
        return None
    found = find_dates(text, default_year=context.year or today().year)
    if len(found) != 1:
        return None
    rest = text[: found[0].start] + text[found[0].end :]
    if len(_STRETCH_NOISE.sub("", rest)) > MAX_STRETCH_EXTRA_CHARS:
        return None
    return context.complete(found[0])
