"""The ``course`` command: set up, run, grade and check the course.

Every command takes ``--root DIR``, before or after the command's name (the
course folder; default: this checkout), so a demo or a test never touches the real course. Errors say what went wrong
and what to do, and exit with status 2.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from pathlib import Path

from .layout import CourseLayout, LayoutError
from .syllabus import SyllabusError

EXIT_ERROR = 2


def _quiet() -> None:
    """nbgrader and its kernels are chatty; learners and mentors need only our report."""
    warnings.filterwarnings("ignore")
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    os.environ.setdefault("PYTHONWARNINGS", "ignore")


def cmd_init(layout: CourseLayout, args) -> int:
    from .scaffold import init_course
    layout = init_course(layout.root, learner=args.learner, solo=not args.cohort, language=args.language)
    print(f"Course ready in {layout.root}")
    if not args.cohort:
        print(f"Learner workspace: {layout.workspace} (start it with `course --root {layout.root} lab`)")
    return 0


def cmd_lab(layout: CourseLayout, args) -> int:
    from .lab import launch
    return launch(layout, learner=args.learner, mentor=args.mentor, port=args.port,
                  open_browser=not args.no_browser, language=args.language)


def cmd_release(layout: CourseLayout, args) -> int:
    from . import grading
    weeks = [args.week] if args.week else layout.syllabus.week_ids
    for week in weeks:
        path = grading.release(layout, week, force=args.force)
        print(f"released {week} ({path})")
    return 0


def cmd_submit(layout: CourseLayout, args) -> int:
    from . import grading
    from .scaffold import default_learner_id, solo_learner
    learner = args.learner or solo_learner(layout) or default_learner_id()
    workspace = Path(args.workspace) if args.workspace else layout.workspace
    grading.submit(layout, args.week, learner, workspace)
    print(f"submitted {args.week} for {learner}; grading…")
    report = grading.grade(layout, args.week, learners=[learner], deliver_to=workspace)
    _print_report(report)
    return 0


def cmd_grade(layout: CourseLayout, args) -> int:
    from . import grading
    if args.forever:
        from .errors import PipelineError
        from .grading import workers
        if not workers.uses_queue(layout):
            raise PipelineError("--forever needs the gradebook in PostgreSQL (COURSE_DB_URL="
                                "postgresql+psycopg://…); with SQLite, run `course grade WEEK` when work arrives")
        print(f"grading {args.week} as worker {workers.worker_name()}; new submissions are looked for "
              f"every {args.poll:g} s (Ctrl-C or SIGTERM stops it; nothing is lost)", flush=True)
        workers.work(layout, args.week, learners=args.learner or None, feedback=not args.no_feedback,
                     forever=True, poll=args.poll, on_batch=_print_report)
        return 0
    report = grading.grade(layout, args.week, learners=args.learner or None,
                            deliver_to=Path(args.deliver_to) if args.deliver_to else None,
                            feedback=not args.no_feedback, progress=True)
    _print_report(report)
    _print_outcomes(layout, report)
    return 0


def _print_outcomes(layout: CourseLayout, report) -> None:
    """Who passed the week, who failed, who waits for a mentor: the whole cohort, by name."""
    from .progress_report import names_of, outcome_lines
    for line in outcome_lines(layout.syllabus, report.week, report.results, names_of(layout)):
        print(line)


def _num(value) -> str:
    return "?" if value is None else f"{value:g}"


def _print_report(report) -> None:
    print(f"{report.week}: graded {len(report.graded)}, could not be graded {len(report.problems)}, "
          f"newly unlocked {len(report.unlocked)}, awaiting review {len(report.awaiting_review)}, "
          f"written answers to grade {len(report.to_review)}")
    for learner in report.graded:
        wp = report.results.get(learner)
        if wp:
            print(f"  {learner}: {wp.state.value} {_num(wp.score)}/{_num(wp.max_score)} "
                  f"(needed {_num(wp.needed)}; attempts left {wp.attempts_left})")
    for learner, notes in sorted(report.notes.items()):
        for note in notes:
            print(f"  {learner}: note: {note}")
    for learner, reason in sorted(report.duplicates.items()):
        print(f"  {learner}: {reason}")
    for learner, reason in sorted(report.problems.items()):
        print(f"  {learner}: could not be graded: {reason}")
    for learner, week in report.unlocked:
        print(f"  {learner}: {week} is now open")
    for learner in report.awaiting_review:
        print(f"  {learner}: the written answer decides; grade it in the formgrader, "
              f"then run `course feedback {report.week}`")
    if report.to_review:
        print(f"  written answers to grade: {', '.join(report.to_review)} "
              f"(formgrader in `course lab --mentor`, then `course feedback {report.week}`)")


def cmd_progress(layout: CourseLayout, args) -> int:
    from . import progress_report as report
    rows = report.learner_rows(layout, mentor=getattr(args, "mentor", None))   # course demo prints it too
    syllabus = layout.syllabus
    if args.format == "json":
        print(json.dumps(report.json_data(syllabus, rows), indent=1))
    elif args.format == "csv":
        print(report.csv_text(syllabus, rows), end="")
    else:
        print(report.table_text(syllabus, rows), end="")
    return 0


def acting_user() -> str:
    """Who runs the command: the hub user when on JupyterHub, else the computer's user."""
    import getpass
    try:
        return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def cmd_unlock(layout: CourseLayout, args) -> int:
    """Open a week for a known learner; say plainly when nothing changes (and record nothing)."""
    from .cohort import cohort
    from .grading import unlock
    from .roster import require_known
    from .scaffold import solo_learner
    from .storage import Ledger
    week = layout.syllabus.week(args.week)
    if not args.reason.strip():
        raise ValueError("Give a reason for the unlock (--reason TEXT); it is recorded.")
    ledger = Ledger(layout.db_url)
    try:
        name = require_known(ledger, args.learner, solo_learner(layout))
        before = cohort(layout, ledger).get(args.learner, {}).get(week.id)
    finally:
        ledger.close()
    who = f"{name} ({args.learner})" if name != args.learner else args.learner
    if before is not None and not before.needs_unlock:
        if before.state.value == "passed":
            print(f"{who} has already passed week {week.number}; nothing changed.")
        else:
            print(f"Week {week.number} is already open for {who} ({before.state.value.replace('_', ' ')}, "
                  f"{before.attempts_left} attempt(s) left); nothing changed.")
        return 0
    by = args.by or acting_user()
    wp = unlock(layout, args.learner, week.id, args.reason, by=by)
    print(f"Week {week.number} is now open for {who}, with {wp.attempts_left} attempt(s). "
          f"Recorded: \"{args.reason.strip()}\", by {by}.")
    return 0


def cmd_feedback(layout: CourseLayout, args) -> int:
    from .grading import refresh_feedback
    count, failed = refresh_feedback(layout, args.week)
    print(f"feedback for {args.week} released to {count} learner(s)")
    for learner, reason in sorted(failed.items()):
        print(f"  {learner}: no new feedback: {reason}")
    from .grading.run import deliver_certificate
    from .scaffold import solo_learner
    solo = solo_learner(layout)
    if solo and deliver_certificate(layout, solo, layout.workspace):
        print(f"  {solo}: course complete; certificate.pdf is in {layout.workspace}")
    return 0


def cmd_certificates(layout: CourseLayout, args) -> int:
    from .grading import certificate
    from .cohort import cohort
    from .storage import Ledger
    ledger = Ledger(layout.db_url)
    try:
        progress = cohort(layout, ledger)
        written, failed = certificate.issue_all(layout, ledger, progress, learners=args.learner or None)
        done = {c.learner: c for c in certificate.completions(layout, ledger, progress)}
    finally:
        ledger.close()
    for learner, path in sorted(written.items()):
        code = certificate.code_for(layout, learner, done[learner].completed)
        print(f"{learner}\t{done[learner].name}\t{code}\t{path}")
    for learner, why in sorted(failed.items()):
        print(f"{learner}: no certificate: {why}", file=sys.stderr)
    waiting = len(progress) - len(done)
    print(f"{len(written)} certificate(s) written in {layout.grading / 'certificates'}; "
          f"{waiting} learner(s) have not completed the course yet")
    return 1 if failed else 0


def cmd_verify(layout: CourseLayout, args) -> int:
    from .grading import certificate
    found = certificate.verify(layout, args.code)
    if found is None:
        print(f"NOT VALID: {args.code} was not issued by this course (check it is typed exactly as printed)")
        return 1
    print(f"VALID: a certificate of completion issued to learner {found.learner}, "
          f"who completed the course on {found.completed:%Y-%m-%d}")
    return 0


def cmd_roster(layout: CourseLayout, args) -> int:
    from .storage import Ledger
    from .roster import import_roster
    ledger = Ledger(layout.db_url)
    try:
        if args.learners_csv:
            result = import_roster(ledger, Path(args.learners_csv),
                                   Path(args.mentors) if args.mentors else None)
            print(f"imported {result.learners} learner(s) and {result.mentors} mentor(s); "
                  f"{len(result.assigned)} learner(s) given a mentor in balance")
        roster, mentors = ledger.roster(), ledger.mentors()
        counts = {m: sum(1 for r in roster.values() if r["mentor"] == m) for m in mentors}
        for m, n in sorted(counts.items()):
            print(f"  {m} ({mentors[m]['name']}): {n} learner(s)")
        if not args.learners_csv and not roster:
            print("No roster yet: `course roster LEARNERS.csv --mentors MENTORS.csv`")
    finally:
        ledger.close()
    return 0


def cmd_chat(layout: CourseLayout, args) -> int:
    """The live chats: add, list, remove, or write the calendar file (see course/chat_schedule.py)."""
    from . import chat_schedule as schedule
    if args.chat_command == "add":
        chat, warnings = schedule.add(layout, week=args.week, date=args.date, time=args.time,
                                      zone=args.zone or layout.syllabus.timezone,
                                      minutes=args.minutes, topic=args.topic, topic_ar=args.topic_ar,
                                      link=args.link, by=args.by or acting_user())
        print(f"added chat {chat.id}: {_chat_line(layout, chat)}")
        for warning in warnings:
            print(f"  note: {warning}")
        print("  learners see it on their home page; the calendar files are updated.")
    elif args.chat_command == "remove":
        chat = schedule.remove(layout, args.id)
        print(f"removed chat {chat.id}: {_chat_line(layout, chat)}; learners no longer see it.")
    elif args.chat_command == "ics":
        from .chat_calendar import calendar_bytes
        out = Path(args.out or f"live_chats.{args.language}.ics")
        out.write_bytes(calendar_bytes(layout, schedule.chats(layout), args.language))
        print(f"wrote {out} ({len(schedule.chats(layout))} chat(s)); import it into a calendar")
    else:
        chats = schedule.chats(layout)
        zone = layout.syllabus.timezone
        print(f"{len(chats)} live chat(s); times in the course's time zone ({zone}) and in UTC:")
        for chat in chats:
            print(f"  {chat.id:>3}  {_chat_line(layout, chat)}")
            if chat.link:
                print(f"       {chat.link}")
    return 0


def _chat_line(layout: CourseLayout, chat) -> str:
    import zoneinfo
    week = layout.syllabus.week(chat.week)
    there = chat.starts.astimezone(zoneinfo.ZoneInfo(layout.syllabus.timezone))
    planned = "" if chat.zone == layout.syllabus.timezone else f", planned in {chat.zone}"
    return (f"week {week.number}  {there:%a %Y-%m-%d %H:%M} ({chat.starts:%H:%M} UTC{planned}), "
            f"{chat.minutes} min: {chat.topic_en}")


def cmd_dashboard(layout: CourseLayout, args) -> int:
    from .mentor.data import DashboardError
    from .mentor.serve import serve
    try:
        return serve(layout, port=args.port, open_browser=not args.no_browser, language=args.language,
                     mentor=args.mentor or acting_user())
    except DashboardError as exc:
        print(f"course dashboard: {exc}", file=sys.stderr)
        return EXIT_ERROR


def cmd_demo(layout: CourseLayout, args) -> int:
    from .demo import run_demo
    run_demo(layout.root, learners=args.learners, out=sys.stdout)
    args.format = "table"
    return cmd_progress(CourseLayout.at(layout.root), args)


def cmd_check(layout: CourseLayout, args) -> int:
    if args.translations:
        return cmd_check_translations(layout, args)
    from .check import check
    results = check(layout, [args.week] if args.week else None)
    for r in results:
        print(f"{'OK  ' if r.ok else 'FAIL'} {r.week}")
        for line in r.passed:
            print(f"     ✔ {line}")
        for line in r.problems:
            print(f"     ✘ {line}")
        for line in r.notes:
            print(f"     · {line}")
    failed = [r.week for r in results if not r.ok]
    if failed:
        print(f"{len(failed)} week(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_check_translations(layout: CourseLayout, args) -> int:
    """Only the lessons' translation status, block by block; fails while a started translation is incomplete."""
    from .authoring.translation_status import report
    failed = 0
    for week in [args.week] if args.week else layout.syllabus.week_ids:
        problems, notes, details = report(layout, week)
        for line in [*problems, *notes]:
            print(line)
        for line in details:
            print(f"     {line}")
        failed += len(details)
    if failed:
        print(f"{failed} block(s) missing, stale or left over in started translations", file=sys.stderr)
        return 1
    return 0


def cmd_new_lesson(layout: CourseLayout, args) -> int:
    from .authoring.lesson_new import new_lesson
    path, steps = new_lesson(layout, args.week, args.name)
    print(f"wrote {path.relative_to(layout.root)} and added it to {args.week}'s lessons in the syllabus. Next:")
    for step in steps:
        print(f"  {step}")
    return 0


def cmd_hub(layout: CourseLayout, args) -> int:
    """A cohort's JupyterHub on this machine (course/hub/launcher.py), until Ctrl+C."""
    from .hub.accounts import AccountError
    from .hub.launcher import HubError, run
    try:
        return run(layout.root, port=args.port, course_account=args.course_account,
                   home_base=Path(args.home_base), learners_csv=args.learners, mentors_csv=args.mentors,
                   idle_timeout=args.idle_timeout, grading_workers=args.grading_workers)
    except (HubError, AccountError) as exc:
        print(f"course hub: {exc}", file=sys.stderr)
        return EXIT_ERROR


def cmd_build(layout: CourseLayout, args) -> int:
    from .authoring.assessment_build import write_week
    from .authoring.lesson_build import write_week_lessons
    for week in [args.week] if args.week else layout.syllabus.week_ids:
        built = write_week(layout, week)
        print(f"built {built.notebook_path.relative_to(layout.root)} and {built.key_path.relative_to(layout.root)}")
        for lesson in write_week_lessons(layout, week):
            print(f"built {lesson.path.relative_to(layout.root)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    root_help = "the course folder (default: this checkout, or $COURSE_ROOT)"
    parser = argparse.ArgumentParser(prog="course", description=__doc__.split("\n")[0])
    parser.add_argument("--root", help=root_help)
    # ``--root`` may also follow the command (``course demo --root DIR``); SUPPRESS keeps
    # a value given before the command when none is given after it.
    after_command = argparse.ArgumentParser(add_help=False)
    after_command.add_argument("--root", default=argparse.SUPPRESS, help=root_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[after_command])

    p = command("init", help="set up a course folder: release every week, prepare the solo learner")
    p.add_argument("--learner", help="the solo learner's id (default: your user name)")
    p.add_argument("--cohort", action="store_true", help="no solo learner workspace (cohort or hub)")
    p.add_argument("--language", choices=("en", "ar"), help="the solo learner's language (remembered)")
    p.set_defaults(func=cmd_init)

    p = command("lab", help="start JupyterLab on the learner's home page (or --mentor)")
    p.add_argument("--learner")
    p.add_argument("--mentor", action="store_true", help="the mentor's lab, with the formgrader")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true")
    p.add_argument("--language", choices=("en", "ar"),
                   help="the learner's language, remembered for the workspace (default: the remembered one, "
                        "else the roster's, else the syllabus's)")
    p.set_defaults(func=cmd_lab)

    p = command("release", help="release a week (default: all) to the exchange")
    p.add_argument("week", nargs="?")
    p.add_argument("--force", action="store_true", help="regenerate even if submissions exist")
    p.set_defaults(func=cmd_release)

    p = command("submit", help="submit a week from the learner's workspace and grade it")
    p.add_argument("week")
    p.add_argument("--learner")
    p.add_argument("--workspace", help="folder that holds the learner's week folders")
    p.set_defaults(func=cmd_submit)

    p = command("grade", help="collect and autograde every new submission of a week")
    p.add_argument("week")
    p.add_argument("--learner", action="append", help="only this learner (repeatable)")
    p.add_argument("--deliver-to", help="solo mode: fetch feedback and opened weeks into this folder")
    p.add_argument("--no-feedback", action="store_true",
                   help="record scores and open weeks now; make the feedback pages later with `course feedback`")
    p.add_argument("--forever", action="store_true",
                   help="hub mode (PostgreSQL): keep grading new submissions as a worker; start as many "
                        "workers as you like, on one machine or many")
    p.add_argument("--poll", type=float, default=10.0, metavar="SECONDS",
                   help="with --forever: how often to look for new submissions (default 10)")
    p.set_defaults(func=cmd_grade)

    p = command("progress", help="every learner's state per week, with name, mentor, attempts left and problems")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="csv: one column per fact (state, score, max score, attempts left), for spreadsheets")
    p.add_argument("--mentor", metavar="ID", help="only this mentor's learners")
    p.set_defaults(func=cmd_progress)

    p = command("unlock", help="open a week for a learner, with a recorded reason")
    p.add_argument("learner")
    p.add_argument("week")
    p.add_argument("--reason", required=True)
    p.add_argument("--by", help="who unlocks, recorded (default: the hub user, else your user name)")
    p.set_defaults(func=cmd_unlock)

    p = command("feedback", help="regenerate and release feedback for a week (after manual grading)")
    p.add_argument("week")
    p.set_defaults(func=cmd_feedback)

    p = command("certificates", help="write the certificate of every learner who completed the course")
    p.add_argument("--learner", action="append", help="only this learner (repeatable)")
    p.set_defaults(func=cmd_certificates)

    p = command("verify", help="check a certificate's verification code (offline, with this course's key)")
    p.add_argument("code")
    p.set_defaults(func=cmd_verify)

    p = command("roster", help="import learners (and mentors) from CSV, or show mentors' loads")
    p.add_argument("learners_csv", nargs="?", help="CSV with id, name, country, language, mentor")
    p.add_argument("--mentors", help="CSV with id, name, languages")
    p.set_defaults(func=cmd_roster)

    p = command("chat", help="the live chats learners see: add, list, remove, or write a calendar file")
    chat = p.add_subparsers(dest="chat_command", metavar="add|list|remove|ics")
    c = chat.add_parser("list", parents=[after_command], help="every scheduled chat, with its id")
    c = chat.add_parser("add", parents=[after_command], help="schedule a chat (learners see it at once, on their own clock)")
    c.add_argument("--week", required=True, help="the week it belongs to, e.g. week2_groups_pages")
    c.add_argument("--date", required=True, help="YYYY-MM-DD, e.g. 2026-12-16")
    c.add_argument("--time", required=True, help="HH:MM on a 24-hour clock, in --zone, e.g. 18:00")
    c.add_argument("--zone", help="the time zone of --time, e.g. Asia/Beirut (default: the course's)")
    c.add_argument("--minutes", type=int, default=60, help="how long it lasts (default 60)")
    c.add_argument("--topic", required=True, help="what it is about, in English")
    c.add_argument("--topic-ar", help="what it is about, in Arabic")
    c.add_argument("--link", help="where to join, e.g. https://meet.example.org/advocacy")
    c.add_argument("--by", help="who adds it, recorded (default: the hub user, else your user name)")
    c = chat.add_parser("remove", parents=[after_command], help="take a chat off the schedule")
    c.add_argument("id", type=int, help="its id, from `course chat list`")
    c = chat.add_parser("ics", parents=[after_command], help="write the chats as a calendar file (.ics) to import")
    c.add_argument("--out", help="the file to write (default: live_chats.LANGUAGE.ics here)")
    c.add_argument("--language", choices=("en", "ar"), default="en", help="the topics' language (default en)")
    p.set_defaults(func=cmd_chat, chat_command="list")

    p = command("dashboard", help="the mentors' dashboard of the cohort, in the browser (Voila)")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--no-browser", action="store_true")
    p.add_argument("--language", choices=["en", "ar"],
                   help="question titles in this language (default: the course's)")
    p.add_argument("--mentor", help="the mentor whose learners come first in the marking queue "
                                    "(default: your user name, when the roster has a mentor of that id)")
    p.set_defaults(func=cmd_dashboard)

    p = command("demo", help="run a simulated cohort through all four weeks in --root")
    p.add_argument("--learners", type=int, default=8)
    p.set_defaults(func=cmd_demo)

    p = command("build", help="write a week's (default: every week's) lesson notebooks from <week>/src/ and its "
                              "assessment notebook and answer key from grading/assessments/<week>.toml (maintainers)")
    p.add_argument("week", nargs="?")
    p.set_defaults(func=cmd_build)

    p = command("new-lesson", help="start a lesson: a source with front matter and an example exercise, "
                                   "listed in the week's lessons in the syllabus (authors)")
    p.add_argument("week")
    p.add_argument("name", help="lower-case words joined by _, e.g. page_insights")
    p.set_defaults(func=cmd_new_lesson)

    p = command("hub", help="run the cohort's JupyterHub on this machine (as root): sign-up approved by "
                            "mentors, each learner a Unix user, the exchange as a hub service")
    p.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default 8000)")
    p.add_argument("--course-account", default="course",
                   help="the Unix account that owns the course and runs its services (default: course)")
    p.add_argument("--home-base", default="/home", help="where learners' homes are made (default: /home)")
    p.add_argument("--learners", metavar="CSV", help="import this roster of learners first (as `course roster`)")
    p.add_argument("--mentors", metavar="CSV", help="with --learners: the mentors' CSV")
    p.add_argument("--idle-timeout", type=int, default=3600, metavar="SECONDS",
                   help="stop a lab left idle this long (default 3600)")
    p.add_argument("--grading-workers", action="store_true",
                   help="also run one grading worker per week (course grade WEEK --forever) as hub services")
    p.set_defaults(func=cmd_hub)

    p = command("check", help="prove every notebook runs and grades right (maintainers)")
    p.add_argument("week", nargs="?")
    p.add_argument("--translations", action="store_true",
                   help="only list the lessons' missing and stale translations, block by block (quick)")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _quiet()
    from .answer_key import AnswerKeyError
    from .authoring.declaration import DeclarationError
    from .errors import PipelineError
    from .roster import RosterError
    try:
        layout = CourseLayout.at(args.root)
        if args.command not in ("init", "demo", "hub"):
            layout.require()
        return args.func(layout, args)
    except (LayoutError, SyllabusError, PipelineError, AnswerKeyError, DeclarationError, RosterError,
            ValueError) as exc:
        print(f"course {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        if args.command in ("grade", "submit", "feedback", "demo"):
            print(f"course {args.command}: interrupted; nothing graded so far is lost. "
                  "Run the command again to finish.", file=sys.stderr)
        else:
            print(f"course {args.command}: stopped.", file=sys.stderr)
        return 130
