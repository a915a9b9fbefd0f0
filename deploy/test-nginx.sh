#!/usr/bin/env bash
# Tests the nginx recipe (deploy/nginx/) with a real nginx over a fresh build of the example site.
#
#   deploy/test-nginx.sh
#
# Builds the site in the repository root into a temporary folder, starts nginx on 127.0.0.1 (two
# free ports: the site and the example member system) with its own prefix, pid file and logs (no
# system configuration is read or changed), checks anonymous, member and path-traversal requests
# with curl, and stops nginx. The last line is 'N passed, M failed'; the exit status is non-zero
# when a check failed.
#
# Environment: KORTOMPEDIA (the kortompedia executable; default: built with `swift build`),
# NGINX_BIN (default: nginx on PATH, or /usr/sbin/nginx), KEEP=1 keeps the temporary folder.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nginx_bin="${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}"
# nginx reads inherited listening sockets from $NGINX (binary upgrades): never pass one on.
unset NGINX
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

for tool in curl "$nginx_bin"; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        fail "$tool is not installed"
        finish
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/kortompedia-nginx.XXXXXX")"
nginx_started=0
cleanup() {
    if [ "$nginx_started" = 1 ] && [ -f "$work/nginx.pid" ]; then
        kill -QUIT "$(cat "$work/nginx.pid")" 2> /dev/null
        for _ in $(seq 50); do [ -f "$work/nginx.pid" ] || break; sleep 0.1; done
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# nginx workers run as nobody when the master is root: they must be able to read the site.
chmod 755 "$work"

# 1. Build the example site.
kortompedia="${KORTOMPEDIA:-}"
if [ -z "$kortompedia" ]; then
    (cd "$repo" && swift build --product kortompedia > "$work/swift-build.log" 2>&1) || {
        cat "$work/swift-build.log"
        fail "swift build"
        finish
    }
    kortompedia="$(cd "$repo" && swift build --show-bin-path)/kortompedia"
fi
if "$kortompedia" build --root "$repo" --output "$work/site" --quiet > "$work/build.log" 2>&1; then
    pass "the example site builds"
else
    cat "$work/build.log"
    fail "the example site builds"
    finish
fi
chmod -R a+rX "$work/site"

# A members-only article: its public page is a teaser.
teaser="$(grep -l 'page-teaser' "$work"/site/public/kortompedia/*/index.html | sort | head -n 1)"
if [ -z "$teaser" ]; then
    fail "the example site has a members-only article"
    finish
fi
slug="$(basename "$(dirname "$teaser")")"
members_page="$work/site/members/kortompedia/$slug/index.html"
# A sentence of its body: the first paragraph of the prose, tags stripped.
secret="$(sed -n '/<div class="prose">/,/<\/div>/p' "$members_page" | grep -m 1 '<p>' | sed -e 's/<[^>]*>//g' -e 's/^ *//' | cut -c 1-60)"
login_url="$(grep -o '"loginURL": *"[^"]*"' "$repo/site.json" | sed 's/.*"\([^"]*\)"$/\1/')"
if [ -n "$secret" ] && ! grep -rqF -- "$secret" "$work/site/public"; then
    pass "members-only text of $slug is in members/ only"
else
    fail "members-only text of $slug is in members/ only ('$secret')"
fi

# 2. Credentials for the example member system.
password="geheim-$RANDOM$RANDOM"
if command -v htpasswd > /dev/null 2>&1; then
    htpasswd -bc "$work/leden.htpasswd" lid "$password" 2> /dev/null
else
    printf 'lid:%s\n' "$(openssl passwd -apr1 "$password")" > "$work/leden.htpasswd"
fi
chmod 644 "$work/leden.htpasswd"

# 3. Two free ports.
free_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            echo "$port"
            return
        fi
    done
    return 1
}
port="$(free_port)"
member_port="$(free_port)"
while [ "$member_port" = "$port" ]; do member_port="$(free_port)"; done

# 4. nginx.conf around the recipe, with every path in the temporary folder.
mkdir -p "$work/conf" "$work/logs"
sed -e "s|@SITE@|$work/site|g" -e "s|@LISTEN@|127.0.0.1:$port|g" \
    -e "s|@MEMBER_CHECK@|http://127.0.0.1:$member_port/controle|g" \
    "$repo/deploy/nginx/kortompedia.conf" > "$work/conf/kortompedia.conf"
sed -e "s|@MEMBER_LISTEN@|127.0.0.1:$member_port|g" -e "s|@HTPASSWD@|$work/leden.htpasswd|g" \
    "$repo/deploy/nginx/member-system-example.conf" > "$work/conf/member-system.conf"
mime_types=/etc/nginx/mime.types
cat > "$work/conf/nginx.conf" << EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 64; }
http {
    $( [ -f "$mime_types" ] && echo "include $mime_types;" )
    default_type application/octet-stream;
    access_log $work/logs/access.log;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/conf/kortompedia.conf;
    include $work/conf/member-system.conf;
}
EOF
mkdir -p "$work/tmp"

if "$nginx_bin" -p "$work" -c "$work/conf/nginx.conf" -t > "$work/logs/test.log" 2>&1; then
    pass "nginx accepts the configuration"
else
    cat "$work/logs/test.log"
    fail "nginx accepts the configuration"
    finish
fi
if "$nginx_bin" -p "$work" -c "$work/conf/nginx.conf" 2> "$work/logs/start.log"; then
    nginx_started=1
else
    cat "$work/logs/start.log"
    fail "nginx starts"
    finish
fi
for _ in $(seq 50); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
    sleep 0.1
done

base="http://127.0.0.1:$port"
# request NAME PATH [curl options]: fills $status, $headers (file) and $body (file).
request() {
    local path="$1"
    shift
    status="$(curl --silent --path-as-is --max-time 10 --output "$work/body" --dump-header "$work/headers" \
        --write-out '%{http_code}' "$@" "$base$path")"
    body="$work/body"
    headers="$work/headers"
}
has_header() { grep -qi "^$1:.*$2" "$headers"; }
member=(--user "lid:$password")

# 5. The checks.
request "/kortompedia/$slug/"
if [ "$status" = 200 ] && grep -q 'page-teaser' "$body" && grep -qF "href=\"$login_url\"" "$body"; then
    pass "public teaser: 200 with the login link"
else
    fail "public teaser: 200 with the login link (got $status)"
fi
if ! grep -qF -- "$secret" "$body"; then pass "public teaser: no members-only text"; else fail "public teaser: no members-only text"; fi

request "/leden/kortompedia/$slug/"
if [ "$status" = 401 ] || [ "$status" = 403 ]; then pass "anonymous members page: $status"; else fail "anonymous members page: 401 or 403 (got $status)"; fi
if ! grep -qF -- "$secret" "$body"; then pass "anonymous members page: no body"; else fail "anonymous members page: no body"; fi
if has_header X-Robots-Tag noindex; then pass "anonymous members page: X-Robots-Tag noindex"; else fail "anonymous members page: X-Robots-Tag noindex"; fi
if has_header WWW-Authenticate Basic; then pass "anonymous members page: password prompt"; else fail "anonymous members page: password prompt"; fi

request "/leden/kortompedia/$slug/" --user "lid:fout-$password"
if [ "$status" = 401 ] || [ "$status" = 403 ]; then pass "wrong password: $status"; else fail "wrong password: 401 or 403 (got $status)"; fi

request "/leden/kortompedia/$slug/" "${member[@]}"
if [ "$status" = 200 ] && grep -qF -- "$secret" "$body" && ! grep -q 'page-teaser' "$body"; then
    pass "member: 200 with the body"
else
    fail "member: 200 with the body (got $status)"
fi
if has_header X-Robots-Tag noindex; then pass "member page: X-Robots-Tag noindex"; else fail "member page: X-Robots-Tag noindex"; fi
if has_header Cache-Control private; then pass "member page: Cache-Control private"; else fail "member page: Cache-Control private"; fi

request "/leden/" "${member[@]}"
if [ "$status" = 200 ] && has_header X-Robots-Tag noindex; then pass "members home: 200, noindex"; else fail "members home: 200, noindex (got $status)"; fi
request "/leden/feed.xml"
if [ "$status" = 401 ] || [ "$status" = 403 ]; then pass "anonymous members feed: $status"; else fail "anonymous members feed: 401 or 403 (got $status)"; fi
request "/leden/zoeken/index/manifest.json"
if [ "$status" = 401 ] || [ "$status" = 403 ]; then pass "anonymous members search index: $status"; else fail "anonymous members search index: 401 or 403 (got $status)"; fi
request "/leden"
if [ "$status" = 301 ]; then pass "/leden redirects to /leden/"; else fail "/leden redirects to /leden/ (got $status)"; fi

request "/bestaat-niet/"
if [ "$status" = 404 ] && grep -q 'Pagina niet gevonden' "$body"; then pass "public 404 page"; else fail "public 404 page (got $status)"; fi
request "/leden/bestaat-niet/" "${member[@]}"
if [ "$status" = 404 ] && grep -q 'Pagina niet gevonden' "$body" && has_header X-Robots-Tag noindex && has_header Cache-Control private; then
    pass "members 404 page, noindex, private"
else
    fail "members 404 page, noindex, private (got $status)"
fi
if grep -q 'href="/leden/kortompedia/"' "$body" && grep -q 'action="/leden/zoeken/"' "$body" && ! grep -q 'href="/kortompedia/"' "$body"; then
    pass "members 404 page links into /leden/"
else
    fail "members 404 page links into /leden/"
fi
request "/leden/bestaat-niet/"
if [ "$status" = 401 ] || [ "$status" = 403 ]; then pass "anonymous members 404: $status (no hint what exists)"; else fail "anonymous members 404: 401 or 403 (got $status)"; fi

request "/assets/"
if [ "$status" != 200 ] && ! grep -q 'Index of' "$body"; then pass "no directory listing (public, $status)"; else fail "no directory listing (public, got $status)"; fi
request "/leden/assets/" "${member[@]}"
if [ "$status" != 200 ] && ! grep -q 'Index of' "$body"; then pass "no directory listing (members, $status)"; else fail "no directory listing (members, got $status)"; fi

# Path traversal, with and without credentials: never the members body, never a file outside.
traversals=(
    "/../members/kortompedia/$slug/index.html"
    "/%2e%2e/members/kortompedia/$slug/index.html"
    "/%2E%2E/%2E%2E/etc/passwd"
    "/kortompedia/../../members/kortompedia/$slug/index.html"
    "/kortompedia/%2e%2e/%2e%2e/members/kortompedia/$slug/index.html"
    "/leden/../members/kortompedia/$slug/index.html"
    "/leden/..%2fmembers/kortompedia/$slug/index.html"
    "/leden/%2e%2e/%2e%2e/members/kortompedia/$slug/index.html"
    "/leden../members/kortompedia/$slug/index.html"
    "/leden..%2fmembers/kortompedia/$slug/index.html"
    "/members/kortompedia/$slug/index.html"
    "/..%2f..%2f..%2fetc/passwd"
    "/leden/..%2f..%2f..%2fetc/passwd"
    "/kortompedia/$slug/..%2f..%2f..%2fmembers/kortompedia/$slug/index.html"
    "/leden/kortompedia/$slug/%2e%2e%2f%2e%2e%2f%2e%2e%2fpublic/index.html"
    "/.staging-public/index.html"
    "/%5c..%5cmembers/kortompedia/$slug/index.html"
)
for path in "${traversals[@]}"; do
    for who in anonymous member; do
        if [ "$who" = member ]; then request "$path" "${member[@]}"; else request "$path"; fi
        leaked=0
        grep -qF -- "$secret" "$body" && leaked=1
        grep -q 'root:x:0:0' "$body" && leaked=1
        # Only a member may see members pages, and only under /leden/.
        if [ "$leaked" = 1 ] && ! { [ "$who" = member ] && [[ "$path" == /leden/kortompedia/* ]]; }; then
            fail "traversal $path ($who): $status with sensitive content"
        else
            pass "traversal $path ($who): $status, nothing sensitive"
        fi
    done
done

# 6. Stop nginx.
kill -QUIT "$(cat "$work/nginx.pid")" 2> /dev/null
for _ in $(seq 50); do [ -f "$work/nginx.pid" ] || break; sleep 0.1; done
if [ ! -f "$work/nginx.pid" ]; then
    nginx_started=0
    pass "nginx stops"
else
    fail "nginx stops"
fi
if grep -q '\[emerg\]\|\[crit\]' "$work/logs/error.log" 2> /dev/null; then
    grep '\[emerg\]\|\[crit\]' "$work/logs/error.log"
    fail "no critical errors in the nginx log"
else
    pass "no critical errors in the nginx log"
fi
finish
