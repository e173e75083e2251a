"""Interactive helpers that lessons show next to the exercises.

Each is an ipywidgets box built on a :mod:`course.toolkit` module: type
something, see at once what the toolkit makes of it. They check nothing and
save nothing: what a learner types stays in the widget and is never written
to a file, printed or sent anywhere.
"""
from .hashtag_checker import HashtagChecker, PostChecker
from .link_checker import LinkChecker, PhishingMessage
from .password_meter import PasswordMeter
from .query_builder import QueryBuilder
from .threat_model import ThreatModel
from .totp_demo import TotpDemo

__all__ = ["QueryBuilder", "HashtagChecker", "PostChecker", "PasswordMeter", "TotpDemo",
           "LinkChecker", "PhishingMessage", "ThreatModel"]
