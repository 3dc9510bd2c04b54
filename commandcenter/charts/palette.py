"""Colours for charts: colour-blind-safe (Okabe–Ito categorical colours, ColorBrewer RdBu
for sentiment), with the design's language — vermillion = overdue / missed, orange = late /
due soon, bluish green = kept / done, grey = pending — and never colour alone: every state
also has a marker shape, a hatch or a word."""

from dataclasses import dataclass

OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9",
             "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}

# ColorBrewer RdBu, 5 classes: −2 hostile … +2 supportive (safe for the common colour-vision
# deficiencies and readable in greyscale print: lightness runs dark–light–dark).
SENTIMENT = {-2: "#CA0020", -1: "#F4A582", 0: "#F7F7F7", 1: "#92C5DE", 2: "#0571B0"}
SENTIMENT_WORDS = {-2: "hostile", -1: "uneasy", 0: "neutral", 1: "reassured", 2: "supportive"}
# Text drawn on a sentiment colour: white on the two dark ends.
ON_SENTIMENT = {-2: "#FFFFFF", -1: "#1F2933", 0: "#1F2933", 1: "#1F2933", 2: "#FFFFFF"}
UNASSESSED = "#D9DEE3"
DECISION = "#4D4D4D"  # dark grey: distinct in shape and lightness from "disclosed" blue

STATE = {"kept": OKABE_ITO["green"], "late": OKABE_ITO["orange"],
         "overdue": OKABE_ITO["vermillion"], "open": OKABE_ITO["grey"],
         "due_soon": OKABE_ITO["orange"], "cancelled": OKABE_ITO["grey"],
         "stale": OKABE_ITO["orange"], "empty": OKABE_ITO["grey"]}

EVENT = {"detected": OKABE_ITO["vermillion"], "confirmed": OKABE_ITO["orange"],
         "disclosed": OKABE_ITO["blue"], "media_report": OKABE_ITO["purple"],
         "regulator_notified": OKABE_ITO["sky"], "remedy_launched": OKABE_ITO["green"],
         "other": OKABE_ITO["grey"]}
EVENT_MARKER = {"detected": "o", "confirmed": "s", "disclosed": "D", "media_report": "P",
                "regulator_notified": "h", "remedy_launched": "*", "other": "."}


@dataclass(frozen=True)
class Style:
    """Page colours. The default is print (white paper); the UI passes its theme's roles."""

    background: str = "#FFFFFF"
    text: str = "#1F2933"
    muted: str = "#5F6B7A"
    grid: str = "#D0D7DE"
    band: str = "#EEF1F4"  # alternate phase bands on the timeline
    font_size: float = 9.0


PRINT = Style()
