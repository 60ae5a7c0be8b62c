"""The register merges reports of one closure across articles, and keeps different closures apart."""

from pathlib import Path

from closure_extractor.extract.register import Article, Register
from closure_extractor.extract.register_export import iter_rows, write_export
from closure_extractor.extract.register_fields import EventReport, UpdateReport, choose_fields


def event(agency: str, start: str | None = None, end: str | None = None, **extra) -> dict:
    return {"agency": agency, "start_date": start, "end_date": end, "reason_category": "covid_case"} | extra


def build(path: Path, articles: list[tuple]) -> list[dict]:
    """Register ``(id, published, text, events[, updates])`` articles and return the export rows."""
    with Register.open(path) as register:
        register.add_articles((Article(a[0], a[1], a[2]), a[3], a[4] if len(a) > 4 else []) for a in articles)
    with Register.open(path) as register:
        return list(iter_rows(register.db))


SERANG = [
    (
        "s1",
        "2020-11-16",
        "SERANG – Disdukcapil ditutup.",
        [event("Disdukcapil Kota Serang", "2020-11-16", "2020-11-18")],
    ),
    ("s2", "2020-11-17", "KOMPAS.com, SERANG - Dukcapil tutup.", [event("Dukcapil", "2020-11-16")]),
    ("s3", "2020-11-17", None, [event("Dinas Sosial Kota Serang", "2020-11-16", "2020-11-17")]),
    ("s4", "2020-11-16", None, [event("Disdukcapil Kabupaten Serang", "2020-11-16")]),
    ("s5", "2021-02-01", "SERANG – Dindukcapil tutup lagi.", [event("Dindukcapil", "2021-02-01")]),
]


def test_six_outlets_reporting_one_closure_make_one_entry(tmp_path):
    articles = [
        (f"o{n}", "2021-01-04", None, [event("DPRD DKI Jakarta" if n % 2 else "DPRD DKI", "2021-01-04")])
        for n in range(6)
    ]
    rows = build(tmp_path / "r.sqlite", articles)
    assert len(rows) == 1
    assert rows[0]["articles"] == [f"o{n}" for n in range(6)]
    assert (rows[0]["region_code"], rows[0]["province"]) == ("31", "DKI Jakarta")


def test_same_office_months_later_two_offices_same_days_and_kota_versus_kabupaten_stay_apart(tmp_path):
    rows = build(tmp_path / "r.sqlite", SERANG)
    groups = sorted(row["articles"] for row in rows)
    assert groups == [["s1", "s2"], ["s3"], ["s4"], ["s5"]]


def test_a_region_read_from_the_dateline_fits_the_office_the_agency_names_inside_it(tmp_path):
    rows = build(
        tmp_path / "r.sqlite",
        [
            ("k1", "2020-09-14", None, [event("Kejari Jakarta Pusat", "2020-09-14")]),
            ("k2", "2020-09-15", "JAKARTA – Kejaksaan Negeri tutup.", [event("Kejaksaan Negeri", "2020-09-14")]),
            ("d1", "2020-09-14", None, [event("DPRD Banten", "2020-09-14")]),
            ("d2", "2020-09-14", None, [event("DPRD Kota Serang", "2020-09-14")]),
        ],
    )
    assert sorted(row["articles"] for row in rows) == [["d1"], ["d2"], ["k1", "k2"]]
    kejari = next(row for row in rows if row["articles"] == ["k1", "k2"])
    assert (kejari["office_key"], kejari["region"]) == ("kejaksaan negeri|31.73", "Kota Jakarta Pusat")


def test_an_office_without_region_joins_nothing_when_two_offices_of_its_kind_closed_those_days(tmp_path):
    rows = build(
        tmp_path / "r.sqlite",
        SERANG[2:4]
        + SERANG[:1]
        + [("bare", "2020-11-16", "Disdukcapil ditutup.", [event("Disdukcapil", "2020-11-16")])],
    )
    assert sorted(row["articles"] for row in rows) == [["bare"], ["s1"], ["s3"], ["s4"]]


def test_the_same_court_closing_four_times_is_four_entries(tmp_path):
    starts = ["2020-08-03", "2020-10-12", "2021-01-11", "2021-06-21"]
    articles = [
        (f"pn{n}{k}", start, None, [event("PN Jakarta Pusat" if k else "Pengadilan Negeri Jakarta Pusat", start)])
        for n, start in enumerate(starts)
        for k in range(2)
    ]
    rows = build(tmp_path / "r.sqlite", articles)
    assert [row["start_date"] for row in rows] == starts
    assert all(len(row["articles"]) == 2 for row in rows)


def test_adjacent_reports_within_two_days_merge_and_an_undated_report_inside_the_window_joins(tmp_path):
    rows = build(
        tmp_path / "r.sqlite",
        [
            ("a", "2020-09-01", None, [event("Samsat Kota Bekasi", "2020-09-01", "2020-09-03")]),
            ("b", "2020-09-06", None, [event("Samsat Kota Bekasi", "2020-09-06", "2020-09-08")]),
            ("c", "2020-09-07", None, [event("Samsat Kota Bekasi")]),
            ("d", "2020-09-20", None, [event("Samsat Kota Bekasi", "2020-09-20", "2020-09-21")]),
        ],
    )
    assert [row["articles"] for row in rows] == [["a", "b", "c"], ["d"]]


def test_an_extension_moves_the_end_and_a_reopening_ends_the_closure_the_day_before(tmp_path):
    extension = {"kind": "extension", "agency": "Dinkes Kota Bogor", "date": "2020-12-11"}
    reopening = {"kind": "reopening", "agency": "Dinkes Kota Bogor", "date": "2020-12-10"}
    base = ("a", "2020-12-01", None, [event("Dinkes Kota Bogor", "2020-12-01", "2020-12-04", duration_days=4)])
    extended = build(tmp_path / "e.sqlite", [base, ("b", "2020-12-04", None, [], [extension])])
    assert (extended[0]["end_date"], extended[0]["duration_days"], extended[0]["articles"]) == (
        "2020-12-11",
        11,
        ["a", "b"],
    )
    reopened = build(
        tmp_path / "r.sqlite",
        [base, ("b", "2020-12-04", None, [], [extension]), ("c", "2020-12-10", None, [], [reopening])],
    )
    assert (reopened[0]["end_date"], reopened[0]["articles"]) == ("2020-12-09", ["a", "b", "c"])


def test_an_update_read_before_its_closure_links_once_the_closure_arrives(tmp_path):
    update = {"kind": "extension", "agency": None, "date": "2020-12-11"}
    rows = build(
        tmp_path / "r.sqlite",
        [
            ("late", "2020-12-04", None, [], [update | {"agency": "Dinkes Kota Bogor"}]),
            ("first", "2020-12-01", None, [event("Dinkes Kota Bogor", "2020-12-01", "2020-12-04")]),
        ],
    )
    assert (rows[0]["end_date"], rows[0]["articles"]) == ("2020-12-11", ["first", "late"])


def test_a_reopening_of_a_closure_long_past_links_nothing(tmp_path):
    recalled = {"kind": "reopening", "agency": "Dinkes Kota Bogor", "date": "2021-05-03"}
    rows = build(
        tmp_path / "r.sqlite",
        [
            ("a", "2020-12-01", None, [event("Dinkes Kota Bogor", "2020-12-01", "2020-12-04")]),
            ("b", "2021-05-03", None, [], [recalled]),
        ],
    )
    assert [(row["end_date"], row["articles"]) for row in rows] == [("2020-12-04", ["a"])]


def test_a_report_that_bridges_two_entries_merges_them(tmp_path):
    rows = build(
        tmp_path / "r.sqlite",
        [
            ("a", "2020-09-01", None, [event("BPBD Kota Depok", "2020-09-01", "2020-09-02")]),
            ("b", "2020-09-10", None, [event("BPBD Kota Depok", "2020-09-10", "2020-09-11")]),
            ("c", "2020-09-05", None, [event("BPBD Kota Depok", "2020-09-01", "2020-09-11")]),
        ],
    )
    assert [row["articles"] for row in rows] == [["a", "b", "c"]]


def test_the_same_article_twice_changes_nothing(tmp_path):
    path = tmp_path / "r.sqlite"
    build(path, SERANG)
    before = path.with_suffix(".1.jsonl")
    with Register.open(path) as register:
        write_export(register.db, before)
        assert register.add_articles((Article(a[0], a[1], a[2]), a[3], []) for a in SERANG) == 0
        write_export(register.db, path.with_suffix(".2.jsonl"))
    assert before.read_bytes() == path.with_suffix(".2.jsonl").read_bytes()


def test_building_twice_gives_identical_exports_and_adding_one_by_one_equals_one_batch(tmp_path):
    outputs = []
    for name in ("first", "second"):
        rows_path = tmp_path / f"{name}.csv"
        with Register.open(tmp_path / f"{name}.sqlite") as register:
            register.add_articles((Article(a[0], a[1], a[2]), a[3], []) for a in SERANG)
            write_export(register.db, rows_path)
        outputs.append(rows_path.read_bytes())
    for step, article in enumerate(SERANG):  # a new run of the command for each article
        with Register.open(tmp_path / "incremental.sqlite") as register:
            register.add_articles([(Article(article[0], article[1], article[2]), article[3], [])])
            if step == len(SERANG) - 1:
                write_export(register.db, tmp_path / "incremental.csv")
    outputs.append((tmp_path / "incremental.csv").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_field_choice_the_most_specific_report_wins_and_every_value_is_kept():
    stated = EventReport("a", 0, "2020-11-16", "Disdukcapil", "2020-11-16", "2020-11-18")
    computed = EventReport("b", 0, "2020-11-17", "Disdukcapil Kota Serang", "2020-11-16", "2020-11-20", 5)
    officials = [{"name": "Arif Rahman", "title": None}]
    titled = EventReport("c", 0, "2020-11-18", "Dukcapil", officials=[{"name": "Arif  Rahman", "title": "Sekretaris"}])
    fields = choose_fields([computed, stated, titled, EventReport("d", 0, "2020-11-18", "x", officials=officials)])
    assert (fields["start_date"], fields["end_date"], fields["duration_days"]) == ("2020-11-16", "2020-11-18", 3)
    assert fields["agency"] == "Disdukcapil Kota Serang"
    assert fields["officials"] == [{"name": "Arif  Rahman", "title": "Sekretaris"}]
    assert (fields["first_reported"], fields["last_reported"]) == ("2020-11-16", "2020-11-18")
    later = [
        UpdateReport("e", "2020-11-18", "extension", "2020-11-25"),
        UpdateReport("f", "2020-11-19", "extension", "2020-11-27"),
    ]
    assert choose_fields([stated], later)["end_date"] == "2020-11-27"
