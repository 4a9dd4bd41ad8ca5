"""The knowledge base: schema, loading, the index, the matcher and the `Answer` it returns."""

from faq.answer import Answer, Suggestion, Topic
from faq.engine import Engine
from faq.loader import KnowledgeBaseError, bundled_pack_paths, load_knowledge_base
from faq.schema import Intent, KnowledgeBase
from faq.yaml_document import Problem

__all__ = [
    "Answer",
    "Engine",
    "Intent",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Problem",
    "Suggestion",
    "Topic",
    "bundled_pack_paths",
    "load_knowledge_base",
]
