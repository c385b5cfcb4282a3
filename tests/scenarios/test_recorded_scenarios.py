"""Every step of the 30 scenario transcripts recorded from a real v1.32 cluster with real kubectl 1.32
(tests/golden/k8s-scenarios/, copied from ../shared/k8s-recordings/scenarios) gives what kubectl printed there,
after the normalisation that the recordings' README defines (tests/scenarios/transcripts.py).

Steps pykubectl does not match yet are listed, with the reason, in known-failing.txt; that list can only shrink: a
listed step that matches fails the test until its line is removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenarios import transcripts

FOLDERS = sorted(p for p in transcripts.SCENARIOS.iterdir() if p.is_dir())
KNOWN = transcripts.load_known_failing()


def test_every_scenario_is_here_with_its_steps() -> None:
    assert len(FOLDERS) == 30
    for folder in FOLDERS:
        steps = transcripts.read_steps(folder)
        assert [cmd.rstrip() for cmd, _ in steps] == [s.cmd.rstrip() for s in transcripts.recorded(folder)], folder
    for key in KNOWN:
        name, _, n = key.partition(" step ")
        assert (transcripts.SCENARIOS / name).is_dir() and n.isdigit(), key


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_scenario_matches_the_recording(folder: Path, tmp_path: Path) -> None:
    outcome = transcripts.check(folder, tmp_path / folder.name)
    unexpected, fixed = [], []
    for n, exp, got, diffs in outcome.steps:
        key = f"{folder.name} step {n}"
        if diffs and key not in KNOWN:
            unexpected.append(transcripts.describe(n, exp, got, diffs))
        elif not diffs and key in KNOWN:
            fixed.append(key)
    assert not unexpected, "steps that differ from the recording:\n" + "\n".join(unexpected)
    assert not fixed, "steps that now match: remove them from known-failing.txt: " + ", ".join(fixed)


def test_a_kubelets_own_words_are_the_only_part_of_a_refusal_normalised() -> None:
    recorded = ("error: Internal error occurred: unable to upgrade connection: the fake kubelet of k8s-reference "
                "does not run containers; exec is not supported\n")
    ours = ("error: Internal error occurred: unable to upgrade connection: the simulated kubelet of pykubectl does "
            "not run containers; exec is not supported\n")
    assert transcripts.deterministic(recorded) == transcripts.deterministic(ours)
    # The server's and kubectl's words around them still count.
    assert transcripts.deterministic(ours) != transcripts.deterministic(ours.replace("; exec", "; attach"))
    assert transcripts.deterministic(ours) != transcripts.deterministic(ours.replace("Internal error occurred: ", ""))
