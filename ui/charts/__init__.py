"""Qt wrappers around the core's matplotlib figures (FigureCanvasQTAgg, imported lazily)."""
