"""The commands a person types often, and what the store holds once they have run."""

from __future__ import annotations

from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from tests.support.cli import Cli

ID = "sco-defence-ministers-23"
# The commands a person types often, in an order where each has something to act on.
WRITES = [
    ["annotate", ID, "Minister attends"],
    ["unannotate", ID, "1"],
    ["status", ID, "confirmed"],
    ["cancel", "sco-summer-games-2026"],
    ["held", "sco-transport-ministers-13"],
    ["confirm", "sco-open-cup-2026"],
    ["postpone", ID, "mars 2027", "--note", "moved"],
    ["reschedule", ID, "2027-04-14"],
    ["tag", ID, "+priority", "+draft"],
    ["tag", ID, "-draft"],
    ["edit", ID, "city=Bichkek", "summary=Ours"],
    ["add", "Energy ministers", "--date", "mai 2027", "--org", "SCO", "--country", "kz"],
    ["remind", "add", ID, "--before", "14d"],
    ["remind", "snooze", "1", "3d"],
    ["remind", "due"],
    ["remind", "rm", "1"],
    ["postpone", "sco-open-cup-2026", "sine die"],
    ["rm", "sco-summer-games-2026"],
    ["restore", "sco-summer-games-2026"],
    ["undo"],  # the restore: deleted again
]


def check_writes_done(db: str) -> None:
    """After WRITES ran in order on a seeded store: each did its work, once."""
    cli = Cli(db)
    shown = cli.json("show", ID)
    assert (shown["status"], shown["start"], shown["date_text"]) == (
        "postponed",
        "2027-04-14",
        "2027-04-14",
    )
    assert (shown["tags"], shown["cities"], shown["summary"]) == (["priority"], ["Bishkek"], "Ours")
    assert shown["annotations"] == [] and len(shown["deleted_annotations"]) == 1
    assert shown["reminders"] == []
    actions = [h["action"] for h in shown["history"]]
    assert actions[0] == "created" and actions[-1] == "unremind"
    assert [a for i, a in enumerate(actions) if i == 0 or a != actions[i - 1]] == [
        "created",
        "annotate",
        "unannotate",
        "status",  # confirmed, then postponed with the new window's parts
        "reschedule",
        "tag",  # added one, then removed one: each its own entry
        "edit",
        "remind",
        "snooze",
        "unremind",
    ]
    tags = [h for h in shown["history"] if h["action"] == "tag"]
    assert [(c["old"], c["new"]) for h in tags for c in h["changes"]] == [
        (None, "draft"),
        (None, "priority"),
        ("draft", None),
    ]
    for event_id, state in [
        ("sco-transport-ministers-13", "held"),
        ("sco-open-cup-2026", "postponed"),
    ]:
        assert cli.json("show", event_id)["status"] == state
    assert cli.json("show", "sco-open-cup-2026")["sine_die"] is not None
    # Cancelled, deleted, restored, and the restore undone: deleted again.
    gone = cli("show", "sco-summer-games-2026")
    assert gone.exit_code != 0 and "was deleted" in gone.stderr
    store = Store(resolve_target(db))
    summer = store.reader.event("sco-summer-games-2026")
    store.close()
    assert summer.deleted_at is not None and summer.status is ConfirmationState.CANCELLED
    assert [h.action for h in summer.history][-4:] == ["status", "delete", "restore", "undo"]
    (added,) = cli.json("list", "--all", "energy", "ministers", "--country", "kz")
    assert added["origin"] == "user" and added["status"] == "provisional"
