"""A small validated, immutable record type for the guideline's models.

The guideline's items are simple: strings, numbers, dates, enums, lists and nested records.
Checking them here, in plain Python, keeps pydantic (≈120 ms and ≈18 MB to import and build
the classes) off the application's start-up path; the assessment file, which needs more,
keeps using pydantic.

A record class declares its fields as annotations, with defaults where a field is optional:

    class Edition(Strict):
        number: Annotated[int, AtLeast(1)]
        label: NonEmpty
        changes: list[NonEmpty] = []

Building one (``Edition(number=1, ...)`` or ``Edition.model_validate(mapping)``) checks and
converts every field (an enum's value becomes the enum, a date string a date, text is
stripped) and raises `ValidationError` listing every problem with its location; unknown keys
are refused (a typo in hand-edited YAML). Records are frozen and compare by value.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

_MISSING = object()


@dataclass(frozen=True)
class NonBlank:
    """Text with surrounding whitespace removed, not empty."""


@dataclass(frozen=True)
class AtLeast:
    """A number no smaller than `minimum`."""

    minimum: int


@dataclass(frozen=True)
class MinItems:
    """A list of at least `count` items."""

    count: int


NonEmpty = Annotated[str, NonBlank()]


class ValidationError(ValueError):
    """Every problem found in one record; `errors()` lists them (type, loc, msg, ctx)."""

    def __init__(self, title: str, errors: list[dict[str, Any]]) -> None:
        self.title = title
        self._errors = errors
        lines = [f"{len(errors)} validation error(s) for {title}"]
        lines += [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors]
        super().__init__("\n".join(lines))

    def errors(self) -> list[dict[str, Any]]:
        return list(self._errors)


class Strict:
    """A frozen record whose fields are checked and converted when it is built."""

    _field_types: ClassVar[dict[str, Any] | None] = None
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._field_types = None  # resolved on first use (annotations are strings)
        defaults: dict[str, Any] = {}
        for name in cls.__dict__.get("__annotations__", {}):
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
        cls._defaults = {**_inherited_defaults(cls), **defaults}

    def __init__(self, **data: Any) -> None:
        errors: list[dict[str, Any]] = []
        values = _validate_fields(type(self), data, (), errors)
        if errors:
            raise ValidationError(type(self).__name__, errors)
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def model_validate(cls, raw: Any) -> Any:
        """A record from a mapping (e.g. parsed YAML), or `ValidationError`."""
        if isinstance(raw, cls):
            return raw
        if not isinstance(raw, dict):
            raise ValidationError(cls.__name__, [_error("model_type", (), raw)])
        return cls(**raw)

    @classmethod
    def field_names(cls) -> list[str]:
        return list(_field_types(cls))

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed (checked like a new record)."""
        return type(self)(**{**self.__dict__, **changes})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def _inherited_defaults(cls: type) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for base in reversed(cls.__mro__[1:]):
        merged.update(getattr(base, "_defaults", {}))
    return merged


def _field_types(cls: type[Strict]) -> dict[str, Any]:
    if cls.__dict__.get("_field_types") is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        cls._field_types = {k: v for k, v in hints.items() if not k.startswith("_")}
    return cls._field_types  # type: ignore[return-value]


def _validate_fields(
    cls: type[Strict], data: dict[str, Any], loc: tuple[Any, ...], errors: list[dict[str, Any]]
) -> dict[str, Any]:
    fields = _field_types(cls)
    values: dict[str, Any] = {}
    for name, hint in fields.items():
        raw = data.get(name, _MISSING)
        if raw is _MISSING:
            default = cls._defaults.get(name, _MISSING)
            if default is _MISSING:
                errors.append(_error("missing", (*loc, name), None))
            else:
                values[name] = list(default) if isinstance(default, list) else default
            continue
        values[name] = _validate(hint, raw, (*loc, name), errors)
    for name in data:
        if name not in fields:
            errors.append(_error("extra_forbidden", (*loc, name), data[name]))
    return values


Check = Callable[[Any, tuple[Any, ...], list[dict[str, Any]]], Any]
_checks: dict[Any, Check] = {}


def _validate(hint: Any, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    check = _checks.get(hint)
    if check is None:
        check = _checks[hint] = _compile(hint)
    return check(value, loc, errors)


def _compile(hint: Any) -> Check:
    """A function checking and converting a value of this type (built once per type)."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *marks = typing.get_args(hint)

        def annotated(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            count = len(errors)
            value = _validate(base, value, loc, errors)
            if len(errors) == count:
                value = _apply_marks(marks, value, loc, errors)
            return value

        return annotated
    if origin in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        option = next(a for a in args if a is not type(None))
        optional = type(None) in args

        def union(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if value is None and optional:
                return None
            return _validate(option, value, loc, errors)

        return union
    if origin is list:
        (item_hint,) = typing.get_args(hint)

        def items(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, list | tuple):
                errors.append(_error("list_type", loc, value))
                return value
            return [_validate(item_hint, item, (*loc, i), errors) for i, item in enumerate(value)]

        return items
    if origin is Literal:
        choices = typing.get_args(hint)
        expected = _expected(choices)

        def literal(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if value not in choices:
                message = f"Input should be {expected}"
                errors.append(_error("literal_error", loc, value, message, expected))
            return value

        return literal
    if isinstance(hint, type) and issubclass(hint, Strict):

        def record(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if isinstance(value, hint):
                return value
            if not isinstance(value, dict):
                errors.append(_error("model_type", loc, value))
                return value
            return _build_nested(hint, value, loc, errors)

        return record
    if isinstance(hint, type) and issubclass(hint, Enum):
        expected = _expected([m.value for m in hint])

        def enum(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            try:
                return hint(value)
            except ValueError:
                message = f"Input should be {expected}"
                errors.append(_error("enum", loc, value, message, expected))
                return value

        return enum
    if hint is str:

        def text(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, str):
                errors.append(_error("string_type", loc, value))
            return value

        return text
    if hint in (bool, int, dt.date):
        return lambda value, loc, errors: _validate_scalar(hint, value, loc, errors)
    raise TypeError(f"unsupported field type {hint!r}")


def _build_nested(
    cls: type[Strict], data: dict[str, Any], loc: tuple[Any, ...], errors: list[dict[str, Any]]
) -> Any:
    count = len(errors)
    values = _validate_fields(cls, data, loc, errors)
    if len(errors) != count:
        return data
    record = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(record, name, value)
    return record


def _validate_scalar(
    hint: Any, value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]
) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
        errors.append(_error("bool_type", loc, value))
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            return int(value)
        errors.append(_error("int_type", loc, value))
    else:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        errors.append(_error("date_parsing", loc, value))
    return value


def _apply_marks(
    marks: list[Any], value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]
) -> Any:
    for mark in marks:
        if isinstance(mark, NonBlank):
            value = value.strip()
            if not value:
                errors.append(_error("string_too_short", loc, value))
        elif isinstance(mark, AtLeast) and value < mark.minimum:
            errors.append(_error("greater_than_equal", loc, value))
        elif isinstance(mark, MinItems) and len(value) < mark.count:
            errors.append(_error("too_short", loc, value))
    return value


_MESSAGES = {
    "missing": "Field required",
    "extra_forbidden": "Extra inputs are not permitted",
    "model_type": "Input should be a valid dictionary or instance",
    "list_type": "Input should be a valid list",
    "string_type": "Input should be a valid string",
    "string_too_short": "String should have at least 1 character",
    "bool_type": "Input should be a valid boolean",
    "int_type": "Input should be a valid integer",
    "date_parsing": "Input should be a valid date (YYYY-MM-DD)",
    "greater_than_equal": "Input is too small",
    "too_short": "List should have at least 1 item",
}


def _error(
    kind: str, loc: tuple[Any, ...], value: Any, msg: str = "", expected: str = ""
) -> dict[str, Any]:
    error: dict[str, Any] = {
        "type": kind,
        "loc": loc,
        "msg": msg or _MESSAGES.get(kind, kind),
        "input": value,
    }
    if expected:
        error["ctx"] = {"expected": expected}
    return error


def _expected(choices: Any) -> str:
    quoted = [repr(c) for c in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
