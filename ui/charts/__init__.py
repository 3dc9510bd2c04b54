"""Charts on screen: the core's matplotlib figures drawn on a chart thread into images
(picture.py) and shown by a widget (canvas.py)."""
