"""ガイドラインデータの更新: import a pack, refuse a tampered one, go back to the bundled data."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from haip_desktop.guideline.packs import build_pack, installed_packs
from haip_desktop.paths import user_data_dir


def _tampered(pack: Path, out: Path) -> Path:
    with zipfile.ZipFile(pack) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["guideline.yaml"] = members["guideline.yaml"].replace(b"HAIP", b"HAlP")
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def test_importing_a_valid_pack_changes_the_active_data(
    qtbot, window, actions, data_v2, file_dialogs, tmp_path, guideline
):
    pack = tmp_path / "第2版.haippack"
    build_pack(data_v2["v2"], pack)
    dialog = actions.open_data_update()
    assert "同梱のデータ" in dialog.active_label.text()
    assert guideline.data_version in dialog.active_label.text()

    file_dialogs.open_files.append(pack)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    # Verified and shown, nothing installed yet.
    assert dialog.preview.isVisible()
    assert dialog.pack_version.text() == data_v2["v2_version"]
    assert "追加 1 件" in dialog.pack_changes.text()
    assert "削除 1 件" in dialog.pack_changes.text()
    assert window.guideline.data_version == guideline.data_version
    assert installed_packs() == []

    qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)

    assert window.guideline.data_version == data_v2["v2_version"]
    assert data_v2["v2_version"] in window.guideline_status.text()
    assert data_v2["v2_version"] in dialog.active_label.text()
    assert "取り込んだデータ" in dialog.active_label.text()
    assert (data_v2["v2_version"], "取り込み", "使用中") in dialog.rows()
    assert (guideline.data_version, "同梱", "") in dialog.rows()
    assert not dialog.preview.isVisible()

    # And back to the bundled data.
    qtbot.mouseClick(dialog.bundled_button, Qt.MouseButton.LeftButton)
    assert window.guideline.data_version == guideline.data_version
    assert (guideline.data_version, "同梱", "使用中") in dialog.rows()
    # The pack stays installed and can be chosen again from the list.
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert window.guideline.data_version == data_v2["v2_version"]


def test_a_tampered_pack_is_refused_with_its_problems_and_nothing_changes(
    qtbot, window, actions, data_v2, file_dialogs, prompts, tmp_path, guideline
):
    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    bad = _tampered(pack, tmp_path / "改ざん.haippack")
    dialog = actions.open_data_update()

    file_dialogs.open_files.append(bad)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    title, text = prompts.errors[-1]
    assert title == "このパックは取り込めません"
    assert "改ざん.haippack" in text
    assert "guideline.yaml" in text and "SHA-256" in text
    assert "今のデータはそのまま使えます" in text
    assert not dialog.preview.isVisible()
    assert window.guideline.data_version == guideline.data_version
    assert not (user_data_dir() / "packs").exists() or not any(
        p for p in (user_data_dir() / "packs").iterdir() if not p.name.startswith(".")
    )


def test_a_file_that_is_no_pack_is_refused(qtbot, window, actions, file_dialogs, prompts, tmp_path):
    junk = tmp_path / "メモ.haippack"
    junk.write_bytes(b"not a zip at all")
    dialog = actions.open_data_update()
    file_dialogs.open_files.append(junk)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    title, text = prompts.errors[-1]
    assert "zip" in text
    assert not dialog.preview.isVisible()


def test_a_broken_installed_pack_falls_back_to_bundled_data_with_a_warning(
    qtbot, window, data_v2, tmp_path, guideline
):
    from haip_desktop.guideline.packs import install_pack

    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    install_pack(pack)
    folder = user_data_dir() / "packs" / data_v2["v2_version"]
    (folder / "use_cases.yaml").write_text("use_cases: [\n", encoding="utf-8")

    assert window.load_guideline()

    assert window.guideline.data_version == guideline.data_version
    assert "同梱のデータ" in window.data_warning
    assert data_v2["v2_version"] in window.data_warning
    assert "同梱のデータ" in window.statusBar().currentMessage()
    boxes = window.findChildren(QMessageBox, "dataWarning")
    assert boxes and "同梱のデータ" in boxes[0].text()
    for box in boxes:
        box.close()


def test_start_up_uses_the_imported_pack(qtbot, window, data_v2, tmp_path):
    from haip_desktop.guideline.packs import install_pack

    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    install_pack(pack)
    assert window.load_guideline()
    assert window.guideline.data_version == data_v2["v2_version"]
    assert not getattr(window, "data_warning", None)


def test_a_pack_of_another_guideline_is_refused(
    qtbot, window, actions, data_copy, file_dialogs, prompts, tmp_path, guideline
):
    import yaml

    path = data_copy / "guideline.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["guideline"]["id"] = "OTHER-GUIDELINE"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pack = tmp_path / "other.haippack"
    build_pack(data_copy, pack)

    dialog = actions.open_data_update()
    file_dialogs.open_files.append(pack)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    title, text = prompts.errors[-1]
    assert "OTHER-GUIDELINE" in text and "別のガイドライン" in text
    assert not dialog.preview.isVisible()
    assert installed_packs() == []
