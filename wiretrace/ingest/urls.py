"""URL normalisation for article ids and the outlet a URL names.

Invariants: :func:`normalise_url` never raises (an unparsable URL comes back stripped); :func:`host_of`
is lower-case without a leading ``www.``, or None.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING_PARAM = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The URL's host, lower-cased, without a leading ``www.``; None when it has none."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def normalise_url(url: str) -> str:
    """The URL as used for ids: scheme, ``www.``, default port, fragment, tracking parameters and a
    trailing slash dropped; host lower-cased. ``HTTPS://www.X.com/a/?utm_source=y#c`` -> ``x.com/a``.
    """
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        port = parts.port
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.fullmatch(k)]
    )
    return host + path + (f"?{query}" if query else "")
