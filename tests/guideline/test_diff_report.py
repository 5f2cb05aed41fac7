"""The diff as a PDF and on the command line."""

from __future__ import annotations

from pypdf import PdfReader

from haip_desktop.cli import main
from haip_desktop.guideline import load_guideline
from haip_desktop.guideline.diff import diff_guidelines
from haip_desktop.guideline.packs import build_pack
from haip_desktop.report.guideline_diff_pdf import render_diff_pdf


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def embedded_fonts_only(path) -> bool:
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                return False
    return True


def test_diff_pdf_lists_the_changes_with_old_and_new_text(data_v2, tmp_path):
    old, new = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    out = tmp_path / "diff.pdf"
    pages = render_diff_pdf(diff_guidelines(old, new), out)
    assert pages >= 1
    text = pdf_text(out)
    assert "ガイドラインデータの変更点" in text
    for item_id in (data_v2["added"], data_v2["removed"], data_v2["reworded"], data_v2["use_case"]):
        assert item_id in text
    assert "追加 1 件、削除 1 件、変更 2 件" in text
    assert "改訂版の本文" in text  # the new text is printed beside the old
    assert "業務ステップ別の索引" in text
    assert "適用先" in text and "AIツール" in text  # where the countermeasures apply
    # listed once in the list and once with its text: never repeated under steps
    assert text.count(data_v2["reworded"]) == 2
    assert embedded_fonts_only(out)


def test_diff_pdf_of_identical_data_says_so(guideline, tmp_path):
    out = tmp_path / "same.pdf"
    render_diff_pdf(diff_guidelines(guideline, guideline), out)
    assert "違いはありません" in pdf_text(out)


def test_cli_pack_check_and_diff(data_v2, tmp_path, capsys):
    pack = tmp_path / "v2.haippack"
    assert main(["data", "pack", str(data_v2["v2"]), "-o", str(pack)]) == 0
    assert main(["data", "check", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and data_v2["v2_version"] in out

    pdf = tmp_path / "diff.pdf"
    assert main(["data", "diff", str(data_v2["v1"]), str(pack), "-o", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "追加 1 件、削除 1 件、変更 2 件" in out
    assert f"削除 対策 {data_v2['removed']}" in out
    assert "［施設全体］" in out or "［AIツール］" in out
    assert pdf.is_file()


def test_cli_refuses_a_tampered_pack(data_v2, tmp_path, capsys):
    import zipfile

    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    with zipfile.ZipFile(pack, "a") as zf:
        zf.writestr("extra.yaml", "references: []\n")
    assert main(["data", "check", str(pack)]) == 1
    assert "extra.yaml" in capsys.readouterr().err
    assert main(["data", "install", str(pack)]) == 1
    assert "今のデータはそのまま" in capsys.readouterr().err
    assert main(["data", "status"]) == 0
    assert "同梱のデータ" in capsys.readouterr().out


def test_cli_pack_refuses_invalid_data(data_copy, tmp_path, capsys):
    path = data_copy / "use_cases.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [\n", encoding="utf-8")
    assert main(["data", "pack", str(data_copy), "-o", str(tmp_path / "x.haippack")]) == 1
    assert "use_cases.yaml" in capsys.readouterr().err
    assert not (tmp_path / "x.haippack").exists()
