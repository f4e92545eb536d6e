"""Reads of the recovery tools that encode who may see what, one module per tool."""
