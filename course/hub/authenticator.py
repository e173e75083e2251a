"""Who may sign up and log in to the hub: NativeAuthenticator, kept to the roster, approved by a mentor.

A learner opens ``/hub/signup``, types their roster id and a password of their choosing, and waits:
a mentor (a hub admin) approves them at ``/hub/authorize``; then they log in at ``/hub/login``.
Mentors never sign up: when the hub starts, each mentor without an account gets one, approved, with a
first password written to ``mentor_passwords_file`` (root's alone) for the organiser to hand over; the
mentor then chooses their own at ``/hub/change-password``. Were mentors' sign-ups approved in advance,
anyone who knew a mentor's roster id could sign up first and become a hub administrator.

NativeAuthenticator 1.3.0 (its latest release) does not work as it is with JupyterHub 6.1, which we
checked on a running hub: its login page's POST reads ``self.statsd``, which JupyterHub 5 removed, so
every login fails with an error 500 (and the error page fails too, its ``_render`` not taking
JupyterHub's ``sync`` argument). Sign-up, the approval page and its table work (the hub warns once
that ``Authenticator.db`` is deprecated). :class:`RosterLoginHandler` fixes both, so we keep
NativeAuthenticator: it is the authenticator the issue names, gives learners passwords with no
e-mail or outside service, and its approval page is what mentors need.

It also treats everyone in ``allowed_users`` and ``admin_users`` as approved in advance, so a roster
in ``allowed_users`` would let anyone who knows a learner's id sign up as them with no mentor in the
loop. This subclass keeps ``allowed_users`` (the roster: no one else can even sign up) and approves
no one in advance. A name not in the roster gets a plain sentence instead of the generic
"Something went wrong".

The way in from Moodle is LTI 1.3 (``jupyterhub-ltiauthenticator``'s ``LTI13Authenticator``, the
hub registered as an external tool): learners arrive signed in, with their Moodle user name; then
the roster ids must be those names. See README, hub mode.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import LoginHandler, SignUpHandler
from tornado.escape import url_escape
from tornado.httputil import url_concat
from traitlets import Unicode

NOT_IN_ROSTER = ("This name is not on the course's list. Sign up with the id your mentor gave you "
                 "(in lower case), or ask your mentor to add you.")
WAIT_FOR_MENTOR = ("Thank you: your account is made. A mentor will approve it; then log in with "
                   "this name and password.")


class RosterSignUpHandler(SignUpHandler):
    """``/hub/signup``, saying plainly when a name is not in the roster or when to wait."""

    def get_result_message(self, user, assume_user_is_human, username_already_taken,
                           confirmation_matches, user_is_admin):
        alert, message = super().get_result_message(user, assume_user_is_human, username_already_taken,
                                                    confirmation_matches, user_is_admin)
        name = self.authenticator.normalize_username(self.get_body_argument("username", "", strip=True))
        if user is None and not self.authenticator.in_roster(name):
            return "alert-danger", NOT_IN_ROSTER
        if user is not None and alert == "alert-info":
            return alert, WAIT_FOR_MENTOR
        return alert, message


class _NoTimer:
    """Stands in for the statsd client JupyterHub 5 removed (NativeAuthenticator 1.3 still times logins)."""

    def timer(self, name):
        return self

    def start(self):
        return self

    def stop(self, send=True):
        return None


class RosterLoginHandler(LoginHandler):
    """``/hub/login`` of NativeAuthenticator, working on JupyterHub 6."""

    statsd = _NoTimer()

    def _render(self, login_error=None, username=None, **kwargs):
        return self.render_template(
            "native-login.html",
            sync=kwargs.get("sync", False),
            next=url_escape(self.get_argument("next", default="")),
            username=username,
            login_error=login_error,
            custom_html=self.authenticator.custom_html,
            login_url=self.settings["login_url"],
            enable_signup=self.authenticator.enable_signup,
            two_factor_auth=self.authenticator.allow_2fa,
            authenticator_login_url=url_concat(self.authenticator.login_url(self.hub.base_url),
                                               {"next": self.get_argument("next", "")}),
        )


class RosterAuthenticator(NativeAuthenticator):
    """NativeAuthenticator for a course: sign-up for roster names only, each approved by a mentor."""

    mentor_passwords_file = Unicode(
        "", config=True,
        help="where each new mentor account's first password is written (one 'id password' line each; "
             "0600). Empty: mentors get no account here.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.mentor_passwords_file:
            self.make_mentor_accounts(Path(self.mentor_passwords_file))

    def make_mentor_accounts(self, passwords: Path) -> list[str]:
        """An approved account, with a first password written to ``passwords``, for each mentor who has none."""
        made = []
        for name in sorted(self.admin_users):
            if self.user_exists(name):
                continue
            password = secrets.token_urlsafe(12)
            if super().create_user(name, password, is_authorized=True) is None:
                self.log.error("No account could be made for mentor %s", name)
                continue
            fd = os.open(passwords, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(f"{name} {password}\n")
            os.chmod(passwords, 0o600)
            made.append(name)
        return made

    def in_roster(self, username: str) -> bool:
        return username in self.allowed_users or username in self.admin_users

    def get_authed_users(self):
        """Approved: those a mentor approved (no one in advance, as NativeAuthenticator would the roster)."""
        return {info.username for info in self._all_user_info() if info.is_authorized}

    def _all_user_info(self):
        from nativeauthenticator.orm import UserInfo
        return UserInfo.all_users(self.db)

    def create_user(self, username, password, **kwargs):
        if not self.in_roster(self.normalize_username(username)):
            return None
        return super().create_user(username, password, **kwargs)

    def get_handlers(self, app):
        ours = {SignUpHandler: RosterSignUpHandler, LoginHandler: RosterLoginHandler}
        return [(path, ours.get(handler, handler)) for path, handler in super().get_handlers(app)]
