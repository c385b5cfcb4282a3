"""printers: tables, names, YAML/JSON, jsonpath, custom columns and describe output in kubectl's formats."""
