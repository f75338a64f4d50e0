"""Raqib dashboard: ``streamlit run app.py``.

The entry point draws what every page shares (language switch, filters in the sidebar) and hands
over to the page the user picked (``st.navigation`` over ``pages/``). Pages only draw: data comes
from the ``incidents`` store through ``dashboard.data``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `streamlit run` from any folder

from dashboard.app_shell import run_shell  # noqa: E402

run_shell()
