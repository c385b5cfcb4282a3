"""The error Go's encoding/json reports for a text that is not JSON, for the places where kubectl or the API server
print it (a patch body that does not decode, say): ``invalid character 'x' looking for beginning of object key
string``, ``unexpected end of JSON input`` and the rest of its scanner's texts (encoding/json's scanner, read as
facts: a state machine over the bytes, the first byte it cannot take names the error)."""

from __future__ import annotations

_SPACE = " \t\r\n"


def quote_char(c: str) -> str:
    """encoding/json's quoteChar: ``'x'``, with ``'\\''`` and ``'"'`` spelled out and others as Go quotes them."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    special = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", "\x07": "\\a", "\x08": "\\b", "\x0c": "\\f",
               "\x0b": "\\v"}
    if c in special:
        return f"'{special[c]}'"
    if ord(c) < 0x20 or ord(c) == 0x7f:
        return f"'\\x{ord(c):02x}'"
    return f"'{c}'"


class _Stop(Exception):
    pass


MAX_DEPTH = 10000  # encoding/json's maxNestingDepth


def syntax_error(text: str) -> str | None:
    """Go's error for ``text``, or None when it is valid JSON."""
    scanner = _Scanner(text)
    try:
        scanner.run()
        scanner.skip()
        if scanner.i < len(text):
            return f"invalid character {quote_char(text[scanner.i])} after top-level value"
    except _Stop as stop:
        return str(stop)
    return None


class _Scanner:
    """A loop over the text with a stack of open objects and arrays (no recursion: any depth is read the same)."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def skip(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in _SPACE:
            self.i += 1

    def peek(self, context: str) -> str:
        """The next character. At the end, Go's scanner feeds it a space: where a space is wrong (inside a
        literal, a number or an escape: ``context`` names that state) the error names the space."""
        if self.i >= len(self.s):
            if context:
                raise _Stop(f"invalid character ' ' {context}")
            raise _Stop("unexpected end of JSON input")
        return self.s[self.i]

    def fail(self, context: str) -> None:
        raise _Stop(f"invalid character {quote_char(self.s[self.i])} {context}")

    def run(self) -> None:
        stack: list[str] = []
        expect = "value"
        while expect != "done":
            self.skip()
            c = self.peek("")
            if expect in ("value", "first-element"):
                if expect == "first-element" and c == "]":
                    self.i += 1
                    stack.pop()
                elif c in "{[":
                    stack.append(c)
                    if len(stack) > MAX_DEPTH:
                        self.fail("exceeded max depth")
                    self.i += 1
                    expect = "first-key" if c == "{" else "first-element"
                    continue
                else:
                    self.scalar(c)
            elif expect in ("first-key", "key"):
                if expect == "first-key" and c == "}":
                    self.i += 1
                    stack.pop()
                else:
                    if c != '"':
                        self.fail("looking for beginning of object key string")
                    self.i += 1
                    self.string()
                    expect = "colon"
                    continue
            elif expect == "colon":
                if c != ":":
                    self.fail("after object key")
                self.i += 1
                expect = "value"
                continue
            elif expect == "after-member":
                self.i += 1
                if c == ",":
                    expect = "key"
                    continue
                if c != "}":
                    self.i -= 1
                    self.fail("after object key:value pair")
                stack.pop()
            else:  # after-element
                self.i += 1
                if c == ",":
                    expect = "value"
                    continue
                if c != "]":
                    self.i -= 1
                    self.fail("after array element")
                stack.pop()
            # a value (or a container) has ended
            expect = "done" if not stack else ("after-member" if stack[-1] == "{" else "after-element")

    def scalar(self, c: str) -> None:
        if c == '"':
            self.i += 1
            self.string()
        elif c == "-" or c.isdigit() and c.isascii():
            self.number()
        elif c in "tfn":
            self.literal({"t": "true", "f": "false", "n": "null"}[c])
        else:
            self.fail("looking for beginning of value")

    def string(self) -> None:
        while True:
            c = self.peek("")
            if c == '"':
                self.i += 1
                return
            if c == "\\":
                self.i += 1
                e = self.peek("in string escape code")
                if e == "u":
                    self.i += 1
                    for _ in range(4):
                        h = self.peek("in \\u hexadecimal character escape")
                        if h not in "0123456789abcdefABCDEF":
                            self.fail("in \\u hexadecimal character escape")
                        self.i += 1
                    continue
                if e not in '"\\/bfnrt':
                    self.fail("in string escape code")
                self.i += 1
                continue
            if ord(c) < 0x20:
                self.fail("in string literal")
            self.i += 1

    def _digits(self) -> int:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in "0123456789":
            self.i += 1
        return self.i - start

    def number(self) -> None:
        if self.s[self.i] == "-":
            self.i += 1
            c = self.peek("in numeric literal")
            if not (c.isascii() and c.isdigit()):
                self.fail("in numeric literal")
        if self.s[self.i] == "0":
            self.i += 1
        else:
            self._digits()
        if self.i < len(self.s) and self.s[self.i] == ".":
            self.i += 1
            c = self.peek("after decimal point in numeric literal")
            if not (c.isascii() and c.isdigit()):
                self.fail("after decimal point in numeric literal")
            self._digits()
        if self.i < len(self.s) and self.s[self.i] in "eE":
            self.i += 1
            c = self.peek("in exponent of numeric literal")
            if c in "+-":
                self.i += 1
                c = self.peek("in exponent of numeric literal")
            if not (c.isascii() and c.isdigit()):
                self.fail("in exponent of numeric literal")
            self._digits()

    def literal(self, word: str) -> None:
        for expected in word:
            c = self.peek(f"in literal {word} (expecting {quote_char(expected)})")
            if c != expected:
                self.fail(f"in literal {word} (expecting {quote_char(expected)})")
            self.i += 1
