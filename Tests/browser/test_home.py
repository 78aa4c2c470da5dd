"""The home page in Chromium: complete with and without script, at phone and desktop widths."""
from selenium.webdriver.common.by import By

from conftest import screenshot
from pages import (PAGE_BUDGET_BYTES, axe_violations, compressed_weight, fetch, nu_errors,
                   third_party_requests)

BLOCK_HEADINGS = ["Next webinar", "Open vacancies", "Resource spotlight", "Latest from the blog",
                  "Share your work", "Mailing list", "Our members"]


def test_home_is_complete(browser, base_url):
    browser.get(base_url + "/")
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h2")]
    for heading in BLOCK_HEADINGS:
        assert heading in headings, f"missing block {heading!r}; saw {headings}"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".slide")) >= 3
    assert browser.find_element(By.CSS_SELECTOR, ".event-card time[datetime]").text
    # The home page's mailing-list block leads to the sign-up page; the footer's form signs up.
    assert browser.find_element(By.CSS_SELECTOR, "#newsletter-heading + p + p a.button").get_attribute("href").endswith("/newsletter")
    assert browser.find_elements(By.CSS_SELECTOR, "footer form.newsletter-form input[type=email]")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".logos img")) >= 25
    for image in browser.find_elements(By.CSS_SELECTOR, "main img"):
        assert image.get_attribute("alt") is not None
        assert image.get_attribute("width") and image.get_attribute("height")
    assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1
    screenshot(browser, "home")


def test_home_fits_the_screen(browser, base_url):
    browser.get(base_url + "/")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a {browser.c4c_width}px screen"


def test_script_only_adds_the_visitors_own_time(browser, base_url):
    browser.get(base_url + "/")
    local_times = browser.find_elements(By.CSS_SELECTOR, ".local-time")
    if browser.c4c_javascript:
        assert local_times and local_times[0].text.startswith("Your time:")
    else:
        assert not local_times


def test_skip_link_reaches_main_content(browser, base_url):
    browser.get(base_url + "/")
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip-link")
    assert skip.get_attribute("href").endswith("#main")
    assert browser.find_element(By.ID, "main").tag_name == "main"


def test_home_has_no_accessibility_violations(scripted_browser, base_url):
    scripted_browser.get(base_url + "/")
    assert axe_violations(scripted_browser) == []


def test_home_makes_no_third_party_request(scripted_browser, base_url):
    scripted_browser.get(base_url + "/")
    assert third_party_requests(scripted_browser, base_url) == []


def test_home_html_is_valid(base_url):
    html, _ = fetch(base_url + "/")
    assert nu_errors(html) == ""


def test_home_weighs_under_budget(base_url):
    weight = compressed_weight(base_url, "/")
    print(f"home page: {weight} bytes of HTML, CSS and script, compressed as sent")
    assert weight < PAGE_BUDGET_BYTES


def test_arabic_home_is_right_to_left(base_url):
    html, _ = fetch(base_url + "/ar")
    assert b'<html lang="ar" dir="rtl">' in html
    assert nu_errors(html) == ""
