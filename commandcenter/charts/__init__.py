"""Journey-map, timeline and cadence figures (matplotlib `Figure` + Agg; no pyplot state).

matplotlib is imported inside the functions that draw, never at module import, so the app's
first window paints before it loads. The UI draws the same figures on a chart thread into
images (ui/charts/picture.py); `render.export` writes them to PNG, SVG or PDF for print and for `commandcenter report`.
"""

CHARTS = ("journey-map", "timeline", "cadence")
