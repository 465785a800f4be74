"""The one way pages are made: Jinja2 templates shipped beside the code, autoescaped, strict.

Every HTML page (network views, site pages) and every server configuration file comes from a
template under a subpackage's ``templates/`` folder. Text from the data reaches the page only
through autoescaping, or through `script_json` inside ``<script type="application/json">``.
jinja2 is imported here, and this module only where pages are made: queries never pay for it.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


def script_json(value: Any, indent: int | None = None) -> str:
    """Return JSON safe inside <script>: no '<', '>', '&', U+2028 or U+2029 left as such."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@functools.cache
def environment(package: str) -> jinja2.Environment:
    """The Jinja2 environment of a subpackage's templates/ (autoescape on, undefined is an error).

    package is a dotted package name, e.g. "govgraph.publish". Templates named *.html, *.xml
    and *.svg are autoescaped for HTML; configuration files (.htaccess, nginx) are escaped by
    the filters their templates apply. The filter ``script_json`` writes a value as JSON that
    cannot end the ``<script>`` element it sits in.
    """
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "svg"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = lambda value, indent=None: Markup(script_json(value, indent))
    return env


def render(package: str, template: str, **context: Any) -> str:
    """Render one template of a subpackage with context."""
    return environment(package).get_template(template).render(**context)
