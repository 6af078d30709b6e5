"""What client and server say to each other on the socket.

A client opens with one message: what it asks (a byte) and the length of what follows,
with its standard input, output and error attached as file descriptors when it asks for
a run. The server's child answers with its process id once it has taken the run (from
then on the command is running) and with the exit code when the command is done; or
with a refusal, before anything ran, and the client runs the command itself.
Both ends are the same installation and the same user, so the request is `marshal`ed.
"""

from __future__ import annotations

import marshal
import socket

RUN, PING, STOP = b"R", b"?", b"S"
TAKEN, EXITED, REFUSED, ALIVE = b"T", b"X", b"N", b"A"
LOST = 70  # the command's process ended without an exit code: an internal error
_HEAD = 5  # kind + length
STREAMS = 3  # standard input, output and error


def ask(
    conn: socket.socket,
    kind: bytes,
    payload: dict[str, object] | None = None,
    fds: list[int] | None = None,
) -> None:
    body = b"" if payload is None else marshal.dumps(payload)
    head = kind + len(body).to_bytes(4, "big")
    if fds:
        socket.send_fds(conn, [head], fds)
    else:
        conn.sendall(head)
    if body:
        conn.sendall(body)


def asked(conn: socket.socket) -> tuple[bytes, int, list[int]]:
    """What a client asks, the length of its request, and the descriptors it sent."""
    head, fds, _flags, _address = socket.recv_fds(conn, _HEAD, STREAMS)
    if len(head) < _HEAD:
        raise EOFError("the client left")
    return head[:1], int.from_bytes(head[1:], "big"), fds


def request(conn: socket.socket, length: int) -> dict[str, object]:
    found = marshal.loads(_exactly(conn, length))
    if not isinstance(found, dict):
        raise ValueError("not a request")
    return found


def answer(conn: socket.socket, kind: bytes, value: int = 0) -> None:
    conn.sendall(kind + value.to_bytes(4, "big", signed=True))


def answered(conn: socket.socket) -> tuple[bytes, int]:
    message = _exactly(conn, 5)
    return message[:1], int.from_bytes(message[1:], "big", signed=True)


def _exactly(conn: socket.socket, length: int) -> bytes:
    data = b""
    while len(data) < length:
        chunk = conn.recv(length - len(data))
        if not chunk:
            raise EOFError("the other end left")
        data += chunk
    return data
