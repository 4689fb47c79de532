"""The proxy the environment asks for, read the way requests reads it.

``HTTPS_PROXY`` (or ``ALL_PROXY``) names the proxy; ``NO_PROXY`` lists hosts reached
directly: names match by suffix (``example.com`` covers ``api.example.com``, with or
without ``:port``), IP addresses exactly or by network (``10.0.0.0/8``), and ``*``
means every host. The lookup itself is the standard library's (``urllib.request``),
which also reads the system settings on Windows and macOS.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.request
from typing import NamedTuple, Optional, Union

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


class Proxy(NamedTuple):
    """A proxy URL split for use: ``url`` has no credentials; ``auth`` is ``user:password``."""

    url: str
    auth: Optional[str]

    @property
    def shown(self) -> str:
        """The proxy's address for messages (never its credentials)."""
        return self.url


def proxy_for(host: str, port: int) -> Optional[Proxy]:
    """The proxy to use for ``https://host:port`` according to the environment, if any."""
    if _bypassed(host, port):
        return None
    proxies = urllib.request.getproxies()
    url = proxies.get("https") or proxies.get("all")
    return _split(url) if url else None


def _bypassed(host: str, port: int) -> bool:
    no_proxy = os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or ""
    entries = [e for e in no_proxy.replace(" ", "").split(",") if e]
    if "*" in entries:
        return True
    address = _address(host)
    for entry in entries:
        if address is not None:
            if _in_network(address, entry):
                return True
        elif host.endswith(entry.lstrip(".")) or f"{host}:{port}".endswith(entry):
            return True
    try:
        return bool(urllib.request.proxy_bypass(host))
    except OSError:
        return False


def _address(host: str) -> Optional[Address]:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _in_network(address: Address, entry: str) -> bool:
    try:
        return address in ipaddress.ip_network(entry.strip("[]"), strict=False)
    except ValueError:
        return False


def _split(url: str) -> Proxy:
    """Take ``user:password@`` out of a proxy URL (a scheme-less URL means http)."""
    from urllib.parse import unquote, urlsplit

    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    auth = None
    if parts.username is not None:
        auth = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    return Proxy(f"{parts.scheme}://{netloc}", auth)
