"""Runs a README Python snippet and holds it to its comments: a top-level expression line whose
comment is a Python literal (`x.age  # 13`) must evaluate to that literal. Prints what the
snippet prints. Usage: run-py-snippet.py FILE"""
import ast
import sys

source = open(sys.argv[1], encoding="utf-8").read()
lines = source.splitlines()
tree = ast.parse(source)
claims = 0
for node in tree.body:
    if not isinstance(node, ast.Expr) or node.lineno != node.end_lineno:
        continue
    comment = lines[node.lineno - 1][node.end_col_offset:].strip()
    if not comment.startswith("#"):
        continue
    try:
        expected = ast.literal_eval(comment[1:].strip())
    except (ValueError, SyntaxError):
        continue  # a comment in words
    check = ast.parse(f"assert (_v := ({ast.unparse(node.value)})) == {expected!r}, (_v, {expected!r})").body[0]
    node_index = tree.body.index(node)
    tree.body[node_index] = ast.copy_location(check, node)
    claims += 1
if claims == 0:
    sys.exit("run-py-snippet: no claim to check in the snippet")
exec(compile(ast.fix_missing_locations(tree), sys.argv[1], "exec"), {"__name__": "__main__"})
print(f"README snippet: {claims} claims hold", file=sys.stderr)
