"""Pose estimation: landmark definitions, the Pose data object, the offline model and estimator."""

from formcheck.pose.landmarks import SKELETON, Joint, Landmark, Side, describe
from formcheck.pose.pose import VISIBILITY_THRESHOLD, Pose

__all__ = ["SKELETON", "VISIBILITY_THRESHOLD", "Joint", "Landmark", "Pose", "Side", "describe"]
