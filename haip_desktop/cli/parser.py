"""argparse in Japanese: usage, section titles, the -h line and the error messages.

argparse takes its own words from gettext at the moment it uses them (module-level `_` and
`ngettext`). JapaneseArgumentParser swaps those two for a Japanese table only while it
builds, parses or prints, so nothing else in the process is affected. Value types for dates
and numbers explain a wrong value in Japanese.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

# argparse's English (Python 3.11-3.13) -> Japanese; %-placeholders are kept as they are.
_JAPANESE = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "optional arguments": "オプション",
    "subcommands": "サブコマンド",
    "show this help message and exit": "この説明を表示して終了する",
    "show program's version number and exit": "版を表示して終了する",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "次の指定が必要です: %s",
    "unrecognized arguments: %s": "解釈できない指定があります: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r は選べません（選べるもの: %(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r は値として読めません",
    "expected one argument": "値を1つ指定してください",
    "expected at most one argument": "値は1つまでです",
    "expected at least one argument": "値を1つ以上指定してください",
    "expected %s argument": "値を %s 個指定してください",
    "expected %s arguments": "値を %s 個指定してください",
    "ambiguous option: %(option)s could match %(matches)s": (
        "%(option)s は次のどれとも取れます: %(matches)s"
    ),
    "not allowed with argument %s": "%s と一緒には指定できません",
    "one of the arguments %s is required": "%s のどれかを指定してください",
    "ignored explicit argument %r": "%r は使えません（値を取らない指定です）",
    "unexpected option string: %s": "思いがけない指定です: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "%(parser_name)r というコマンドはありません（選べるもの: %(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "%(filename)s を開けません: %(error)s",
}


def _gettext(text: str) -> str:
    return _JAPANESE.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def _japanese() -> Iterator[None]:
    # argparse's own gettext names (argparse.py imports them; typeshed does not list them).
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class JapaneseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (usage, titles, errors) are Japanese.

    Subparsers made by add_subparsers() are of the same class.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _japanese():
            super().__init__(*args, **kwargs)

    # typeshed's second overload takes another parser_class; these subparsers are of this class.
    def add_subparsers(  # type: ignore[override]
        self, **kwargs: Any
    ) -> argparse._SubParsersAction[JapaneseArgumentParser]:
        with _japanese():
            return super().add_subparsers(**kwargs)

    # typeshed's overloads also return a namespace of another class; here it is a Namespace.
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _japanese():
            return super().parse_known_args(args, namespace)

    # (as parse_known_args)
    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with _japanese():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _japanese():
            return super().format_usage()

    def format_help(self) -> str:
        with _japanese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _japanese():
            super().error(message)


# -- value types ------------------------------------------------------------------------------


def iso_date(text: str) -> date:
    """A date given as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日付は YYYY-MM-DD の形で指定してください（指定された値: {text}）"
        ) from None


def fraction(text: str) -> float:
    """A share between 0 and 1 (both included)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(
            f"0 から 1 の間の数で指定してください（例: 0.6、指定された値: {text}）"
        )
    return value


def integer(text: str) -> int:
    """A whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"整数で指定してください（例: 0、指定された値: {text}）"
        ) from None
