"""Pooled results for counsellors and researchers: anonymised rows, reliability, REDCap."""
