# Varnish in front of Newsroom (Debian: apt-get install varnish varnish-modules).
#     varnishd -a :80 -f /path/to/newsroom/varnish.vcl -s malloc,256m
# and PAGE_CACHE_PURGE_URL=http://127.0.0.1:80/ in the site's environment.
# Pages say how long Varnish may keep them (s-maxage) and name their
# generations in an xkey header; after every committed change the site sends
# one PURGE with the changed keys, which drops exactly the pages that showed
# them (README, "The page cache"). tests/test_varnish.py runs this file.
vcl 4.1;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge)));
    }
    # Staff and anyone who logged in go straight to the site, never cached.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Other cookies (a language choice is the only one readers get) stay: the
    # site varies on Cookie, and its own cache key includes the language.
    if (req.http.Authorization) {
        return (pass);
    }
}
