"""Who may sign up and log in to the hub: NativeAuthenticator, kept to the roster, approved by a mentor.

A learner opens ``/hub/signup``, types their roster id and a password of their choosing, and waits:
a mentor (a hub admin) approves them at ``/hub/authorize``; then they log in at ``/hub/login``.
Mentors' own sign-ups need no approval.

NativeAuthenticator 1.3.0 (its latest release) does not work as it is with JupyterHub 6.1, which we
checked on a running hub: its login page's POST reads ``self.statsd``, which JupyterHub 5 removed, so
every login fails with an error 500 (and the error page fails too, its ``_render`` not taking
JupyterHub's ``sync`` argument). Sign-up, the approval page and its table work (the hub warns once
that ``Authenticator.db`` is deprecated). :class:`RosterLoginHandler` fixes both, so we keep
NativeAuthenticator: it is the authenticator the issue names, gives learners passwords with no
e-mail or outside service, and its approval page is what mentors need.

It also treats everyone in ``allowed_users`` as approved in advance, so a roster in ``allowed_users``
would let anyone who knows a learner's id sign up as them with no mentor in the loop. This subclass
keeps ``allowed_users`` (the roster: no one else can even sign up) and approves in advance only the
mentors (``admin_users``). A name not in the roster gets a plain sentence instead of the generic
"Something went wrong".

The way in from Moodle is LTI 1.3 (``jupyterhub-ltiauthenticator``'s ``LTI13Authenticator``, the
hub registered as an external tool): learners arrive signed in, with their Moodle user name; then
the roster ids must be those names. See README, hub mode.
"""
from __future__ import annotations

from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import LoginHandler, SignUpHandler
from tornado.escape import url_escape
from tornado.httputil import url_concat

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
        ours = {SignUpHandler: RosterSignUpHandler, LoginHandler: RosterLoginHandler}
        return [(path, ours.get(handler, handler)) for path, handler in super().get_handlers(app)]
