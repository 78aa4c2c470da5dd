"""No acknowledged save is lost to `kill -9`, and a retried create makes no duplicate, on both engines.

A real `c4c serve` (SQLite file, or PostgreSQL on a cluster of the test's own) takes concurrent
back-office saves from a few signed-in workers: creates, each with a one-time create token, and
edits of the worker's own items, each with the version it last saw. The server is killed with
SIGKILL at random moments and started again. A worker whose answer was lost waits for the server,
then retries a create with the same token, or reads an edit's item back from the database: it must
hold either what was last acknowledged or one of the unanswered attempts, whole. At the end every
item holds its last acknowledged save or a later unanswered one, every field from the same save,
and no create token made two items.

C4C_KILL_SAVES (default 1000) and C4C_KILLS (default 5) set the size; bench/kill-saves runs the
large one. Run by scripts/test; needs `.build/debug/c4c` and PostgreSQL's binaries.
"""
import http.client
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import uuid

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "outage"))
from test_outage import BINARY, ROOT, ARTIFACTS, Cluster, free_port  # noqa: E402
from test_two_instances import Browser, wait_healthy  # noqa: E402

SAVES = int(os.environ.get("C4C_KILL_SAVES", "1000"))
KILLS = int(os.environ.get("C4C_KILLS", "5"))
WORKERS = int(os.environ.get("C4C_KILL_WORKERS", "4"))
PASSWORD = "saves survive a hard kill"
LOST = (OSError, http.client.HTTPException, urllib.error.URLError)


class Server:
    """One `c4c serve`, killed and started again on the same port and database."""

    def __init__(self, engine, folder):
        self.folder, self.port = folder, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.up = threading.Event()
        self.starts = 0
        if engine == "postgres":
            self.cluster = Cluster()
            self.cluster.start()
            self.url = self.cluster.url
        else:
            self.cluster = None
            self.url = f"sqlite://{folder}/site.sqlite"
        self.environment = dict(os.environ, DATABASE_URL=self.url, C4C_ROOT=ROOT, C4C_MAIL_DIR=os.path.join(folder, "mail"),
                                C4C_PUBLIC_URL=self.base)
        self.process = None

    def start(self):
        self.starts += 1
        log_path = os.path.join(ARTIFACTS, f"kill-saves-{os.path.basename(self.folder)}-{self.starts}.log")
        self.process = subprocess.Popen([BINARY, "serve", "--port", str(self.port)], stdout=open(log_path, "w"),
                                        stderr=subprocess.STDOUT, env=self.environment, cwd=self.folder)
        wait_healthy(self.base, self.process, log_path)
        self.up.set()

    def kill(self):
        self.up.clear()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.cluster:
            self.cluster.destroy()

    def query(self, sql, *parameters):
        """Rows of text, straight from the database."""
        if self.cluster is None:
            with sqlite3.connect(f"{self.folder}/site.sqlite", timeout=30) as connection:
                return [tuple("" if v is None else str(v) for v in row) for row in connection.execute(sql, parameters)]
        for value in parameters:
            sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
        output = subprocess.run([f"{self.cluster.bin}/psql", "-h", "127.0.0.1", "-p", str(self.cluster.port), "-U", "postgres",
                                 "-At", "-F", "\x1f", "-R", "\x1e", "-c", sql], check=True, capture_output=True, text=True).stdout
        return [tuple(row.split("\x1f")) for row in output.strip("\n").split("\x1e") if row.strip("\n")]


class Worker(threading.Thread):
    """Saves pages as one signed-in editor, remembering what each answer acknowledged."""

    def __init__(self, server, number, budget, tally):
        super().__init__(daemon=True)
        self.server, self.number, self.budget, self.tally = server, number, budget, tally
        self.items = []  # each: id, version, acked (summary, body), pending [(summary, body)]
        self.tokens = []
        self.failure = None
        self.browser = Browser()

    def sign_in(self):
        status, _, _ = self.browser.post(self.server.base + "/admin/login",
                                         {"email": f"worker{self.number}@c4c.test", "password": PASSWORD})
        assert status == 303, f"worker {self.number} signs in"
        _, _, page = self.browser.request(self.server.base + "/admin/content/pages/new")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', page.decode()).group(1)

    def post(self, path, fields):
        """The answer's status and location, or None when the answer was lost."""
        self.server.up.wait(120)
        try:
            status, headers, _ = self.browser.post(self.server.base + path, {"_csrf": self.csrf, **fields})
            return status, headers.get("Location")
        except LOST:
            return None

    def run(self):
        try:
            self.sign_in()
            counter = 0
            while self.budget > 0:
                counter += 1
                if len(self.items) < 3 or random.random() < 0.25:
                    self.create(counter)
                else:
                    self.edit(random.choice(self.items), counter)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.failure = error

    def fields(self, token, counter):
        words = " ".join(random.choice(["play", "street", "school", "safe", "city", "child"]) for _ in range(random.randint(5, 200)))
        return {"summary": f"summary {token} {counter}", "body": f"body {token} {counter} {words}"}

    def create(self, counter):
        token = uuid.uuid4().hex
        self.tokens.append(token)
        fields = {"title": f"Kill {token}", "menu": "", "menu_position": "", "slug": "", "action": "draft",
                  "create_token": token, **self.fields(token, counter)}
        while True:
            self.budget -= 1
            answer = self.post("/admin/content/pages", fields)
            if answer is None:
                self.tally["lost"] += 1
                continue  # the same token again, once the server is back
            status, location = answer
            assert status == 303, f"a create answers a redirect, not {status}"
            if self.server.query("SELECT COUNT(*) FROM create_tokens WHERE token = ?", token)[0][0] != "1":
                raise AssertionError("the create token is remembered")
            self.tally["acknowledged"] += 1
            item_id = int(location.split("?")[0].rsplit("/", 1)[1])
            version = int(self.server.query("SELECT version FROM pages WHERE id = ?", item_id)[0][0])
            self.items.append({"id": item_id, "token": token, "version": version,
                               "acked": (fields["summary"], fields["body"]), "pending": []})
            return

    def edit(self, item, counter):
        self.budget -= 1
        fields = self.fields(item["token"], counter)
        answer = self.post(f"/admin/content/pages/{item['id']}",
                           {"title": f"Kill {item['token']}", "menu": "", "menu_position": "", "slug": "", "action": "draft",
                            "version": str(item["version"]), **fields})
        if answer is None:
            self.tally["lost"] += 1
            item["pending"].append((fields["summary"], fields["body"]))
            self.server.up.wait(120)
            # What is stored now is one whole save: the acknowledged one or the unanswered one.
            version, summary, body = self.server.query("SELECT version, summary, body FROM pages WHERE id = ?", item["id"])[0]
            assert (summary, body) in [item["acked"], *item["pending"]], f"item {item['id']} holds a save half-written or lost"
            if (summary, body) != item["acked"]:
                self.tally["stored unanswered"] += 1
            item.update(version=int(version), acked=(summary, body), pending=[])
            return
        status, _ = answer
        assert status == 303, f"an edit from the version last seen answers a redirect, not {status}"
        self.tally["acknowledged"] += 1
        item["version"] += 1
        item["acked"], item["pending"] = (fields["summary"], fields["body"]), []


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_kill_9_during_saves_loses_no_acknowledged_save_and_duplicates_no_create(engine):
    assert os.path.exists(BINARY), f"{BINARY} is not built"
    folder = tempfile.mkdtemp(prefix=f"c4c-kill-{engine}.")
    server = Server(engine, folder)
    try:
        server.start()
        for number in range(WORKERS):
            subprocess.run([BINARY, "create-admin", "--email", f"worker{number}@c4c.test", "--name", f"Worker {number}"],
                           check=True, cwd=folder, env=dict(server.environment, C4C_ADMIN_PASSWORD=PASSWORD),
                           stdout=subprocess.DEVNULL)
        tally = {"acknowledged": 0, "lost": 0, "stored unanswered": 0}
        workers = [Worker(server, number, SAVES // WORKERS, tally) for number in range(WORKERS)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        # Kills spread over the run, each at a random moment of its share of the saves.
        for kill in range(KILLS):
            target = SAVES * (kill + random.uniform(0.3, 0.9)) / (KILLS + 1)
            while tally["acknowledged"] + tally["lost"] < target and any(w.is_alive() for w in workers):
                time.sleep(0.005)
            time.sleep(random.uniform(0, 0.05))
            server.kill()
            server.start()
        for worker in workers:
            worker.join(timeout=600)
            assert not worker.is_alive(), "a worker never finished"
            if worker.failure:
                raise worker.failure
        elapsed = time.monotonic() - started

        for worker in workers:
            for item in worker.items:
                summary, body = server.query("SELECT summary, body FROM pages WHERE id = ?", item["id"])[0]
                assert (summary, body) in [item["acked"], *item["pending"]], f"item {item['id']} lost an acknowledged save"
        tokens = [token for worker in workers for token in worker.tokens]
        made = server.query("SELECT title, COUNT(*) FROM pages WHERE title LIKE 'Kill %' GROUP BY title")
        assert all(count == "1" for _, count in made), "a create token made two items"
        assert len(made) == len(tokens), "every create was acknowledged once"
        assert server.starts == KILLS + 1
        print(f"\n{engine}: {tally['acknowledged'] + tally['lost']} saves, {tally['acknowledged']} acknowledged, "
              f"{tally['lost']} answers lost ({tally['stored unanswered']} edits stored without their answer), "
              f"{KILLS} kills, {len(tokens)} creates, {elapsed:.1f} s")
    finally:
        server.stop()
