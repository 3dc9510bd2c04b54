"""The large benchmark vault of issue 9, generated from a seed (see generate_vault.py).

`Scale` says how much of everything; `generate(paths, scale)` writes a new vault;
`cached_vault(scale)` returns a generated vault from benchmarks/.cache/, generating it once
per (scale, seed, GENERATOR_VERSION). Benchmarks work on a copy (`copy_vault`), never on the
cached files, so a benchmark that writes cannot change what the next run measures.
"""

from benchmarks.gen.scale import GENERATOR_VERSION, Scale  # noqa: F401
from benchmarks.gen.vault import cached_vault, copy_vault, generate  # noqa: F401
