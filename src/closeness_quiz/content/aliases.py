"""YAML alias bombs ("billion laughs"): how much a document's aliases would add once
expanded, worked out on the composed nodes without expanding anything, so a bank that
repeats a mapping ten levels deep is refused in milliseconds instead of filling memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from closeness_quiz.errors import UserError

# How much YAML aliases (*name) may add to a document once expanded, in characters (each
# list or mapping counts one): as much again as the largest file. A bank that reuses a few
# mappings with `<<: *defaults` adds a few dozen per question; an alias bomb adds billions,
# and everything that walks the values (a message, a comparison) would never finish.
MAX_ALIAS_SIZE = 5_000_000  # files.MAX_BYTES


def check_aliases(root: Any, path: Path) -> None:
    """Refuse a document that aliases would make more than MAX_ALIAS_SIZE larger, or that
    contains itself. The composed nodes share each anchored node, so this walk visits every
    node once and adds up what expanding the aliases would add, without expanding anything."""
    from yaml.nodes import MappingNode, ScalarNode

    def children(node: Any) -> list[Any]:
        if isinstance(node, MappingNode):  # (key node, value node) pairs
            return [part for pair in node.value for part in pair]
        return list(node.value)

    if isinstance(root, ScalarNode):
        return
    size: dict[int, int] = {}  # id(node) -> its size with aliases expanded
    added = 0
    open_nodes: set[int] = set()  # lists and mappings whose contents are still being walked
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack and added <= MAX_ALIAS_SIZE:
        node, contents_done = stack.pop()
        key = id(node)
        if contents_done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children(node))
        elif key in size:  # listed twice in one list or mapping, and walked meanwhile
            added += size[key]
        elif key in open_nodes:
            raise UserError(
                "not valid YAML: an alias (*name) refers to the list or mapping it is in.",
                path=path,
                line=node.start_mark.line + 1,
            )
        else:
            open_nodes.add(key)
            stack.append((node, True))
            for child in children(node):
                seen = size.get(id(child))
                if seen is not None:  # met again: an alias, expanded in full where it is used
                    added += seen
                elif isinstance(child, ScalarNode):
                    size[id(child)] = 1 + len(child.value)
                else:
                    stack.append((child, False))
    if added > MAX_ALIAS_SIZE:
        raise UserError(
            "not valid YAML: its aliases (*name) repeat so much that, expanded, it would "
            f"be over {MAX_ALIAS_SIZE:,} characters larger (an 'alias bomb'). Write the "
            "values out instead of repeating them through aliases.",
            path=path,
        )
