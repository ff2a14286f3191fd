"""Events: CAMEO-coded events with PLOVER category, Goldstein score, modality and evidence.

Public surface:
    load_lexicon(user_files) -> Lexicon
    find_events(doc, mentions, lexicon, quotes, places) -> list[Event]
"""

from eventcoder.events.detect import find_events
from eventcoder.events.lexicon import Lexicon, load_lexicon

__all__ = ["Lexicon", "find_events", "load_lexicon"]
