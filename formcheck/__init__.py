"""formcheck: a camera-based exercise form checker for back-care exercises."""

__version__ = "0.1.0"
