"""Hub mode: a cohort on JupyterHub, each learner a Unix user of their own.

- ``launcher.py``          ``course hub --root DIR``: prepares everything and runs JupyterHub in the foreground;
- ``hub_config.py``        the JupyterHub configuration of a course root (the only place hub settings live);
- ``authenticator.py``     sign-up with a password for roster names, approved by a mentor;
- ``singleuser.py``        how a learner's or a mentor's server is started;
- ``accounts.py``          Unix accounts from the roster (learners, mentors, the course account);
- ``database.py``          a local PostgreSQL for a one-machine hub (Unix socket only);
- ``exchange_service.py``  the exchange as a hub service (runs as the course account);
- ``exchange_client.py``   nbgrader's exchange classes of a learner's server, talking to that service.
"""
