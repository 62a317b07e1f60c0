"""Reconcile a story's reports: claim groups and verdicts, timeline, briefing and coverage."""

from accord.reconcile.briefing import build_briefing
from accord.reconcile.coverage import ReportCoverage, build_coverage
from accord.reconcile.dates import infer_published, resolve_inferred_claims, resolve_inferred_times
from accord.reconcile.groups import group_claims
from accord.reconcile.intervals import Interval, claim_interval
from accord.reconcile.ledger import Ledger, ReportLedger, build_ledger, report_ledger
from accord.reconcile.timeline import build_timeline
from accord.reconcile.verdicts import BEST_RULE

__all__ = [
    "BEST_RULE",
    "Interval",
    "Ledger",
    "ReportCoverage",
    "ReportLedger",
    "build_briefing",
    "build_coverage",
    "build_ledger",
    "build_timeline",
    "claim_interval",
    "group_claims",
    "infer_published",
    "report_ledger",
    "resolve_inferred_claims",
    "resolve_inferred_times",
]
