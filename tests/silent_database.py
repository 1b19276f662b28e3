"""A database server that never answers, for tests of what the site does then."""

import socket
import struct
import threading


def _message(kind, payload):
    return kind + struct.pack("!I", len(payload) + 4) + payload


# AuthenticationOk, the parameters a client checks, then ReadyForQuery: idle.
LOGGED_IN = (
    _message(b"R", struct.pack("!I", 0))
    + b"".join(
        _message(b"S", name + b"\0" + value + b"\0")
        for name, value in [
            (b"server_version", b"17.0"),
            (b"server_encoding", b"UTF8"),
            (b"client_encoding", b"UTF8"),
            (b"standard_conforming_strings", b"on"),
            (b"integer_datetimes", b"on"),
            (b"DateStyle", b"ISO, MDY"),
            (b"TimeZone", b"UTC"),
        ]
    )
    + _message(b"Z", b"I")
)


class SilentServer:
    """
    A local TCP listener that accepts connections and never answers, or
    (`after_login`) plays a PostgreSQL server through the login and then
    never answers a query, as a hung server or a pooler in front of one does.
    """

    def __init__(self, after_login=False):
        self.after_login = after_login
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            self.held.append(client)
            if self.after_login:
                length = struct.unpack("!I", client.recv(4))[0]
                client.recv(length - 4)  # the startup message
                client.sendall(LOGGED_IN)

    def close(self):
        self.listener.close()
        for client in self.held:
            client.close()

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/newsroom?sslmode=disable&gssencmode=disable"
