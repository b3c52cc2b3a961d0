"""Sentences members see from more than one place (commands, buttons, reminder messages)."""

APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again in a moment."
DISCLAIMER = "Tips from runners and coaches, not medical advice."


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 run', '2 runs', '0 weeks'; `many` for irregular plurals."""
    return f"{count} {word if count == 1 else many or word + 's'}"
