"""The register file: a schema version, migrations of old files, and clear errors for foreign files."""

import sqlite3

import pytest

from closure_extractor.extract.register import Article, Register
from closure_extractor.extract.register_db import SCHEMA_VERSION, RegisterFileError, connect, migrate, schema_version
from closure_extractor.extract.register_export import iter_rows


def test_a_new_register_has_every_table_at_the_current_version(tmp_path):
    db = connect(tmp_path / "r.sqlite")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "events", "closures", "closure_reports", "updates"} <= tables
    assert schema_version(db) == SCHEMA_VERSION == 3
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "closures_by_loose_key" in indexes


def test_a_version_1_file_is_migrated_on_open_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=1)
    old.execute("INSERT INTO articles (id, published) VALUES ('a1', '2020-11-16')")
    old.execute(
        "INSERT INTO events (article_id, position, agency, office_key, start_date, lo, hi, data)"
        " VALUES ('a1', 0, 'Dinsos Kota Serang', 'dinas sosial|36.73', '2020-11-16', 737745, 737752, '{}')"
    )
    old.execute(
        "INSERT INTO closures (office_key, region_code, lo, hi, public_id, agency)"
        " VALUES ('dinas sosial|36.73', '36.73', 737745, 737752, 'C1', 'x')"
    )
    old.execute("INSERT INTO closure_reports VALUES (1, 1)")
    old.close()
    with Register.open(path) as register:
        assert schema_version(register.db) == SCHEMA_VERSION
        assert register.db.execute("SELECT loose_key, firm FROM closures").fetchone() == ("dinas sosial", 1)
        assert register.db.execute("SELECT region_how, region_confidence FROM events").fetchone() == ("none", 0)
        register.add_articles(
            [(Article("a2", "2020-11-17"), [{"agency": "Dinas Sosial Kota Serang", "start_date": "2020-11-16"}], [])]
        )
        rows = list(iter_rows(register.db))
    assert [row["articles"] for row in rows] == [["a1", "a2"]]


def test_files_that_are_no_register_or_from_a_newer_version_are_refused(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("this is not a database, just some text " * 100)
    with pytest.raises(RegisterFileError, match="not a closure register"):
        connect(text)
    newer = tmp_path / "newer.sqlite"
    sqlite3.connect(newer).execute("PRAGMA user_version = 99")
    with pytest.raises(RegisterFileError, match="newer"):
        connect(newer)
