"""Reading an intent's `quiz:` items, with every broken item reported as `file:line: intent: quiz[N]: what`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from faq.schema import (
    QUIZ_EXPLANATION_LENGTH,
    QUIZ_OPTION_LENGTH,
    QUIZ_OPTIONS,
    QUIZ_QUESTION_LENGTH,
    QuizItem,
    quiz_item_id,
)

Report = Callable[[int, str, str], None]
"""(line, field, message) -> None: records one problem of the intent being read."""


def read_quiz(value: Any, intent_id: str, line: int, report: Report) -> tuple[QuizItem, ...] | None:
    """The quiz items in `value` (the `quiz:` key, at `line`); None when any is broken."""
    if value is None:
        return ()
    if not isinstance(value, list):
        report(line, "quiz", "must be a list of {question, options, answer, explanation} items")
        return None
    items: list[QuizItem] = []
    ok = True
    for number, raw in enumerate(value, start=1):
        item = _read_item(raw, number, intent_id, line, report)
        if item is None:
            ok = False
        elif item.id in {i.id for i in items}:
            report(getattr(raw, "line", line), f"quiz[{number}]", "the same question as an earlier item")
            ok = False
        else:
            items.append(item)
    return tuple(items) if ok else None


def _read_item(raw: Any, number: int, intent_id: str, line: int, report: Report) -> QuizItem | None:
    field = f"quiz[{number}]"
    if not isinstance(raw, dict):
        report(line, field, "must be a mapping with question, options, answer, explanation")
        return None
    item_line = getattr(raw, "line", line)
    problems: list[str] = []
    question, options, answer = raw.get("question"), raw.get("options"), raw.get("answer")
    explanation = raw.get("explanation", "")
    if not _text(question):
        problems.append("question: must be non-empty text")
    elif len(question.strip()) > QUIZ_QUESTION_LENGTH:
        problems.append(f"question: {len(question.strip())} characters, at most {QUIZ_QUESTION_LENGTH}")
    low, high = QUIZ_OPTIONS
    if not isinstance(options, list) or not all(_text(o) for o in options):
        problems.append("options: must be a list of non-empty texts")
        options = None
    else:
        options = [o.strip() for o in options]
        if not low <= len(options) <= high:
            problems.append(f"options: {len(options)} options, {low} to {high} allowed")
        long = [o for o in options if len(o) > QUIZ_OPTION_LENGTH]
        if long:
            problems.append(f"options: {long[0]!r} has {len(long[0])} characters, at most {QUIZ_OPTION_LENGTH}")
        folded = [o.casefold() for o in options]
        if len(set(folded)) < len(folded):
            problems.append("options: two options are the same")
    if not _text(answer):
        problems.append("answer: must be non-empty text, written exactly as one of the options")
    elif options is not None and answer.strip() not in options:
        problems.append(f"answer: {answer.strip()!r} is not one of the options")
    if explanation is None:
        explanation = ""
    if not isinstance(explanation, str):
        problems.append("explanation: must be text")
    elif len(explanation.strip()) > QUIZ_EXPLANATION_LENGTH:
        problems.append(f"explanation: {len(explanation.strip())} characters, at most {QUIZ_EXPLANATION_LENGTH}")
    for problem in problems:
        report(item_line, field, problem)
    if problems or options is None:
        return None
    assert _text(question) and _text(answer) and isinstance(explanation, str)  # checked above
    return QuizItem(
        quiz_item_id(intent_id, question),
        intent_id,
        question.strip(),
        tuple(options),
        answer.strip(),
        explanation.strip(),
    )


def _text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())
