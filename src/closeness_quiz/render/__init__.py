"""Renderers: each turns the same plain view (report.ReportView, compare views) into output."""
