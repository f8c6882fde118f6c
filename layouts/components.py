"""Pieces every page shares: the header with navigation and the language switch, selectors."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import dcc, html

from indicators.labels import t
from indicators.stat_year import basis_note, year_label
from indicators.translation import region_label
from indicators.users import role_allows
from layouts import ids
from layouts.auth import csrf_token, current_name, current_role
from layouts.copy import copy_button
from layouts.state import PageState, application, city_name, year_basis


def editor_gate(state: PageState, path: str, next_path: str | None = None) -> html.Div | None:
    """The page a visitor who is not an editor gets instead of an editor's page (header and a sign-in
    link back to ``next_path``, by default the page itself); None for an editor."""
    if role_allows(current_role(), "editor"):
        return None
    return html.Div(lang=state.lang, children=[header(state, path), html.Main(id="main", children=[
        html.P(html.A(t("sign_in", state.lang), href=f"/login?next={next_path or path}"))])])


def header(state: PageState, path: str) -> html.Header:
    other = "en" if state.lang == "zh" else "zh"
    return html.Header(className="site-header", children=[
        html.A(t("skip", state.lang), href="#main", className="skip-link"),
        html.Div(className="brand", children=[
            dcc.Link(t("app_title", state.lang), href="/" + state.query(), className="brand-title"),
            html.Span(t("subtitle", state.lang, city=city_name(state.lang)), className="brand-subtitle"),
        ]),
        html.Nav(className="site-nav", children=[
            *user_links(state),
            dcc.Link(t("overview", state.lang), href="/" + state.query()),
            dcc.Link(t("briefing", state.lang), href="/briefing" + state.query()),
            dcc.Link(t("method", state.lang), href="/method" + state.query()),
            # The other language's name in its own script, marked as such for screen readers.
            dcc.Link(html.Span(t("switch_language", state.lang), lang=other), href=path + state.query(lang=other),
                     id=ids.LANG_LINK, className="lang-switch"),
        ]),
    ])


def user_links(state: PageState) -> list:
    """Sign-in, or who is signed in with the editor's pages and a sign-out button."""
    name, role = current_name(), current_role()
    if name is None:
        return [html.A(t("sign_in", state.lang), href=f"/login?lang={state.lang}", id="nav-login")]
    links: list = [html.Span(t("signed_in_as", state.lang, name=name, role=role), className="user-name")]
    if role_allows(role, "editor"):
        district = bool(application().users.regions_of(name))  # a district's figures go through a round
        links += [*([] if district else [dcc.Link(t("upload", state.lang), href="/upload" + state.query(),
                                                  id="nav-upload")]),
                  dcc.Link(t("rounds", state.lang), href="/rounds" + state.query(), id="nav-rounds"),
                  dcc.Link(t("history", state.lang), href="/history" + state.query(), id="nav-history"),
                  dcc.Link(t("regions", state.lang), href="/regions" + state.query(), id="nav-regions"),
                  dcc.Link(t("catalogue", state.lang), href="/catalogue" + state.query(), id="nav-catalogue")]
    links.append(html.Form(action="/logout", method="POST", className="inline-form", children=[
        dcc.Input(type="hidden", name="csrf", value=csrf_token(), id="nav-logout-token"),
        html.Button(t("sign_out", state.lang), type="submit", id="nav-logout", className="link-button")]))
    return links


def selectors(state: PageState, years: list[int], regions: list[str], year_id: str, region_id: str,
              shown_id: str) -> html.Div:
    region = state.region if state.region in regions else ""
    basis = year_basis()
    return html.Div(className="selectors", children=[
        dcc.Store(id=shown_id, data={"year": state.year, "region": region}),
        html.Label([t("year", state.lang), dcc.Dropdown(
            id=year_id, options=[{"label": year_label(y, basis, state.lang), "value": y} for y in reversed(years)],
            value=state.year, clearable=False, searchable=False, className="dropdown")]),
        html.Label([t("region", state.lang), dcc.Dropdown(
            id=region_id, options=[{"label": t("city_total", state.lang), "value": ""}]
            + [{"label": region_label(r, state.lang), "value": r} for r in regions],
            value=region, clearable=False, className="dropdown")]),
        html.Span(basis_note(basis, state.lang), className="note year-basis", id=f"{year_id}-basis"),
    ])


def download_links(state: PageState, code: str, chart: str = "main") -> html.P:
    """PNG, SVG and PDF of a chart, and the data it shows as CSV and XLSX."""
    params = {"lang": state.lang, "year": state.year, "region": state.region, "chart": chart}
    query = "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})
    data_query = "?" + urlencode({k: v for k, v in {"code": code, "year": state.year, "lang": state.lang}.items()
                                  if v not in (None, "")})
    links = [html.A(fmt.upper(), href=f"/export/{code}.{fmt}{query}&download=1", className="download",
                    **{"aria-label": f"{t('download_chart', state.lang)} {fmt.upper()}"}) for fmt in ("png", "svg", "pdf")]
    data = [html.A(f"{t('download_data_shown', state.lang)} {fmt.upper()}", href=f"/download/data.{fmt}{data_query}",
                   className="download") for fmt in ("csv", "xlsx")]
    return html.P(className="downloads", children=[html.Span(t("download_chart", state.lang) + ": "), *links, *data])


def draft_block(block_id: str, heading: str, paragraphs: tuple[str, ...] | list[str], lang: str, key: str,
                title: str = "", note: str = "") -> html.Section:
    """Drafted paragraphs as plain text, each with a copy button, and one button copying them all."""
    whole = "\n\n".join([title, *paragraphs] if title else paragraphs)
    rows = [html.Div(className="draft-paragraph", children=[html.P(text), copy_button(f"{key}-{n}", text, lang)])
            for n, text in enumerate(paragraphs)] if len(paragraphs) > 1 else [html.P(paragraphs[0])]
    return html.Section(id=block_id, className="draft", children=[
        html.Div(className="draft-head", children=[
            html.H2(heading), copy_button(key, whole, lang, "copy_all" if len(paragraphs) > 1 else "copy")]),
        *([html.P(title, className="draft-title")] if title else []),
        *rows,
        *([html.P(note, className="note")] if note else []),
    ])
