"""Ways a portal can misbehave, chosen per portal for reliability tests.

A mode is given as a name or as a dict with "mode" and its options:

    slow            answer after `delay_seconds` (default 2.0)
    error (or 5xx)  answer `status` (default 503) to every request
    drop            send the headers and half the body, then close the socket
    redirect_loop   answer 302 to /loop/a, which redirects to /loop/b and back
    oversized       pad HTML pages to `size_bytes` (default 3 MiB), Content-Length set
    calendar        add /calendar/2016-06-17, each day linking to the next, forever,
                    linked from the homepage as 活动日历
    script_stub     answer / with an empty page whose script forwards the visitor
                    to /index.html, which serves the homepage

Every mode takes `paths`: a list of path prefixes it applies to (default: all).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODES = (
    "slow",
    "error",
    "drop",
    "redirect_loop",
    "oversized",
    "calendar",
    "script_stub",
)
ALIASES = {"5xx": "error"}
DEFAULTS = {"delay_seconds": 2.0, "status": 503, "size_bytes": 3 * 1024 * 1024}
CALENDAR_START = "2016-06-17"


@dataclass(frozen=True)
class Misbehaviour:
    """One portal's chosen misbehaviour."""

    mode: str
    delay_seconds: float = DEFAULTS["delay_seconds"]
    status: int = DEFAULTS["status"]
    size_bytes: int = DEFAULTS["size_bytes"]
    paths: tuple[str, ...] = field(default_factory=tuple)

    def applies_to(self, path: str) -> bool:
        """Whether the mode acts on a request for `path`."""
        return not self.paths or any(path.startswith(prefix) for prefix in self.paths)


def parse_misbehaviour(key: str, value: str | dict) -> Misbehaviour:
    """Read one portal's misbehaviour from its name or option dict."""
    options = {"mode": value} if isinstance(value, str) else dict(value)
    mode = ALIASES.get(options.get("mode", ""), options.get("mode", ""))
    if mode not in MODES:
        raise ValueError(
            f"misbehaviour of {key!r}: unknown mode {options.get('mode')!r}; "
            f"expected one of {', '.join(MODES)}"
        )
    unknown = set(options) - {"mode", "paths", *DEFAULTS}
    if unknown:
        raise ValueError(f"misbehaviour of {key!r}: unknown options {sorted(unknown)}")
    return Misbehaviour(
        mode=mode,
        delay_seconds=float(options.get("delay_seconds", DEFAULTS["delay_seconds"])),
        status=int(options.get("status", DEFAULTS["status"])),
        size_bytes=int(options.get("size_bytes", DEFAULTS["size_bytes"])),
        paths=tuple(options.get("paths", ())),
    )
