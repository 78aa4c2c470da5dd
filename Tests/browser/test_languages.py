"""Every page type in every language: lang and dir right, hreflang both ways, English fallback
labelled where it shows, no interface string left in English, 0 axe violations and 0 Nu errors."""
import json
import pathlib
import re
import urllib.error

import pytest

from conftest import make_driver, screenshot
from pages import axe_violations, fetch, nu_errors_of_many
from test_pages import PAGE_TYPES

LANGUAGES = {"en": "ltr", "fr": "ltr", "es": "ltr", "pt": "ltr", "ar": "rtl"}
CATALOGS = pathlib.Path(__file__).resolve().parents[2] / "Resources" / "Catalog"
# One address per page type, without a language: the language's prefix goes in front.
PATHS = {name: path for name, (path, _) in PAGE_TYPES.items() if name not in ("french", "arabic")}
PATHS.update({"home": "/", "contact": "/contact", "contribute": "/contribute", "newsletter": "/newsletter"})


def localized(language: str, path: str) -> str:
    return path if language == "en" else f"/{language}" + ("" if path == "/" else path)


def get(url: str) -> bytes:
    try:
        return fetch(url)[0]
    except urllib.error.HTTPError as error:  # the 404 page comes as an error response
        return error.read()


# Every text node of the page with the language and direction that govern it.
TEXT_NODES = """
const nodes = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, parent = node.parentElement;
  if (!parent || parent.closest('script, style, template, [hidden]')) continue;
  const text = node.textContent.replace(/\\s+/g, ' ').trim();
  if (!text) continue;
  const langOwner = parent.closest('[lang]'), dirOwner = parent.closest('[dir], bdi');
  nodes.push([text, langOwner ? langOwner.getAttribute('lang') : '',
              dirOwner ? (dirOwner.tagName === 'BDI' ? 'isolated' : dirOwner.getAttribute('dir')) : '']);
}
return nodes;
"""


@pytest.fixture(scope="module")
def phone():
    driver = make_driver(375, True)
    driver.c4c_width, driver.c4c_javascript = 375, True
    yield driver
    driver.quit()


def interface_english(language: str) -> set:
    """English interface strings that the language words differently."""
    english = json.loads((CATALOGS / "en.json").read_text())
    other = json.loads((CATALOGS / f"{language}.json").read_text())
    return {text for key, text in english.items()
            if "{" not in text and other.get(key) not in (None, text)}


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_page_type_speaks_the_language_and_labels_english_fallback(phone, base_url, language):
    english = interface_english(language)
    failures = []
    for name, path in PATHS.items():
        phone.get(base_url + localized(language, path))
        html = phone.find_element("tag name", "html")
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, LANGUAGES[language]):
            failures.append(f"{name}: <html lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}>")
        for text, lang, direction in phone.execute_script(TEXT_NODES):
            # On the Arabic page, left-to-right text (English fallback, a name, an address) keeps its
            # punctuation and numbers in place only when its direction is its own.
            latin = re.search(r"[A-Za-z]{2,}[\s,.:@/&'-]+[A-Za-z]{2,}", text)
            if language == "ar" and latin and direction not in ("ltr", "auto", "isolated"):
                failures.append(f"{name}: left-to-right text {text[:60]!r} sits in the right-to-left flow")
            if lang == "en":
                continue
            if text in english:
                failures.append(f"{name}: interface text left in English: {text!r}")
        violations = axe_violations(phone)
        if violations:
            failures.append(f"{name}: axe {violations}")
    assert failures == []


def test_every_page_type_in_every_language_is_valid_html(base_url):
    pages = {f"{language}{path}": get(base_url + localized(language, path))
             for language in LANGUAGES for path in PATHS.values()}
    assert nu_errors_of_many(pages) == ""


def alternates(html: str) -> dict:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_alternates_name_each_other(base_url, language):
    """A page's alternates include itself, and every alternate names the page back."""
    for name, path in PATHS.items():
        if name in ("not-found", "search"):
            continue
        own = alternates(get(base_url + localized(language, path)).decode())
        if not own:
            continue
        assert language in own, f"{name} in {language} does not name itself among {own}"
        for other, url in own.items():
            if other == "x-default":
                continue
            # The site names its public address; the test server answers the same paths.
            back = alternates(get(base_url + re.sub(r"^https?://[^/]+", "", url)).decode())
            assert back.get(language) == own[language], f"{name}: {other} does not name the {language} page back"


ARABIC_SCREENS = {"home": "/ar", "resource": "/ar" + PAGE_TYPES["resource"][0], "event": "/ar" + PAGE_TYPES["event"][0],
                  "hub-filters": "/ar/resources?kind=report&topic=mobility"}


@pytest.mark.parametrize("width", [375, 1280])
def test_arabic_pages_mirror_and_fit(base_url, width):
    driver = make_driver(width, True)
    driver.c4c_width, driver.c4c_javascript = width, True
    try:
        for name, path in ARABIC_SCREENS.items():
            driver.get(base_url + path)
            if name == "hub-filters":
                driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
            # Mirrored: the brand sits at the right edge, where a left-to-right page has it on the left.
            brand = driver.find_element("css selector", ".brand").rect
            assert brand["x"] + brand["width"] > width / 2, f"{path}: the brand is not on the right"
            screenshot(driver, f"arabic-{name}")
    finally:
        driver.quit()
