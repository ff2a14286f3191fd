"""Every message eventcoder shows a user, with a code to search for and test on."""

from __future__ import annotations


class EventcoderError(Exception):
    """An error a user can act on; ``str()`` is the one-line message with its code."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code}: {MESSAGES[code].format(**fields)}")


MESSAGES: dict[str, str] = {
    "E001": "file not found: {path}",
    "E002": "cannot read {path}: {reason}",
    "E003": "bad date {value!r}: expected YYYY-MM-DD",
    "E004": "{path}, line {line}: not a JSON object with a 'text' field ({reason})",
    "E005": "{path}, line {line}: {reason}",
    "E006": "{path}: not valid UTF-8 text",
    "E010": "actor file {path}, line {line}: {reason}",
    "E011": "lexicon file {path}: {reason}",
    "E020": "gold file {path}: {reason}",
}
