"""The verification harness: ties pages, snippets and recorded outputs together."""
