from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import ArticleError
from newsgraph.loaders import Article, read_paths
from newsgraph.loaders.clean import split_story
from newsgraph.loaders.read import decode

from .conftest import EXAMPLES


def test_plain_text_keeps_story_and_drops_page_junk() -> None:
    (article,) = read_paths([EXAMPLES / "01_kursk_casualties.txt"])
    assert article.title == "Seoul's spy agency raises estimate of North Korean losses in Kursk"
    assert "Pyongyang has never confirmed" in article.text
    assert "Share post" not in article.text and "5 hours ago" not in article.text
    assert "Pop star" not in article.text and "Celebrity chef" not in article.text


def test_caps_promo_headlines_and_furniture_are_dropped() -> None:
    raw = "A headline about talks\n\n0 1\n\nThe envoy said the talks had resumed in Geneva on Monday.\n\n"
    raw += "SINGER CANCELS WORLD TOUR AFTER ROW\n\nShe added that a deal was close.\n\nRead the full article here\n\nMore junk."
    title, paragraphs, dropped = split_story(raw)
    assert title == "A headline about talks"
    assert paragraphs == [
        "The envoy said the talks had resumed in Geneva on Monday.",
        "She added that a deal was close.",
    ]
    assert "SINGER CANCELS WORLD TOUR AFTER ROW" in dropped


def test_a_caption_with_its_agencys_credit_is_article_text(extractor) -> None:  # type: ignore[no-untyped-def]
    """A photo caption ends with its credit, not a full stop ("... in March. AFP"): it is the article's, and the
    agency it credits is named."""
    raw = (
        "Floods hit Valdora\n\nRescuers search a flooded street in the north of Valdora after heavy rain in March. AFP\n"
        "Share this article\n\nThe floods forced 2,000 people from their homes, the mayor said on Monday."
    )
    title, paragraphs, dropped = split_story(raw)
    assert paragraphs[0].endswith("in March. AFP") and "Share this article" in dropped
    ex = extractor.extract(Article(text=f"{title}\n\n" + "\n\n".join(paragraphs), title=title, source="t"))
    assert "AFP" in {a.label for a in ex.actors}
    assert (
        split_story("Talks\n\nSubscribe to our newsletter for the latest. Sign Up Now Free Offer Today")[1]
        == []
    )
    # a parenthesised credit after the caption, and a photographer's credit on a line of its own
    _, kept, _ = split_story(
        "Talks resume in Lisbon\n\nThe envoys met in Lisbon on Monday. (Photo credit: Getty Images)\nMARCO BELLINI/ AFP\n"
        "Sign Up | Log In\n\nThe talks went on for six hours, officials said."
    )
    assert kept[:2] == [
        "The envoys met in Lisbon on Monday. (Photo credit: Getty Images)",
        "MARCO BELLINI/ AFP",
    ]
    assert "Sign Up | Log In" not in kept


def test_html_metadata_and_no_script_text() -> None:
    (article,) = read_paths([EXAMPLES / "02_defence_pact.html"])
    assert article.title == "Putin and Kim seal defence pact in Pyongyang"
    assert article.published == date(2024, 6, 19)
    assert article.url == "https://news.example.org/2024/06/19/putin-kim-pact"
    assert "tracker" not in article.text and "Home" not in article.text.split("\n")[0]


def test_feed_entries_become_articles() -> None:
    articles = list(read_paths([EXAMPLES / "03_wire_feed.rss"]))
    assert [a.published for a in articles] == [date(2025, 2, 27), date(2025, 1, 12)]
    assert all(a.outlet == "Example Wire: Korea desk" for a in articles)
    assert "between 1,000 and 3,000" in articles[0].text


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = {
        "title": "T",
        "text": "The minister said on Monday that talks would resume.",
        "published": "2024-10-01",
    }
    path.write_text(
        json.dumps(good) + "\n{not json}\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8"
    )
    errors: list[ArticleError] = []
    articles = list(read_paths([path], on_error=errors.append))
    assert [a.published for a in articles] == [date(2024, 10, 1)]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]


def test_published_override_and_directory_recursion(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(
        "Headline words here\n\nThe minister said the talks resumed on Monday.\n"
    )
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    articles = list(read_paths([tmp_path], published=date(2024, 5, 1)))
    assert len(articles) == 1 and articles[0].published == date(2024, 5, 1)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"%PDF-1.7", "PDF"),
        (b"\x1f\x8b\x08", "gzip"),
    ],
)
def test_unreadable_inputs_are_skipped_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    errors: list[ArticleError] = []
    assert list(read_paths([path], on_error=errors.append)) == []
    assert reason in errors[0].reason


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_decode_without_replacement_characters(tmp_path: Path, encoding: str) -> None:
    text = "Café talks in Zürich\n\nThe délégation said on Monday that the talks had resumed in Zürich.\n"
    path = tmp_path / "enc.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = read_paths([path])
    assert "\ufffd" not in article.text and "Zürich" in article.text


def test_cyrillic_legacy_text_goes_to_the_detector(tmp_path: Path) -> None:
    text = "Переговоры\n\nПутин сказал в понедельник, что переговоры с Киевом возобновились в Стамбуле.\n"
    assert decode(text.encode("cp1251"), "ru.txt") == text


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = b"Headline for stdin\n\nThe spokesman said on Tuesday that the ceasefire was holding.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = read_paths(["-"])
    assert article.source == "<stdin>" and article.title == "Headline for stdin"


def test_article_identity_prefers_url() -> None:
    a = Article(text="one", source="a", url="https://x.example/1")
    b = Article(text="two", source="b", url="https://x.example/1")
    assert a.iri == b.iri and a.content_hash != b.content_hash


@pytest.mark.parametrize(
    ("first", "headline"),
    [
        # a lead sentence: fifteen words or more ending in a full stop
        ("Unemployment in Chile fell to 7.9% in May, according to figures from the national statistics office.",
         None),
        ("Prices fell for a third month as fuel costs eased across the region, the statistics office said.", None),
        # headlines: no full stop, or short, or ending in an initial
        ("Unemployment in Chile falls to 7.9% as fuel costs ease across the region for a third month", "same"),
        ("Chile's jobless rate falls to 7.9%.", "same"),
        ("Federal court rules in favour of the family of the civil rights leader Martin Luther King Jr.", "same"),
    ],
)  # fmt: skip
def test_a_first_line_ending_in_a_full_stop_is_a_lead_not_a_headline(
    first: str, headline: str | None
) -> None:
    title, paragraphs, _ = split_story(
        first + "\n\nThe minister said on Monday that the figure was encouraging."
    )
    assert title == (first if headline == "same" else None)
    assert paragraphs[0] == first if headline is None else paragraphs[0].startswith("The minister")


def test_an_inline_box_of_links_does_not_end_the_story() -> None:
    raw = (
        "Storm hits Valdora\n\nThe storm struck Valdora on Monday, flooding hundreds of homes along the coast.\n\n"
        "The mayor said that 40 people had been taken to hospital.\n\nRead more from Valdora News:\n\n"
        "Minister resigns over housing row\n\nCup final moved to Sunday\n\n"
        "Rescue teams reached the northern villages on Tuesday, the mayor added.\n\n"
        "Power was restored to most districts by the evening.\n\nRead original article here.\n\n"
        "Products You May Like\n\nCelebrity chef opens new restaurant"
    )
    _, paragraphs, dropped = split_story(raw)
    assert paragraphs[-2:] == [
        "Rescue teams reached the northern villages on Tuesday, the mayor added.",
        "Power was restored to most districts by the evening.",
    ]
    assert "Cup final moved to Sunday" in dropped and "Celebrity chef opens new restaurant" in dropped
    # a box at the end, with nothing after its headlines, still ends the story
    _, ended, _ = split_story(raw.split("\n\nRescue teams")[0])
    assert ended[-1] == "The mayor said that 40 people had been taken to hospital."


def test_paragraph_markup_in_a_text_file_is_read_as_paragraphs() -> None:
    """A scraped page saved as one line of ``<p>…</p>.<p>…</p>``: each block is a paragraph, the markup and the
    dots between blocks are gone; with the rule off the tags stay in the text."""
    from newsgraph.loaders.read import read_bytes

    raw = (
        "Title: Ferry service resumes\n\n<p>The ferry to Holm sailed again on <em>Monday</em> after a week of "
        "storms.</p>.<p>The operator said 300 people had booked seats.</p><p>The next crossing is planned for Friday morning.</p>"
    )
    (article,) = read_bytes(raw.encode(), "page.txt", suffix=".txt")
    assert "<" not in article.text and ".<" not in article.text
    assert article.text.split("\n\n")[1:] == [
        "The ferry to Holm sailed again on Monday after a week of storms.",
        "The operator said 300 people had booked seats.",
        "The next crossing is planned for Friday morning.",
    ]
    (kept,) = read_bytes(raw.encode(), "page.txt", suffix=".txt", off=frozenset({"paragraph_markup"}))
    assert "<p>" in kept.text
