"""Prints the first fenced code block of a language in a Markdown file, optionally the first one
after a heading: the README snippets are run as written (scripts/npm-consumer, python-wheel).
Usage: readme-block.py FILE LANG [HEADING [N]]  (N: the Nth block of LANG after HEADING, from 1)"""
import re
import sys

path, lang = sys.argv[1], sys.argv[2]
heading = sys.argv[3] if len(sys.argv) > 3 else None
nth = int(sys.argv[4]) if len(sys.argv) > 4 else 1
text = open(path, encoding="utf-8").read()
if heading is not None:
    at = text.find("\n" + heading + "\n")
    if at < 0:
        sys.exit(f"readme-block: no heading {heading!r} in {path}")
    text = text[at:]
blocks = re.findall(r"^```" + re.escape(lang) + r"\n(.*?)^```", text, re.S | re.M)
if len(blocks) < nth:
    sys.exit(f"readme-block: no {lang} block number {nth} in {path}")
sys.stdout.write(blocks[nth - 1])
