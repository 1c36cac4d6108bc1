"""Build tooling for the explainer: the offline zip and small MkDocs hooks."""
