"""Certificates of completion: only a learner who passed every week gets one, in their language; its
verification code is checked offline with the course's key, and nothing else makes a valid one."""
from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess

import pytest

from course.answer_key import load_key
from course.cli import main
from course.grading import certificate
from course.reference import fill
from course.scaffold import init_course

pytestmark = pytest.mark.slow
DAY = dt.date(2027, 1, 3)


def done(language: str) -> certificate.Completion:
    weeks = tuple(certificate.WeekResult(f"Week {n}: topic {n}" if language == "en" else f"الأسبوع {n}: موضوع",
                                         25 + n, 30) for n in range(1, 5))
    name = "Lina Haddad" if language == "en" else "لينا حداد"
    return certificate.Completion("lina", name, "Rana Khoury", language, DAY, weeks)


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


# -- the code ------------------------------------------------------------------------------------
def test_a_code_verifies_and_says_who_and_when(layout):
    """Does the code printed on a certificate verify, naming the learner and the date (any letter case)?"""
    code = certificate.code_for(layout, "lina", DAY)
    assert code.startswith("lina-20270103-")
    assert certificate.verify(layout, code) == certificate.Verified("lina", DAY)
    assert certificate.verify(layout, f"  {code[:14]}{code[14:].lower()} ") == certificate.Verified("lina", DAY)


@pytest.mark.parametrize("change", ["learner", "date", "letter", "invented", "empty", "short"])
def test_a_changed_or_invented_code_does_not_verify(layout, change):
    """Does changing the learner, the date or one letter of the signature, or inventing a code, fail?"""
    code = certificate.code_for(layout, "lina", DAY)
    forged = {"learner": code.replace("lina", "lena", 1), "date": code.replace("20270103", "20270104"),
              "letter": code[:-1] + ("A" if code[-1] != "A" else "B"),
              "invented": "lina-20270103-AAAA-BBBB-CCCC-DDDD", "empty": "", "short": "lina-20270103"}[change]
    assert certificate.verify(layout, forged) is None


def test_another_course_key_makes_codes_this_course_refuses(tmp_path, layout):
    """Does a code made with another course's key (same learner, same date) fail here?"""
    other = init_course(tmp_path / "other", solo=False)
    assert certificate.verify(layout, certificate.code_for(other, "lina", DAY)) is None


def test_the_key_is_the_owners_only(layout):
    """Is the signing key kept in the instructor's keys folder, readable by its owner only?"""
    certificate.signing_key(layout)
    mode = stat.S_IMODE(os.stat(layout.keys / certificate.KEY_NAME).st_mode)
    assert mode == 0o600


# -- the page ------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_certificate_renders_with_name_course_scores_mentor_and_code(layout, tmp_path, language):
    """Does the PDF render to an image (pdftoppm), and does its text hold the name, the course, every week's
    score, the mentor and the code, in the learner's language?"""
    path = certificate.write(layout, done(language), tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page.png").stat().st_size > 5000
    text = text_of(path)
    code = certificate.code_for(layout, "lina", DAY)
    assert code in text and "Rana Khoury" in text
    assert all(f"{25 + n}/30" in text for n in range(1, 5))
    if language == "en":
        assert "Certificate of completion" in text and "Lina Haddad" in text and "Social Media for Advocacy" in text
    else:
        assert "شهادة إتمام" in text and "Certificate" not in text
        assert "حداد" in text or "دادح" in text   # pdftotext gives right-to-left words in either order


# -- end to end ----------------------------------------------------------------------------------
def pass_week(root, layout, week_id: str) -> None:
    fill(layout.workspace / week_id / "assessment.ipynb", layout.week_folder(week_id) / "assessment.ipynb",
         load_key(layout.keys, week_id), "full")
    assert main(["--root", str(root), "submit", week_id]) == 0


def test_passing_every_week_brings_a_certificate_and_nothing_before(tmp_path, capsys):
    """A solo learner passes weeks 1-3; the mentor's review decides week 4: is there no certificate before the
    last pass, and then one in the workspace, on the feedback page, listed by `course certificates` and
    verified by `course verify`?"""
    root = tmp_path / "course"
    layout = init_course(root, learner="hiba")
    from course import learner_profile
    learner_profile.remember(layout.workspace, "Hiba Mansour")   # as the course home asks, once
    weeks = layout.syllabus.week_ids
    for week_id in weeks:
        pass_week(root, layout, week_id)
    from course import gate
    last = gate.read(layout.gate_dir, "hiba")[weeks[-1]]
    if last.state != "passed":                       # a mentor's review decides the last week
        assert not (layout.workspace / certificate.FILE_NAME).exists()
        from nbgrader.api import Gradebook
        with Gradebook(layout.db_url, layout.course_id) as gb:
            for grade in gb.find_submission_notebook("assessment", weeks[-1], "hiba").grades:
                if grade.needs_manual_grade:
                    grade.manual_score = grade.max_score
            gb.db.commit()
        assert main(["--root", str(root), "feedback", weeks[-1]]) == 0
    pdf = layout.workspace / certificate.FILE_NAME
    assert pdf.read_bytes()[:4] == b"%PDF"
    capsys.readouterr()
    assert main(["--root", str(root), "certificates"]) == 0
    listed = capsys.readouterr().out
    code = next(line.split("\t")[2] for line in listed.splitlines() if line.startswith("hiba\t"))
    assert code in text_of(pdf) and "Hiba Mansour" in text_of(pdf)
    assert main(["--root", str(root), "verify", code]) == 0
    assert "VALID" in capsys.readouterr().out
    assert main(["--root", str(root), "verify", code.replace("hiba", "hoda")]) == 1
    page = next((layout.feedback / "hiba" / weeks[-1]).glob("*.html")).read_text(encoding="utf-8")
    assert 'href="data:application/pdf;base64,' in page


def test_a_learner_with_a_week_not_passed_gets_no_certificate(tmp_path, capsys):
    """After three weeks passed, does `course certificates` write nothing for the learner?"""
    root = tmp_path / "course"
    layout = init_course(root, learner="ziad")
    for week_id in layout.syllabus.week_ids[:3]:
        pass_week(root, layout, week_id)
    assert main(["--root", str(root), "certificates"]) == 0
    assert "0 certificate(s) written" in capsys.readouterr().out
    assert not (layout.grading / "certificates" / "ziad").exists()
    assert not (layout.workspace / certificate.FILE_NAME).exists()
