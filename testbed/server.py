"""Serve the simulated city on loopback: one address per portal, one port.

Unit n is served at http://127.0.1.<n>:<port>/, the credit platform at
127.0.2.1 and the national-services host at 127.0.2.2; 127.0.3.1 is never
served, so links to it are refused. Every body is rendered to bytes before
the first request; one aiohttp application answers all hosts, with one
TCPSite per address, and picks the host by the address the client reached.

    with CityServer(port=0) as server:       # a free port, in a background thread
        server.portals[0]["portal"]          # http://127.0.1.1:<port>/

`serve_forever` runs the same server in the foreground (`zwgk testbed serve`,
or `python -m testbed.server` for benchmarks).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable
from datetime import date, timedelta

from aiohttp import web

from testbed.city import build_city
from testbed.misbehaviour import CALENDAR_START, Misbehaviour, parse_misbehaviour
from testbed.model import CREDIT_HOST, SERVICES_HOST, City
from testbed.render import Resource, SiteContent, render_city

logger = logging.getLogger(__name__)

DEFAULT_PORT = 18480
PORT_ATTEMPTS = 20
START_TIMEOUT_SECONDS = 60.0
# A portal root that forwards the visitor by script, and where it forwards to.
STUB_TARGET = "/index.html"
SCRIPT_STUB = Resource(
    200,
    "text/html; charset=utf-8",
    b"<html><head><title></title>"
    b'<script>window.location.href = "' + STUB_TARGET.encode() + b'";</script>'
    b"</head><body></body></html>",
)
CALENDAR_LINK = '<div class="calendar"><a href="/calendar/{day}">&#27963;&#21160;&#26085;&#21382;</a></div>'


class CityServer:
    """The city's web on loopback, in a background thread or in the foreground."""

    def __init__(
        self,
        city: City | None = None,
        port: int = 0,
        misbehaviour: dict[str, str | dict] | None = None,
    ):
        self.city = city if city is not None else build_city()
        self._requested_port = port
        self._port = 0
        self._misbehaviour = {
            self._host_of(key): parse_misbehaviour(key, value)
            for key, value in (misbehaviour or {}).items()
        }
        self._sites: dict[str, SiteContent] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.on_ready: Callable[[CityServer], None] | None = None

    # Public face.

    @property
    def port(self) -> int:
        """The port every host listens on (known once started)."""
        return self._port

    @property
    def portals(self) -> list[dict]:
        """The units in unit order: {id, name, kind, tags, portal}."""
        return [
            {
                "id": unit.id,
                "name": unit.name,
                "kind": unit.kind,
                "tags": list(unit.tags),
                "portal": f"http://{unit.host}:{self._port}/",
            }
            for unit in self.city.units
        ]

    @property
    def credit_url(self) -> str:
        """The credit platform's homepage."""
        return f"http://{CREDIT_HOST}:{self._port}/"

    @property
    def services_url(self) -> str:
        """The national-services host's root."""
        return f"http://{SERVICES_HOST}:{self._port}/"

    def start(self) -> CityServer:
        """Serve in a background thread; return once every host listens."""
        if self._thread is not None:
            raise RuntimeError("the city server is already running")
        self._thread = threading.Thread(
            target=self._run_thread, name="testbed-server", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_SECONDS):
            raise RuntimeError("the city server did not start within a minute")
        if self._error is not None:
            self._thread.join()
            self._thread = None
            raise RuntimeError(
                f"the city server could not start: {self._error}"
            ) from self._error
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._thread is None:
            return
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join()
        self._thread = None

    def __enter__(self) -> CityServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def run_forever(self) -> None:
        """Serve in the calling (main) thread until SIGINT or SIGTERM."""
        asyncio.run(self._serve(stop_on_signals=True))
        logger.info("Stopped serving the city")

    # Inside the event loop.

    def _host_of(self, key: str) -> str:
        if key == "credit":
            return CREDIT_HOST
        if key == "services":
            return SERVICES_HOST
        for unit in self.city.units:
            if key in (unit.id, unit.host):
                return unit.host
        raise ValueError(
            f"misbehaviour names {key!r}, which is no unit id, host or 'credit'"
        )

    def _hosts(self) -> list[str]:
        return [unit.host for unit in self.city.units] + [CREDIT_HOST, SERVICES_HOST]

    def _run_thread(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported to start(), which raises it
            self._error = error
            self._ready.set()

    async def _serve(self, stop_on_signals: bool = False) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        if stop_on_signals:
            for number in (signal.SIGINT, signal.SIGTERM):
                self._loop.add_signal_handler(number, self._stopping.set)
        runner = await self._start_sites()
        try:
            if self.on_ready is not None:
                self.on_ready(self)
            self._ready.set()
            await self._stopping.wait()
        finally:
            await runner.cleanup()

    async def _start_sites(self) -> web.AppRunner:
        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        hosts = self._hosts()
        for attempt in range(PORT_ATTEMPTS if self._requested_port == 0 else 1):
            port = self._requested_port or _free_port(hosts)
            self._render(port)
            try:
                for host in hosts:
                    await web.TCPSite(runner, host, port).start()
            except OSError as error:
                for site in list(runner.sites):
                    await site.stop()
                if self._requested_port or attempt == PORT_ATTEMPTS - 1:
                    await runner.cleanup()
                    raise
                logger.debug("Retrying the city server on another port: %s", error)
                continue
            self._port = port
            break
        logger.info(
            "Serving the city on port %s: %s portals, %s hosts",
            self._port,
            len(self.city.units),
            len(hosts),
        )
        return runner

    def _render(self, port: int) -> None:
        self._port = port
        self._sites = render_city(self.city, port)
        for host, mode in self._misbehaviour.items():
            if mode.mode == "calendar":
                _add_calendar_link(self._sites[host])

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = (
            request.transport.get_extra_info("sockname")[0] if request.transport else ""
        )
        site = self._sites.get(host)
        if site is None:
            return web.Response(status=421, text="misdirected request\n")
        path = request.path
        mode = self._misbehaviour.get(host)
        if mode is not None and mode.applies_to(path):
            answer = await self._misbehave(request, site, mode, path)
            if answer is not None:
                return answer
        resource = await self._lookup(request, site, path)
        return _response(resource)

    async def _lookup(
        self, request: web.Request, site: SiteContent, path: str
    ) -> Resource:
        if site.broken_status:
            return _broken(site.broken_status)
        resource = site.resources.get(path)
        if resource is None and site.dynamic is not None:
            params = dict(request.query)
            if request.method == "POST":
                params.update(
                    {key: str(value) for key, value in (await request.post()).items()}
                )
            resource = site.dynamic(path, params)
        if resource is None and not path.endswith("/") and path + "/" in site.resources:
            return Resource(
                301, "text/html; charset=utf-8", b"", (("Location", path + "/"),)
            )
        return resource or site.not_found or Resource(404, "text/plain", b"not found\n")

    async def _misbehave(
        self, request: web.Request, site: SiteContent, mode: Misbehaviour, path: str
    ) -> web.StreamResponse | None:
        if mode.mode == "slow":
            await asyncio.sleep(mode.delay_seconds)
            return None
        if mode.mode == "error":
            return web.Response(status=mode.status, text=f"{mode.status} error\n")
        if mode.mode == "redirect_loop":
            target = {"/loop/a": "/loop/b"}.get(path, "/loop/a")
            return web.Response(status=302, headers={"Location": target})
        if mode.mode == "calendar":
            if not path.startswith("/calendar/"):
                return None
            return _response(_calendar_page(path.removeprefix("/calendar/")))
        if mode.mode == "script_stub":
            if path == "/":
                return _response(SCRIPT_STUB)
            return _response(site.resources["/"]) if path == STUB_TARGET else None
        resource = await self._lookup(request, site, path)
        if mode.mode == "drop":
            return await _drop_mid_body(request, resource)
        if resource.content_type.startswith("text/html"):
            return await _stream_oversized(request, resource, mode.size_bytes)
        return _response(resource)


def _free_port(hosts: list[str]) -> int:
    """A port no one listens on at any of `hosts`."""
    for _ in range(PORT_ATTEMPTS):
        with socket.socket() as probe:
            probe.bind((hosts[0], 0))
            port = probe.getsockname()[1]
        if all(_port_is_free(host, port) for host in hosts):
            return port
    raise OSError("found no port free on every host address of the city")


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _response(resource: Resource) -> web.Response:
    headers = {"Content-Type": resource.content_type, **dict(resource.headers)}
    return web.Response(status=resource.status, body=resource.body, headers=headers)


def _broken(status: int) -> Resource:
    text = f"<html><head><title>{status} Bad Gateway</title></head><body><center>"
    text += f"<h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
    return Resource(status, "text/html", text.encode())


async def _drop_mid_body(
    request: web.Request, resource: Resource
) -> web.StreamResponse:
    body = resource.body or b" " * 64
    response = web.StreamResponse(
        status=resource.status,
        headers={
            "Content-Type": resource.content_type,
            "Content-Length": str(len(body)),
        },
    )
    await response.prepare(request)
    await response.write(body[: len(body) // 2])
    if request.transport is not None:
        request.transport.close()
    raise asyncio.CancelledError  # the connection is gone; nothing more to send


async def _stream_oversized(
    request: web.Request, resource: Resource, size_bytes: int
) -> web.StreamResponse:
    body = resource.body
    padding = max(0, size_bytes + 1 - len(body))
    response = web.StreamResponse(
        status=resource.status,
        headers={
            "Content-Type": resource.content_type,
            "Content-Length": str(len(body) + padding),
        },
    )
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    cut = body.rfind(b"</body>")
    cut = len(body) if cut < 0 else cut
    await response.write(body[:cut])
    chunk = b"<!-- padding -->\n" * 4096
    remaining = padding
    while remaining > 0:
        piece = chunk[:remaining]
        await response.write(piece)
        remaining -= len(piece)
    await response.write(body[cut:])
    await response.write_eof()
    return response


def _add_calendar_link(site: SiteContent) -> None:
    link = CALENDAR_LINK.format(day=CALENDAR_START).encode("ascii")
    for path in ("/", "/index.html", "/index.htm"):
        resource = site.resources.get(path)
        if resource is not None and b"</body>" in resource.body:
            body = resource.body.replace(b"</body>", link + b"</body>", 1)
            site.resources[path] = Resource(
                resource.status, resource.content_type, body, resource.headers
            )


def _calendar_page(text: str) -> Resource:
    try:
        day = date.fromisoformat(text)
        following = (day + timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        return Resource(404, "text/plain; charset=utf-8", b"no such day\n")
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>活动日历 {day}</title></head>'
        f"<body><h1>{day.year}年{day.month}月{day.day}日</h1><p>本日无活动安排。</p>"
        f'<a href="/calendar/{following}">下一天</a></body></html>'
    )
    return Resource(200, "text/html; charset=utf-8", html.encode("utf-8"))


def serve_forever(
    port: int = DEFAULT_PORT,
    units: int | None = None,
    disclosures_per_unit: int | None = None,
    *,
    misbehaviour: dict[str, str | dict] | None = None,
) -> None:
    """Serve the city in the foreground, printing the portal URLs, until interrupted."""
    city = build_city(units, disclosures_per_unit)
    server = CityServer(city, port=port, misbehaviour=misbehaviour)
    server.on_ready = print_portals
    server.run_forever()


def print_portals(server: CityServer) -> None:
    """Print one line per portal: unit id, URL, name; then the credit platform."""
    for portal in server.portals:
        print(f"{portal['id']}\t{portal['portal']}\t{portal['name']}")
    print(f"credit\t{server.credit_url}\t信用中原")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    """`python -m testbed.server`: serve the city for benchmarks."""
    parser = argparse.ArgumentParser(
        description="Serve the simulated city on loopback."
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--disclosures", type=int, default=None)
    parser.add_argument(
        "--misbehaviour", default=None, help="JSON: {unit id: mode or options}"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    misbehaviour = json.loads(args.misbehaviour) if args.misbehaviour else None
    serve_forever(args.port, args.units, args.disclosures, misbehaviour=misbehaviour)


if __name__ == "__main__":
    main()
