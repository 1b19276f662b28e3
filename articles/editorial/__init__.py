"""
Editorial safety: version-checked saves, revisions and their history,
presence on the change form, shareable preview links and the safer
withdraw and delete controls. A nested app (label `editorial`).
"""
