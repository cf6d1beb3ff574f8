"""File drops: read once, half-written files left alone, bad files quarantined whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import connectors.files
from config import load_settings
from connectors.loader import ENTITIES, load_source
from tests.test_connectors_fixtures import FILE_ROWS


@pytest.fixture
def landing(crmwh_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(connectors.files, "SETTLE_SECONDS", 0.05)
    return crmwh_home / "landing"


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def landed(home: Path, table: str) -> list[dict[str, object]]:
    with duckdb.connect(str(home / "build.duckdb"), read_only=True) as con:
        result = con.execute(f"select * from raw_files.{table} order by id")
        names = [d[0] for d in result.description]
        return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def test_every_format_lands_once_with_its_natural_key(crmwh_home: Path, landing: Path) -> None:
    write_csv(landing / "marketing/campaigns/campaigns.csv", FILE_ROWS["marketing/campaigns"])
    events = FILE_ROWS["marketing/email_events"]
    (landing / "marketing/email_events").mkdir(parents=True)
    (landing / "marketing/email_events/part1.jsonl").write_text("\n".join(json.dumps(r) for r in events[:2]) + "\n")
    pq.write_table(pa.Table.from_pylist(events[2:]), landing / "marketing/email_events/part2.parquet")
    write_csv(landing / "finance/fx_rates/2026-03.csv", FILE_ROWS["finance/fx_rates"])
    report = load_source("files", load_settings())
    assert report.rows == {"marketing__campaigns": 1, "marketing__email_events": 3, "finance__fx_rates": 1}
    campaigns = landed(crmwh_home, "marketing__campaigns")
    assert campaigns[0]["id"] == "cmp1" and campaigns[0]["_source_file"] == "campaigns.csv"
    assert {k: campaigns[0][k] for k in FILE_ROWS["marketing/campaigns"][0]} == FILE_ROWS["marketing/campaigns"][0]
    assert [r["id"] for r in landed(crmwh_home, "marketing__email_events")] == ["e0", "e1", "e2"]
    assert landed(crmwh_home, "finance__fx_rates")[0]["id"] == "2026-03|EUR"
    assert set(ENTITIES["files"]) >= {"marketing__campaigns", "marketing__email_events", "finance__fx_rates"}
    # read once: a second run lands nothing; a changed file under the same name is read again
    assert load_source("files", load_settings()).rows == {}
    write_csv(landing / "finance/fx_rates/2026-03.csv", [{"month": "2026-03", "currency": "EUR", "rate": "1.09"}])
    assert load_source("files", load_settings()).rows == {"finance__fx_rates": 1}


def test_bad_and_half_written_files(crmwh_home: Path, landing: Path) -> None:
    folder = landing / "marketing/form_submissions"
    good = {
        "submission_id": "s1",
        "form_id": "f1",
        "campaign_id": "",
        "contact_email": "a@example.com",
        "submitted_at": "2026-03-02T10:00:00Z",
        "page_url": "/p",
    }
    write_csv(folder / "good.csv", [good])
    write_csv(folder / "missing.csv", [{k: v for k, v in good.items() if k != "form_id"}])
    (folder / "broken.jsonl").write_text('{"submission_id": "s9", "form_id": \n')
    (folder / "upload.csv.part").write_text("submission_id,form_id\n")
    (folder / "export.tmp").write_text("submission_id\n")
    report = load_source("files", load_settings())
    assert report.rows == {"marketing__form_submissions": 1}
    assert landed(crmwh_home, "marketing__form_submissions")[0]["campaign_id"] == ""
    quarantined = crmwh_home / "quarantine/marketing/form_submissions"
    assert sorted(p.name for p in quarantined.iterdir()) == [
        "broken.jsonl",
        "broken.jsonl.reason.txt",
        "missing.csv",
        "missing.csv.reason.txt",
    ]
    assert "missing required column(s): form_id" in (quarantined / "missing.csv.reason.txt").read_text()
    assert "cannot parse" in (quarantined / "broken.jsonl.reason.txt").read_text()
    assert not (folder / "missing.csv").exists() and (folder / "upload.csv.part").exists()
    # the upload finishes and is renamed: the next run reads it
    write_csv(folder / "upload.csv", [{**good, "submission_id": "s2"}])
    (folder / "upload.csv.part").unlink()
    assert load_source("files", load_settings()).rows == {"marketing__form_submissions": 1}


def test_a_growing_file_is_left_for_the_next_run(tmp_path: Path) -> None:
    import threading
    import time

    path = tmp_path / "growing.csv"
    path.write_text("a,b\n")

    def keep_writing() -> None:
        for n in range(10):
            with path.open("a") as handle:
                handle.write(f"{n},{n}\n")
            time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    assert connectors.files.settled_files_in([tmp_path], settle_seconds=0.1) == []
    writer.join()
    assert connectors.files.settled_files_in([tmp_path], settle_seconds=0.05) == [path]
