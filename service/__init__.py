"""Quote attribution service: finds quotes, speakers and cues in news articles."""

__version__ = "0.1.0"
