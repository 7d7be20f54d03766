"""Every sentence and label, in English and Dutch, made from the facts analyses return.

Analyses return numbers and ``facts`` (plain dicts and frames); the modules here turn them into
words, in one place per topic (`shadowing.wording.hotspots`).
"""
