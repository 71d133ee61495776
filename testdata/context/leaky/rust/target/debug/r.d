dep-info
