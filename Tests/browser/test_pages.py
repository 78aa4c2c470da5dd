"""Every page type in Chromium: complete without script, accessible, valid, light, no third party."""
import json
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import screenshot
from pages import (PAGE_BUDGET_BYTES, axe_violations, compressed_weight, fetch, nu_errors,
                   third_party_requests)

# One address per page type, with text each must show.
PAGE_TYPES = {
    "facts": ("/facts", "Sources"),
    "about": ("/about", "Guiding principles"),
    "people": ("/about/people", "Steering committee"),
    "members": ("/members", "members"),
    "member": ("/members/streets-alive-collective", "Streets Alive Collective"),
    "affiliates": ("/affiliates", "Kenya Alliance for Child-Friendly Cities"),
    "resources": ("/resources", "resources"),
    "resources-filtered": ("/resources?kind=report&topic=mobility", " resource"),
    "resource": ("/resources/measuring-play-deserts-in-latin-american-cities", "Suggested citation"),
    "events": ("/events", "School streets around the world"),
    "past-events": ("/events/past", "Cooling cities for children"),
    "event": ("/events/cooling-cities-for-children", "Nairobi"),
    "series": ("/events/series/paris-streets-forum", "Paris Streets Forum"),
    "vacancies": ("/vacancies", "Research intern"),
    "vacancy-closed": ("/vacancies/volunteer-translators-french-spanish-portuguese-arabic", "This vacancy is closed."),
    "blog": ("/blog", "What we learned"),
    "post": ("/blog/ask-an-expert-how-slow-is-safe-near-a-school", "min read"),
    "topic": ("/blog/topics/mobility", "Mobility"),
    "page": ("/privacy", "Privacy policy"),
    "search": ("/search?q=school", "results"),
    "newsletter-archive": ("/newsletter/archive", "Newsletter archive"),
    "not-found": ("/no-such-page", "Page not found"),
    "french": ("/fr/resources", "Ressources"),
    "arabic": ("/ar/events", "الندوات والفعاليات"),
}


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_is_complete(browser, base_url, name):
    path, text = PAGE_TYPES[name]
    browser.get(base_url + path)
    assert text in browser.find_element(By.TAG_NAME, "main").text
    assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1
    levels = [int(h.tag_name[1]) for h in browser.find_elements(By.CSS_SELECTOR, "main h1, main h2, main h3, main h4")]
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading levels jump from h{before} to h{after}"
    for image in browser.find_elements(By.CSS_SELECTOR, "main img"):
        assert image.get_attribute("width") and image.get_attribute("height")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
    screenshot(browser, name)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_no_accessibility_violations(scripted_browser, base_url, name):
    scripted_browser.get(base_url + PAGE_TYPES[name][0])
    assert axe_violations(scripted_browser) == []
    assert third_party_requests(scripted_browser, base_url) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_is_valid_html_and_light(base_url, name):
    path = PAGE_TYPES[name][0]
    try:
        html, _ = fetch(base_url + path)
    except Exception as error:  # the 404 page is fetched as an error response
        html = error.read()
    assert nu_errors(html) == ""
    if name != "not-found":
        assert compressed_weight(base_url, path) < PAGE_BUDGET_BYTES


def test_recording_player_loads_only_after_a_click(scripted_browser, base_url):
    scripted_browser.get(base_url + "/events/cooling-cities-for-children")
    assert not scripted_browser.find_elements(By.TAG_NAME, "iframe")
    assert third_party_requests(scripted_browser, base_url) == []
    # Played from the keyboard, as anyone without a mouse would.
    scripted_browser.find_element(By.CSS_SELECTOR, "a.recording-link").send_keys(Keys.ENTER)
    frame = scripted_browser.find_element(By.CSS_SELECTOR, ".recording iframe")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")


def test_json_ld_parses_on_every_page_type(base_url):
    for name, (path, _) in PAGE_TYPES.items():
        if name == "not-found":
            continue
        html, _ = fetch(base_url + path)
        for block in re.findall(rb'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            data = json.loads(block)
            assert data["@context"] == "https://schema.org"
            assert data["@type"]
