"""Actors: mentions resolved to CAMEO-style codes (countries, officials by date, roles, groups).

Public surface:
    load_knowledge(user_files) -> Knowledge      # packaged dictionaries + users' YAML files
    find_actors(doc, published, knowledge) -> Mentions
Mentions.actors lists every mention; Mentions.of(token) gives the actors of the phrase a
token heads; Mentions.resolve_span(span) the actor a span names.
"""

from eventcoder.actors.knowledge import Knowledge, load_knowledge
from eventcoder.actors.resolve import Mentions, find_actors

__all__ = ["Knowledge", "Mentions", "find_actors", "load_knowledge"]
