"""Benchmark the crawler on a scaled testbed city served on loopback.

    python bench/crawl.py            # 200 portals, about 30,000 pages
    python bench/crawl.py --quick    # 20 portals

In one run, over the same portals:
(a) a bare Scrapy spider that only follows in-portal links (one process, the
    same concurrency settings, no extraction, nothing stored);
(b) the zwgk crawl with screenshots off, using every core;
(c) the zwgk crawl of a sample of portals with screenshots on and off, for
    the cost of a screenshot.
It prints pages per second of each, the ratio zwgk/bare, and the peak memory
(RSS summed over every crawler process, Chromium included). It never fails:
figures are for reading, not for gating a build.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scrapy  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from store.db import open_store  # noqa: E402
from store.models import EvidenceFile, Page  # noqa: E402
from zwgk.config import CrawlSettings, Settings, UnitSettings  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# Memory


def process_tree(root: int) -> list[int]:
    """Return `root` and every process descending from it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def rss_bytes(pid: int) -> int:
    """Return the resident memory of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except OSError:
        return 0


class PeakMemory:
    """Sample the RSS of a process tree, leaving out some processes, for its peak."""

    def __init__(self, root: int, exclude: set[int]):
        self.root = root
        self.exclude = exclude
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            excluded = set()
            for pid in self.exclude:
                excluded.update(process_tree(pid))
            total = sum(
                rss_bytes(pid) for pid in process_tree(self.root) if pid not in excluded
            )
            self.peak = max(self.peak, total)
            self._stop.wait(0.25)


# The testbed server


@dataclass
class City:
    process: subprocess.Popen
    portals: list[dict]


def serve_city(port: int, units: int, disclosures: int) -> City:
    """Start the testbed server in its own process; return once it listens."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "testbed.server",
            "--port",
            str(port),
            "--units",
            str(units),
            "--disclosures",
            str(disclosures),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    portals = []
    for line in process.stdout:
        key, url, name = line.rstrip("\n").split("\t")
        if key == "credit":
            break
        portals.append({"id": key, "portal": url, "name": name})
    return City(process, portals)


# (a) the bare spider


class BareSpider(scrapy.Spider):
    """Follow in-portal links within the page and depth limits, and nothing else."""

    name = "bare"

    def __init__(self, portals, max_pages, max_depth, **kwargs):
        super().__init__(**kwargs)
        self.portals = portals
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.seen: dict[str, set[str]] = {}
        self.pages = 0

    async def start(self):
        for portal in self.portals:
            self.seen[portal] = {portal}
            yield scrapy.Request(portal, meta={"portal": portal})

    def parse(self, response):
        self.pages += 1
        portal = response.meta["portal"]
        if response.meta.get("depth", 0) >= self.max_depth:
            return
        if not hasattr(response, "css"):
            return
        host = urlsplit(portal).netloc
        seen = self.seen[portal]
        for href in response.css("a::attr(href), iframe::attr(src)").getall():
            url = response.urljoin(href).split("#", 1)[0]
            if url in seen or urlsplit(url).netloc != host:
                continue
            if len(seen) >= self.max_pages:
                return
            seen.add(url)
            yield scrapy.Request(url, meta={"portal": portal})


def bare_settings(crawl: CrawlSettings) -> dict:
    """The bare spider's Scrapy settings: zwgk's concurrency, politeness and limits."""
    return {
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "CONCURRENT_REQUESTS": crawl.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_portal,
        "DOWNLOAD_DELAY": crawl.download_delay_seconds,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "DOWNLOAD_TIMEOUT": crawl.request_timeout_seconds,
        "RETRY_TIMES": crawl.retries,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
    }


def run_bare(portals: list[str], crawl: CrawlSettings, results) -> None:
    """Crawl with the bare spider (a child process's entry point)."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(bare_settings(crawl))
    crawler = process.create_crawler(BareSpider)
    process.crawl(
        crawler,
        portals=portals,
        max_pages=crawl.max_pages_per_portal,
        max_depth=crawl.max_depth,
    )
    process.start()
    results.put(crawler.spider.pages)


def bench_bare(portals: list[str], crawl: CrawlSettings, server_pid: int) -> dict:
    """Time the bare spider in its own process and measure its memory."""
    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    child = spawn.Process(target=run_bare, args=(portals, crawl, results))
    clock = time.monotonic()
    with PeakMemory(os.getpid(), exclude={server_pid}) as memory:
        child.start()
        pages = results.get()
        child.join()
    elapsed = time.monotonic() - clock
    return {"pages": pages, "seconds": elapsed, "peak": memory.peak}


# (b) and (c) the zwgk crawl


def zwgk_settings(crawl: CrawlSettings, portals: list[dict], folder: Path) -> Settings:
    """Settings for a zwgk crawl of `portals` into a fresh database in `folder`."""
    settings = Settings()
    settings.database.url = f"sqlite:///{folder / 'bench.sqlite'}"
    settings.crawl = crawl.model_copy()
    settings.crawl.evidence_dir = str(folder / "evidence")
    settings.unit = [
        UnitSettings(id=portal["id"], name=portal["name"], portal=portal["portal"])
        for portal in portals
    ]
    return settings


def bench_zwgk(settings: Settings, server_pid: int) -> dict:
    """Time a zwgk crawl run and measure the memory of its processes."""
    from crawler.crawl import crawl_run

    sessions = open_store(settings.database_url())
    clock = time.monotonic()
    with PeakMemory(os.getpid(), exclude={server_pid}) as memory:
        summary = crawl_run(sessions, settings, show_progress=False)
    elapsed = time.monotonic() - clock
    with sessions() as session:
        pages = session.scalar(select(func.count()).select_from(Page))
        shots = session.scalar(select(func.count()).select_from(EvidenceFile))
    return {
        "pages": pages,
        "seconds": elapsed,
        "peak": memory.peak,
        "screenshots": shots,
        "status": summary.status,
    }


def bench_crawl_settings(processes: int) -> CrawlSettings:
    """The crawl settings both crawlers share: defaults, no delay, no probe wait."""
    crawl = CrawlSettings()
    crawl.allow_private_addresses = True
    crawl.download_delay_seconds = 0
    crawl.autothrottle = False
    crawl.probe_interval_seconds = 1
    crawl.screenshots = False
    crawl.processes = processes
    return crawl


def report(name: str, figures: dict) -> str:
    rate = figures["pages"] / figures["seconds"]
    return (
        f"{name:<34} {figures['pages']:>7} pages in {figures['seconds']:7.1f} s "
        f"= {rate:7.1f} pages/s, peak RSS {figures['peak'] / 2**20:7.0f} MiB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 portals, small sample")
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--disclosures", type=int, default=100)
    parser.add_argument(
        "--sample", type=int, default=None, help="portals screenshotted"
    )
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--port", type=int, default=18580)
    args = parser.parse_args(argv)
    units = args.units or (20 if args.quick else 200)
    sample = args.sample or (3 if args.quick else 10)

    city = serve_city(args.port, units, args.disclosures)
    print(
        f"Testbed: {len(city.portals)} portals, {args.disclosures} disclosures each, "
        f"server pid {city.process.pid}; {os.cpu_count()} cores"
    )
    try:
        crawl = bench_crawl_settings(args.processes)
        urls = [portal["portal"] for portal in city.portals]
        bare = bench_bare(urls, crawl, city.process.pid)
        print(report("(a) bare Scrapy, 1 process", bare))
        with tempfile.TemporaryDirectory() as folder:
            settings = zwgk_settings(crawl, city.portals, Path(folder))
            zwgk = bench_zwgk(settings, city.process.pid)
        processes = crawl.processes or os.cpu_count()
        print(report(f"(b) zwgk, {processes} processes, no shots", zwgk))
        ratio = (zwgk["pages"] / zwgk["seconds"]) / (bare["pages"] / bare["seconds"])
        print(f"    zwgk/bare pages per second: {ratio:.2f}")
        chosen = city.portals[:sample]
        with tempfile.TemporaryDirectory() as folder:
            plain = bench_zwgk(
                zwgk_settings(crawl, chosen, Path(folder)), city.process.pid
            )
        shot_crawl = crawl.model_copy(update={"screenshots": True})
        with tempfile.TemporaryDirectory() as folder:
            shots = bench_zwgk(
                zwgk_settings(shot_crawl, chosen, Path(folder)), city.process.pid
            )
        print(report(f"(c) zwgk, {sample} portals, no shots", plain))
        print(report(f"(c) zwgk, {sample} portals, shots", shots))
        extra = shots["seconds"] - plain["seconds"]
        per_shot = extra / max(1, shots["screenshots"])
        print(
            f"    screenshot cost: {shots['screenshots']} screenshots added "
            f"{extra:.1f} s, {per_shot:.2f} s per screenshotted page"
        )
    finally:
        city.process.terminate()
        city.process.wait()


if __name__ == "__main__":
    main()
