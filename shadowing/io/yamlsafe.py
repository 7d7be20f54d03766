"""One safe way to read YAML: no alias bombs, no huge files, no raw constructor errors.

``yaml.safe_load`` refuses arbitrary objects but still expands aliases: a 363-byte "billion
laughs" document (nine anchors, each a list of nine aliases to the previous one) stands for
9**9 strings and takes gigabytes once anything walks it. Every YAML file the kit reads
(``scenario.yaml``, perceived processes, ``-p`` values on the command line) goes through `load`,
which:

- refuses a text over `MAX_BYTES`;
- counts the nodes the document would have with every alias expanded (a memoised walk over the
  composed node graph, linear in the document's size) and refuses more than `MAX_NODES`, and
  refuses an alias that contains itself (a recursive structure);
- keeps an impossible date such as ``2026-02-31`` as the text it is (YAML's own constructor
  raises a bare ``ValueError`` there), so the caller can say which key holds it.

Syntax errors stay `yaml.YAMLError` (their line and column are in the exception), so callers
word them with the file's name.

>>> load("steps: [A, B]")
{'steps': ['A', 'B']}
"""

from __future__ import annotations

import yaml

from ..errors import InputError

__all__ = ["load", "MAX_BYTES", "MAX_NODES"]

#: Largest YAML text read (bytes of UTF-8). A scenario or a perceived process is a few KB.
MAX_BYTES = 5_000_000
#: Most nodes a document may have once every alias is expanded.
MAX_NODES = 200_000


class _Loader(yaml.SafeLoader):
    """SafeLoader that checks the expanded size of each document before constructing it."""

    max_nodes = MAX_NODES
    source = "YAML"
    aliases = True

    def compose_node(self, parent, index):
        if not self.aliases and self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise InputError(f"{self.source}: line {mark.line + 1}: not valid YAML: aliases "
                             "(*name) are not allowed here (a few bytes of aliases can stand for "
                             "gigabytes); write the values out.", source=self.source)
        return super().compose_node(parent, index)

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _check_expanded(node, self.max_nodes, self.source)
        return node

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)  # '2026-02-31' stays text; the caller names the key


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _check_expanded(root, limit: int, source: str) -> None:
    """Raise InputError when ``root`` expands to more than ``limit`` nodes or is recursive."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    # iterative post-order walk; shared nodes (aliases) are counted once per reference
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            visiting.discard(key)
            total = 1
            for child in _children(node):
                total += sizes[id(child)]
                if total > limit:
                    break
            sizes[key] = total
            if total > limit:
                mark = node.start_mark
                raise InputError(
                    f"{source}: line {mark.line + 1}: the YAML would expand to more than "
                    f"{limit:,} values through its aliases (&anchor / *alias); refused as an alias "
                    "bomb. Write the values out instead of repeating aliases.", source=source)
            continue
        if key in sizes:
            continue
        if key in visiting:
            mark = node.start_mark
            raise InputError(f"{source}: line {mark.line + 1}: an alias refers to a value that "
                             "contains itself (a recursive YAML structure); refused.", source=source)
        visiting.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in visiting:
                mark = child.start_mark
                raise InputError(f"{source}: line {mark.line + 1}: an alias refers to a value "
                                 "that contains itself (a recursive YAML structure); refused.",
                                 source=source)
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node):
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load(text: str | bytes, *, source: str | None = None, max_bytes: int = MAX_BYTES,
         max_nodes: int = MAX_NODES, aliases: bool = True):
    """Parse one YAML document safely.

    Parameters
    ----------
    text : str or bytes
        The YAML text (bytes are decoded as UTF-8).
    source : str, optional
        The file name, used in error messages.
    max_bytes, max_nodes : int
        Limits: size of the text, and number of values once aliases are expanded.
    aliases : bool
        False: any alias (``*name``) is refused (a perceived process needs none).

    Returns
    -------
    object
        What ``yaml.safe_load`` returns (dicts, lists, strings, numbers, dates); impossible
        dates stay strings.

    Raises
    ------
    InputError
        The text is too large, or its aliases expand beyond ``max_nodes`` values, or an alias is
        recursive (or there is any alias, with ``aliases=False``).
    yaml.YAMLError
        The text is not valid YAML (the exception carries line and column).
    """
    name = source or "YAML"
    if isinstance(text, bytes):
        size = len(text)
        text = text.decode("utf-8")
    else:
        size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise InputError(f"{name}: {size:,} bytes of YAML; at most {max_bytes:,} are read "
                         "(a scenario or a perceived process is a few kilobytes).", source=source)
    loader = _Loader(text)
    loader.max_nodes = max_nodes
    loader.source = name
    loader.aliases = aliases
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

