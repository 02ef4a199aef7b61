"""The term matcher: plan word-for-word replacements from one wording to another.

Pure text in, character ranges out. :func:`plan_replacements` returns
non-overlapping :class:`Replacement` ranges of the text it was given; the Word
layer applies each range across runs (keeping each character's formatting), and
:func:`apply` applies them to a plain string. Nothing here rewrites a string
behind the caller's back.

Language care:

* Whole words and phrases only: "repair", "pairs" and "PAIRS" are not "PAIR".
  Possessives ("PAIR's") and hyphenated compounds ("PAIR-informed", "non-PAIR")
  are whole words followed or preceded by punctuation, so they change too.
* Case follows the original. Terms with an acronym in them ("PAIR", "PAIR
  services") match only as written, because "pair" is an ordinary word; other
  terms match in any case (``ignorecase``) and the new words take the old ones'
  case: ALL CAPS, lower case, Title Case or Sentence case.
* Only the words that differ are replaced: "Parent-Infant Relationships" ->
  "Parent-Infant Emotional Wellbeing" replaces "Relationships" alone, so the
  untouched words keep their exact characters (non-breaking hyphens and all).
* "a"/"an" before a term follows the new term ("a PAIR practitioner" -> "an IMH
  practitioner", and back); the article is a replacement range of its own. An
  article that did not fit the old term is left alone.
* Never inside protected spans: URLs, e-mail addresses, file names and the
  profiles' exceptions (proper names such as "Lambeth PAIRS").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pairkit.errors import PairkitError
from pairkit.terms.profiles import (
    LONG,
    SHORT,
    TEMPLATE_LONG,
    TEMPLATE_SHORT,
    Profile,
    builtin_profiles,
)


@dataclass(frozen=True)
class Replacement:
    """Replace ``text[start:end]`` (which is ``old``) with ``new``."""

    start: int
    end: int
    old: str
    new: str
    kind: str = "term"  # "term" or "article"
    concept: str = ""  # the term's concept key: "short_term", "long_term" or a swap key


@dataclass(frozen=True)
class TermPair:
    """One term to change: its concept key, source form and target form."""

    concept: str
    source: str
    target: str
    exact_case: bool


# --- text pieces -------------------------------------------------------------------

#: Characters that separate the words of a term: spaces (any), hyphens (incl.
#: Word's non-breaking hyphen U+2011).
_SEP_CHARS = r"\s\-\u2010\u2011"
_SEP_RE = re.compile(rf"[{_SEP_CHARS}]+")
_SEP_PATTERN = r"(?:\s+|[\-\u2010\u2011])"

_TLDS = r"(?:org|com|net|gov|nhs|uk|scot|wales|cymru|ie|eu|io|info|co|ac|edu|int|me)"
_FILE_EXTS = (
    r"(?:pdf|docx?|dotx?|docm|xlsx?|xlsm|csv|pptx?|odt|ods|odp|rtf|txt|md|png|jpe?g|gif|"
    r"svg|bmp|tiff?|html?|zip|mp4|mp3|wav)"
)
_PROTECTED_RE = re.compile(
    "|".join(
        [
            r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+",  # e-mail
            r"\b(?:https?|ftp)://[^\s<>\"]+",  # URL with scheme
            r"\bmailto:[^\s<>\"]+",
            r"\bwww\.[^\s<>\"]+",  # www. URL
            rf"\b[\w\-]+(?:\.[\w\-]+)*\.{_TLDS}\b(?:/[^\s<>\"]*)?",  # bare domain
            rf"[\w\-.]+\.{_FILE_EXTS}\b",  # file name
        ]
    ),
    re.IGNORECASE,
)


_QUOTED_FILE_RE = re.compile(
    rf"([\"'\u2018\u201c])([^\"'\u2018\u2019\u201c\u201d\n]{{1,200}}\.{_FILE_EXTS})"
    r"[\"'\u2019\u201d]",
    re.IGNORECASE,
)
#: A word that may be part of a file name written with spaces: it starts with a capital
#: letter or a digit ("PAIR guide.pdf", "Northshire PAIR Leaflet 2024.pdf").
_FILE_WORD_BEFORE_RE = re.compile(r"(?<![\w.\-])[A-Z0-9][\w\-]*[ _]\Z")


def _file_name_start(text: str, start: int) -> int:
    """Extend a file name found at START back over the capitalised words before it."""
    while start > 0:
        m = _FILE_WORD_BEFORE_RE.search(text, max(0, start - 80), start)
        if m is None:
            break
        start = m.start()
    return start


def protected_spans(text: str, exceptions: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Character ranges never to touch: URLs, e-mails, file names and EXCEPTIONS.

    A file name may hold spaces: a quoted one ("'PAIR guide.pdf'") is protected whole,
    and so are the capitalised words just before an unquoted one ("the PAIR guide.pdf"
    protects "PAIR guide.pdf").
    """
    spans = []
    for m in _PROTECTED_RE.finditer(text):
        a, b = m.span()
        if m.group(0).lower().rsplit(".", 1)[-1] in _file_exts():
            a = _file_name_start(text, a)
        spans.append((a, b))
    spans.extend(m.span(2) for m in _QUOTED_FILE_RE.finditer(text))
    phrases = [e for e in dict.fromkeys(exceptions) if e.strip()]
    if phrases:
        pattern = _phrases_regex(tuple((p, False) for p in phrases))
        spans.extend(m.span() for m in pattern.finditer(text))
    return sorted(spans)


@lru_cache(maxsize=1)
def _file_exts() -> frozenset[str]:
    alts = _FILE_EXTS.strip("(?:)").split("|")
    out = set()
    for alt in alts:  # expand the few optional letters: docx?, jpe?g, tiff?, html?
        if "?" in alt:
            i = alt.index("?")
            out.add(alt[: i - 1] + alt[i + 1 :])
            out.add(alt[:i] + alt[i + 1 :])
        else:
            out.add(alt)
    return frozenset(out)


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the words of TEXT (split at spaces and hyphens)."""
    spans, pos = [], 0
    for m in _SEP_RE.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _words(text: str) -> list[str]:
    return [text[a:b] for a, b in _tokens(text)]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1024)
def _has_acronym(phrase: str) -> bool:
    return any(_is_acronym(w) for w in _words(phrase))


def _phrase_pattern(phrase: str) -> str:
    parts = [re.escape(w) for w in _words(phrase)]
    return _SEP_PATTERN.join(parts)


@lru_cache(maxsize=256)
def _phrases_regex(items: tuple[tuple[str, bool], ...]) -> re.Pattern[str]:
    """One regex for (phrase, exact_case) items: longest first, whole words, group per item."""
    order = sorted(range(len(items)), key=lambda i: -len(items[i][0]))
    alts = []
    for i in order:
        phrase, exact = items[i]
        body = _phrase_pattern(phrase)
        # An acronym's lower-case plural ("PAIRs") is the acronym plus "s": the "s" stays.
        words = _words(phrase)
        tail = r"(?=s?(?!\w))" if words and _is_acronym(words[-1]) else r"(?!\w)"
        alts.append(f"(?P<t{i}>{body}){tail}" if exact else f"(?P<t{i}>(?i:{body})){tail}")
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")")


# --- profiles to term pairs ----------------------------------------------------------


def form(profile: Profile, concept: str) -> str:
    """How PROFILE writes a concept (SHORT, LONG or a swap key in template wording)."""
    if concept == SHORT:
        return profile.short_term
    if concept == LONG:
        return profile.long_term
    swaps = profile.swap_map
    if concept in swaps:
        return swaps[concept]
    if profile.short_term == TEMPLATE_SHORT and profile.long_term == TEMPLATE_LONG:
        return concept
    basic = [
        TermPair(SHORT, TEMPLATE_SHORT, profile.short_term, True),
        TermPair(LONG, TEMPLATE_LONG, profile.long_term, False),
    ]
    basic = [p for p in basic if p.source != p.target]
    return apply(concept, _plan(concept, basic, [], {}))


def term_pairs(source: Profile, target: Profile) -> list[TermPair]:
    """The terms that change from SOURCE to TARGET wording, in priority order.

    When the source writes two concepts the same way (Scotland's long term and its
    singular swap are both "Infant Mental Health"), the first concept wins.
    """
    concepts = list(dict.fromkeys([*source.concepts, *target.concepts]))
    pairs: list[TermPair] = []
    seen: set[str] = set()
    for concept in concepts:
        old, new = form(source, concept), form(target, concept)
        key = old.casefold()
        if key in seen:
            continue
        seen.add(key)
        if old == new:
            continue
        exact = (not source.ignorecase) or _has_acronym(old)
        pairs.append(TermPair(concept, old, new, exact))
    return pairs


# --- case and articles ---------------------------------------------------------------


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _is_cap(word: str) -> bool:
    """First letter upper case, the rest lower case."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and all(c.islower() for c in letters[1:])


def _restyle(old: list[str], src: list[str], new: list[str], context: list[str]) -> list[str]:
    """Give the NEW words the case of the OLD words (which spell the SRC words).

    CONTEXT holds the other old words of the same match, to tell Title Case from
    Sentence case when only one word changes.
    """
    if old == src:
        return list(new)
    letters = "".join(c for c in "".join(old) if c.isalpha())
    if letters and letters.isupper() and not all(_is_acronym(w) for w in src):
        return [w.upper() for w in new]
    if letters and letters.islower():
        return [w if _is_acronym(w) else w.lower() for w in new]
    if all(_is_cap(w) for w in old):
        if len(old) == 1 and any(w[:1].islower() for w in context):
            return [_cap(new[0].lower()) if not _is_acronym(new[0]) else new[0]] + [
                w if _is_acronym(w) else w.lower() for w in new[1:]
            ]
        return [w if _is_acronym(w) else _cap(w) for w in new]
    if len(old) > 1 and _is_cap(old[0]) and all(w == w.lower() for w in old[1:]):
        first = new[0] if _is_acronym(new[0]) else _cap(new[0].lower())
        return [first] + [w if _is_acronym(w) else w.lower() for w in new[1:]]
    return list(new)  # mixed case: the target's own spelling


_AN_WORDS = ("hour", "honest", "honour", "honor", "heir")
_A_WORDS = ("uni", "use", "usu", "usa", "eu", "one", "once", "ubiq", "ewe", "uk")
_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")


def indefinite_article(word: str, overrides: dict[str, str] | None = None) -> str:
    """'a' or 'an' before WORD (a guess; a profile's ``articles`` table overrides it)."""
    word = word.strip()
    if overrides:
        if word in overrides:
            return overrides[word]
        lowered = {k.casefold(): v for k, v in overrides.items()}
        if word.casefold() in lowered:
            return lowered[word.casefold()]
    if not word:
        return "a"
    if _is_acronym(word):
        inner = word[1:-1].upper()
        if any(c in "AEIOU" for c in inner):  # pronounced as a word: PAIR, NEST
            return _word_article(word.lower())
        return "an" if word[0].upper() in _VOWEL_LETTER_NAMES else "a"  # letters: IMH, NHS
    return _word_article(word.lower())


def _word_article(low: str) -> str:
    if low.startswith(_AN_WORDS):
        return "an"
    if low.startswith(_A_WORDS):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w'\u2019\-])(an?)[ \u00a0]+\Z", re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"[\s\u00a0]*([^\W\d_]+)")


def _article_case(old_article: str, new_article: str, following: str) -> str:
    if old_article.islower():
        return new_article
    if old_article.isupper() and (len(old_article) > 1 or following.isupper()):
        return new_article.upper()
    return _cap(new_article)


# --- planning -----------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


#: Capitalised words that start a phrase without making it a name ("Consult a ...",
#: "Step 1 ..."), and the word that makes a title rather than a service ("... Pathway").
_NOT_NAME_BEFORE = frozenset(
    {
        "a", "an", "the", "our", "your", "their", "this", "that", "these", "those", "its", "his",
        "her", "my", "every", "each", "any", "all", "no", "and", "or", "of", "for", "to", "in",
        "on", "at", "by", "with", "from", "about", "see", "ask", "consult", "contact", "access",
        "call", "refer", "step", "section", "level", "box", "page",
    }
)
_NOT_NAME_AFTER = frozenset({"pathway", "pathways"})
_WORD_BEFORE_RE = re.compile(r"(?<![\w'\u2019\-])([^\W\d_][\w'\u2019.&]*)[ \u00a0]\Z")
_WORD_AFTER_RE = re.compile(r"s?[ \u00a0]([^\W\d_][\w'\u2019]*)")


def in_proper_name(text: str, start: int, end: int) -> bool:
    """Whether TEXT[start:end] is inside a service's or team's proper name.

    A name, for pairkit, is a term written with capitals that sits between another
    capitalised word and a capitalised word after it: "Northshire Parent-Infant
    Relationship Team", "Northshire PAIR Training Programme". Words such as "a",
    "the", "Consult", "Step" before it, or "Pathway" after it, do not make a name.
    """
    if not all(w[:1].isupper() for w in _words(text[start:end])):
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, start - 60), start)
    after = _WORD_AFTER_RE.match(text, end)
    if before is None or after is None:
        return False
    prev, nxt = before.group(1), after.group(1)
    return (
        prev[:1].isupper()
        and prev.casefold().rstrip(".") not in _NOT_NAME_BEFORE
        and nxt[:1].isupper()
        and nxt.casefold() not in _NOT_NAME_AFTER
    )


def _plan(
    text: str,
    pairs: Sequence[TermPair],
    protected: Sequence[tuple[int, int]],
    articles: dict[str, str],
    kept: list[Replacement] | None = None,
    keep_names: bool = False,
) -> list[Replacement]:
    if not pairs or not text:
        return []
    pattern = _phrases_regex(_pair_items(pairs))
    out: list[Replacement] = []
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            break
        if _overlaps(m.start(), m.end(), protected):
            pos = m.start() + 1
            continue
        pair = pairs[int(m.lastgroup[1:])]
        if keep_names and in_proper_name(text, m.start(), m.end()):
            if kept is not None:
                kept.append(Replacement(m.start(), m.end(), m.group(0), m.group(0), "kept",
                                        pair.concept))
            pos = m.end()
            continue
        out.extend(_replace_match(text, m.start(), m.end(), pair, articles, out))
        pos = m.end()
    return out


def _pair_items(pairs: Sequence[TermPair]) -> tuple[tuple[str, bool], ...]:
    return tuple((p.source, p.exact_case) for p in pairs)


def _replace_match(
    text: str,
    start: int,
    end: int,
    pair: TermPair,
    articles: dict[str, str],
    earlier: Sequence[Replacement],
) -> list[Replacement]:
    matched = text[start:end]
    spans = _tokens(matched)
    old_words = [matched[a:b] for a, b in spans]
    src_words = _words(pair.source)
    tgt_words = _words(pair.target)
    tgt_text = pair.target
    tgt_spans = _tokens(tgt_text)
    # Keep the words that are the same at both ends; replace only the middle.
    n, m = len(src_words), len(tgt_words)
    p = 0
    while p < min(n, m) and src_words[p].casefold() == tgt_words[p].casefold():
        p += 1
    s = 0
    while s < min(n, m) - p and src_words[n - 1 - s].casefold() == tgt_words[m - 1 - s].casefold():
        s += 1
    if p in (n - s, m - s):  # one side would be empty: replace the whole match
        p, s = 0, 0
    old_mid = old_words[p : n - s]
    context = old_words[:p] + old_words[n - s :]
    new_mid = _restyle(old_mid, src_words[p : n - s], tgt_words[p : m - s], context)
    # Rebuild the new middle with the target's own separators.
    pieces = []
    for i, word in enumerate(new_mid):
        k = p + i
        pieces.append(word)
        if i < len(new_mid) - 1:
            pieces.append(tgt_text[tgt_spans[k][1] : tgt_spans[k + 1][0]])
    new_text = "".join(pieces)
    r_start, r_end = start + spans[p][0], start + spans[n - s - 1][1]
    result: list[Replacement] = []
    if p == 0:
        article = _article_replacement(
            text, start, end, old_words[0], new_mid[0], articles, earlier
        )
        if article is not None:
            result.append(article)
    if text[r_start:r_end] != new_text:
        result.append(
            Replacement(r_start, r_end, text[r_start:r_end], new_text, "term", pair.concept)
        )
    return result


def _article_replacement(
    text: str,
    start: int,
    end: int,
    old_word: str,
    new_word: str,
    articles: dict[str, str],
    earlier: Sequence[Replacement],
) -> Replacement | None:
    window_start = max(0, start - 8)
    m = _ARTICLE_BEFORE_RE.search(text[window_start:start])
    if m is None:
        return None
    a_start = window_start + m.start(1)
    a_end = window_start + m.end(1)
    if a_start > 0 and (text[a_start - 1].isalnum() or text[a_start - 1] in "_'\u2019-"):
        return None
    if earlier and earlier[-1].end > a_start:
        return None
    current = text[a_start:a_end]
    old_needs = indefinite_article(old_word, articles)
    new_needs = indefinite_article(new_word, articles)
    if current.lower() != old_needs or old_needs == new_needs:
        return None
    nxt = _NEXT_WORD_RE.match(text, end)
    following = nxt.group(1) if nxt else ""
    if current.isupper() and len(current) == 1:
        # "A PAIR PRACTITIONER" is all caps; "A PAIR practitioner" starts a sentence.
        following_caps = bool(following) and following.isupper() and len(following) > 1
        new = new_needs.upper() if following_caps else _cap(new_needs)
    else:
        new = _article_case(current, new_needs, following)
    return Replacement(a_start, a_end, current, new, "article", "article")


def plan_replacements(
    text: str,
    source: Profile,
    target: Profile,
    *,
    exceptions: Iterable[str] = (),
    keep_names: bool = True,
    kept: list[Replacement] | None = None,
) -> list[Replacement]:
    """Replacements that turn TEXT from SOURCE's wording into TARGET's.

    Sorted, non-overlapping ranges of TEXT. Exceptions of both profiles (and any
    given here) and URLs, e-mail addresses and file names are never touched. With
    KEEP_NAMES (the default) a term inside a proper name (see :func:`in_proper_name`)
    is left alone too, and appended to KEPT (as a ``kind="kept"`` range) when given.
    """
    pairs = term_pairs(source, target)
    if not pairs or _phrases_regex(_pair_items(pairs)).search(text) is None:
        return []  # no term in TEXT: spare the (costly) scan for protected spans
    protected = protected_spans(text, [*source.exceptions, *target.exceptions, *exceptions])
    articles = {**source.article_map, **target.article_map}
    return _plan(text, pairs, protected, articles, kept, keep_names)


def apply(text: str, replacements: Iterable[Replacement]) -> str:
    """TEXT with the replacements made. Raises ValueError if ranges overlap or do not fit."""
    out, pos = [], 0
    for r in sorted(replacements, key=lambda r: (r.start, r.end)):
        if r.start < pos or r.end > len(text) or r.start > r.end:
            raise ValueError(f"replacement {r} overlaps another or lies outside the text")
        if text[r.start : r.end] != r.old:
            raise ValueError(f"replacement {r} does not match the text {text[r.start : r.end]!r}")
        out.append(text[pos : r.start])
        out.append(r.new)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def localise_text(text: str, source: Profile, target: Profile) -> str:
    """Convenience: TEXT in TARGET's wording."""
    return apply(text, plan_replacements(text, source, target))


# --- detection ----------------------------------------------------------------------


def count_terms(texts: Iterable[str], profile: Profile, concepts: Sequence[str]) -> int:
    """How many times the texts use PROFILE's way of writing CONCEPTS."""
    forms: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for concept in concepts:
        f = form(profile, concept)
        if f.casefold() in seen:
            continue
        seen.add(f.casefold())
        forms.append((f, (not profile.ignorecase) or _has_acronym(f)))
    pattern = _phrases_regex(tuple(forms))
    total = 0
    for text in texts:
        spans = [m.span() for m in pattern.finditer(text)]
        if not spans:
            continue  # the protected-span scan costs more than the search: only when needed
        protected = protected_spans(text, profile.exceptions)
        total += sum(
            1
            for span in spans
            if not _overlaps(*span, protected) and not in_proper_name(text, *span)
        )
    return total


def detect_profile(texts: Iterable[str], candidates: Sequence[Profile] | None = None) -> Profile:
    """The profile whose wording the texts use most (ties: the earlier candidate).

    Candidates default to the built-in profiles, England first. Raises
    PairkitError when no candidate's terms appear at all.
    """
    texts = list(texts)
    profiles = list(candidates) if candidates is not None else builtin_profiles()
    concepts = list(dict.fromkeys(c for p in profiles for c in p.concepts))
    best, best_count = None, 0
    for profile in profiles:
        count = count_terms(texts, profile, concepts)
        if count > best_count:
            best, best_count = profile, count
    if best is None:
        raise PairkitError(
            "cannot tell which wording this document uses (no PAIR, PIEW or IMH terms found); "
            "name it with --from"
        )
    return best
