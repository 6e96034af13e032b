"""Built-in generators; importing this package registers them by name."""

from builder.qa.generators import appositive, cause, definition, quote, wh  # noqa: F401
from builder.qa.generators import llm  # noqa: F401
