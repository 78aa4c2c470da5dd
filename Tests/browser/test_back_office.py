"""The back office in Chromium, from first-run setup to each administrator page."""
import os
import pathlib
import re
import time
import urllib.request as request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from camera_photo import camera_jpeg, carries_metadata
from conftest import make_driver, screenshot
from pages import axe_violations, fetch, nu_errors, nu_errors_of_many

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
    ("/admin/account", "Your account"), ("/admin/content/events", "Events"), ("/admin/content/events/new", "New webinar or event"),
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
    admin.find_element(By.ID, "f-speakers-0-name").send_keys("Grace Mwangi")
    admin.find_element(By.CSS_SELECTOR, 'button[value="publish"]').send_keys(Keys.ENTER)
    WebDriverWait(admin, 20).until(lambda d: "saved=1" in d.current_url)
    assert "Published" in admin.find_element(By.TAG_NAME, "main").text
    admin.get(base_url + "/events/keyboard-webinar")
    assert "Grace Mwangi" in admin.find_element(By.TAG_NAME, "main").text


def signed_in_phone(base_url, javascript=True):
    """A second editor's browser at a phone's width, signed in as the administrator set up above."""
    phone = make_driver(375, javascript)
    phone.c4c_width, phone.c4c_javascript = 375, javascript
    phone.get(base_url + "/admin/login")
    phone.find_element(By.ID, "email").send_keys("ada@c4c.test")
    phone.find_element(By.ID, "password").send_keys(PASSWORD)
    phone.find_element(By.CSS_SELECTOR, "form.admin-form button").send_keys(Keys.ENTER)
    WebDriverWait(phone, 20).until(lambda d: d.current_url.endswith("/admin"))
    return phone


def upload_camera_photo(driver, base_url, tmp_path, alt):
    photo = camera_jpeg(tmp_path)
    assert carries_metadata(photo.read_bytes()), "the upload really carries EXIF and GPS"
    driver.get(base_url + "/admin/media")
    driver.find_element(By.ID, "file").send_keys(str(photo))
    driver.find_element(By.ID, "title").send_keys(alt)
    driver.find_element(By.ID, "alt_text").send_keys(alt)
    driver.find_element(By.ID, "credit").send_keys("Photo: Amina Otieno")
    driver.find_element(By.ID, "credit").submit()
    WebDriverWait(driver, 60).until(lambda d: "uploaded=1" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".field-error"))
    assert "uploaded=1" in driver.current_url, driver.find_element(By.TAG_NAME, "main").text


def choose_image_by_thumbnail(driver, field, alt):
    """Picks the image whose card in the chooser shows this alt text, by clicking its thumbnail."""
    picker = driver.find_element(By.CSS_SELECTOR, f"#f-{field} details.image-picker")
    if picker.get_attribute("open") is None:
        summary = picker.find_element(By.TAG_NAME, "summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", summary)
        summary.click()
    for card in driver.find_elements(By.CSS_SELECTOR, f"#f-{field} .image-choice"):
        if alt in card.text:
            thumbnail = card.find_element(By.TAG_NAME, "img")
            assert "/admin/files/" in thumbnail.get_attribute("src") and "/w320/" in thumbnail.get_attribute("src"), \
                "the chooser shows a small copy, not the photo, before anything public uses it"
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", thumbnail) == 320 or \
                WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].naturalWidth", thumbnail) == 320)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", thumbnail)
            thumbnail.click()
            assert card.find_element(By.CSS_SELECTOR, "input[type=radio]").is_selected()
            return
    raise AssertionError(f"no image card shows {alt!r}")


def test_a_new_editor_makes_a_webinar_at_phone_width_previews_and_publishes_it(admin, base_url, tmp_path):
    alt = "Children crossing a painted street in Kibera"
    upload_camera_photo(admin, base_url, tmp_path, alt)
    phone = signed_in_phone(base_url)
    try:
        phone.get(base_url + "/admin/content/events/new")
        assert phone.find_element(By.TAG_NAME, "h1").text == "New webinar or event"
        panels = [h.text for h in phone.find_elements(By.CSS_SELECTOR, "form.editor h2")]
        assert panels[:5] == ["Content", "When and where", "Registration", "Recording", "Promotion"] and "Publishing" in panels
        phone.find_element(By.ID, "f-title").send_keys("Play streets in Paris")
        phone.find_element(By.ID, "f-summary").send_keys("How Paris closes school streets to traffic.")
        for index, (name, role, organisation) in enumerate([("Grace Mwangi", "Organiser", "Streets Alive Collective"),
                                                             ("Diego Salazar", "Youth council", "Andes Youth Cities")]):
            phone.find_element(By.ID, f"f-speakers-{index}-name").send_keys(name)
            phone.find_element(By.ID, f"f-speakers-{index}-role").send_keys(role)
            phone.find_element(By.ID, f"f-speakers-{index}-organisation").send_keys(organisation)
        Select(phone.find_element(By.ID, "f-time_zone")).select_by_value("Europe/Paris")
        phone.execute_script("document.getElementById('f-starts_at').value = '2030-01-15T18:00';"
                             "document.getElementById('f-ends_at').value = '2030-01-15T19:30';")
        phone.find_element(By.ID, "f-recording_url").send_keys("https://www.youtube-nocookie.com/embed/play-streets")
        choose_image_by_thumbnail(phone, "cover_image_id", alt)
        assert axe_violations(phone) == []
        screenshot(phone, "admin-new-webinar-375")
        phone.find_element(By.CSS_SELECTOR, 'button[data-save]').send_keys(Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: "saved=1" in d.current_url)
        assert phone.find_element(By.ID, "f-speakers-1-name").get_attribute("value") == "Diego Salazar"
        phone.find_element(By.LINK_TEXT, "Preview").send_keys(Keys.ENTER)
        preview = phone.find_element(By.TAG_NAME, "main").text
        assert "Play streets in Paris" in preview and "Diego Salazar" in preview
        assert 'datetime="2030-01-15T18:00:00+01:00"' in phone.page_source, "shown in Paris time"
        assert alt in [i.get_attribute("alt") for i in phone.find_elements(By.CSS_SELECTOR, "main img")], "the cover is on the page"
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 375, "the preview fits a phone"
        screenshot(phone, "admin-webinar-preview-375")
        phone.back()
        phone.find_element(By.CSS_SELECTOR, 'button[value="publish"]').send_keys(Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: "saved=1" in d.current_url)
        assert "Published" in phone.find_element(By.CSS_SELECTOR, ".editor-side").text
        body, _ = fetch(base_url + "/events/play-streets-in-paris")
        assert b"Diego Salazar" in body and b'datetime="2030-01-15T18:00:00+01:00"' in body
    finally:
        phone.quit()


def test_a_camera_photo_on_the_home_page_reaches_a_phone_small_and_without_its_metadata(admin, base_url, tmp_path):
    alt = "A girl on a bicycle in a car-free street"
    upload_camera_photo(admin, base_url, tmp_path, alt)
    admin.get(base_url + "/admin/content/slides/new")
    admin.find_element(By.ID, "f-headline").send_keys("Streets for children")
    admin.find_element(By.ID, "f-link_url").send_keys("/resources")
    position = admin.find_element(By.ID, "f-position")
    position.clear()
    position.send_keys("-1")
    choose_image_by_thumbnail(admin, "image_id", alt)
    admin.find_element(By.CSS_SELECTOR, 'button[value="publish"]').send_keys(Keys.ENTER)
    WebDriverWait(admin, 20).until(lambda d: "saved=1" in d.current_url)
    visitor = make_driver(375, True)
    try:
        visitor.get(base_url + "/")
        image = next(i for i in visitor.find_elements(By.CSS_SELECTOR, "img") if i.get_attribute("alt") == alt)
        visitor.execute_script("arguments[0].scrollIntoView()", image)
        WebDriverWait(visitor, 10).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image))
        source = image.get_attribute("currentSrc")
        weight = visitor.execute_script(
            "return performance.getEntriesByName(arguments[0]).map(e => e.encodedBodySize)[0]", source)
        assert "/w" in source and weight <= 80 * 1024, (source, weight)
        variants = set(re.findall(r'(/files/\d+/w\d+/[^ ",]+)', visitor.page_source))
        assert len(variants) >= 5, variants
        for variant in variants:
            data, headers = fetch(base_url + variant.replace("&amp;", "&"))
            assert not carries_metadata(data), variant
        original = re.sub(r"/w\d+/", "/", next(iter(variants))).rsplit(".", 1)[0]
        class NoRedirect(request.HTTPRedirectHandler):
            def redirect_request(self, *args): return None
        try:
            request.build_opener(NoRedirect).open(base_url + original + ".jpg")
            raise AssertionError("the original address answered with the original")
        except request.HTTPError as answer:
            assert answer.code == 301 and "/w1920/" in answer.headers["Location"], (answer.code, answer.headers["Location"])
        print(f"phone received {weight} bytes for the photo ({source})")
    finally:
        visitor.quit()


def test_the_checks_panel_flags_a_missing_alt_text_and_a_skipped_heading_before_publishing(admin, base_url):
    admin.get(base_url + "/admin/content/posts/new")
    admin.find_element(By.ID, "f-title").send_keys("Checked before publishing")
    admin.find_element(By.ID, "f-body").send_keys("### Straight to level three\n\n![](/files/1/slide-1.svg)\n\n[click here](/resources)")
    admin.find_element(By.CSS_SELECTOR, 'button[value="publish"]').send_keys(Keys.ENTER)
    WebDriverWait(admin, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".checks li"))
    checks = admin.find_element(By.CSS_SELECTOR, ".checks").text
    assert "Must fix: An image in the text has no alt text: /files/1/slide-1.svg" in checks
    assert "A heading skips a level: Straight to level three (h1 → h3)" in checks
    assert "“click here”" in checks
    assert "Not published" in admin.find_element(By.CSS_SELECTOR, ".editor-side").text
    assert admin.find_element(By.ID, "f-title").get_attribute("value") == "Checked before publishing", "what was typed is kept"
    assert axe_violations(admin) == []
    assert nu_errors(b"<!doctype html>" + admin.page_source.encode()) == ""
    screenshot(admin, "admin-checks-panel")


CONTENT_TYPES = ["events", "resources", "posts", "vacancies", "pages", "facts", "series", "slides", "people", "affiliates", "members"]


def test_every_content_form_is_accessible_and_valid_on_a_phone(admin, base_url):
    """Each type's new form, an item and its list at 375 px: axe and the width with the editor's script
    running; the Nu checker on the page as the server sent it (what a browser without script shows)
    and on the page as the script left it, all in one run of the checker."""
    phone = signed_in_phone(base_url)
    session = "; ".join(f"{c['name']}={c['value']}" for c in phone.get_cookies())
    documents = {}
    try:
        for kind in CONTENT_TYPES:
            for path in (f"/admin/content/{kind}/new", f"/admin/content/{kind}/1", f"/admin/content/{kind}"):
                phone.get(base_url + path)
                assert phone.find_elements(By.TAG_NAME, "h1"), path
                assert axe_violations(phone) == [], path
                assert phone.execute_script("return document.documentElement.scrollWidth") <= 375, f"{path} fits a phone"
                documents[path + " (with script)"] = b"<!doctype html>" + phone.page_source.encode()
                with request.urlopen(request.Request(base_url + path, headers={"Cookie": session})) as answer:
                    documents[path] = answer.read()
            screenshot(phone, f"admin-form-{kind}")
    finally:
        phone.quit()
    assert nu_errors_of_many(documents) == ""


def test_an_editor_who_chooses_arabic_edits_right_to_left_on_a_phone(admin, base_url):
    """The account page's language choice, then the webinar form and the content list in Arabic at
    375 px with script: right to left, no axe violation, nothing wider than the phone."""
    phone = signed_in_phone(base_url)
    try:
        phone.get(base_url + "/admin/account")
        phone.find_element(By.CSS_SELECTOR, 'input[name="language"][value="ar"]').send_keys(Keys.SPACE)
        phone.find_element(By.CSS_SELECTOR, 'form[action="/admin/account/language"] button').send_keys(Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: "saved=1" in d.current_url)
        for path in ("/admin/content/events/new", "/admin/content/resources/1", "/admin/content/events"):
            phone.get(base_url + path)
            html = phone.find_element(By.TAG_NAME, "html")
            assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl"), path
            assert axe_violations(phone) == [], path
            assert phone.execute_script("return document.documentElement.scrollWidth") <= 375, f"{path} fits a phone"
            screenshot(phone, "admin-ar" + path.replace("/", "-"))
    finally:
        # The administrator's other tests read the back office in English.
        phone.get(base_url + "/admin/account")
        phone.find_element(By.CSS_SELECTOR, 'input[name="language"][value="en"]').send_keys(Keys.SPACE)
        phone.find_element(By.CSS_SELECTOR, 'form[action="/admin/account/language"] button').send_keys(Keys.ENTER)
        WebDriverWait(phone, 20).until(lambda d: "saved=1" in d.current_url)
        phone.quit()
