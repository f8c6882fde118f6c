"""What a revision changes relative to its parent, computed on frames alone (no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.revision_delta import OBS_FIELDS, canonical, key_hashes, revision_delta


def obs(rows: list[tuple]) -> pd.DataFrame:
    return canonical(pd.DataFrame(rows, columns=OBS_FIELDS), OBS_FIELDS)


PARENT = obs([
    ("a", 2008, "", "", 1.0, "", "", "s"),
    ("a", 2009, "", "", 2.0, "", "", "s"),
    ("a", 2009, "甘州区", "", 3.0, "", "", "s"),
    ("b", 2008, "", "全国", 4.0, "", "", "s"),
])
FILE = obs([
    ("a", 2009, "", "", 2.5, "", "", "s"),  # changed
    ("a", 2008, "", "", 1.0, "", "", "s"),  # the same
    ("b", 2008, "", "全国", 4.0, "以上", "", "s"),  # same value, another qualifier: rewritten, not "changed"
    ("c", 2010, "", "", 9.0, "", "", "s"),  # added
])


@pytest.mark.parametrize("mode", ["merge", "replace"])
def test_only_rows_that_differ_are_written_and_the_rows_they_replace_end(mode):
    delta = revision_delta(PARENT, FILE, mode)

    assert delta.rows[["code", "year", "value"]].values.tolist() == [["a", 2009, 2.5], ["b", 2008, 4.0],
                                                                      ["c", 2010, 9.0]]
    assert (delta.n_added, delta.n_changed) == (1, 1)
    # merge ends what the file replaces; replace also ends what it leaves out (a 2009 甘州区)
    assert delta.ended.tolist() == ([1, 3] if mode == "merge" else [1, 2, 3])
    assert delta.row_hashes.tolist() == key_hashes(delta.rows).tolist()


def test_an_empty_parent_takes_the_whole_file_as_added():
    delta = revision_delta(PARENT.iloc[0:0], FILE, "merge")
    assert len(delta.rows) == 4 and (delta.n_added, delta.n_changed) == (4, 0) and len(delta.ended) == 0


@pytest.mark.parametrize("hashes", [
    np.zeros(len(PARENT), dtype=np.uint64),  # every key one hash
    key_hashes(PARENT)[::-1].copy(),  # unique hashes pointing at the wrong rows
], ids=["all-equal", "misplaced"])
def test_keys_sharing_a_hash_are_still_told_apart(hashes):
    """A hash match is confirmed on the key itself; when hashes mislead, the keys are joined."""
    for mode in ("merge", "replace"):
        right, checked = revision_delta(PARENT, FILE, mode), revision_delta(PARENT, FILE, mode, hashes)
        pd.testing.assert_frame_equal(checked.rows, right.rows)
        assert checked.ended.tolist() == right.ended.tolist()
        assert (checked.n_added, checked.n_changed) == (right.n_added, right.n_changed)
