"""The yardstick for the dashboard benchmark: a plain Dash page with one graph, nothing else."""

from __future__ import annotations

import sys

import plotly.graph_objects as go
from dash import Dash, dcc, html

app = Dash(__name__, serve_locally=True)
app.layout = html.Div([dcc.Graph(figure=go.Figure(go.Scatter(x=[2004, 2005, 2006, 2007, 2008],
                                                               y=[1500, 1650, 1800, 2000, 2185])))])

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
