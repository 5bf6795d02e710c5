"""formcheck: a camera-based exercise form checker for back-care exercises."""

import os as _os

# OpenCV and its FFmpeg backend print warnings for every odd file or missing camera; formcheck
# reports those itself, in one line. Set before anything imports cv2.
_os.environ.setdefault("OPENCV_LOG_LEVEL", "SILENT")
_os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

__version__ = "0.1.0"
