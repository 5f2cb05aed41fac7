import datetime as dt

import pytest

from haip_desktop.report.dates import blank_date, format_date


@pytest.mark.parametrize(
    ("day", "western", "japanese"),
    [
        (dt.date(2026, 11, 25), "2026年11月25日", "令和8年11月25日"),
        (dt.date(2019, 5, 1), "2019年5月1日", "令和元年5月1日"),
        (dt.date(2019, 4, 30), "2019年4月30日", "平成31年4月30日"),
        (dt.date(1989, 1, 8), "1989年1月8日", "平成元年1月8日"),
        (dt.date(1989, 1, 7), "1989年1月7日", "昭和64年1月7日"),
        (dt.date(2020, 1, 1), "2020年1月1日", "令和2年1月1日"),
    ],
)
def test_long_dates(day: dt.date, western: str, japanese: str) -> None:
    assert format_date(day, "western") == western
    assert format_date(day, "japanese") == japanese


def test_short_dates_for_table_columns() -> None:
    day = dt.date(2026, 4, 3)
    assert format_date(day, "western", short=True) == "2026/04/03"
    assert format_date(day, "japanese", short=True) == "R8.04.03"
    assert format_date(dt.date(2019, 5, 1), "japanese", short=True) == "R1.05.01"
    assert format_date(dt.date(2000, 12, 31), "japanese", short=True) == "H12.12.31"


def test_missing_date_is_a_blank_field() -> None:
    assert format_date(None, "japanese") == ""


def test_dates_before_meiji_stay_western() -> None:
    assert format_date(dt.date(1850, 3, 1), "japanese") == "1850年3月1日"


def test_blank_date_line_for_hand_filling() -> None:
    assert blank_date("western") == "　　年　　月　　日"
    assert blank_date("japanese").startswith("令和")
    assert blank_date("japanese", narrow=True) == "令和　年　月　日"
