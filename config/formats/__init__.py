"""Date formats of our own where Django's differ from the source (settings.FORMAT_MODULE_PATH)."""
