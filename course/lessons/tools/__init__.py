"""Interactive helpers that lessons show next to the exercises.

Each is an ipywidgets box built on a :mod:`course.toolkit` module: type
something, see at once what the toolkit makes of it. They check nothing and
save nothing: what a learner types stays in the widget and is never written
to a file, printed or sent anywhere.
"""
from __future__ import annotations

from ..lazy import lazy_exports

#: Which module defines each tool; a tool is imported only when first used.
_MODULE_OF = {
    "HashtagChecker": "hashtag_checker", "PostChecker": "hashtag_checker",
    "LinkChecker": "link_checker", "PhishingMessage": "link_checker",
    "PasswordMeter": "password_meter", "QueryBuilder": "query_builder",
    "ThreatModel": "threat_model", "TotpDemo": "totp_demo",
    "HeadlineChecker": "headline_checker", "TrackingLinkBuilder": "link_builder",
    "ObjectiveChecker": "objective_checker",
    "ThreadSplitter": "thread_splitter", "UploadChecker": "upload_checker",
    "RumourTriage": "rumour_triage",
    "ContentPlanner": "content_planner", "PageAccessAuditor": "page_access_auditor",
    "CommentSorter": "comment_sorter",
}

__all__ = ["QueryBuilder", "HashtagChecker", "PostChecker", "PasswordMeter", "TotpDemo",
           "LinkChecker", "PhishingMessage", "ThreatModel", "ThreadSplitter", "UploadChecker", "RumourTriage",
           "HeadlineChecker", "TrackingLinkBuilder", "ObjectiveChecker",
           "ContentPlanner", "PageAccessAuditor", "CommentSorter"]

__getattr__, __dir__ = lazy_exports(__name__, _MODULE_OF, globals())
