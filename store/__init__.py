"""The snapshot and findings store shared by every stage."""
