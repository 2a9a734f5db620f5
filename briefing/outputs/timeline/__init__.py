"""The timeline chart: axis, label layout and drawing (matplotlib, imported lazily)."""
