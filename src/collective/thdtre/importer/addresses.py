"""Which addresses a fetch on the server may reach: none inside the network.

Pure Python (``ipaddress``, ``socket``). An address is internal when it is not
global (loopback, private, link-local, shared, ...) or is multicast, reserved or
unspecified, also when an IPv6 address carries an internal IPv4 address
(IPv4-mapped, 6to4, NAT64). ``localhost`` is internal by its name. The
control panel's allow-list opens hosts by name, or addresses and networks.
"""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import ipaddress
import socket


# IPv6 prefix whose addresses carry an IPv4 address in their last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Allowed:
    """The allow-list: host names, and addresses or networks (``10.0.0.0/8``)."""

    def __init__(self, entries):
        self.hosts, self.networks = set(), []
        for entry in entries or ():
            entry = (entry or "").strip().lower().rstrip(".")
            if not entry or entry.startswith("#"):
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.hosts.add(entry)

    def permits(self, host: str, address) -> bool:
        return host in self.hosts or any(address in n for n in self.networks)


def internal(address) -> bool:
    """True for an address inside a private network or this machine."""
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and internal(embedded):
            return True
    return (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def refused(host: str, addresses, allowed: Allowed) -> bool:
    """True when any of the host's addresses is internal and not allow-listed."""
    # localhost is this machine whatever a resolver says it is.
    by_name = host == "localhost" or host.endswith(".localhost")
    return any(
        (by_name or internal(address)) and not allowed.permits(host, address)
        for address in addresses
    )


def resolve(host: str, port: int, *, seconds: float) -> list:
    """Every address of ``host``; ``TimeoutError`` after ``seconds``, ``OSError``
    when it has none. getaddrinfo has no timeout of its own: it runs in a thread
    that is left to finish."""
    pool = ThreadPoolExecutor(max_workers=1)
    lookup = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        found = lookup.result(timeout=max(0.0, seconds))
    except FutureTimeout:
        raise TimeoutError(host) from None
    finally:
        pool.shutdown(wait=False)
    addresses = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if address not in addresses:
            addresses.append(address)
    return addresses
