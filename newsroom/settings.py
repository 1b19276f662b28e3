"""
Settings for Newsroom, in one file, read from the environment.

Every value a deployer may change comes from an environment variable (or a
`.env` file beside manage.py) with a default that is safe: with nothing set,
Newsroom runs on SQLite with a local-memory cache and refuses to start without
a SECRET_KEY unless DEBUG is on. README.md lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.caches import tune as tune_cache
from newsroom.databases import tune as tune_database
from newsroom.headers import content_security_policy
from newsroom.logging import configuration as logging_configuration

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Optional: without the check django-environ logs on every start that it is missing.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

# A missing or short key in production would make sessions and signed
# preview links forgeable, so refuse to start rather than warn.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off. Generate one with: "
        "python -c \"import secrets; print(secrets.token_urlsafe(50))\""
    )
if not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key"

# The outlet's public address, used wherever an absolute URL is needed
# (feeds, sitemaps, canonical links), and its name (sign-off, titles).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Wartakum News")
# The masthead logo and the square icon (favicon, share-image fallback, logo
# in structured data), as paths among the static files.
# How long a shareable preview link of an unpublished article keeps working.
PREVIEW_LINK_HOURS = env.int("PREVIEW_LINK_HOURS", default=48)
# Article revisions kept per article by `thin_revisions` besides the first
# and every published state (those are kept forever).
REVISIONS_KEEP = env.int("REVISIONS_KEEP", default=50)
SITE_LOGO = env.str("SITE_LOGO", default="img/logo.svg")
SITE_ICON = env.str("SITE_ICON", default="img/icon.png")
# Final lines of wire copy that are a sign-off, not body text (import_articles
# drops them; SITE_NAME always counts). Agencies sign with their own names.
WIRE_SIGNOFFS = env.list("WIRE_SIGNOFFS", default=[SITE_NAME])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so runserver serves static files as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # One site: contrib.redirects is the table of old addresses (written
    # through articles.press.redirects), contrib.flatpages the editors'
    # static pages (Redaksi, Pedoman Media Siber, ...).
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.flatpages",
    "articles",
    "articles.audit",
    "articles.search",
    "articles.wire",
    # Pictures: processing, renditions, the image library (articles/media/).
    "articles.media",
    # After contrib.redirects: its admin replaces that app's Redirect admin.
    "articles.press",
    # Revisions of articles (django-reversion), with our history on top.
    "reversion",
    "articles.editorial",
    "articles.desk",
    "articles.popular",
    "articles.pagecache",
    "articles.workflow",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Only for its tables' migrations: recovery codes made before they were
    # hashed lived there, and accounts' migration 0002 moved them out.
    "django_otp.plugins.otp_static",
    "articles.wordpress",
    "articles.accounts",
    # The body editor and the blocks inside bodies (articles/blocks/), on
    # django-prose-editor's Tiptap build (its static files only).
    "articles.blocks",
    "django_prose_editor",
]
SITE_ID = 1

MIDDLEWARE = [
    # First, so every log record and response of a request carries its id.
    "newsroom.middleware.RequestIdMiddleware",
    # Second: a cached page is stored with the headers of everything below
    # (security headers, CSP) and answered without running any of it; what
    # the middleware below would refuse or redirect never meets the cache.
    # Before sessions and authentication: it serves only requests without
    # session or CSRF cookies. It takes a page slot (capacity.py) itself.
    "articles.pagecache.middleware.PageCacheMiddleware",
    # Before anything reads the client's address (throttling, audit, logs).
    "newsroom.proxy.ForwardedClientAddressMiddleware",
    # Oversized bodies and NUL characters refused before anything reads them.
    "newsroom.requests.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A login that would be refused (slowed or locked) is answered before it
    # takes a page's thread or opens a session: a guessing flood stays cheap.
    "articles.accounts.throttle.LoginThrottleMiddleware",
    # After static files: pages may not take the last thread (capacity.py).
    # Cached pages take a slot too, in the page cache above: with the
    # local-memory cache their stamps are read from the database, which may
    # be the thing that hangs.
    "newsroom.capacity.PageSlotMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "articles.accounts.middleware.AccountSecurityMiddleware",
    "articles.accounts.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a refused locked login into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
    # WordPress's /?p=123 addresses reach the front page, a 200, never a 404.
    "articles.wordpress.middleware.WordPressQueryAddressMiddleware",
    # Last, so they see the final 404: an editor's page at that address
    # first (flatpages, listed last as it handles the response first), then
    # 301 for an old address, or 410 for a story taken down.
    "articles.press.middleware.OldAddressMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]

# Threads per gunicorn worker, set by newsroom/gunicorn.py for its workers;
# pages may use all but one of them (newsroom/capacity.py). 0: no limit.
WEB_THREADS = env.int("WEB_THREADS", default=0)
# How long a page may wait for a page thread before it is refused with 503:
# long enough to ride out a burst, short of what a reader would notice.
PAGE_SLOT_WAIT = env.float("PAGE_SLOT_WAIT", default=0.25)

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "articles.context_processors.site",
                "articles.desk.context_processors.breaking_news",
            ],
        },
    },
]


# --- Data -------------------------------------------------------------------

# SQLite under var/ unless DATABASE_URL points elsewhere (postgres://...).
VAR_DIR = BASE_DIR / "var"
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"),
}
# Time limits, so a database that is down or stuck fails a request instead
# of hanging it: seconds to connect, and seconds any one statement may run
# (0: no limit; manage.py sets 0 unless given, as migrations and index
# builds may run long). /healthz has its own, shorter limit.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=20)
HEALTHZ_TIMEOUT = env.float("HEALTHZ_TIMEOUT", default=2)
# Connections are kept between requests (SQLite too: opening one and setting
# its pragmas was a tenth of an uncached page's cost).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# PostgreSQL: the time limits above and health checks; SQLite: WAL and
# IMMEDIATE transactions, and var/ made on a fresh clone (newsroom/databases.py).
tune_database(DATABASES["default"], connect_timeout=DATABASE_CONNECT_TIMEOUT, statement_timeout=DATABASE_STATEMENT_TIMEOUT)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory unless CACHE_URL names Redis (redis://127.0.0.1:6379/1).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsroom")}
# Redis: our backend and time limits (CACHE_TIMEOUT seconds); local memory:
# room for a small site's pages (newsroom/caches.py).
tune_cache(CACHES["default"], timeout=env.float("CACHE_TIMEOUT", default=0.25))

# Reader pages served from the cache above, never stale (articles/pagecache/).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# A CDN or Varnish in front that accepts PURGE with surrogate keys; only
# with one set do pages allow shared caches to keep them (see README).
PAGE_CACHE_PURGE_URL = env.str("PAGE_CACHE_PURGE_URL", default="")
PAGE_CACHE_PURGE_TIMEOUT = env.float("PAGE_CACHE_PURGE_TIMEOUT", default=2.0)

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
# Let Django serve MEDIA_ROOT itself with DEBUG off: for a one-machine trial
# and the Lighthouse run; a real site lets the web server or object storage do it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# MEDIA_STORAGE=s3 keeps uploads on S3-compatible object storage through
# django-storages (pip install "django-storages[s3]"); every file goes
# through STORAGES["default"], so nothing else changes. See README, Pictures.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Hashed, compressed file names only outside DEBUG: they need collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_BUCKET"),
            "region_name": env.str("MEDIA_REGION", default=None),
            "endpoint_url": env.str("MEDIA_ENDPOINT_URL", default=None),
            "custom_domain": env.str("MEDIA_CUSTOM_DOMAIN", default=None),
            # Pictures are public; unsigned URLs can be cached by browsers and CDNs.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Uploads above this are refused by the image validator too; keeping Django's
# in-memory limit lower means big files spool to disk instead of RAM.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request body larger than this is refused by its Content-Length before it
# is read (newsroom/requests.py): the largest image plus the form around it.
MAX_REQUEST_BODY = env.int("MAX_REQUEST_BODY", default=12 * 1024 * 1024)


# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="id")
LANGUAGES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Django's own date output (the admin) in the pages' pattern (articles/dates.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]


# --- Accounts ---------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # A newsroom login publishes under the outlet's name: 12 characters at least.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: a locked user name or address is refused before the
# next backend hashes a password (articles/accounts/throttle.py).
AUTHENTICATION_BACKENDS = [
    "articles.accounts.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCK_MINUTES", default=15))
# Before the lock, failures are slowed: from the third on, the next attempt
# waits 1 s, 2 s, 4 s ... (at most a minute) after the last one. A guess that
# comes too early is refused unhashed; nobody's worker sleeps.
LOGIN_SLOW_AFTER = env.int("LOGIN_SLOW_AFTER", default=3)
LOGIN_SLOW_MAX_SECONDS = env.int("LOGIN_SLOW_MAX_SECONDS", default=60)
AXES_HANDLER = "articles.accounts.throttle.LoginThrottleHandler"
# Passwords a gunicorn worker checks at once; more concurrent logins are
# asked to retry, so guessers cannot take the threads kept for pages.
LOGIN_CHECKS_PER_WORKER = env.int("LOGIN_CHECKS_PER_WORKER", default=1)
# The user name and the client address are each locked on their own: a
# guesser spreading over many accounts is stopped by address, a botnet
# guessing one account by user name.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "articles.accounts.throttle.lockout_response"
AXES_USERNAME_CALLABLE = "articles.accounts.throttle.username_for_throttling"
AXES_RESET_ON_SUCCESS = True
# Successful logins are in the audit log already.
AXES_DISABLE_ACCESS_LOG = True
# Our own admin for lockouts (articles/accounts/lockouts.py) replaces axes'.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Behind N proxies that append to X-Forwarded-For, the client address is
# the N-th from the right (newsroom/proxy.py); 0 ignores the header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (articles/accounts/twofactor.py): required for
# superusers, Editors and Chief editors; this makes it required for everyone.
TWO_FACTOR_REQUIRED_FOR_ALL = env.bool("TWO_FACTOR_REQUIRED_FOR_ALL", default=False)
# Only the test suite turns enforcement off, for tests about other things.
TWO_FACTOR_ENFORCED = True
# The demo accounts of load_demo skip the second step, and only with DEBUG on.
TWO_FACTOR_DEMO_EXEMPT = ["reporter", "editor", "pemred"]
OTP_TOTP_ISSUER = SITE_NAME

# Staff sessions end after a working day without activity and are kept when
# the browser closes. A signed-in request pushes the expiry forward, writing
# the session at most once a minute, not on every request: concurrent writes
# of one session (a page and its scripts' requests) fail on SQLite
# (articles/accounts/sessions.py).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_HOURS", default=9) * 3600
SESSION_REFRESH_SECONDS = 60
LOGIN_URL = "admin:login"


# --- Security ---------------------------------------------------------------

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# An https SITE_URL means the site is served over TLS: lock cookies and
# transport to it. Each can still be overridden on its own.
_HTTPS = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_HTTPS and not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if _HTTPS and not DEBUG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_HTTPS)
# Preload is a commitment to HTTPS for the whole domain; it is the default
# for an https SITE_URL so `check --deploy` is clean. Set it to 0 to opt out.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_HTTPS and not DEBUG)
# Load balancers probe /healthz over plain HTTP; a redirect is not an answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Lax keeps a reader's link from another site working while refusing
# cross-site POSTs; the session and CSRF cookies never reach scripts.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
# One strict Content-Security-Policy for every page (newsroom/headers.py
# says what it allows and why); Permissions-Policy and Cross-Origin-Resource-
# Policy come from newsroom.headers.SecurityHeadersMiddleware.
SECURE_CSP = content_security_policy(SITE_URL, MEDIA_URL, STATIC_URL)


# --- Logging ----------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# JSON lines on standard output for the log collector (newsroom/logging.py);
# LOG_FORMAT=plain gives one readable line per record for development.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
# Management commands log to standard error (manage.py sets it): their
# standard output is a contract with operators' scripts. The web server
# keeps standard output, one stream with gunicorn's own lines.
LOG_STREAM = env.str("LOG_STREAM", default="stdout")
if LOG_STREAM not in ("stdout", "stderr"):
    raise ImproperlyConfigured(f"LOG_STREAM must be stdout or stderr, not {LOG_STREAM!r}.")

LOGGING = logging_configuration(LOG_LEVEL, LOG_FORMAT, LOG_STREAM)
