"""The Qt application. Depends on commandcenter; never the other way."""
