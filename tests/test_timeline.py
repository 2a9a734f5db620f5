"""timeline.py, timeline_layout.py, timeline_axis.py, timeline_draw.py: the chart of events over time."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest
from timeline_cases import AS_OF, generated_events, qualified_events, today_events

from briefing.build import check
from briefing.model.dates import DateValue, parse_date
from briefing.model.facts import Event
from briefing.model.inference import date_inferred
from briefing.outputs.timeline import chart as timeline
from briefing.outputs.timeline import draw as timeline_draw
from briefing.outputs.timeline import styles as timeline_styles
from briefing.outputs.timeline.axis import days, format_date, main_window, ticks
from briefing.outputs.timeline.geometry import WIDTH, shorten
from briefing.outputs.timeline.layout import LANES, LEGEND, Mark, lane_of, layout

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed() -> tuple[tuple[Event, ...], DateValue]:
    """The shipped briefing's events, as curated now (the set grows)."""
    model = check(REPO).model
    assert model is not None, "the shipped briefing does not load: run 'briefing check'"
    return model.content.events, model.content.briefing.as_of


def _href(event: Event) -> str:
    return f"#event-{event.id}"


# -- the module stays light -------------------------------------------------


def test_importing_timeline_does_not_import_matplotlib() -> None:
    code = (
        "import sys, briefing.outputs.timeline.chart, briefing.build, briefing.cli;"
        "print(sorted(m for m in sys.modules if m.startswith('matplotlib')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


# -- determinism ------------------------------------------------------------


def test_two_renders_are_byte_identical(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    events, as_of = seed
    first = timeline.chart_svg(events, as_of, title="T", href=_href)
    assert first == timeline.chart_svg(events, as_of, title="T", href=_href)
    generated = generated_events(50)
    assert timeline.chart_svg(generated, AS_OF) == timeline.chart_svg(generated, AS_OF)
    assert timeline.chart_png(events, as_of, dpi=72) == timeline.chart_png(events, as_of, dpi=72)


def test_same_bytes_in_fresh_processes_with_other_hash_seeds_and_dates() -> None:
    code = (
        "import hashlib, sys; sys.path.insert(0, 'tests'); from timeline_cases import *; "
        "from briefing.outputs.timeline import chart as timeline; "
        "print(hashlib.sha256(timeline.chart_svg(generated_events(30), AS_OF)).hexdigest())"
    )
    digests = set()
    for hash_seed, epoch in (("1", None), ("2", "1700000000")):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONHASHSEED"] = hash_seed
        if epoch is not None:
            env["SOURCE_DATE_EPOCH"] = epoch
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=env
        )
        digests.add(run.stdout.strip())
    here = hashlib.sha256(timeline.chart_svg(generated_events(30), AS_OF)).hexdigest()
    assert digests == {here}


def test_no_date_or_version_in_the_svg(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    svg = timeline.chart_svg(*seed).decode()
    assert "<metadata" not in svg and "Matplotlib v" not in svg and "<dc:date" not in svg


# -- content: every event, linked -------------------------------------------


def _tree(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def _groups(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("event-mark-")}


@pytest.mark.parametrize("case", ["seed", "generated"])
def test_every_event_has_a_mark_linking_to_its_row(case: str, seed: tuple[tuple[Event, ...], DateValue]) -> None:
    events, as_of = seed if case == "seed" else (generated_events(50), AS_OF)
    groups = _groups(_tree(timeline.chart_svg(events, as_of, href=_href)))
    assert sorted(groups) == sorted(f"event-mark-{e.id}" for e in events)
    for event in events:
        links = groups[f"event-mark-{event.id}"].findall(f"{SVG}a")
        assert [a.get("href") for a in links] == [f"#event-{event.id}"]
        name = links[0].find(f"{SVG}title")
        assert name is not None and name.text is not None and name.text.startswith(event.title)
        assert len(links[0]) > 1, "the link holds the mark and label, not only its title"


def test_links_open_in_place_not_in_a_new_window(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    svg = timeline.chart_svg(*seed, href=_href).decode()
    assert "target=" not in svg and 'xlink:href="#event' not in svg


def test_without_href_there_are_no_links(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    root = _tree(timeline.chart_svg(*seed))
    assert root.find(f".//{SVG}a") is None
    assert len(_groups(root)) == len(seed[0])


def test_title_text_is_escaped() -> None:
    event = Event("amp", 'A & B <say> "hi"', "", "occurred", parse_date("2022-02-20"))
    root = _tree(timeline.chart_svg([event], AS_OF, title="Q&A <chart>", href=lambda e: "#a?x=1&y=2"))
    assert root.find(f"{SVG}title").text == "Q&A <chart>"  # type: ignore[union-attr]
    assert root.find(f".//{SVG}a").get("href") == "#a?x=1&y=2"  # type: ignore[union-attr]


# -- accessibility ------------------------------------------------------------


def test_root_is_labelled_and_described(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    events, as_of = seed
    root = _tree(timeline.chart_svg(events, as_of, title="Timeline: the summit", href=_href))
    assert root.get("role") is None  # an img may not hold links (axe), vnu rejects role=group on svg
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == "Timeline: the summit"
    assert desc.tag == f"{SVG}desc"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert _tree(timeline.chart_svg(events, as_of)).get("role") == "img"
    assert root.get("width") == "100%" and root.get("height") is None, "fits any column; the viewBox keeps the ratio"
    assert root.get("viewBox", "").startswith("0 0 576 ")


def test_long_description_lists_events_in_date_order(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    events, as_of = seed
    text = timeline.describe(events, as_of)
    assert f"as of {format_date(as_of)}" in text
    # An ongoing event is introduced by its heading, not followed by its status; an alleged one reads
    # "(alleged, not established)" (the shipped briefing has both since issue 15).
    status_of = {
        e.id: (
            f"Ongoing at the as-of date (start not given): {e.title}"
            if e.status == "ongoing"
            else f"{e.title} ({e.status}"
        )
        for e in events
    }
    assert [e.id for e in events if status_of[e.id] not in text] == []
    positions = [text.index(e.title) for e in events]
    order = [events[i] for i in sorted(range(len(events)), key=positions.__getitem__)]
    dated = [e for e in order if e.date is not None]
    assert [e.date.start for e in dated if e.date] == sorted(e.date.start for e in dated if e.date)
    assert all(e.date is None for e in order[len(dated) :])
    for event in events:
        if event.date is not None:  # an inferred date says so (issue 13): never read as the source's date
            inferred = " (date inferred)" if date_inferred(event.date, event.date_text) else ""
            assert f"{format_date(event.date)}{inferred}: {event.title}" in text
    assert "(date inferred)" in text, "the shipped briefing has inferred dates"


# -- labels never overlap -------------------------------------------------------


def _overlaps(events: Sequence[Event], as_of: DateValue) -> list[str]:
    drawn = timeline_draw.figure(events, as_of)
    labels, marks, frame = timeline_draw.boxes(drawn)
    problems = []
    for index, box in enumerate(frame):
        problems += [f"chart texts {index} and {other} overlap" for other in range(index) if box.overlaps(frame[other])]
    height = drawn.chart.layout.height
    items = sorted(labels.items())
    for index, (key, box) in enumerate(items):
        if box.x0 < 0 or box.x1 > WIDTH or box.y0 < 0 or box.y1 > height:
            problems.append(f"label of {key} leaves the chart: {box}")
        for other, other_box in items[index + 1 :]:
            if box.overlaps(other_box):
                problems.append(f"labels of {key} and {other} overlap")
        problems += [f"label of {key} overlaps a legend, tick or lane title" for f in frame if box.overlaps(f)]
        for owner, mark_boxes in marks.items():
            if any(box.overlaps(m) for m in mark_boxes):
                problems.append(f"label of {key} overlaps the mark of {owner}")
    return problems


def test_labels_do_not_overlap_for_the_seed_briefing(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    assert _overlaps(*seed) == []


@pytest.mark.parametrize("random_seed", [2022, 7, 99])
def test_labels_do_not_overlap_for_50_generated_events(random_seed: int) -> None:
    assert _overlaps(generated_events(50, random_seed), AS_OF) == []


@pytest.mark.slow
def test_labels_do_not_overlap_for_500_generated_events() -> None:
    assert _overlaps(generated_events(500, 5), AS_OF) == []


def test_labels_do_not_overlap_when_every_event_is_on_the_same_day() -> None:
    assert _overlaps(today_events(12), AS_OF) == []


def test_overlap_check_can_fail() -> None:
    """The measurement is real: two labels drawn on the same spot are reported."""
    drawn = timeline_draw.figure(today_events(2), AS_OF)
    first, second = drawn.labels.values()
    second.set_position(first.get_position())
    labels, _, _ = timeline_draw.boxes(drawn)
    a, b = labels.values()
    assert a.overlaps(b)


# -- encoding ---------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_statuses_differ_in_shape_and_fill_and_colours_contrast_with_the_card() -> None:
    styles = timeline_styles.STYLES
    assert set(styles) == {"occurred", "ongoing", "alleged", "scheduled", "proposed", "conditional", "cancelled"}
    assert len({s.shape for s in styles.values()}) == len(styles), "shape is the second channel"
    assert len({s.colour for s in styles.values()}) == len(styles)
    assert styles["occurred"].filled and not styles["scheduled"].filled
    assert styles["proposed"].dashed and styles["conditional"].dashed and styles["conditional"].hatch
    assert not styles["alleged"].filled and styles["alleged"].dots, "an allegation must not look like a fact"
    card = _luminance(timeline_styles.CARD)
    for status, style in styles.items():
        ratio = (card + 0.05) / (_luminance(style.colour) + 0.05)
        assert ratio >= 3, f"{status} colour {style.colour} has {ratio:.2f}:1 against the card (WCAG 1.4.11 wants 3:1)"


def test_lanes_by_how_settled_and_undated_in_their_own_lane() -> None:
    def event(status: str, when: str | None) -> Event:
        return Event(status, status, "", status, parse_date(when) if when else None)

    assert lane_of(event("occurred", "2022")) == "happened"
    assert lane_of(event("cancelled", "2022")) == "planned"
    assert lane_of(event("conditional", "2022")) == "possible"
    assert lane_of(event("occurred", None)) == "undated"
    chart = layout([event("scheduled", "2022-02-20"), event("proposed", None)], AS_OF, lambda s: 5.0 * len(s))
    assert [lane.key for lane in chart.layout.lanes] == ["planned", "undated"]
    assert LANES[-1][1] == "No date given"  # an undated event may have happened: not "not yet scheduled"


def test_intervals_are_ranges_and_days_are_points() -> None:
    events = [
        Event("range", "range", "", "scheduled", parse_date("2022-02-21/2022-02-28")),
        Event("day", "day", "", "occurred", parse_date("2022-02-21")),
    ]
    marks = {m.event.id: m for m in layout(events, AS_OF, lambda s: 5.0 * len(s)).layout.marks}
    assert marks["range"].x1 - marks["range"].x0 > 100
    assert marks["day"].x0 == marks["day"].x1


def test_far_apart_dates_go_to_an_earlier_gutter() -> None:
    story = [days(parse_date(d)) for d in ("2022-02-19/2022-02-20", "2022-02-21", "2022-02-24")]
    lo, hi = main_window([days(parse_date("2014")), *story], days(AS_OF))
    assert (lo, hi) == (days(parse_date("2022-02-19"))[0], days(parse_date("2022-02-24"))[1])
    events = [Event("minsk", "Minsk", "", "occurred", parse_date("2014"))] + [
        Event(f"e{i}", f"e{i}", "", "occurred", parse_date(d)) for i, d in enumerate(("2022-02-19", "2022-02-24"))
    ]
    lay = layout(events, AS_OF, lambda s: 5.0 * len(s)).layout
    assert [g.title for g in lay.gutters] == ["Earlier"]
    marks = {m.event.id: m for m in lay.marks}
    assert marks["minsk"].x0 < lay.main[0] and marks["minsk"].label.startswith("2014: ")
    assert marks["e1"].x0 - marks["e0"].x0 > 0.6 * (lay.main[1] - lay.main[0]), "the story is not squashed"


def test_dates_spread_evenly_keep_one_axis() -> None:
    spans = [days(parse_date(f"2021-{m:02d}-15")) for m in range(1, 13)]
    assert main_window(spans, days(parse_date("2021-12-31"))) == (spans[0][0], days(parse_date("2021-12-31"))[1])


def test_tick_labels_do_not_collide_and_pick_a_fitting_unit() -> None:
    def measure(text: str) -> float:
        return 5.0 * len(text)

    lo, hi = days(parse_date("2022-02-17"))[0], days(parse_date("2022-03-01"))[0]
    found = ticks(lo, hi, 0, 500, measure)
    assert found and found[0].label.endswith("Feb")
    right = -1e9
    for tick in found:
        assert tick.label_x - measure(tick.label) / 2 >= right
        right = tick.label_x + measure(tick.label) / 2
    years = ticks(days(parse_date("1990"))[0], days(parse_date("2030"))[0], 0, 500, measure)
    assert all(t.label.isdigit() for t in years) and len(years) >= 4


def test_format_date_and_shorten() -> None:
    assert format_date(parse_date("2022-02-21")) == "21 Feb 2022"
    assert format_date(parse_date("2022-02")) == "Feb 2022"
    assert format_date(parse_date("2014/2015-03")) == "2014 to Mar 2015"

    def measure(text: str) -> float:
        return float(len(text))

    assert shorten("short", 10, measure) == "short"
    assert shorten("one two three four", 10, measure) == "one two…"
    assert len(shorten("x" * 40, 10, measure)) <= 10


def test_png_is_a_png(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    png = timeline.chart_png(*seed, dpi=50)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_awkward_titles_render_on_one_line_without_warnings() -> None:
    events = [
        Event("money", "Costs $5 and $6: \\alpha_1 is not maths", "", "occurred", parse_date("2022-02-20")),
        Event("lines", "A title written\nover two lines", "", "scheduled", parse_date("2022-02-21")),
        Event("glyphs", "Named 漢字 🙂 in the source", "", "proposed", None),
        Event("empty", "", "", "no-such-status", parse_date("2022-02-22")),
        Event("long", "x" * 400, "", "occurred", parse_date("2022-02-23")),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        root = _tree(timeline.chart_svg(events, AS_OF, href=_href))
        drawn = timeline_draw.figure(events, AS_OF)
    labels = {m.event.id: m.label for m in drawn.chart.layout.marks}
    assert labels["money"].startswith("Costs $5 and $6")
    assert labels["lines"] == "A title written over two lines"
    assert "\ufffd" in labels["glyphs"] and labels["long"].endswith("…")
    names = {g.get("id"): g.find(f"{SVG}a/{SVG}title").text for g in _groups(root).values()}  # type: ignore[union-attr]
    assert names["event-mark-glyphs"].startswith("Named 漢字 🙂"), "the link's name keeps the title as written"
    assert _overlaps(events, AS_OF) == []


def test_no_events_and_an_as_of_date_far_from_the_story() -> None:
    assert _tree(timeline.chart_svg([], AS_OF)).find(f"{SVG}desc") is not None
    events = [Event("e", "e", "", "occurred", parse_date("2022-02-20"))]
    lay = timeline_draw.figure(events, parse_date("2030")).chart.layout
    assert [(g.title, g.as_of_x) for g in lay.gutters] == [("Later", lay.as_of_x)]
    assert lay.marks[0].x0 > lay.main[0]


def test_labels_are_drawn_where_they_are_measured(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    """Ink of the labels alone, rendered by Agg, lies inside the boxes the overlap tests measure, and fills each."""
    import numpy as np

    drawn = timeline_draw.figure(*seed)
    for artist in drawn.figure.artists:
        artist.set_visible(isinstance(artist, timeline_draw.EventGroup))
    for shapes in drawn.marks.values():
        for shape in shapes:
            shape.set_visible(False)
    labels, _, _ = timeline_draw.boxes(drawn)
    with timeline_draw.settings():  # unhinted glyphs, as chart_png draws them
        drawn.figure.canvas.draw()
    pixels = np.asarray(drawn.figure.canvas.buffer_rgba())  # type: ignore[attr-defined]
    height = pixels.shape[0]
    ink = pixels[:, :, :3].min(axis=2) < 160
    inside = np.zeros_like(ink)
    for key, box in labels.items():
        rows = slice(max(0, int(height - box.y1 - 1.5)), int(height - box.y0 + 1.5))
        cols = slice(max(0, int(box.x0 - 1.5)), int(box.x1 + 1.5))
        assert ink[rows, cols].any(), f"no ink where the label of {key} is measured"
        inside[rows, cols] = True
    assert not (ink & ~inside).any(), "a label is drawn outside the box it is measured at"


def _labels(events: Sequence[Event], as_of: DateValue) -> dict[str, Mark]:
    return {m.event.id: m for m in timeline_draw.figure(events, as_of).chart.layout.marks}


@pytest.mark.parametrize("case", ["seed", "qualified"])
def test_labels_are_text_where_the_layout_measured_them(case: str, seed: tuple[tuple[Event, ...], DateValue]) -> None:
    """Issue 18: <text>, not glyph outlines (a <use> per character was half of a large page)."""
    events, as_of = seed if case == "seed" else (qualified_events(40, 11), AS_OF)
    svg = timeline.chart_svg(events, as_of, href=_href)
    assert svg == timeline.chart_svg(events, as_of, href=_href)
    root = _tree(svg)
    assert not [u for u in root.iter(f"{SVG}use") if not u.get("href", "").startswith("#tl-m-")], "no glyph outlines"
    assert b"DejaVuSans-" not in svg and b"<path id=" not in svg
    baseline = timeline_draw.glyphs.baseline(timeline_draw.glyphs.label_font())
    for key, mark in _labels(events, as_of).items():
        texts = list(_groups(root)[f"event-mark-{key}"].iter(f"{SVG}text"))
        assert [t.text for t in texts] == ([mark.label] if mark.label else [])
        for text in texts:  # a label left of its mark ends at the mark, whatever the font draws
            end = text.get("class") == "tl-end"
            assert float(text.get("x", "")) == pytest.approx(mark.label_x + (mark.label_width if end else 0), abs=0.01)
            assert float(text.get("y", "")) == pytest.approx(mark.y + baseline, abs=0.01)
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert "occurred" in texts and any(t and t.startswith("As of ") for t in texts)
    assert "font-family:'DejaVu Sans'," in svg.decode(), "the measured font first, fallbacks after"


def test_shapes_and_styles_are_defined_once_and_referenced(seed: tuple[tuple[Event, ...], DateValue]) -> None:
    """Issue 18: markers are <use> of one definition per status; styles are classes of one <style>, none inline."""
    events = qualified_events(40, 11)
    svg = timeline.chart_svg(events, AS_OF, href=_href)
    root = _tree(svg)
    defined = {e.get("id"): e for e in root.iter() if (e.get("id") or "").startswith("tl-m-")}
    uses = [u.get("href", "")[1:] for u in root.iter(f"{SVG}use")]
    assert set(uses) <= set(defined) and len(uses) >= len(events), "each mark references a shared shape"
    assert len(defined) == len(timeline_styles.STYLES) + 1, "one shape per status (and one for an unknown status)"
    assert len(list(root.iter(f"{SVG}style"))) == 1
    assert not [e.tag for e in root.iter() if e.get("style") is not None], "no inline style"
    css = next(root.iter(f"{SVG}style")).text or ""
    classes = {c for e in root.iter() for c in (e.get("class") or "").split()}
    assert {c for c in classes if f".{c}" not in css} == set(), "every class is styled once in the <style>"
    for key in _groups(root):
        event = next(e for e in events if f"event-mark-{e.id}" == key)
        assert _groups(root)[key].get("class") == f"tl-{event.status}", "colour by the status's class"
    for status, style in timeline_styles.STYLES.items():
        assert f".tl-chart .tl-{status}{{color:{style.colour}}}" in css
    # the matplotlib drawing of the same chart (the social card's) is several times larger
    assert len(svg) * 4 < len(timeline_draw.render(events, AS_OF, "svg", href=_href, dpi=72))


# -- issue 14: allegations, ongoing states, approximate and open dates ---------------


@pytest.mark.parametrize("random_seed", [2017, 11])
def test_labels_do_not_overlap_with_qualified_dates_and_new_statuses(random_seed: int) -> None:
    events = qualified_events(40, random_seed)
    assert {e.status for e in events} >= {"ongoing", "alleged"}
    assert {e.date.qualifier for e in events if e.date} >= {"approximate", "before", "after"}
    assert _overlaps(events, AS_OF) == []


def _event(status: str, when: str | None, title: str = "") -> Event:
    return Event(title or status, title or status, (), status, parse_date(when) if when else None)


def test_alleged_and_ongoing_have_lanes_of_their_own() -> None:
    assert lane_of(_event("alleged", "2022-02-20")) == "alleged"
    assert lane_of(_event("ongoing", "2022-02-20")) == "ongoing"
    assert lane_of(_event("ongoing", None)) == "ongoing"  # holds at the as-of date, start not given
    assert lane_of(_event("alleged", None)) == "undated"
    chart = layout([_event("alleged", "2022-02-20"), _event("occurred", "2022-02-19")], AS_OF, lambda s: 5.0 * len(s))
    assert [lane.key for lane in chart.layout.lanes] == ["happened", "alleged"]


def test_ongoing_runs_to_the_as_of_line_and_qualifiers_reach_out() -> None:
    events = [
        _event("ongoing", "2022-02-10", "since"),
        _event("occurred", "2022-02-15~", "about"),
        _event("occurred", "../2022-02-15", "before"),
        _event("occurred", "2022-02-15/..", "after"),
        _event("occurred", "2022-02-15", "exact"),
    ]
    chart = layout(events, AS_OF, lambda s: 5.0 * len(s)).layout
    marks = {m.event.id: m for m in chart.marks}
    assert marks["since"].x1 == chart.as_of_x and marks["since"].x0 < marks["since"].x1
    assert marks["about"].reach[0] == marks["about"].reach[1] > 0
    assert marks["before"].reach[0] > 0 == marks["before"].reach[1]
    assert marks["after"].reach[1] > 0 == marks["after"].reach[0]
    assert marks["exact"].reach == (0.0, 0.0)


def test_legend_names_the_new_marks_only_when_used() -> None:
    plain = layout([_event("occurred", "2022-02-20")], AS_OF, lambda s: 5.0 * len(s))
    assert [item.status for item in plain.legend] == [status for status, _ in LEGEND]
    mixed = layout([_event("alleged", "2022-02-20~"), _event("ongoing", None)], AS_OF, lambda s: 5.0 * len(s))
    statuses = {item.status for item in mixed.legend}
    assert {"alleged", "ongoing", "approximate"} <= statuses and "before" not in statuses


def test_text_alternative_says_about_on_or_before_ongoing_and_alleged() -> None:
    events = [
        _event("ongoing", None, "Blackout"),
        _event("alleged", "../2017-04", "Executions"),
        _event("occurred", "2017-11-24~", "Attack"),
    ]
    text = timeline.describe(events, parse_date("2017-11~"))
    assert "as of about Nov 2017" in text
    # no wording names these dates (the events have no date_text): the curator's reading, said so
    assert "on or before Apr 2017 (date inferred): Executions (alleged, not established)." in text
    assert "about 24 Nov 2017 (date inferred): Attack (occurred)." in text
    assert "Ongoing at the as-of date (start not given): Blackout." in text


@pytest.mark.parametrize(
    ("name", "value"),
    [("path.sketch", (3.0, 10.0, 5.0)), ("savefig.bbox", "tight"), ("lines.linewidth", 4.0), ("svg.fonttype", "none")],
)
def test_a_machines_matplotlib_settings_do_not_change_the_chart(
    seed: tuple[tuple[Event, ...], DateValue], name: str, value: object
) -> None:
    """F11: a matplotlibrc (path.sketch, savefig.bbox...) changed a fresh drawing but not a cached one."""
    import matplotlib

    events, as_of = seed
    clean = timeline_draw.render(events, as_of, "svg", href=None, dpi=72)
    with matplotlib.rc_context({name: value}):
        configured = timeline_draw.render(events, as_of, "svg", href=None, dpi=72)
    assert configured == clean


# -- issue 18: hundreds of events get an overview -----------------------------------


@pytest.mark.parametrize("case", ["generated", "qualified"])
def test_hundreds_of_events_are_counted_per_period_and_lane_not_labelled(case: str) -> None:
    events = generated_events(300, 18) if case == "generated" else qualified_events(300, 18)
    svg = timeline.chart_svg(events, AS_OF, href=_href)
    root = _tree(svg)
    assert _groups(root) == {}, "no mark per event: the table lists them"
    counts = [int(t.text or "") for t in root.iter(f"{SVG}text") if t.get("class") == "tl-n tl-c"]
    undated = sum(1 for e in events if e.date is None)  # an ongoing state without a start too
    assert sum(counts) + undated == len(events), "every event is counted once"
    titles = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "tl-lane"]
    assert [t.split(":")[0] for t in titles][:1] == ["Happened"] and titles[-1].startswith("No date given: ")
    first = {e.id for e in events}
    links = [a.get("href", "") for a in root.iter(f"{SVG}a")]
    assert len(links) == len(counts) and {h.removeprefix("#event-") for h in links} <= first
    description = timeline.describe(events, AS_OF)
    assert description.startswith("300 events as of 21 Feb 2022") and "events table" in description
    assert f"No date given: {undated}." in description
    assert "counted per week and by how settled" in description, "six weeks of story: a column a week"
    assert root.find(f"{SVG}desc").text == description  # type: ignore[union-attr]
    assert len(svg) < 20_000, f"{len(svg)} bytes: an overview stays small whatever the number of events"
    assert _groups(_tree(timeline.chart_svg(generated_events(100), AS_OF, href=_href))), "100 still get marks"


def test_overview_bars_link_to_the_first_of_their_events() -> None:
    events = generated_events(150, 3)
    root = _tree(timeline.chart_svg(events, AS_OF, href=_href))
    by_id = {e.id: e for e in events}
    for link in root.iter(f"{SVG}a"):
        event = by_id[link.get("href", "").removeprefix("#event-")]
        name = link.find(f"{SVG}title")
        assert name is not None and name.text is not None and "the first of them in the table" in name.text
        count = int(next(t.text or "" for t in link.iter(f"{SVG}text")))
        assert f": {count} event" in name.text
        assert event.date is not None
