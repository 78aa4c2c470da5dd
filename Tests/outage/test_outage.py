"""PostgreSQL stops under a running `c4c serve` and starts again.

The test owns a throwaway cluster (never the shared one): it starts the server on it, warms a
page, stops PostgreSQL and checks the site degrades as promised — kept pages still served, other
pages a quick 503 with Retry-After, /healthz a 503 within a second, the outage logged once — then
starts PostgreSQL and checks pages come back within two seconds and the end is logged once.

Run by scripts/test after the browser tests; needs PostgreSQL's binaries and `.build/debug/c4c`.
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("C4C_BINARY", os.path.join(ROOT, ".build", "debug", "c4c"))
ARTIFACTS = os.environ.get("C4C_ARTIFACTS", tempfile.gettempdir())
OUTAGE_STARTED = "PostgreSQL unavailable"
OUTAGE_ENDED = "PostgreSQL available again"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not found:
        pytest.skip("PostgreSQL binaries are not installed")
    return found[-1]


class Cluster:
    """A PostgreSQL cluster in a temporary folder, run as the postgres user when we are root."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = tempfile.mkdtemp(prefix="c4c-outage-pg.")
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def run(self, tool, *args):
        command = [f"{self.bin}/{tool}", *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-w", "-l", f"{self.dir}/log", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start")

    def stop(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-w", "-m", "fast", "stop")

    def destroy(self):
        try:
            self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres?sslmode=disable"


def fetch(url, timeout=10):
    """(status, headers, body, seconds taken), whatever the status."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(), time.monotonic() - started


@pytest.fixture
def site():
    if not os.path.exists(BINARY):
        pytest.skip(f"{BINARY} is not built")
    cluster = Cluster()
    cluster.start()
    folder = tempfile.mkdtemp(prefix="c4c-outage-site.")
    log_path = os.path.join(ARTIFACTS, "outage-server.log")
    log = open(log_path, "w")
    port = free_port()
    environment = dict(os.environ, DATABASE_URL=cluster.url, C4C_ROOT=ROOT, C4C_MAIL_DIR=os.path.join(folder, "mail"))
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise AssertionError("c4c serve exited:\n" + open(log_path).read())
            try:
                if fetch(base + "/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise AssertionError("c4c serve did not answer /healthz:\n" + open(log_path).read())
        yield base, cluster, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        cluster.destroy()
        shutil.rmtree(folder, ignore_errors=True)


def log_lines(path, text):
    with open(path) as log:
        return [line for line in log if text in line]


def test_a_postgres_outage_serves_kept_pages_answers_503_quickly_and_recovers_within_two_seconds(site):
    base, cluster, log_path = site
    warmed = fetch(base + "/about")
    assert warmed[0] == 200
    again = fetch(base + "/about")
    assert again[1]["X-Cache"] == "hit"

    cluster.stop()

    status, _, _, seconds = fetch(base + "/healthz")
    print(f"/healthz right after the stop: {status} in {seconds:.2f} s")
    assert status == 503
    assert seconds < 1.0, f"/healthz took {seconds:.2f} s"

    status, headers, body, seconds = fetch(base + "/about")
    assert status == 200, "the kept page is still served"
    assert body == warmed[2]
    assert seconds < 0.5

    status, headers, body, seconds = fetch(base + "/events")
    print(f"first uncached page during the outage: {status} in {seconds:.2f} s")
    assert status == 503
    assert headers["Retry-After"]
    assert "Temporarily unavailable" in body
    assert seconds < 3.0, f"the 503 took {seconds:.2f} s"

    status, headers, body, seconds = fetch(base + "/fr/events")
    assert status == 503
    assert "Momentanément indisponible" in body
    assert seconds < 0.5, "once the outage is known, a 503 is immediate"

    for _ in range(10):
        assert fetch(base + "/blog")[0] == 503
        assert fetch(base + "/about")[0] == 200
    status, _, _, seconds = fetch(base + "/healthz")
    assert status == 503 and seconds < 1.0

    cluster.start()
    back = time.monotonic()
    while True:
        status = fetch(base + "/events")[0]
        waited = time.monotonic() - back
        if status == 200:
            break
        assert waited < 2.0, f"pages still answer {status} {waited:.2f} s after PostgreSQL started"
        time.sleep(0.05)
    print(f"pages answered 200 again {waited:.2f} s after PostgreSQL started")
    assert fetch(base + "/healthz")[0] == 200
    assert fetch(base + "/blog")[0] == 200

    assert len(log_lines(log_path, OUTAGE_STARTED)) == 1, open(log_path).read()
    assert len(log_lines(log_path, OUTAGE_ENDED)) == 1, open(log_path).read()
    assert not log_lines(log_path, "Request failed"), "no request ended in a 500"
