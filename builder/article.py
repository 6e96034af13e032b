"""Make the article record from a raw document: clean the body, lift the metadata, give a stable id."""

from __future__ import annotations

import hashlib

from builder import clean

METADATA_FIELDS = ("title", "author", "published", "url", "language", "site_name", "section")


def content_id(text: str) -> str:
    """A stable id from the clean text: the same article read twice, from any path, gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def extract(doc: dict) -> dict:
    """Body and metadata of a raw document, by what its content is."""
    if doc["content_format"] == "html":
        return clean.extract_html(doc["content"], url=doc["fields"].get("url"))
    if doc["content_format"] == "scraped":
        return clean.extract_text(doc["content"])
    return {"text": clean.normalise_text(doc["content"])}


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    value = clean.normalise_text(str(value)).strip()
    return value or None


def make_article(doc: dict, default_language: str) -> tuple[dict | None, dict | None]:
    """(article, None), or (None, {reason, detail}) when no article text is found."""
    extracted = extract(doc)
    text = extracted.get("text", "").strip()
    if not text:
        return None, {"reason": "no_article", "detail": "no article body found in the document"}
    metadata = {field: _text_or_none(extracted.get(field)) for field in METADATA_FIELDS}
    # A jsonl column the recipe maps is the user's word: it wins over what extraction guessed.
    metadata.update({field: _text_or_none(doc["fields"][field]) for field in METADATA_FIELDS if field in doc["fields"]})
    mapped_id = doc["fields"].get("id")
    article = {
        "id": str(mapped_id) if mapped_id not in (None, "") else content_id(text),
        **metadata,
        "text": text,
        "source": {"uri": doc["uri"], "sha256": doc["sha256"], "format": doc["format"]},
    }
    article["language"] = article["language"] or default_language
    return article, None
