"""Provenance.describe(): one line naming the source, with or without the verification note."""

from __future__ import annotations

from haip_desktop.guideline import Provenance, SourceKind


def test_describe_names_edition_and_section_and_says_when_unchecked():
    p = Provenance(kind=SourceKind.GUIDELINE, edition=2, section="4章", verified=False)
    assert p.describe() == "ガイドライン 第2版 4章（原文未照合）"
    assert p.describe(with_verification=False) == "ガイドライン 第2版 4章"


def test_describe_of_checked_public_and_own_sources():
    public = Provenance(kind=SourceKind.PUBLIC, source="医師法", verified=True)
    assert public.describe() == "公開資料: 医師法"
    own = Provenance(kind=SourceKind.APP)
    assert own.describe() == "本アプリ独自の整理（原文未照合）"
    assert own.describe(with_verification=False) == "本アプリ独自の整理"
