"""The sentences ``course build`` writes around an assessment's questions, in each language.

The intro (title, totals computed from the questions and the syllabus, how to
answer) and each question's heading (number, points, lesson) are composed
here, once per language, into the week's catalogue
(:func:`course.authoring.assessment_build.catalogue_text`).
"""
from __future__ import annotations

from ..syllabus import Week
from .declaration import Declaration, Question


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)



def totals(decl: Declaration, week: Week) -> tuple[list[int], list[int], float, float, float]:
    """The numbers an intro states, in every language: automatic and written question numbers,
    total points, automatic points and the points needed to pass."""
    auto = [n for n, q in enumerate(decl.questions, 1) if not q.mentor_graded]
    manual = [n for n, q in enumerate(decl.questions, 1) if q.mentor_graded]
    total = sum(q["points"] for q in decl.questions)
    auto_points = sum(q["points"] for q in decl.questions if not q.mentor_graded)
    return auto, manual, total, auto_points, week.points_needed(total)

class English:
    name = "English"
    how_to_answer = (   # (kinds, the line of "How to answer" that explains them)
        (("choice", "choices", "truefalse", "chart"),
         "For a question with options, click your answer. It is saved at once, and you can change it until you submit."),
        (("order",), "For an ordering question, move the steps with the arrows (or press *Save this order* "
                     "if you agree with the order shown)."),
        (("pairs",), "For a matching question, choose the right match for each item."),
        (("weighted",), "For a checklist, tick every item that applies."),
        (("text", "number"), "For a one-line answer or a number, type it in the box. It is saved as you type, "
                             "and you can change it until you submit."),
        (("manual",), "For the written answer, double-click the cell, write, then run it (Shift+Enter)."),
        (("strategy",), "For your strategy, read how it will be marked, then write each step in its box. "
                        "It is saved as you type; press *Export* to keep it as a one-page document."),
    )

    @staticmethod
    def count(n: float, word: str) -> str:
        return f"{_number(n)} {word}" + ("" if n == 1 else "s")

    @staticmethod
    def span(numbers: list[int]) -> str:
        """``3``, ``1 to 13`` or ``1, 4 and 6``."""
        if len(numbers) == 1:
            return str(numbers[0])
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]} to {numbers[-1]}"
        return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"

    def questions(self, numbers: list[int]) -> str:
        return ("Question " if len(numbers) == 1 else "Questions ") + self.span(numbers)

    def lessons(self, numbers: list[int]) -> str:
        return ("lesson " if len(numbers) == 1 else "lessons ") + self.span(numbers)

    def intro(self, decl: Declaration, week: Week, title: str, intro: str) -> str:
        auto, manual, total, auto_points, needed = totals(decl, week)
        c = self.count
        lines = [f"# {title}", "",
                 (f"{intro} " if intro else "")
                 + f"It has **{c(len(decl.questions), 'question')} worth {c(total, 'point')}**; "
                 f"you need **{c(needed, 'point')} ({week.pass_mark * 100:g} %)** to pass and open "
                 f"the next week, and you have {c(week.attempts, 'attempt')}.", ""]
        if auto:
            enough = (": enough to pass on their own" if auto_points >= needed
                      else "; you need points from the written answer too to pass")
            lines.append(f"- {self.questions(auto)} (**{c(auto_points, 'point')}**) "
                         f"{'is' if len(auto) == 1 else 'are'} checked automatically when you submit{enough}.")
        if manual:
            written = "a written answer, is" if len(manual) == 1 else "written answers, are"
            lines.append(f"- {self.questions(manual)} (**{c(total - auto_points, 'point')}**), "
                         f"{written} read by your mentor.")
        kinds = {q.kind for q in decl.questions}
        lines += ["", self.how_title, ""]
        lines += [f"- {line}" for names, line in self.how_to_answer if kinds & set(names)]
        lines += ["", self.no_verdict]
        return "\n".join(lines)

    how_title = "How to answer:"
    no_verdict = "Nothing here tells you whether an answer is right: you see your result after you submit."
    read_by_mentor = ", read by your mentor"

    def question_text(self, q: Question, number: int, week: Week, texts: dict) -> str:
        points = self.count(q["points"], "point") + (self.read_by_mentor if q.mentor_graded else "")
        lesson_numbers = sorted(week.lessons.index(f) + 1 for f in q.lessons)
        parts = [f"### {self.question_word} {number} ({points}) · *{self.lessons(lesson_numbers)}*"]
        if texts.get("context"):
            parts.append(texts["context"])
        if q.mentor_graded:
            parts.append(texts["prompt"])
        return "\n\n".join(parts)

    question_word = "Question"


class Arabic(English):
    name = "Arabic"
    how_to_answer = (
        (("choice", "choices", "truefalse", "chart"),
         "في سؤال الخيارات، انقر على إجابتك. تُحفظ فوراً، ويمكنك تغييرها حتى التسليم."),
        (("order",), "في سؤال الترتيب، حرّك الخطوات بالأسهم (أو اضغط *احفظ هذا الترتيب* إن كنت توافق على "
                     "الترتيب المعروض)."),
        (("pairs",), "في سؤال المطابقة، اختر المطابق الصحيح لكل عنصر."),
        (("weighted",), "في قائمة التحقق، ضع علامة على كل بند ينطبق."),
        (("text", "number"), "في الإجابة القصيرة أو الرقم، اكتب في المربع. تُحفظ إجابتك أثناء الكتابة، "
                             "ويمكنك تغييرها حتى التسليم."),
        (("manual",), "في الإجابة المكتوبة، انقر على الخلية نقراً مزدوجاً واكتب، ثم شغّلها (Shift+Enter)."),
        (("strategy",), "في استراتيجيتك، اقرأ أولاً كيف ستُقيَّم، ثم اكتب كل خطوة في مربعها. تُحفظ أثناء الكتابة؛ "
                        "واضغط *تصدير* لتحتفظ بها وثيقةً من صفحة واحدة."),
    )
    how_title = "طريقة الإجابة:"
    no_verdict = "لا شيء هنا يخبرك إن كانت إجابتك صحيحة: ترى نتيجتك بعد التسليم."
    read_by_mentor = "، يقرؤها مرشدك"
    question_word = "السؤال"
    _FORMS = {"point": ("نقطة واحدة", "نقطتان", "نقاط", "نقطة"),
              "question": ("سؤال واحد", "سؤالان", "أسئلة", "سؤالاً"),
              "attempt": ("محاولة واحدة", "محاولتان", "محاولات", "محاولة")}

    @classmethod
    def count(cls, n: float, word: str) -> str:
        one, two, few, many = cls._FORMS[word]
        n = _number(n)
        if n == 1:
            return one
        if n == 2:
            return two
        return f"{n} {few if isinstance(n, int) and 3 <= n <= 10 else many}"

    @staticmethod
    def span(numbers: list[int]) -> str:
        if len(numbers) == 1:
            return str(numbers[0])
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]} إلى {numbers[-1]}"
        return "، ".join(map(str, numbers[:-1])) + f" و{numbers[-1]}"

    def questions(self, numbers: list[int]) -> str:
        return ("السؤال " if len(numbers) == 1 else "الأسئلة ") + self.span(numbers)

    def lessons(self, numbers: list[int]) -> str:
        return ("الدرس " if len(numbers) == 1 else "الدروس ") + self.span(numbers)

    def intro(self, decl: Declaration, week: Week, title: str, intro: str) -> str:
        auto, manual, total, auto_points, needed = totals(decl, week)
        c = self.count
        lines = [f"# {title}", "",
                 (f"{intro} " if intro else "")
                 + f"عدد الأسئلة **{len(decl.questions)}**، ومجموع نقاطها **{_number(total)}**؛ "
                 f"وتحتاج إلى **{_number(needed)} ({week.pass_mark * 100:g} %)** منها لتجتاز هذا الأسبوع "
                 f"ويُفتح لك الأسبوع التالي، ولديك {c(week.attempts, 'attempt')}.", ""]
        if auto:
            enough = ("، وهي تكفي وحدها للنجاح" if auto_points >= needed
                      else "؛ وتحتاج أيضاً إلى نقاط من الإجابة المكتوبة لتنجح")
            verb = "يُصحَّح" if len(auto) == 1 else "تُصحَّح"
            lines.append(f"- {self.questions(auto)} (**{c(auto_points, 'point')}**) "
                         f"{verb} آلياً عند التسليم{enough}.")
        if manual:
            written = "وهو إجابة مكتوبة، يقرؤه" if len(manual) == 1 else "وهي إجابات مكتوبة، يقرؤها"
            lines.append(f"- {self.questions(manual)} (**{c(total - auto_points, 'point')}**)، {written} مرشدك.")
        kinds = {q.kind for q in decl.questions}
        lines += ["", self.how_title, ""]
        lines += [f"- {line}" for names, line in self.how_to_answer if kinds & set(names)]
        lines += ["", self.no_verdict]
        return "\n".join(lines)


WORDS = {"en": English(), "ar": Arabic()}
