"""Office keys: body aliases, Kemendagri region codes, and regions inferred from the article."""

import pytest

from closure_extractor.extract.offices import article_context, identify_office
from closure_extractor.extract.regions import dateline_region, region_by_code, text_regions
from closure_extractor.extract.tables_io import load_table


def test_the_region_table_has_every_province_with_its_code_and_says_where_its_facts_come_from():
    table = load_table("regions")
    assert len(table["provinces"]) == 38
    assert "Permendagri" in table["_source"]
    codes = [p["code"] for p in table["provinces"]] + [r["code"] for r in table["regions"]]
    assert len(codes) == len(set(codes))
    assert region_by_code("36.73").label == "Kota Serang"
    assert region_by_code("36.04").label == "Kabupaten Serang"
    assert region_by_code("31").name == "DKI Jakarta"
    assert all(r["code"][:2] in {p["code"] for p in table["provinces"]} for r in table["regions"])


@pytest.mark.parametrize("written", ["Disdukcapil Kota Serang", "Dukcapil Kota Serang", "Dindukcapil Kota Serang"])
def test_dukcapil_disdukcapil_and_dindukcapil_are_one_office(written):
    expected = "dinas kependudukan dan pencatatan sipil|36.73"
    assert identify_office(written).office_key == expected
    full = "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Serang"
    assert identify_office(full).office_key == expected


def test_kota_and_kabupaten_of_one_name_are_two_offices():
    city = identify_office("Disdukcapil Kota Serang")
    regency = identify_office("Disdukcapil Kab. Serang")
    assert (city.region.code, regency.region.code) == ("36.73", "36.04")
    assert city.office_key != regency.office_key
    assert identify_office("Pemkot Serang").region.code == "36.73"
    assert identify_office("Pemkab Serang").region.code == "36.04"


def test_a_region_the_agency_leaves_out_comes_from_the_dateline():
    context = article_context("SERANG – Pelayanan Dukcapil ditutup sementara sejak Senin (16/11).")
    office = identify_office("Dukcapil", context)
    assert office.office_key == "dinas kependudukan dan pencatatan sipil|36.73"
    assert (office.how, office.confidence) == ("dateline", 0.8)


@pytest.mark.parametrize(
    ("head", "code"),
    [
        ("KOMPAS.com, BANJARBARU - Kantor Samsat ditutup.", "63.72"),
        ("PADANG, SUMBARNEWS – Kantor Pelayanan Pajak ditutup.", "13.71"),
        ("SUMSELTERKINI.COM, PALEMBANG – Kantor Pertanahan menghentikan layanan.", "16.71"),
        ("Jakarta, CNN Indonesia -- Balai kota ditutup.", "31"),
    ],
)
def test_dateline_forms_of_regional_news(head, code):
    assert dateline_region(head).code == code


def test_without_a_dateline_the_region_the_article_names_most_is_used():
    text = "Pelayanan Disdukcapil ditutup. Wali Kota Serang meminta warga bersabar. Pemkot Serang menyemprot kantor."
    office = identify_office("Disdukcapil", article_context(text))
    assert (office.region.code, office.how, office.confidence) == ("36.73", "article", 0.6)
    assert identify_office("Disdukcapil", article_context("Pelayanan ditutup.")).how == "none"


def test_an_ambiguous_bare_name_is_read_the_way_the_article_reads_it():
    text = "SERANG – Dinsos Serang tutup. Bupati Serang dan Pemkab Serang menyebut Kabupaten Serang siaga."
    office = identify_office("Dinsos Serang", article_context(text))
    assert office.region.code == "36.04"
    assert office.how == "agency"


def test_province_bodies_units_and_words_that_are_not_regions():
    assert identify_office("DPRD DKI Jakarta").office_key == identify_office("DPRD DKI").office_key
    assert identify_office("Kejati", article_context("PALEMBANG – Kejati ditutup.")).region.code == "16"
    assert identify_office("PN Jakarta Pusat").region.code == "31.73"
    puskesmas = identify_office("Puskesmas Batu Aji", article_context("BATAM – Puskesmas ditutup."))
    assert (puskesmas.unit, puskesmas.region.code) == ("batu aji", "21.71")
    assert identify_office("KPP Pratama Serang").office_key == "kantor pelayanan pajak|36.73"


def test_capitalised_names_only_count_as_regions_in_running_text():
    assert [r.code for r in text_regions("Batu bata menumpuk di depan kantor, kata warga Kota Batu.")] == ["35.79"]


def test_units_after_a_region_and_prefixes_that_hide_the_office_type():
    first, second = (
        identify_office("KPP Pratama Padang Satu"),
        identify_office("Kantor Pelayanan Pajak Pratama Padang Dua"),
    )
    assert (first.office_key, second.office_key) == (
        "kantor pelayanan pajak satu|13.71",
        "kantor pelayanan pajak dua|13.71",
    )
    assert identify_office("UPT Samsat Pekanbaru Kota").office_key == identify_office("Samsat Pekanbaru").office_key
    assert identify_office("Kantor Imigrasi Kelas I TPI Pontianak").office_key == "kantor imigrasi|61.71"
    kecamatan = identify_office("Kecamatan Serang", article_context("Pemkab Serang menutup kantor itu."))
    assert (kecamatan.unit, kecamatan.region.code, kecamatan.how) == ("serang", "36.04", "article")
