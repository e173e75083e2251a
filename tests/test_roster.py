"""Importing a cohort's roster: balance, clear errors with row numbers, nothing half-imported."""
from collections import Counter

import pytest

from course.storage import Ledger
from course.roster import RosterError, assign_mentors, import_roster

MENTORS = "id,name,languages\nm_rima,Rima,ar en\nm_sami,Sami,ar\nm_john,John,en\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ledger(tmp_path):
    led = Ledger(f"sqlite:///{tmp_path / 'gb.db'}")
    yield led
    led.close()


def test_66_learners_are_balanced_across_mentors(tmp_path, ledger):
    """Do 66 learners with no mentor given end up with 22 each, Arabic speakers with Arabic-speaking mentors?"""
    rows = ["id,name,country,language,mentor"] + [
        f"l{i:02d},Learner {i},{'Jordan' if i % 2 else 'Egypt'},{'ar' if i < 44 else 'en'}," for i in range(66)]
    result = import_roster(ledger, write(tmp_path, "l.csv", "\n".join(rows)), write(tmp_path, "m.csv", MENTORS))
    assert result.learners == 66 and result.mentors == 3
    loads = Counter(r["mentor"] for r in ledger.roster().values())
    assert sorted(loads.values()) == [22, 22, 22]
    for lid, r in ledger.roster().items():
        if r["language"] == "ar":
            assert r["mentor"] in ("m_rima", "m_sami"), lid


def test_given_mentor_is_kept_and_counts_toward_balance():
    """Is a mentor named in the CSV kept, and counted when balancing the others?"""
    mentors = {"a": {"languages": "en"}, "b": {"languages": "en"}}
    learners = [{"id": "x", "language": "en", "mentor": "a"}, {"id": "y", "language": "en", "mentor": ""}]
    assert assign_mentors(learners, mentors) == {"y": "b"}


def test_bad_rows_are_all_reported_with_row_numbers_and_nothing_imported(tmp_path, ledger):
    """Does a file with a duplicate, an unknown mentor and a bad row list each by row, and import nothing?"""
    text = ("id,name,country,language,mentor\n"
            "amal,Amal,Syria,ar,m_rima\n"
            "amal,Amal again,Syria,ar,\n"
            "bad id,Bad,Iraq,ar,\n"
            "nour,,Yemen,fr,m_nobody\n")
    with pytest.raises(RosterError) as err:
        import_roster(ledger, write(tmp_path, "l.csv", text), write(tmp_path, "m.csv", MENTORS))
    message = str(err.value)
    assert "nothing was imported" in message
    assert "row 3: learner 'amal' is listed twice (first on row 2)" in message
    assert "row 4: id 'bad id' may only use" in message
    assert "row 5: the name is empty" in message and "row 5: language 'fr'" in message
    assert "row 5: mentor 'm_nobody' is not in the mentors list" in message
    assert ledger.roster() == {} and ledger.mentors() == {}


def test_missing_columns_and_wrong_encoding_are_explained(tmp_path, ledger):
    """Are a missing column and a non-UTF-8 file explained in plain words?"""
    with pytest.raises(RosterError, match="the header lacks language, mentor"):
        import_roster(ledger, write(tmp_path, "l.csv", "id,name,country\na,A,Iraq\n"))
    path = tmp_path / "latin.csv"
    path.write_bytes("id,name,country,language,mentor\nz,Zoé,Tunisie,en,\n".encode("latin-1"))
    with pytest.raises(RosterError, match="not UTF-8"):
        import_roster(ledger, path)


def test_importing_again_updates_instead_of_duplicating(tmp_path, ledger):
    """Does importing the same roster twice leave one row per learner, with the change applied?"""
    m = write(tmp_path, "m.csv", MENTORS)
    import_roster(ledger, write(tmp_path, "l.csv", "id,name,country,language,mentor\nhadi,Hadi,Lebanon,ar,\n"), m)
    import_roster(ledger, write(tmp_path, "l.csv", "id,name,country,language,mentor\nhadi,Hadi K.,Lebanon,ar,m_sami\n"), m)
    roster = ledger.roster()
    assert list(roster) == ["hadi"] and roster["hadi"]["name"] == "Hadi K." and roster["hadi"]["mentor"] == "m_sami"


def test_a_mentors_contact_reaches_their_learners_gate(tmp_path, ledger):
    """Does the optional contact column of mentors.csv travel, with the learner's name, into what their home reads?"""
    from course.grading.publish import people_of
    mentors = "id,name,languages,contact\nm_rima,Rima Khalil,ar en,rima@example.org\nm_sami,Sami,ar,\n"
    learners = "id,name,country,language,mentor\nl01,Hala Nasser,Jordan,ar,m_rima\nl02,Omar,Egypt,ar,m_sami\n"
    import_roster(ledger, write(tmp_path, "l.csv", learners), write(tmp_path, "m.csv", mentors))
    roster, known = ledger.roster(), ledger.mentors()
    assert people_of(roster, known, "l01") == {"name": "Hala Nasser",
                                              "mentor": {"name": "Rima Khalil", "contact": "rima@example.org"}}
    assert people_of(roster, known, "l02") == {"name": "Omar", "mentor": {"name": "Sami"}}
    assert people_of(roster, known, "stranger") == {"name": None, "mentor": {}}
    # the old three-column file still imports, and leaves the contact as it was
    import_roster(ledger, write(tmp_path, "l.csv", learners), write(tmp_path, "m2.csv", MENTORS))
    assert ledger.mentors()["m_rima"]["contact"] == "rima@example.org"
    assert ledger.mentors()["m_john"]["contact"] == ""
