"""Stories and events: online clustering of reports, with analyst corrections that stick.

features = [report_features(article, entities, figures) for article in new]
with store.transaction() as conn:
    memberships = assign(store, conn, features, settings)
    refresh_stories(store, conn, {m.story for m in memberships})
"""

from accord.stories.cluster import assign
from accord.stories.corrections import merge, move, rename, split
from accord.stories.features import (
    Embedder,
    ReportFeatures,
    counted_figures,
    event_day,
    head_names,
    local_name,
    names_outlet,
    outlet_label,
    report_features,
    site_name_span,
    spokespeople,
)
from accord.stories.groups import similar_stories
from accord.stories.summary import refresh_stories

__all__ = [
    "Embedder",
    "ReportFeatures",
    "assign",
    "counted_figures",
    "event_day",
    "head_names",
    "local_name",
    "merge",
    "move",
    "names_outlet",
    "outlet_label",
    "refresh_stories",
    "rename",
    "report_features",
    "similar_stories",
    "site_name_span",
    "split",
    "spokespeople",
]
