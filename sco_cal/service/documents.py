"""Reading a new document into a review of calendar changes, and applying it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import HistoryEntry
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.ingest.dating import DocumentDate
    from sco_cal.ingest.document import Document
    from sco_cal.ingest.plan import ApplyReport
    from sco_cal.ingest.review import ReviewItem


class Documents:
    """Bulletins and notes read against the calendar, and the accepted changes written."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def review(
        self,
        path: Path | str,
        as_of: date | str | None = None,
        source_name: str | None = None,
        *,
        progress: Progress = QUIET,
    ) -> list[ReviewItem]:
        """What a document would change in the calendar, item by item; nothing is written.

        `as_of` is the document's date (year-less dates take its year); by default the
        date printed in its header, else the date the store knows for it, else today.
        """
        from sco_cal.ingest.document import read_document
        from sco_cal.ingest.extract import extract
        from sco_cal.ingest.review import build_review

        progress.start(_("reading {file}").format(file=Path(path).name))
        document = read_document(Path(path), name=source_name)
        progress.start(_("finding meetings and dates"))
        extraction = extract(document, document_date=self._document_date(document, as_of))
        progress.start(_("comparing with the calendar"))
        return build_review(
            extraction, self._events.find(EventFilter(scope=Scope.ALL)), self._history_of
        )

    def choose(self, items: Sequence[ReviewItem], choices: Mapping[int, str]) -> list[ReviewItem]:
        """The review with each ambiguous item `n` of `choices` tied to the event chosen
        for it (an event id among its candidates, or `new`)."""
        from sco_cal.ingest.review import choose

        numbers = {item.number for item in items}
        unknown = sorted(set(choices) - numbers)
        if unknown:
            raise InvalidInput(_("the review has no item #{number}").format(number=unknown[0]))
        events = self._events.find(EventFilter(scope=Scope.ALL))
        return [
            choose(item, choices[item.number], events, self._history_of)
            if item.number in choices
            else item
            for item in items
        ]

    def _history_of(self, event_id: str) -> list[HistoryEntry]:
        return self._ctx.store.reader.history(event_id=event_id, oldest_first=True)

    def apply(
        self,
        items: Sequence[ReviewItem],
        accepted_ids: Collection[int] | None = None,
        *,
        overwrite_ids: Collection[int] = (),
        force_user_fields: bool = False,
        progress: Progress = QUIET,
    ) -> ApplyReport:
        """Apply the accepted items (all new and update items when None) in one transaction.

        Fields a person set by hand are kept unless the item is in `overwrite_ids` or
        `force_user_fields` is set; the report lists them.
        """
        from sco_cal.ingest.plan import plan
        from sco_cal.store.ingesting import apply_steps

        steps, report = plan(
            items, accepted_ids, overwrite=overwrite_ids, force_user_fields=force_user_fields
        )
        if steps:
            progress.start(_("writing the changes"))
            self._ctx.record(apply_steps, steps=steps)
        return report

    def _document_date(self, document: Document, as_of: date | str | None) -> DocumentDate:
        """`--as-of`, else the date the document prints, else the one the store knows for
        it, else today's, marked as assumed."""
        from sco_cal.domain.date_phrases import parse_date_phrase
        from sco_cal.ingest.dating import DocumentDate, document_date

        if isinstance(as_of, date):
            return DocumentDate(as_of, "--as-of")
        if as_of:
            # A document is dated on or before the day it is read: "lundi" is the last one.
            window = parse_date_phrase(as_of, today=self._ctx.today, looking_back=True)
            if window.start != window.end:
                raise InvalidInput(
                    _("--as-of must name one day, not '{phrase}'").format(phrase=as_of)
                )
            return DocumentDate(window.start, "--as-of")
        printed = document_date([line.text for line in document.lines])
        if printed is not None:
            return printed
        known = self._ctx.store.reader.document_published(document.name)
        if known is not None:
            return DocumentDate(known, _("the date the calendar has for this document"))
        today = _("today's date: the document prints none")
        return DocumentDate(self._ctx.today, today, assumed=True)
