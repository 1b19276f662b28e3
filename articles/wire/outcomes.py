"""What happened to one imported file or record, in the words of import_articles' output."""

from dataclasses import dataclass

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass(frozen=True)
class Result:
    """What happened to one file or record: `detail` is the site path or the reason."""

    outcome: str
    label: str
    detail: str = ""


class ImportFailed(Exception):
    """A file or record that cannot be imported; the message is the reason."""


def validation_reason(exc):
    if hasattr(exc, "error_dict"):
        return "; ".join(
            " ".join(messages) if field == "__all__" else f"{field}: {' '.join(messages)}"
            for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def saving_failure(exc):
    """ImportFailed for a database error while saving, naming its first line."""
    return ImportFailed(f"could not be saved ({str(exc).splitlines()[0]})")


def counted(number, noun):
    """ "1 file", "2 files": the output is English whatever the site's language."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
