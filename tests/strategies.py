"""Hypothesis strategies shared by the property tests (issue 14): assessments the models
accept, built field by field, and text of every kind."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from haip_desktop.assessment.models import (
    Actor,
    AITool,
    Answer,
    Approval,
    Assessment,
    Deployment,
    Facility,
    FacilityKind,
    GuidelineRef,
    HistoryEntry,
    PatientData,
    Scope,
    Status,
)

# Any text a model accepts: every code point but the surrogates (validation refuses those).
texts = st.text(max_size=40)
short_texts = st.text(max_size=12)
# Any string at all (what may reach a console, a log, a PDF or a CSV): every code point,
# lone surrogates often, and characters that mean something to a CSV, a PDF or a terminal.
any_strings = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.sampled_from(list("=+-@＝＋－＠\t\r\n\x00\x1b<>&\"',;𠮷髙\u200b\ufeff")),
    ),
    max_size=60,
).map("".join)

# What means something to a spreadsheet: its own escapes (_x0041_ is "A" to Excel), formula
# starts, text it would take for a number or a date, line breaks and spaces at the ends.
cell_like_strings = st.lists(
    st.sampled_from(
        ["_x0041_", "_x000D_", "=", "＝", "+", "00123", "3/4", "\n", "\r", " ", "　", "x"]
    ),
    max_size=8,
).map("".join)

ids = st.one_of(st.from_regex(r"[A-Z]{1,3}-[A-Z0-9]{1,6}", fullmatch=True), short_texts)
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
datetimes = st.one_of(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.datetimes(
        min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2199, 12, 31), timezones=offsets
    ),
)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1))
counts = st.integers(min_value=0, max_value=10**15)

answers = st.builds(
    Answer,
    status=st.sampled_from(Status),
    na_reason=texts,
    actor=st.none() | st.sampled_from(Actor),
    confirmed_on=st.none() | dates,
    target_date=st.none() | dates,
    owner=texts,
    note=st.text(max_size=200),
    evidence=texts,
    needs_review=st.booleans(),
    carried_over=st.booleans(),
    archived=st.booleans(),
)

tools = st.builds(
    AITool,
    id=ids,
    name=texts.filter(bool),
    vendor=texts,
    deployment=st.sampled_from(Deployment),
    steps=st.lists(ids, max_size=3),
    patient_data=st.sampled_from(PatientData),
    approval=st.sampled_from(Approval),
    owner=texts,
    note=texts,
)

history = st.builds(
    HistoryEntry,
    at=datetimes,
    who=short_texts,
    os_user=short_texts,
    item=ids,
    field=short_texts,
    old=st.none() | texts,
    new=st.none() | texts,
    note=texts,
)

assessments = st.builds(
    Assessment,
    app_version=short_texts,
    guideline=st.builds(GuidelineRef, id=ids, edition=counts, data_version=short_texts),
    facility=st.builds(
        Facility,
        name=texts.filter(bool),
        kind=st.sampled_from(FacilityKind),
        beds=st.none() | counts,
        department=texts,
    ),
    assessors=st.lists(short_texts, max_size=3),
    assessment_date=dates,
    scope=st.builds(
        Scope,
        all=st.booleans(),
        use_cases=st.lists(ids, max_size=3),
        steps=st.lists(ids, max_size=3),
    ),
    products=st.lists(short_texts, max_size=2),
    tools=st.lists(tools, max_size=2, unique_by=lambda tool: tool.id),  # (one tool per id)
    answers=st.dictionaries(ids, answers, max_size=6),
    history=st.lists(history, max_size=3),
    created_at=datetimes,
    updated_at=datetimes,
)
