"""Feeds, calendars, sitemap and robots.txt, read by the libraries other software uses."""
import datetime
import re
import xml.etree.ElementTree as ElementTree
import zoneinfo

import feedparser
import icalendar
import pytest

from pages import fetch


@pytest.mark.parametrize("path", ["/feed.xml", "/blog/feed.xml", "/resources/feed.xml", "/events/feed.xml"])
def test_feed_parses_clean(base_url, path):
    body, headers = fetch(base_url + path)
    assert headers["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(base_url + "/")
        assert entry.title


def test_event_calendar_has_the_right_time(base_url):
    body, headers = fetch(base_url + "/events/cooling-cities-for-children.ics")
    assert headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("DTSTART")
    assert start.tzinfo is not None
    assert (start.hour, start.minute) == (15, 0)
    assert start.utcoffset() == datetime.timedelta(hours=6)  # Dhaka


def test_series_calendar_keeps_paris_meetings_at_eleven(base_url):
    body, _ = fetch(base_url + "/events/series/paris-streets-forum.ics")
    # Renamed so icalendar cannot use its own zone data: the times must come from our VTIMEZONE.
    body = body.replace(b"Europe/Paris", b"X-C4C-Paris")
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.walk("VTIMEZONE"), "the calendar carries its time zone"
    offsets = set()
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (11, 0)
        utc = start.astimezone(datetime.timezone.utc)
        assert utc.astimezone(paris).hour == 11, "our VTIMEZONE agrees with the system's zone data"
        offsets.add(start.utcoffset())
    assert offsets == {datetime.timedelta(hours=2), datetime.timedelta(hours=1)}


def test_sitemap_lists_public_pages_and_robots_names_it(base_url):
    body, _ = fetch(base_url + "/sitemap.xml")
    root = ElementTree.fromstring(body)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [element.text for element in root.findall("s:url/s:loc", namespace)]
    assert any(location.endswith("/resources/heat-shade-and-schoolyards") for location in locations)
    assert any(location.endswith("/events/series/dialogues-4-action") for location in locations)
    robots, _ = fetch(base_url + "/robots.txt")
    assert re.search(rb"^Sitemap: http\S+/sitemap.xml$", robots, re.M)


def test_citations_download(base_url):
    bib, headers = fetch(base_url + "/resources/heat-shade-and-schoolyards/cite.bib")
    assert headers["Content-Type"].startswith("application/x-bibtex")
    assert bib.startswith(b"@")
    ris, _ = fetch(base_url + "/resources/heat-shade-and-schoolyards/cite.ris")
    assert ris.startswith(b"TY  - ")
