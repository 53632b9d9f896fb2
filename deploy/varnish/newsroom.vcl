vcl 4.1;

# The front cache for the e-paper: Varnish in front of one or more app instances.
#
# - Reader pages (the same for every visitor) are cached whatever Cache-Control Next sends, for
#   READER_TTL; their cookies are dropped on the way in and out, so a cookie neither bypasses
#   nor splits the cache.
# - Public photo files are cached when the request carries no cookie (with one, the app may
#   answer from the session: pass). Files the app calls `private` or `no-store` are never kept.
# - Next's build files (/_next/static) are immutable: cached for as long as Next says.
# - The back office (/desk, /login), /api and every POST (Server Actions) go to the app untouched.
# - The app sends BAN after a publication, correction or withdrawal (lib/platform/front-cache.ts):
#   every cached reader page and photo file is dropped. Bans test only obj.* headers, so
#   Varnish's ban lurker clears old objects in the background instead of the ban list growing.
# - When no app instance is healthy, cached pages are served for up to GRACE_WHEN_SICK past
#   their TTL (a restart, a database outage) instead of an error.
#
# scripts/front-cache.mjs rewrites the part between the "generated" markers for a list of
# host:port backends and the addresses allowed to BAN; the rest is used as it stands.
#
# Why a long TTL is safe: every change readers can see calls refreshReaderPages(), which bans.
# What the TTL still bounds: anything that changes without a publication (the date in the
# masthead, a scheduled release whose ban failed because this cache was down). One hour.

import directors;
import std;

# BEGIN generated: backends and BAN sources (scripts/front-cache.mjs)
probe app_health {
    .url = "/api/health";
    .timeout = 2s;
    .interval = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

acl ban_sources {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
# END generated

sub vcl_recv {
    # x-kind is ours (reader, photo or static, stored on the object for bans): never the client's.
    unset req.http.x-kind;
    set req.backend_hint = app.backend();
    # Only the app (or an operator on this machine) may empty the cache. A request that came
    # through a proxy on this machine (nginx for TLS) carries its client's address in
    # X-Forwarded-For before ours: refused, else anyone on the internet would pass the ACL.
    if (req.method == "BAN") {
        if (!client.ip ~ ban_sources || req.http.X-Forwarded-For ~ ",") {
            return (synth(403, "Forbidden"));
        }
        # X-Ban-Url narrows the ban to addresses matching a regular expression; without it,
        # every reader page and photo file goes.
        if (req.http.X-Ban-Url) {
            if (!std.ban("obj.http.x-kind ~ ^(reader|photo)$ && obj.http.x-url ~ " + req.http.X-Ban-Url)) {
                return (synth(400, std.ban_error()));
            }
        } elsif (!std.ban("obj.http.x-kind ~ ^(reader|photo)$")) {
            return (synth(500, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    # Server Actions are POSTs naming the action; both rules send them on, with their cookies.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Next-Action) {
        return (pass);
    }

    if (req.url ~ "^/_next/static/") {
        set req.http.x-kind = "static";
    } elsif (req.url ~ "^/api/photos/[A-Za-z0-9_-]+/(w480|w960|w1600|original)(\?|$)") {
        # With a cookie the app may answer from the session (an unpublished photo, an original).
        if (req.http.Cookie || req.http.Authorization) {
            return (pass);
        }
        set req.http.x-kind = "photo";
    } elsif (req.url ~ "^/($|\?|(issues|stories|tags|calendar|authors|search|sitemaps)(/|\?|$)|(feed\.xml|sitemap\.xml|robots\.txt|icon\.svg|favicon\.ico)(\?|$))") {
        set req.http.x-kind = "reader";
    } else {
        # The back office, /api, and anything not named above: straight to the app.
        return (pass);
    }

    # Reader pages are the same for every visitor: the session cookie of a journalist reading
    # the paper must not make a private copy, nor reach the app.
    unset req.http.Cookie;
    unset req.http.Authorization;

    # Two copies of a page at most: gzip, as the app compressed it, and plain. varnishd runs with
    # http_gzip_support=off (scripts/front-cache.mjs), so it never unzips a page per request
    # for a client that cannot take gzip, nor zips one itself.
    if (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # A stale copy is served (while a fresh one is fetched) for a minute past its TTL when the
    # app is up, and for GRACE_WHEN_SICK when no instance answers its health check.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Stored on the object for bans (the app ignores the x-kind it is sent along with the fetch).
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-kind = bereq.http.x-kind;
    # Next 16 sends a page's redirect twice in its first (uncached) answer; clients that join
    # repeated headers would follow "a, a". One Location, as the app meant.
    if (beresp.http.Location) {
        std.collect(beresp.http.Location);
        set beresp.http.Location = regsub(beresp.http.Location, ",.*$", "");
    }

    # An app instance that fails: try another once (GET and HEAD only; a POST is not repeated).
    if (beresp.status >= 500 && bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # Errors are never kept; a background refresh that fails keeps the stale copy.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (beresp.http.x-kind == "reader") {
        unset beresp.http.Set-Cookie;
        if (beresp.status == 200) {
            set beresp.ttl = 1h;          # READER_TTL
        } elsif (beresp.status == 410) {
            set beresp.ttl = 60s;         # a withdrawn story
        } elsif (beresp.status == 404) {
            set beresp.ttl = 30s;
        } elsif (beresp.status == 301 || beresp.status == 302 || beresp.status == 307 || beresp.status == 308) {
            set beresp.ttl = 5m;
        } else {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        set beresp.grace = 6h;            # GRACE_WHEN_SICK
        return (deliver);
    }

    if (beresp.http.x-kind == "photo" || beresp.http.x-kind == "static") {
        # Kept only when the app says anyone may keep it: an unpublished photo is private.
        if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Cache-Control !~ "public") {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        set beresp.grace = 6h;
        return (deliver);
    }
    # Passed requests: as the app answered.
}

sub vcl_backend_fetch {
    # A save waits for the app as long as the app takes: a timeout here would be taken for a dead
    # instance and the save sent again to another (see vcl_backend_error).
    if (bereq.method != "GET" && bereq.method != "HEAD") {
        set bereq.first_byte_timeout = 300s;
    }
}

sub vcl_backend_error {
    # No instance answered (it died, or was stopped, before the probe noticed): try another once.
    # Also a save: the instance it was sent to never answered, and every save names the version it
    # was made on, so one that did arrive twice is refused as stale rather than applied twice.
    if (bereq.retries == 0) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    if (resp.http.x-kind == "reader") {
        unset resp.http.Set-Cookie;
        # Only this cache hears of publications: a cache past it (a CDN) keeping a page for Next's
        # s-maxage would show a withdrawn story for that long. Browsers ask again each time (a 304
        # when the page has not changed).
        if (resp.status == 200) {
            set resp.http.Cache-Control = "public, max-age=0, must-revalidate";
        }
    }
    unset resp.http.x-url;
    unset resp.http.x-kind;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    set resp.body = resp.reason;
    return (deliver);
}
