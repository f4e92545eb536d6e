"""Input of the recovery tools' pages, one module per tool: parsed and validated
here, saved by services."""
