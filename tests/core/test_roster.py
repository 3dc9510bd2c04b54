"""The spokesperson roster (issue 6): validation, who is on duty across time zones and
shifts, media-training staleness, the spokesperson operator's narrow view, and the CSV
importer that imports everything or nothing and names the bad line."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from commandcenter.models import AuditEntry, Spokesperson
from commandcenter.services import roster as r
from commandcenter.services.errors import ValidationError
from commandcenter.services.roster import shifts
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import Actor

WEEKDAYS = [{"days": "mon-fri", "start": "08:00", "end": "20:00"}]
NIGHTS = [{"days": "fri", "start": "22:00", "end": "06:00"}]


def person(name="Maya Chen", email="maya@larkmont.example", **kw) -> r.SpokespersonInput:
    kw.setdefault("phone", "")
    return r.SpokespersonInput(name, email=email, **kw)


def _count(vault) -> int:
    with vault.read() as session:
        return len(session.exec(select(Spokesperson)).all())


# --- on duty ----------------------------------------------------------------------------

@pytest.mark.parametrize("utc, zone, expected", [
    # Monday 30 Nov 2026, 15:00 UTC: 09:00 in Chicago, 15:00 in London, 00:00 Tue in Tokyo.
    (datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "America/Chicago", True),
    (datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "Europe/London", True),
    (datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "Asia/Tokyo", False),
    # 13:30 UTC is 07:30 in Chicago: not yet.
    (datetime(2026, 11, 30, 13, 30, tzinfo=UTC), "America/Chicago", False),
    # Saturday 12:00 London: weekday shifts only.
    (datetime(2026, 12, 5, 12, 0, tzinfo=UTC), "Europe/London", False),
])
def test_weekday_shift_in_the_persons_own_zone(utc, zone, expected):
    assert shifts.on_shift(WEEKDAYS, zone, utc) is expected


def test_a_night_shift_runs_past_midnight_and_summer_time_moves_it():
    # Friday 22:00 -> Saturday 06:00 in London.
    fri_23 = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)
    sat_05 = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)
    sat_07 = datetime(2026, 12, 5, 7, 0, tzinfo=UTC)
    thu_23 = datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    assert [shifts.on_shift(NIGHTS, "Europe/London", t) for t in (fri_23, sat_05, sat_07,
                                                                  thu_23)] == [True, True,
                                                                               False, False]
    # In July London is UTC+1: 21:30 UTC is 22:30 local, on shift; in December it is not.
    assert shifts.on_shift(NIGHTS, "Europe/London", datetime(2026, 7, 3, 21, 30, tzinfo=UTC))
    assert not shifts.on_shift(NIGHTS, "Europe/London",
                               datetime(2026, 12, 4, 21, 30, tzinfo=UTC))


def test_a_manual_setting_beats_the_rota():
    monday_noon = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert shifts.availability("", WEEKDAYS, "Europe/London", monday_noon) == "on_duty"
    assert shifts.availability("on_air", [], "Europe/London", monday_noon) == "on_air"
    assert shifts.availability("off_duty", WEEKDAYS, "Europe/London", monday_noon) == "off_duty"
    change = shifts.next_change(WEEKDAYS, "Europe/London", monday_noon)
    assert change == datetime(2026, 11, 30, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize("text, message", [
    ("someday 08:00-20:00", "Unknown day"), ("mon-fri 8-20", "not a time"),
    ("mon-fri 25:00-26:00", "not a time"), ("mon-fri", "not a shift")])
def test_rota_text_errors_say_what_to_write(text, message):
    with pytest.raises(shifts.ShiftError, match=message):
        shifts.parse_shift_text(text)


# --- the roster ---------------------------------------------------------------------------

def test_roster_rows_show_duty_local_time_and_stale_training(vault):
    r.add(vault, data=person(time_zone="America/Chicago", shifts=tuple(WEEKDAYS),
                             media_trained_on=date(2026, 6, 1), audiences=("Media",)))
    r.add(vault, data=person("Kenji Sato", "kenji@larkmont.example", time_zone="Asia/Tokyo",
                             shifts=tuple(WEEKDAYS), media_trained_on=date(2024, 1, 5)))
    rows = r.rows(vault, now=datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    assert [(x.person.name, x.availability) for x in rows] == [("Maya Chen", "on_duty"),
                                                               ("Kenji Sato", "off_duty")]
    assert rows[0].local_time.hour == 9 and rows[1].local_time.hour == 0
    assert [x.training_stale for x in rows] == [False, True]
    assert rows[0].audiences == ["media"]


@pytest.mark.parametrize("data, field", [
    (person(email="not-an-address"), "email"),
    (person(email="", phone="", messenger=""), "phone"),
    (person(time_zone="Mars/Olympus"), "time_zone"),
    (person(audiences=("Aliens",)), "audiences"),
    (person(languages=("English!",)), "languages"),
    (person(name="  "), "name"),
    (person(shifts=({"days": "mon", "start": "9", "end": "17:00"},)), "shifts"),
])
def test_bad_input_names_the_field_and_changes_nothing(vault, data, field):
    with pytest.raises(ValidationError) as info:
        r.add(vault, data=data)
    assert info.value.field == field and _count(vault) == 0


def test_duplicates_backups_and_retiring(vault):
    maya = r.add(vault, data=person(phone="+1 312 555 0100"))
    with pytest.raises(ValidationError, match="already has this e-mail"):
        r.add(vault, data=person("M. Chen", "MAYA@larkmont.example"))
    with pytest.raises(ValidationError, match="already has this phone"):
        r.add(vault, data=person("Other", "other@x.example", phone="+13125550100"))
    tom = r.add(vault, data=person("Tom Brennan", "tom@x.example", backup_id=maya.id))
    with pytest.raises(ValidationError, match="own backup"):
        r.update(vault, spokesperson_id=tom.id,
                 data=person("Tom Brennan", "tom@x.example", backup_id=tom.id))
    r.retire(vault, spokesperson_id=maya.id, reason="Left the company")
    assert [x.person.name for x in r.rows(vault)] == ["Tom Brennan"]
    assert r.rows(vault)[0].person.backup_id is None
    with vault.read() as session:
        actions = [e.action for e in session.exec(select(AuditEntry))]
    assert actions.count("spokesperson.added") == 2 and "spokesperson.retired" in actions


def test_a_spokesperson_sees_only_themselves_and_their_backup(vault):
    maya = r.add(vault, data=person())
    r.add(vault, data=person("Tom Brennan", "tom@x.example", backup_id=maya.id))
    r.add(vault, data=person("Ana Lima", "ana@x.example"))
    with vault.write() as session:  # Tom unlocks the app himself, as operator "tom-op"
        tom = session.exec(select(Spokesperson).where(Spokesperson.name == "Tom Brennan")).one()
        tom.operator_id = "tom-op"
        session.add(tom)
    vault.actor = Actor("tom-op", "Tom Brennan", "spokesperson")
    assert sorted(x.person.name for x in r.rows(vault)) == ["Maya Chen", "Tom Brennan"]
    with pytest.raises(PermissionDenied):
        r.add(vault, data=person("Someone", "s@x.example"))


# --- CSV import ---------------------------------------------------------------------------

CLEAN = ("Name,Role,Organisation,Phone,E-mail,Languages,Time zone,Media training,Audiences,"
         "Backup,Shifts\r\n"
         "Maya Chen,Head of Media,Larkmont,+1 312 555 0100,maya@larkmont.example,en; es,"
         "America/Chicago,2026-03-01,Media; Customers,,mon-fri 08:00-20:00\r\n"
         "Tom Brennan,Customer Care,Larkmont,+44 20 7946 0000,tom@larkmont.example,en,"
         "Europe/London,15/06/2026,Customers,Maya Chen,mon-fri 09:00-17:00; sat 10:00-14:00\r\n")


def test_a_clean_file_imports_every_row_with_or_without_bom(vault):
    result = r.import_csv(vault, ("\ufeff" + CLEAN).encode("utf-8"))
    assert result.imported == 2
    rows = {x.person.name: x for x in r.rows(vault)}
    assert rows["Tom Brennan"].backup_name == "Maya Chen"
    assert rows["Maya Chen"].languages == ["en", "es"]
    assert rows["Tom Brennan"].person.media_trained_on == date(2026, 6, 15)
    # Exported and imported again into a fresh roster: the same people.
    exported = r.export_csv(vault)
    for x in r.rows(vault):
        r.retire(vault, spokesperson_id=x.person.id, reason="test")
    assert r.import_csv(vault, exported).imported == 2


def test_semicolon_separated_files_from_spreadsheets_import(vault):
    text = "Name;E-mail;Phone\r\nAna Lima;ana@x.example;+55 11 5555 0100\r\n"
    assert r.import_csv(vault, text.encode("utf-8")).imported == 1


@pytest.mark.parametrize("body, line, words", [
    (CLEAN.replace("tom@larkmont.example", "tom-at-larkmont"), 3, "E-mail"),
    (CLEAN.replace("Name,", "Full,", 1).replace("Full,", "Person,", 1), 1, "“Name” is missing"),
    (CLEAN + "Maya Clone,,,,maya@larkmont.example,,,,,,\r\n", 4, "Duplicate"),
    (CLEAN + 'Bad "Quote,x@y.example\r\n', 4, ""),
    (CLEAN + 'Open "quote,x@y.example\r\nnext,y@y.example\r\n', 4, ""),
    (CLEAN.replace("Europe/London", "Europe/Londn"), 3, "Time zone"),
    (CLEAN.replace(",Maya Chen,", ",Nobody Known,"), 3, "Backup"),
])
def test_one_bad_row_imports_nothing_and_names_the_line(vault, body, line, words):
    with pytest.raises(r.ImportProblem) as info:
        r.import_csv(vault, body.encode("utf-8"))
    assert info.value.line == line or (words == "" and info.value.line in (line, line + 1))
    assert words in str(info.value) and "Nothing was imported" in str(info.value)
    assert _count(vault) == 0


def test_latin1_bytes_import_nothing_and_name_the_line(vault):
    body = CLEAN + "José Núñez,jose@x.example,,,,,,,,,\r\n"
    with pytest.raises(r.ImportProblem) as info:
        r.import_csv(vault, body.encode("latin-1"))
    assert info.value.line == 4 and "UTF-8" in str(info.value) and _count(vault) == 0


def test_a_duplicate_of_someone_already_on_the_roster(vault):
    r.add(vault, data=person("Maya Chen", "maya@larkmont.example"))
    with pytest.raises(r.ImportProblem, match="on the roster"):
        r.import_csv(vault, CLEAN.encode())
    assert _count(vault) == 1


@pytest.mark.slow
def test_ten_thousand_rows_with_one_bad_row_import_nothing(vault):
    lines = ["Name,E-mail,Phone,Audiences"]
    lines += [f"Person {i},p{i}@x.example,+1 555 {i:07d},Customers" for i in range(10_000)]
    lines[7_777] = "Person bad,not-an-email,+1 555 9999999,Customers"
    with pytest.raises(r.ImportProblem) as info:
        r.import_csv(vault, "\r\n".join(lines).encode())
    assert info.value.line == 7_778 and _count(vault) == 0
    lines[7_777] = "Person ok,ok@x.example,+1 555 9999999,Customers"
    assert r.import_csv(vault, "\r\n".join(lines).encode()).imported == 10_000


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=600),
                 st.text(max_size=400).map(lambda t: ("Name,E-mail\r\n" + t).encode("utf-8"))))
def test_the_importer_never_crashes(vault, raw):
    before = _count(vault)
    try:
        result = r.import_csv(vault, raw)
    except r.ImportProblem as exc:
        assert "Nothing was imported" in str(exc)
        assert _count(vault) == before
    else:
        assert _count(vault) == before + result.imported


def test_cli_import_and_export_roster(tmp_path, capsys):
    from commandcenter.cli import main
    from commandcenter.vault import crypto, lifecycle
    from commandcenter.vault.paths import VaultPaths

    data_dir = tmp_path / "wr"
    vault, _ = lifecycle.create_vault(VaultPaths.at(data_dir), operator_name="Dana",
                                      passphrase="a fine passphrase",
                                      kdf=crypto.KdfParams(iterations=1))
    vault.lock()
    pw = tmp_path / "pw"
    pw.write_text("a fine passphrase\n")
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(CLEAN.replace("tom@larkmont.example", "tom-at"), encoding="utf-8")
    good.write_text(CLEAN, encoding="utf-8")
    unlock = ["--passphrase-file", str(pw)]
    assert main(["--data-dir", str(data_dir), "import-roster", str(bad), *unlock]) == 1
    assert "Line 3" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "import-roster", str(good), *unlock]) == 0
    out = tmp_path / "roster.csv"
    assert main(["--data-dir", str(data_dir), "export-roster", "--out", str(out), *unlock]) == 0
    assert "Tom Brennan" in out.read_text(encoding="utf-8-sig")
