"""bench/quality.py, the sweep behind the closing notes' figures: the same counts as `tanyabot eval`,
other training seeds, and `--compare` never printing an unread set's questions."""

import json
import subprocess
import sys

from faq import Engine, load_knowledge_base
from faq.evaluation import evaluate, load_labelled
from faq.training import SEED
from tests.conftest import REPO, UNREAD_SETS

SCRIPT = REPO / "bench" / "quality.py"
DATA = REPO / "tests" / "data"


def _sweep(tmp_path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--jobs", "1", *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_figures_are_those_of_tanyabot_eval_for_the_shipped_seed(engine, tmp_path):
    out = tmp_path / "fresh.json"
    printed = _sweep(tmp_path, "--sets", "fresh", "--json", str(out))
    report = evaluate(engine, load_labelled(DATA / "fresh.yaml"))
    row = f"| fresh | {report.total} | {report.overall:.2f} | {report.inscope_top1:.2f} | {report.oos_rejected:.2f} | "
    assert row in printed
    outcomes = json.loads(out.read_text(encoding="utf-8"))[str(SEED)]["fresh"]
    assert len(outcomes) == report.total
    assert sum(o["got"] != o["expected"] for o in outcomes) == len(report.misses)


def test_another_seed_trains_another_model():
    kb = load_knowledge_base(None)
    shipped, other = Engine(kb).model, Engine(kb, training_seed=SEED + 1).model
    assert shipped is not None and other is not None
    assert shipped.acceptor.weights != other.acceptor.weights


def test_compare_counts_changes_and_hides_unread_questions(tmp_path):
    unread = min(name for name in UNREAD_SETS if (DATA / f"{name}.yaml").exists())  # one on the bundled KB
    after = tmp_path / "after.json"
    _sweep(tmp_path, "--sets", f"fresh,{unread}", "--json", str(after))
    before = json.loads(after.read_text(encoding="utf-8"))
    # Make each set's first question answered right "before", so that today's answer breaks it.
    for name in ("fresh", unread):
        first = before[str(SEED)][name][0]
        first["got"] = "made_up" if first["got"] == first["expected"] else first["expected"]
    earlier = tmp_path / "before.json"
    earlier.write_text(json.dumps(before), encoding="utf-8")
    printed = _sweep(tmp_path, "--sets", f"fresh,{unread}", "--compare", str(earlier))
    now = json.loads(after.read_text(encoding="utf-8"))[str(SEED)]
    assert now["fresh"][0]["q"] in printed
    assert now[unread][0]["q"] not in printed
    # One read and one unread question changed; each is fixed or broken depending on today's answer.
    fixed_read = int(now["fresh"][0]["got"] == now["fresh"][0]["expected"])
    fixed_unread = int(now[unread][0]["got"] == now[unread][0]["expected"])
    row = f"| {SEED} | {fixed_read} | {1 - fixed_read} | {fixed_unread} | {1 - fixed_unread} |"
    assert row in printed
