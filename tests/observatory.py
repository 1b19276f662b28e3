"""
The Mozilla (MDN) HTTP Observatory's grading rules, applied to one response
and the redirect chain to it, so a test can grade our headers offline.

Scores follow the Observatory's table: start at 100, add each test's
modifier; bonuses count only when the penalties alone leave 90 or more.
Grades: 100+ A+, 90 A, 85 A-, 80 B+, 70 B, 65 B-, 60 C+, 50 C, 45 C-, 40 D+,
30 D, 25 D-, below F. HSTS preload-list membership cannot be known offline
and earns no bonus here (so real scans can only score higher).
"""

import re
from dataclasses import dataclass, field

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCE_OR_HASH = ("'nonce-", "'sha256-", "'sha384-", "'sha512-")
GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C"),
          (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")]


@dataclass
class Report:
    results: dict = field(default_factory=dict)  # test name -> (expectation, modifier)

    def add(self, test, expectation, modifier):
        self.results[test] = (expectation, modifier)

    @property
    def score(self):
        penalties = 100 + sum(m for _e, m in self.results.values() if m < 0)
        if penalties < 90:
            return max(penalties, 0)
        return 100 + sum(m for _e, m in self.results.values())

    @property
    def grade(self):
        rounded = min(self.score - self.score % 5, 100)
        return next(grade for floor, grade in GRADES if rounded >= floor)


def parse_csp(value):
    policy = {}
    for directive in filter(None, (part.strip() for part in value.split(";"))):
        name, *sources = directive.split()
        policy.setdefault(name.lower(), set(sources))
    return policy


def grade_csp(headers, https):
    value = headers.get("Content-Security-Policy")
    if not value:
        return "csp-not-implemented", -25
    csp = parse_csp(value)
    script = set(csp.get("script-src") or csp.get("default-src") or {"*"})
    style = set(csp.get("style-src") or csp.get("default-src") or {"*"})
    objects = csp.get("object-src") or csp.get("default-src") or {"*"}
    for sources in (script, style):
        if any(s.startswith(NONCE_OR_HASH) for s in sources):
            sources.discard("'unsafe-inline'")
    if script & (BROAD | UNSAFE_INLINE) or objects & BROAD:
        return "csp-implemented-with-unsafe-inline", -20
    every_source = [s for sources in csp.values() for s in sources]
    if https and any(s.startswith(("http:", "ftp:")) for s in every_source):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval", -10
    if style & (BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if csp.get("default-src") == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def grade_cookies(cookies, hsts):
    """cookies: http.cookies.SimpleCookie of what the response set."""
    if not cookies:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies.items():
        session = bool(re.search(r"sess|login|auth", name, re.I))
        samesite = (morsel["samesite"] or "").lower()
        if samesite and samesite not in ("strict", "lax"):
            return "cookies-samesite-flag-invalid", -20
        if session and not morsel["httponly"]:
            return "cookies-session-without-httponly-flag", -30
        if not morsel["secure"]:
            if session:
                return ("cookies-session-without-secure-flag-but-protected-by-hsts", -10) if hsts else ("cookies-session-without-secure-flag", -40)
            return ("cookies-without-secure-flag-but-protected-by-hsts", -5) if hsts else ("cookies-without-secure-flag", -20)
        if not samesite:
            if "csrf" in name.lower():
                return "cookies-anticsrf-without-samesite-flag", -20
            worst = ("cookies-secure-with-httponly-sessions", 0)
    return worst


def grade_hsts(headers, https):
    if not https:
        return "hsts-not-implemented-no-https", -20
    value = headers.get("Strict-Transport-Security")
    if not value:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=(\d+)", value, re.I)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < 15_768_000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def grade_sri(headers, body):
    if not headers.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    scripts = re.findall(r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"' >]+)", body, re.I)
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [src for src in scripts if src.startswith(("http:", "https:", "//"))]
    if any(src.startswith(("http:", "//")) for src in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if external:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def grade_frame_options(headers):
    csp = parse_csp(headers.get("Content-Security-Policy", ""))
    ancestors = csp.get("frame-ancestors")
    if ancestors is not None and not ancestors & BROAD:
        return "x-frame-options-implemented-via-csp", 5
    value = headers.get("X-Frame-Options", "").strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny", 0
    return ("x-frame-options-not-implemented", -20) if not value else ("x-frame-options-header-invalid", -20)


def grade_referrer(headers):
    value = headers.get("Referrer-Policy")
    if not value:
        return "referrer-policy-not-implemented", 0
    last = value.split(",")[-1].strip().lower()
    if last in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"):
        return "referrer-policy-private", 5
    if last in ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"):
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


def grade_corp(headers):
    value = headers.get("Cross-Origin-Resource-Policy", "").strip().lower()
    if not value:
        return "corp-not-implemented", 0
    return {"same-origin": ("corp-implemented-with-same-origin", 10), "same-site": ("corp-implemented-with-same-site", 10),
            "cross-origin": ("corp-implemented-with-cross-origin", 0)}.get(value, ("corp-header-invalid", -5))


def grade_cors(headers):
    origin = headers.get("Access-Control-Allow-Origin")
    if not origin:
        return "cross-origin-resource-sharing-not-implemented", 0
    if origin.strip() != "*" and headers.get("Access-Control-Allow-Credentials", "").lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-implemented-with-public-access", 0


def grade_redirection(http_redirect_location, https_host):
    """http_redirect_location: where plain http:// for the same host sends the browser (None: no redirect)."""
    if not http_redirect_location:
        return "redirection-missing", -20
    if not http_redirect_location.startswith(f"https://{https_host}"):
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def grade(headers, body, cookies, *, https, host, http_redirect_location):
    report = Report()
    hsts = https and bool(headers.get("Strict-Transport-Security"))
    report.add("content-security-policy", *grade_csp(headers, https))
    report.add("cookies", *grade_cookies(cookies, hsts))
    report.add("cross-origin-resource-sharing", *grade_cors(headers))
    report.add("redirection", *grade_redirection(http_redirect_location, host))
    report.add("referrer-policy", *grade_referrer(headers))
    report.add("strict-transport-security", *grade_hsts(headers, https))
    report.add("subresource-integrity", *grade_sri(headers, body))
    nosniff = headers.get("X-Content-Type-Options", "").strip().lower() == "nosniff"
    report.add("x-content-type-options", *(("x-content-type-options-nosniff", 0) if nosniff else ("x-content-type-options-not-implemented", -5)))
    report.add("x-frame-options", *grade_frame_options(headers))
    report.add("cross-origin-resource-policy", *grade_corp(headers))
    return report
