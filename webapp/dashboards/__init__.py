"""Quota dashboards: the employer's own compliance, and the district at a glance for staff."""
