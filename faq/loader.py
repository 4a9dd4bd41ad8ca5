"""Reading YAML packs into a `KnowledgeBase`, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from faq.quiz_loader import read_quiz
from faq.schema import (
    DEFAULT_FALLBACK,
    INTENT_ID,
    MAX_ANSWER_LENGTH,
    MAX_TITLE_LENGTH,
    Intent,
    KnowledgeBase,
)
from faq.yaml_document import LineMapping, Problem, read_document


class KnowledgeBaseError(Exception):
    """A knowledge base that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def bundled_pack_paths() -> list[Path]:
    """The YAML packs shipped inside the `faq` package."""
    packs = resources.files("faq").joinpath("packs")
    return sorted(Path(str(p)) for p in packs.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_knowledge_base(paths: Iterable[str | Path] | None = None) -> KnowledgeBase:
    """Load and validate the packs at `paths` (the bundled packs when None).

    Raises `KnowledgeBaseError` listing every problem found in every file.
    """
    path_list = [Path(p) for p in paths] if paths is not None else bundled_pack_paths()
    problems: list[Problem] = []
    if not path_list:
        raise KnowledgeBaseError([Problem("<none>", None, "no knowledge base file given")])
    intents: list[Intent] = []
    synonyms: list[tuple[str, ...]] = []
    fallback: str | None = None
    for path in path_list:
        document = read_document(path, problems)
        if document is None:
            continue
        pack = _PackReader(str(path), problems)
        subject = pack.subject(document) or path.stem
        intents.extend(replace(intent, subject=subject) for intent in pack.intents(document))
        synonyms.extend(pack.synonyms(document))
        fallback = pack.fallback(document) or fallback
    _check_references(intents, problems)
    if not intents and not problems:
        problems.append(Problem(str(path_list[0]), None, "no intents in any file"))
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(
        intents=tuple(intents),
        synonyms=tuple(synonyms),
        fallback=fallback or DEFAULT_FALLBACK,
        sources=tuple(str(p) for p in path_list),
    )


class _PackReader:
    """Turns one parsed YAML document into intents, recording problems as it goes."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems

    def problem(self, line: int | None, message: str, intent: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.source, line, message, intent, field))

    def intents(self, document: LineMapping) -> list[Intent]:
        for key, line in document.duplicate_keys:
            self.problem(line, f"duplicate key `{key}`")
        entries = document["intents"]
        if not isinstance(entries, list):
            self.problem(document.key_lines["intents"], "`intents` must be a list", field="intents")
            return []
        intents = []
        for position, entry in enumerate(entries, start=1):
            intent = self._intent(entry, position, document.key_lines["intents"])
            if intent is not None:
                intents.append(intent)
        return intents

    def _intent(self, entry: Any, position: int, list_line: int) -> Intent | None:
        if not isinstance(entry, LineMapping):
            self.problem(list_line, f"intent #{position} must be a mapping with id, title, questions, answer, related")
            return None
        ok = True
        raw_id = entry.get("id")
        label = raw_id if isinstance(raw_id, str) and raw_id else f"intent #{position}"
        for key, line in entry.duplicate_keys:
            self.problem(line, f"duplicate key `{key}`", label)
            ok = False

        def line_of(key: str) -> int:
            return entry.key_lines.get(key, entry.line)

        def fail(key: str, message: str) -> None:
            nonlocal ok
            ok = False
            self.problem(line_of(key), message, label, key)

        for key in ("id", "title", "questions", "answer", "related"):
            if key not in entry:
                hint = " (write [] to let the bot choose the closest topics)" if key == "related" else ""
                fail(key, "missing" + hint)
        if not ok:
            return None
        if not isinstance(raw_id, str) or not INTENT_ID.fullmatch(raw_id):
            fail("id", f"must match {INTENT_ID.pattern}, got {raw_id!r}")
        title = entry["title"]
        if not _is_text(title):
            fail("title", "must be non-empty text")
        elif len(title) > MAX_TITLE_LENGTH:
            fail("title", f"{len(title)} characters, at most {MAX_TITLE_LENGTH} (it is a button label)")
        answer = entry["answer"]
        if not _is_text(answer):
            fail("answer", "must be non-empty text")
        elif len(answer.strip()) > MAX_ANSWER_LENGTH:
            fail("answer", f"{len(answer.strip())} characters, at most {MAX_ANSWER_LENGTH} (one Telegram message)")
        questions = self._texts(entry, "questions", label, required=True)
        related = self._texts(entry, "related", label, required=False)
        aliases = self._texts(entry, "aliases", label, required=False)
        keywords = self._texts(entry, "keywords", label, required=False)
        small_talk = entry.get("small_talk", False)
        if not isinstance(small_talk, bool):
            fail("small_talk", "must be true or false")
        quiz = read_quiz(
            entry.get("quiz"),
            raw_id if isinstance(raw_id, str) else label,
            line_of("quiz"),
            lambda line, field, message: self.problem(line, message, label, field),
        )
        if not ok or questions is None or related is None or aliases is None or keywords is None or quiz is None:
            return None
        assert isinstance(raw_id, str)  # checked above: a bad id cleared `ok`
        return Intent(
            id=raw_id,
            title=title.strip(),
            questions=questions,
            answer=answer.strip(),
            related=related,
            aliases=aliases,
            keywords=keywords,
            small_talk=small_talk,
            source=self.source,
            line=entry.line,
            quiz=quiz,
        )

    def _texts(self, entry: LineMapping, key: str, label: str, *, required: bool) -> tuple[str, ...] | None:
        value = entry.get(key, [])
        line = entry.key_lines.get(key, entry.line)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not all(_is_text(v) for v in value):
            self.problem(line, "must be a list of non-empty texts", label, key)
            return None
        if required and not value:
            self.problem(line, "must not be empty", label, key)
            return None
        return tuple(v.strip() for v in value)

    def synonyms(self, document: LineMapping) -> list[tuple[str, ...]]:
        groups = document.get("synonyms") or []
        line = document.key_lines.get("synonyms", 1)
        if not isinstance(groups, list):
            self.problem(line, "must be a list of word groups", field="synonyms")
            return []
        valid = []
        for position, group in enumerate(groups, start=1):
            if not isinstance(group, list) or len(group) < 2 or not all(_is_text(w) for w in group):
                self.problem(line, f"group #{position} must list two or more words", field="synonyms")
                continue
            valid.append(tuple(w.strip() for w in group))
        return valid

    def subject(self, document: LineMapping) -> str | None:
        """The pack's `subject:` ("PPKn: Kerjasama Multilateral"), None when it names none."""
        text = document.get("subject")
        if text is None:
            return None
        if not _is_text(text) or len(text.strip()) > MAX_TITLE_LENGTH:
            self.problem(
                document.key_lines.get("subject"),
                f"must be text of 1 to {MAX_TITLE_LENGTH} characters",
                field="subject",
            )
            return None
        return str(text).strip()

    def fallback(self, document: LineMapping) -> str | None:
        text = document.get("fallback")
        if text is None:
            return None
        if not _is_text(text):
            self.problem(document.key_lines.get("fallback"), "must be non-empty text", field="fallback")
            return None
        return str(text).strip()


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_references(intents: list[Intent], problems: list[Problem]) -> None:
    seen: dict[str, Intent] = {}
    for intent in intents:
        first = seen.get(intent.id)
        if first is not None:
            problems.append(
                Problem(
                    intent.source,
                    intent.line,
                    f"duplicate id, first defined at {first.source}:{first.line}",
                    intent.id,
                    "id",
                )
            )
        else:
            seen[intent.id] = intent
    for intent in intents:
        for related_id in intent.related:
            if related_id not in seen:
                problems.append(
                    Problem(intent.source, intent.line, f"unknown intent `{related_id}`", intent.id, "related")
                )
            elif related_id == intent.id:
                problems.append(
                    Problem(intent.source, intent.line, "an intent cannot be related to itself", intent.id, "related")
                )
