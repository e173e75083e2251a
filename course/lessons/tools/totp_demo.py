"""A two-step login demo with authenticator-app codes (TOTP), on :mod:`course.toolkit.twofactor`.

Two panels side by side in spirit: the *app* shows the 6-digit code of a
practice secret and the seconds it has left; the *website* asks for the code
and checks it. After a sign-in the demo says what a fake page could do with
the same code, which is why app codes are not phishing-resistant. The secret
is made fresh for each demo and is never a real account's.
"""
from __future__ import annotations

import html
import time
from collections.abc import Callable

import ipywidgets as w

from ...i18n import _
from ...toolkit.twofactor import current_code, demo_uri, new_demo_secret, verify
from ...widgets.base import button
from .base import Tool, block, code, live_region, status, text_box

STEP = 30   # seconds a code lasts


class TotpDemo(Tool):
    """``TotpDemo()``; tests pass ``secret=`` and ``clock=`` (seconds since 1970) to fix the time."""

    def __init__(self, secret: str | None = None, clock: Callable[[], float] = time.time):
        super().__init__()
        self.secret, self.clock = secret or new_demo_secret(), clock
        self.app = w.HTML(layout=w.Layout(width="auto"))
        self.refresh_button = button(_("tool.totp.refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.code_box = text_box(_("tool.totp.type_code"), "123456", wide=False)
        self.sign_in_button = button(_("tool.totp.sign_in"), icon="sign-in")
        self.sign_in_button.on_click(lambda _b: self.sign_in())
        self.result = live_region()
        secret_note = w.HTML(block(html.escape(_("tool.totp.secret_note")) +
                                   "<br>" + code(self.uri)))
        self._lay_out(_("tool.totp.title"), [
            w.HTML(block(f"<b>{html.escape(_('tool.totp.app'))}</b>")), self.app, self.refresh_button,
            w.HTML(block(f"<b>{html.escape(_('tool.totp.site'))}</b>")), self.code_box,
            self.sign_in_button, self.result, secret_note])
        self.refresh()

    @property
    def uri(self) -> str:
        """What the QR code of a real setup would contain (here for the practice secret)."""
        return demo_uri(self.secret)

    def code(self) -> str:
        return current_code(self.secret, self.clock())

    def seconds_left(self) -> int:
        return STEP - int(self.clock()) % STEP

    def refresh(self) -> str:
        """Show the app's current code; returns it."""
        now = self.code()
        self.app.value = status(f'<span style="font-size:160%;letter-spacing:.2em">{code(now[:3] + " " + now[3:])}'
                                f"</span> " + html.escape(_("tool.totp.left", seconds=self.seconds_left())))
        return now

    def sign_in(self) -> bool:
        """The website checks the code typed; True if it lets the learner in."""
        typed = self.code_box.value
        if not typed.strip():
            self.result.value = status("… " + html.escape(_("tool.totp.no_code")))
            return False
        ok = verify(self.secret, typed, self.clock())
        if ok:
            message = "✔ " + html.escape(_("tool.totp.accepted")) + "<br>" + html.escape(_("tool.totp.relay"))
        else:
            message = "✘ " + html.escape(_("tool.totp.rejected"))
        self.result.value = status(message)
        return ok
