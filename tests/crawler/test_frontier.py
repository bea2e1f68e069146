"""The per-portal frontier: best first, page budget, list limits."""

from crawler.frontier import (
    CHECK,
    COLUMN,
    ENTRY,
    FOLLOW,
    HOMEPAGE,
    LIST,
    SCREENSHOT,
    PortalFrontier,
    Visit,
)
from crawler.scope import Area, PortalScope, looks_like_page, url_key

BASE = "http://127.0.0.1:8000/"


def visit(path: str, intent: str, **kwargs) -> Visit:
    return Visit(1, BASE + path, intent, **kwargs)


def taken_paths(frontier: PortalFrontier) -> list[str]:
    paths = []
    while (item := frontier.take()) is not None:
        paths.append(item.url.removeprefix(BASE))
    return paths


def test_list_entries_found_late_go_before_links_found_early():
    frontier = PortalFrontier(max_pages=10, max_list_pages=5)
    frontier.offer(visit("deep/1.html", FOLLOW, depth=2))
    frontier.offer(visit("deep/2.html", FOLLOW, depth=1))
    frontier.offer(visit("col/doc.html", ENTRY, list_page=1))
    frontier.offer(visit("col/index.html", COLUMN, depth=1))
    assert taken_paths(frontier) == [
        "col/index.html",
        "col/doc.html",
        "deep/2.html",
        "deep/1.html",
    ]


def test_page_budget_stops_pages_but_not_checks_or_screenshots():
    frontier = PortalFrontier(max_pages=2, max_list_pages=5)
    frontier.offer(visit("", HOMEPAGE))
    for number in range(5):
        frontier.offer(visit(f"{number}.html", FOLLOW, depth=1))
    frontier.offer(visit("", SCREENSHOT))
    frontier.offer(visit("gone.html", CHECK, method="HEAD"))
    taken = taken_paths(frontier)
    assert taken == ["", "", "0.html", "gone.html"]
    assert frontier.pages_dispatched == 2
    assert not frontier.has_work()
    assert len(frontier.left_over()) == 4


def test_a_url_is_fetched_once_and_a_better_intent_replaces_a_queued_one():
    frontier = PortalFrontier(max_pages=10, max_list_pages=5)
    frontier.offer(visit("a.html", FOLLOW, depth=3))
    frontier.offer(visit("a.html", ENTRY, list_page=1))
    first = frontier.take()
    assert first.intent == ENTRY
    assert frontier.take() is None
    assert not frontier.offer(visit("a.html", COLUMN))


def test_a_list_is_followed_to_max_list_pages_including_its_first_page():
    frontier = PortalFrontier(max_pages=100, max_list_pages=3)
    chain = BASE + "col/index.html"
    offered = [
        frontier.offer(visit(f"col/index_{n}.html", LIST, chain=chain, list_page=n))
        for n in range(1, 6)
    ]
    assert offered == [True, True, False, False, False]


def test_a_redirect_target_is_not_fetched_again():
    frontier = PortalFrontier(max_pages=10, max_list_pages=5)
    frontier.offer(visit("index.html", FOLLOW, depth=1))
    frontier.mark_taken(BASE + "index.html")
    assert frontier.take() is None


def test_portal_scope_is_host_and_folder_of_the_base_url():
    scope = PortalScope.of("http://www.city.gov.cn/dept/edu/")
    assert scope.contains("http://city.gov.cn/dept/edu/col/index.html")
    assert not scope.contains("http://www.city.gov.cn/dept/other/")
    assert not scope.contains("http://credit.city.gov.cn/dept/edu/")
    scope.add("https://edu.city.gov.cn/")
    assert scope.contains("https://edu.city.gov.cn/news/1.html")


def test_an_off_portal_column_area_is_its_host_and_folder():
    area = Area.of("http://127.0.2.1/sgs/unit-3/index.html")
    assert area.contains("http://127.0.2.1/sgs/unit-3/record/7.html")
    assert not area.contains("http://127.0.2.1/sgs/unit-4/record/7.html")


def test_documents_and_images_are_checked_not_followed_and_fragments_dropped():
    assert not looks_like_page("http://a/b/report.PDF")
    assert not looks_like_page("http://a/logo.png")
    assert looks_like_page("http://a/list.jsp?page=2")
    assert url_key("http://a/b.html#top") == "http://a/b.html"
