"""The data attribution line (from SOURCES.md), shown in the app and carried by exports."""

ATTRIBUTION = (
    "Places: Who's On First (CC0; GeoNames CC BY 4.0), © OpenStreetMap contributors (ODbL), "
    "OpenSyria (CC BY 4.0). Boundaries: geoBoundaries / OCHA (CC BY 3.0 IGO)."
)
