"""
{% memo "name" value ... [depends=generation] %}…{% endmemo %}: a fragment
of a reader page that many pages share (the menu, the footer, the breaking
bar, the "Most read" block), kept as rendered HTML under the page cache's
stamps (memo.py), so a page that is not in the page cache does not render
it again. The values after the name are whatever else the fragment shows
(the section the menu marks as current); the language is always part of the
key. `depends` names a generation besides ``lists`` the fragment shows
(``popular``, an article's own); when it comes out empty (a draft's related
stories, which no generation follows) the fragment is rendered every time,
as it is with PAGE_CACHE off.

Only what every visitor sees alike may go inside: nothing from the user,
the session, the CSRF token or the request's query string.
"""

from django import template
from django.conf import settings
from django.utils import translation

from ..memo import memoised

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist, name, vary_on, depends):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.depends = depends

    def render(self, context):
        if not settings.PAGE_CACHE:
            return self.nodelist.render(context)
        values = [str(value.resolve(context)) for value in (self.name, *self.vary_on)]
        depends = tuple(dependency.resolve(context) for dependency in self.depends)
        if not all(depends):
            return self.nodelist.render(context)
        key = ":".join(["fragment", translation.get_language() or "", *values])
        return memoised(context.get("request"), key, lambda: self.nodelist.render(context), depends=depends)


@register.tag
def memo(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% memo %} needs a name for the fragment.")
    depends = [parser.compile_filter(bit.removeprefix("depends=")) for bit in bits if bit.startswith("depends=")]
    values = [parser.compile_filter(bit) for bit in bits if not bit.startswith("depends=")]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values[0], values[1:], depends)
