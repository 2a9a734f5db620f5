"""The Jinja sandbox every template renders in: a project's overrides are untrusted code.

A cloned project's ``templates/`` could otherwise reach Python itself
(``lipsum.__globals__['os']``) and run commands or copy the build machine's files
into the site. Jinja's immutable sandbox refuses private and internal attributes and
the methods that change lists and dicts; on top of it, arithmetic that would build a
huge string, list or number is refused before it runs (``'x' * 10 ** 12``, ``7 ** 123456789``).
"""

from __future__ import annotations

import math
import operator
from types import FunctionType, MethodType
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

MAX_ITEMS = 10_000_000
"""The longest string or list that ``*`` may make (characters or items)."""
MAX_BITS = 1_000_000
"""The largest number that ``**`` may make, in bits (about 300,000 digits)."""
_DIRECT: dict[type, bool] = {FunctionType: True, MethodType: True, Macro: False}
"""The callables Sandbox.call calls itself, and whether they may ask for the evaluation context
(a function's or method's ``jinja_pass_arg``; a macro never does, nor does its ``__call__``)."""
_STR_FORMAT = frozenset({"format", "format_map"})
"""Jinja wraps these methods of a string in a sandboxed formatter: never taken by the fast path."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Immutable sandbox with bounded ``*`` and ``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja's checks depend on the object's type and the name only, so one answer per pair:
        # unmemoised they made rendering four times slower (half a million lookups at 200 sources).
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute not in _STR_FORMAT and self._safe.get((type(obj), attribute)):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        # A function, a method or a macro, the calls a page makes by the hundred (``_()``, ``c.cite``):
        # checked as Jinja checks every call, then called as Context.call would, without its lookups.
        kind = _DIRECT.get(type(obj))
        if kind is None or not self.is_safe_callable(obj):
            return super().call(context, obj, *args, **kwargs)
        passed = getattr(obj, "jinja_pass_arg", None) if kind else None
        if passed is not None and passed is not _PassArg.eval_context:
            return super().call(context, obj, *args, **kwargs)  # handed the context or the environment
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        try:
            return obj(context.eval_ctx, *args, **kwargs) if passed else obj(*args, **kwargs)
        except StopIteration:
            return self.undefined("value was undefined because a callable raised a StopIteration exception")

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            return operator.mul(left, right)
        _check_power(left, right)
        return operator.pow(left, right)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, (str, bytes, list, tuple)) and isinstance(times, int) and len(sequence) * times > MAX_ITEMS:
        raise SecurityError(f"a sequence of {len(sequence)} repeated {times} times is too long to render")


def _check_power(base: Any, exponent: Any) -> None:
    big = isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0
    if big and exponent * math.log2(abs(base)) > MAX_BITS:
        raise SecurityError(f"{base} ** {exponent} is too large a number to render")
