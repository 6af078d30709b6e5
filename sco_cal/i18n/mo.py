"""A compiled gettext catalogue read where it lies.

The standard library's `GNUTranslations` decodes every message of a `.mo` file into a
dict when it opens it: a cost every `sco-cal list` paid in French, growing with the
catalogue. The `.mo` format keeps its original strings sorted, so here a message is
found by binary search in the file's table when it is asked for, and only that one is
decoded.
"""

from __future__ import annotations

import gettext
import struct
from collections.abc import Callable

_MAGIC = 0x950412DE
_PLURAL = "plural="


class MoCatalogue(gettext.NullTranslations):
    """The messages of one `.mo` file, looked up on demand."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        order = "<" if struct.unpack_from("<I", data)[0] == _MAGIC else ">"
        if struct.unpack_from(order + "I", data)[0] != _MAGIC:
            raise OSError("not a compiled gettext catalogue")
        _revision, self._count, self._originals, self._translations = struct.unpack_from(
            order + "4I", data, 4
        )
        self._data = data
        self._entry = struct.Struct(order + "2I")
        self._plural: Callable[[int], int] | None = None

    def _find(self, key: bytes) -> str | None:
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            length, offset = self._entry.unpack_from(self._data, self._originals + 8 * middle)
            found = self._data[offset : offset + length]
            if found < key:
                low = middle + 1
            elif found > key:
                high = middle
            else:
                length, offset = self._entry.unpack_from(
                    self._data, self._translations + 8 * middle
                )
                return self._data[offset : offset + length].decode("utf-8")
        return None

    def gettext(self, message: str) -> str:
        found = self._find(message.encode("utf-8"))
        return message if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self._find(msgid1.encode("utf-8") + b"\0" + msgid2.encode("utf-8"))
        if found is None:
            return msgid1 if n == 1 else msgid2
        forms = found.split("\0")
        return forms[min(self._plural_form(n), len(forms) - 1)]

    def _plural_form(self, n: int) -> int:
        if self._plural is None:
            header = self._find(b"") or ""
            rule = next(
                (line for line in header.splitlines() if line.lower().startswith("plural-forms:")),
                "",
            )
            expression = rule.partition(_PLURAL)[2].rstrip().rstrip(";") or "n != 1"
            self._plural = gettext.c2py(expression)
        return self._plural(n)
