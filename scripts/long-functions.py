#!/usr/bin/env python3
"""Lists functions over a length in Rust files: `scripts/long-functions.py MAX FILE...`.

A function starts at a line whose code begins with `fn` (after `pub`, `async`, … and
indentation) and ends at the first later line that closes a brace at the same indentation.
Prints `FILE:LINE name: N lines` for each one over MAX and exits 1 if there is any. `make test`
runs it on the app, which the workspace issue holds to 120 lines a function.
"""
import re
import sys

START = re.compile(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?(?:unsafe\s+)?fn\s+(\w+)")


def is_declaration(lines, start):
    """A signature without a body (in a trait or an `extern` block), on one line or several:
    it ends with `;` before any line opens a brace."""
    for line in lines[start:]:
        code = line.split("//")[0].rstrip()
        if "{" in code:
            return False
        if code.endswith(";"):
            return True
    return False


def long_functions(path, limit):
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = START.match(line)
        if not m or is_declaration(lines, i):
            continue
        indent = m.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j] == indent + "}":
                length = j - i + 1
                if length > limit:
                    yield i + 1, m.group(2), length
                break


def main():
    limit, files = int(sys.argv[1]), sys.argv[2:]
    found = [(f, *hit) for f in files for hit in long_functions(f, limit)]
    for f, line, name, length in found:
        print(f"{f}:{line} {name}: {length} lines, over {limit}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
