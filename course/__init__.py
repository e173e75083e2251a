"""Social Media for Advocacy: the course engine and the learner-side library."""
__version__ = "0.1.0"
