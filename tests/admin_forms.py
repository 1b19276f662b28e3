"""Submitting an admin form over HTTP as a browser would: every field the page renders, then our changes."""

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, {}
        self.select, self.options, self.textarea = None, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and name:
            self.select = name
            self.options[name] = []
            self.fields.setdefault(name, [])
        elif tag == "option" and self.select:
            self.options[self.select].append(a.get("value", ""))
            if "selected" in a:
                self.fields[self.select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.textarea:
                self.fields[self.textarea][0] = self.fields[self.textarea][0].removeprefix("\n")
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside = False


def read_form(html, form_id=None):
    """(fields, options) of the form: fields as name -> list of values, options as select name -> values."""
    reader = _FormReader(form_id)
    reader.feed(html)
    fields = {name: values if len(values) != 1 else values[0] for name, values in reader.fields.items()}
    return fields, reader.options


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""
