"""Helpers behind the Streamlit pages (app.py + pages/).

Why a package: the pages only draw. Everything that can be tested without a browser (filters,
strings, escaping, map and chart building) lives here, split into small modules with one job each.
"""
