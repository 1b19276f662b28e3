"""
The reporters' and editors' workflow in the article admin: "Artikel saya",
buttons that name the move, editorial notes, the pre-publish check, the
default byline and the admin search. A nested app (label `workflow`) for the
notes' table; articles/admin.py hooks the rest in through WorkflowAdminMixin.
"""
