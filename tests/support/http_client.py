"""A plain HTTP client for the tests against a running server (the live demo server, or
gunicorn): its own cookies and its own source address on the loopback network, so the app
sees different client addresses."""

import http.client
from urllib.parse import urlencode, urlsplit

from intranet.demo import DEMO_PASSWORD
from tests.support.apply_support import ACTION, HIDDEN
from tests.support.decide import csrf_token


class Client:
    """A visitor over HTTP: keeps its cookies, speaks from one loopback address."""

    def __init__(self, server, address="127.0.0.1"):
        self.server, self.address, self.cookies = server, address, {}
        parts = urlsplit(server.url)
        self.host, self.port = parts.hostname, parts.port

    def request(self, method, path, data=None, headers=None):
        """One request; returns (status, headers, text). Redirects are not followed."""
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Content-Length"] = str(len(body))
        sent.update(headers or {})
        connection.putrequest(method, path, skip_host="Host" in sent)
        for name, value in sent.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if "Expires=Thu, 01 Jan 1970" in value or not cookie:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, dict(response.getheaders()), text

    def get(self, path, **kwargs):
        """GET a path."""
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields, page_path=None, headers=None):
        """Open the form's page, then post the fields with its CSRF token."""
        _, _, page = self.get(page_path or path)
        token = csrf_token(page)
        return self.request("POST", path, {"csrf_token": token, **fields}, headers)

    def log_in(self, email, password=DEMO_PASSWORD):
        """Post the login form; the status (302: logged in)."""
        return self.post_form("/inloggen", {"email": email, "password": password})[0]


def apply_over_http(client, name, contact_email_, password="een wachtwoord van mij"):
    """A stranger fills in the public application form (route basis) and saves it as a draft."""
    status, _, page = client.get("/aanmelden")
    steps = [
        {"route": "basis"},
        {
            "name": name,
            "sector": "bedrijf",
            "municipality": "Zoeterwoude",
            "website": "evil.example",
        },
        {
            "contact_name": "Kwaadwillende",
            "contact_email": contact_email_,
            "backup_name": "Bert Achtervang",
            "backup_email": "bert@evil.example",
        },
        {"password": password, "go": "save"},  # the last step: check, then keep as a draft
    ]
    for fields in steps:
        data = dict(HIDDEN.findall(page))
        data.update({"go": "next", **fields}, csrf_token=csrf_token(page))
        action = ACTION.search(page).group(1)
        status, headers, page = client.request("POST", action, data)
        if status == 303 and "/aanmelden/" in headers["Location"]:  # the next step
            status, _, page = client.get(urlsplit(headers["Location"]).path)
        elif status == 303:
            return status, headers
    return status, page
