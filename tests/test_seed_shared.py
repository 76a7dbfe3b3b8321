"""The evaluation suite on ../shared: the seed article end to end (issues 2, 4, 5, 6)."""
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_out(shared, coder, tmp_path_factory):
    from sanderling.schema import Article

    text = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    coded = next(coder.code([Article(text=text, published="2024-04-16", source_name="DW")]))
    path = tmp_path_factory.mktemp("seed") / "out.json"
    path.write_text(json.dumps(coded.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path, coded.to_dict()


def check(shared, path, *args):
    run = subprocess.run([sys.executable, str(shared / "seed" / "check_seed.py"), str(path), *args],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_seed_events_dates_places(shared, seed_out):
    check(shared, seed_out[0], "--dates", "--locations", "--min-recall", "1.0", "--max-false", "1")


def test_seed_actors_and_statements(shared, seed_out):
    check(shared, seed_out[0], "--min-actors", "6", "--min-statements", "7")
    parties = {e[side]["country"] for e in seed_out[1]["events"] for side in ("source", "target") if e[side]}
    assert not parties & {"KHM", "SGP", "TWN"}


def test_seed_claim_is_consistent_with_the_2022_meeting(seed_out):
    out = seed_out[1]
    dates = {e["id"]: e["date"] for e in out["events"]}
    (claim,) = [c for c in out["claims"] if "18 months" in c["text"]]
    assert claim["status"] == "consistent"
    assert "2022-11" in [dates[i] for i in claim["events"]]


def test_seed_readouts(seed_out):
    from sanderling.readouts import compare_readouts

    result = compare_readouts(seed_out[1]["statements"])
    shared_topics = [t["topic"].lower() for t in result["shared"]]
    assert any("south china sea" in t for t in shared_topics)
    only = {side: " | ".join(t["topic"].lower() for t in topics) for side, topics in result["only"].items()}
    assert "taiwan" in only["CHN"] and "taiwan" not in only.get("USA", "")
    assert "freedom of navigation" in only["USA"] and "freedom of navigation" not in only.get("CHN", "")
