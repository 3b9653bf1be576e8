"""Static URLs carry their content's hash and are cached long; others, and 404s, are not."""

import re

from intranet.static_files import LONG_CACHE, SHORT_CACHE, version_of


def _stylesheet(client):
    page = client.get("/inloggen").get_data(as_text=True)
    return re.search(r'href="(/static/css/intranet\.css\?v=[0-9a-f]{12})"', page).group(1)


def test_every_static_url_on_a_page_is_versioned(client):
    page = client.get("/inloggen").get_data(as_text=True)
    urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls)


def test_the_version_is_the_content_hash(app, client):
    url = _stylesheet(client)
    assert url.endswith(version_of(f"{app.static_folder}/css/intranet.css"))


def test_a_versioned_file_is_cached_a_year(client):
    response = client.get(_stylesheet(client))
    assert response.status_code == 200 and response.headers["Cache-Control"] == LONG_CACHE


def test_an_unversioned_or_stale_url_is_revalidated(client):
    for url in ("/static/css/intranet.css", "/static/css/intranet.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == SHORT_CACHE


def test_an_unknown_static_file_is_a_404_that_is_not_cached(client):
    response = client.get("/static/css/bestaat-niet.css?v=abcdef123456")
    assert response.status_code == 404
    assert (
        response.headers["Cache-Control"] == SHORT_CACHE
        and "max-age" not in response.headers["Cache-Control"]
    )


def test_a_new_content_is_a_new_url(tmp_path):
    path = tmp_path / "x.css"
    path.write_text("a{}")
    first = version_of(str(path))
    path.write_text("b{color:red}")
    assert version_of(str(path)) != first and version_of(str(tmp_path / "nee.css")) is None
