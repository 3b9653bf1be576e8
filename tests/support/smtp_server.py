"""A real SMTP server for the mail tests: aiosmtpd, optionally with STARTTLS (or implicit
TLS) and login; and servers that misbehave: one that hangs, one that answers slowly."""

import asyncio
import socket
import ssl
import subprocess
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USERNAME, SECRET = "intranet", "smtp-wachtwoord"


class Recorder:
    """An SMTP handler that keeps what it receives and can refuse chosen recipients."""

    def __init__(self, refuse=None, delay=0):
        self.messages = []
        self.connections = set()  # the client's (host, port): one per SMTP connection
        self.refuse = refuse or {}  # address -> reply, e.g. "550 onbekend"
        self.delay = delay  # seconds the server takes over each message's DATA

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Accept a recipient, or give the reply chosen for it."""
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message and note the connection it came over."""
        if self.delay:
            await asyncio.sleep(self.delay)
        self.connections.add(session.peer)
        self.messages.append(envelope)
        return "250 OK"


def check_login(server, session, envelope, mechanism, auth_data):
    """The server's one account."""
    ok = auth_data.login == USERNAME.encode() and auth_data.password == SECRET.encode()
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


def free_port():
    """A TCP port on the loopback that nobody listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(directory):
    """A certificate and key for 127.0.0.1, made by openssl for this test only."""
    cert, key = directory / "smtp.crt", directory / "smtp.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@contextmanager
def smtp_server(recorder, tls_directory=None, implicit_tls=False):
    """Run the server; with tls_directory it requires STARTTLS (or, with implicit_tls, speaks
    TLS from the first byte, as on port 465) and a login. Yields the app's mail settings."""
    options, config = {}, {}
    if tls_directory is not None:
        cert, key = self_signed_certificate(tls_directory)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        # aiosmtpd knows TLS only from STARTTLS: on an implicit-TLS server, allow AUTH as is.
        tls = (
            {"ssl_context": context, "auth_require_tls": False}
            if implicit_tls
            else {"tls_context": context}
        )
        options = {
            **tls,
            "require_starttls": not implicit_tls,
            "auth_required": True,
            "authenticator": check_login,
        }
        config = {
            "MAIL_USE_TLS": not implicit_tls,
            "MAIL_USE_SSL": implicit_tls,
            "MAIL_CA_FILE": str(cert),
            "MAIL_USERNAME": USERNAME,
            "MAIL_PASSWORD": SECRET,
        }
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, **config}
    finally:
        controller.stop()


@contextmanager
def hanging_server():
    """An address that takes TCP connections and never says a word, like an SMTP server that
    hangs: the kernel completes the handshake, nobody ever answers. Yields the settings."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sock.getsockname()[1]}
