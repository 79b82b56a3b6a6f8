"""The NLP engine: text in, quotes, cues and speakers out. Free of Flask.

    engine = Engine("/path/to/stanza_resources")
    result = engine.extract(article_text)        # -> Extraction
"""
from .errors import DeadlineExceeded, EngineError, ModelDirError
from .model import ATTRIBUTIONS, QUOTE_TYPES, Extraction, Quote, Span, Speaker, SpeakerRef
from .pipeline import Engine, check_model_dir

__all__ = [
    "ATTRIBUTIONS", "QUOTE_TYPES", "DeadlineExceeded", "Engine", "EngineError", "Extraction",
    "ModelDirError", "Quote", "Span", "Speaker", "SpeakerRef", "check_model_dir",
]
