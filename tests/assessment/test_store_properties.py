"""Issue 14, property-based: what the store writes it reads back, and no bytes can hurt it.

- Any assessment the models accept is saved and loaded back equal.
- Any bytes on disk: load_assessment returns an assessment that can be saved (and reads back
  equal), or raises the project's one error (AssessmentFileError), within a time limit, and
  leaves the file exactly as it was.
"""

from __future__ import annotations

import functools
import json
import tempfile
import time
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from haip_desktop.assessment import (
    AssessmentFileError,
    load_assessment,
    save_assessment,
    serialize_assessment,
)

from ..strategies import assessments

TIME_LIMIT = 5.0  # seconds for one load; a valid 100 KB file takes about a millisecond


@given(assessments)
def test_any_assessment_the_models_accept_saves_and_loads_back_equal(assessment) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.haipeval"
        save_assessment(assessment, path)
        assert load_assessment(path) == assessment
        save_assessment(assessment, path)  # and over itself, with a backup
        assert load_assessment(path) == assessment


@functools.cache
def _sample() -> bytes:
    """A valid file to mutate: a demo assessment, a third answered."""
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.guideline import load_guideline

    return serialize_assessment(make_demo_assessment(load_guideline(), fill=0.3))


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A valid file with a few bytes replaced, inserted or removed, or a JSON value changed."""
    raw = bytearray(_sample())
    if draw(st.booleans()):
        document = json.loads(raw)
        key = draw(st.sampled_from(sorted(document)))
        document[key] = draw(
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
                max_leaves=8,
            )
        )
        return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        piece = draw(st.binary(min_size=1, max_size=8))
        if kind == "replace":
            raw[at : at + len(piece)] = piece
        elif kind == "insert":
            raw[at:at] = piece
        else:
            del raw[at : at + len(piece)]
    return bytes(raw)


def _tiny() -> bytes:
    """A small valid file (the explicit examples change it)."""
    document = {
        "schema_version": 1,
        "guideline": {"id": "G", "edition": 1, "data_version": "1"},
        "facility": {"name": "病院", "kind": "hospital", "beds": 10},
        "assessment_date": "2026-12-04",
        "created_at": "2026-12-04T10:00:00",
        "updated_at": "2026-12-04T10:00:00+09:00",
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@given(st.one_of(st.binary(max_size=2000), mutated_files()))
@example(_tiny())
@example(_tiny().replace(b'"beds": 10', b'"beds": ' + b"9" * 5000))
@example(_tiny().replace(b'"beds": 10', b'"beds": 1e999'))
@example(_tiny().replace(b'"name": ', b'"name": "\\ud800", "x": '))
@example(b'{"schema_version": true}')
@example(b"[" * 100_000)
@example(b'{"a": ' * 50_000)
@example(b'{"schema_version": 1, "note": "\\ud800"}')
@example(b'{"schema_version": 1' + b", " + b'"x": 1' * 3 + b"}")
@example(b'{"schema_version": 1e400}')
@example(b'{"schema_version": ' + b"9" * 5000 + b"}")
@example("\ufeff{}".encode())
def test_any_bytes_load_to_a_saveable_assessment_or_the_projects_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.haipeval"
        path.write_bytes(raw)
        started = time.perf_counter()
        try:
            loaded = load_assessment(path)
        except AssessmentFileError as error:
            assert error.problem and error.advice and error.heading
            loaded = None
        assert time.perf_counter() - started < TIME_LIMIT
        assert path.read_bytes() == raw  # loading never writes
        if loaded is not None:
            copy = Path(folder) / "copy.haipeval"
            save_assessment(loaded, copy)
            assert load_assessment(copy) == loaded
