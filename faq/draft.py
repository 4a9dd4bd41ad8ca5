"""`tanyabot draft NOTES.txt`: a teacher's notes turned into a starter pack.

A heading starts a topic: a Markdown heading (`#`, `##` ...), a line ending with a colon, or a short
line of its own that does not end a sentence (as textbook summaries title their sections). Each
topic becomes an intent: id and title from the heading, the section as the answer (cut at a sentence
end to fit one message), phrasings in the common question forms made from the heading, related
topics found by similarity, and `# TODO` notes where only the teacher knows how students ask.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace

from faq.engine import Engine
from faq.schema import INTENT_ID, MAX_ANSWER_LENGTH, MAX_TITLE_LENGTH, Intent, KnowledgeBase
from faq.similar import closest_intents

QUESTION_FORMS = ("apa itu {x}", "apa yang dimaksud dengan {x}", "jelaskan {x}", "{x} itu apa", "{x}")
"""The phrasings made from a heading; the teacher adds their students' own wording."""

MAX_HEADING_CHARS = 80
"""A line ending with a colon is a heading up to this long; a longer one is a sentence introducing a list."""

SHORT_LINE_WORDS = 7
"""A line of its own with at most this many words, not ending a sentence, is a heading."""

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_LEAD_OUT = re.compile(r"[,;]?\s*(antara lain|sebagai berikut|yaitu|adalah|meliputi)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


def sections(notes: str) -> list[Section]:
    """The notes split at their headings; text before the first heading is a section of its own."""
    found: list[Section] = []
    heading: str | None = None
    body: list[str] = []
    lines = notes.splitlines()
    for number, raw in enumerate(lines):
        line = raw.strip()
        title = _heading(line, lines[number + 1].strip() if number + 1 < len(lines) else "")
        if title is None:
            body.append(line)
            continue
        _close(found, heading, body)
        heading, body = title, []
    _close(found, heading, body)
    return found


def _heading(line: str, following: str) -> str | None:
    markdown = _MARKDOWN_HEADING.match(line)
    if markdown:
        return markdown.group(1)
    if line.endswith(":") and len(line) <= MAX_HEADING_CHARS and not line.startswith("-"):
        return line[:-1]
    words = line.split()
    if 0 < len(words) <= SHORT_LINE_WORDS and line[-1] not in ".!?;,)" and following and not line.startswith("-"):
        return line
    return None


def _close(found: list[Section], heading: str | None, body: list[str]) -> None:
    text = _answer_text(body)
    if not text or (heading is None and len(text.split()) <= SHORT_LINE_WORDS and text[-1] not in ".!?"):
        return  # nothing, or only the document's own title
    if heading is None:  # text before any heading: titled by its first words
        first = re.split(r"[.!?]", text, maxsplit=1)[0]
        heading = " ".join(first.split()[:6])
    found.append(Section(heading, text))


def _answer_text(body: list[str]) -> str:
    # Paragraphs joined; list items ("-", "*", "•", "1.") kept as "- " lines, as packs write them.
    out: list[str] = []
    for line in body:
        if not line:
            continue
        item = re.match(r"^(?:[-*•]|\d+[.)])\s+(.*)", line)
        out.append(f"- {item.group(1)}" if item else line)
    text = "\n".join(out).strip()
    if len(text) <= MAX_ANSWER_LENGTH:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > MAX_ANSWER_LENGTH:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[:MAX_ANSWER_LENGTH]


def draft_pack(notes: str, *, subject: str) -> str:
    """The YAML text of a starter pack drafted from `notes` (see the module docstring)."""
    parts = sections(notes)
    intents: list[Intent] = []
    taken: set[str] = set()
    for part in parts:
        title = _title(part.heading)
        intent_id = _unique(_slug(title), taken)
        phrase = title.casefold()
        questions = tuple(dict.fromkeys(form.format(x=phrase) for form in QUESTION_FORMS))
        intents.append(Intent(intent_id, title, questions, part.text, subject=subject))
    kb = KnowledgeBase(tuple(intents))
    engine = Engine(kb)
    related = [tuple(intents[p].id for p in closest_intents(engine.index, n)) for n in range(len(intents))]
    return _yaml(subject, [replace(i, related=r) for i, r in zip(intents, related, strict=True)])


def _title(heading: str) -> str:
    title = _LEAD_OUT.sub("", heading.strip().rstrip(":")).strip(" .,-")
    title = title[:1].upper() + title[1:]
    if len(title) > MAX_TITLE_LENGTH:
        title = title[:MAX_TITLE_LENGTH].rsplit(" ", 1)[0]
    return title or "Topik"


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_title.casefold()).strip("_")
    return slug[:40].rstrip("_") or "topik"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken or not INTENT_ID.fullmatch(candidate):
        suffix = f"_{number}"
        candidate = (slug[: 40 - len(suffix)] + suffix) if slug else f"topik{suffix}"
        number += 1
    taken.add(candidate)
    return candidate


def _yaml(subject: str, intents: list[Intent]) -> str:
    quote = _quote
    lines = [
        "# A starter pack drafted by `tanyabot draft` from a teacher's notes. Check every answer, then",
        "# add the ways your students really ask (see each # TODO) and run `tanyabot check --deep`.",
        f"subject: {quote(subject)}",
        "",
        "intents:",
    ]
    for intent in intents:
        lines += [f"  - id: {intent.id}", f"    title: {quote(intent.title)}", "    questions:"]
        lines += [f"      - {quote(q)}" for q in intent.questions]
        lines.append("      # TODO: add 5+ ways your students ask this: chatty, misspelt, keywords only, other words")
        lines.append("    answer: |")
        lines += [f"      {line}" for line in intent.answer.splitlines()]
        lines.append(f"    related: [{', '.join(intent.related)}]")
        lines.append("")
    return "\n".join(lines)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
