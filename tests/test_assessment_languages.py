"""One assessment notebook for English and Arabic: texts by id, Arabic pinned to the English, the grader in the learner's language."""
from __future__ import annotations

import json
import re
import tomllib

import nbformat
import pytest

from course import i18n
from course.answer_key import score_answer
from course.authoring.assessment_build import SOLUTION, build_week
from course.authoring.drift import translation_problems
from course.grading import feedback, scorer
from course.grading.submission import Handed
from course.layout import CourseLayout
from course.scaffold import copy_course
from course.syllabus import load_syllabus

WEEKS = load_syllabus().week_ids
LATIN_RUN = re.compile(r"\b[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}")
# Latin runs an Arabic page may show: URLs, search operators, file names, keyboard keys, tab names
ALLOWED = re.compile(r"https?://\S+|\w+:\S*|\S+\.(ipynb|jpg|org|com|help|net)\b|Ctrl\+S|Shift\+Enter|"
                     r"START_HERE|NIST SP 800-63B|youth unemployment|clean water for all|safe schools for girls|"
                     r"\b(Assignments|Submit|Arabic|CamelCase|alt text|PDF|Google|SMS)\b")


def english_sentences(text: str) -> list[str]:
    """Runs of three or more Latin words left once allowed ids, URLs and operators are removed."""
    return LATIN_RUN.findall(ALLOWED.sub(" ", re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def layout():
    return CourseLayout.at()


def key_of(layout, week):
    from course.authoring.assessment_build import built_key
    return built_key(layout, week)


@pytest.mark.parametrize("week", WEEKS)
def test_the_notebook_holds_no_prose(layout, week):
    """Outside the solution markers nbgrader strips, is the built notebook free of English and Arabic sentences?"""
    text = re.sub(re.escape(SOLUTION[0]) + ".*?" + re.escape(SOLUTION[1]), "",
                  build_week(layout, week).notebook_text, flags=re.S)
    sources = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
    assert not re.search("[\u0600-\u06FF]", sources)
    code = ("from course.assess import Assessment",)
    prose = [s for s in LATIN_RUN.findall(sources) if not any(s in c for c in code)]
    assert prose == []


@pytest.mark.parametrize("week", WEEKS)
def test_arabic_catalogue_has_every_text_in_arabic(layout, week):
    """Does the Arabic catalogue hold every key of the English one, each in Arabic or a whitelisted Latin id?"""
    built = build_week(layout, week)
    en, ar = (tomllib.loads(text) for _path, text in built.catalogues)
    assert en.keys() == ar.keys()
    for name, text in ar.items():
        assert english_sentences(text) == [], (name, text)
    assert built.translation_problems == ()


@pytest.mark.parametrize("week", WEEKS)
def test_catalogues_hold_no_answer(layout, week):
    """Are the learner-readable catalogues free of answers, rules, schemes, references and explanations?"""
    key = key_of(layout, week)
    shown = "\n".join(text for _path, text in build_week(layout, week).catalogues)
    for entry in key.entries.values():
        secrets = [entry.explanation, entry.scheme] + [p for p, _ in entry.rules] + [a for _, a in entry.rules]
        secrets += [entry.answer] if entry.kind in ("rules", "manual") and not entry.structured else []
        secrets += list(entry.answer.values()) if entry.structured else []     # a strategy's reference steps
        for texts in entry.translations.values():
            secrets += [texts.get("explanation"), texts.get("reference")]
        for secret in filter(None, secrets):
            assert secret.strip() not in shown, (entry.question, secret)
    assert not re.search(r"\.(answer|explanation|reference|scheme|rules|weights)\" =", shown)


def test_changing_one_english_prompt_flags_exactly_its_arabic(tmp_path):
    """If one English prompt changes, is exactly that question's Arabic reported stale, with the new pin?"""
    copy_course(tmp_path / "course")
    copy = CourseLayout.at(tmp_path / "course")
    assert translation_problems(copy, "week2_groups_pages") == []
    path = copy.grading / "assessments" / "week2_groups_pages.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Which access should the volunteer get?", "Which role should the volunteer get?"), encoding="utf-8")
    problems = translation_problems(copy, "week2_groups_pages")
    assert len(problems) == 1 and "question q1_page_access is stale" in problems[0] and "pinned = " in problems[0]


def test_a_missing_arabic_question_is_reported(tmp_path):
    """Is a question with no Arabic table named as not translated?"""
    copy_course(tmp_path / "course")
    copy = CourseLayout.at(tmp_path / "course")
    path = copy.grading / "assessments" / "week4_blogging.ar.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[questions.q3_headline]", "[questions.q3_gone]"),
                    encoding="utf-8")
    problems = translation_problems(copy, "week4_blogging")
    assert any("q3_headline is not translated" in p for p in problems)
    assert any("q3_gone is not in the declaration" in p for p in problems)


@pytest.mark.parametrize("answer, points", [
    ("ما وجده مسحنا عن مياه الشرب في المدارس", 2.0),
    ("مياه الشرب في مدارس بلدتنا: نتائج المسح", 2.0),
    ("What our survey found about drinking water in schools", 2.0),
    ("حملتنا الجديدة في المدارس هذا العام", 1.5),            # does not name the water
    ("مياه الشرب في مدارسنا!!! اقرأوا الآن!!!", 1.5),          # shouting
    ("مياه", 1.0),                                            # one word, says nothing of what the post holds
    ("مياه مياه مياه مياه مياه", 0.0),                        # keyword stuffing
    ("water water water", 0.0),
])
def test_week4_headline_in_either_language(layout, answer, points):
    """Does a good Arabic headline earn full marks like an English one, and a bad one less?"""
    assert score_answer(key_of(layout, "week4_blogging").question("q3_headline"), answer) == points


@pytest.mark.parametrize("week, qid, answer, points", [
    ("week1_facebook", "q6_accessible_hashtag", "#مياه_نظيفة_للجميع", 2.0),
    ("week1_facebook", "q6_accessible_hashtag", "#مياهنظيفةللجميع", 1.0),
    ("week1_facebook", "q6_accessible_hashtag", "#CleanWaterForAll", 2.0),
    ("week1_facebook", "q6_accessible_hashtag", "#cleanwaterforall", 1.0),
    ("week1_facebook", "q4_search_query", '"بطالة الشباب" site:ilo.org filetype:pdf', 2.0),
    ("week1_facebook", "q4_search_query", "بطالة الشباب ilo.org pdf", 0.0),
])
def test_hashtags_and_searches_in_either_language(layout, week, qid, answer, points):
    """Are Arabic hashtags and an Arabic exact phrase scored like their English twins (operators stay Latin)?"""
    assert score_answer(key_of(layout, week).question(qid), answer) == points


#: Arabic an English question shows on purpose: the question is about that Arabic text.
ARABIC_BY_DESIGN = {
    "week1_facebook": ("بطالة الشباب",),                                   # an Arabic exact phrase is accepted
    "week3_twitter_youtube": ("#شوارع_آمنة",),                             # an Arabic hashtag's weighted length
    "week4_blogging": ("بحلول ٣٠ أيلول ٢٠٢٦ يحضر ١٥٠ شابًا وشابة جلسة الاستماع في البلدية",),  # an Arabic objective
}


@pytest.mark.parametrize("week", WEEKS)
def test_widgets_render_in_the_kernel_language(layout, week, tmp_path, monkeypatch):
    """Run with COURSE_LANG=ar (then en), does every widget and text cell show that language only?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = nbformat.reads(build_week(layout, week).notebook_text, as_version=4)
    for lang in ("ar", "en"):
        shown: list[str] = []
        namespace: dict = {}
        with i18n.language(lang):
            exec(nb.cells[0].source.replace(f'Assessment("{week}")', f'Assessment("{week}", folder=r"{tmp_path}")'),
                 namespace)
            assessment = namespace["assessment"]
            assessment.show = lambda what: shown.append(assessment._need(
                what if what in ("intro", "outro") else f"{what}.text"))
            for cell in nb.cells[1:]:
                if cell.cell_type != "code" or cell.id.endswith("_check"):
                    continue
                if cell.id.endswith("_widget"):
                    exec(cell.source.replace("assessment.", "widget = assessment.", 1), namespace)
                    widget = namespace["widget"]
                    shown.append(widget.prompt if hasattr(widget, "prompt") else "")
                    shown += list(getattr(widget, "options", {}).values()) + list(getattr(widget, "items", {}) or [])
                else:
                    exec(cell.source, namespace)
        text = "\n".join(str(s) for s in shown)
        if lang == "ar":
            assert english_sentences(text) == [] and re.search("[\u0600-\u06FF]", text)
        else:
            for fragment in ARABIC_BY_DESIGN.get(week, ()):
                text = text.replace(fragment, "")
            assert not re.search("[\u0600-\u06FF]", text)


@pytest.mark.parametrize("week", WEEKS)
def test_scores_do_not_depend_on_the_language_and_the_arabic_page_is_arabic(layout, week):
    """Does a reference submission score the same in English and Arabic, and is the Arabic page rtl with no English sentence?"""
    key = key_of(layout, week)
    handed = Handed(answers={q: e.card_text("reference", "ar") if e.kind == "rules" else e.reference_answer()
                             for q, e in key.entries.items() if e.kind != "manual"},
                    written={q: "خطة مكتوبة" for q, e in key.entries.items() if e.kind == "manual"})
    english, arabic = scorer.score(key, handed, "en"), scorer.score(key, handed, "ar")
    assert [r.points for r in english] == [r.points for r in arabic]
    assert all(r.points == r.max_points for r in arabic if r.kind != "manual")
    wrong = Handed(answers={q: e.wrong_answer() for q, e in key.entries.items() if e.kind != "manual"})
    with i18n.language("ar"):
        for results in (arabic, scorer.score(key, wrong, "ar")):
            text = feedback.page(i18n._("feedback.week", number=1), results, i18n._("feedback.summary", points="1",
                                 max_points="2"), reveal=True)
            assert 'dir="rtl"' in text and english_sentences(text) == [], english_sentences(text)
            assert "\u23f3" not in text and "<svg" in text
