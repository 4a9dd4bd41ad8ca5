"""Deterministic synthetic knowledge bases and query sets that look like an Indonesian FAQ.

Words come from three sources: real Indonesian function and question words (what every FAQ
shares), a short list of real "aspect" nouns and verbs (tujuan, syarat, mendaftar, ...), and
generated topic words built from Indonesian-like syllables and affixes. The topic pool grows
sublinearly with the number of intents (Heaps' law) and is sampled with a Zipf distribution,
so a 100k-intent KB has a long tail of rare words and a head of common ones, like a real FAQ.
Same size and seed in, byte-identical files out.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

import yaml

GENERATOR_VERSION = 1
"""Bump when the generated text changes, so cached files are rebuilt."""

QUESTIONS_PER_INTENT = 6
ANSWER_CHARS = 300
"""Target length of an answer, in characters."""

TOPIC_POOL_BASE = 2000
TOPIC_POOL_EXPONENT = 0.6
"""Topic words = BASE * (intents / 1000) ** EXPONENT: 2k at 1k, ~8k at 10k, ~32k at 100k."""

ZIPF_EXPONENT = 1.0
"""s in p(rank) ~ 1 / rank**s for topic words."""

ALIAS_SHARE = 0.1
"""Share (0-1) of intents that also have an acronym alias ("BKPM")."""

OUT_OF_SCOPE_SHARE = 0.2
"""Share (0-1) of a query set that is junk no intent answers."""

_ONSETS = ["b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ng", "ny", "kh", "sy"]
_ONSET_WEIGHTS = [6, 2, 6, 4, 3, 3, 8, 6, 7, 8, 6, 7, 8, 8, 3, 2, 3, 2, 1, 1]
_VOWELS = ["a", "i", "u", "e", "o"]
_VOWEL_WEIGHTS = [10, 6, 5, 4, 3]
_CODAS = ["", "", "", "", "", "", "", "n", "ng", "r", "s", "t", "k", "l", "m", "h"]
_PREFIXES = ["", "", "", "", "", "", "", "me", "ber", "di", "pe", "ke", "ter"]
_SUFFIXES = ["", "", "", "", "", "", "an", "kan", "nya", "i"]

QUESTION_WORDS = ["apa", "bagaimana", "mengapa", "kenapa", "kapan", "siapa", "berapa", "dimana", "apakah", "gimana"]
FUNCTION_WORDS = [
    "yang",
    "dan",
    "dengan",
    "untuk",
    "di",
    "ke",
    "dari",
    "pada",
    "dalam",
    "itu",
    "ini",
    "ada",
    "adalah",
    "atau",
    "juga",
    "saja",
    "bisa",
    "harus",
    "akan",
    "sudah",
    "belum",
    "tidak",
    "kalau",
    "jika",
    "agar",
    "supaya",
    "bagi",
    "oleh",
    "karena",
    "seperti",
    "tentang",
    "para",
    "sih",
    "ya",
    "kak",
    "dong",
]
ASPECTS = [
    "tujuan",
    "syarat",
    "biaya",
    "jadwal",
    "cara",
    "manfaat",
    "pengertian",
    "contoh",
    "prosedur",
    "dokumen",
    "lokasi",
    "peran",
    "fungsi",
    "sejarah",
    "aturan",
    "hak",
    "kewajiban",
    "sanksi",
    "jenis",
    "ciri",
    "dampak",
    "proses",
    "tahapan",
    "kriteria",
    "formulir",
    "nilai",
    "kuota",
    "hasil",
    "pendaftaran",
    "pembayaran",
]
VERBS = [
    "mendaftar",
    "mengurus",
    "membayar",
    "mengajukan",
    "mendapatkan",
    "melihat",
    "menghubungi",
    "mengisi",
    "memperpanjang",
    "mengambil",
    "mengecek",
    "membatalkan",
    "mengganti",
    "mencetak",
    "mengunduh",
    "menyerahkan",
    "memilih",
    "mengikuti",
]
SYNONYMS = [
    ["tujuan", "sasaran", "target"],
    ["biaya", "ongkos", "tarif"],
    ["syarat", "persyaratan", "ketentuan"],
    ["jadwal", "waktu pelaksanaan"],
    ["manfaat", "keuntungan", "kegunaan"],
    ["lokasi", "tempat", "alamat"],
]
_QUESTION_TEMPLATES = [
    "{Q} {aspect} {subject}?",
    "{Q} cara {verb} {subject} {fw} {extra}?",
    "{subject} itu {aspect}nya {Q} ya",
    "mohon info {aspect} {subject} {fw} {extra}",
    "{Q} saja {aspect} {fw} {verb} {subject}?",
    "saya mau tanya, {Q} {aspect} {subject} {fw} {extra}?",
    "kak, {Q} {subject} bisa {verb} {fw} {extra}?",
]
_JUNK_TEMPLATES = ["apa itu {j}?", "{j} {j} {j}", "bagaimana cara {j} {j}?", "{j}", "kapan {j} {j} dibuka?"]
_NOISE = ["??", "asdfgh", "qwrtyp zxcvb", "hmm", "p", "ok"]


class _Words:
    """Seeded word sources: syllable words, and a Zipf-sampled topic pool."""

    def __init__(self, rng: random.Random, pool_size: int, *, taken: frozenset[str] = frozenset()):
        self.rng = rng
        self._seen = set(taken) | set(QUESTION_WORDS) | set(FUNCTION_WORDS) | set(ASPECTS) | set(VERBS)
        self.topics = [self.fresh() for _ in range(pool_size)]
        self._cumulative = list(itertools.accumulate(1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, pool_size + 1)))

    def fresh(self) -> str:
        """A word not produced before (and not one of the real words above)."""
        while True:
            root = "".join(self._syllable() for _ in range(self.rng.choice((2, 2, 2, 2, 3, 3, 3, 4))))
            word = self.rng.choice(_PREFIXES) + root + self.rng.choice(_SUFFIXES)
            if word not in self._seen and 4 <= len(word) <= 16:
                self._seen.add(word)
                return word

    def topic(self) -> str:
        return self.rng.choices(self.topics, cum_weights=self._cumulative)[0]

    def _syllable(self) -> str:
        onset = self.rng.choices(_ONSETS, weights=_ONSET_WEIGHTS)[0]
        vowel = self.rng.choices(_VOWELS, weights=_VOWEL_WEIGHTS)[0]
        return onset + vowel + self.rng.choice(_CODAS)


def topic_pool_size(intents: int) -> int:
    return max(50, round(TOPIC_POOL_BASE * (intents / 1000) ** TOPIC_POOL_EXPONENT))


def generate_pack(intents: int, *, seed: int = 0) -> dict:
    """A KB pack (the YAML document as a dict) of `intents` intents."""
    rng = random.Random(seed * 1_000_003 + intents)
    words = _Words(rng, topic_pool_size(intents))
    aliases_used: set[str] = set()
    entries = []
    for n in range(intents):
        subject = f"{words.topic()} {words.topic()}"
        aspect = rng.choice(ASPECTS)
        extras = [words.topic() for _ in range(2)]
        entry = {
            "id": _intent_id(n),
            "title": f"{aspect.capitalize()} {subject}"[:60],
            "questions": _questions(rng, subject, aspect, extras),
            "answer": _answer(rng, words, subject, aspect, extras),
            "related": sorted({_intent_id(rng.randrange(intents)) for _ in range(rng.randint(1, 3))} - {_intent_id(n)}),
        }
        if intents > 1 and not entry["related"]:
            entry["related"] = [_intent_id((n + 1) % intents)]
        alias = _acronym(rng, subject) if rng.random() < ALIAS_SHARE else None
        if alias and alias not in aliases_used:
            aliases_used.add(alias)
            entry["aliases"] = [alias]
        entries.append(entry)
    return {"synonyms": SYNONYMS, "intents": entries}


def _intent_id(n: int) -> str:
    return f"i{n:06d}"


def _questions(rng: random.Random, subject: str, aspect: str, extras: list[str]) -> list[str]:
    questions: list[str] = []
    for template in rng.sample(_QUESTION_TEMPLATES, QUESTIONS_PER_INTENT):
        text = template.format(
            Q=rng.choice(QUESTION_WORDS),
            aspect=aspect,
            subject=subject,
            verb=rng.choice(VERBS),
            fw=rng.choice(FUNCTION_WORDS),
            extra=rng.choice(extras),
        )
        questions.append(text[0].upper() + text[1:] if rng.random() < 0.5 else text)
    return questions


def _answer(rng: random.Random, words: _Words, subject: str, aspect: str, extras: list[str]) -> str:
    sentences = [f"{aspect.capitalize()} {subject} {rng.choice(FUNCTION_WORDS)} {' '.join(extras)}."]
    while sum(len(s) + 1 for s in sentences) < ANSWER_CHARS:
        body = [rng.choice(FUNCTION_WORDS) if rng.random() < 0.4 else words.topic() for _ in range(rng.randint(6, 11))]
        if rng.random() < 0.3:
            body.insert(rng.randrange(len(body)), rng.choice(VERBS))
        sentences.append(" ".join(body).capitalize() + ".")
    return " ".join(sentences)


def _acronym(rng: random.Random, subject: str) -> str:
    letters = "".join(w[0] for w in subject.split()) + "".join(rng.choice("BKPMSDNTR") for _ in range(2))
    return letters.upper()


def make_queries(
    questions: Sequence[tuple[str, str]], vocabulary: set[str], *, count: int, seed: int = 0
) -> list[dict]:
    """`count` queries: paraphrases of stored `(intent id, question)` pairs, plus junk.

    A paraphrase drops a word or two, may shuffle the word order and may carry one typo;
    `intent` is the id it came from (None for junk), for a hit rate, not for asserting.
    """
    rng = random.Random(seed * 7919 + len(questions))
    junk_words = _Words(rng, 0, taken=frozenset(vocabulary))
    queries = []
    for _ in range(count):
        if rng.random() < OUT_OF_SCOPE_SHARE:
            queries.append({"q": _junk(rng, junk_words), "intent": None})
        else:
            intent_id, question = rng.choice(questions)
            queries.append({"q": _paraphrase(rng, question), "intent": intent_id})
    return queries


def _paraphrase(rng: random.Random, question: str) -> str:
    words = re.findall(r"[^\W_]+", question.lower())
    drops = 2 if len(words) >= 6 and rng.random() < 0.3 else 1 if len(words) >= 3 and rng.random() < 0.6 else 0
    for _ in range(drops):
        words.pop(rng.randrange(len(words)))
    if rng.random() < 0.3:
        rng.shuffle(words)
    if rng.random() < 0.4:
        long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w not in QUESTION_WORDS]
        if long_words:
            i = rng.choice(long_words)
            words[i] = _typo(rng, words[i])
    return " ".join(words) + ("?" if rng.random() < 0.5 else "")


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("delete", "swap", "substitute", "double"))
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "substitute":
        return word[:i] + rng.choice("aiueokmnrst".replace(word[i], "")) + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _junk(rng: random.Random, words: _Words) -> str:
    if rng.random() < 0.15:
        return rng.choice(_NOISE)
    template = rng.choice(_JUNK_TEMPLATES)
    while "{j}" in template:
        template = template.replace("{j}", words.fresh(), 1)
    return template


def vocabulary_of(questions: Sequence[tuple[str, str]], extra_texts: Sequence[str] = ()) -> set[str]:
    """Lower-case words of the texts, so junk queries can avoid them."""
    texts = itertools.chain((q for _, q in questions), extra_texts)
    return {w for text in texts for w in re.findall(r"[^\W_]+", text.lower())}


def synthetic_dataset(intents: int, cache_dir: Path, *, seed: int = 0, query_count: int = 200) -> tuple[Path, Path]:
    """Paths of the KB pack and query set for `intents` intents, generated unless cached."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    stem = f"v{GENERATOR_VERSION}-s{seed}-{intents}"
    kb_path = cache_dir / f"kb-{stem}.yaml"
    queries_path = cache_dir / f"queries-{stem}-q{query_count}.json"
    pack = None
    if not kb_path.exists():
        pack = generate_pack(intents, seed=seed)
        _write_atomically(kb_path, yaml.dump(pack, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000))
    if not queries_path.exists():
        if pack is None:
            pack = yaml.load(kb_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        pairs = [(i["id"], q) for i in pack["intents"] for q in i["questions"]]
        vocabulary = vocabulary_of(pairs, [i["answer"] for i in pack["intents"]])
        queries = make_queries(pairs, vocabulary, count=query_count, seed=seed)
        _write_atomically(queries_path, json.dumps(queries, ensure_ascii=False, indent=0))
    return kb_path, queries_path


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _write_atomically(path: Path, text: str) -> None:
    # A run stopped half-way must not leave a truncated file that later runs would reuse.
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
