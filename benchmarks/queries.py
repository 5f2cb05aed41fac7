"""Fifty searches staff would type: Japanese words from their work and the guideline, and
the English or mixed terms (AI, RAG, SOAP, …) that appear in Japanese hospitals.

Japanese queries are typed as they arrive after the input method commits them; every
prefix is a keystroke's query.
"""

from __future__ import annotations

QUERIES: tuple[str, ...] = (
    # Japanese: work, documents, risks, law
    "退院サマリ",
    "紹介状",
    "診療情報提供書",
    "看護記録",
    "申し送り",
    "問診",
    "服薬指導",
    "薬歴",
    "疑義照会",
    "議事録",
    "院内規程",
    "個人情報",
    "要配慮個人情報",
    "情報漏えい",
    "ハルシネーション",
    "はるしねーしょん",
    "プロンプトインジェクション",
    "誤り",
    "著作権",
    "医療機器",
    "医師法",
    "説明と同意",
    "患者への説明",
    "学習に使わない",
    "録音",
    "音声認識",
    "バイアス",
    "やさしい日本語",
    "脆弱性",
    "アクセス権限",
    "ログ",
    "委託先",
    "クラウド",
    "チャットボット",
    "緊急",
    "研修",
    "診療報酬",
    "責任",
    # English and mixed, as typed on a Japanese keyboard
    "AI",
    "ChatGPT",
    "LLM",
    "RAG",
    "SOAP",
    "prompt injection",
    "hallucination",
    "privacy",
    "HL7 FHIR",
    "UC-05",
    "C-LEAK",
    "ST-OUT-02",
)

assert len(QUERIES) == 50 and len(set(QUERIES)) == 50

# Searches by reading (issue 17): what staff type before converting to kanji, in hiragana as
# the input method commits it and in romaji with the input method off.
READING_QUERIES: tuple[str, ...] = (
    "たいいん",
    "こじんじょうほう",
    "しんりょうろく",
    "やくれき",
    "ぎぎしょうかい",
    "もうしおくり",
    "ふくさよう",
    "かんごきろく",
    "もんしん",
    "しょほうせん",
    "taiin",
    "kojinjouhou",
    "shinryouroku",
    "yakureki",
    "gigisyoukai",
    "moushiokuri",
    "harushineshon",
    "chouzai",
    "kangokiroku",
    "fukusayou",
)

assert len(READING_QUERIES) == 20 and len(set(READING_QUERIES)) == 20
