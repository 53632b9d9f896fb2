vcl 4.1;

# The front cache for the e-paper: Varnish in front of one or more app instances.
#
# - Reader pages (the same for every visitor) are cached whatever Cache-Control Next sends, for
#   READER_TTL; their cookies are dropped on the way in and out, so a cookie neither bypasses
#   nor splits the cache.
# - Next's router asks for a page's data (RSC payloads, prefetches) at the page's own address with
#   headers of its own. Those requests are kept apart from the page (their headers are part of the
#   key), never answered with a stored page nor stored as one, and no redirect they get is kept: a
#   reader must never be sent where one visitor's headers pointed (issue 17: a cached 307 to
#   ?_rsc made the front page a redirect loop for everyone).
# - Public photo files are cached when the request carries no cookie (with one, the app may
#   answer from the session: pass). Files the app calls `private` or `no-store` are never kept.
# - Next's build files (/_next/static) are immutable: cached for as long as Next says.
# - The back office (/desk, /login), /api and every POST (Server Actions) go to the app untouched.
# - Every kept answer carries keys (xkey) naming what it shows: the app's (x-reader-keys: the story,
#   issue, tag, author … its queries read) and those its address names. The app purges the keys of
#   what a publication, correction or withdrawal changed (lib/reader/purge.ts); the rest stays.
#   Only the app instances may purge: their addresses AND the installation's shared secret.
# - When no app instance is healthy, cached pages are served for up to GRACE_WHEN_SICK past
#   their TTL (a restart, a database outage) instead of an error.
#
# scripts/front-cache.mjs rewrites the part between the "generated" markers for a list of
# host:port backends, the addresses allowed to purge and the purge secret; the rest is used as it
# stands.
#
# Why a long TTL is safe: every change readers can see is purged by a job written in the same
# transaction as the change and retried until the purge is confirmed.

import directors;
import std;
import xkey;

# BEGIN generated: backends, purge sources and secret (scripts/front-cache.mjs)
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

acl purge_sources {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub newsroom_purge_check {
    if (client.ip !~ purge_sources) {
        return (synth(403, "Forbidden"));
    }
    return (synth(403, "Forbidden: no purge secret configured"));
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
# END generated

sub vcl_recv {
    # x-kind and x-router are ours (set below, stored on the object): never the client's.
    unset req.http.x-kind;
    unset req.http.x-router;
    set req.backend_hint = app.backend();
    # Only the app instances empty the cache, by the keys of what changed: the address and the
    # secret are checked (newsroom_purge_check), whatever the request's other headers say.
    if (req.method == "PURGE") {
        call newsroom_purge_check;
        if (!req.http.X-Purge-Keys) {
            return (synth(400, "X-Purge-Keys missing"));
        }
        set req.http.x-purged = xkey.purge(req.http.X-Purge-Keys);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method == "BAN") {
        return (synth(405, "Method Not Allowed"));
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
    } elsif (req.url ~ "^/issues/[0-9]{4}-[0-9]{2}-[0-9]{2}/(pages/[0-9]+/(pdf|picture/(thumb|large))|pdf)(\?|$)") {
        # A released page's files (PDF, pictures): the same for everyone, kept as the app says.
        unset req.http.Cookie;
        unset req.http.Authorization;
        set req.http.x-kind = "file";
    } elsif (req.url ~ "^/($|\?|(issues|stories|tags|calendar|authors|search|sitemaps)(/|\?|$)|(feed\.xml|sitemap\.xml|robots\.txt|icon\.svg|favicon\.ico)(\?|$))") {
        set req.http.x-kind = "reader";
    } else {
        # The back office, /api, and anything not named above: straight to the app.
        return (pass);
    }

    # A request of Next's router (a page's data, a prefetch): keyed by its headers too (vcl_hash).
    if (req.http.RSC || req.http.Next-Router-Prefetch || req.http.Next-Router-Segment-Prefetch || req.http.Next-Router-State-Tree || req.http.Next-Url || req.http.Next-Hmr-Refresh || req.url ~ "[?&]_rsc(=|&|$)") {
        set req.http.x-router = "1";
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

sub vcl_hash {
    # Next answers its router's requests by these headers (and checks _rsc against them): a page
    # and its data, or two visitors' different headers, never share a key. The built-in vcl_hash
    # adds the address and host after this.
    if (req.http.x-router) {
        hash_data("router");
        hash_data(req.http.RSC);
        hash_data(req.http.Next-Router-Prefetch);
        hash_data(req.http.Next-Router-Segment-Prefetch);
        hash_data(req.http.Next-Router-State-Tree);
        hash_data(req.http.Next-Url);
        hash_data(req.http.Next-Hmr-Refresh);
    }
}

sub vcl_backend_response {
    # Stored on the object for vcl_deliver (the app ignores the x-kind it is sent along with the fetch).
    set beresp.http.x-kind = bereq.http.x-kind;
    # Next 16 sends a page's redirect twice in its first (uncached) answer; clients that join
    # repeated headers would follow "a, a". One Location, as the app meant.
    if (beresp.http.Location) {
        std.collect(beresp.http.Location);
        set beresp.http.Location = regsub(beresp.http.Location, ",.*$", "");
    }
    # A withdrawn story: the page sends readers to its 410, which is fetched here and kept at the
    # story's own address, so readers (and search engines) get 410 Gone where the story was.
    if (bereq.http.x-kind == "reader" && !bereq.http.x-router && beresp.status == 307 && bereq.url ~ "^/stories/[A-Za-z0-9_-]+/?$" && beresp.http.Location ~ "^/stories/[A-Za-z0-9_-]+/withdrawn$" && bereq.retries == 0) {
        set bereq.url = beresp.http.Location;
        return (retry);
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
        # A router request keeps only a plain answer; and no answer sending anyone to ?_rsc is kept.
        if ((bereq.http.x-router && beresp.status != 200) || beresp.http.Location ~ "[?&]_rsc(=|&|$)") {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        if (beresp.status == 200) {
            set beresp.ttl = 1h;          # READER_TTL
        } elsif (beresp.status == 410) {
            set beresp.ttl = 1h;          # a withdrawn story (purged if it comes back)
        } elsif (beresp.status == 404) {
            set beresp.ttl = 30s;
        } elsif (beresp.status == 301 || beresp.status == 302 || beresp.status == 307 || beresp.status == 308) {
            set beresp.ttl = 5m;
        } else {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        call newsroom_keys;
        set beresp.grace = 6h;            # GRACE_WHEN_SICK
        return (deliver);
    }

    if (beresp.http.x-kind == "photo" || beresp.http.x-kind == "static" || beresp.http.x-kind == "file") {
        # Kept only when the app says anyone may keep it: an unpublished photo is private.
        if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Cache-Control !~ "public") {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        if (beresp.http.x-kind == "photo") {
            set beresp.http.xkey = "photo:" + regsub(bereq.url, "^/api/photos/([A-Za-z0-9_-]+)/.*$", "\1");
        }
        if (beresp.http.x-kind == "file") {
            # Dropped with the issue's pages: the bound issue grows when a back-issue page is added.
            set beresp.http.xkey = "issue:" + regsub(bereq.url, "^/issues/([0-9-]+)/.*$", "\1");
        }
        set beresp.grace = 6h;
        return (deliver);
    }
    # Passed requests: as the app answered.
}

# The keys a reader answer is purged by: every reader page's, the app's (what its queries read:
# x-reader-keys, lib/reader/keys.ts), and those its address names, which hold even for an answer
# the app rendered without its keys (a 404 for an issue not yet out).
sub newsroom_keys {
    set beresp.http.xkey = "reader";
    if (beresp.http.x-reader-keys) {
        set beresp.http.xkey = beresp.http.xkey + " " + beresp.http.x-reader-keys;
    }
    if (bereq.url ~ "^/stories/[A-Za-z0-9_-]+(/|\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " story:" + regsub(bereq.url, "^/stories/([A-Za-z0-9_-]+).*$", "\1");
    } elsif (bereq.url ~ "^/issues/[0-9]{4}-[0-9]{2}-[0-9]{2}(/|\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " issue:" + regsub(bereq.url, "^/issues/([0-9-]{10}).*$", "\1");
    } elsif (bereq.url ~ "^/($|\?)") {
        set beresp.http.xkey = beresp.http.xkey + " latest";
    } elsif (bereq.url ~ "^/calendar(/|\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " calendar";
    } elsif (bereq.url ~ "^/search(/|\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " search";
    } elsif (bereq.url ~ "^/tags/?(\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " tags";
    } elsif (bereq.url ~ "^/(sitemap\.xml|sitemaps/)") {
        set beresp.http.xkey = beresp.http.xkey + " sitemap";
    }
    if (bereq.url ~ "(^|/)feed\.xml(\?|$)") {
        set beresp.http.xkey = beresp.http.xkey + " feed";
    }
    unset beresp.http.x-reader-keys;
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
        # Only this cache hears of publications: a cache past it (a CDN) keeping an answer for
        # Next's s-maxage would show a withdrawn story, or a 404 for an issue just released, for
        # that long. Browsers and CDNs ask again each time (a 304 when the page has not changed).
        set resp.http.Cache-Control = "public, max-age=0, must-revalidate";
    }
    # Behind the TLS proxy every answer says the site is HTTPS only (browsers ignore it over http).
    if (req.http.X-Forwarded-Proto == "https") {
        set resp.http.Strict-Transport-Security = "max-age=63072000; includeSubDomains";
    }
    unset resp.http.xkey;
    unset resp.http.x-reader-keys;
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
