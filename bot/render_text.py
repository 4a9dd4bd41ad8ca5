"""Plain-text rendering of an `Answer` for the terminal."""

from __future__ import annotations

from faq import Answer


def render_answer(answer: Answer) -> tuple[str, list[str]]:
    """The text to print and the intent ids the printed numbers stand for."""
    lines = [answer.text]
    choices: list[str] = []
    topics = answer.related if not answer.is_fallback else answer.suggestions
    if topics:
        lines.append("")
        lines.append("Topik terkait:" if not answer.is_fallback else "Mungkin maksudmu:")
        for number, topic in enumerate(topics, start=1):
            lines.append(f"  {number}. {topic.title}")
            choices.append(topic.id)
        lines.append("(ketik nomornya untuk membuka topik itu)")
    return "\n".join(lines), choices
