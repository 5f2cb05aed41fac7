"""Loading and saving assessment files: round trip, bad input, backups, refusing to overwrite."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from haip_desktop.assessment import (
    BACKUP_FOLDER,
    SCHEMA_VERSION,
    AITool,
    Answer,
    AssessmentFileError,
    Status,
    backup_paths,
    load_assessment,
    save_assessment,
    serialize_assessment,
)


@pytest.fixture
def sample(make_assessment):
    return make_assessment(
        assessors=["佐藤 健一"],
        tools=[AITool(id="T-1", name="文書作成支援AI", steps=["ST-1"])],
        answers={
            "C-2": Answer(status=Status.PARTIAL, note="研修は一部の部署のみ", owner="総務課"),
            "C-1": Answer(
                status=Status.DONE,
                confirmed_on=dt.date(2026, 10, 1),
                evidence="生成AI利用規程 v1.2（情報システム部 共有フォルダ）",
            ),
        },
    )


def test_round_trip_keeps_every_field(tmp_path: Path, sample) -> None:
    path = tmp_path / "評価.json"
    save_assessment(sample, path)
    assert load_assessment(path) == sample


def test_file_is_indented_utf8_json_with_answers_in_id_order(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    save_assessment(sample, path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert "研修は一部の部署のみ" in text  # not \\u-escaped: readable and diffable
    assert text.endswith("}\n")
    assert f'\n  "schema_version": {SCHEMA_VERSION},' in text
    document = json.loads(text)
    assert list(document["answers"]) == ["C-1", "C-2"]  # inserted as C-2, C-1
    assert list(document)[:3] == ["schema_version", "app_version", "guideline"]


def test_unicode_of_every_kind_survives(tmp_path: Path, make_assessment) -> None:
    note = "👩‍⚕️ 絵文字、が\u3099（結合文字）、𠮷野家（CJK拡張B）、髙﨑、①㈱、\t改行\n二行目"
    assessment = make_assessment(answers={"C-1": Answer(status=Status.DONE, note=note)})
    path = tmp_path / "u.json"
    save_assessment(assessment, path)
    assert load_assessment(path).answers["C-1"].note == note


def test_one_megabyte_note_round_trips(tmp_path: Path, make_assessment) -> None:
    note = "規程第4条により入力禁止。" * (1_048_576 // 12)
    assessment = make_assessment(answers={"C-1": Answer(status=Status.DONE, note=note)})
    path = tmp_path / "big.json"
    save_assessment(assessment, path)
    assert path.stat().st_size > 3_000_000  # 3 bytes per character in UTF-8
    assert load_assessment(path).answers["C-1"].note == note


def test_a_byte_order_mark_is_accepted(tmp_path: Path, sample) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + serialize_assessment(sample))
    assert load_assessment(path) == sample


def test_answers_to_unknown_ids_are_kept(tmp_path: Path, sample) -> None:
    sample.answers["C-GONE-99"] = Answer(status=Status.DONE, note="旧版の対策")
    path = tmp_path / "a.json"
    save_assessment(sample, path)
    loaded = load_assessment(path)
    assert loaded.answers["C-GONE-99"].note == "旧版の対策"
    save_assessment(loaded, path)
    assert "C-GONE-99" in json.loads(path.read_text("utf-8"))["answers"]


# -- bad input: one exception type, a Japanese message saying what, where and what to do ----


def _valid_document(sample) -> dict:
    return json.loads(serialize_assessment(sample))


def _bad_inputs(sample) -> dict[str, bytes]:
    good = serialize_assessment(sample)
    wrong_status = _valid_document(sample)
    wrong_status["answers"]["C-1"]["status"] = "done!"
    wrong_shape = {"schema_version": 1, "facility": "テスト病院", "answers": []}
    return {
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "whitespace": b"  \n",
        "binary": bytes(range(256)) * 4,
        "latin1": '{"note": "caf\xe9"}'.encode("latin-1"),
        "utf16": "{}".encode("utf-16"),
        "array": b"[1, 2, 3]",
        "not an assessment": json.dumps({"name": "x"}).encode(),
        "wrong shape": json.dumps(wrong_shape).encode(),
        "unknown status": json.dumps(wrong_status).encode(),
        "nested too deep": b"[" * 100_000,
    }


@pytest.mark.parametrize(
    "case, reason, says",
    [
        ("truncated", "json_syntax", "途中で切れている"),
        ("empty", "empty", "ファイルが空です"),
        ("whitespace", "empty", "ファイルが空です"),
        ("binary", "not_text", "テキストファイルではありません"),
        ("latin1", "not_text", "UTF-8 ではない"),
        ("utf16", "not_text", "UTF-16"),
        ("array", "wrong_shape", "評価ファイルの形ではありません"),
        ("not an assessment", "wrong_shape", "評価ファイルではないようです"),
        ("wrong shape", "invalid_value", "施設情報"),
        ("unknown status", "invalid_value", "対策 C-1 › 状況"),
        ("nested too deep", "json_syntax", "JSON"),
    ],
)
def test_bad_input_gives_a_clear_error_and_leaves_the_file_alone(
    tmp_path: Path, sample, case: str, reason: str, says: str
) -> None:
    path = tmp_path / "bad.json"
    raw = _bad_inputs(sample)[case]
    path.write_bytes(raw)
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    error = info.value
    assert error.reason == reason
    assert says in str(error)
    assert str(path) in str(error)  # which file
    assert "ファイルは変更していません" in str(error)  # what happened to it
    assert path.read_bytes() == raw  # untouched


def test_syntax_error_names_line_and_column(tmp_path: Path, sample) -> None:
    text = serialize_assessment(sample).decode("utf-8")
    lines = text.splitlines()
    line_no = next(i for i, line in enumerate(lines) if '"owner": "総務課"' in line)
    lines[line_no] = lines[line_no].rstrip(",")  # a missing comma, as a hand edit leaves it
    path = tmp_path / "a.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    assert info.value.line == line_no + 2  # reported where the next item starts
    assert f"{line_no + 2} 行" in str(info.value)
    assert "「,」がありません" in str(info.value)
    assert info.value.__cause__ is not None  # the technical detail is kept for the log


def test_unknown_status_lists_the_allowed_values_in_japanese(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(_bad_inputs(sample)["unknown status"])
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    message = str(info.value)
    assert '"done!" は使えない値です' in message
    assert "done（実施済）" in message and "not_applicable（該当なし）" in message
    assert info.value.fields == ["回答 › 対策 C-1 › 状況"]


def test_a_wrong_value_in_a_tools_answer_names_the_tool_and_the_countermeasure(
    tmp_path: Path, sample
) -> None:
    document = _valid_document(sample)
    document["tool_answers"] = {"T-1": {"C-3": {"status": "done!"}}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    assert info.value.fields == ["AIツールごとの回答 › ツール T-1 › 対策 C-3 › 状況"]
    assert "done（実施済）" in str(info.value)


def test_a_tool_id_given_twice_is_refused_with_the_id(tmp_path: Path, sample) -> None:
    """Two tools with one id would share their answers and be counted twice."""
    document = _valid_document(sample)
    document["tools"] = [
        {"id": "T-1", "name": "文書作成支援AI"},
        {"id": "T-1", "name": "別の製品"},
    ]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    assert "ツールID「T-1」が台帳に2回あります" in str(info.value)
    assert path.read_bytes() == before


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(tmp_path / "ない.json")
    assert info.value.reason == "not_found"
    assert "見つかりません" in str(info.value)


def test_a_folder_is_not_an_assessment_file(tmp_path: Path) -> None:
    folder = tmp_path / "評価.haipeval"  # even when the folder's name looks like a file's
    folder.mkdir()
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(folder)
    assert info.value.reason == "is_folder"
    message = str(info.value)
    assert "フォルダが選ばれています" in message
    assert "フォルダの中の評価ファイル（.haipeval または .json）を選んで開いてください" in message
    assert "権限" not in message and "共有フォルダ" not in message  # not the advice for OS errors


def test_a_json_list_is_told_in_readable_japanese(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    assert "（一番外側が { } ではなく一覧 [ ] です）" in str(info.value)


def test_a_failed_save_names_the_os_error_in_japanese(tmp_path: Path, sample) -> None:
    target = tmp_path / "なし" / "a.haipeval"  # the folder does not exist
    with pytest.raises(AssessmentFileError) as info:
        save_assessment(sample, target)
    assert info.value.reason == "write_failed"
    message = str(info.value)
    assert "保存できませんでした（ファイルまたはフォルダが見つかりません）。" in message
    assert "No such file" not in message and "Errno" not in message


def test_a_new_file_is_saved_as_haipeval_and_an_old_json_opens(tmp_path: Path, sample) -> None:
    from haip_desktop.assessment.store import ASSESSMENT_SUFFIXES, FILE_SUFFIX

    assert (FILE_SUFFIX, ASSESSMENT_SUFFIXES) == (".haipeval", (".haipeval", ".json"))
    new, old = tmp_path / f"a{FILE_SUFFIX}", tmp_path / "b.json"
    save_assessment(sample, new)
    old.write_bytes(new.read_bytes())  # the same JSON inside
    assert load_assessment(old) == load_assessment(new) == sample


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path, sample) -> None:
    document = _valid_document(sample)
    document["schema_version"] = SCHEMA_VERSION + 1
    document["something_new"] = {"x": 1}
    path = tmp_path / "new.json"
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    assert info.value.reason == "newer_schema"
    assert "より新しい版の HAIP Desktop" in str(info.value)
    assert f"第{SCHEMA_VERSION + 1}版" in str(info.value)
    assert path.read_bytes() == raw
    # and a save over it is refused too
    with pytest.raises(AssessmentFileError) as refused:
        save_assessment(sample, path)
    assert refused.value.reason == "target_newer"
    assert path.read_bytes() == raw


# -- saving over what is there ---------------------------------------------------------------


def test_backups_rotate_keeping_the_previous_five(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    versions = []
    for i in range(8):
        sample.facility.department = f"版{i}"
        save_assessment(sample, path)
        versions.append(path.read_bytes())
    backups = backup_paths(path)
    assert [b.name for b in backups] == [f"a.json.bak{i}" for i in range(1, 6)]
    assert all(b.parent == tmp_path / BACKUP_FOLDER for b in backups)
    # bak1 is the version before the current one, bak5 five saves back
    assert [b.read_bytes() for b in backups] == versions[-2:-7:-1]
    assert path.read_bytes() == versions[-1]
    assert sorted(os.listdir(tmp_path / BACKUP_FOLDER)) == [f"a.json.bak{i}" for i in range(1, 6)]


def test_backups_on_a_file_system_without_links_are_whole_copies(
    tmp_path: Path, sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB stick formatted FAT or exFAT refuses hard links: the backup is then copied
    through the atomic writer, whole and flushed to the disk."""
    import haip_desktop.files as files

    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")

    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(files.os, "fsync", lambda fd: synced.append("x") or real_fsync(fd))
    path = tmp_path / "a.json"
    versions = []
    for i in range(3):
        sample.facility.department = f"版{i}"
        save_assessment(sample, path)
        versions.append(path.read_bytes())
    assert [b.read_bytes() for b in backup_paths(path)] == versions[-2::-1]
    assert not [n for n in os.listdir(tmp_path / BACKUP_FOLDER) if not n.startswith("a.json.bak")]
    assert len(synced) >= 3 * 2 + 2 * 1  # each save's file and folder, each backup copy


def test_first_save_makes_no_backup(tmp_path: Path, sample) -> None:
    result = save_assessment(sample, tmp_path / "a.json")
    assert result.backup is None
    assert not (tmp_path / BACKUP_FOLDER).exists()


def test_save_refuses_to_replace_an_unreadable_file(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'{"schema_version": 1, "facility": ')
    with pytest.raises(AssessmentFileError) as info:
        save_assessment(sample, path)
    assert info.value.reason == "target_unreadable"
    assert "上書きせずに中止しました" in str(info.value)
    assert path.read_bytes() == b'{"schema_version": 1, "facility": '


def test_forced_save_keeps_the_unreadable_file_first(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"not json at all")
    result = save_assessment(sample, path, force=True)
    assert load_assessment(path) == sample
    (kept,) = result.kept_copies
    assert kept.parent == tmp_path / BACKUP_FOLDER
    assert kept.name.startswith("a.json.unreadable-")
    assert kept.read_bytes() == b"not json at all"


def test_a_file_changed_behind_our_back_is_checked_before_replacing(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    save_assessment(sample, path)
    path.write_bytes(b"\x00\x01 corrupted by another program")
    with pytest.raises(AssessmentFileError):
        save_assessment(sample, path)


def test_write_failure_is_reported_in_japanese(tmp_path: Path, sample) -> None:
    target = tmp_path / "no such folder" / "a.json"
    with pytest.raises(AssessmentFileError) as info:
        save_assessment(sample, target)
    assert info.value.reason == "write_failed"
    assert "保存できませんでした" in str(info.value)
    assert "別の場所に保存" in str(info.value)


def test_no_temporary_files_are_left_after_saving(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    for _ in range(3):
        save_assessment(sample, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [BACKUP_FOLDER, "a.json"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_permissions_of_the_replaced_file_are_kept(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    save_assessment(sample, path)
    path.chmod(0o664)  # shared with the group on a network folder
    save_assessment(sample, path)
    assert path.stat().st_mode & 0o777 == 0o664


def test_a_broken_file_with_backups_says_where_they_are(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    save_assessment(sample, path)
    save_assessment(sample, path)
    path.write_bytes(b"")  # emptied by a failing disk or a careless copy
    with pytest.raises(AssessmentFileError) as info:
        load_assessment(path)
    message = str(info.value)
    assert str(tmp_path / BACKUP_FOLDER) in message
    assert "a.json.bak1 が最も新しく" in message
    assert load_assessment(tmp_path / BACKUP_FOLDER / "a.json.bak1") == sample


def test_temporary_files_of_an_interrupted_save_are_removed_later(tmp_path: Path, sample) -> None:
    path = tmp_path / "a.json"
    old_leftover = tmp_path / ".a.json.0123abcd.tmp"
    old_leftover.write_bytes(b'{"half": ')
    an_hour_ago = time.time() - 3600
    os.utime(old_leftover, (an_hour_ago, an_hour_ago))
    in_progress = tmp_path / ".a.json.89abcdef.tmp"  # maybe another save right now
    in_progress.write_bytes(b"{")
    someone_elses = tmp_path / ".b.json.0123abcd.tmp"
    someone_elses.write_bytes(b"{")
    os.utime(someone_elses, (an_hour_ago, an_hour_ago))
    save_assessment(sample, path)
    assert not old_leftover.exists()
    assert in_progress.exists() and someone_elses.exists()


def test_a_file_without_an_id_gets_the_same_id_every_time_and_keeps_it_once_saved(
    tmp_path: Path, sample
) -> None:
    """Questionnaires name the assessment by its id: a file saved before ids existed must
    give the same one on every read, and its next save writes it."""
    path = tmp_path / "old.json"
    document = json.loads(serialize_assessment(sample))
    del document["id"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    first, second = load_assessment(path), load_assessment(path)
    assert first.id and first.id == second.id
    # another facility created at the same moment is another assessment
    document["facility"]["name"] = "別の病院"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert load_assessment(other).id != first.id
    # a renamed facility keeps its id once the file has been saved with it
    first.facility.name = "新しい名前の病院"
    save_assessment(first, path)
    assert json.loads(path.read_text("utf-8"))["id"] == first.id
    assert load_assessment(path).id == first.id


def test_new_assessments_get_ids_of_their_own(guideline) -> None:
    from haip_desktop.assessment import Facility, FacilityKind, new_assessment

    facility = Facility(name="同じ病院", kind=FacilityKind.HOSPITAL)
    one, two = (new_assessment(guideline, facility) for _ in range(2))
    assert one.id != two.id and len(one.id) == 32
