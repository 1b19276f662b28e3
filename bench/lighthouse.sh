#!/usr/bin/env bash
# Lighthouse scores (mobile profile) for the front page and an article page,
# measured against a production-like server: DEBUG off, collectstatic,
# whitenoise with hashed names, gunicorn, demo content in a throwaway SQLite
# database under var/lighthouse/. Prints the four category scores per page
# and exits 1 when any is below LIGHTHOUSE_MIN (default 95).
#
# Needs Debian's Chromium (installed here with apt-get when missing and run
# as root) and Node.js with npm.
# Lighthouse itself is installed from npm into var/lighthouse/node_modules on
# the first run; it drives the installed Chromium and never downloads one.
#
# Usage: make lighthouse   (or bench/lighthouse.sh; LIGHTHOUSE_PORT=8765)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${LIGHTHOUSE_PORT:-8765}
MIN_SCORE=${LIGHTHOUSE_MIN:-95}
CHROME=${CHROME_PATH:-/usr/bin/chromium}
# The last major release that runs on the Node.js 20 these machines have.
LIGHTHOUSE_VERSION=12.8.2
WORK=$PWD/var/lighthouse
PY=$PWD/.venv/bin/python

if [ ! -x "$CHROME" ] && [ "$CHROME" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's Chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$CHROME" ]; then
  echo "Lighthouse needs Chromium at $CHROME: apt-get install -y chromium (or set CHROME_PATH)." >&2
  exit 2
fi
if ! command -v npm >/dev/null; then
  echo "Lighthouse needs Node.js and npm." >&2
  exit 2
fi

mkdir -p "$WORK"
if [ ! -x "$WORK/node_modules/.bin/lighthouse" ]; then
  echo "Installing lighthouse@$LIGHTHOUSE_VERSION into $WORK/node_modules"
  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
    npm install --prefix "$WORK" --no-audit --no-fund --no-save --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

# Production settings, local addresses, throwaway data.
export DEBUG=0
export SECRET_KEY="lighthouse-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DATABASE_URL="sqlite:///$WORK/site.sqlite3"
export STATIC_ROOT="$WORK/static"
export MEDIA_ROOT="$WORK/media"
export SITE_URL="http://127.0.0.1:$PORT"
export ALLOWED_HOSTS=127.0.0.1
export LOG_LEVEL=WARNING
# The demo's lead images are generated 4000x3000 photos with renditions,
# served by the same gunicorn (no web server in front here).
export SERVE_MEDIA=1
rm -f "$WORK"/site.sqlite3*
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo --force -v 0
"$PY" manage.py load_demo_photos --force -v 0
"$PY" manage.py collectstatic --noinput -v 0

"$PWD/.venv/bin/gunicorn" -c python:newsroom.gunicorn newsroom.wsgi --bind "127.0.0.1:$PORT" --workers 2 --no-control-socket &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.2
done

ARTICLE=$("$PY" manage.py shell -v 0 -c "from articles.models import Article; print(Article.objects.published().first().get_absolute_url())")
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

status=0
for entry in "front:/" "article:$ARTICLE"; do
  name=${entry%%:*}
  url="http://127.0.0.1:$PORT${entry#*:}"
  CHROME_PATH="$CHROME" "$WORK/node_modules/.bin/lighthouse" "$url" \
    --quiet --chrome-flags="$CHROME_FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$WORK/$name"
  "$PY" - "$WORK/$name.report.json" "$name" "$url" "$MIN_SCORE" <<'EOF' || status=1
import json, sys

report_path, name, url, minimum = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
report = json.load(open(report_path))
scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
print(f"{name:8} {url}")
print("         " + "  ".join(f"{key} {score}" for key, score in scores.items()))
failing = [key for key, score in scores.items() if score < minimum]
for key in failing:
    for ref in report["categories"][key]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"           {key}: {audit['title']} ({audit.get('displayValue', audit['score'])})")
sys.exit(1 if failing else 0)
EOF
done
echo "Full reports: $WORK/front.report.html and $WORK/article.report.html"
exit $status
