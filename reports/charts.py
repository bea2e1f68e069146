"""Charts of the assessment report, drawn as inline SVG.

The report must open offline as one file, so charts are SVG markup written
here rather than images or scripts. Every label is escaped: indicator and unit
names come from configuration and crawled pages.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from reports.labels import STATUS_COLOURS, status_label

BAR_COLOUR = "#2f5d8a"
AXIS_COLOUR = "#8c8c8c"
GRID_COLOUR = "#e3e3e3"
TEXT_COLOUR = "#333333"


def draw_histogram(bins: list[tuple[str, int]], *, caption: str) -> Markup:
    """Return a column chart of counts per bin, labelled below each column."""
    width, height = 640, 250
    left, right, top, bottom = 40, 10, 24, 44
    plot_width = width - left - right
    plot_height = height - top - bottom
    highest = max([count for _, count in bins] + [1])
    step = _axis_step(highest)
    ceiling = step * -(-highest // step)
    slot = plot_width / max(len(bins), 1)

    parts = [_svg_open(width, height, caption)]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_height - plot_height * tick / ceiling
        parts.append(_line(left, y, width - right, y, GRID_COLOUR))
        parts.append(_text(left - 6, y + 4, str(tick), anchor="end", size=11))
    for index, (label, count) in enumerate(bins):
        bar_height = plot_height * count / ceiling
        x = left + slot * index + slot * 0.15
        y = top + plot_height - bar_height
        parts.append(_rect(x, y, slot * 0.7, bar_height, BAR_COLOUR))
        if count:
            parts.append(_text(x + slot * 0.35, y - 4, str(count), size=11))
        parts.append(_text(x + slot * 0.35, top + plot_height + 16, label, size=10))
    parts.append(_line(left, top + plot_height, width - right, top + plot_height))
    parts.append(
        _text(left + plot_width / 2, height - 6, "得分区间（百分制）", size=11)
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def draw_status_bars(rows: list[dict], *, caption: str) -> Markup:
    """Return stacked horizontal bars of finding statuses, one bar per indicator.

    Each row has `label`, `counts` ({status: units}) and `rate` (the
    compliance rate as a fraction, or None when no unit was assessed).
    """
    statuses = ("pass", "partial", "fail", "unknown")
    label_width, bar_width, rate_width = 250, 330, 60
    row_height, top, legend_height = 24, 8, 30
    width = label_width + bar_width + rate_width
    height = top + row_height * len(rows) + legend_height

    parts = [_svg_open(width, height, caption)]
    for index, row in enumerate(rows):
        y = top + row_height * index
        total = sum(row["counts"].get(status, 0) for status in statuses)
        parts.append(
            _text(label_width - 8, y + 16, _shorten(row["label"], 18), anchor="end")
        )
        parts.append(_rect(label_width, y + 4, bar_width, 16, "#f4f4f4"))
        x = float(label_width)
        for status in statuses:
            count = row["counts"].get(status, 0)
            if not total or not count:
                continue
            segment = bar_width * count / total
            parts.append(_rect(x, y + 4, segment, 16, _bar_colour(status)))
            x += segment
        rate = "—" if row["rate"] is None else f"{row['rate'] * 100:.0f}%"
        parts.append(_text(label_width + bar_width + 8, y + 16, rate, anchor="start"))
    legend_y = top + row_height * len(rows) + 14
    for index, status in enumerate(statuses):
        x = label_width + index * 85
        parts.append(_rect(x, legend_y - 9, 12, 12, _bar_colour(status)))
        parts.append(
            _text(x + 16, legend_y + 1, status_label(status), anchor="start", size=11)
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar_colour(status: str) -> str:
    return {
        "pass": "#3c8d55",
        "partial": "#e0a526",
        "fail": "#c8423b",
        "unknown": "#8896aa",
    }.get(status, STATUS_COLOURS["not_applicable"][1])


def _axis_step(highest: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if highest / step <= 6:
            return step
    return 1000


def _shorten(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"


def _svg_open(width: int, height: int, caption: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(caption)}"><title>{escape(caption)}</title>'
    )


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" '
        f'height="{max(height, 0):.1f}" fill="{fill}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str = AXIS_COLOUR) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "middle", size: int = 12
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{TEXT_COLOUR}">{escape(text)}</text>'
    )
