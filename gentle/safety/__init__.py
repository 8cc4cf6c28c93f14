"""Safety: the first-run note (notice.md) and support lines by country (resources.yaml).

No textual here. The TUI shows these; handouts print them at the foot of the page.
"""

from gentle.safety.notice import Notice, load_notice
from gentle.safety.resources import (
    Contact,
    CountryResources,
    Emergency,
    all_countries,
    contact_lines,
    resources_for,
    user_resources_file,
)

__all__ = [
    "Contact",
    "CountryResources",
    "Emergency",
    "Notice",
    "all_countries",
    "contact_lines",
    "load_notice",
    "resources_for",
    "user_resources_file",
]
