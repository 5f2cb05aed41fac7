"""Assessments side by side and across time: グループ集計, 年度比較, a new assessment from the
previous one, and carrying an assessment over to newer guideline data."""
