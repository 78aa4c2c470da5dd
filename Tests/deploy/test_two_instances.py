"""Two `c4c serve` on one PostgreSQL behind nginx, round robin, as the README's deployment runs it.

The test owns its cluster, its two instances and its nginx. It starts both instances at the same
moment on an empty database (migrations must apply once), then signs in through one instance and
edits through the other, uploads through one and downloads from the other, checks that an edit
shows through nginx on both within a second, and sends SIGTERM to an instance while a request is
half-sent: that request still gets its answer, the process exits cleanly and nginx keeps serving.

Run by scripts/test; needs PostgreSQL's binaries, nginx and `.build/debug/c4c`.
"""
import html.parser
import json
import re
import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "outage"))
from test_outage import BINARY, ROOT, ARTIFACTS, Cluster, free_port  # noqa: E402

PASSWORD = "two instances share one database"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
    "e1f5b2a90000000049454e44ae426082")


class Form(html.parser.HTMLParser):
    """The fields of the first form posting to `action`, with the values the page filled in."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.textarea, self.select = action, False, {}, None, None

    def handle_starttag(self, tag, attributes):
        a = dict(attributes)
        if tag == "form" and a.get("action") == self.action and not self.fields:
            self.inside = True
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("file", "submit"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields[self.select] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(page, action):
    parser = Form(action)
    parser.feed(page)
    assert parser.fields, f"no form posting to {action}"
    return parser.fields


class Browser:
    """One visitor's cookies, shared by both instances as a browser behind the proxy would."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def request(self, url, data=None, headers=None):
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
        request = urllib.request.Request(url, data=data, headers={"Origin": origin, **(headers or {})})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def post(self, url, fields):
        return self.request(url, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def wait_healthy(base, process, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"c4c serve exited:\n{open(log_path).read()}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} never became healthy:\n{open(log_path).read()}")


def psql(cluster, query):
    output = subprocess.run([f"{cluster.bin}/psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-At", "-c", query],
                            check=True, capture_output=True, text=True)
    return output.stdout.strip()


@pytest.fixture
def deployment():
    assert os.path.exists(BINARY), f"{BINARY} is not built"
    assert shutil.which("nginx"), "nginx is not installed (scripts/test installs it)"
    cluster = Cluster()
    cluster.start()
    folder = tempfile.mkdtemp(prefix="c4c-deploy.")
    ports = [free_port(), free_port()]
    proxy_port = free_port()
    instances, logs = [], []
    environment = dict(os.environ, DATABASE_URL=cluster.url, C4C_ROOT=ROOT, C4C_TRUST_PROXY="1",
                       C4C_PUBLIC_URL=f"http://127.0.0.1:{proxy_port}", C4C_LOG_FORMAT="json")
    try:
        # Both at the same moment, on an empty database: the migrations race.
        for number, port in enumerate(ports):
            log_path = os.path.join(ARTIFACTS, f"deploy-instance-{number + 1}.log")
            logs.append(log_path)
            instances.append(subprocess.Popen(
                [BINARY, "serve", "--port", str(port)], stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
                env=dict(environment, C4C_MAIL_DIR=os.path.join(folder, f"mail-{number}")), cwd=folder))
        for port, process, log_path in zip(ports, instances, logs):
            wait_healthy(f"http://127.0.0.1:{port}", process, log_path)
        nginx_conf = os.path.join(folder, "nginx.conf")
        with open(nginx_conf, "w") as conf:
            conf.write(f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    upstream c4c {{ server 127.0.0.1:{ports[0]} max_fails=1 fail_timeout=5s; server 127.0.0.1:{ports[1]} max_fails=1 fail_timeout=5s; }}
    server {{
        listen 127.0.0.1:{proxy_port};
        client_max_body_size 30m;
        location / {{
            proxy_pass http://c4c;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-Id $request_id;
        }}
    }}
}}
""")
        nginx = subprocess.Popen(["nginx", "-p", folder, "-c", nginx_conf], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        proxy = f"http://127.0.0.1:{proxy_port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(proxy + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield {"cluster": cluster, "ports": ports, "instances": instances, "logs": logs, "proxy": proxy, "folder": folder}
        nginx.terminate()
        nginx.wait(timeout=10)
    finally:
        for process in instances:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        cluster.destroy()
        shutil.rmtree(folder, ignore_errors=True)


def test_two_instances_behind_nginx_serve_one_site(deployment):
    cluster, (port_a, port_b), proxy = deployment["cluster"], deployment["ports"], deployment["proxy"]
    a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"

    # Migrations at a simultaneous start applied once each, and the demo content was seeded once.
    assert psql(cluster, "SELECT COUNT(*) FROM (SELECT id FROM schema_migrations GROUP BY id HAVING COUNT(*) > 1) twice") == "0"
    assert int(psql(cluster, "SELECT COUNT(*) FROM schema_migrations")) > 10
    assert psql(cluster, "SELECT COUNT(*) - COUNT(DISTINCT slug) FROM resources WHERE lang = 'en'") == "0"

    subprocess.run([BINARY, "create-admin", "--email", "ops@c4c.test", "--name", "Ops"], check=True, cwd=deployment["folder"],
                   env=dict(os.environ, DATABASE_URL=cluster.url, C4C_ROOT=ROOT, C4C_ADMIN_PASSWORD=PASSWORD),
                   stdout=subprocess.DEVNULL)

    # Sign in through A, edit the settings through B: the session lives in the database.
    browser = Browser()
    status, _, _ = browser.post(a + "/admin/login", {"email": "ops@c4c.test", "password": PASSWORD})
    assert status == 303
    status, _, page = browser.request(b + "/admin/settings")
    assert status == 200, "the session made on A is known to B"
    fields = form_fields(page.decode(), "/admin/settings")
    tagline = f"Edited through the second instance {uuid.uuid4().hex[:8]}"
    fields["tagline"] = tagline
    status, _, body = browser.post(b + "/admin/settings", fields)
    assert status == 303, body.decode()[:500]

    # Within a second both instances show it, whichever nginx picks.
    deadline = time.monotonic() + 1.5
    while True:
        seen = []
        for base in (a, b, proxy, proxy):
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                seen.append(tagline in response.read().decode())
        if all(seen) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert all(seen), f"the edit shows on A, B and both proxied answers: {seen}"

    # Upload through A; B serves the file's bytes (to editors: a file no public item uses is not public).
    status, _, page = browser.request(a + "/admin/media")
    csrf = form_fields(page.decode(), "/admin/media")["_csrf"]
    boundary = "----c4c" + uuid.uuid4().hex
    parts = [("_csrf", csrf), ("title", "Two instances"), ("alt_text", "A single pixel"), ("credit", "Test"),
             ("shows_identifiable_children", "no")]
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode() for name, value in parts)
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="pixel.png"\r\n'
             f"Content-Type: image/png\r\n\r\n").encode() + PNG + f"\r\n--{boundary}--\r\n".encode()
    status, _, answer = browser.request(a + "/admin/media", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 303, answer.decode()[:500]
    file_id = psql(cluster, "SELECT id FROM files WHERE name = 'pixel.png' ORDER BY id DESC LIMIT 1")
    # What is kept is the upload re-encoded without metadata, the same bytes from either instance.
    served = []
    for base in (a, b):
        status, _, body = browser.request(f"{base}/admin/files/{file_id}/pixel.png")
        assert status == 200 and body.startswith(b"\x89PNG\r\n\x1a\n"), f"{base} serves the upload"
        served.append(body)
    assert served[0] == served[1]

    # nginx's request id reaches the answer and the instance's JSON log line.
    with urllib.request.urlopen(proxy + "/facts", timeout=5) as response:
        request_id = response.headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id or ""), request_id
    time.sleep(0.3)
    lines = [line for log in deployment["logs"] for line in open(log) if request_id in line]
    assert len(lines) == 1 and json.loads(lines[0])["path"] == "/facts", lines


def test_sigterm_lets_a_request_in_flight_finish_and_nginx_keeps_serving(deployment):
    port_a, proxy = deployment["ports"][0], deployment["proxy"]
    process = deployment["instances"][0]
    body = urllib.parse.urlencode({"name": "Half sent", "email": "half@example.org", "message": "x" * 200}).encode()
    with socket.create_connection(("127.0.0.1", port_a), timeout=20) as connection:
        connection.sendall((f"POST /contact HTTP/1.1\r\nHost: 127.0.0.1:{port_a}\r\nOrigin: http://127.0.0.1:{port_a}\r\n"
                            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
                            "Connection: close\r\n\r\n").encode() + body[:40])
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert process.poll() is None, "the instance waits for the request it is reading"
        connection.sendall(body[40:])
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].decode()
    assert status_line.startswith("HTTP/1.1 ") and status_line.split()[1] in ("200", "303", "422"), status_line
    assert process.wait(timeout=15) == 0, "a SIGTERM is a clean exit"
    for _ in range(6):
        with urllib.request.urlopen(proxy + "/events", timeout=10) as response:
            assert response.status == 200, "nginx serves every request from the instance that is left"
