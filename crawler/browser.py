"""One Chromium per crawler process, started only when a page needs it.

scrapy-playwright makes a download handler per URL scheme and starts
Playwright's driver for each when the crawl starts, so a process crawling
without rendering would still carry two idle drivers. Here http and https
share one handler, and the driver and Chromium start with the first page
rendered or captured.
"""

from __future__ import annotations

import weakref

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.provider import PlaywrightBrowserProvider

_HANDLERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class LazyBrowserProvider(PlaywrightBrowserProvider):
    """Start Playwright's driver with the first browser, not with the crawl."""

    async def start(self) -> None:
        """Defer starting the driver to `launch_browser`."""

    async def launch_browser(self):
        """Start the driver if needed, then launch Chromium."""
        if self.browser_type is None:
            await super().start()
        return await super().launch_browser()


class SharedBrowserHandler(ScrapyPlaywrightDownloadHandler):
    """The Playwright download handler, one instance for every scheme."""

    @classmethod
    def from_crawler(cls, crawler):
        """Return the crawler's handler, creating it on the first scheme."""
        handler = _HANDLERS.get(crawler)
        if handler is None:
            handler = _HANDLERS[crawler] = cls(crawler)
            handler._closed = False
        return handler

    async def close(self) -> None:
        """Close once, however many schemes the handler serves."""
        if self._closed:
            return
        self._closed = True
        await super().close()
