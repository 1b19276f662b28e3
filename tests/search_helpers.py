"""Searching as a reader does in tests: the search page's response and the headlines it lists."""

import html
import re

import pytest
from django.urls import reverse


SEARCH = reverse("articles:search")
RESULT_HEADLINE = re.compile(r'<h2 class="card-title"><a href="[^"]*">(.*?)</a></h2>', re.S)


def search(client, q=None, **params):
    if q is not None:
        params["q"] = q
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def headlines(response):
    """Result headlines as readers read them, in page order."""
    return [html.unescape(re.sub(r"<[^>]+>", "", found)) for found in RESULT_HEADLINE.findall(response.text)]


def found(client, q, **params):
    return headlines(search(client, q, **params))
