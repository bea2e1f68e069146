"""HTTP helpers of the testbed tests: plain requests that never follow redirects."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Answer:
    """One HTTP answer: status, headers and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        """A header's value ("" when absent), by case-insensitive name."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return ""


def fetch(
    url: str, method: str = "GET", data: bytes | None = None, timeout: float = 10
) -> Answer:
    """Request `url` without following redirects; HTTP errors are answers too."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if data else {}
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def fetch_following(url: str) -> Answer:
    """Request `url` with urllib, following redirects."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Answer(
                response.status, dict(response.headers.items()), response.read()
            )
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers.items()), error.read())
