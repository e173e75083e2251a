"""Shared fixtures: scratch course folders, so no test touches the real course."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("PYTHONWARNINGS", "ignore")
warnings.filterwarnings("ignore")


@pytest.fixture(scope="module")
def course_root(tmp_path_factory) -> Path:
    """A fresh course (cohort mode, every week released) shared by a test module."""
    from course.scaffold import init_course
    root = tmp_path_factory.mktemp("course")
    init_course(root, solo=False)
    return root


@pytest.fixture(scope="module")
def layout(course_root):
    from course.layout import CourseLayout
    return CourseLayout.at(course_root)


@pytest.fixture
def english():
    """The test runs in English and leaves the language as it found it."""
    from course import i18n
    before = i18n._current
    i18n.set_language("en")
    yield
    i18n._current = before


_skipped_browser_tests: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and "browser" in report.keywords:
        _skipped_browser_tests.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """On CI, a skipped browser test is a failure: the end-to-end proof must really run."""
    if os.environ.get("CI") and _skipped_browser_tests and exitstatus == 0:
        print(f"\n{len(_skipped_browser_tests)} browser test(s) were skipped on CI: failing the run.")
        session.exitstatus = 1
