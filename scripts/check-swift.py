"""Syntax-checks Swift files with tree-sitter-swift (no Swift toolchain installs on this machine).

uniffi wraps bare attributes in `#if swift(...)` / `#endif`, which the grammar rejects although
it is valid Swift: those are unwrapped first, keeping line numbers. Exit 1 on any ERROR node.
"""
import re
import sys

import tree_sitter
import tree_sitter_swift

ATTR_ONLY_IF = re.compile(rb"^[ \t]*#if [^\n]*\n([ \t]*@[^\n]*)\n[ \t]*#endif[ \t]*$", re.M)


def errors(parser, path):
    src = ATTR_ONLY_IF.sub(lambda m: b"\n" + m.group(1) + b"\n", open(path, "rb").read())
    stack, found = [parser.parse(src).root_node], []
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.is_error or node.is_missing:
            found.append(node)
    return found


def main(paths):
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    bad = 0
    for path in paths:
        for node in errors(parser, path):
            print(f"{path}:{node.start_point[0] + 1}:{node.start_point[1] + 1}: ERROR {node.text[:60]!r}")
            bad += 1
    print(f"swift: {len(paths)} files parsed, {bad} syntax errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
