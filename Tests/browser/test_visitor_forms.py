"""The visitor's forms in Chromium, filled in as a person would, with and without script:
a contribution with a file, then its private status page; a refused contribution; a webinar
registration from the event's page. Every page on the way passes axe and the Nu checker."""
import os
import re
import tempfile
import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import make_driver, screenshot
from pages import axe_violations, fetch, nu_errors


@pytest.fixture(scope="module", params=[(375, False), (1280, True)], ids=["375-nojs", "1280-js"])
def visitor(request):
    width, javascript = request.param
    driver = make_driver(width, javascript)
    driver.c4c_width, driver.c4c_javascript = width, javascript
    yield driver
    driver.quit()


def submit(driver, selector):
    """Presses the form's button from the keyboard and waits for the answer to replace the page."""
    button = driver.find_element(By.CSS_SELECTOR, selector)
    button.send_keys(Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda _: is_gone(button))


def is_gone(element) -> bool:
    """Whether the page holding `element` has been replaced. Chromium 156's driver sometimes says so
    with "Node with given id does not belong to the document" rather than a stale reference."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def checked(driver, base_url, name, posted=False):
    """Screenshots the page, then checks it with axe (script on) and the Nu checker: the HTML the
    server sent for a page reached by a link, the browser's copy of a form's answer."""
    screenshot(driver, name)
    if driver.c4c_javascript:
        assert axe_violations(driver) == [], name
    html = ("<!DOCTYPE html>\n" + driver.page_source).encode() if posted else fetch(driver.current_url)[0]
    assert nu_errors(html) == "", name


def test_a_visitor_contributes_a_case_study_with_a_file_and_follows_its_status(visitor, base_url):
    visitor.get(base_url + "/contribute")
    checked(visitor, base_url, "contribute-form")
    Select(visitor.find_element(By.ID, "contribute-kind")).select_by_value("case_study")
    visitor.find_element(By.ID, "contribute-title").send_keys("Safer school streets in Bogotá")
    visitor.find_element(By.ID, "contribute-summary").send_keys("How one district cut traffic outside its schools.")
    visitor.find_element(By.ID, "contribute-name").send_keys("Camila Ríos")
    visitor.find_element(By.ID, "contribute-email").send_keys(f"camila.{visitor.c4c_width}@example.org")
    visitor.find_element(By.ID, "contribute-consent").send_keys(Keys.SPACE)
    visitor.find_element(By.ID, "contribute-privacy").send_keys(Keys.SPACE)
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as file:
        file.write(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    visitor.find_element(By.ID, "contribute-files").send_keys(file.name)
    time.sleep(3.2)  # a person takes longer than the form's minimum time; so must the test
    submit(visitor, ".public-form button[type=submit]")
    os.unlink(file.name)
    body = visitor.find_element(By.TAG_NAME, "main").text
    assert re.search(r"C4C-\d{4}-\d{5}", body), body[:300]
    checked(visitor, base_url, "contribute-received", posted=True)
    visitor.get(visitor.find_element(By.PARTIAL_LINK_TEXT, "the status of my contribution").get_attribute("href"))
    assert "Received, waiting for an editor" in visitor.find_element(By.TAG_NAME, "main").text
    checked(visitor, base_url, "contribute-status")


def test_a_refused_contribution_keeps_what_was_typed(visitor, base_url):
    visitor.get(base_url + "/contribute")
    visitor.find_element(By.ID, "contribute-title").send_keys("Half a contribution")
    visitor.find_element(By.ID, "contribute-email").send_keys("not an address")
    submit(visitor, ".public-form button[type=submit]")
    assert visitor.find_element(By.ID, "contribute-title").get_attribute("value") == "Half a contribution"
    assert visitor.find_element(By.ID, "contribute-email-error").is_displayed()
    checked(visitor, base_url, "contribute-refused", posted=True)


def test_a_visitor_registers_for_a_webinar_from_its_page(visitor, base_url):
    html = fetch(base_url + "/events")[0].decode()
    slugs = re.findall(r'href="/events/([a-z0-9-]+)"', html)
    for slug in slugs:
        page = fetch(f"{base_url}/events/{slug}")[0].decode()
        if 'class="public-form registration-form"' in page:
            break
    else:
        pytest.fail("no upcoming event takes registrations on the demo site")
    visitor.get(f"{base_url}/events/{slug}")
    visitor.find_element(By.ID, "register-name").send_keys("Amina Diallo")
    visitor.find_element(By.ID, "register-email").send_keys(f"amina.{visitor.c4c_width}@example.org")
    submit(visitor, ".registration-form button[type=submit]")
    assert "You are registered" in visitor.find_element(By.TAG_NAME, "h1").text
    checked(visitor, base_url, "registration-done", posted=True)
