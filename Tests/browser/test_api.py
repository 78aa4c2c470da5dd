"""The partners' API against its own OpenAPI document, on the running demo site: the document is
valid OpenAPI 3.1, every operation answers, every answer's status is documented for its operation,
and every body validates against the schema the document gives for that status."""
import json
import pathlib
import urllib.error
import urllib.parse
import urllib.request

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec

from pages import axe_violations, compressed_weight, nu_errors, third_party_requests
from pages import fetch as fetch_page

DOCUMENT_PATH = pathlib.Path(__file__).resolve().parents[2] / "Sources" / "C4CAPI" / "openapi.json"
DOCUMENT = json.loads(DOCUMENT_PATH.read_text())
CHECKED: list[tuple[str, int]] = []


def fetch(base_url: str, path: str, headers: dict | None = None):
    request = urllib.request.Request(base_url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def operation_for(path: str) -> tuple[str, dict]:
    """The document's template and operation that `path` (under /api/v1) answers to."""
    bare = urllib.parse.urlsplit(path).path.removeprefix("/api/v1")
    for template, item in DOCUMENT["paths"].items():
        parts, actual = template.strip("/").split("/"), bare.strip("/").split("/")
        if len(parts) == len(actual) and all(p.startswith("{") or p == a for p, a in zip(parts, actual)):
            return template, item["get"]
    raise AssertionError(f"{path} is not in the document")


def schema_validator(schema: dict) -> Draft202012Validator:
    # The schema's $refs point into the document: it is validated as a part of the whole document.
    wrapped = dict(schema)
    wrapped["components"] = DOCUMENT["components"]
    return Draft202012Validator(wrapped)


def check(base_url: str, path: str) -> tuple[int, object]:
    """Fetches `path` and checks its status and body against the document; returns both."""
    status, headers, body = fetch(base_url, path)
    template, operation = operation_for(path)
    documented = operation["responses"]
    assert str(status) in documented, f"{path} answered {status}, which {template} does not document"
    response = documented[str(status)]
    if "$ref" in response:
        response = DOCUMENT["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    content = response.get("content")
    if not content:
        assert body == b"", f"{path}: {status} has no documented body"
        return status, None
    media_type = headers.get("Content-Type", "").split(";")[0].strip()
    assert media_type in content, f"{path}: {media_type} is not a documented type for {status}"
    data = json.loads(body)
    errors = sorted(schema_validator(content[media_type]["schema"]).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"{path}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    CHECKED.append((template, status))
    return status, data


def walk(base_url: str, path: str, limit: int = 7, pages: int = 40) -> list[dict]:
    items, cursor = [], None
    for _ in range(pages):
        separator = "&" if "?" in path else "?"
        address = f"{path}{separator}limit={limit}" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        status, data = check(base_url, address)
        assert status == 200, address
        items += data["items"]
        cursor = data.get("next_cursor")
        if not cursor:
            break
    return items


def test_the_document_is_valid_openapi_3_1_and_is_what_the_site_serves(base_url):
    validate_spec(DOCUMENT)
    assert DOCUMENT["openapi"] == "3.1.0"
    status, headers, body = fetch(base_url, "/api/openapi.json")
    assert status == 200
    assert json.loads(body) == DOCUMENT


LISTS = ["/api/v1/resources", "/api/v1/resources?kind=report", "/api/v1/resources?topic=mobility&lang=fr",
         "/api/v1/resources?q=school&region=africa", "/api/v1/resources?year=2025&language=fr",
         "/api/v1/events", "/api/v1/events?when=past", "/api/v1/events?when=past&lang=ar",
         "/api/v1/vacancies", "/api/v1/vacancies?lang=es", "/api/v1/posts", "/api/v1/posts?lang=pt",
         "/api/v1/members", "/api/v1/members?kind=ngo", "/api/v1/members?lang=ar"]


@pytest.mark.parametrize("path", LISTS)
def test_every_page_of_every_list_and_every_item_it_names_validate(base_url, path):
    items = walk(base_url, path)
    section = urllib.parse.urlsplit(path).path.rsplit("/", 1)[1]
    query = urllib.parse.urlsplit(path).query
    lang = dict(urllib.parse.parse_qsl(query)).get("lang")
    for item in items[:12]:
        address = f"/api/v1/{section}/{urllib.parse.quote(item['slug'])}" + (f"?lang={lang}" if lang else "")
        status, data = check(base_url, address)
        assert status == 200, address
        assert data["slug"] == item["slug"]


@pytest.mark.parametrize("path", [
    "/api/v1/resources?limit=0", "/api/v1/resources?limit=1000", "/api/v1/events?limit=x", "/api/v1/events?when=soon",
    "/api/v1/posts?cursor=garbage", "/api/v1/members?lang=klingon", "/api/v1/resources/no-such-resource",
    "/api/v1/events/no-such-event", "/api/v1/vacancies/no-such-vacancy", "/api/v1/posts/no-such-post",
    "/api/v1/members/no-such-member", "/api/v1/resources?q=%22%27%3C%3E%26%3B--", "/api/v1/resources?q=" + "x" * 150,
])
def test_refusals_and_odd_input_are_documented_answers(base_url, path):
    status, _ = check(base_url, path)
    assert status in (200, 400, 404)


def test_a_304_carries_no_body_and_an_answer_may_be_read_from_any_origin(base_url):
    status, headers, _ = fetch(base_url, "/api/v1/events?limit=3")
    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") == "*"
    status, headers, body = fetch(base_url, "/api/v1/events?limit=3", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""


def test_every_documented_operation_was_checked(base_url):
    # Runs last in this file: every operation answered at least once with a validated 200.
    for template in DOCUMENT["paths"]:
        assert (template, 200) in CHECKED, f"{template} never answered 200 in these tests"


EMBEDS = ["/embed/resources", "/embed/events", "/fr/embed/resources?topic=mobility", "/ar/embed/events"]


@pytest.mark.parametrize("path", EMBEDS)
def test_an_embed_is_accessible_valid_light_and_script_free(scripted_browser, base_url, path):
    scripted_browser.get(base_url + path)
    assert axe_violations(scripted_browser) == []
    assert third_party_requests(scripted_browser, base_url) == []
    assert scripted_browser.execute_script("return document.scripts.length") == 0
    html, headers = fetch_page(base_url + path)
    assert "frame-ancestors *" in headers["Content-Security-Policy"]
    assert nu_errors(html) == ""
    assert compressed_weight(base_url, path) < 8 * 1024
