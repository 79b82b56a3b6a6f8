"""/docs explains the answer: every field of the contract with its meaning, a consistent example,
the options, the reliability of `confidence` (the README's table) and the error types."""
import html
import json
import re

import pytest

from service.api import docs, schemas

from support import REPO


@pytest.fixture
def page(client) -> str:
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    return response.get_data(as_text=True)


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_every_response_field_and_option_is_explained(page):
    tables = docs.RESPONSE_TABLES + [("options", "", schemas.QuoteRequestSchema)]
    for _, prefix, schema in tables:
        for name, field in schema().fields.items():
            description = field.metadata.get("description")
            assert description, f"{schema.__name__}.{name} has no description"
            assert f"<td><code>{prefix}{name}</code></td>" in page
            assert str(docs.code(description)) in page
    for word in ("explicit", "pronoun", "continuation", "context", "direct", "partial", "scare", "utf16"):
        assert f"<code>{word}</code>" in page


def test_backticks_become_code_not_literal_text(page):
    assert "`" not in visible_text(page)
    assert str(docs.code("the `Allow` header <b>")) == "the <code>Allow</code> header &lt;b&gt;"


def test_the_example_is_a_valid_answer_about_its_own_text(page, check_contract):
    shown = json.loads(html.unescape(re.search(r'<pre id="example">(.*?)</pre>', page, re.S).group(1)))
    assert shown == schemas.EXAMPLE_RESPONSE
    check_contract("/v1/quotes", "POST", 200, "application/json", json.dumps(shown))
    text = schemas.EXAMPLE_TEXT
    assert html.escape(text, quote=False) in page
    assert shown["meta"]["characters"] == len(text)
    for quote in shown["quotes"]:
        assert text[quote["start"]:quote["end"]] == f"\u201c{quote['text']}\u201d"
        assert text[quote["cue"]["start"]:quote["cue"]["end"]] == quote["cue"]["text"]
        assert text[quote["speaker"]["start"]:quote["speaker"]["end"]] == quote["speaker"]["text"]
    kinds = {(q["type"], q["attribution"]) for q in shown["quotes"]}
    assert {"direct", "partial"} <= {t for t, _ in kinds} and {"explicit", "pronoun"} <= {a for _, a in kinds}
    assert any(q["speaker"]["text"] != q["speaker"]["name"] for q in shown["quotes"])  # text vs name shown


def readme_reliability() -> list[tuple]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Reliability of `confidence`"):]
    rows = re.findall(r"^\| (\d\.\d-\d\.\d) \| (\d+) \| ([\d.]+) \| ([\d.]+) \|$", section, re.M)
    return [(band, int(n), float(mean), float(right)) for band, n, mean, right in rows]


def test_reliability_table_is_the_readmes(page):
    assert docs.RELIABILITY == readme_reliability(), "update service/api/docs.py RELIABILITY with the README"
    assert len(docs.RELIABILITY) == 10
    for band, count, mean, right in docs.RELIABILITY:
        assert f"<td>{band}</td><td class=\"num\">{count}</td>" in page
        assert f"{right:.2f}" in page


def test_wording_a_new_user_tripped_over(page, client):
    text = visible_text(page)
    assert "every direct quote" not in text and "every quote" in text
    assert "demo" in text and 'href="/demo"' in page
    assert "this page" not in json.dumps(client.get("/").get_json())
