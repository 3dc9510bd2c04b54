"""Roster vCard import: the cards a phone or a mail program exports, all or none."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commandcenter.services import roster as r
from commandcenter.services.roster import roster_vcard


def _count(vault) -> int:
    return len(r.rows(vault))


V3 = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rosa Delgado\r\nN:Delgado;Rosa;;;\r\n"
      b"ORG:Larkmont Stores\\, Inc.;Communications\r\nTITLE:Director\\, Contact Centres\r\n"
      b"TEL;TYPE=WORK:+1 555 0199\r\nTEL;TYPE=CELL:+1 555 0100\r\n"
      b"EMAIL;TYPE=INTERNET:rosa@larkmont.example\r\nTZ:America/Chicago\r\n"
      b"LANG:es\r\nEND:VCARD\r\n")
V4_FOLDED = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Tom Bren\r\n nan\r\nTEL;VALUE=uri;TYPE=cell:tel:+44"
             "-20-7946-0101\r\nEMAIL:tom@larkmont.example\r\nTZ:-05:00\r\nEND:VCARD\r\n"
             ).encode()
V21_QP = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:M=FCller;J=FCrgen\r\nFN;CHARSET=ISO-8859-1;"
          b"ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\nTEL;CELL:+49 30 1234567\r\n"
          b"END:VCARD\r\n")


def test_cards_of_each_version_become_spokespersons(vault):
    result = r.import_file(vault, V3 + V4_FOLDED + V21_QP)
    assert result.imported == 3
    people = {row.person.name: row.person for row in r.rows(vault)}
    rosa = people["Rosa Delgado"]
    assert rosa.organisation == "Larkmont Stores, Inc." and rosa.role_title.startswith(
        "Director, Contact")
    assert rosa.phone.replace(" ", "").endswith("5550100")  # the mobile, not the desk phone
    assert rosa.email == "rosa@larkmont.example" and rosa.time_zone == "America/Chicago"
    tom = people["Tom Brennan"]  # a folded line unfolded; a tel: URI read as a number
    assert "7946" in tom.phone and tom.time_zone == "UTC"  # an offset is not a zone
    assert "Jürgen Müller" in people  # quoted-printable Latin-1 decoded


def test_one_bad_card_names_itself_and_imports_nothing(vault):
    bad = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Way To Reach\r\nEND:VCARD\r\n")
    with pytest.raises(r.ImportProblem, match=r"Contact 2 \(No Way To Reach\).*Nothing was"):
        r.import_file(vault, V3 + bad)
    assert _count(vault) == 0
    with pytest.raises(r.ImportProblem, match="malformed"):
        r.import_file(vault, b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n")
    with pytest.raises(r.ImportProblem, match="Duplicate"):  # same phone twice
        r.import_file(vault, V3 + V3.replace(b"Rosa Delgado", b"Rosa Two"))
    assert _count(vault) == 0


def test_a_calendar_is_not_a_roster(vault):
    with pytest.raises(r.ImportProblem, match="VCALENDAR"):
        r.import_vcard(vault, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    assert not roster_vcard.looks_like_vcard(b"Name,E-mail\r\n")
    assert roster_vcard.looks_like_vcard(b"\xef\xbb\xbf\r\nbegin:vcard\r\n")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=600).map(lambda b: b"BEGIN:VCARD\r\n" + b),
    st.text(max_size=300).map(lambda t: ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + t
                                         + "\r\nEND:VCARD\r\n").encode("utf-8")),
    st.lists(st.sampled_from(["FN:A B", "TEL:+1 555 0100", "EMAIL:x@y.example", "ORG:;",
                              "N:;;;;", "TZ:Mars/Olympus", "LANG:", "TEL;TYPE=CELL:",
                              "BEGIN:VCARD", "END:VCARD", " folded", "IMPP:sip:a@b",
                              "X-Odd;=;:", "EMAIL:not-an-address", "VERSION:9.9"]),
             max_size=12).map(lambda ls: ("BEGIN:VCARD\r\n" + "\r\n".join(ls)
                                          + "\r\nEND:VCARD\r\n").encode())))
def test_the_vcard_importer_never_crashes(vault, raw):
    before = _count(vault)
    try:
        result = r.import_file(vault, raw)
    except r.ImportProblem as exc:
        assert "Nothing was imported" in str(exc)
        assert _count(vault) == before
    else:
        assert _count(vault) == before + result.imported
