"""The privacy guard: what looks like patient data is found; ordinary hospital text is not."""

from __future__ import annotations

import pytest

from haip_desktop.assessment import AITool, Answer, Status
from haip_desktop.assessment.labels import history_field_label, item_label
from haip_desktop.assessment.privacy import find_patient_data, scan_assessment


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("山田太郎様（12345678）の紹介状を下書きした", "name_with_id", "山田太郎様（12345678"),
        ("ID:00123456 佐藤花子さん 再診", "name_with_id", "ID:00123456 佐藤花子さん"),
        ("山田 太郎 様（ID 0012345）", "name_with_id", "山田 太郎 様（ID 0012345"),
        ("山田太郎さん（患者ID：AB12345）の件", "name_with_id", "山田太郎さん（患者ID：AB12345"),
        ("鈴木 一郎 殿 (ID: P0012345)", "name_with_id", "鈴木 一郎 殿 (ID: P0012345"),
        (
            "田中　花子　様　ＩＤ　００１２３４５",
            "name_with_id",
            "田中　花子　様　ＩＤ　００１２３４５",
        ),
        ("患者ID: AB12345", "patient_id", "患者ID: AB12345"),
        ("患者ID：P0012345", "patient_id", "患者ID：P0012345"),
        ("患者番号 AB-12345", "patient_id", "患者番号 AB-12345"),
        ("カルテ番号：K-0012345 を転記", "patient_id", "カルテ番号：K-0012345"),
        ("診察券ID A1234567", "patient_id", "診察券ID A1234567"),
        ("ID: AB12345 の記録を要約", "patient_id", "ID: AB12345"),
        ("ID 0012345 の紹介状", "patient_id", "ID 0012345"),
        ("患者のID：P0012345", "patient_id", "ID：P0012345"),
        ("ヤマダ タロウ殿 No.7654321", "name_with_id", "ヤマダ タロウ殿 No.7654321"),
        ("患者ID 0012345 の記録を貼り付けた", "patient_id", "患者ID 0012345"),
        ("患者ＩＤ：１２３４５６７", "patient_id", "患者ＩＤ：１２３４５６７"),
        ("カルテ番号12-3456を入力", "patient_id", "カルテ番号12-3456"),
        ("患者番号は 98765 です", "patient_id", "患者番号は 98765"),
        ("生年月日 1970/3/2", "birth_date", "生年月日 1970/3/2"),
        ("昭和45年3月2日生の男性", "birth_date", "昭和45年3月2日生"),
        ("Ｓ４５．３．２生まれ", "birth_date", "Ｓ４５．３．２生まれ"),
        ("1970/3/2生", "birth_date", "1970/3/2生"),
        ("マイナンバー 1234 5678 9012", "my_number", "マイナンバー 1234 5678 9012"),
        ("番号 100000000005 を控えた", "my_number", "100000000005"),
        ("連絡先は090-1234-5678です", "phone", "090-1234-5678"),
        ("０９０－１２３４－５６７８に電話", "phone", "０９０－１２３４－５６７８"),
        ("自宅 03-1234-5678", "phone", "03-1234-5678"),
        ("携帯 09012345678", "phone", "09012345678"),
        ("(045)123-4567 へ折り返し", "phone", "(045)123-4567"),
    ],
)
def test_patient_data_is_found(text: str, kind: str, found: str) -> None:
    (finding,) = find_patient_data(text)
    assert finding.kind == kind
    assert text[finding.start : finding.end] == found
    assert " ".join(found.split()) in finding.excerpt  # the excerpt is on one line
    assert finding.label  # a Japanese name for the kind, for the warning


@pytest.mark.parametrize(
    "text",
    [
        "院内の生成AI利用規程 第4条で入力禁止情報を定めた",
        "生成AI利用規程 第3版（2025年7月改定）",
        "規程第12条に基づき2025年4月1日生成AI委員会を設置",
        "入力禁止情報: 氏名、生年月日、住所、患者ID、マイナンバー",
        "問い合わせ先: 代表 03-1234-5678",
        "ベンダー窓口 0120-123-456（平日 9:00-17:00）",
        "病床数 300床、職員 1200名",
        "情報システム部 田中様 内線1234",
        "患者様 1500名のうち 20% が利用",
        "2025年度 予算 1200万円",
        "生成AI利用規程 v1.2（情報システム部 共有フォルダ）",
        "2025/07/01 に研修を実施（受講者 120 人）",
        "資産管理番号 202507011234 のサーバ",
        "令和7年4月1日施行、2026年3月31日まで",
        "皆さん 2025年10月までに受講してください",
        "山田様 2025/07/01 受診予定の件は記載しない",
        "株式会社メディコード様 契約番号 20250401",
        "田中様へ確認済み。資料は 2階 書庫 1234 番棚",
        "ISO 27001 と JIS Q 15001 に準拠",
        "ID管理の手順を整備した（2025年7月）",
        "患者IDの取り扱い規程 第3版",
        "患者ID等の入力禁止を規程第12条に明記",
        "ユーザーID: U12345 で検証環境にログイン",
        "ログインID 12345678 は情報システム部が管理",
        "Android 14 端末とiOS 17で検証",
        "ID 2025年7月改定版",
        "田中 様 内線1234",
        "山田 さん 2025年7月1日 に説明済み",
        "代表電話 03-1234-5678",
        "0120-123-456 のサポート",
        "",
        "数字のない文章",
    ],
)
def test_ordinary_hospital_text_is_not_flagged(text: str) -> None:
    assert find_patient_data(text) == []


def test_offsets_point_into_the_original_text_even_after_normalisation() -> None:
    text = "メモ：㈱メディコード様へ確認。患者ＩＤ：１２３４５６７の件"
    (finding,) = find_patient_data(text)
    assert text[finding.start : finding.end] == "患者ＩＤ：１２３４５６７"


def test_scan_assessment_names_the_item_and_field(make_assessment) -> None:
    a = make_assessment(
        answers={
            "C-1": Answer(status=Status.DONE, note="規程第4条で定めた", evidence="規程 v1.2"),
            "C-2": Answer(status=Status.PARTIAL, evidence="カルテ番号 123456 の画面写し"),
            "C-3": Answer(status=Status.NOT_APPLICABLE, na_reason="鈴木一郎様 45678901 のみ対象"),
        },
        tools=[AITool(id="T-1", name="音声入力", note="試用時の連絡先 080-1111-2222")],
        tool_answers={"T-1": {"C-7": Answer(status=Status.DONE, note="試用患者ID: 0012345")}},
    )
    hits = scan_assessment(a)
    assert [(h.item, h.tool, h.field, h.finding.kind) for h in hits] == [
        ("C-2", "", "evidence", "patient_id"),
        ("C-3", "", "na_reason", "name_with_id"),
        ("C-7", "T-1", "note", "patient_id"),
        ("T-1", "", "note", "phone"),
    ]
    item, field, finding, tool = hits[0]  # usable as a plain tuple
    assert (item, field, tool) == ("C-2", "evidence", "")


def test_the_committee_comment_is_scanned_and_named(make_assessment) -> None:
    a = make_assessment()
    a.committee_comment = "山田太郎様 患者ID 1234567 の事例を受けて規程を見直した"
    (hit,) = scan_assessment(a)
    assert (hit.item, hit.field, hit.tool) == ("", "committee_comment", "")
    assert history_field_label(hit.field, hit.item) == "総評・所見"
    assert item_label(hit.item) == "評価全体"
    assert "1234567" in hit.finding.excerpt
