"""The passphrase strength estimate behind the wizard's meter."""

import pytest

from ui.widgets import strength


@pytest.mark.parametrize("passphrase,label", [
    ("short", "Too short"),
    ("password123", "Weak"),
    ("abcdefghij", "Weak"),
    ("aaaaaaaaaaaa", "Weak"),
    ("Summer2024!", "Weak"),
    ("correct horse battery staple", "Strong"),
    ("tin kettle orbit marmalade", "Strong"),
])
def test_labels(passphrase, label):
    assert strength.estimate(passphrase).label == label


def test_longer_is_stronger():
    a = strength.estimate("harbour lantern")
    b = strength.estimate("harbour lantern quietly")
    assert b.bits > a.bits and b.score >= a.score


def test_own_name_counts_against_and_says_why():
    plain = strength.estimate("danawhitfield77x")
    named = strength.estimate("danawhitfield77x", avoid=("Dana Whitfield",))
    assert named.bits < plain.bits
    assert named.hint == "Do not use your own name."


def test_common_word_is_named_in_the_hint():
    result = strength.estimate("password-for-the-war-room")
    assert "password" in result.hint and result.score < 4


def test_state_follows_the_colour_language():
    assert strength.estimate("abc").state == "bad"
    assert strength.estimate("correct horse battery staple").state == "ok"
