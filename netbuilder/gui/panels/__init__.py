"""The editor's side panels: inspector, problems, summary, code, undo history, example gallery."""
