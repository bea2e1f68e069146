"""Later pages of a JSON list endpoint."""

import json

from crawler.endpoints import endpoint_pages


def test_later_pages_reuse_the_page_parameter_up_to_the_limit():
    payload = json.dumps({"page": 1, "pages": 5, "items": []})
    url = "http://a/api/list?column=gzdt&page=1"
    assert endpoint_pages(payload, url, limit=3) == [
        "http://a/api/list?column=gzdt&page=2",
        "http://a/api/list?column=gzdt&page=3",
    ]


def test_an_endpoint_without_page_parameter_gets_one_and_total_over_size_counts():
    payload = json.dumps({"data": {"total": 45, "pageSize": 20, "list": []}})
    assert endpoint_pages(payload, "http://a/api?c=1", limit=10) == [
        "http://a/api?c=1&page=2",
        "http://a/api?c=1&page=3",
    ]


def test_a_later_page_or_a_single_page_answer_leads_nowhere():
    many = json.dumps({"pages": 4})
    assert endpoint_pages(many, "http://a/api?page=2", limit=10) == []
    assert endpoint_pages(json.dumps({"pages": 1}), "http://a/api", limit=10) == []
    assert endpoint_pages(b"not json", "http://a/api", limit=10) == []
