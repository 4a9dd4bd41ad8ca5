"""How well a pack `tanyabot draft` makes from notes answers a labelled set, before any hand edit.

The draft's intents are named after the notes' headings, not after the catalogue the set is
labelled with, so each catalogue intent is mapped to the drafted intent whose title and answer
share most words with its `question` and `covers` (several catalogue intents may map to one
section that covers them all). The labels are rewritten through that mapping and the set measured
like `tanyabot eval` does.

    python bench/draft_eval.py NOTES.txt CATALOGUE.yaml SET.yaml [--subject S]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faq import Engine, load_knowledge_base
from faq.draft import draft_pack
from faq.evaluation import LabelledQuestion, evaluate, load_labelled

_WORD = re.compile(r"[^\W\d_]{4,}")


def words(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold())}  # a crude stem: the first six letters


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notes")
    parser.add_argument("catalogue")
    parser.add_argument("labelled")
    parser.add_argument("--subject", default="draft")
    args = parser.parse_args()
    text = draft_pack(Path(args.notes).read_text(encoding="utf-8"), subject=args.subject)
    with tempfile.TemporaryDirectory() as work:
        pack = Path(work) / "draft.yaml"
        pack.write_text(text, encoding="utf-8")
        kb = load_knowledge_base([pack])
        engine = Engine(kb)
    catalogue = yaml.safe_load(Path(args.catalogue).read_text(encoding="utf-8"))
    # Words weighted by how few sections use them, so a long general section does not win everything.
    section_words = {i.id: words(f"{i.title} {i.answer}") for i in kb.intents}
    spread = {w: sum(w in ws for ws in section_words.values()) for ws in section_words.values() for w in ws}
    mapping = {}
    for entry in catalogue:
        wanted = words(f"{entry['question']} {entry.get('covers', '')}")
        best = max(kb.intents, key=lambda i: (sum(1 / spread[w] for w in wanted & section_words[i.id]), i.id))
        mapping[entry["id"]] = best.id
    items = [
        LabelledQuestion(item.question, mapping.get(item.expected) if item.expected else None)
        for item in load_labelled(args.labelled)
    ]
    kept = [i for i in items if i.expected is None or i.expected in {x.id for x in kb.intents}]
    report = evaluate(engine, kept)
    print(f"draft: {len(kb.intents)} intents from {args.notes}")
    for catalogue_id, draft_id in mapping.items():
        print(f"  {catalogue_id:28} -> {draft_id}")
    print(
        f"{args.labelled}: overall {report.overall:.1f} %, in scope {report.inscope_top1:.1f} % "
        f"({report.right_in_scope}/{report.in_scope}), out of scope rejected {report.oos_rejected:.1f} %, "
        f"wrong {report.wrong:.1f} %"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
