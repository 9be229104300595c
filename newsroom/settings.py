"""Settings for the newsroom CMS.

One module for every machine: whatever differs between a laptop, CI and production
is read from the environment (or a local `.env`) through django-environ. Every
variable is listed with a harmless development value in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # real environment variables win

# Used only when DJANGO_SECRET_KEY is unset; `check --deploy` refuses it in production.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, for absolute links in feeds, sitemaps and JSON-LD.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Outgoing email as one URL (EMAIL_BACKEND, EMAIL_HOST, port, user, password, TLS):
# printed to the console in development, the local mail server otherwise unless
# production names its own, e.g. smtp+tls://user:password@mail.example.org:587.
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
# Seconds to wait for the mail server: workflow notifications are sent while the editor's
# request finishes, so a server that hangs must not hold it for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "csp",
    "axes",
    "newsroom.tags_app.TagsAppConfig",  # django-taggit, headed "Tags" in the admin
    "reversion",
    "content_editor",
    "django_prose_editor",
    "ninja",  # the content API's docs page and its static files (served locally, no CDN)
    "sections",
    "media_library",
    "authors",
    "articles",
    "demo",
    "importers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # 301 from imported WordPress addresses; only looks at requests that would 404.
    "importers.middleware.OldWordPressAddressMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "newsroom.context_processors.newsroom",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# Production keeps each worker's connection for a minute: opening one costs a PostgreSQL
# backend fork, more than an uncached article page takes. Before reuse a connection is
# checked, so a database restart needs no application restart. The development server
# starts a thread per request, so there it is one connection per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The few queries every cache miss runs (dbtools.prepared) are prepared on the server,
# once per connection. A connection pooler in transaction mode cannot keep prepared
# statements: set this to false behind one.
PREPARED_QUERIES_ON_SERVER = env.bool("PREPARED_QUERIES_ON_SERVER", default=True)
if PREPARED_QUERIES_ON_SERVER and "postgresql" in DATABASES["default"]["ENGINE"]:
    # psycopg prepares nothing while its threshold is unset (Django's default); with it
    # set, only what asks to be prepared is: Django's own cursors bind on the client.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "prepare_threshold", 1_000_000
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down must mean "uncached", not "error": see newsroom/cache.py.
    CACHES["default"]["BACKEND"] = "newsroom.cache.DegradingRedisCache"
# Public pages: how long browsers (max-age) and shared caches/CDNs (s-maxage) may keep
# them, and how long the page cache keeps a rendered page for anonymous readers.
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=60)
PUBLIC_CACHE_S_MAXAGE = env.int("PUBLIC_CACHE_S_MAXAGE", default=300)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The article change form: a draft's unsaved typing is autosaved this often (and when a
# field loses focus), and someone who has the form open is announced to others until
# this many seconds after the page's last heartbeat (it beats three times per period).
AUTOSAVE_SECONDS = env.int("AUTOSAVE_SECONDS", default=30)
PRESENCE_TTL_SECONDS = env.int("PRESENCE_TTL_SECONDS", default=45)
# HTTP caches (Varnish with xkey) to purge by surrogate key when published content
# changes: a list of addresses answering `PURGE` with an `xkey-purge` header. Empty for
# `make run`, where only the in-Django page cache above is used.
HTTP_CACHE_PURGE_URLS = env.list("HTTP_CACHE_PURGE_URLS", default=[])

# django-axes first: it refuses a locked-out account or address before any password check.
# It needs the request, so code that signs in calls authenticate(request=..., ...).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: after AXES_FAILURE_LIMIT failed logins in a row for one account, or
# from one address, logins are refused for AXES_COOLOFF_MINUTES (articles/admin/lockout.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "articles.admin.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "articles.admin.lockout.client_address"
AXES_HTTP_RESPONSE_CODE = 429

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The newsroom's language: the site's `lang`, feeds, the News sitemap and JSON-LD all read it.
LANGUAGE_CODE = NEWSROOM_LANGUAGE = env("NEWSROOM_LANGUAGE", default="en")
TIME_ZONE = env("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
# One date style for the desk ("1 Dec 2026, 14:30"), shown and typed: newsroom/formats/.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "static/"
# Where collectstatic gathers files for the front server (nginx) to serve.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Photos and renditions in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2...) instead of
# MEDIA_ROOT when MEDIA_S3_BUCKET is set: every application server then sees the same files.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("MEDIA_S3_REGION", default="") or None,
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # A CDN or public host name in front of the bucket, e.g. media.example.org
            "custom_domain": env("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            # Photos are public: plain URLs that caches can keep, never signed ones.
            "querystring_auth": False,
            # A new file gets a new name, so a stored name always means the same bytes.
            "file_overwrite": False,
            # "public-read" where the bucket uses ACLs; unset where a bucket policy
            # makes objects public (the default for new AWS buckets).
            "default_acl": env("MEDIA_S3_DEFAULT_ACL", default="") or None,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }
# Tests and the development server serve static files straight from the apps.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security switches: on unless the development server says otherwise.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off by default: TLS usually ends at the proxy, which redirects; production sets it to true.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool(
    "DJANGO_SECURE_COOKIES", default=not DEBUG
)
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preload lists are hard to leave (browsers ship them for months), so joining one is an
# explicit decision of whoever owns the domain, never a default.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# `check --deploy` recommends preloading; without the opt-in that advice is noise.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The listing indexes INCLUDE `trashed_at` for index-only counts on PostgreSQL; SQLite
# (development) builds them without it, which changes nothing there but speed.
SILENCED_SYSTEM_CHECKS += ["models.W040"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; Django 5.2 has none of its own). Pages, the admin,
# its rich-text editor and the focal point picker load scripts, styles, fonts and images
# from this site only and run no inline script or style. Photos served from another
# origin (a CDN, S3) are listed in CSP_MEDIA_ORIGINS; CSP_REPORT_URI collects violations.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE: the editors' import map (articles/templatetags/csp_media.py).
        "script-src": ["'self'", NONCE],
        # The two <style> elements the admin's editors write from their scripts, allowed
        # by hash (exact content): Tiptap's base CSS in django-prose-editor 0.28.0 and
        # django-content-editor 9.1.0's region CSS. A new version of either changes its
        # hash; tests/browser/test_content_security_policy.py then names the new one.
        "style-src": [
            "'self'",
            "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",
            "'sha256-iQkg4CW9pkVM9zuO+Zu+xOrTcRsfEQ3Ic342wxe/yik='",
        ],
        "img-src": ["'self'", "data:", *env.list("CSP_MEDIA_ORIGINS", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # This site (the draft preview pane beside the editor) and the embedded players,
        # loaded only after the reader's click: exactly the providers articles/embeds.py
        # allows (PLAYER_ORIGINS; tests/articles/test_embeds.py holds the two together).
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://platform.twitter.com",
            "https://embed.bsky.app",
            "https://mastodon.social",
            "https://mastodon.online",
            "https://mstdn.social",
            "https://journa.host",
            "https://mastodon.world",
            "https://datawrapper.dwcdn.net",
            "https://embed.documentcloud.org",
        ],
    }
}
if env("CSP_REPORT_URI", default=""):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [env("CSP_REPORT_URI")]

# The body editor's "Link to one of our stories" button (articles/links.py): a module the
# rich-text editor loads when a field enables ArticleLink. Its links are ordinary <a>
# elements, so the sanitiser needs nothing more than the Link extension allows.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/admin/article_link.js")],
        "extensions": {"ArticleLink": html_tags([])},
    }
]

# Content API (/api/v1/): requests per address without a key, and per partner key.
API_ANONYMOUS_RATE = env("API_ANONYMOUS_RATE", default="60/m")
API_PARTNER_RATE = env("API_PARTNER_RATE", default="600/m")
# How many proxies in front of Django append to X-Forwarded-For; 0 trusts only the
# connection's own address, so a client cannot pick its rate-limit bucket.
NINJA_NUM_PROXIES = env.int("API_TRUSTED_PROXIES", default=0)

# The publication's name, in one place: masthead, admin, feeds, sitemaps, JSON-LD and demo.
NEWSROOM_NAME = env("NEWSROOM_NAME", default="The Meridian Ledger")

# Photo upload limits (the media library refuses anything larger).
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_BYTES", default=40 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=100_000_000)
# PNG, WebP and AVIF are decoded whole (4 bytes a pixel): 40 MP is 160 MB per upload.
PHOTO_MAX_DECODED_PIXELS = env.int("PHOTO_MAX_DECODED_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env("DJANGO_LOG_LEVEL", default="WARNING"),
    },
}
