"""Who may sign up and log in to the hub: NativeAuthenticator, kept to the roster, approved by a mentor.

A learner opens ``/hub/signup``, types their roster id and a password of their choosing, and waits:
a mentor (a hub admin) approves them at ``/hub/authorize``; then they log in at ``/hub/login``.
Mentors' own sign-ups need no approval.

NativeAuthenticator 1.3.0 works with JupyterHub 6.1 (its handlers, templates and table load; the
hub warns once that ``Authenticator.db`` is deprecated), with one change of meaning: it treats
everyone in ``allowed_users`` as approved in advance, so a roster in ``allowed_users`` would let
anyone who knows a learner's id sign up as them, with no mentor in the loop. This subclass keeps
``allowed_users`` (the roster: no one else can even sign up) and approves in advance only the
mentors (``admin_users``). A name not in the roster gets a plain sentence instead of the generic
"Something went wrong".

The way in from Moodle is LTI 1.3 (``jupyterhub-ltiauthenticator``'s ``LTI13Authenticator``, the
hub registered as an external tool): learners arrive signed in, with their Moodle user name; then
the roster ids must be those names. See README, hub mode.
"""
from __future__ import annotations

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import SignUpHandler

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


class RosterAuthenticator(NativeAuthenticator):
    """NativeAuthenticator for a course: sign-up for roster names only, each approved by a mentor."""

    def in_roster(self, username: str) -> bool:
        return username in self.allowed_users or username in self.admin_users

    def get_authed_users(self):
        """Approved in advance: mentors only (not the whole roster, as NativeAuthenticator would)."""
        authed = {info.username for info in self._all_user_info() if info.is_authorized}
        return authed | set(self.admin_users)

    def _all_user_info(self):
        from nativeauthenticator.orm import UserInfo
        return UserInfo.all_users(self.db)

    def create_user(self, username, password, **kwargs):
        if not self.in_roster(self.normalize_username(username)):
            return None
        return super().create_user(username, password, **kwargs)

    def get_handlers(self, app):
        return [(path, RosterSignUpHandler if handler is SignUpHandler else handler)
                for path, handler in super().get_handlers(app)]
