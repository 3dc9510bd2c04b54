"""Writing the whole vault, and the cache of generated vaults."""

import json
import os
import random
import shutil
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.gen import decisions, journey, lines, roster
from benchmarks.gen.rows import AuditChain
from benchmarks.gen.scale import GENERATOR_VERSION, Scale

CACHE = Path(__file__).resolve().parents[1] / ".cache"
PASSPHRASE = "benchmark passphrase"  # a throw-away vault of generated words, never real data
CHEAP_KDF = {"memory_kib": 64 * 1024, "iterations": 1, "lanes": 1}
MANIFEST = "manifest.json"


def generate(data_dir: Path, scale: Scale = Scale(), *, now: datetime | None = None,
             progress=print) -> dict:
    """Create the vault in `data_dir` (refused if one is there), fill it, lock it. Returns
    the manifest: the counts written, the anchor time and how long it took. The same scale
    (seed included) writes the same rows relative to `now`; the decision log's ids, and so
    its hashes, are fresh UUIDs (the decision service makes them)."""
    from commandcenter.vault import crypto, lifecycle
    from commandcenter.vault.paths import VaultPaths

    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0)
    rnd = random.Random(scale.seed)
    paths = VaultPaths.at(data_dir)
    vault, _ = lifecycle.create_vault(paths, operator_name="Bench Lead", passphrase=PASSPHRASE,
                                      kdf=crypto.KdfParams(**CHEAP_KDF))
    counts: dict[str, int] = {}
    try:
        incidents = _incidents(vault, scale, now)
        counts["incidents"] = len(incidents)
        counts.update(_fill(vault, scale, incidents, rnd, now, progress))
    finally:
        vault.lock()
    manifest = {"scale": asdict(scale), "version": GENERATOR_VERSION, "now": now.isoformat(),
                "counts": counts, "seconds": round(time.perf_counter() - started, 1),
                "passphrase": PASSPHRASE}
    (Path(data_dir) / MANIFEST).write_text(json.dumps(manifest, indent=2))
    progress(f"generated in {manifest['seconds']} s: " +
             ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return manifest


def _incidents(vault, scale: Scale, now: datetime) -> list:
    """Oldest first; all but the last closed; the last (active) opened seven weeks ago."""
    from commandcenter.services import incidents

    made = []
    for k in range(scale.incidents):
        opened = now - timedelta(days=49 + 7 * (scale.incidents - 1 - k))
        inc = incidents.create_incident(vault, make_active=False, data=incidents.IncidentInput(
            f"INC-BENCH-{k + 1:02d}", f"Generated incident {k + 1}", opened_at=opened))
        if k < scale.incidents - 1:
            incidents.close_incident(vault, incident_id=inc.id, closed_at=opened
                                     + timedelta(days=6))
        made.append(inc)
    incidents.set_active_incident(vault, incident_id=made[-1].id)
    return made


def _fill(vault, scale: Scale, incidents: list, rnd, now: datetime, progress) -> dict:
    def step(name: str, fn):
        t0 = time.perf_counter()
        result = fn()
        progress(f"  {name}: {time.perf_counter() - t0:.1f} s")
        return result

    counts = {}
    counts["decision_entries"] = step("decision log", lambda: decisions.write(
        vault, incidents, scale.split(scale.decision_entries), rnd, now,
        amendment_every=scale.amendment_every))
    by_incident = step("talking points", lambda: lines.write(
        vault, incidents, scale.split(scale.line_versions // lines.VERSIONS_PER_LINE), rnd, now))
    counts["line_versions"] = sum(len(v) for v in by_incident.values()) * \
        lines.VERSIONS_PER_LINE
    step("journey structure", lambda: journey.ensure_structure(vault, incidents))
    active = incidents[-1].id
    with vault.write() as session:
        seals = AuditChain(vault, session, rnd)
        counts["spokespersons"] = scale.spokespersons
        counts["assignments"], counts["acknowledgements"] = step("roster", lambda: roster.write(
            vault, session, scale.spokespersons, active, by_incident[active], rnd, now, seals))
        counts["journey_cells"] = step("journey maps", lambda: journey.write_maps(
            vault, session, incidents, rnd, now))
        counts["timeline_events"] = step("timeline", lambda: journey.write_events(
            vault, session, incidents, scale.split(scale.timeline_events), rnd, now, seals))
        seals.flush()
    return counts


# --- the cache ------------------------------------------------------------------------------

def cached_vault(scale: Scale = Scale(), *, progress=print) -> tuple[Path, dict]:
    """(data dir, manifest) of a generated vault for `scale`, generated on first use into
    benchmarks/.cache/vault-<key> (git-ignored). Read it through `copy_vault`."""
    target = CACHE / f"vault-{scale.key()}"
    manifest = target / MANIFEST
    if manifest.exists():
        return target, json.loads(manifest.read_text())
    building = CACHE / f"building-{scale.key()}"
    shutil.rmtree(building, ignore_errors=True)  # a run interrupted half-way: start again
    building.mkdir(parents=True)
    progress(f"generating the benchmark vault ({scale.key()}) …")
    generate(building, scale, progress=progress)
    building.rename(target)
    return target, json.loads(manifest.read_text())


def copy_vault(source: Path, dest: Path):
    """A copy of a generated vault's files in `dest`; returns its VaultPaths."""
    from commandcenter.vault.paths import VaultPaths

    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(MANIFEST, "logs"))
    # The copy's pages written out now, before anything is timed: else the first fsync a
    # benchmark times flushes the whole copy (bench_query_mix saw a write come out 31x),
    # and the kernel's writeback competes with what is measured.
    os.sync()
    return VaultPaths.at(dest)


def unlock(paths):
    """The generated vault, unlocked as its lead."""
    from commandcenter.vault import lifecycle

    op = lifecycle.list_operators(paths)[0]
    return lifecycle.unlock_with_passphrase(paths, operator_id=op.operator_id,
                                            passphrase=PASSPHRASE)
