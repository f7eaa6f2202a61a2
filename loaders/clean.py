"""Boilerplate removal for scraped plain text.

Scraped pages wrap a story in page furniture: share buttons, "10 hours ago", author boxes, promo headlines in
capitals, and after the story lists of other stories ("Related articles", "Recent posts"). The cutter keeps the
headline and the story's paragraphs verbatim (so offsets and quoted sentences stay exact) and drops the rest.

Rules, each about page structure rather than any one site:

* a *tail marker* ("Related articles", "Recent posts", "Source link", "Read the full article", "Leave a reply",
  "Share", "Published by", ...) after the story has begun ends the story: what follows is other stories;
* before the story begins, markers and short lines without sentence punctuation are furniture;
* an ALL-CAPS line of three or more words is a promo headline for another story;
* a line that is only a date stamp, a relative time ("6 minutes ago"), counters, a social handle or a desk code is
  furniture wherever it stands.

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

__all__ = ["split_story", "story_text"]

_TAIL_MARKERS = re.compile(
    r"""^(?:
        related(?:\s+(?:articles?|posts?|stories|news|content))? |
        recent\s+(?:posts?|articles?|stories|news) |
        (?:you\s+)?(?:may|might)\s+also\s+like.* |
        more\s+(?:from|stories|news|on\s+this).* |
        most\s+(?:popular|read|viewed).* |
        trending(?:\s+now)? |
        read\s+(?:more|next|also|entire\s+article|the\s+full\s+(?:article|story)(?:\s+here)?)\b.* |
        source\s+link |
        leave\s+a\s+(?:reply|comment) |
        (?:\d+\s+)?comments? |
        share(?:\s+(?:this|post|article|on)\b.*)?:? |
        published\s+by |
        about\s+the\s+author |
        tags?: .* | filed\s+under.* |
        (?:copyright|©).* | all\s+rights\s+reserved.* |
        sign\s+up\s+for.* | subscribe\b.* |
        this\s+website\s+uses\s+cookies.* | privacy\s+(?:&|and)\s+cookies?\s+policy
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_FURNITURE = re.compile(
    r"""^(?:
        date:.* | updated:.* | posted:.* | by\s*: .* |
        \d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago(?:\s+\d+)? |
        [\d\s|·•,.]+ |
        @\w+ |
        [a-z]{2,5}(?:-[a-z]{2,5})?(?:/[a-z]{2,5}){1,4} |
        visited\s+\d+\s+times.* |
        your\s+email\s+address\s+will\s+not\s+be\s+published.* |
        advertisement | skip\s+to\s+(?:main\s+)?content | follow\s+us.* | click\s+here.* |
        [\w\s]*\|\s*(?:\|\s*)+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_SENTENCE_END = re.compile(r"""[.!?…:;]["”’')\]]*$|["”]$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_caps_promo(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return _words(line) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _is_prose(line: str) -> bool:
    return _words(line) >= 6 and bool(_SENTENCE_END.search(line))


def split_story(raw: str) -> tuple[str | None, list[str], list[str]]:
    """Split a scraped page into (headline, story paragraphs, dropped lines), keeping kept lines verbatim."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    title: str | None = None
    paragraphs: list[str] = []
    dropped: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if _FURNITURE.match(line) or _is_caps_promo(line):
            dropped.append(line)
            continue
        if _TAIL_MARKERS.match(line):
            if len(paragraphs) >= 2:
                dropped.extend(rest for rest in lines[index:] if rest)
                break
            dropped.append(line)
            continue
        if title is None:
            if _words(line) >= 3:
                title = line
            else:
                dropped.append(line)
            continue
        if _is_prose(line) or (paragraphs and _words(line) >= 4):
            paragraphs.append(line)
        else:
            dropped.append(line)
    return title, paragraphs, dropped


def story_text(title: str | None, paragraphs: list[str]) -> str:
    """Join a headline and paragraphs into the article text newsgraph stores (blank line between paragraphs)."""
    parts = ([title] if title else []) + [p for p in paragraphs if p]
    return "\n\n".join(parts)
