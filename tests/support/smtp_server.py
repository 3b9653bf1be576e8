"""A real SMTP server for the mail tests: aiosmtpd, optionally with STARTTLS and login."""

import socket
import ssl
import subprocess
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USERNAME, SECRET = "intranet", "smtp-wachtwoord"


class Recorder:
    """An SMTP handler that keeps what it receives and can refuse chosen recipients."""

    def __init__(self, refuse=None):
        self.messages = []
        self.connections = set()  # the client's (host, port): one per SMTP connection
        self.refuse = refuse or {}  # address -> reply, e.g. "550 onbekend"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Accept a recipient, or give the reply chosen for it."""
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message and note the connection it came over."""
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
def smtp_server(recorder, tls_directory=None):
    """Run the server; with tls_directory it requires STARTTLS and a login. Yields config."""
    options, config = {}, {}
    if tls_directory is not None:
        cert, key = self_signed_certificate(tls_directory)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        options = {
            "tls_context": context,
            "require_starttls": True,
            "auth_required": True,
            "authenticator": check_login,
        }
        config = {
            "MAIL_USE_TLS": True,
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
