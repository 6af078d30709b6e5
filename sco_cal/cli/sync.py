"""`sco-cal sync`: two-way sync with CalDAV collections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from sco_cal.cli.common import command_context
from sco_cal.cli.options import Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.cli.progress import progress_on_stderr
from sco_cal.domain.errors import Conflict, InvalidInput
from sco_cal.domain.sync import Part, Prefer
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sco_cal.config.sync import SyncSettings
    from sco_cal.service.sync import SyncReport, SyncTarget

app = typer.Typer()


@app.command(
    "sync",
    help=N_(
        "Sync with CalDAV collections: changes made here go there, changes made there come here."
    ),
)
def sync(
    url: Annotated[
        str | None,
        typer.Argument(
            metavar="[URL]",
            help=N_("The collection's URL (default: every collection in [sync.collections])."),
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help=N_("Import events others created in the collection under ORG (SCO, CSTO...)."),
        ),
    ] = None,
    prefer: Annotated[
        Prefer | None,
        typer.Option(
            "--prefer", help=N_("Settle conflicts (both sides changed): local or remote.")
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=N_("Say what would change on both sides and list conflicts; write nothing."),
        ),
    ] = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        targets = _targets(url, org, cli.settings.sync)
        reports = []
        try:
            with progress_on_stderr() as progress:
                for target in targets:
                    reports.append(
                        cli.service.sync.run(
                            target, prefer=prefer, dry_run=dry_run, lang=cli.lang, progress=progress
                        )
                    )
        finally:
            for target in targets:
                target.collection.close()
        if cli.fmt is Format.JSON:
            cli.json([_record(r) for r in reports])
        else:
            cli.out("\n".join(line for r in reports for line in _lines(r)))
        left = sum(len(r.conflicts) for r in reports)
        if left and not dry_run:
            raise Conflict(
                ngettext(
                    "%(n)d event changed on both sides was left as it is: "
                    "see `sync --dry-run`, then settle with --prefer local|remote",
                    "%(n)d events changed on both sides were left as they are: "
                    "see `sync --dry-run`, then settle with --prefer local|remote",
                    left,
                )
                % {"n": left}
            )


def _targets(url: str | None, org: str | None, settings: SyncSettings) -> list[SyncTarget]:
    from sco_cal.config.sync import checked_url, credentials_for
    from sco_cal.domain.organisations import organisation_code
    from sco_cal.interchange.server import Collection
    from sco_cal.service.sync import SyncTarget

    given = organisation_code(org) if org else None
    if url is None:
        chosen = [(c.url, c.organisations) for c in settings.collections]
        if not chosen:
            raise InvalidInput(
                _(
                    "no collection to sync: give its URL, or list collections under "
                    "[sync.collections] in the configuration file"
                )
            )
    else:
        clean = checked_url(url)
        configured = {c.url: c.organisations for c in settings.collections}
        chosen = [(clean, configured.get(clean, ()))]
    targets = []
    for where, orgs in chosen:
        codes = tuple(organisation_code(o) for o in orgs)
        who = credentials_for(where, settings)
        collection = Collection(where, who.username, who.password, who.origin)
        others = given or (codes[0] if len(codes) == 1 else None)
        targets.append(SyncTarget(collection, codes, others))
    return targets


def _record(report: SyncReport) -> dict[str, Any]:
    return {
        "collection": report.url,
        "dry_run": report.dry_run,
        "pulled": [{"id": i, "changed": parts} for i, parts in report.pulled.items()],
        "imported": report.imported,
        "created": report.created,
        "updated": report.updated,
        "removed_on_server": report.removed_there,
        "conflicts": [
            {"id": c.event_id, "parts": list(c.parts), "here": c.here, "there": c.there}
            for c in report.conflicts
        ],
        "skipped": [{"resource": what, "reason": why} for what, why in report.skipped],
    }


def _lines(report: SyncReport) -> list[str]:
    label = report.labels
    lines = [
        _(
            "%(url)s: from the server %(pulled)d changed, %(imported)d new; to the server "
            "%(created)d new, %(updated)d changed; %(conflicts)d in conflict"
        )
        % {
            "url": safe(report.url),
            "pulled": len(report.pulled),
            "imported": len(report.imported),
            "created": len(report.created),
            "updated": len(report.updated),
            "conflicts": len(report.conflicts),
        }
    ]
    # Ids are escaped too: an event others created takes its id from the server's UID.
    lines += [
        f"  < {safe(i)}: {', '.join(map(_part_word, p))}  {safe(label.get(i, ''))}"
        for i, p in report.pulled.items()
    ]
    lines += [f"  < + {safe(i)}  {safe(label.get(i, ''))}" for i in report.imported]
    lines += [f"  > + {safe(i)}" for i in report.created]
    lines += [f"  > {safe(i)}" for i in report.updated]
    lines += [
        "  - " + _("%(id)s: removed from the collection on the server; kept here") % {"id": safe(i)}
        for i in report.removed_there
    ]
    for c in report.conflicts:
        shown = "; ".join(
            _("{part}: here {here} / there {there}").format(
                part=_part_word(p), here=safe(c.here.get(p, "-")), there=safe(c.there.get(p, "-"))
            )
            for p in c.parts
        )
        lines.append(f"  ! {safe(c.event_id)}  {safe(label.get(c.event_id, ''))}: {shown}")
    lines += [f"  ? {safe(what)}: {safe(why)}" for what, why in report.skipped]
    if report.dry_run:
        lines.append(_("dry run: nothing was written"))
    return lines


# The parts of an event a calendar program changes, as the report names them (the JSON
# keeps the enumerated values).
_PART_WORDS = {Part.STATUS: N_("status"), Part.DATES: N_("dates"), Part.TITLE: N_("title")}


def _part_word(part: str) -> str:
    return _(_PART_WORDS[Part(part)])
