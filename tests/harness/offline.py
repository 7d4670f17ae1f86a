"""Keep executed code off the network: a connection to anything but loopback fails loudly."""

import ipaddress
import socket

_original_connect = socket.socket.connect


class NetworkBlocked(OSError):
    pass


def _is_loopback(address) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return True  # Unix sockets and the like stay on this machine


def block_network() -> None:
    def guarded_connect(sock, address):
        if not _is_loopback(address):
            raise NetworkBlocked(
                f"network access is blocked while verifying snippets (tried {address!r}); "
                "a snippet must not download anything during the tests"
            )
        return _original_connect(sock, address)

    socket.socket.connect = guarded_connect
