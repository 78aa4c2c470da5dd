"""Shared fixtures for the browser tests: a Chromium driven by Selenium against a running c4c."""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE_URL = os.environ.get("C4C_BASE_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = pathlib.Path(os.environ.get("C4C_ARTIFACTS", "artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"


def make_driver(width: int, javascript: bool) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},900")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(width, 900)
    return driver


@pytest.fixture(scope="session")
def base_url() -> str:
    return BASE_URL


@pytest.fixture(scope="module", params=[(375, True), (375, False), (1280, True), (1280, False)],
                ids=["375-js", "375-nojs", "1280-js", "1280-nojs"])
def browser(request):
    width, javascript = request.param
    driver = make_driver(width, javascript)
    driver.c4c_width = width
    driver.c4c_javascript = javascript
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> pathlib.Path:
    """Saves a full-page PNG of the current page for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight") if driver.c4c_javascript else 3000
    driver.set_window_size(driver.c4c_width, min(max(height, 900), 8000))
    path = SCREENSHOTS / f"{name}-{driver.c4c_width}-{'js' if driver.c4c_javascript else 'nojs'}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(driver.c4c_width, 900)
    return path


@pytest.fixture(scope="module", params=[375, 1280], ids=["375-js", "1280-js"])
def scripted_browser(request):
    """For checks that run as script in the page: axe, the resource timing list."""
    driver = make_driver(request.param, True)
    driver.c4c_width = request.param
    driver.c4c_javascript = True
    yield driver
    driver.quit()
