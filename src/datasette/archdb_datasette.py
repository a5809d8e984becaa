"""archdb's Datasette plugin, written by `archdb datasette --plugins-dir DIR`.

It reads its settings from the metadata archdb wrote (the `archdb` entry of
the database's `plugins`), so it does nothing for other databases:

- a canned query opened without parameters is redirected to the same page
  with the report's defaults filled in, so the form shows what the answer
  was computed for (Datasette cannot pre-fill canned query parameters);
- in a report's results and in the views, document ids link to the document, and the
  `**marked**` words of a search snippet are shown highlighted;
- a malformed date or number given to a report is reported as an error
  above the form (or as a 400 error for .json and .csv), never as an empty
  table: Datasette itself checks no types;
- a document's row page reads as a document: heading, date, parties,
  citation and the body as text, with every stored field one click away.

Pinned and tested with Datasette 0.65.5 (tests/datasette.rs, tests/browser.rs).
"""

import datetime
import json
import re
import urllib.parse

from datasette import hookimpl
from jinja2 import BaseLoader, ChoiceLoader, TemplateNotFound
from markupsafe import Markup, escape

CONFIG = "archdb"
MARKED = re.compile(r"\*\*(.+?)\*\*")
DOCUMENT_ROW = re.compile(r"row-.+-documents\.html")
WHOLE_NUMBER = re.compile(r"\s*-?[0-9]+\s*")


def _config(datasette, database):
    return datasette.plugin_config(CONFIG, database=database, fallback=False) or {}


def _columns(row):
    try:
        return list(row.keys())
    except AttributeError:
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    config = _config(datasette, database)
    if table is not None:
        # Tables link their foreign keys themselves; views do not.
        if column in config.get("views", {}).get(table, []) and isinstance(value, int):
            return _document_link(datasette, database, value)
        return None
    columns = _columns(row)
    for shape in config.get("results", []):
        if shape["columns"] != columns:
            continue
        if column in shape.get("documents", []) and isinstance(value, int):
            return _document_link(datasette, database, value)
        if column in shape.get("highlights", []) and isinstance(value, str):
            parts = MARKED.split(value)  # odd places are the marked words
            return Markup("").join(
                Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part)
                for i, part in enumerate(parts)
            )
    return None


def _document_link(datasette, database, value):
    url = datasette.urls.row(database, "documents", str(value))
    return Markup('<a href="{}">{}</a>').format(url, value)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_defaults(scope, receive, send):
            refusal = _refusal(datasette, scope)
            if refusal is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [[b"content-type", b"application/json; charset=utf-8"]],
                    }
                )
                await send({"type": "http.response.body", "body": refusal})
                return
            location = _defaults_location(datasette, scope)
            if location is None:
                await app(scope, receive, send)
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 302,
                    "headers": [[b"location", location.encode("utf-8")]],
                }
            )
            await send({"type": "http.response.body", "body": b""})

        return with_defaults

    return wrap


def _is_day(text):
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _problems(datasette, database, query, args):
    """What is wrong with the values given to a canned query, if anything."""
    kinds = _config(datasette, database).get("params", {}).get(query, {})
    problems = []
    for name, kind in kinds.items():
        value = args.get(name) or ""
        if value == "":
            continue  # empty: the report's default
        if kind == "date" and not _is_day(value):
            problems.append(
                f"{name} must be a day written YYYY-MM-DD, e.g. 1939-01-31; got {value!r}"
            )
        elif kind == "integer" and not WHOLE_NUMBER.fullmatch(value):
            problems.append(f"{name} must be a whole number; got {value!r}")
    return problems


def _refusal(datasette, scope):
    """A 400 answer for a .json or .csv canned query given a malformed value."""
    if scope.get("type") != "http":
        return None
    parts = scope.get("path", "").strip("/").split("/")
    if len(parts) != 2 or "." not in parts[1]:
        return None
    database = parts[0]
    query = parts[1].rsplit(".", 1)[0]
    if database not in datasette.databases:
        return None
    args = dict(urllib.parse.parse_qsl(scope.get("query_string", b"").decode("utf-8")))
    problems = _problems(datasette, database, query, args)
    if not problems:
        return None
    return json.dumps(
        {"ok": False, "error": "; ".join(problems), "status": 400, "title": "Invalid parameter"}
    ).encode("utf-8")


def _defaults_location(datasette, scope):
    """The page with the defaults filled in, for a bare canned query page."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return None
    if scope.get("query_string"):
        return None
    parts = scope.get("path", "").strip("/").split("/")
    if len(parts) != 2 or "." in parts[1]:
        return None  # not /database/query, or a .json / .csv page
    database, query = parts
    if database not in datasette.databases:
        return None
    defaults = _config(datasette, database).get("defaults", {}).get(query)
    if not defaults:
        return None
    return scope["path"] + "?" + urllib.parse.urlencode(defaults)


class DocumentRowLoader(BaseLoader):
    """Serves the document page as `row-DATABASE-documents.html`."""

    def get_source(self, environment, template):
        if DOCUMENT_ROW.fullmatch(template):
            return DOCUMENT_ROW_TEMPLATE, None, lambda: True
        raise TemplateNotFound(template)

    def list_templates(self):
        return []


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.loader = ChoiceLoader([DocumentRowLoader(), env.loader])


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if request is None:
        return {}
    query = request.url_vars.get("table")
    if view_name != "row" and query and database:
        problems = _problems(datasette, database, query, request.args)
        # Shown where Datasette shows an SQL error, above the results.
        return {"error": "; ".join(problems)} if problems else {}
    if view_name != "row" or table != "documents":
        return {}
    if not _config(datasette, database):
        return {}

    async def document():
        pks = request.url_vars.get("pks", "")
        db = datasette.get_database(database)
        rows = await db.execute(
            """SELECT d.id, d.heading, d.kind, d.is_extract, d.date_text, d.date_from,
                      d.classification_text, d.priority_text, d.place, d.doc_number,
                      d.body, d.signature, d.start_line, d.end_line,
                      s.id AS source_id, s.path, o.authors, o.recipients, o.citation
               FROM documents d
               JOIN sources s ON s.id = d.source_id
               JOIN document_overview o ON o.id = d.id
               WHERE d.id = :id""",
            {"id": pks},
        )
        first = rows.first()
        return {"archdb_document": dict(first) if first else None}

    return document


DOCUMENT_ROW_TEMPLATE = """{% extends "row.html" %}
{% block title %}{% if archdb_document %}{{ archdb_document.heading }}{% else %}{{ super() }}{% endif %}{% endblock %}
{% block content %}
{% if archdb_document %}{% set d = archdb_document %}
<style>
.archdb-doc { max-width: 52em; }
.archdb-doc dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
.archdb-doc dt { font-weight: bold; }
.archdb-doc dd { margin: 0; }
.archdb-body { white-space: pre-wrap; font-family: Georgia, "Times New Roman", serif;
               font-size: 1.05rem; line-height: 1.55; margin: 1.2em 0; }
</style>
<div class="archdb-doc">
<h1 style="padding-left: 10px; border-left: 10px solid #{{ database_color(database) }}">{{ d.heading }}</h1>
<dl>
  <dt>Date</dt><dd>{{ d.date_text or d.date_from or "undated" }}{% if d.date_text and d.date_from and d.date_text != d.date_from %} ({{ d.date_from }}){% endif %}{% if d.place %}, {{ d.place }}{% endif %}</dd>
  <dt>Kind</dt><dd>{{ d.kind }}{% if d.is_extract %} (extract){% endif %}{% if d.doc_number %}, No. {{ d.doc_number }}{% endif %}</dd>
  {% if d.classification_text %}<dt>Classification</dt><dd>{{ d.classification_text }}</dd>{% endif %}
  {% if d.priority_text %}<dt>Priority</dt><dd>{{ d.priority_text }}</dd>{% endif %}
  <dt>From</dt><dd>{{ d.authors or "(not resolved)" }}</dd>
  <dt>To</dt><dd>{{ d.recipients or "(not resolved)" }}</dd>
  <dt>Citation</dt><dd>{{ d.citation or "(none found)" }}</dd>
  <dt>Source</dt><dd><a href="{{ urls.row(database, "source_files", d.source_id|string) }}">{{ d.path }}</a>, lines {{ d.start_line }}-{{ d.end_line }}</dd>
</dl>
<div class="archdb-body">{{ d.body }}</div>
{% if d.signature %}<p><em>{{ d.signature }}</em></p>{% endif %}
</div>
<details>
<summary>Every stored field of this document (document {{ d.id }})</summary>
<p>This data as {% for name, url in renderers.items() %}<a href="{{ url }}">{{ name }}</a>{{ ", " if not loop.last }}{% endfor %}</p>
{% include custom_table_templates %}
</details>
{% if foreign_key_tables %}
    <h2>Links from other tables</h2>
    <ul>
        {% for other in foreign_key_tables %}
            <li><a href="{{ other.link }}">{{ "{:,}".format(other.count) }} row{% if other.count != 1 %}s{% endif %}</a>
                from {{ other.other_column }} in {{ other.other_table }}</li>
        {% endfor %}
    </ul>
{% endif %}
{% else %}{{ super() }}{% endif %}
{% endblock %}
"""
