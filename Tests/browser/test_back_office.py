"""The back office in Chromium, from first-run setup to each administrator page."""
import os
import pathlib
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import make_driver, screenshot
from pages import axe_violations, fetch, nu_errors

PASSWORD = "a long and unguessable passphrase"


def setup_code():
    """The one-time code `c4c serve` printed to its log, as an operator would copy it."""
    for _ in range(50):
        codes = re.findall(r"First-run setup code: (\S+)", pathlib.Path(os.environ["C4C_SERVER_LOG"]).read_text())
        if codes:
            return codes[-1]
        time.sleep(0.1)
    raise AssertionError("c4c serve printed no setup code")


@pytest.fixture(scope="module")
def admin(base_url):
    """A browser that sets up the first administrator on the fresh demo site and stays signed in."""
    driver = make_driver(1280, True)
    driver.c4c_width, driver.c4c_javascript = 1280, True
    assert nu_errors(fetch(base_url + "/admin/setup")[0]) == ""
    driver.get(base_url + "/admin/login")
    assert driver.current_url.endswith("/admin/setup"), "a site without users starts with setup"
    assert axe_violations(driver) == []
    driver.find_element(By.ID, "setup_code").send_keys(setup_code())
    driver.find_element(By.ID, "name").send_keys("Ada Admin")
    driver.find_element(By.ID, "email").send_keys("ada@c4c.test")
    driver.find_element(By.ID, "password").send_keys("short")
    driver.find_element(By.ID, "confirmation").send_keys("short")
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button").send_keys(Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".field-error"))
    assert "Use at least 12 characters." in driver.find_element(By.TAG_NAME, "main").text
    assert driver.find_element(By.ID, "email").get_attribute("value") == "ada@c4c.test"
    assert axe_violations(driver) == [], "the form with its errors is accessible too"
    screenshot(driver, "admin-setup-errors")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "confirmation").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button").send_keys(Keys.ENTER)
    # Hashing the password takes a moment: wait for the dashboard rather than race it.
    WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/admin"))
    yield driver
    driver.quit()


@pytest.mark.parametrize("path,heading", [
    ("/admin", "Dashboard"), ("/admin/users", "Users"), ("/admin/users/1", "Ada Admin"), ("/admin/settings", "Settings"), ("/admin/audit", "Audit log"),
    ("/admin/account", "Your account"), ("/admin/content/events", "Events"), ("/admin/content/events/new", "New: Events"),
    ("/admin/content/resources/1", "Walking to school in Nairobi: a route audit method"),
    ("/admin/content/members/1", "Streets Alive Collective"), ("/admin/content/posts/1/delete", "Delete: What we learned from 40 school-route audits"),
    ("/admin/content/facts/1/revisions", "Revisions"), ("/admin/media", "Media library"), ("/admin/media/1", "slide-1.svg"),
    ("/admin/content/slides", "Hero slides"), ("/admin/password-reset", "Reset your password"), ("/admin/topics", "Topics"),
    ("/admin/content/vacancies/1", "Consultant: review of child participation in city climate plans"),
])
def test_back_office_page_is_accessible(admin, base_url, path, heading):
    admin.get(base_url + path)
    assert admin.find_element(By.TAG_NAME, "h1").text == heading
    assert axe_violations(admin) == []
    assert nu_errors(b"<!doctype html>" + admin.page_source.encode()) == ""
    screenshot(admin, "admin" + path.replace("/", "-"))


def test_login_page_is_valid_html_once_set_up(admin, base_url):
    body, headers = fetch(base_url + "/admin/login")
    assert headers["Cache-Control"] == "no-store"
    assert nu_errors(body) == ""


def test_an_editor_publishes_a_webinar_through_the_form(admin, base_url):
    admin.get(base_url + "/admin/content/events/new")
    admin.find_element(By.ID, "f-title").send_keys("Keyboard webinar")
    # Chromium types into date-time fields segment by segment in the machine's locale; set them directly.
    admin.execute_script("document.getElementById('f-starts_at').value = '2030-01-15T14:00';"
                         "document.getElementById('f-ends_at').value = '2030-01-15T15:00';")
    admin.find_element(By.ID, "f-speakers").send_keys("Grace Mwangi | Organiser | Streets Alive Collective")
    admin.find_element(By.CSS_SELECTOR, 'button[value="publish"]').send_keys(Keys.ENTER)
    WebDriverWait(admin, 20).until(lambda d: "saved=1" in d.current_url)
    assert "Published" in admin.find_element(By.TAG_NAME, "main").text
    admin.get(base_url + "/events/keyboard-webinar")
    assert "Grace Mwangi" in admin.find_element(By.TAG_NAME, "main").text
