"""outputs/sandbox.py: a function, a method or a macro is called without Context.call's lookups, with the
same result as Jinja's own sandboxed call, and still refused when it is marked unsafe."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, unsafe

from briefing.outputs import sandbox
from briefing.outputs.render import environment

CALLS = """{% macro m(a, b=2) %}[{{ a }}{{ b }}{{ varargs }}{{ kwargs }}]{% endmacro %}
{% macro w() %}<{{ caller() }}]{% endmacro %}
{{ m(1) }}{{ m(1, 3) }}{{ m(1, b=4) }}{{ m(1, 2, 3) }}{{ m(1, x=5) }}{% call w() %}inside{% endcall %}
{% for i in range(3) %}{{ m(i) }}{{ _("Key points") }}{{ plain(i) }}{{ thing.method(i) }}{{ evaluated(i) }}{% endfor %}
{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set ns.n = ns.n + i %}{{ given(i) }}{% endfor %}{{ ns.n }}
{{ ngettext("%(num)s page", "%(num)s pages", 3) }}{{ "{0}-{1}".format(1, "<b>") }}
{% autoescape false %}{{ evaluated("<i>") }}{{ _("As of %(d)s", d="<b>") }}{% endautoescape %}"""


class Thing:
    def method(self, value: Any) -> str:
        return f"<m{value}>"


def _environment(jinjas: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    if jinjas:
        monkeypatch.setattr(sandbox.Sandbox, "call", ImmutableSandboxedEnvironment.call)
    env = environment(None)
    env.globals.update(
        plain=lambda value: f"<p{value}>",
        thing=Thing(),
        evaluated=jinja2.pass_eval_context(lambda ctx, value: f"{ctx.autoescape}{value}"),
        given=jinja2.pass_context(lambda ctx, value: f"{ctx.get('i')}{value}"),
    )
    return env


def test_calls_give_what_jinjas_sandbox_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    ours = _environment(False, monkeypatch).from_string(CALLS).render()
    with monkeypatch.context() as patch:
        jinjas = _environment(True, patch).from_string(CALLS).render()
    assert ours == jinjas
    assert "[12()" in ours and "inside]" in ours and "&lt;p0&gt;" in ours and "True0" in ours and "False<i>" in ours


def test_a_callable_raising_stop_iteration_is_undefined_as_in_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    def stops() -> None:
        raise StopIteration

    for jinjas in (False, True):
        with monkeypatch.context() as patch:
            env = _environment(jinjas, patch)
            env.globals["stops"] = stops
            with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
                env.from_string("{{ stops() }}").render()


@pytest.mark.parametrize("source", ["{{ dangerous() }}", "{{ thing.delete() }}", "{{ m() }}"])
def test_an_unsafe_callable_is_still_refused(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    class Deleting:
        def delete(self) -> str:
            return "deleted"

        delete.alters_data = True  # type: ignore[attr-defined]

    env = _environment(False, monkeypatch)
    env.globals.update(dangerous=unsafe(lambda: "ran"), thing=Deleting())
    template = env.from_string(source if "m()" not in source else "{% macro m() %}x{% endmacro %}{{ m() }}")
    if "m()" in source:  # a macro is safe
        assert template.render() == "x"
        return
    with pytest.raises(SecurityError):
        template.render()
