"""Which language the locale variables ask for, and English until a catalogue is chosen."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sco_cal.i18n import _, language_from_environment, ngettext
from tests.support.cli import Cli
from tests.support.env import subprocess_env


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.utf8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "fr_BE@euro", "LANG": "en_US"}, "fr"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_the_locale_variables_name_a_language_in_gettext_order(
    environ: dict[str, str], expected: str | None
) -> None:
    assert language_from_environment(environ) == expected


def test_text_is_english_until_a_catalogue_is_chosen() -> None:
    assert _("meeting") == "meeting"
    assert ngettext("{n} meeting", "{n} meetings", 3) == "{n} meetings"


def test_french_help_in_a_french_environment(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path, LANG="fr_FR.UTF-8")
    shown = subprocess.run(
        [sys.executable, "-m", "sco_cal", "list", "--help"], env=env, capture_output=True, text=True
    )
    assert shown.returncode == 0
    assert "Usage\u00a0: sco-cal list" in shown.stdout
    assert "Affiche cette aide" in shown.stdout
    assert "Show this message" not in shown.stdout


def test_lang_option_beats_config_beats_environment(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('lang = "en"\n', encoding="utf-8")
    env = subprocess_env(tmp_path, LC_ALL="fr_FR.UTF-8")

    def usage(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "sco_cal", "list", "--bogus", *args],
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 2
        return run.stderr

    assert "No such option: --bogus" in usage()
    assert "Option inconnue\u00a0: --bogus" in usage("--lang", "fr")
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    assert "Option inconnue\u00a0: --bogus" in usage()


def in_french(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`sco-cal ARGS --lang fr`, as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sco_cal", *args, "--lang", "fr"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_errors_about_files_titles_and_reminder_settings_speak_french(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path)

    def error(*args: str) -> str:
        run = in_french(env, *args)
        assert run.returncode == 2, run.stderr
        return run.stderr

    missing = tmp_path / "absent.txt"
    assert error("ingest", str(missing)) == (
        f"sco-cal: erreur\u00a0: impossible de lire {missing}\u00a0: ce fichier n’existe pas\n"
    )
    (tmp_path / "scan.txt").write_bytes(b"PDF\x00\x01")
    assert "semble être un fichier binaire (il contient des octets NUL)" in error(
        "ingest", str(tmp_path / "scan.txt")
    )
    assert "le titre est vide" in error("add", " ", "--date", "mai 2027", "--org", "OCS")
    config = tmp_path / "config.toml"
    config.write_text('[reminders]\ndefaults = [{before = ["bientôt"]}]\n', encoding="utf-8")
    assert error("list") == (
        f"sco-cal: erreur\u00a0: {config}\u00a0: [reminders] defaults[0]\u00a0: before = "
        '«\u00a0bientôt\u00a0» n’est pas un nombre de jours ou de semaines ("7d", "2w")\n'
    )


def test_a_review_says_in_french_where_the_document_s_date_comes_from(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path, SCO_CAL_TODAY="2027-03-05")

    def review(path: Path, *options: str) -> str:
        run = in_french(env, "ingest", str(path), *options)
        assert run.returncode == 0, run.stderr
        return run.stdout

    dated = tmp_path / "note.txt"
    dated.write_text(
        "Note d'information, Paris, le 3 mars 2027\n\n"
        "Les ministres de la Culture de l'OCS se retrouveront fin avril à Tachkent.\n",
        encoding="utf-8",
    )
    assert review(dated).splitlines()[0] == (
        "document daté du 2027-03-03, d’après la ligne du document "
        "« Note d'information, Paris, le 3 mars 2027 »"
    )
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Les ministres de la Culture de l'OCS se retrouveront fin avril à Tachkent.\n",
        encoding="utf-8",
    )
    items = json.loads(review(undated, "--format", "json"))
    assert items[0]["document_date_from"] == "la date du jour\u00a0: le document n’en porte aucune"


def test_the_history_says_in_french_what_sco_cal_wrote_and_keeps_a_person_s_words(
    cli: Cli,
) -> None:
    target = "sco-summer-games-2026"
    assert cli("annotate", target, "Visa à demander").exit_code == 0
    assert cli("confirm", target, "--note", "confirmed by the embassy").exit_code == 0
    assert cli("remind", "add", target, "--on", "2026-12-20").exit_code == 0
    shown = cli("show", target, "--lang", "fr").stdout
    assert "(des données initiales\u00a0; date tirée de " in shown
    assert re.search(r"\(note n°\u00a0\d+\)", shown)
    assert "(confirmed by the embassy)" in shown
    assert re.search(r"\(rappel n°\u00a0\d+ pour le 2026-12-20\)", shown)
    assert not re.search(r"from the seed data|annotation #|reminder #", shown)
    english = cli("show", target).stdout
    assert "(from the seed data; date from " in english and "annotation #" in english
