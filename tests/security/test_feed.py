"""The Atom feed never carries live HTML from an item (issue 12, item 2): a body that shows
markup as text (&lt;img …&gt;) stays text in any feed reader."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest
from django.test import Client

from tests.catalog.sites import (
    publish,
    site,  # noqa: F401  (the fixture)
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOADS = (
    "<p>示例代码：&lt;img src=x onerror=alert(document.domain)&gt;</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>",
)


@pytest.mark.parametrize("body", PAYLOADS)
@pytest.mark.parametrize("summary", [False, True])
def test_feed_summaries_are_text_in_a_feed_reader(site, body, summary):  # noqa: F811
    text = lxml.html.fromstring(body).text_content()
    publish(site, title="示例", body=body, summary=text if summary else "")
    feed = Client().get(f"/gk/sthjj/{site.documents.slug}/feed.atom")
    assert feed.status_code == 200
    entry = lxml.etree.fromstring(feed.content).find(f"{ATOM}entry")
    html = entry.find(f"{ATOM}summary").text  # what a reader renders as HTML
    rendered = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [e.tag for e in rendered.iter()] == ["div"], html  # no element at all
    assert rendered.text_content().strip().startswith(text.strip()[:20])
