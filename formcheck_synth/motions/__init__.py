"""Exercise motions: each maps a small state (rep progress, fault amounts) to a whole-body posture."""
