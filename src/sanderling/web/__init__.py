"""The HTTP API and dashboard over the store (`sanderling serve`): app.py routes, params.py checks
parameters, queries.py reads the store, static/ is the page with its vendored chart library."""
