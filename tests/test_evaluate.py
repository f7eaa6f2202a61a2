"""The evaluation harness: its scoring rules on our own sentences, and the seed figures against the targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.loaders import Article, Extractor
from newsgraph.loaders.evaluate import (
    DEV2_TARGETS,
    DEV_TARGETS,
    SEED_TARGETS,
    TARGETS,
    Report,
    load_gold,
    score,
    score_extraction,
)

from .conftest import DEV, DEV2, GOLD, SEEDS, needs_dev, needs_dev2, needs_shared

TEXT = (
    "Kim meets Putin\n\n"
    "Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday. "
    "Kim said the two countries were now allies. "
    "South Korea's spy agency said about 3,000 soldiers had been sent."
)


def gold(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "article": "a.txt",
        "published": None,
        "actors": [
            {
                "label": "Vladimir Putin",
                "type": "Person",
                "aliases_in_text": ["Vladimir Putin"],
                "role": None,
            },
            {
                "label": "Kim Jong Un",
                "type": "Person",
                "aliases_in_text": ["Kim Jong Un", "Kim"],
                "role": None,
            },
            {"label": "South Korea", "type": "Country", "aliases_in_text": ["South Korea"], "role": None},
            {
                "label": "National Intelligence Service (South Korea)",
                "type": "Organization",
                "aliases_in_text": ["South Korea’s spy agency"],
                "role": None,
            },
            {"label": "Pyongyang", "type": "Place", "aliases_in_text": ["Pyongyang"], "role": None},
        ],
        "noise_entities": [],
        "claims": [
            {
                "speaker": "National Intelligence Service (South Korea)",
                "about": "North Korean troops deployed to Russia",
                "value": 3000,
                "min": None,
                "max": None,
                "unit": "soldiers",
                "date_of_claim": None,
                "sentence": "South Korea’s spy agency said about 3,000 soldiers had been sent.",
            }
        ],
        "events": [
            {
                "type": "meeting",
                "label": "Putin meets Kim in Pyongyang",
                "date": None,
                "place": "Pyongyang",
                "participants": ["Vladimir Putin", "Kim Jong Un"],
                "sentence": "Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday.",
            }
        ],
        "ambiguous_mentions": [
            {
                "mention": "Kim",
                "sentence": "Kim said the two countries were now allies.",
                "refers_to": "Kim Jong Un",
            }
        ],
    }
    base.update(changes)
    return base


@pytest.fixture(scope="module")
def extraction(extractor: Extractor):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(text=TEXT, source="a.txt"))


def test_scores_a_sentence_of_ours(extraction) -> None:  # type: ignore[no-untyped-def]
    result = score_extraction(extraction, gold())
    figures = result.counts.figures()
    assert result.missed_actors == [] and figures["actor_recall"] == 1.0
    assert figures["claims_found"] == 1.0 and figures["claims_right_speaker"] == 1.0
    assert result.counts.events_found == 1 and result.counts.events_right == 1
    assert figures["short_names"] == 1.0
    assert figures["noise"] == 0


def test_counts_misses_and_noise(extraction) -> None:  # type: ignore[no-untyped-def]
    wrong = gold(
        noise_entities=["Vladimir Putin"],
        claims=[{**gold()["claims"][0], "value": 4000}, {**gold()["claims"][0], "speaker": "Kim Jong Un"}],
        ambiguous_mentions=[{**gold()["ambiguous_mentions"][0], "refers_to": "Vladimir Putin"}],
        events=[{**gold()["events"][0], "type": "attack"}],
    )
    result = score_extraction(extraction, wrong)
    figures = result.counts.figures()
    assert figures["noise"] == 1 and result.noise == ["Vladimir Putin"]
    assert figures["claims_found"] == 0.5 and figures["claims_right_speaker"] == 0.0
    assert figures["short_names"] == 0.0 and result.wrong_short_names
    assert figures["event_recall"] == 0.0 and result.missed_events == ["attack: Putin meets Kim in Pyongyang"]


def test_report_adds_articles_and_checks_targets(extraction) -> None:  # type: ignore[no-untyped-def]
    one = score_extraction(extraction, gold())
    report = Report([one, one])
    assert report.total.actors_gold == 2 * one.counts.actors_gold
    data = json.loads(report.to_json())
    assert set(data) == {"overall", "targets", "below_targets", "articles"}
    assert data["targets"] == TARGETS


def test_bad_gold_directory(tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError, match="not found"):
        list(load_gold(tmp_path / "nope"))
    (tmp_path / "x.json").write_text('{"actors": []}', encoding="utf-8")
    with pytest.raises(NewsgraphError, match="not a gold file"):
        list(load_gold(tmp_path))


EXAMPLE_GOLD = Path(__file__).resolve().parent.parent / "examples" / "gold"


def test_the_bundled_gold_is_consistent_with_its_articles() -> None:
    """docs/evaluation.md's example: every sentence and alias is in its article, every label an actor of the file."""
    from newsgraph.loaders.read import read_paths

    files = list(load_gold(EXAMPLE_GOLD))
    assert len(files) >= 2
    for path, gold in files:
        (article,) = read_paths([EXAMPLE_GOLD.parent / "articles" / gold["article"]])
        labels = {a["label"] for a in gold["actors"]}
        for actor in gold["actors"]:
            assert all(alias in article.text for alias in actor["aliases_in_text"]), (path.name, actor)
        for item in gold["claims"] + gold["events"] + gold["ambiguous_mentions"]:
            assert item["sentence"] in article.text, (path.name, item["sentence"])
        for claim in gold["claims"]:
            assert claim["speaker"] is None or claim["speaker"] in labels
        for event in gold["events"]:
            assert set(event["participants"]) <= labels and event["place"] in labels | {None}
        assert all(m["refers_to"] in labels for m in gold["ambiguous_mentions"])


# The bundled example is small and written by us: these floors guard what it shows a new user (make test prints it).
EXAMPLE_FLOORS = {"actor_f1": 0.9, "claims_found": 0.8, "claims_right_speaker": 0.6, "event_f1": 0.65}


def test_the_bundled_example_is_scored(extractor: Extractor) -> None:
    report = score(EXAMPLE_GOLD, EXAMPLE_GOLD.parent / "articles", extractor=extractor)
    figures = report.figures()
    assert figures["noise"] == 0
    assert {k: figures[k] for k in EXAMPLE_FLOORS if figures[k] < EXAMPLE_FLOORS[k]} == {}


@pytest.fixture(scope="module")
def seed_report(extractor: Extractor) -> Report:
    return score(GOLD, SEEDS, extractor=extractor)


MET = {"actor_f1", "noise", "claims_found", "claims_right_speaker", "event_f1", "short_names"}
NOT_YET: dict[str, str] = {
    "short_names": "the reference scorer counts a headline's 'Seoul: …' (Seoul speaking), read as a dateline",
}


@needs_shared
@pytest.mark.seeds
@pytest.mark.parametrize(
    "figure",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[k])) if k in NOT_YET else k
        for k in SEED_TARGETS
    ],
)
def test_seed_figures_meet_targets(seed_report: Report, figure: str) -> None:
    value = seed_report.figures()[figure]
    if figure == "noise":
        assert value <= SEED_TARGETS[figure], seed_report.articles
    else:
        assert value >= SEED_TARGETS[figure], json.dumps(seed_report.to_dict()["articles"], indent=1)[:4000]


@pytest.fixture(scope="module")
def dev_report(extractor: Extractor) -> Report:
    return score(DEV / "gold", DEV / "articles", extractor=extractor)


def _dev_figure(report: Report, figure: str) -> float:
    if figure == "noise":  # the most junk-only names in any one article
        return max(a.counts.figures()["noise"] for a in report.articles)
    return float(report.figures()[figure])


#: where the development figures stand by the reference scorer's rules: a change that lowers one fails (raise these
#: as the figures rise)
DEV_FLOORS = {
    "actor_f1": 0.887,  # 0.888 before issue 25: bylines are page furniture (dev's gold has three as actors, dev2's as noise)
    "claims_found": 0.921,
    "claims_right_speaker": 0.774,
    "event_f1": 0.76,
    "event_precision": 0.731,  # 0.756 before issue 25, traded for recall (0.730 → 0.791)
    "short_names": 0.743,
}
#: the issue targets the development set does not meet by the reference scorer's rules (issues 15 and 16 measured
#: them with newsgraph's own, more lenient matching; each xfail turns into a failure once it is met)
DEV_NOT_YET: dict[str, str] = {
    "actor_f1": "0.887 by the reference scorer",
    "claims_right_speaker": "0.774 by the reference scorer",
    "short_names": "0.743 by the reference scorer",
}


@needs_dev
@pytest.mark.parametrize("figure", sorted(DEV_FLOORS))
def test_dev_figures_do_not_fall(dev_report: Report, figure: str) -> None:
    assert _dev_figure(dev_report, figure) >= DEV_FLOORS[figure], dev_report.figures()


@needs_dev
@pytest.mark.parametrize(
    "figure",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=DEV_NOT_YET[k]))
        if k in DEV_NOT_YET
        else k
        for k in DEV_TARGETS
    ],
)
def test_dev_figures_meet_targets(dev_report: Report, figure: str) -> None:
    value = _dev_figure(dev_report, figure)
    if figure == "noise":
        assert value <= DEV_TARGETS[figure]
    else:
        assert value >= DEV_TARGETS[figure]


@pytest.fixture(scope="module")
def dev2_report(extractor: Extractor) -> Report:
    return score(DEV2 / "gold", DEV2 / "articles", extractor=extractor)


#: where the validation figures stand (a change that lowers one fails); the targets of issue 25 for them are
#: DEV2_TARGETS (ontology/targets.toml [dev2])
DEV2_FLOORS = {
    "actor_f1": 0.881,
    "claims_found": 0.953,
    "claims_right_speaker": 0.824,
    "event_f1": 0.623,
    "event_precision": 0.671,
    "short_names": 0.608,
}
# issue 26's tolls, tallies, supplies and crowds brought the figures found over their target; issue 25, the noise
# and the events' precision
DEV2_NOT_YET = {
    figure: "issue 25"
    for figure in DEV2_TARGETS
    if figure not in {"claims_found", "noise", "event_precision", "claims_right_speaker", "actor_f1"}
}


@needs_dev2
@pytest.mark.parametrize("figure", sorted(DEV2_FLOORS))
def test_dev2_figures_do_not_fall(dev2_report: Report, figure: str) -> None:
    assert float(dev2_report.figures()[figure]) >= DEV2_FLOORS[figure], dev2_report.figures()


@needs_dev2
@pytest.mark.parametrize(
    "figure",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=DEV2_NOT_YET[k]))
        if k in DEV2_NOT_YET
        else k
        for k in DEV2_TARGETS
    ],
)
def test_dev2_figures_meet_targets(dev2_report: Report, figure: str) -> None:
    value = dev2_report.figures()[figure]
    if figure == "noise":
        assert value <= DEV2_TARGETS[figure]
    else:
        assert value >= DEV2_TARGETS[figure]


@needs_dev
def test_evaluate_agrees_with_the_reference_scorer(dev_report: Report) -> None:
    """The reference scorer (../shared/tools/score.py) and newsgraph evaluate give the same figures on one set."""
    import importlib.util

    path = DEV.parent / "tools" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/tools/score.py is not here")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec is not None and spec.loader is not None
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    extractor = Extractor()
    totals: dict[str, int] = {}
    for _path, gold in load_gold(DEV / "gold"):
        from newsgraph.loaders.read import read_paths

        (article,) = read_paths([DEV / "articles" / gold["article"]])
        counts = reference.score_article(gold, extractor.extract(article).to_dict())
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + (len(value) if isinstance(value, list) else value)
    ours = dev_report.total
    assert (ours.actors_found, ours.actors_right, ours.noise) == (
        totals["hit_g"],
        totals["hit_p"],
        totals["noise"],
    )
    assert (ours.claims_found, ours.claims_right_speaker) == (totals["c_found"], totals["c_speaker"])
    assert (ours.events_found, ours.events_right, ours.events_predicted) == (
        totals["e_found"],
        totals["e_prec"],
        totals["p_events"],
    )
    assert (ours.short_names_right, ours.short_names_gold) == (totals["amb_ok"], totals["g_amb"])
