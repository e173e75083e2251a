"""Helpers that lessons and exercise widgets use: search queries, hashtags,
post length, threads of posts, YouTube upload details, rumour triage,
passwords, links and two-factor codes.

Every helper returns a small frozen result object; none of them prints.
"""
