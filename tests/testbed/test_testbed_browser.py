"""The list scripts work in a real browser: what a visitor sees is what was planted."""

from __future__ import annotations

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def test_script_filled_lists_show_their_entries_in_chromium(city_server, portal):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        page.goto(portal("u01") + "xwzx/gzdt/")
        assert "下一页" in page.inner_text(".page")

        page.goto(
            portal("u03")
            + f"col/col{city_server.city.unit('u03').column('gzdt').number}/index.html"
        )
        page.wait_for_selector(".jpage ul.list li")
        assert page.locator(".jpage ul.list li").count() == 10
        page.click('.jpage .pager a[data-page="4"]')
        page.wait_for_function(
            "document.querySelector('.jpage ul.list li a').href.includes('art_')"
        )
        page.wait_for_timeout(200)
        assert page.locator(".jpage ul.list li").count() == 10

        page.goto(portal("u05") + "column/gzdt/")
        page.wait_for_selector(".list-box li")
        assert page.locator(".list-box li").count() == 15

        page.goto(portal("u06") + "column/yjgl/")
        page.wait_for_selector(".list-box li.nodata")
        assert page.inner_text(".list-box") == "暂无信息"

        page.goto(portal("u01") + "xwzx/tzgg/")
        link = page.locator('.content .list a[title*="加粗"]')
        shown = '<b>加粗</b><script>alert("x")</script>关于做好冬季取暖安全工作的通知'
        assert link.get_attribute("title") == shown
        page.goto(
            portal("u01") + "xwzx/tzgg/" + link.get_attribute("href").removeprefix("./")
        )
        assert page.inner_text("h1.title") == shown
        browser.close()
    assert errors == []
