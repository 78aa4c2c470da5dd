"""Nothing a visitor sends is lost: not to a mail server that is down, not to `kill -9`.

With the SMTP server stopped, two contributions with two attachments each are sent to a real
`c4c serve` on a fresh SQLite site. The first waits long enough for the outbox worker to try its
receipt and fail; right after the second one's answer the server is killed with SIGKILL. The
database then holds both contributions, their four files and their two receipts. The SMTP server
(aiosmtpd, Tests/smtp/server.py) starts, `c4c serve` restarts, and both receipts arrive, once each,
without anyone doing anything: the untried one at once, the failed one at its retry.

Run by scripts/test; needs `.build/debug/c4c`, python3 with aiosmtpd.
"""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("C4C_BINARY", os.path.join(ROOT, ".build", "debug", "c4c"))
ARTIFACTS = os.environ.get("C4C_ARTIFACTS", tempfile.gettempdir())
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + b"IHDR" + bytes([0, 0, 2, 128, 0, 0, 1, 224, 8, 6, 0, 0, 0, 0, 0, 0, 0])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(site, port, smtp_port, log_name):
    log = open(os.path.join(ARTIFACTS, log_name), "w")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{site}/site.sqlite", C4C_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}?tls=none",
               C4C_MAIL_DIR=os.path.join(site, "mail"))
    process = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"c4c serve did not answer on port {port}; see {log_name}")


def contribute(port, title, email):
    boundary = uuid.uuid4().hex
    fields = [("started", str(int(time.time()) - 60)), ("kind", "case_study"), ("title", title),
              ("summary", "How one district cut traffic outside schools."), ("name", "Camila Ríos"), ("email", email),
              ("consent", "yes"), ("privacy", "yes")]
    body = b""
    for name, value in fields:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, data in [("report.pdf", PDF), ("street.png", PNG)]:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/contribute", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"})
    with urllib.request.urlopen(request, timeout=30) as response:
        page = response.read().decode()
    assert response.status == 200
    start = page.index("C4C-")
    return page[start:start + len("C4C-2026-00001")]


def received(directory):
    folder = os.path.join(directory, "messages")
    if not os.path.isdir(folder):
        return []
    messages = []
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".json")):
        with open(os.path.join(folder, name)) as file:
            messages.append(json.load(file))
    return messages


def test_receipts_survive_a_stopped_mail_server_and_a_killed_site():
    site = tempfile.mkdtemp(prefix="c4c-nothing-lost.")
    smtp_dir = tempfile.mkdtemp(prefix="c4c-smtp.")
    port, smtp_port = free_port(), free_port()
    server = start_server(site, port, smtp_port, "nothing-lost-1.log")
    smtp = None
    try:
        first = contribute(port, "Safer school streets", "first@example.org")
        # The worker looks every five seconds: let it try the first receipt and fail.
        deadline = time.time() + 30
        while "Mail delivery failed" not in open(os.path.join(ARTIFACTS, "nothing-lost-1.log")).read():
            assert time.time() < deadline, "the outbox worker never tried the first receipt"
            time.sleep(0.5)
        second = contribute(port, "Play streets on Sundays", "second@example.org")
        server.send_signal(signal.SIGKILL)
        server.wait()

        database = sqlite3.connect(os.path.join(site, "site.sqlite"))
        assert [row[0] for row in database.execute("SELECT reference FROM contributions ORDER BY id")] == [first, second]
        sizes = sorted(row[0] for row in database.execute(
            "SELECT length(f.data) FROM contribution_files cf JOIN files f ON f.id = cf.file_id"))
        assert sizes == sorted([len(PDF), len(PNG)] * 2)
        outbox = database.execute("SELECT to_address, status, attempts FROM mail_outbox ORDER BY id").fetchall()
        assert outbox == [("first@example.org", "pending", 1), ("second@example.org", "pending", 0)]
        database.close()

        smtp = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests", "smtp", "server.py"), "--directory", smtp_dir,
                                 "--port", str(smtp_port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert smtp.stdout.readline().startswith("ready")
        server = start_server(site, port, smtp_port, "nothing-lost-2.log")

        # The untried receipt goes at once; the failed one at its first retry, two minutes after it failed.
        deadline = time.time() + 180
        while len(received(smtp_dir)) < 2:
            assert time.time() < deadline, f"receipts received: {[m['rcpt_tos'] for m in received(smtp_dir)]}"
            time.sleep(1)
        time.sleep(6)
        messages = received(smtp_dir)
        recipients = sorted(r for m in messages for r in m["rcpt_tos"])
        assert recipients == ["first@example.org", "second@example.org"], "each receipt arrives once"
        subjects = sorted(m["decoded"]["subject"] for m in messages)
        assert subjects == sorted([f"Your contribution {first} is in", f"Your contribution {second} is in"])
    finally:
        server.kill()
        server.wait()
        if smtp:
            smtp.send_signal(signal.SIGTERM)
            smtp.wait(timeout=10)
