"""Raw intake: text that is not UTF-8 is landed with U+FFFD in place of the bad bytes (the raw file untouched),
every other file linked, the truth beside it; clean raw folders are read in place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import RAW, write_text_bytes

from c360.intake import REPLACEMENT, check_raw, land_raw
from c360.quality.raw_tables import RAW_TABLES


def test_a_clean_raw_folder_is_read_in_place(tmp_path: Path) -> None:
    landed_raw, landed = land_raw(RAW, tmp_path / "landing", check_raw(RAW))
    assert landed_raw == RAW.resolve() and landed == [] and not (tmp_path / "landing").exists()


@pytest.mark.parametrize("text_type", [pa.string(), pa.large_string()])
def test_bytes_that_are_not_utf8_are_landed_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text_type: pa.DataType
) -> None:
    shutil.copytree(RAW.parent, tmp_path / "sample")
    target = tmp_path / "sample" / "raw" / "support" / "tickets.parquet"
    table = write_text_bytes(target, "subject", 0, b"Caf\xe9 order", text_type)  # Latin-1
    before = target.read_bytes()

    monkeypatch.chdir(tmp_path)  # a relative raw path: the links must still hold
    landed_raw, landed = land_raw(Path("sample/raw"), tmp_path / "landing", check_raw(Path("sample/raw")))

    assert [(x.relative_path, x.column, x.values) for x in landed] == [("support/tickets.parquet", "subject", 1)]
    assert target.read_bytes() == before
    subjects_landed = pq.read_table(landed_raw / "support" / "tickets.parquet").column("subject").to_pylist()
    assert subjects_landed[0] == f"Caf{REPLACEMENT} order"
    assert subjects_landed[1:] == table.column("subject").to_pylist()[1:]
    for raw_table in RAW_TABLES:
        if raw_table.relative_path != "support/tickets.parquet":
            linked = landed_raw / raw_table.relative_path
            assert (
                linked.is_symlink()
                and pq.read_table(linked).num_rows
                == pq.read_table(tmp_path / "sample" / "raw" / raw_table.relative_path).num_rows
            )
    assert (landed_raw.parent / "truth").is_dir() and os.listdir(landed_raw.parent / "truth")
