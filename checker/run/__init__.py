"""The run layer: wires the stages into one check (pipeline), runs batches and writes outputs (runner), project settings, the baseline of accepted gaps, and year over year (yoy)."""
