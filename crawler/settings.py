"""Scrapy settings derived from the `[crawl]` table.

Every politeness and limit setting of zwgk maps to one Scrapy setting here, so
the spider itself holds no numbers. Each crawler process gets its share of
`concurrent_requests`; per-portal limits apply through download slots named
after the portal (see `crawler.spider`).
"""

from __future__ import annotations

import math

from zwgk.config import CrawlSettings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_HANDLER = "crawler.browser.SharedBrowserHandler"


def requests_per_process(crawl: CrawlSettings, processes: int) -> int:
    """Return the share of `concurrent_requests` one crawler process may use."""
    return max(1, math.ceil(crawl.concurrent_requests / max(1, processes)))


def scrapy_settings(
    crawl: CrawlSettings,
    *,
    processes: int = 1,
    obey_robots_txt: bool = True,
    needs_browser: bool = False,
    verbose: bool = False,
) -> dict:
    """Return the Scrapy settings of one crawler process.

    `obey_robots_txt` turns the robots.txt middleware on; requests of units that
    override it carry `dont_obey_robotstxt`. `needs_browser` installs the
    Playwright download handler, used only by requests marked `playwright`.
    """
    settings = {
        "BOT_NAME": "zwgk",
        "USER_AGENT": crawl.user_agent,
        "TWISTED_REACTOR": ASYNCIO_REACTOR,
        "ROBOTSTXT_OBEY": obey_robots_txt,
        "CONCURRENT_REQUESTS": requests_per_process(crawl, processes),
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_portal,
        "DOWNLOAD_DELAY": crawl.download_delay_seconds,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": crawl.download_delay_seconds,
        "AUTOTHROTTLE_MAX_DELAY": max(10.0, crawl.request_timeout_seconds),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl.concurrent_requests_per_portal),
        "DOWNLOAD_TIMEOUT": crawl.request_timeout_seconds,
        "RETRY_ENABLED": crawl.retries > 0,
        "RETRY_TIMES": crawl.retries,
        # A request that fails for good is recorded as a page error.
        "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 10,
        # Every status is recorded: the spider sees 4xx and 5xx responses too.
        "HTTPERROR_ALLOW_ALL": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "DEBUG" if verbose else "WARNING",
        "STATS_DUMP": verbose,
        "LOGSTATS_INTERVAL": 0,
        "MEMUSAGE_ENABLED": False,
        # The spider keeps its own frontier per portal, so the scheduler's
        # duplicate filter and depth limit stay out of the way.
        "DEPTH_LIMIT": 0,
        "DEPTH_STATS_VERBOSE": False,
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        # Callbacks yield nothing (the spider schedules its own requests), so
        # Scrapy need not start a hundred output workers per response.
        "CONCURRENT_ITEMS": 1,
        "REACTOR_THREADPOOL_MAXSIZE": 10,
        "DNSCACHE_ENABLED": True,
    }
    if needs_browser:
        settings.update(browser_settings(crawl))
    return settings


def browser_settings(crawl: CrawlSettings) -> dict:
    """Return the scrapy-playwright settings: the system Chromium, one per process.

    No context is declared here: requests name theirs (`browser_context`), so
    Chromium starts only when a page is first rendered or captured.
    """
    return {
        "DOWNLOAD_HANDLERS": {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_BROWSER_PROVIDER": "crawler.browser.LazyBrowserProvider",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": crawl.chromium_path,
            "args": CHROMIUM_ARGS,
            "headless": True,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": crawl.request_timeout_seconds * 1000,
    }


BROWSER_CONTEXT = "zwgk"


def browser_context(crawl: CrawlSettings) -> dict:
    """Return the request meta that opens pages in the crawler's browser context."""
    return {
        "playwright_context": BROWSER_CONTEXT,
        "playwright_context_kwargs": {
            "viewport": {"width": 1280, "height": 900},
            "user_agent": crawl.user_agent,
            "ignore_https_errors": True,
        },
    }
