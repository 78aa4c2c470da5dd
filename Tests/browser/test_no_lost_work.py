"""No lost work, in Chromium: two editors on one item get a conflict page and nothing is
overwritten; Ctrl+S saves; autosave saves a draft every 30 s and a newer save by someone else
stops it with an alert.

Runs after test_back_office.py, whose first-run setup makes the administrator signed in here.
"""
import time
import uuid

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import make_driver, screenshot
from pages import axe_violations, nu_errors

PASSWORD = "a long and unguessable passphrase"


def signed_in(base_url, width):
    driver = make_driver(width, True)
    driver.c4c_width, driver.c4c_javascript = width, True
    driver.get(base_url + "/admin/login")
    driver.find_element(By.ID, "email").send_keys("ada@c4c.test")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button").send_keys(Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/admin"))
    return driver


def new_page(driver, base_url, title):
    driver.get(base_url + "/admin/content/pages/new")
    driver.find_element(By.ID, "f-title").send_keys(title)
    driver.find_element(By.ID, "f-body").send_keys("Children walk to school on safe streets.")
    driver.find_element(By.CSS_SELECTOR, "button[data-save]").send_keys(Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: "saved=1" in d.current_url)
    return driver.current_url.split("?")[0]


def press_ctrl_s(driver):
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()


def test_two_editors_saving_one_item_get_a_conflict_page_and_nothing_is_overwritten(base_url):
    first, second = signed_in(base_url, 1280), signed_in(base_url, 375)
    try:
        title = f"Two editors, one page {uuid.uuid4().hex[:6]}"
        address = new_page(first, base_url, title)
        first.get(address)
        second.get(address)
        first.find_element(By.ID, "f-title").send_keys(" (first)")
        press_ctrl_s(first)
        WebDriverWait(first, 20).until(lambda d: "saved=1" in d.current_url)
        assert first.find_element(By.ID, "f-title").get_attribute("value") == title + " (first)"

        second.find_element(By.ID, "f-title").send_keys(" (second)")
        second.find_element(By.CSS_SELECTOR, "button[data-save]").send_keys(Keys.ENTER)
        WebDriverWait(second, 20).until(lambda d: d.title.startswith("Someone else saved"))
        main = second.find_element(By.TAG_NAME, "main").text
        assert title + " (first)" in main, "theirs, as stored now"
        assert second.find_element(By.ID, "f-title").get_attribute("value") == title + " (second)", "mine, kept"
        assert second.find_elements(By.CSS_SELECTOR, ".diff del") and second.find_elements(By.CSS_SELECTOR, ".diff ins")
        assert axe_violations(second) == []
        assert nu_errors(b"<!doctype html>" + second.page_source.encode()) == ""
        screenshot(second, "admin-content-conflict")
        first.get(address)
        assert first.find_element(By.ID, "f-title").get_attribute("value") == title + " (first)", "nothing overwritten"

        second.find_element(By.XPATH, "//button[normalize-space()='Save mine over theirs']").send_keys(Keys.ENTER)
        WebDriverWait(second, 20).until(lambda d: "saved=1" in d.current_url)
        assert second.find_element(By.ID, "f-title").get_attribute("value") == title + " (second)"
    finally:
        first.quit()
        second.quit()


def test_autosave_saves_a_draft_and_stops_with_an_alert_when_someone_saved_first(base_url):
    early, late = signed_in(base_url, 1280), signed_in(base_url, 1280)
    try:
        address = new_page(early, base_url, f"Autosaved page {uuid.uuid4().hex[:6]}")
        # Each form autosaves 30 s after it opened: the one opened first saves first.
        early.get(address)
        time.sleep(2)
        late.get(address)
        early.find_element(By.ID, "f-body").send_keys(" Typed by the early editor.")
        late.find_element(By.ID, "f-body").send_keys(" Typed by the late editor.")
        status = WebDriverWait(early, 45).until(
            lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, ".autosave-status") if "saved automatically" in e.text), None))
        assert status.get_attribute("role") == "status"
        alert = WebDriverWait(late, 45).until(
            lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, ".autosave-status") if "after you opened it" in e.text), None))
        assert alert.get_attribute("role") == "alert"
        early.get(address)
        body = early.find_element(By.ID, "f-body").get_attribute("value")
        assert "Typed by the early editor." in body and "late editor" not in body
    finally:
        early.quit()
        late.quit()
