"""Word-level diffs and placeholders: the pieces rebuild both texts exactly."""

from commandcenter.text import placeholders, worddiff


def test_one_changed_word_is_one_word_out_and_one_in():
    old = "We will post an update every day at 18:00."
    new = "We will post an update every day at 17:00 Eastern."
    pieces = worddiff.diff(old, new)
    assert worddiff.old_text(pieces) == old and worddiff.new_text(pieces) == new
    changed = [(p.op, p.text.strip()) for p in pieces if p.op != "equal"]
    assert changed == [("delete", "18:00."), ("insert", "17:00 Eastern.")]
    assert worddiff.changed_words(old, new) == (1, 2)
    assert worddiff.diff("same text", "same text") == [worddiff.Piece("equal", "same text")]


def test_placeholders_found_and_filled():
    text = "Call {hotline} or visit {website}; {hotline} is free. {Not} {}"
    assert placeholders.find(text) == ["hotline", "website"]
    assert placeholders.fill(text, {"hotline": "555", "website": " "}) == \
        "Call 555 or visit {website}; 555 is free. {Not} {}"
