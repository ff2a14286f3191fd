"""Actors: mentions resolved to CAMEO-style codes (countries, officials by date, roles, groups).

Public surface:
    load_knowledge(user_files) -> Knowledge      # packaged dictionaries + users' YAML files
    find_actors(doc, published, knowledge) -> Mentions
Mentions.actors lists every mention; Mentions.of(token) gives the actors of the phrase a
token heads; Mentions.resolve_span(span) the actor a span names. UNKNOWN_COUNTRY ("---") stands
for a country the article does not name.
"""

from eventcoder.actors.knowledge import Knowledge, load_knowledge
from eventcoder.actors.resolve import UNKNOWN_COUNTRY, Mentions, find_actors

__all__ = ["UNKNOWN_COUNTRY", "Knowledge", "Mentions", "find_actors", "load_knowledge"]
