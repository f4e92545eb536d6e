"""Every write of the recovery tools, one module per tool."""
