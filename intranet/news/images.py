"""A news item's image: checked by its content (not its name), limited in size, stored in the
instance folder (outside the static folder) under a random name, served by news/routes.py."""

import io
import os
import secrets

from flask import current_app
from PIL import Image, UnidentifiedImageError

from intranet.refusals import Refused

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
NAME_LENGTH = 32


def folder():
    """Where the images live: instance/news-images (created when needed)."""
    path = os.path.join(current_app.instance_path, "news-images")
    os.makedirs(path, exist_ok=True)
    return path


def store(upload):
    """Check an uploaded file and store it; returns its new name. Refused if it is no PNG,
    JPEG or WebP image, or too large."""
    limit = current_app.config["NEWS_IMAGE_MAX_BYTES"]
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"De afbeelding is te groot (hoogstens {limit // 1024} kB).", field="image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        message = "Dit is geen afbeelding (PNG, JPEG of WebP)."
        raise Refused(message, field="image") from error
    if kind not in FORMATS:
        raise Refused("Gebruik een PNG-, JPEG- of WebP-afbeelding.", field="image")
    name = f"{secrets.token_hex(NAME_LENGTH // 2)}.{FORMATS[kind]}"
    with open(os.path.join(folder(), name), "wb") as file:
        file.write(data)
    return name


def is_name(name):
    """True for a name `store` could have made (nothing else is ever opened)."""
    stem, _, extension = name.partition(".")
    return (
        len(stem) == NAME_LENGTH
        and all(c in "0123456789abcdef" for c in stem)
        and extension in FORMATS.values()
    )
