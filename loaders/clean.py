"""Boilerplate removal for scraped plain text.

Scraped pages wrap a story in page furniture: share buttons, "10 hours ago", author boxes, promo headlines in
capitals, and after the story lists of other stories ("Related articles", "Recent posts"). The cutter keeps the
headline and the story's paragraphs verbatim (so offsets and quoted sentences stay exact) and drops the rest.

Rules, each about page structure rather than any one site:

* a *tail marker* ("Related articles", "Recent posts", "Source link", "Read the full article", "Leave a reply",
  "Share", "Published by", "Products you may like", ...) after the story has begun ends the story: what follows is
  other stories; but a "Read more:" box of up to four headlines followed by two paragraphs of prose is inline, and
  the story goes on after it;
* before the story begins, markers and short lines without sentence punctuation are furniture;
* an ALL-CAPS line of three or more words is a promo headline for another story;
* a line that is only a date stamp, a relative time ("6 minutes ago"), counters, a social handle, a desk code, a
  breadcrumb ("World News • Mexico") or an inline promo ("Also Read | Another story") is furniture wherever it
  stands;
* a headline line ending in a site name after a dash or a bar ("... – Metro US") loses it, and the name is the
  page's outlet;
* a header block at the very top (``Date:``, ``URL:``, ``Outlet:``, ``Title:``, ``Author:`` lines, then a blank
  line), a store's `` date 2024-06-04`` prefix, a ``Published:`` line or a bare date line before the story give the
  page's date (``Updated:`` only when there is nothing better), its address and its outlet;
* bylines ("By Jane Roe", "Reporting by …; Editing by …") are the page's, not the story's: dropped, their names
  kept as the page's authors; photo credit lines ("Photo: Getty Images", "Jane Roe | Getty Images", "(photo credit:
  …)") stay in the story: the people and agencies they name are the article's; they are never its headline;
* a comment form ("Please enter your comment!"), a "(You can read: …)" aside, a stock-ticker row and a
  subscription offer with its price are furniture wherever they stand; "Previous article" / "Next article" ends the
  story;
* under a header block's ``Title:`` the first line of four words or more is the lead paragraph, full stop or not;
* a first line of thirty words or two sentences, or of fifteen words ending in a full stop, is the first paragraph
  of a page without a headline line;
* an opening quotation mark typed between two letters ("Ukraine‘s") is an apostrophe (the one change to a kept
  line's characters; the text keeps its length).

>>> raw = "Big news today\\n\\nShare post:\\n\\nThe minister said on Monday that talks would resume.\\n\\n"
>>> raw += "OTHER SITE SAYS SOMETHING LOUD\\n\\nShe added that nothing was agreed.\\n\\nRelated articles\\n\\nCelebrity wins prize"
>>> title, paragraphs, dropped = split_story(raw)
>>> title
'Big news today'
>>> paragraphs
['The minister said on Monday that talks would resume.', 'She added that nothing was agreed.']
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["PlainStory", "read_plain", "split_story", "story_text"]


@dataclass(frozen=True)
class _Patterns:
    """The page's furniture as ``ontology/page.toml`` writes it, compiled."""

    tail: re.Pattern[str]
    furniture: re.Pattern[str]
    inline_box: re.Pattern[str]
    date_line: re.Pattern[str]
    credit: re.Pattern[str]
    credit_tail: re.Pattern[str]
    header_keys: dict[str, str]
    byline: re.Pattern[str]
    #: lines dropped wherever they stand, each kind by its own rule
    dropped_kinds: tuple[tuple[str, re.Pattern[str]], ...]


def _switch(off: frozenset[str]) -> Callable[[str], bool]:
    """Whether a reading rule is on, given the rules switched off."""
    return lambda name: name not in off


def _alternatives(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


#: the rules that drop a kind of line wherever it stands, and the page.toml table of each
_DROPPED_KINDS = (
    ("comment_forms", "comment_forms"),
    ("read_also_asides", "read_also"),
    ("ticker_rows", "tickers"),
    ("subscription_offers", "offers"),
)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    from newsgraph.ontology import ontology_path

    data = tomllib.loads(ontology_path("page.toml").read_text(encoding="utf-8"))
    try:
        return _Patterns(
            tail=re.compile(rf"^(?:{_alternatives(data['tail_markers']['patterns'])})$", re.IGNORECASE),
            furniture=re.compile(rf"^(?:{_alternatives(data['furniture']['patterns'])})$", re.IGNORECASE),
            inline_box=re.compile(rf"^(?:{_alternatives(data['inline_box']['patterns'])})$", re.IGNORECASE),
            date_line=re.compile(
                rf"^(?:({'|'.join(data['date_labels']['patterns'])})\s*(?:on)?\s*:?\s*)(.{{6,60}}?)\s*$",
                re.IGNORECASE,
            ),
            credit=re.compile(
                rf"^[•·\-–—*|\s]*(?:{'|'.join(data['credit_lines']['patterns'])})", re.IGNORECASE
            ),
            credit_tail=re.compile(
                r"""[.!?]["”’')\]]*\s+(?:(?:\(?[A-Z][\w.&'’-]*\)?(?:\s*[/|]\s*|\s+)?){1,4}"""
                rf"""|\((?:{"|".join(data["credit_words"]["patterns"])})s?\b[^()]{{0,60}}\))$""",
                re.IGNORECASE,
            ),
            header_keys=dict(data["header_keys"]["values"]),
            byline=re.compile(rf"^(?:{_alternatives(data['bylines']['patterns'])})$"),
            dropped_kinds=tuple(
                (rule, re.compile(rf"^(?:{_alternatives(data[table]['patterns'])})$", re.IGNORECASE))
                for rule, table in _DROPPED_KINDS
            ),
        )
    except (KeyError, re.error) as exc:  # the packaged file is checked by the tests; this names what is wrong
        raise ValueError(f"ontology/page.toml: {exc}") from exc


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z“\"])")
_SENTENCE_END = re.compile(r"""[.!?…:;]["”’')\]]*$|["”]$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_caps_promo(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return _words(line) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


#: a photo credit on a line of its own: "BRENDAN SMIALOWSKI/ AFP", "Jane Doe | Reuters"
_CREDIT_LINE = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s*[/|]\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}$"
)


#: a full stop ending a line, after a word (not an initial: "Jr.", "U.S." end headlines too)
_FULL_STOP = re.compile(r"[^\W\d_]{3,}[\"”’')\]]*\.[\"”’')\]]*$|\d[%)]?\.$")


def _story_resumes(lines: list[str], index: int) -> bool:
    """Whether the story goes on after an inline box: at most four headline lines (no sentence end), then a
    paragraph of prose and another after it, before any other tail marker."""
    tail = _patterns().tail
    rest = [line for line in lines[index + 1 :] if line]
    for headlines, line in enumerate(rest[:5]):  # the lines before the first prose are the box's headlines
        if tail.match(line):
            return False
        if _is_prose(line):
            following = [r for r in rest[headlines + 1 : headlines + 3] if not tail.match(r)]
            return 1 <= headlines <= 4 and any(_is_prose(r) for r in following[:1])
    return False


def _lead_sentence(line: str) -> bool:
    """A first line of fifteen words or more that ends in a full stop is a lead sentence, not a headline (a
    headline has no full stop)."""
    return _words(line) >= 15 and bool(_FULL_STOP.search(line))


def _is_prose(line: str) -> bool:
    """A line of sentences (a caption with its agency's credit after the last one is one too)."""
    if _words(line) < 6:
        return False
    if _SENTENCE_END.search(line):
        return True
    tail = _patterns().credit_tail.search(line)
    return tail is not None and len(tail.group(0)) <= 40


_HEADER = re.compile(r"^([A-Za-z][A-Za-z ]{1,18}):\s*(\S.*)$")
#: the date line a page store puts before the text (`` date 2024-06-04 The minister said …``)
_STORE_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b\s*")
_BARE_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?$"
)


@dataclass
class PlainStory:
    """What a scraped text page holds: its headline and paragraphs (verbatim), the lines dropped, and what the
    page says of itself: a publication date, an address, an outlet, bylines."""

    title: str | None
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """A header block at the very top: ``Key: value`` lines of known keys, ended by a blank line."""
    keys = _patterns().header_keys
    found: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    start = index
    while index < len(lines) and lines[index].strip():
        match = _HEADER.match(lines[index].strip())
        key = keys.get(match.group(1).strip().lower()) if match else None
        if key is None:
            return {}, start  # not a header block: the page starts here
        found.setdefault(key, match.group(2).strip())  # type: ignore[union-attr]
        index += 1
    return found, index


#: a page title's site name after a dash or a bar: "Minister resigns over leak – Metro US"
_SITE_SUFFIX = re.compile(
    r"^(?P<title>.{20,}?\S)\s+[|–—-]\s+(?P<site>[A-Z][\w.&'’]*(?:\s+[A-Z0-9][\w.&'’]*){0,3})$"
)


def _site_suffix(line: str) -> tuple[str, str | None]:
    """A headline without the site name a page title carries after it, and that name.

    >>> _site_suffix("Minister resigns over leaked memo – Metro US")
    ('Minister resigns over leaked memo', 'Metro US')
    >>> _site_suffix("Floods hit the north - again")
    ('Floods hit the north - again', None)
    """
    match = _SITE_SUFFIX.match(line)
    if match is None or _words(match.group("title")) < 4:
        return line, None
    return match.group("title"), match.group("site")


def read_plain(raw: str, *, off: frozenset[str] = frozenset()) -> PlainStory:
    """Split a scraped page into its story and what it says of itself (see the module's rules; the reading rules
    named in ``off`` are switched off)."""
    patterns = _patterns()
    on = _switch(off)
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    header, start = _header(lines) if on("header_block") else ({}, 0)
    story = PlainStory(
        title=header.get("title"), paragraphs=[], url=header.get("url"), outlet=header.get("outlet")
    )
    if header.get("author"):
        story.authors.append(header["author"])
    titled = story.title is not None  # a lead under a header's title is the story, full stop or not
    switched = {  # the kinds of line dropped wherever they stand
        "comment_forms": on("comment_forms"),
        "read_also_asides": on("read_also_asides"),
        "ticker_rows": on("ticker_rows"),
        "subscription_offers": on("subscription_offers"),
    }
    dates: list[tuple[int, str]] = []
    if header.get("published"):
        dates.append((0, header["published"]))
    began = False
    inline = False  # inside an inline box of links ("Read more:" and its headlines)
    for index, line in enumerate(lines[start:], start=start):
        if not line:
            continue
        stamp = _STORE_DATE.match(line) if on("page_dates") else None
        if stamp is not None:
            dates.append((1, stamp.group(1)))
            line = line[stamp.end() :]
            if not line:
                continue
        dated = patterns.date_line.match(line) if len(line) < 80 and on("page_dates") else None
        if dated is not None and not began:
            kind = dated.group(1).lower()
            dates.append((3 if "updated" in kind else 2, dated.group(2)))
            story.dropped.append(line)
            continue
        if not began and on("page_dates") and _BARE_DATE.match(line):
            dates.append((4, line))
            story.dropped.append(line)
            continue
        bare = line.lstrip("•·-–—*| ")
        if on("bylines") and _words(bare) <= 30 and patterns.byline.match(bare):
            story.dropped.append(line)  # "By Jane Roe": the page's author, not the story's actor
            story.authors.extend(_authors(bare))
            continue
        if any(switched[rule] and kind.match(line) for rule, kind in patterns.dropped_kinds):
            story.dropped.append(line)
            continue
        photo_credit = _CREDIT_LINE.match(line) and (
            not patterns.furniture.match(line) or _credits_an_outlet(line)
        )  # the photographer / agency ("Jane Roe | Getty Images", not the breadcrumb "World | Europe")
        if ((patterns.credit.match(line) and _words(line) <= 14) or photo_credit) and on("credits_kept"):
            story.paragraphs.append(line)
            continue
        if (on("furniture_lines") and patterns.furniture.match(line)) or (
            on("caps_promos") and _is_caps_promo(line)
        ):
            story.dropped.append(line)
            continue
        if on("page_junk") and patterns.tail.match(line):
            if (
                on("inline_boxes_of_links")
                and patterns.inline_box.match(line)
                and _story_resumes(lines, index)
            ):
                # "Read more from Sky News:" then two headlines, then the story goes on: an inline box of links
                inline = True
                story.dropped.append(line)
                continue
            if len([p for p in story.paragraphs if not patterns.credit.match(p)]) >= 2:
                story.dropped.extend(rest for rest in lines[index:] if rest)
                break
            story.dropped.append(line)
            continue
        if inline and not _is_prose(line):
            story.dropped.append(line)  # a headline of the inline box
            continue
        inline = False
        if story.title is None and not began:
            lead = on("a_lead_sentence_on_the_first_line") and _lead_sentence(line)
            if _words(line) >= 30 or len(_SENTENCE_BREAK.findall(line)) >= 2 or lead:
                began = True  # a long first paragraph: the page has no headline line
                story.paragraphs.append(line)
            elif _words(line) >= 3:
                story.title, site = _site_suffix(line) if on("site_suffixes") else (line, None)
                story.outlet = story.outlet or site
            else:
                story.dropped.append(line)
            continue
        lead = titled and not began and _words(line) >= 4 and on("a_lead_under_a_header_title")
        if (
            _is_prose(line)
            or (story.paragraphs and _words(line) >= 4)
            or (_words(line) >= 4 and began)
            or lead
            or (on("credits_kept") and _words(line) >= 3 and _caption(lines, index))
        ):
            story.paragraphs.append(line)
            began = began or _is_prose(line) or lead
        else:
            story.dropped.append(line)
    if dates:
        story.published = min(dates)[1]
    story.authors = list(dict.fromkeys(story.authors))
    return story


#: what follows a byline's names: its date stamp ("Published : 3 May 2024")
_BYLINE_STAMP = re.compile(r"\s*[|,·•-]?\s*(?:published|updated|posted)\b.*$", re.IGNORECASE)
_BYLINE_LEAD = re.compile(
    r"^(?:by|(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written|produced)\s+by)\s+",
    re.IGNORECASE,
)


def _authors(line: str) -> list[str]:
    """The names a byline credits, without its date stamp or the place a reporter filed from.

    >>> _authors("By Jane Roe, Ann Lee and Li Wei Published : 3 May 2024")
    ['Jane Roe', 'Ann Lee', 'Li Wei']
    >>> _authors("Reporting by Jane Roe in Oslo; Editing by Ann Lee")
    ['Jane Roe', 'Ann Lee']
    """
    names: list[str] = []
    for part in line.split(";"):
        part = _BYLINE_STAMP.sub("", _BYLINE_LEAD.sub("", part.strip())).rstrip(". ")
        part = re.split(r"\s+in\s+[A-Z]", part)[0]
        names += [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", part) if n.strip()]
    return names


def _caption(lines: list[str], index: int) -> bool:
    """Is the line a photo's caption: the next line is the photo's credit ("Photo: Getty Images")?"""
    following = next((line for line in lines[index + 1 :] if line), "")
    return bool(_patterns().credit.match(following) and _words(following) <= 14)


def _credits_an_outlet(line: str) -> bool:
    """Whether a "Name | Name" line credits a news organisation or a picture agency of the actor table after its
    bar or slash ("Jane Roe | Getty Images"), which a breadcrumb ("World | Europe") does not."""
    from newsgraph.loaders.table import ActorTable

    agency = re.split(r"\s*[/|]\s*", line, maxsplit=1)[-1]
    return any(row.media for row in ActorTable.load().lookup(agency))


def split_story(raw: str, *, off: frozenset[str] = frozenset()) -> tuple[str | None, list[str], list[str]]:
    """Split a scraped page into (headline, story paragraphs, dropped lines), keeping kept lines verbatim."""
    story = read_plain(raw, off=off)
    return story.title, story.paragraphs, story.dropped


#: an opening quotation mark, backtick or acute accent typed between two letters is an apostrophe ("Ukraine‘s",
#: "don`t"); the parser reads the apostrophe, not a quotation, and the text keeps its length
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[‘`´](?=[^\W\d_])")


def story_text(title: str | None, paragraphs: list[str], *, off: frozenset[str] = frozenset()) -> str:
    """Join a headline and paragraphs into the article text newsgraph stores (blank line between paragraphs), with
    a misplaced quotation mark used as an apostrophe put right.

    >>> story_text("Kyiv‘s night", ["A city’s mayor spoke."])
    'Kyiv’s night\\n\\nA city’s mayor spoke.'
    """
    parts = ([title] if title else []) + [p for p in paragraphs if p]
    text = "\n\n".join(parts)
    on = _switch(off)
    return _APOSTROPHE.sub("’", text) if on("apostrophes_typed_as_quotation_marks") else text
