"""Plain-text helpers for talking points: template placeholders and word-level diffs."""
