#!/usr/bin/env python3
"""A real SMTP server for the tests: aiosmtpd, saving every message it accepts.

    python3 Tests/smtp/server.py --directory DIR [--port N] [--tls starttls|implicit]
        [--cert-for NAME] [--auth USER:PASSWORD [--auth-only PLAIN|LOGIN]] [--refuse 550|451] [--refuse-data 554|452]

Each accepted message becomes DIR/messages/N.json: the envelope, whether the session was under
TLS and who logged in, the raw data, and the message as Python's `email` package reads it
(decoded subject and addresses, every part with its type, file name and decoded content).
With --tls it uses DIR/cert.pem and DIR/key.pem, making a self-signed pair for localhost and
127.0.0.1 with openssl when they are missing; a client trusts DIR/cert.pem. --refuse answers
every RCPT TO with that code; a recipient whose local part starts with "refuse" is always
answered 550. --refuse-data answers the end of the data with that code.
When it listens it writes its port to DIR/port and prints "ready PORT"; it stops on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import base64
import email
import email.policy
import errno
import json
import os
import signal
import ssl
import subprocess
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def certificate(directory, name):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    if not (os.path.exists(cert) and os.path.exists(key)):
        names = f"DNS:{name}" if name else "DNS:localhost,IP:127.0.0.1"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name or 'localhost'}",
             "-addext", f"subjectAltName={names}",
             "-keyout", key, "-out", cert],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def decoded(data):
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            parts.append({"content_type": part.get_content_type(), "multipart": True})
            continue
        content = part.get_content()
        entry = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
        }
        if isinstance(content, str):
            entry["text"] = content
        else:
            entry["base64"] = base64.b64encode(content).decode("ascii")
        parts.append(entry)
    return {
        "subject": str(message["subject"]),
        "from": str(message["from"]),
        "to": str(message["to"]),
        "from_name": message["from"].addresses[0].display_name if message["from"] else None,
        "to_name": message["to"].addresses[0].display_name if message["to"] else None,
        "content_type": message.get_content_type(),
        "headers": {name: str(value) for name, value in message.items()},
        "defects": [type(defect).__name__ for part in message.walk() for defect in part.defects],
        "parts": parts,
    }


class SavingHandler:
    def __init__(self, directory, refuse, refuse_data):
        self.directory = os.path.join(directory, "messages")
        os.makedirs(self.directory, exist_ok=True)
        self.refuse = refuse
        self.refuse_data = refuse_data
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 No such mailbox here"
        if self.refuse == 550:
            return "550 5.1.1 No such mailbox here"
        if self.refuse == 451:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data == 554:
            return "554 5.6.0 Message refused"
        if self.refuse_data == 452:
            return "452 4.3.1 Insufficient storage, try later"
        data = envelope.original_content or envelope.content
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data if session.authenticated else None,
            "data": data.decode("utf-8", errors="replace"),
            "decoded": decoded(data),
        }
        with self.lock:
            number = len(os.listdir(self.directory)) + 1
            path = os.path.join(self.directory, f"{number}.json")
            with open(path + ".tmp", "w") as file:
                json.dump(record, file, ensure_ascii=False, indent=1)
            os.rename(path + ".tmp", path)
        return "250 2.0.0 Saved"


def authenticator_for(expected):
    user, password = expected.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)

    return authenticate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--directory", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    parser.add_argument("--cert-for", help="the one name the certificate is for (localhost and 127.0.0.1 by default)")
    parser.add_argument("--auth")
    parser.add_argument("--auth-only", choices=["PLAIN", "LOGIN"])
    parser.add_argument("--refuse", type=int, choices=[550, 451])
    parser.add_argument("--refuse-data", type=int, choices=[554, 452])
    options = parser.parse_args()
    os.makedirs(options.directory, exist_ok=True)

    handler = SavingHandler(options.directory, options.refuse, options.refuse_data)
    server_options = {"server_hostname": "localhost", "ident": "c4c test SMTP"}
    controller_options = {}
    if options.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate(options.directory, options.cert_for))
        if options.tls == "starttls":
            server_options.update(tls_context=context, require_starttls=True)
        else:
            controller_options["ssl_context"] = context
    if options.auth:
        server_options.update(authenticator=authenticator_for(options.auth), auth_required=True,
                              # aiosmtpd counts only STARTTLS as TLS; under implicit TLS it would hide AUTH.
                              auth_require_tls=options.tls == "starttls",
                              auth_exclude_mechanism=[m for m in ["PLAIN", "LOGIN"] if options.auth_only not in (None, m)])
    # A free port is found by binding a probe and letting it go; another socket of the machine (an
    # outgoing connection's own port, under a full test run) may take it first, so try again then.
    for attempt in range(20):
        port = options.port or free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **server_options, **controller_options)
        try:
            controller.start()
            break
        except OSError as error:
            if options.port or error.errno != errno.EADDRINUSE or attempt == 19:
                raise
    ready = os.path.join(options.directory, "port")
    with open(ready + ".tmp", "w") as file:
        file.write(str(port))
    os.rename(ready + ".tmp", ready)
    print(f"ready {port}", flush=True)

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    # A parent that starts this from a thread blocking signals (libdispatch's do) passes its mask on.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    while not stopped.wait(0.5):
        # Ends with the test that started it, should the test die without stopping it.
        if os.getppid() == 1:
            break
    controller.stop()


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
