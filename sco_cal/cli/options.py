"""Options declared once: those every command takes, and the filters `list` and `export`
share. Each is a reusable `Annotated` type that a command names in its own signature."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from sco_cal.i18n import N_

COMMON = N_("Common options")
Many = list[str] | None

# Bounds for the numbers a command takes: a row id as large as the databases store
# them, and a count of things to list that no screen or script needs more of.
MAX_ID = 2**63 - 1
MAX_LIMIT = 1_000_000


class Format(StrEnum):
    TABLE = "table"
    TSV = "tsv"  # what a listing prints into a pipe: a header line, tab-separated
    JSON = "json"
    CSV = "csv"
    MD = "md"


# -- what every command takes, after its name ---------------------------------------------
Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH_OR_URL",
        rich_help_panel=COMMON,
        help=N_("Database file or URL (sqlite:///..., postgresql+psycopg://...); env SCO_CAL_DB."),
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        rich_help_panel=COMMON,
        help=N_("Pretend today is DATE (e.g. 2026-11-23); env SCO_CAL_TODAY."),
    ),
]
Fmt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-F",
        rich_help_panel=COMMON,
        help=N_(
            "Output: a table on a terminal, tab-separated lines (tsv) when a listing is "
            "piped, or json, csv, md."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        rich_help_panel=COMMON,
        help=N_("Language: en, fr (default: lang in the config, else LC_ALL, LC_MESSAGES, LANG)."),
    ),
]
NoColor = Annotated[
    bool,
    typer.Option(
        "--no-color",
        rich_help_panel=COMMON,
        help=N_("No colour (also when NO_COLOR is set or output is not a terminal)."),
    ),
]

# -- the filters of `list` and `export` ---------------------------------------------------
Words = Annotated[
    Many,
    typer.Argument(
        metavar="[@VIEW] [SEARCH]...",
        help=N_(
            "Words found in titles, places, excerpts and notes (case and accents ignored); "
            "@name applies a saved view."
        ),
    ),
]
AllEvents = Annotated[bool, typer.Option("--all", "-a", help=N_("Every event, past and future."))]
Past = Annotated[bool, typer.Option("--past", help=N_("Only events whose window has ended."))]
Org = Annotated[Many, typer.Option("--org", "-o", help=N_("Organisation (SCO, OCS, CSTO...)."))]
OrgLong = Annotated[Many, typer.Option("--org", help=N_("Organisation (SCO, OCS, CSTO...)."))]
Country = Annotated[
    Many, typer.Option("--country", "-c", help=N_("Country, any spelling or code."))
]
City = Annotated[Many, typer.Option("--city", help=N_("City, any spelling."))]
Status = Annotated[Many, typer.Option("--status", "-s", help=N_("State; repeat for several."))]
Theme = Annotated[
    Many, typer.Option("--theme", "-t", help=N_("Theme id or label (sub-themes included)."))
]
KindOption = Annotated[
    Many, typer.Option("--kind", "-k", help=N_("Kind (summit, ministerial, signing...)."))
]
Series = Annotated[Many, typer.Option("--series", help=N_("Series slug, e.g. defence-ministers."))]
Tag = Annotated[Many, typer.Option("--tag", help=N_("Tag."))]
DateFrom = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE", help=N_("Windows ending on or after (any date phrase).")
    ),
]
DateTo = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help=N_("Windows starting on or before (any date phrase).")
    ),
]
FollowUp = Annotated[bool, typer.Option("--follow-up", help=N_("Only events needing follow-up."))]
WithNotes = Annotated[bool, typer.Option("--annotated", help=N_("Only events with annotations."))]

# -- what recording commands share ---------------------------------------------------------
AllowPast = Annotated[
    bool,
    typer.Option(
        "--allow-past",
        help=N_("Accept a date or a moment that has already passed (a record made afterwards)."),
    ),
]
